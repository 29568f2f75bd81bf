"""Sphinx configuration of the Référentiel Marianne lever bank.

Sources live in ``docs/``; build with ``sphinx-build -c . docs build/html`` (see
``noxfile.py``). Every sphinx-needs setting comes from ``marianne_kit.kit.model``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "ext"))

from marianne_kit.kit.model import needs_settings  # noqa: E402
from marianne_kit.publish.base_url import publish_settings  # noqa: E402

project = "Référentiel Marianne — Banque de leviers"
author = "Kit de déploiement Marianne"
copyright = "SGMAP (texte du kit, 2013) et contributeurs du projet"
language = "fr"
root_doc = "index"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_needs",
    "marianne_kit",
    "notfound.extension",
]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "**/README.md"]
suppress_warnings: list[str] = []

html_theme = "marianne-dsfr"
html_title = "Banque de leviers Marianne"
html_static_path = ["docs/_static"]
html_css_files = ["marianne.css"]
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None

globals().update(needs_settings())
# Publishing: canonical links, sitemap.xml, robots.txt and the 404 page, all from the one
# base URL in MARIANNE_BASE_URL (README « Publier le site »; a placeholder without it).
globals().update(publish_settings(os.environ))

# Self-assessment checklists: one TOML profile per site (see docs/checklists/index.md).
marianne_checklists_dir = "checklists"
# The edition every page, checklist and data file states (docs/editions.toml lists them).
marianne_edition = "2026.2"
marianne_referential_version = "Référentiel Marianne — banque de leviers du kit de déploiement"
