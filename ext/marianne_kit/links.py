"""References from one page to a need rendered on another, for post-transforms."""

from __future__ import annotations

from docutils import nodes
from sphinx.builders import Builder
from sphinx_needs.views import NeedsView


def need_uri(builder: Builder, from_docname: str, need_docname: str, need_id: str) -> str:
    """The relative URI of a need's anchor, as the current builder writes pages."""
    if need_docname == from_docname:
        return f"#{need_id}"
    return f"{builder.get_relative_uri(from_docname, need_docname)}#{need_id}"


def need_reference(
    builder: Builder,
    from_docname: str,
    needs: NeedsView,
    need_id: str,
    text: str | None = None,
) -> nodes.Node:
    """A link to ``need_id`` showing ``text`` (the ID by default).

    A missing need yields plain text: sphinx-needs already reported the dead link
    with its location, and a second, vaguer warning would only add noise.
    """
    need = needs.get(need_id)
    label = text if text is not None else need_id
    if need is None or not need["docname"]:
        return nodes.inline(label, label)
    uri = need_uri(builder, from_docname, need["docname"], need_id)
    return nodes.reference(label, label, refuri=uri, internal=True)


def page_reference(builder: Builder, from_docname: str, docname: str, text: str) -> nodes.reference:
    """A link to the top of another page."""
    uri = builder.get_relative_uri(from_docname, docname)
    return nodes.reference(text, text, refuri=uri, internal=True)
