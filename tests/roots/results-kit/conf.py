from marianne_kit.kit.model import needs_settings

extensions = ["myst_parser", "marianne_kit"]
myst_enable_extensions = ["colon_fence"]
marianne_referential_version = "Référentiel de test"
globals().update(needs_settings())
# Each site's dashboard, plan and pre-filled checklist: the network's internal build.
marianne_audience = "internal"
