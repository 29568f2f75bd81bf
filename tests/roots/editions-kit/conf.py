from marianne_kit.kit.model import needs_settings

extensions = ["myst_parser", "marianne_kit"]
myst_enable_extensions = ["colon_fence"]
templates_path = ["_templates"]
marianne_edition = "2026.2"
globals().update(needs_settings())
