"""``permalink.html?id=LEV-01-01``: a lasting link to any item of the kit, by its ID.

IDs never change meaning, but the pages holding them may move. sphinx-needs
ships a redirect page for this, in English and outside the theme, that
downloads the whole ``needs.json`` (≈ 30 KB compressed) to look one ID up. The
kit writes its own page instead, in French and in the theme, carrying only
the ID → address map it needs. Plain functions; the Sphinx glue is in
:mod:`.publish`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, Final

PAGE: Final = "permalink"
MAP_ID: Final = "mk-permalinks"
STATUS_ID: Final = "mk-permalink-status"

#: Reads the map, then goes to the ID's page, or says the ID is unknown.
_SCRIPT: Final = f"""(function () {{
  "use strict";
  const targets = JSON.parse(document.getElementById("{MAP_ID}").textContent);
  const id = (new URLSearchParams(window.location.search).get("id") || "").trim().toUpperCase();
  const status = document.getElementById("{STATUS_ID}");
  if (Object.prototype.hasOwnProperty.call(targets, id)) {{
    status.textContent = "Ouverture de " + id + "…";
    window.location.replace(targets[id]);
  }} else if (id) {{
    status.textContent = "Aucun élément du kit ne porte l’identifiant « " + id + " ».";
  }}
}})();"""


def permalink_targets(needs: Iterable[Mapping[str, Any]], suffix: str = ".html") -> dict[str, str]:
    """ID -> address of the item on its page, relative to the site's root, in ID order."""
    return {
        str(need["id"]): f"{need['docname']}{suffix}#{need['id']}"
        for need in sorted(needs, key=lambda need: str(need["id"]))
        if need.get("docname")
    }


def permalink_body(targets: Mapping[str, str], suffix: str = ".html") -> str:
    """The page's body: what it is for, the live status, the map and its script."""
    data = json.dumps(targets, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # Script text is not HTML-decoded: « </ » is written as JSON's « <\/ » instead.
    data = data.replace("</", "<\\/")
    return (
        "<h1>Lien permanent</h1>"
        "<p>Cette page ouvre l’engagement, le levier ou la bonne pratique dont "
        "l’identifiant suit <code>?id=</code> dans son adresse, par exemple "
        f'<a href="{PAGE}{suffix}?id=LEV-01-01"><code>{PAGE}{suffix}?id=LEV-01-01</code></a>'
        "&#160;: un lien qui reste valable même si l’élément change de page.</p>"
        f'<p id="{STATUS_ID}" role="status"></p>'
        f'<p>Sans JavaScript, cherchez l’identifiant dans le <a href="catalogue{suffix}">'
        f'catalogue des leviers</a> ou avec la <a href="search{suffix}">recherche</a>.</p>'
        f'<script type="application/json" id="{MAP_ID}">{data}</script>'
        f"<script>{_SCRIPT}</script>"
    )
