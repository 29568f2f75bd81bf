"""Parsing XML from an untrusted file: no DTD, no entity, no external reference.

``defusedxml`` refuses a document type declaration outright, so neither an
entity bomb (« billion laughs ») nor an external entity (a local file's
contents pulled into a cell) ever expands. Parsing is incremental: the readers
drop each row once read, so memory follows one row, not the sheet.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree


class UnsafeXml(Exception):
    """XML refused or unreadable; the message is the French reason."""


def iterparse(data: bytes, entry: str) -> Iterator[tuple[str, Element]]:
    """``(event, element)`` pairs for start and end tags of ``data`` (entry ``entry``)."""
    events: Any = defusedxml.ElementTree.iterparse(
        io.BytesIO(data), events=("start", "end"), forbid_dtd=True
    )
    try:
        yield from events
    except defusedxml.DTDForbidden as error:
        raise UnsafeXml(
            f"l’élément {entry} déclare une DTD ou des entités XML, refusées "
            "(risque d’expansion d’entités)"
        ) from error
    except defusedxml.DefusedXmlException as error:
        raise UnsafeXml(f"l’élément {entry} contient des entités XML, refusées") from error
    except ParseError as error:
        raise UnsafeXml(f"l’élément {entry} n’est pas du XML valide ({error})") from error


def local(tag: str) -> str:
    """A tag or attribute name without its namespace: ``{urn:…}table-row`` -> ``table-row``."""
    return tag.rpartition("}")[2]


def attribute(element: Element, name: str) -> str | None:
    """The attribute ``name`` whatever its namespace (``table:formula``, ``r:id``…)."""
    for key, value in element.attrib.items():
        if local(key) == name:
            return value
    return None
