"""Read the CSV files we publish with Python's own ``csv`` module.

The format is the documented one (UTF-8 with a byte order mark, « ; »
separators): tests must not read it back with the product's reader, which
would agree with any mistake of the product's writer.
"""

from __future__ import annotations

import csv
import io

UTF8_BOM = b"\xef\xbb\xbf"


def csv_rows(data: bytes) -> list[list[str]]:
    """Every row of a published CSV file, its byte order mark checked and removed."""
    assert data.startswith(UTF8_BOM), "UTF-8 byte order mark, so French Excel reads the accents"
    text = data[len(UTF8_BOM) :].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
