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
