"""Toctree captions as headings with a level, as ARIA requires.

Sphinx writes a toctree caption (« Engagements », « Leviers »…, in the home
page's « Sommaire »; the DSFR side menu writes its own) as
``<p class="caption" role="heading">`` without
``aria-level``: the heading role requires one (axe ``aria-required-attr``, RGAA
9.1), and screen readers then guess a level. Our translator adds it: one level
below the section that holds the toctree, and never above 2 — in the sidebar
(rendered outside any section) the page's own title is the level 1 heading.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator


def caption_level(section_level: int) -> int:
    """The heading level of a toctree caption inside ``section_level`` sections."""
    return max(2, section_level + 1)


class CaptionLevelTranslator(HTML5Translator):
    def visit_title(self, node: nodes.title) -> None:
        super().visit_title(node)
        parent = node.parent
        if not (isinstance(parent, addnodes.compact_paragraph) and parent.get("toctree")):
            return
        level = caption_level(self.section_level)
        # The opening <p> is among the last fragments Sphinx just appended.
        for index in range(len(self.body) - 1, max(len(self.body) - 4, -1), -1):
            if 'role="heading"' in self.body[index]:
                self.body[index] = self.body[index].replace(
                    'role="heading"', f'role="heading" aria-level="{level}"', 1
                )
                return


def setup_toctree_captions(app: Sphinx) -> None:
    app.set_translator("html", CaptionLevelTranslator, override=True)
