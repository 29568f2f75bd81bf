"""Which reader an imported file needs, judged from its bytes, never trusted from its name.

A referent may send anything under any name: a PDF renamed ``.ods``, an old
``.xls``, an empty file. Each is refused with one French line saying what the
file is; every hostile-file limit is raised as :class:`UnreadableFile`.
"""

from __future__ import annotations

from typing import Final

from .csv_reader import MAX_CSV_BYTES, NotText, read_csv
from .ods_reader import is_ods, read_ods
from .safe_xml import UnsafeXml
from .untrusted_zip import UnsafeArchive, UntrustedZip, megabytes
from .workbook import MAX_CELLS, TooManyCells, Workbook
from .xlsx_reader import is_xlsx, read_xlsx

ZIP_MAGIC: Final = b"PK\x03\x04"
OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0"


class UnreadableFile(Exception):
    """The file is no checklist the import can read; the message is the French reason."""


def read_workbook(data: bytes) -> Workbook:
    """The file's sheets, whatever its name says; raises :class:`UnreadableFile`."""
    if not data.strip():
        raise UnreadableFile("fichier vide")
    try:
        if data.startswith(ZIP_MAGIC):
            archive = UntrustedZip(data)
            if is_ods(archive):
                return read_ods(archive)
            if is_xlsx(archive):
                return read_xlsx(archive)
            raise UnreadableFile("archive ZIP qui n’est ni un tableur ODS ni un tableur XLSX")
        if data.startswith(OLE_MAGIC):
            raise UnreadableFile(
                "ancien format Excel (XLS) non pris en charge\u00a0: "
                "enregistrer le fichier au format ODS ou XLSX"
            )
        if data.startswith(b"%PDF"):
            raise UnreadableFile(
                "document PDF, pas un tableur\u00a0: importer le fichier ODS, XLSX ou CSV"
            )
        if len(data) > MAX_CSV_BYTES:
            raise UnreadableFile(
                f"fichier trop volumineux ({megabytes(len(data))}, "
                f"limite {megabytes(MAX_CSV_BYTES)})"
            )
        return read_csv(data)
    except (UnsafeArchive, UnsafeXml, NotText) as error:
        raise UnreadableFile(str(error)) from error
    except TooManyCells as error:
        count = f"{MAX_CELLS:,}".replace(",", "\u202f")
        raise UnreadableFile(
            f"plus de {count} cellules remplies, bien plus qu’une liste de contrôle"
        ) from error
