"""Read generated checklists back with real readers, and compute what they must hold.

The expected content is derived here from ``needs.json`` and the TOML profiles,
without the extension's scoping code, so a scoping bug cannot hide itself.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from odfdo import Document
from pypdf import PdfReader

ALL_CHANNELS = ["physique", "telephonique", "courrier", "courriel", "tous-canaux"]
SOFFICE = shutil.which("soffice")
PDFTOTEXT = shutil.which("pdftotext")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice missing: apt-get install libreoffice-calc-nogui"
)
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="poppler missing: apt-get install poppler-utils"
)


def profile_settings(path: Path | None) -> dict[str, Any]:
    """A profile's scope as plain data; ``None`` is the generic all-channels list."""
    if path is None:
        return {"channels": ALL_CHANNELS, "engagements": None, "excluded": []}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def expected_lever_ids(levers: list[dict[str, Any]], profile: dict[str, Any]) -> list[str]:
    """The site's levers in kit order, straight from the rule in the issue."""
    engagements = profile.get("engagements")
    channels = set(profile["channels"]) | {"tous-canaux"}
    excluded = set(profile.get("excluded", []))
    return [
        lever["id"]
        for lever in levers
        if (engagements is None or lever["commitment"][0] in engagements)
        and lever["channel"] in channels
        and lever["id"] not in excluded
    ]


def expected_lines(levers: list[dict[str, Any]], lever_ids: list[str]) -> list[list[str]]:
    """Lines to assess: levers sharing an ``action`` key form one line."""
    chosen = set(lever_ids)
    lines: dict[str, list[str]] = {}
    for lever in levers:
        if lever["id"] in chosen:
            lines.setdefault(lever.get("action") or lever["id"], []).append(lever["id"])
    return list(lines.values())


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def read_csv(path: Path) -> tuple[bytes, list[dict[str, str]]]:
    data = path.read_bytes()
    text = data.decode("utf-8").removeprefix("\ufeff")
    return data, list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def xlsx_lines(path: Path) -> list[list[Any]]:
    sheet = openpyxl.load_workbook(path)["Leviers"]
    return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]


def ods_table(path: Path, name: str) -> Any:
    return Document(str(path)).body.get_table(name=name)


def ods_lines(path: Path) -> list[list[Any]]:
    table = ods_table(path, "Leviers")
    return [[cell.value for cell in row.traverse()] for row in table.traverse()][1:]


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pdftotext(path: Path) -> str:
    assert PDFTOTEXT is not None
    return subprocess.run(
        [PDFTOTEXT, "-raw", "-enc", "UTF-8", str(path), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def libreoffice_sheet_csv(path: Path, sheet: int, workdir: Path) -> list[list[str]]:
    """Open ``path`` in headless LibreOffice, recalculate, export one sheet as CSV."""
    assert SOFFICE is not None
    outdir = workdir / f"lo-{path.stem}-{path.suffix[1:]}"
    # Separator ; quote " UTF-8, formulas' displayed results, only sheet number ``sheet``.
    filter_options = f"59,34,76,1,,0,false,true,false,false,false,{sheet}"
    env = dict(os.environ, HOME=str(workdir))
    subprocess.run(
        [SOFFICE, "--headless", "--norestore",
         f"-env:UserInstallation=file://{workdir}/lo-profile",
         "--convert-to", f"csv:Text - txt - csv (StarCalc):{filter_options}",
         "--outdir", str(outdir), str(path)],
        check=True, capture_output=True, timeout=180, env=env,
    )  # fmt: skip
    [exported] = outdir.glob("*.csv")
    return list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8")), delimiter=";"))


def libreoffice_pdf(path: Path, workdir: Path, env: dict[str, str] | None = None) -> Path:
    """Print ``path`` to PDF with headless LibreOffice, as a referent's « Imprimer » would.

    ``env`` (from ``fonts.fontconfig_environment``) chooses the fonts LibreOffice finds.
    """
    assert SOFFICE is not None
    outdir = workdir / f"lo-pdf-{path.suffix[1:]}"
    subprocess.run(
        [SOFFICE, "--headless", "--norestore",
         f"-env:UserInstallation=file://{workdir}/lo-profile",
         "--convert-to", "pdf", "--outdir", str(outdir), str(path)],
        check=True, capture_output=True, timeout=180,
        env=dict(env or os.environ, HOME=str(workdir)),
    )  # fmt: skip
    return outdir / f"{path.stem}.pdf"


def pdf_font_names(path: Path) -> set[str]:
    """Base names of the fonts a PDF embeds, subset prefix removed (``DejaVuSans-Bold``)."""
    names: set[str] = set()
    for page in PdfReader(path).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.get_object().values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names
