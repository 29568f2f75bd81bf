"""Zip packages (XLSX, ODS) with fixed entry dates, so builds are byte-identical.

``zipfile`` stamps each entry with the current time unless given a
``ZipInfo``; here every entry carries the build date, entries keep the order
given (ODS requires ``mimetype`` first and stored uncompressed).
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class ZipPart:
    name: str
    content: str | bytes
    compress: bool = True


def zip_package(parts: Iterable[ZipPart], day: datetime.date) -> bytes:
    """The zip bytes of ``parts``, every entry dated ``day`` at midnight."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in parts:
            info = zipfile.ZipInfo(part.name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED if part.compress else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            data = part.content.encode("utf-8") if isinstance(part.content, str) else part.content
            archive.writestr(info, data, compresslevel=6 if part.compress else None)
    return buffer.getvalue()


ODS_MIMETYPE: Final = "application/vnd.oasis.opendocument.spreadsheet"


def ods_package(content: str, day: datetime.date, meta: str | None = None) -> bytes:
    """A minimal ODS (``content.xml``, optional ``meta.xml``): the one-sheet exports'
    package, which LibreOffice and Excel open with their default styles."""
    entries = [("content.xml", content)] + ([("meta.xml", meta)] if meta is not None else [])
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
        f'manifest:media-type="{ODS_MIMETYPE}"/>'
        + "".join(
            f'<manifest:file-entry manifest:full-path="{name}" manifest:media-type="text/xml"/>'
            for name, _ in entries
        )
        + "</manifest:manifest>"
    )
    parts = [
        ZipPart("mimetype", ODS_MIMETYPE, compress=False),
        ZipPart("META-INF/manifest.xml", manifest),
        *(ZipPart(name, text) for name, text in reversed(entries)),
    ]
    return zip_package(parts, day)
