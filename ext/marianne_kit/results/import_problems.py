"""What is wrong with an imported checklist, as the referent who filled it must read it.

A referent fixes a spreadsheet by its sheet, row and column, not by an XML
path: every problem names the file, then where it is (sheet, row, lever ID,
column), the value refused and the values accepted, in French, on one line.
All problems of a file are collected before anything is written, so one import
lists every mistake at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

NBSP = "\u00a0"


def quoted(value: str) -> str:
    """« value » with the non-breaking spaces of French typography."""
    return f"«{NBSP}{value}{NBSP}»"


def choices_text(values: Iterable[str]) -> str:
    return ", ".join(quoted(value) for value in values)


@dataclass(frozen=True)
class ImportProblem:
    """One mistake in one imported file, printed as one French line."""

    file: str
    message: str
    sheet: str = ""
    row: int | None = None
    lever: str = ""
    column: str = ""
    value: str | None = None
    accepted: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(f"feuille {quoted(self.sheet)}")
        if self.row is not None:
            where.append(f"ligne {self.row}")
        if self.lever:
            where.append(f"levier {self.lever}")
        if self.column:
            where.append(f"colonne {quoted(self.column)}")
        parts = [self.file] + ([", ".join(where)] if where else [])
        text = self.message
        if self.value is not None:
            text += f" {quoted(shorten(self.value))}"
        if self.accepted:
            text += f"{NBSP}; valeurs acceptées{NBSP}: {choices_text(self.accepted)}"
        return f"{NBSP}: ".join(parts) + f"{NBSP}: {text}"

    def sort_key(self) -> tuple[str, str, int, str, str, str]:
        return (self.file, self.sheet, self.row or 0, self.lever, self.column, self.message)


def shorten(value: str, limit: int = 80) -> str:
    """A bad value as printed: one line, at most ``limit`` characters (a pasted essay too)."""
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class ImportRefused(Exception):
    """A file that cannot be imported; carries every problem found in it."""

    def __init__(self, problems: Iterable[ImportProblem]) -> None:
        self.problems = sorted(problems, key=ImportProblem.sort_key)
        super().__init__("\n".join(str(problem) for problem in self.problems))
