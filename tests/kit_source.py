"""Reading the kit's damaged OCR text and matching the restored levers against it.

The only surviving copy of the kit is an OCR extraction in which every accented letter and
every apostrophe became a space, slices were shuffled, and page furniture (headers, column
titles, channel and category labels, lever numbers) is interleaved with the lever texts.
This module holds the pure logic the acceptance tests in ``test_lever_bank.py`` rely on,
so that each rule (what "the same words" means, what a word boundary is, what counts as
furniture) is written once, with the reason it is right.

Two coordinate systems are used throughout:

* *text* positions index the (corrected) source string itself;
* *stream* positions index its **letter stream** (see :func:`fold`), the form in which an
  OCR'd word and its restored spelling become equal.
"""

from __future__ import annotations

import bisect
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

#: How ``kit-ordered.txt`` joins two slices of the raw file (the join may split a word).
JOIN = " ‖ "
#: The join mark itself; a word boundary wherever it appears.
JOIN_MARK = "‖"
#: First words of the unrelated web page appended to the raw OCR file.
RAW_TAIL_MARKER = "Download Pdf Manuals"

Span = tuple[int, int]
"""A half-open interval ``[start, end)``."""


# --------------------------------------------------------------------------- slices


def raw_slices(raw: str) -> dict[int, str]:
    """The numbered slices of the raw OCR file (``"12. text"`` lines), by slice number.

    Everything from :data:`RAW_TAIL_MARKER` on is an unrelated web page and is ignored, as
    are the page's own lines before the first slice (``Home``, ``Contents``…), which are
    not numbered.
    """
    body = raw.split(RAW_TAIL_MARKER, 1)[0]
    return {int(m[1]): m[2] for m in re.finditer(r"^(\d+)\. (.*)$", body, flags=re.MULTILINE)}


def ordered_slices(ordered: str) -> list[str]:
    """The slices of ``kit-ordered.txt``, in reading order."""
    return ordered.split(JOIN)


# --------------------------------------------------------------------------- letter stream


def fold(char: str) -> str:
    """One character of text as it appears in the letter stream ('' when it has no letter).

    The OCR replaced each accented letter and each apostrophe by a space but kept
    unaccented capitals (``Elaborer``) — so an uppercase accented letter of the restored
    text stands for its base letter (É -> e), while every other non-ASCII character
    (é, ’, «, œ, °…) stands for a space of the source and is dropped. Case, spaces and
    punctuation carry no letters.
    """
    if char.isascii():
        return char.lower() if char.isalnum() else ""
    if char.isupper():
        base = unicodedata.normalize("NFD", char)[0]
        if base.isascii() and base.isalpha():
            return base.lower()
    return ""


def normalise(text: str) -> str:
    """The letter stream of ``text``: only ``[a-z0-9]``, see :func:`fold`."""
    return "".join(fold(c) for c in text)


def ocr_style(text: str) -> str:
    """``text`` written as the OCR would have printed it, character for character.

    Same length as ``text`` (so positions carry over): ASCII letters and digits and the
    join mark stay, uppercase accented letters lose their accent, anything else becomes a
    space. Used to find page furniture with plain word patterns in text that mixes OCR
    output with restored (accented) errata.
    """
    out = []
    for char in text:
        if (char.isascii() and char.isalnum()) or char == JOIN_MARK:
            out.append(char)
        else:
            folded = fold(char)
            out.append(folded.upper() if folded else " ")
    return "".join(out)


@dataclass(frozen=True)
class SourceText:
    """A text together with its letter stream and the map from stream back to text.

    ``positions[i]`` is the text position of stream letter ``i``.
    """

    text: str
    letters: str
    positions: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> SourceText:
        letters: list[str] = []
        positions: list[int] = []
        for index, char in enumerate(text):
            folded = fold(char)
            if folded:
                letters.append(folded)
                positions.append(index)
        return cls(text, "".join(letters), tuple(positions))

    def is_boundary(self, i: int) -> bool:
        """Whether a word may start or end before stream letter ``i``.

        A boundary is the start or end of the text, or a place where the text had a
        non-alphanumeric character (space, punctuation, join mark) between two letters.
        Because the OCR turned accented letters into spaces, boundaries are denser than
        real word breaks; requiring them still rejects a match that starts or ends in the
        middle of a printed word (``tablir`` inside ``Rétablir``…).
        """
        if i <= 0 or i >= len(self.letters):
            return True
        gap = self.text[self.positions[i - 1] + 1 : self.positions[i]]
        return any(not c.isalnum() for c in gap)

    def occurrences(self, needle: str, within: Span | None = None) -> list[Span]:
        """Every stream span equal to ``needle`` that starts and ends on a boundary.

        Overlapping occurrences are all reported; ``within`` limits them to a stream span.
        """
        lo, hi = within if within is not None else (0, len(self.letters))
        found: list[Span] = []
        if not needle:
            return found
        start = self.letters.find(needle, lo)
        while start != -1 and start + len(needle) <= hi:
            end = start + len(needle)
            if self.is_boundary(start) and self.is_boundary(end):
                found.append((start, end))
            start = self.letters.find(needle, start + 1)
        return found

    def stream_index(self, text_pos: int) -> int:
        """The first stream letter at or after text position ``text_pos``."""
        return bisect.bisect_left(self.positions, text_pos)

    def text_span(self, span: Span) -> Span:
        """The text span holding stream span ``span`` (non-empty)."""
        return self.positions[span[0]], self.positions[span[1] - 1] + 1

    def excerpt(self, span: Span, context: int = 50) -> str:
        """The text of stream span ``span`` marked ``[[…]]`` inside some surrounding text."""
        start, end = self.text_span(span)
        before = self.text[max(0, start - context) : start]
        after = self.text[end : end + context]
        return f"…{before}[[{self.text[start:end]}]]{after}…"

    def longest_prefix(self, needle: str) -> int:
        """Length of the longest prefix of ``needle`` found anywhere in the stream.

        Diagnostic only: it shows where a restored lever stops agreeing with the source.
        """
        lo, hi = 0, len(needle)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if needle[:mid] in self.letters:
                lo = mid
            else:
                hi = mid - 1
        return lo


# --------------------------------------------------------------------------- errata


@dataclass(frozen=True)
class Erratum:
    """One ``[[erratum]]`` of ``notes-texte-source.toml``: replace ``source`` by ``restored``."""

    index: int
    engagement: int
    source: str
    restored: str
    kind: str
    levers: tuple[str, ...]

    def label(self) -> str:
        return (
            f"erratum #{self.index} (engagement {self.engagement}, {self.kind}): "
            f"{self.source!r} -> {self.restored!r}"
        )


def load_errata(path: Path) -> list[Erratum]:
    """The errata of the source notes, in file order (the order they are applied in)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return [
        Erratum(
            index=i,
            engagement=int(entry["engagement"]),
            source=entry["source"],
            restored=entry["restored"],
            kind=entry["kind"],
            levers=tuple(entry.get("levers", ())),
        )
        for i, entry in enumerate(data.get("erratum", []), start=1)
    ]


def apply_errata(text: str, errata: Iterable[Erratum]) -> tuple[str, list[str]]:
    """Apply each erratum once; return the corrected text and the errata that misfired.

    An erratum corrects one place of the source, so its ``source`` string must occur
    exactly once in the text it is applied to (after the errata before it). A string that
    is absent means the erratum no longer describes the source; one that occurs several
    times would make the correction ambiguous. Either way it is reported, not guessed.
    """
    problems: list[str] = []
    for erratum in errata:
        count = text.count(erratum.source)
        if count != 1:
            problems.append(f"{erratum.label()}: source string found {count} times")
            continue
        text = text.replace(erratum.source, erratum.restored)
    return text, problems


# --------------------------------------------------------------------------- engagements

_SEP = r"[ ‖]+"
_HEADER_START = re.compile(r"(?<![A-Za-z0-9])Engagement" + _SEP + r"(\d{1,2})(?![0-9])")


def engagement_sections(source: SourceText) -> dict[int, Span]:
    """Stream span of each engagement's pages: from its first header to the next engagement's.

    Every page starts with ``Engagement N <title>``, and engagements follow each other in
    the reading order, so the pages of engagement N run until engagement N + 1 begins.
    """
    firsts: dict[int, int] = {}
    for match in _HEADER_START.finditer(source.text):
        firsts.setdefault(int(match[1]), source.stream_index(match.start()))
    ordered = sorted(firsts.items(), key=lambda item: item[1])
    sections: dict[int, Span] = {}
    for (number, start), nxt in zip(ordered, [*ordered[1:], None], strict=True):
        sections[number] = (start, nxt[1] if nxt else len(source.letters))
    return sections


# --------------------------------------------------------------------------- assignment


@dataclass(frozen=True)
class Candidate:
    """A lever to place in the source: its ID, engagement and letter stream."""

    lever_id: str
    engagement: int
    letters: str


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def assign_occurrences(
    source: SourceText, candidates: Sequence[Candidate], sections: Mapping[int, Span]
) -> tuple[dict[str, Span], list[str]]:
    """Give each lever its own occurrence in the source, none overlapping another's.

    Identical actions are printed several times, so "occurs in the source" is not enough:
    two levers must not both claim the same printed words. Levers are restricted to the
    pages of their own engagement, and placed greedily in kit order, each at the earliest
    free occurrence after the previous lever of its engagement (the kit lists levers in
    reading order), else at the earliest free occurrence of its engagement. A lever left
    without a free occurrence then gets one through an augmenting path — the bipartite
    matching step — which moves already placed levers to other occurrences of their own.

    Returns the placement by lever ID and the IDs that could not be placed.
    """
    options: dict[str, list[Span]] = {}
    for cand in candidates:
        section = sections.get(cand.engagement)
        options[cand.lever_id] = source.occurrences(cand.letters, section) if section else []

    placed: dict[str, Span] = {}

    def is_free(span: Span) -> bool:
        return not any(_overlaps(span, other) for other in placed.values())

    cursor: dict[int, int] = {}
    unplaced: list[str] = []
    for cand in candidates:
        spans = [s for s in options[cand.lever_id] if is_free(s)]
        after = [s for s in spans if s[0] >= cursor.get(cand.engagement, 0)]
        pool = after or spans
        if not pool:
            unplaced.append(cand.lever_id)
            continue
        choice = pool[0]
        placed[cand.lever_id] = choice
        cursor[cand.engagement] = choice[1]

    def augment(lever_id: str, seen: set[Span]) -> bool:
        """Place ``lever_id``, moving the levers in its way; roll back on failure."""
        for span in options[lever_id]:
            if span in seen:
                continue
            seen.add(span)
            blockers = [other for other, s in placed.items() if _overlaps(span, s)]
            saved = dict(placed)
            for other in blockers:
                del placed[other]
            placed[lever_id] = span
            if all(augment(other, seen) for other in blockers):
                return True
            placed.clear()
            placed.update(saved)
        return False

    still: list[str] = [lever_id for lever_id in unplaced if not augment(lever_id, set())]
    return placed, still


# --------------------------------------------------------------------------- furniture


def _word(word: str) -> str:
    """A pattern for ``word`` that tolerates a slice join inside it (``N ‖ e``)."""
    return r"(?: ‖ )?".join(re.escape(c) for c in word)


def _phrase(label: str) -> str:
    """A pattern for a label written the OCR way: its words, any spaces or joins between."""
    words = ocr_style(label).split()
    return r"(?<![A-Za-z0-9])" + _SEP.join(_word(w) for w in words) + r"(?![A-Za-z0-9])"


def _alternatives(labels: Iterable[str]) -> str:
    """One pattern for several labels, longest first so a label wins over its prefix."""
    return "|".join(_phrase(label) for label in sorted(set(labels), key=len, reverse=True))


@dataclass(frozen=True)
class Furniture:
    """What the source prints around the lever texts, as in the kit's page layout."""

    commitment_titles: Mapping[int, str]
    channel_labels: Iterable[str]
    category_labels: Iterable[str]

    def spans(self, text: str) -> list[tuple[Span, str]]:
        """Text spans of page furniture in the (corrected) source ``text``, with their kind.

        * the title block of page 1, up to the first ``Engagement 1`` header;
        * page headers ``Engagement N <title> [p P]`` (page p of P);
        * the column titles ``Canal N° Levier`` (``N°`` read ``Ne``/``N`` by the OCR);
        * channel names (case-sensitive: they are printed capitalised as row labels);
        * category labels (case-insensitive: the kit capitalises them inconsistently).

        Standalone numbers (lever numbers, page numbers, footers) are recognised per token by
        :func:`coverage`, not here.
        """
        plain = ocr_style(text)
        found: list[tuple[Span, str]] = []
        first = re.search(r"(?<![A-Za-z0-9])Engagement" + _SEP + r"1(?![0-9])", plain)
        if first:
            found.append(((0, first.start()), "title block"))
        for number, title in self.commitment_titles.items():
            header = (
                r"(?<![A-Za-z0-9])Engagement"
                + _SEP
                + str(number)
                + _SEP
                + _phrase(title)
                + rf"(?:{_SEP}\d{{1,2}}{_SEP}\d{{1,2}}(?![0-9]))?"
            )
            found += [(m.span(), "page header") for m in re.finditer(header, plain)]
        columns = (
            r"(?<![A-Za-z0-9])Canal"
            + _SEP
            + rf"(?:(?:{_word('Ne')}|N){_SEP})?"
            + _word("Levier")
            + r"(?![A-Za-z0-9])"
        )
        found += [(m.span(), "column titles") for m in re.finditer(columns, plain)]
        channels = re.compile(_alternatives(self.channel_labels))
        found += [(m.span(), "channel") for m in channels.finditer(plain)]
        categories = re.compile(_alternatives(self.category_labels), flags=re.IGNORECASE)
        found += [(m.span(), "category") for m in categories.finditer(plain)]
        return found


# --------------------------------------------------------------------------- coverage


@dataclass(frozen=True)
class Token:
    """A word of the source: a maximal run of alphanumeric characters."""

    text_span: Span
    stream_span: Span
    text: str

    @property
    def letters(self) -> int:
        return self.stream_span[1] - self.stream_span[0]


def tokens(source: SourceText) -> list[Token]:
    """The words of the source that carry letters, in order."""
    found: list[Token] = []
    for match in re.finditer(r"[^\W_]+", source.text):
        start = source.stream_index(match.start())
        end = source.stream_index(match.end())
        if end > start:
            found.append(Token(match.span(), (start, end), match[0]))
    return found


@dataclass(frozen=True)
class Coverage:
    """How much of the source's lever words the placed levers account for."""

    covered_letters: int
    lever_letters: int
    uncovered_runs: list[list[Token]]

    @property
    def ratio(self) -> float:
        return self.covered_letters / self.lever_letters if self.lever_letters else 1.0


def coverage(
    source: SourceText, placed: Iterable[Span], furniture: Iterable[tuple[Span, str]]
) -> Coverage:
    """Letters of the source's lever words covered by the placed levers.

    A word inside a placed lever is covered, whatever it is. A word outside every lever is
    set aside when it is page furniture (:class:`Furniture`) or a standalone number (lever
    numbers, page numbers and footers are printed apart from the texts); anything else is
    lever text that no restored lever accounts for, reported as runs of consecutive words.
    """
    covered = bytearray(len(source.letters))
    for start, end in placed:
        covered[start:end] = b"\x01" * (end - start)
    furniture_chars = bytearray(len(source.text))
    for (start, end), _kind in furniture:
        furniture_chars[start:end] = b"\x01" * (end - start)

    covered_letters = lever_letters = 0
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens(source):
        start, end = token.stream_span
        if all(covered[start:end]):
            covered_letters += token.letters
            lever_letters += token.letters
        elif token.text.isdigit() or all(
            furniture_chars[source.positions[i]] for i in range(start, end)
        ):
            pass
        else:
            lever_letters += token.letters
            current.append(token)
            continue
        if current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return Coverage(covered_letters, lever_letters, runs)
