"""One mistake in one input file, as the user who made it must read it.

Profiles, source notes and imported files are written by people, not by the
build: their problems are collected (all of them, not the first) and printed one
per line with the file, the line when one applies, and the key at fault.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake in one input file, printed as one line."""

    source: str
    line: int | None = None
    key: str | None = None
    message: str = ""

    @property
    def location(self) -> str:
        return self.source if self.line is None else f"{self.source}:{self.line}"

    @property
    def text(self) -> str:
        """The message after the location."""
        return f"key '{self.key}': {self.message}" if self.key else self.message

    def __str__(self) -> str:
        return f"{self.location}: {self.text}"

    def sort_key(self) -> tuple[str, int, str, str]:
        """File, then line (file-level problems first), then key."""
        return (self.source, self.line or 0, self.key or "", self.message)
