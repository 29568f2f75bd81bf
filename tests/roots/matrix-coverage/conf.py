from marianne_kit.kit.model import needs_settings

extensions = ["myst_parser", "sphinx_design", "marianne_kit"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
globals().update(needs_settings())
