import sys
from pathlib import Path

from marianne_kit.kit.model import needs_settings

# The toy format lives beside this file; a test edits it between two builds of
# one process, so it is loaded afresh by every build.
sys.path.insert(0, str(Path(__file__).parent))
sys.modules.pop("toy_format", None)

extensions = ["myst_parser", "marianne_kit"]
myst_enable_extensions = ["colon_fence"]
marianne_referential_version = "Référentiel de test"
marianne_checklist_formats = ["toy_format:TOY"]
globals().update(needs_settings())
