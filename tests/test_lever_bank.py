"""Acceptance tests of the lever bank against the kit's source text.

The levers of ``docs/levers/`` were restored by hand from a damaged OCR copy of the kit
(``tests/fixtures/``). These tests check the restoration from the outside, on the real
build (``needs.json``):

1. the fixtures are the kit's OCR text (provenance);
2. every lever says, word for word, what the source prints (fidelity);
3. nothing printed as a lever in the source was left out (completeness);
4. the number of levers per engagement and their numbering follow the source (counts);
5. identical actions share an ``action`` key, and only they (identical actions);
6. cross-references « cf. Bonnes pratiques » are linked to practice pages (practices);
7. French typography, and 8. French spelling, of every text the site shows.

The matching logic lives in :mod:`kit_source`; this module holds the expectations.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import in_ci
from kit_source import (
    Candidate,
    Erratum,
    Furniture,
    SourceText,
    Span,
    apply_errata,
    assign_occurrences,
    coverage,
    engagement_sections,
    load_errata,
    normalise,
    ordered_slices,
    raw_slices,
)
from marianne_kit.kit.model import CATEGORIES, CHANNELS

Need = dict[str, Any]

TESTS = Path(__file__).resolve().parent
PROJECT_ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
DOCS = PROJECT_ROOT / "docs"
NOTES = DOCS / "notes-texte-source.toml"
ORDERED = FIXTURES / "kit-ordered.txt"
RAW = FIXTURES / "kit-raw-ocr.txt"
WORDLIST = FIXTURES / "spelling-wordlist.txt"

#: Minimum share of the source's lever letters that the restored levers must account for.
MIN_COVERAGE = 0.99
#: The reviewed spelling exceptions must stay a short list, not a way around the check.
MAX_WORDLIST_ENTRIES = 25


def engagement_of(lever: Need) -> int:
    """The engagement number a lever serves (its first ``commitment`` link)."""
    return int(lever["commitment"][0].removeprefix("ENG-"))


def describe(lever: Need) -> str:
    """A lever as a failure message shows it: ID and restored text."""
    return f"{lever['id']}: {lever['title']}"


# --------------------------------------------------------------------------- source fixtures


@pytest.fixture(scope="module")
def errata() -> list[Erratum]:
    return load_errata(NOTES)


@pytest.fixture(scope="module")
def corrected(errata: list[Erratum]) -> tuple[str, list[str]]:
    """The ordered source with every erratum applied, and the errata that misfired."""
    return apply_errata(ORDERED.read_text(encoding="utf-8"), errata)


@pytest.fixture(scope="module")
def source(corrected: tuple[str, list[str]]) -> SourceText:
    return SourceText.of(corrected[0])


@pytest.fixture(scope="module")
def sections(source: SourceText) -> dict[int, Span]:
    return engagement_sections(source)


@pytest.fixture(scope="module")
def placement(
    source: SourceText, sections: dict[int, Span], levers: list[Need]
) -> tuple[dict[str, Span], list[str]]:
    """Each lever's own occurrence in the source (kit order), and the levers left unplaced."""
    candidates = [
        Candidate(lever["id"], engagement_of(lever), normalise(lever["title"])) for lever in levers
    ]
    return assign_occurrences(source, candidates, sections)


# --------------------------------------------------------------------------- 1. provenance


def test_ordered_text_is_the_raw_ocr_in_another_order() -> None:
    """``kit-ordered.txt`` is exactly the raw OCR slices, reordered and joined with ``‖``.

    So every word the other tests compare against comes from the OCR copy of the kit, and
    nothing was added, dropped or retouched while putting the slices in reading order.
    """
    slices = raw_slices(RAW.read_text(encoding="utf-8"))
    ordered = ordered_slices(ORDERED.read_text(encoding="utf-8"))

    assert sorted(slices) == list(range(1, 34)), "raw slices are not numbered 1..33"
    raw_texts = Counter(slices.values())
    ordered_texts = Counter(ordered)
    missing = [n for n, text in slices.items() if text not in ordered_texts]
    extra = [text[:60] for text in ordered_texts - raw_texts]
    assert not missing, f"raw slices absent from kit-ordered.txt: {missing}"
    assert not extra, f"kit-ordered.txt pieces that are no raw slice: {extra}"
    assert ordered_texts == raw_texts, "kit-ordered.txt repeats or drops raw slices"
    # Hence, joins removed, the ordered text is the raw slices concatenated in some order.
    assert len(ordered) == len(slices)


# --------------------------------------------------------------------------- 2. fidelity


def test_every_erratum_applies_to_the_source(corrected: tuple[str, list[str]]) -> None:
    """An erratum whose ``source`` string is not (or not uniquely) in the text corrects nothing."""
    problems = corrected[1]
    assert not problems, "errata that do not match the source text:\n" + "\n".join(problems)


def test_every_lever_is_printed_in_its_engagement(
    levers: list[Need], source: SourceText, sections: dict[int, Span]
) -> None:
    """Each lever's letters occur, between word boundaries, on its engagement's pages.

    Letter streams are compared because the OCR turned accents and apostrophes into spaces
    and slice joins can split words: equal streams mean the same words, with only accents,
    apostrophes, punctuation and case added by the restorers.
    """
    failures = []
    for lever in levers:
        letters = normalise(lever["title"])
        section = sections.get(engagement_of(lever))
        if section and source.occurrences(letters, section):
            continue
        if source.occurrences(letters):
            why = "found only outside the pages of its engagement"
        else:
            agreed = source.longest_prefix(letters)
            matched, differs = letters[max(0, agreed - 30) : agreed], letters[agreed : agreed + 30]
            why = f"source agrees up to «…{matched}» then not «{differs}…»"
        failures.append(f"{describe(lever)}\n    {why}")
    assert not failures, f"{len(failures)} levers not found in the source:\n" + "\n".join(failures)


def test_levers_hold_distinct_occurrences(
    levers: list[Need], source: SourceText, placement: tuple[dict[str, Span], list[str]]
) -> None:
    """Each lever is matched to its own printed occurrence: repeats must be printed repeatedly.

    Two levers with the same text need the source to print it twice; otherwise one of
    them was duplicated by the restorers.
    """
    placed, unplaced = placement
    by_id = {lever["id"]: lever for lever in levers}
    assert not unplaced, "levers left without an occurrence of their own:\n" + "\n".join(
        describe(by_id[lever_id]) for lever_id in unplaced
    )
    spans = sorted((span, lever_id) for lever_id, span in placed.items())
    assert len(spans) == len(levers) == 349
    for (first, first_id), (second, second_id) in zip(spans, spans[1:], strict=False):
        assert first[1] <= second[0], (
            f"{first_id} and {second_id} claim overlapping source text: "
            f"{source.excerpt(first)} / {source.excerpt(second)}"
        )


# --------------------------------------------------------------------------- 3. completeness


def test_levers_cover_the_source(
    needs: dict[str, Need],
    source: SourceText,
    placement: tuple[dict[str, Span], list[str]],
) -> None:
    """At least 99 % of the letters the source prints as lever text belong to a lever.

    What is not lever text is set aside by rule, never word by word: the title block,
    page headers and column titles, channel and category labels, standalone numbers, and
    whatever the errata removed (it is no longer in the corrected text).
    """
    titles = {
        need["number"]: need["title"] for need in needs.values() if need["type"] == "commitment"
    }
    furniture = Furniture(titles, CHANNELS.values(), CATEGORIES.values())
    result = coverage(source, placement[0].values(), furniture.spans(source.text))

    report = [
        f"coverage: {result.ratio:.4%} "
        f"({result.covered_letters}/{result.lever_letters} letters of lever text)"
    ]
    for run in result.uncovered_runs:
        span = (run[0].stream_span[0], run[-1].stream_span[1])
        report.append(f"  uncovered: {source.excerpt(span, context=40)}")
    print("\n".join(report))
    assert result.ratio >= MIN_COVERAGE, "\n".join(report)


# --------------------------------------------------------------------------- 4. counts

#: Levers per engagement, as the source prints them (see notes-texte-source.toml).
EXPECTED_LEVER_COUNTS: dict[int, int] = {
    1: 6,  # numbers 1–6 printed (3 in the middle of its text), six texts
    2: 49,  # 1–49: run « 4 2 3 4 5 6 » (4 misread for 1), 7–12 inferred, 32–42 has one
    # two-sentence cell (twelve telephone texts for eleven numbers)
    3: 60,  # the kit numbers engagement 3 up to 60 (last run « Courriel 58 59 60 »)
    4: 20,  # 13–19 printed on page 2, then one unnumbered Téléphonique lever after 19 -> 20
    5: 9,  # runs « 1 2 5 6 » over six texts and « 7 8 » over three texts
    6: 19,  # 1–19 printed
    7: 41,  # 1–38, plus the three signalétique levers printed 1–3 before a second run 1–12
    8: 19,  # 1–19, with 3–9 and 15 not printed but inferred from the sequence
    9: 14,  # 1–14 printed (13 in the middle of its text); the 19 after is the page footer
    10: 14,  # only 1 and 2 printed, fourteen texts each opening with its own verb
    11: 32,  # 1–32 printed
    12: 37,  # …, « 85 » read for 35, « 86 » for 36, then 37
    # « 1 2 Courrier 4 Physique 9 10 » printed before eleven sentences; the last one
    # (« Indiquer sur cette boîte… ») refers back to the tenth and shares its cell (edition
    # 2026.2, the back-reference rule of engagements 3 and 7): ten cells, last printed number 10
    13: 10,
    14: 4,  # 1–4 printed
    15: 3,  # 2 and 3 printed; the first text, unnumbered, is 1
    16: 4,  # only 1 printed, four texts each opening with its own verb
    17: 3,  # 1–3 printed
    18: 3,  # 2 and 3 printed; the first cell, unnumbered, is 1
    # only 1 printed; of three sentences, « Diffuser la synthèse de ce bilan… » refers back
    # to the second and shares its cell (edition 2026.2, same rule as engagement 13)
    19: 2,
}

#: Levers whose ID number differs from their kit number: engagement 7 prints its three
#: signalétique levers as 1–3 and then restarts at 1, so they carry IDs after 38.
NUMBER_EXCEPTIONS: dict[str, int] = {"LEV-07-39": 1, "LEV-07-40": 2, "LEV-07-41": 3}


def test_lever_count_per_engagement(levers: list[Need]) -> None:
    """Each engagement has exactly the levers the source prints for it."""
    counts = Counter(engagement_of(lever) for lever in levers)
    assert dict(sorted(counts.items())) == EXPECTED_LEVER_COUNTS


def test_lever_ids_name_their_engagement(levers: list[Need]) -> None:
    """``LEV-EE-NN``: EE is the engagement the lever serves, so IDs sort and read by engagement."""
    wrong = [
        describe(lever)
        for lever in levers
        if not (match := re.fullmatch(r"LEV-(\d{2})-(\d{2})", lever["id"]))
        or int(match[1]) != engagement_of(lever)
    ]
    assert not wrong, "lever IDs not of the form LEV-EE-NN of their engagement:\n" + "\n".join(
        wrong
    )


def test_lever_numbers_run_without_gap(levers: list[Need]) -> None:
    """Within an engagement the kit numbers 1..max; a gap means a lost or misnumbered lever."""
    numbers: defaultdict[int, set[int]] = defaultdict(set)
    for lever in levers:
        numbers[engagement_of(lever)].add(int(lever["number"]))
    gaps = {
        engagement: sorted(set(range(1, max(found) + 1)) - found)
        for engagement, found in numbers.items()
        if found != set(range(1, max(found) + 1))
    }
    assert not gaps, f"missing numbers per engagement: {gaps}"


def test_lever_id_number_is_kit_number(levers: list[Need]) -> None:
    """The ID's NN is the kit number, except for the documented engagement-7 restart."""
    differing = {
        lever["id"]: int(lever["number"])
        for lever in levers
        if int(lever["id"][-2:]) != int(lever["number"])
    }
    assert differing == NUMBER_EXCEPTIONS


# --------------------------------------------------------------------------- 5. identical actions


def test_identical_actions_share_an_action_key(levers: list[Need]) -> None:
    """Levers with the same words are one action: they must carry the same ``action`` key."""
    by_text: defaultdict[str, list[Need]] = defaultdict(list)
    for lever in levers:
        by_text[normalise(lever["title"])].append(lever)
    wrong = []
    for group in by_text.values():
        actions = {lever.get("action") for lever in group}
        if len(group) > 1 and (len(actions) > 1 or None in actions):
            wrong.append(
                "\n".join(
                    f"  {describe(lever)} -> action {lever.get('action')!r}" for lever in group
                )
            )
    assert not wrong, "identical levers without one shared action:\n" + "\n".join(wrong)


def test_action_key_means_identical_text(levers: list[Need]) -> None:
    """An ``action`` key groups at least two levers, all with the same words."""
    by_action: defaultdict[str, list[Need]] = defaultdict(list)
    for lever in levers:
        if lever.get("action"):
            by_action[lever["action"]].append(lever)
    lonely = [f"{key}: {group[0]['id']}" for key, group in by_action.items() if len(group) < 2]
    mixed = [
        f"{key}:\n" + "\n".join(f"  {describe(lever)}" for lever in group)
        for key, group in by_action.items()
        if len({normalise(lever["title"]) for lever in group}) > 1
    ]
    assert not lonely, f"action keys held by a single lever: {lonely}"
    assert not mixed, "action keys shared by different texts:\n" + "\n".join(mixed)


def test_action_key_means_identical_reading(levers: list[Need]) -> None:
    """Levers of one action read identically, punctuation and capitals included.

    Same words are not enough for a referent comparing two checklists: « … standardistes,
    indiquant … (ou service) » and « … standardistes indiquant … ou service » look like two
    actions. Restored punctuation and capitals are editorial choices, so they must agree.
    """
    by_action: defaultdict[str, set[str]] = defaultdict(set)
    for lever in levers:
        if lever.get("action"):
            by_action[lever["action"]].add(lever["title"])
    differing = {key: sorted(titles) for key, titles in by_action.items() if len(titles) > 1}
    assert not differing, f"one action, several readings: {differing}"


def _first_letter_folded(text: str) -> str:
    """``text`` with its first character lowercased: a sentence inside a lever may open one."""
    return text[:1].lower() + text[1:]


def test_action_inside_another_lever_reads_identically(levers: list[Need]) -> None:
    """A lever whose words recur inside a longer lever is written the same way there.

    LEV-06-13 is the second sentence of LEV-02-35: the same action, so the same
    punctuation (only the capital opening a sentence may differ).
    """
    contained = []
    for inner in levers:
        letters = normalise(inner["title"])
        for outer in levers:
            if outer is inner or len(outer["title"]) <= len(inner["title"]):
                continue
            text = SourceText.of(outer["title"])
            for span in text.occurrences(letters):
                start, end = text.text_span(span)
                contained.append((inner["id"], outer["id"], outer["title"][start:end]))
    # The kit repeats whole actions inside longer levers; at least LEV-06-13 in LEV-02-35.
    assert ("LEV-06-13", "LEV-02-35") in {(i, o) for i, o, _ in contained}
    by_id = {lever["id"]: lever["title"] for lever in levers}
    differing = [
        f"{inner}: «{by_id[inner]}»\n  inside {outer}: «{found}»"
        for inner, outer, found in contained
        if _first_letter_folded(found) != _first_letter_folded(by_id[inner])
    ]
    assert not differing, "an action written differently inside another lever:\n" + "\n".join(
        differing
    )


#: Names the kit prints with varying capitals, and the one spelling the site uses.
ONE_SPELLING = {"pages jaunes": "Pages jaunes"}


def test_names_are_spelt_one_way(levers: list[Need]) -> None:
    """A name reads the same in every lever (« pages jaunes » / « Pages Jaunes » in the kit)."""
    found: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for lever in levers:
        for key in ONE_SPELLING:
            for match in re.finditer(re.escape(key), lever["title"], flags=re.IGNORECASE):
                found[key][match.group(0)] += 1
    assert {key: dict(spellings) for key, spellings in found.items()} == {
        "pages jaunes": {"Pages jaunes": 2}
    }


# --------------------------------------------------------------------------- 6. practices


def test_every_practice_is_cited(needs: dict[str, Need], levers: list[Need]) -> None:
    """A practice page exists because levers refer to it; an uncited one is an orphan."""
    cited = {practice for lever in levers for practice in lever.get("practice") or []}
    practices = {need["id"] for need in needs.values() if need["type"] == "practice"}
    assert len(practices) == 9
    assert not practices - cited, f"practices no lever cites: {sorted(practices - cited)}"


def test_practice_links_follow_the_cross_references(levers: list[Need]) -> None:
    """Exactly the levers printing « cf. Bonnes pratiques » link to a practice."""
    missing = [
        describe(lever)
        for lever in levers
        if "Bonnes pratiques" in lever["title"] and not lever.get("practice")
    ]
    unexpected = [
        f"{describe(lever)} -> {lever['practice']}"
        for lever in levers
        if "Bonnes pratiques" not in lever["title"] and lever.get("practice")
    ]
    assert not missing, "levers citing « Bonnes pratiques » without a practice:\n" + "\n".join(
        missing
    )
    assert not unexpected, "levers linked to a practice they do not cite:\n" + "\n".join(unexpected)


def test_the_cited_practice_section_is_not_in_the_source() -> None:
    """Section 6.2.6 « Bonnes pratiques » is only ever cited: the source holds no text of it.

    This is what the practice pages claim when they call their prose editorial; if a
    fuller source ever held the section, the pages would have to quote it instead.
    """
    text = ORDERED.read_text(encoding="utf-8")
    numbers = [m.start() for m in re.finditer(r"(?<![0-9]) ?6 2 6(?![0-9])", text)]
    cited = [m.start() for m in re.finditer(r"cf Bonnes pratiques 6 2 6", text)]
    assert len(numbers) == len(cited) == 12
    assert len(re.findall(r"bonnes pratiques", text, flags=re.IGNORECASE)) == 12 + 6


def test_practice_pages_mark_what_is_editorial(site: Any) -> None:
    """Each practice page says where its words come from, and that 6.2.6 is missing."""
    pages = sorted((site.outdir / "best-practices").glob("*.html"))
    practice_pages = [page for page in pages if page.name != "index.html"]
    assert len(practice_pages) == 9
    unmarked = []
    for page in practice_pages:
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
        if not (
            "D’où vient ce texte" in text
            and "section 6.2.6" in text
            and "ne figure pas dans le texte source" in text
            and "rédigé pour ce site" in text
        ):
            unmarked.append(page.name)
    assert not unmarked, f"practice pages without their provenance note: {unmarked}"


# --------------------------------------------------------------------------- errata kinds


def test_conjectures_are_marked_in_their_lever_block(
    errata: list[Erratum], needs: dict[str, Need]
) -> None:
    """A conjecture is a guess, not a reading: the lever's own block must say so.

    The notes page lists it, but a referent reads the lever, not the notes.
    """
    conjectures = [e for e in errata if e.kind == "conjecture"]
    assert [lever for e in conjectures for lever in e.levers] == ["LEV-10-14"]
    unmarked = [
        f"{lever_id} ({erratum.label()})"
        for erratum in conjectures
        for lever_id in erratum.levers
        if "conjecture" not in needs[lever_id].get("content", "").lower()
        or erratum.restored.split()[-1] not in needs[lever_id]["title"]
    ]
    assert not unmarked, "conjectural readings not marked in the lever block: " + ", ".join(
        unmarked
    )


def test_spelling_errata_are_not_misreadings(errata: list[Erratum]) -> None:
    """The kit prints « boite(s) » (1990 spelling): harmonising it is a spelling choice.

    Classified as an OCR misreading, it would claim the OCR erred where it read right.
    """
    boite = [e for e in errata if re.search(r"\bboites?\b", e.source)]
    assert len(boite) == 6
    assert {e.kind for e in boite} == {"graphie"}
    assert all(re.search(r"\bboîtes?\b", e.restored) for e in boite)


# --------------------------------------------------------------------------- French text

#: Markdown pages whose prose is French text shown on the site.
PROSE_GLOBS = (
    "index.md",
    "best-practices/*.md",
    "commitments/*.md",
    "levers/*.md",
    "services-publics-plus/*.md",
)

_FENCE = re.compile(r"^\s*(```|~~~)")
_DIRECTIVE = re.compile(r"^\s*:::")
_OPTION = re.compile(r"^\s*:[\w-]+:")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
#: Inline code (a web address such as ``lozere.gouv.fr``) is not French text: it is read
#: as one neutral French word, so the punctuation around it is still checked.
_INLINE_CODE = re.compile(r"`[^`]*`")


def prose_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Numbered prose lines of a MyST page, without markup that is not French text.

    Fenced blocks (toctrees), directive lines ``:::{…}`` (their titles are checked as need
    titles) and option lines ``:id: …`` are skipped; link targets ``](…)`` and inline code
    (web addresses) are dropped;
    leading indentation of list continuations is not part of the text.
    """
    fenced = False
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or _DIRECTIVE.match(line) or _OPTION.match(line) or not line.strip():
            continue
        yield lineno, _INLINE_CODE.sub("code", _LINK_TARGET.sub("]", line)).strip()


def french_texts(needs: dict[str, Need]) -> list[tuple[str, str]]:
    """Every French text of the site as ``(where, text)``: titles, labels and page prose."""
    texts = [
        (need["id"], need["title"])
        for need in sorted(needs.values(), key=lambda n: n["id"])
        if need["type"] in ("lever", "commitment", "practice", "spplus", "correspondence")
    ]
    texts += [(f"model.CATEGORIES[{slug!r}]", label) for slug, label in CATEGORIES.items()]
    texts += [(f"model.CHANNELS[{slug!r}]", label) for slug, label in CHANNELS.items()]
    for pattern in PROSE_GLOBS:
        paths = sorted(DOCS.glob(pattern))
        assert paths, f"no page matches {pattern}"
        for path in paths:
            where = path.relative_to(PROJECT_ROOT).as_posix()
            texts += [(f"{where}:{lineno}", line) for lineno, line in prose_lines(path)]
    return texts


# --------------------------------------------------------------------------- 7. typography

#: Stems of the words the source prints with an unaccented capital E (Elabore(r), Emettre,
#: Etablir, Etat, Etudier, Evaluer) where French writes É; the OCR keeps them as printed,
#: the site must not. Other such words are caught by the spelling test: hunspell fr_FR
#: rejects an unaccented capital (``Ecouter``).
UNACCENTED_CAPITALS = ("Elabor", "Emett", "Etabli", "Etat", "Etudi", "Evalu")

TYPOGRAPHY_RULES: dict[str, re.Pattern[str]] = {
    "straight apostrophe between letters (write ’)": re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])"),
    "doubled space": re.compile(r" {2,}"),
    "space before a comma or period": re.compile(r" [,.]"),
    "unaccented capital E (write É)": re.compile(
        r"\b(?:" + "|".join(UNACCENTED_CAPITALS) + r")[^\W\d_]*"
    ),
}


def test_french_typography(needs: dict[str, Need]) -> None:
    """Restored text follows French typography, not the OCR's or a keyboard's shortcuts."""
    faults = [
        f"{where}: {rule}: «{match.group(0)}» in «{text}»"
        for where, text in french_texts(needs)
        for rule, pattern in TYPOGRAPHY_RULES.items()
        for match in pattern.finditer(text)
    ]
    assert not faults, f"{len(faults)} typography faults:\n" + "\n".join(faults)


# --------------------------------------------------------------------------- 8. spelling


def load_wordlist(path: Path) -> dict[str, str]:
    """The reviewed spelling exceptions: ``word  # reason`` per line, reason required."""
    entries: dict[str, str] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        word, _, reason = line.partition("#")
        assert word.strip() and reason.strip(), f"{path.name}:{lineno}: want «word  # reason»"
        entries[word.strip()] = reason.strip()
    return entries


def hunspell_unknown(texts: list[str]) -> set[str]:
    """The words of ``texts`` that hunspell's French dictionary does not know.

    Skips (or, on CI, fails) when hunspell or its French dictionary is missing, so a
    machine without them never reports a false pass.
    """
    missing = "install Debian packages hunspell and hunspell-fr"
    if shutil.which("hunspell") is None:
        _unavailable(missing)
    result = subprocess.run(
        ["hunspell", "-d", "fr_FR", "-i", "utf-8", "-l"],
        input="\n".join(texts),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0 or "Can't open" in result.stderr:
        _unavailable(f"{missing} ({result.stderr.strip()})")
    return set(result.stdout.split())


def _unavailable(reason: str) -> None:
    if in_ci(os.environ.get("CI")):
        pytest.fail(reason)
    pytest.skip(reason)


def test_spelling_wordlist_is_short() -> None:
    """Exceptions are reviewed one by one, so there can only be a few."""
    entries = load_wordlist(WORDLIST)
    assert len(entries) <= MAX_WORDLIST_ENTRIES, f"{len(entries)} entries in {WORDLIST.name}"


def test_french_spelling(needs: dict[str, Need]) -> None:
    """Every word of the site's French text is in the French dictionary or the reviewed list."""
    texts = french_texts(needs)
    allowed = set(load_wordlist(WORDLIST))
    unknown = hunspell_unknown([text for _, text in texts]) - allowed
    places: defaultdict[str, list[str]] = defaultdict(list)
    for word in unknown:
        pattern = re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])")
        places[word] = [where for where, text in texts if pattern.search(text)]
    assert not unknown, f"{len(unknown)} words unknown to hunspell fr_FR:\n" + "\n".join(
        f"  {word}: {', '.join(places[word]) or '?'}" for word in sorted(unknown)
    )
