"""The PDF checklist carries any text a profile may hold: every script DejaVu Sans
covers, drawn in that embedded font, read back exactly, and kept on the page
however long a name is. Each format is read with the reader a referent's tools use.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from checklist_readers import PDFTOTEXT, needs_pdftotext, ods_table
from marianne_kit.checklists.checklist_files import SiteJob, render_site
from marianne_kit.checklists.checklist_html import BODY_TOKEN, TITLE_TOKEN, PageShell
from marianne_kit.checklists.checklist_pdf import TextMeasure
from marianne_kit.checklists.checklist_pdf_layout import shorten, wrap
from marianne_kit.checklists.checklist_text import ChecklistMeta
from marianne_kit.checklists.profiles import SiteProfile
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

META = ChecklistMeta("Référentiel de test", datetime.date(2026, 11, 27))
MULTILINGUAL = (
    "Sous-préfecture de Việt Trì — accueil, Γραφείο υποδοχής Αθηνών, "
    "Приёмная Москвы, n°\u202f3, Saint\u2011Étienne, l’œuvre à 5\u00a0€"
)
_WORDS = "Sous-préfecture de Việt Trì — accueil Γραφείο Αθηνών Приёмная Москвы n°\u202f3 l’œuvre "
#: 2,000 characters, words of ordinary length (none wider than a line).
LONG_NAME = (_WORDS * 40)[:1999] + "Z"
#: 2,000 characters with one 150-character word, which must be cut to fit.
LONG_REFERENT = ("Référent " * 120)[:1000] + "x" * 150 + (" Suppléante" * 100)[:850]
#: The A4 MediaBox of every page, in points.
A4_POINTS = (595.2756, 841.8898)
#: Nothing is drawn closer than this to the left and right edges (the margin) …
SIDE_MARGIN = 40.0
#: … or to the top and bottom edges (running header and footer included).
END_MARGIN = 24.0
PAGE_BODY = ("-x", "0", "-y", "45", "-W", "596", "-H", "755")  # between header and footer rules


def test_long_names_are_what_the_brief_says() -> None:
    assert len(LONG_NAME) == 2000 and len(LONG_REFERENT) == 2000
    assert max(len(word) for word in LONG_NAME.split(" ")) < 20


def _profile(name: str, referent: str = "") -> SiteProfile:
    return SiteProfile(
        slug="site",
        name=name,
        kind="sous-prefecture",
        channels=("physique", "courriel"),
        year=2026,
        referent=referent,
    )


def _render(profile: SiteProfile, needs: dict[str, Any], directory: Path) -> dict[str, Path]:
    lever_uris = {need_id: f"../levers.html#{need_id}" for need_id in needs}
    shell = PageShell(f"<title>{TITLE_TOKEN}</title><main>{BODY_TOKEN}</main>", lever_uris)
    files = render_site(SiteJob(profile, b""), list(needs.values()), META, TextMeasure(), shell)
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for suffix, data in files.items():
        paths[suffix] = directory / f"site.{suffix}"
        paths[suffix].write_bytes(data)
    return paths


@pytest.fixture(scope="module")
def rendered(
    needs: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, Path]]:
    """The files of three sites: multilingual, 2,000-character name, Gironde-like."""
    root = tmp_path_factory.mktemp("pdf")
    profiles = {
        "multilingual": _profile(MULTILINGUAL),
        "long": _profile(LONG_NAME, LONG_REFERENT),
        "ordinary": _profile("Sous-préfecture de Lesparre-Médoc", "Référente accueil"),
    }
    return {key: _render(profile, needs, root / key) for key, profile in profiles.items()}


def _whitespace(text: str) -> str:
    """Runs of whitespace as one space: U+202F and U+00A0 included (pdftotext's view)."""
    return re.sub(r"\s+", " ", text).strip()


def _pdftotext(path: Path, *options: str) -> str:
    assert PDFTOTEXT is not None
    return subprocess.run(
        [PDFTOTEXT, "-raw", "-enc", "UTF-8", *options, str(path), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip


def _between(text: str, start: str, end: str) -> str:
    assert text.count(start) >= 1 and end in text, (start, end)
    return text.split(start, 1)[1].split(end, 1)[0]


class _HtmlFields(HTMLParser):
    """Text of <title>, <h1>, and the dt/dd pairs of the page header."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {"title": "", "h1": ""}
        self.fields: list[list[str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"title", "h1", "dt", "dd"}:
            self._open = tag
            if tag == "dt":
                self.fields.append(["", ""])

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open in self.texts:
            self.texts[self._open] += data
        elif self._open == "dt":
            self.fields[-1][0] += data
        elif self._open == "dd":
            self.fields[-1][1] += data


def _html(path: Path) -> _HtmlFields:
    parser = _HtmlFields()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# ---------------------------------------------------------------- (a) the name in every format


@needs_pdftotext
@pytest.mark.parametrize(("key", "name"), [("multilingual", MULTILINGUAL), ("long", LONG_NAME)])
def test_name_reads_back_from_every_format(
    rendered: dict[str, dict[str, Path]], key: str, name: str
) -> None:
    files = rendered[key]
    body = _whitespace(_pdftotext(files["pdf"], *PAGE_BODY))
    expected = _whitespace(name)
    title = "Liste de contrôle d’autoévaluation "
    assert _between(body, title, " Site : ").strip() == expected, "PDF cover title"
    assert _between(body, " Site : ", " Type de site : ") == expected, "PDF « Site » field"
    pdf_title = PdfReader(files["pdf"]).metadata.title
    assert pdf_title == f"Liste de contrôle d’autoévaluation — {name} — 2026"

    page = _html(files["html"])
    assert page.texts["h1"] == f"Liste de contrôle d’autoévaluation\u00a0: {name}"
    assert page.texts["title"] == f"Liste de contrôle d’autoévaluation — {name}"
    assert page.fields[0] == ["Site", name]

    rows = list(
        csv.reader(io.StringIO(files["csv"].read_bytes().decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][0] == "Site" and len(rows) > 100
    assert {row[0] for row in rows[1:]} == {name}

    summary = openpyxl.load_workbook(files["xlsx"])["Synthèse"]
    assert (summary["A1"].value, summary["B1"].value) == ("Site", name)

    table = ods_table(files["ods"], "Synthèse")
    assert (table.get_cell((0, 0)).value, table.get_cell((1, 0)).value) == ("Site", name)


def test_pypdf_reads_narrow_spaces_and_non_breaking_hyphens_exactly(
    rendered: dict[str, dict[str, Path]],
) -> None:
    first_page = PdfReader(rendered["multilingual"]["pdf"]).pages[0].extract_text()
    lines = first_page.split("\n")
    title = lines.index("Liste de contrôle d’autoévaluation")
    site = lines.index("Site :")
    assert " ".join(lines[title + 1 : site]) == MULTILINGUAL.replace("\u00a0", " "), (
        "U+202F and U+2011 kept; reportlab draws U+00A0 as a space glyph"
    )


# ---------------------------------------------------------------- (b) the embedded font


def _fonts(resources: DictionaryObject) -> list[DictionaryObject]:
    found = [font.get_object() for font in resources.get("/Font", {}).values()]
    for xobject in resources.get("/XObject", {}).values():
        inner = xobject.get_object().get("/Resources")
        if inner is not None:
            found.extend(_fonts(inner.get_object()))
    return found


@pytest.mark.parametrize("key", ["multilingual", "ordinary"])
def test_pdf_embeds_dejavu_sans_and_nothing_else(
    rendered: dict[str, dict[str, Path]], key: str
) -> None:
    reader = PdfReader(rendered[key]["pdf"])
    fonts = [font for page in reader.pages for font in _fonts(page["/Resources"].get_object())]
    assert fonts, "text is drawn with fonts"
    names = {str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1] for font in fonts}
    assert names == {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}
    for font in fonts:
        assert "Helvetica" not in str(font["/BaseFont"])
        descriptor = font["/FontDescriptor"].get_object()
        assert len(descriptor["/FontFile2"].get_object().get_data()) > 1000, "embedded"


# ---------------------------------------------------------------- (c) every header field


ORDINARY_FIELDS = [
    ["Site", "Sous-préfecture de Lesparre-Médoc"],
    ["Type de site", "Sous-préfecture"],
    ["Année", "2026"],
    ["Référent", "Référente accueil"],
    ["Canaux", "Physique, Courriel (et les leviers « Tous canaux »)"],
    ["Référentiel", "Référentiel de test"],
    ["Date de génération", "27 novembre 2026"],
]


@needs_pdftotext
@pytest.mark.parametrize("key", ["ordinary", "long"])
def test_pdf_shows_every_field_the_html_shows(
    rendered: dict[str, dict[str, Path]], key: str
) -> None:
    fields = [[_whitespace(part) for part in pair] for pair in _html(rendered[key]["html"]).fields]
    assert [label for label, _ in fields] == [label for label, _ in ORDINARY_FIELDS]
    if key == "ordinary":
        assert fields == ORDINARY_FIELDS
    # Without any whitespace: the 150-character word of the long referent is cut.
    body = re.sub(r"\s", "", _pdftotext(rendered[key]["pdf"], *PAGE_BODY))
    missing = [
        label for label, value in fields if re.sub(r"\s", "", f"{label}:{value}") not in body
    ]
    assert missing == []


# ---------------------------------------------------------------- (d) nothing off the page


Word = tuple[str, float, float, float, float]  # text, xMin, yMin, xMax, yMax (from the top)
_BOX = ("xMin", "yMin", "xMax", "yMax")


def _word_boxes(path: Path) -> list[tuple[tuple[float, float], list[Word]]]:
    assert PDFTOTEXT is not None
    xhtml = subprocess.run(
        [PDFTOTEXT, "-bbox", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    namespace = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in ElementTree.fromstring(xhtml).iterfind(".//x:page", namespace):
        words: list[Word] = []
        for word in page.iterfind("x:word", namespace):
            x_min, y_min, x_max, y_max = (float(word.get(k, "nan")) for k in _BOX)
            words.append((word.text or "", x_min, y_min, x_max, y_max))
        pages.append(((float(page.get("width", 0)), float(page.get("height", 0))), words))
    return pages


@needs_pdftotext
def test_a_2000_character_name_stays_inside_the_margins(
    rendered: dict[str, dict[str, Path]],
) -> None:
    pages = _word_boxes(rendered["long"]["pdf"])
    assert len(pages) > 3
    outside = []
    for number, ((width, height), words) in enumerate(pages, start=1):
        assert (round(width, 2), round(height, 2)) == (
            round(A4_POINTS[0], 2),
            round(A4_POINTS[1], 2),
        )
        assert len(words) > 20, f"page {number} has text"
        for text, x_min, y_min, x_max, y_max in words:
            inside = SIDE_MARGIN - 0.01 <= x_min and x_max <= width - SIDE_MARGIN + 0.01
            inside = inside and END_MARGIN <= y_min and y_max <= height - END_MARGIN
            if not inside:
                outside.append((number, text[:20], x_min, y_min, x_max, y_max))
    assert outside == []


@needs_pdftotext
@pytest.mark.parametrize("key", ["ordinary", "long"])
def test_no_two_words_of_a_line_overlap(rendered: dict[str, dict[str, Path]], key: str) -> None:
    """A label column sized for Helvetica overlaps « Date de génération » in DejaVu."""
    pages = _word_boxes(rendered[key]["pdf"])
    assert len(pages) > 3
    overlaps = []
    for number, (_size, words) in enumerate(pages, start=1):
        lines: dict[float, list[tuple[str, float, float]]] = {}
        for text, x_min, y_min, x_max, _y_max in words:
            lines.setdefault(round(y_min, 1), []).append((text, x_min, x_max))
        for line in lines.values():
            line.sort(key=lambda word: word[1])
            overlaps.extend(
                (number, left[0], right[0])
                for left, right in zip(line, line[1:], strict=False)
                if left[2] > right[1] + 0.5
            )
    assert overlaps == []


@needs_pdftotext
def test_running_header_shortens_the_name_before_the_right_hand_text(
    rendered: dict[str, dict[str, Path]],
) -> None:
    pages = _word_boxes(rendered["long"]["pdf"])
    assert len(pages) > 3
    for _size, words in pages:
        header = sorted((w for w in words if w[2] < 40), key=lambda word: word[1])
        texts = [word[0] for word in header]
        assert texts[:4] == ["Sous-préfecture", "de", "Việt", "Trì"]
        year = texts.index("2026")
        assert texts[year - 2 : year + 3] == ["—", "autoévaluation", "2026", "Référentiel", "de"]
        assert texts[year - 3].endswith("…")
        assert header[year + 1][1] - header[year][3] >= 6, "a gap before the right-hand text"
        assert texts[-1] == "test" and header[-1][3] <= A4_POINTS[0] - SIDE_MARGIN + 0.01


# ---------------------------------------------------------------- wrapping and shortening


def test_wrap_breaks_at_ordinary_spaces_only() -> None:
    value = "Saint\u2011Étienne n°\u202f3 5\u00a0€ «\u00a0Élan\u00a0»"
    lines = wrap(value, "DejaVuSans", 10, 70)
    assert lines == ["Saint\u2011Étienne", "n°\u202f3 5\u00a0€", "«\u00a0Élan\u00a0»"]


def test_wrap_cuts_a_word_wider_than_the_line() -> None:
    # « x » is 0.592 em wide in DejaVu Sans: 16 fit in 100 points at 10 points.
    assert wrap("x" * 300, "DejaVuSans", 10, 100) == ["x" * 16] * 18 + ["x" * 12]
    assert wrap("ab " + "x" * 20 + " cd", "DejaVuSans", 10, 100) == ["ab", "x" * 16, "xxxx cd"]


def test_wrap_never_separates_a_combining_mark() -> None:
    word = "e\u0301" * 40  # é as e + U+0301, 40 times
    lines = wrap(word, "DejaVuSans", 10, 50)
    assert "".join(lines) == word and len(lines) > 1
    assert all(not line.startswith("\u0301") for line in lines)


def test_shorten_ends_with_an_ellipsis_within_the_width() -> None:
    assert shorten("Préfecture", "DejaVuSans", 10, 200) == "Préfecture"
    # 0.592 em per « x » and 1 em for « … »: 10 x and the ellipsis fill 69.2 points.
    assert shorten("x" * 50, "DejaVuSans", 10, 70) == "x" * 10 + "…"
