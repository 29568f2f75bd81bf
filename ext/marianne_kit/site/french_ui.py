"""French for the theme's interface strings that no message catalog covers.

Furo hard-codes some labels in its templates (« Skip to content », the
``aria-label`` of its toggles) and Sphinx's French catalog lacks others
(« Next », « On this page »). A French public site must speak French to screen
readers too, so after the build every written HTML page gets these exact strings
replaced. The mapping only matches whole attribute values or whole text nodes,
so content can never be touched.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

#: English interface string -> French; matched as a whole text node or attribute value.
UI_STRINGS: dict[str, str] = {
    "Skip to content": "Aller au contenu",
    "Back to top": "Haut de page",
    "Toggle Light / Dark / Auto color theme": "Changer de thème : clair, sombre ou automatique",
    "Toggle site navigation sidebar": "Afficher ou masquer le menu du site",
    "Toggle table of contents sidebar": "Afficher ou masquer le sommaire de la page",
    "Auto light/dark, in dark mode": "Thème automatique, actuellement sombre",
    "Auto light/dark, in light mode": "Thème automatique, actuellement clair",
    "Dark mode": "Thème sombre",
    "Light mode": "Thème clair",
    "Next": "Suivant",
    "Previous": "Précédent",
    "On this page": "Sur cette page",
    "Contents": "Sommaire",
    "Made with": "Réalisé avec",
    "Please activate JavaScript to enable the search functionality.": (
        "Activez JavaScript pour utiliser la recherche."
    ),
}
_TOGGLE_SECTION = re.compile(r'aria-label="Toggle navigation of ([^"]*)"')
_NBSP_COLON = "\u00a0:"


def _replacements(english: str, french: str) -> list[tuple[re.Pattern[str], str]]:
    """Two exact-match rules per string: as a whole text node, as a whole attribute."""
    french = french.replace(" :", _NBSP_COLON).replace("\\", "\\\\")
    text_node = re.compile(r"(>\s*)" + re.escape(english) + r"(\s*<)")
    attribute = re.compile(r'((?:aria-label|title|alt)=")' + re.escape(english) + '"')
    return [(text_node, rf"\g<1>{french}\g<2>"), (attribute, rf'\g<1>{french}"')]


_RULES = [rule for english, french in UI_STRINGS.items() for rule in _replacements(english, french)]


def translate_page(html: str) -> str:
    """Replace the theme's English interface strings in one page."""
    html = _TOGGLE_SECTION.sub(
        lambda m: f'aria-label="Afficher ou masquer la navigation de « {m[1]} »"', html
    )
    html = html.replace("Sphinx</a> and", "Sphinx</a> et")
    for pattern, template in _RULES:
        html = pattern.sub(template, html)
    return html


def _translate_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        original = page.read_text(encoding="utf-8")
        translated = translate_page(original)
        if translated != original:
            temporary = page.with_suffix(".html.tmp")
            temporary.write_text(translated, encoding="utf-8")
            temporary.replace(page)


def setup_french_ui(app: Sphinx) -> None:
    app.connect("build-finished", _translate_site)
