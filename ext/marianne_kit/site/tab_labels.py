"""Tab labels without ``aria-controls``, so every page is valid HTML (Nu Html Checker).

sphinx-design 0.8 puts ``aria-controls`` on each tab's ``<label for=…>``; HTML
forbids that attribute on a label tied to a form control, and the radio input
it labels already makes the tab work with keyboard and screen readers. The
channel tabs of the commitment pages (``kit/overview.py``) are such tabs.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_design.tabs import sd_tab_label


class DropTabLabelControls(SphinxPostTransform):
    """After sphinx-design's own tab transform (priority 200)."""

    default_priority = 210
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for label in self.document.findall(sd_tab_label):
            if "aria_controls" in label:
                del label["aria_controls"]


def setup_tab_labels(app: Sphinx) -> None:
    app.add_post_transform(DropTabLabelControls)
