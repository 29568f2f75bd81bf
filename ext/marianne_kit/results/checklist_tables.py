"""Finding a filled checklist's fields and columns by their text, never by position.

Referents add columns and sheets, and pre-filled checklists carry extra
columns (« Statut 2025 », « Revu »): every column is found by its header and
every identification field by its label, matched without regard to case,
accents or spacing. Formulas are never evaluated: a formula in a cell the
import reads is refused (its cached value may be stale or computed from cells
the referent cannot see), so only what the referent typed is imported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final

from .import_problems import ImportProblem, quoted
from .workbook import Sheet, SheetCell, Workbook

LEVERS_SHEET: Final = "Leviers"
SUMMARY_SHEET: Final = "Synthèse"
INFO_SHEET: Final = "Informations"
#: Column key -> header texts accepted; the first is the one the kit writes.
LEVER_HEADERS: Final = {
    "id": ("ID",),
    "status": ("Statut",),
    "owner": ("Responsable",),
    "due": ("Échéance",),
    "comment": ("Commentaire / preuve", "Commentaire"),
    "reviewed": ("Revu",),
}
REQUIRED: Final = ("id", "status")
#: « Statut 2025 »: last year's status in a pre-filled checklist.
PREVIOUS_STATUS: Final = re.compile(r"^statut (?:n-1|[0-9]{4})$")
SUMMARY_HEADERS: Final = {
    "commitment": ("Engagement",),
    "verdict": ("Engagement tenu ?",),
    "indicator": ("Indicateur / preuve", "Indicateur"),
}
#: Identification field -> its label in « Informations », then its CSV column.
IDENTITY: Final = {
    "name": ("Site", "Site"),
    "code": ("Code du site", "Code site"),
    "year": ("Année", "Année"),
    "edition": ("Édition du référentiel", "Édition"),
}
#: Rows searched for a header: the kit's is row 1, a referent may insert a few above.
HEADER_SEARCH_ROWS: Final = 30
FORMULA_REFUSED: Final = "formule refusée (seules les valeurs saisies sont importées)\u00a0:"


def normal(text: str) -> str:
    """Text compared without case, accents, apostrophe style or extra spaces."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.casefold().split())


@dataclass(frozen=True, slots=True)
class Found:
    """A value read from the file, with where it was."""

    cell: SheetCell
    sheet: str
    row: int
    column: str


@dataclass(slots=True)
class TableLine:
    """One row of the levers or summary table: key -> cell, for the columns found."""

    sheet: str
    row: int
    cells: dict[str, Found] = field(default_factory=dict)

    def text(self, key: str) -> str:
        found = self.cells.get(key)
        return found.cell.text.strip() if found else ""


@dataclass
class FilledChecklist:
    """What the import reads from one file, before any check against the referential."""

    kind: str
    identity: dict[str, list[Found]] = field(default_factory=dict)
    levers: list[TableLine] = field(default_factory=list)
    commitments: list[TableLine] = field(default_factory=list)
    #: Column key -> header as written in the file (for messages).
    headers: dict[str, str] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)
    #: The identification table is missing: one problem says so, not one per field.
    identity_unreadable: bool = False


def find_sheet(book: Workbook, name: str) -> Sheet | None:
    wanted = normal(name)
    return next((sheet for sheet in book.sheets if normal(sheet.name) == wanted), None)


def _columns(
    sheet: Sheet, specs: dict[str, tuple[str, ...]], required: tuple[str, ...]
) -> tuple[int, dict[str, tuple[int, str]]] | None:
    """The header row and key -> (column number, header text), or None when not found."""
    names = {normal(header): key for key, headers in specs.items() for header in headers}
    for number in sorted(sheet.rows)[:HEADER_SEARCH_ROWS]:
        found: dict[str, tuple[int, str]] = {}
        for column, cell in sorted(sheet.rows[number].items()):
            header = normal(cell.text)
            key = names.get(header)
            if key is None and PREVIOUS_STATUS.match(header) and "status" in specs:
                key = "previous"
            if key is not None and key not in found:
                found[key] = (column, cell.text.strip())
        if all(key in found for key in required):
            return number, found
    return None


def _lines(
    file: str, sheet: Sheet, header_row: int, columns: dict[str, tuple[int, str]],
    problems: list[ImportProblem],
) -> list[TableLine]:  # fmt: skip
    lines: list[TableLine] = []
    for number in sorted(sheet.rows):
        if number <= header_row:
            continue
        row = sheet.rows[number]
        line = TableLine(sheet.name, number)
        for key, (column, header) in columns.items():
            cell = row.get(column)
            if cell is None:
                continue
            if cell.formula:
                problems.append(
                    ImportProblem(file, FORMULA_REFUSED, sheet.name, number, column=header,
                                  value=cell.formula)
                )  # fmt: skip
                continue
            line.cells[key] = Found(cell, sheet.name, number, header)
        if line.cells:
            lines.append(line)
    return lines


def _missing_columns(file: str, sheet: str, specs: dict[str, tuple[str, ...]]) -> ImportProblem:
    wanted = " et ".join(quoted(specs[key][0]) for key in REQUIRED if key in specs)
    return ImportProblem(
        file, f"colonnes {wanted} introuvables\u00a0: ce fichier n’est pas une liste de "
        "contrôle du kit, ou leurs en-têtes ont été modifiés", sheet,
    )  # fmt: skip


def _identity_sheet(file: str, book: Workbook, checklist: FilledChecklist) -> None:
    sheet = find_sheet(book, INFO_SHEET)
    checklist.identity_unreadable = True
    if sheet is None:
        checklist.problems.append(
            ImportProblem(file, f"feuille {quoted(INFO_SHEET)} introuvable\u00a0: la liste "
                          "doit être générée par le kit (site, année et édition y figurent)")
        )  # fmt: skip
        return
    found = _columns(sheet, {"label": ("Champ",), "value": ("Valeur",)}, ("label", "value"))
    if found is None:
        checklist.problems.append(
            ImportProblem(file, "colonnes «\u00a0Champ\u00a0» et «\u00a0Valeur\u00a0» "
                          "introuvables", sheet.name)
        )  # fmt: skip
        return
    checklist.identity_unreadable = False
    header_row, columns = found
    labels = {normal(label): key for key, (label, _) in IDENTITY.items()}
    for line in _lines(file, sheet, header_row, columns, checklist.problems):
        key = labels.get(normal(line.text("label")))
        if key and "value" in line.cells:
            value = line.cells["value"]
            checklist.identity.setdefault(key, []).append(
                Found(value.cell, sheet.name, line.row, line.text("label"))
            )


def read_tables(file: str, book: Workbook) -> FilledChecklist:
    """The lever lines, the commitment lines and the identification fields of ``book``."""
    checklist = FilledChecklist(book.kind)
    specs = dict(LEVER_HEADERS)
    if book.kind == "csv":
        specs.update({f"identity:{key}": (csv,) for key, (_, csv) in IDENTITY.items()})
        levers = book.sheets[0]
    else:
        found_sheet = find_sheet(book, LEVERS_SHEET)
        if found_sheet is None:
            checklist.problems.append(
                ImportProblem(file, f"feuille {quoted(LEVERS_SHEET)} introuvable")
            )
            return checklist
        levers = found_sheet
        _identity_sheet(file, book, checklist)
        summary = find_sheet(book, SUMMARY_SHEET)
        if summary is not None:
            found = _columns(summary, dict(SUMMARY_HEADERS), ("commitment", "verdict"))
            if found is not None:
                row, columns = found
                checklist.commitments = _lines(file, summary, row, columns, checklist.problems)
    found = _columns(levers, specs, REQUIRED)
    if found is None:
        checklist.problems.append(_missing_columns(file, levers.name, specs))
        return checklist
    header_row, columns = found
    checklist.headers = {key: header for key, (_, header) in columns.items()}
    for line in _lines(file, levers, header_row, columns, checklist.problems):
        for key in list(line.cells):
            if key.startswith("identity:"):
                checklist.identity.setdefault(key.partition(":")[2], []).append(line.cells.pop(key))
        if line.cells:
            checklist.levers.append(line)
    return checklist
