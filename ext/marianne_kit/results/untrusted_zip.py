"""Opening a zip archive (ODS, XLSX) that a stranger may have crafted.

No spreadsheet library checks the sizes inside an archive, so a few kilobytes
can unpack to gigabytes (a zip bomb). Before any XML is parsed, the archive's
size, its number of entries, each entry's declared size and its compression
ratio are checked, and each entry is then read with a hard cap, because the
declared sizes are themselves written by the attacker.
"""

from __future__ import annotations

import io
import zipfile
from typing import Final

from .import_problems import NBSP

#: A filled checklist is about 100 KB; re-saved by Excel, rarely above 1 MB.
MAX_ARCHIVE_BYTES: Final = 20 * 1024 * 1024
#: One unpacked entry (content.xml, a sheet): a checklist's is below 2 MB.
MAX_ENTRY_BYTES: Final = 50 * 1024 * 1024
#: Entries in one archive: LibreOffice writes about 10, Excel about 15.
MAX_ENTRIES: Final = 1000
#: Unpacked / packed size. Spreadsheet XML compresses 10 to 30 times; bombs 1,000 times.
MAX_RATIO: Final = 100
#: Entries smaller than this are not ratio-checked (tiny XML compresses very well).
RATIO_FLOOR_BYTES: Final = 1024 * 1024


class UnsafeArchive(Exception):
    """An archive refused before unpacking; the message is the French reason."""


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}{NBSP}Mo"


class UntrustedZip:
    """An archive whose entries are read only within the limits above."""

    def __init__(self, data: bytes) -> None:
        if len(data) > MAX_ARCHIVE_BYTES:
            raise UnsafeArchive(
                f"fichier trop volumineux ({megabytes(len(data))}, "
                f"limite {megabytes(MAX_ARCHIVE_BYTES)})"
            )
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            entries = self.archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as error:
            raise UnsafeArchive("archive ZIP illisible ou endommagée") from error
        if len(entries) > MAX_ENTRIES:
            raise UnsafeArchive(f"archive de {len(entries)} éléments (limite {MAX_ENTRIES})")
        self.names = {entry.filename: entry for entry in entries}
        for entry in entries:
            self._check(entry)

    @staticmethod
    def _check(entry: zipfile.ZipInfo) -> None:
        if entry.file_size > MAX_ENTRY_BYTES:
            raise UnsafeArchive(
                f"l’élément {entry.filename} de l’archive fait {megabytes(entry.file_size)} "
                f"une fois décompressé (limite {megabytes(MAX_ENTRY_BYTES)})"
            )
        if entry.file_size > RATIO_FLOOR_BYTES:
            ratio = entry.file_size / max(entry.compress_size, 1)
            if ratio > MAX_RATIO:
                raise UnsafeArchive(
                    f"l’élément {entry.filename} de l’archive est compressé {ratio:.0f} fois "
                    f"(limite {MAX_RATIO}{NBSP}: bombe de décompression)"
                )

    def has(self, name: str) -> bool:
        return name in self.names

    def read(self, name: str) -> bytes:
        """The entry's bytes, never more than :data:`MAX_ENTRY_BYTES` whatever its header says."""
        entry = self.names[name]
        try:
            with self.archive.open(entry) as stream:
                data = stream.read(MAX_ENTRY_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise UnsafeArchive(f"l’élément {name} de l’archive est illisible") from error
        if len(data) > MAX_ENTRY_BYTES:
            raise UnsafeArchive(
                f"l’élément {name} de l’archive dépasse {megabytes(MAX_ENTRY_BYTES)} "
                "une fois décompressé (taille annoncée fausse)"
            )
        compressed = max(entry.compress_size, 1)
        if len(data) > RATIO_FLOOR_BYTES and len(data) / compressed > MAX_RATIO:
            raise UnsafeArchive(
                f"l’élément {name} de l’archive est compressé {len(data) / compressed:.0f} "
                f"fois (limite {MAX_RATIO}{NBSP}: bombe de décompression)"
            )
        return data
