"""Site profiles: what a referent may write, and the exact line printed for each mistake."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from marianne_kit.checklists.fonts import (
    FONT_FILES,
    KNOWN_COVERED,
    FontMissing,
    check_fonts_installed,
    register_fonts,
)
from marianne_kit.checklists.profile_files import read_profile_folder, slugify
from marianne_kit.checklists.profiles import (
    ALL_COMMITMENTS,
    ProfileError,
    parse_profile,
    reference_problems,
)
from reportlab.pdfbase import pdfmetrics

VALID = """name = "Sous-préfecture de Lesparre-Médoc"
kind = "sous-prefecture"
channels = ["telephonique", "physique"]
year = 2026
"""

#: Profile text -> the lines it must produce (file, line and key named).
BAD_PROFILES = {
    "invalid-toml": (
        'name = "Préfecture\nkind = "prefecture"\n',
        ["site.toml:1: invalid TOML: Illegal character '\\n' (at line 1, column 19)"],
    ),
    "unknown-key": (
        VALID + 'canaux = ["physique"]\n',
        [
            "site.toml:5: key 'canaux': unknown key (allowed: name, kind, channels, year, "
            "engagements, excluded, referent, referentiel, parent)"
        ],
    ),  # fmt: skip
    "unknown-referential": (
        VALID + 'referentiel = "sp+"\n',
        [
            "site.toml:5: key 'referentiel': unknown referential 'sp+' (expected one of: "
            "marianne, services-publics-plus)"
        ],
    ),
    "referential-not-a-string": (
        VALID + "referentiel = 2023\n",
        ["site.toml:5: key 'referentiel': expected a string, got int"],
    ),
    "unknown-channel": (
        VALID.replace('"physique"', '"fax"'),
        [
            "site.toml:3: key 'channels': unknown channel 'fax' (expected one of: physique, "
            "telephonique, courrier, courriel, tous-canaux)"
        ],
    ),  # fmt: skip
    "empty-channels": (
        VALID.replace('["telephonique", "physique"]', "[]"),
        ["site.toml:3: key 'channels': must name at least one channel"],
    ),
    "missing-name": (
        VALID.replace('name = "Sous-préfecture de Lesparre-Médoc"\n', ""),
        ["site.toml: key 'name': missing (required)"],
    ),
    "blank-name": (
        VALID.replace('"Sous-préfecture de Lesparre-Médoc"', '"  "'),
        ["site.toml:1: key 'name': must not be empty"],
    ),
    "unknown-engagement": (
        VALID + 'engagements = ["ENG-01", "ENG-20"]\n',
        [
            "site.toml:5: key 'engagements': unknown engagement 'ENG-20' (expected ENG-01 … "
            "ENG-19, two digits, capital letters)"
        ],
    ),  # fmt: skip
    "lower-case-engagement": (
        VALID + 'engagements = ["eng-01"]\n',
        [
            "site.toml:5: key 'engagements': unknown engagement 'eng-01' (expected ENG-01 … "
            "ENG-19, two digits, capital letters)"
        ],
    ),  # fmt: skip
    "malformed-lever-id": (
        VALID + 'excluded = [\n  "LEV-01-01",\n  "lev-2-10",\n]\n',
        [
            "site.toml:7: key 'excluded': 'lev-2-10' is not a lever ID (expected LEV-NN-NN, "
            "e.g. LEV-01-05)"
        ],
    ),  # fmt: skip
    "unknown-kind": (
        VALID.replace('"sous-prefecture"', '"mairie"'),
        [
            "site.toml:2: key 'kind': unknown kind 'mairie' (expected one of: prefecture, "
            "sous-prefecture, service, modele)"
        ],
    ),  # fmt: skip
    "bad-year": (
        VALID.replace("2026", '"2026"'),
        ["site.toml:4: key 'year': expected a year such as 2026, got '2026'"],
    ),
    "channel-twice": (
        VALID.replace('["telephonique", "physique"]', '["physique", "physique"]'),
        ["site.toml:3: key 'channels': 'physique' is listed twice"],
    ),
    "control-characters": (
        VALID.replace("Lesparre", "Les\\u0000parre\\u0007\\u001b"),
        [
            "site.toml:1: key 'name': contains U+0000: a control or unassigned character; "
            "the checklists cannot show it",
            "site.toml:1: key 'name': contains U+0007: a control or unassigned character; "
            "the checklists cannot show it",
            "site.toml:1: key 'name': contains U+001B: a control or unassigned character; "
            "the checklists cannot show it",
        ],
    ),  # fmt: skip
    "line-break-in-referent": (
        VALID + 'referent = "Mme A\\nM. B"\n',
        [
            "site.toml:5: key 'referent': contains U+000A: a control or unassigned character; "
            "the checklists cannot show it"
        ],
    ),  # fmt: skip
    "chinese-and-emoji": (
        VALID.replace("Lesparre-Médoc", "北京 🎉"),
        [
            "site.toml:1: key 'name': contains U+1F389 PARTY POPPER: not in the DejaVu Sans "
            "font the PDF embeds; the checklists cannot show it",
            "site.toml:1: key 'name': contains U+4EAC CJK UNIFIED IDEOGRAPH-4EAC: not in the "
            "DejaVu Sans font the PDF embeds; the checklists cannot show it",
            "site.toml:1: key 'name': contains U+5317 CJK UNIFIED IDEOGRAPH-5317: not in the "
            "DejaVu Sans font the PDF embeds; the checklists cannot show it",
        ],
    ),  # fmt: skip
    "arabic": (
        VALID.replace("Lesparre-Médoc", "مر"),
        [
            "site.toml:1: key 'name': contains U+0631 ARABIC LETTER REH: right-to-left script, "
            "not laid out; the checklists cannot show it",
            "site.toml:1: key 'name': contains U+0645 ARABIC LETTER MEEM: right-to-left script, "
            "not laid out; the checklists cannot show it",
        ],
    ),  # fmt: skip
    "name-too-long": (
        VALID.replace("Sous-préfecture de Lesparre-Médoc", "x" * 2001),
        ["site.toml:1: key 'name': 2,001 characters; at most 2,000 are accepted"],
    ),
}

#: One profile with a mistake on every key: all are reported at once, in line order.
MANY_MISTAKES = """name = 12
kind = "mairie"
channels = ["fax"]
year = 1800
engagements = ["ENG-1"]
excluded = "LEV-01-01"
site = "?"
"""


def _lines(error: ProfileError) -> list[str]:
    return [str(problem) for problem in error.problems]


def test_valid_profile_is_read_in_kit_order() -> None:
    profile = parse_profile("lesparre", VALID, "site.toml")
    assert profile.name == "Sous-préfecture de Lesparre-Médoc"
    assert profile.channels == ("physique", "telephonique"), "channels follow the kit's order"
    assert profile.commitments == ALL_COMMITMENTS
    assert profile.excluded == frozenset()
    assert profile.kind_label == "Sous-préfecture"


@pytest.mark.parametrize("case", sorted(BAD_PROFILES))
def test_bad_profile_names_file_line_and_key(case: str) -> None:
    text, messages = BAD_PROFILES[case]
    with pytest.raises(ProfileError) as caught:
        parse_profile("site", text, "site.toml")
    assert _lines(caught.value) == messages


def test_every_mistake_of_a_profile_is_reported_at_once() -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile("site", MANY_MISTAKES, "site.toml")
    assert _lines(caught.value) == [
        "site.toml:1: key 'name': expected a string, got int",
        "site.toml:2: key 'kind': unknown kind 'mairie' (expected one of: prefecture, "
        "sous-prefecture, service, modele)",
        "site.toml:3: key 'channels': unknown channel 'fax' (expected one of: physique, "
        "telephonique, courrier, courriel, tous-canaux)",
        "site.toml:4: key 'year': expected a year such as 2026, got 1800",
        "site.toml:5: key 'engagements': unknown engagement 'ENG-1' (expected ENG-01 … "
        "ENG-19, two digits, capital letters)",
        "site.toml:6: key 'excluded': expected a list of strings",
        "site.toml:7: key 'site': unknown key (allowed: name, kind, channels, year, "
        "engagements, excluded, referent, referentiel, parent)",
    ]


def test_text_every_output_can_show_is_accepted() -> None:
    name = "Sous-préfecture de Việt Trì — « accueil »\u202f; Ελλάδα, Россия, œ, €, n\u2011o"
    profile = parse_profile("s", VALID.replace("Sous-préfecture de Lesparre-Médoc", name), "s")
    assert profile.name == name
    longest = parse_profile(
        "s", VALID.replace("Sous-préfecture de Lesparre-Médoc", "é" * 2000), "s"
    )
    assert len(longest.name) == 2000


def test_characters_checked_without_the_fonts_are_in_every_installed_face() -> None:
    """Text of :data:`KNOWN_COVERED` characters is accepted without loading the fonts:
    every one of them must be drawn by each face the PDF embeds."""
    register_fonts()
    for face in FONT_FILES:
        glyphs = pdfmetrics.getFont(face).face.charToGlyph
        assert [f"U+{point:04X}" for point in sorted(KNOWN_COVERED) if point not in glyphs] == []


def test_a_missing_font_is_named_with_its_package(tmp_path: Path) -> None:
    for face in ("DejaVuSans", "DejaVuSans-Bold"):
        (tmp_path / FONT_FILES[face][0]).write_bytes(b"")
    with pytest.raises(FontMissing, match="DejaVuSans-Oblique.ttf is missing: apt-get install "
                       "fonts-dejavu-extra"):  # fmt: skip
        check_fonts_installed(tmp_path)


LEVERS = [
    {"id": "LEV-02-10", "commitment": ["ENG-02"], "channel": "physique"},
    {"id": "LEV-02-11", "commitment": ["ENG-02"], "channel": "courriel"},
    {"id": "LEV-05-01", "commitment": ["ENG-05"], "channel": "tous-canaux"},
]


def test_exclusions_must_name_levers_of_the_site_checklist() -> None:
    text = VALID + 'engagements = ["ENG-02"]\nexcluded = [\n  "LEV-02-10",\n  "LEV-02-99",\n'
    text += '  "LEV-02-11",\n  "LEV-05-01",\n]\n'
    profile = parse_profile("site", text, "site.toml")
    assert [str(problem) for problem in reference_problems([profile], LEVERS)] == [
        "site.toml:8: key 'excluded': unknown lever 'LEV-02-99'",
        "site.toml:9: key 'excluded': 'LEV-02-11' is not in this site's checklist: its channel "
        "'courriel' is not among the site's channels",
        "site.toml:10: key 'excluded': 'LEV-05-01' is not in this site's checklist: it serves "
        "ENG-05, which is not among the site's engagements",
    ]


@pytest.mark.parametrize(
    ("stem", "slug"),
    [("Lesparre Médoc", "lesparre-medoc"), ("prefecture_gironde", "prefecture-gironde"),
     ("sous-prefecture-blaye", "sous-prefecture-blaye")],
)  # fmt: skip
def test_slug_comes_from_the_file_name(stem: str, slug: str) -> None:
    assert slugify(stem) == slug


def test_folder_reports_every_file_problem_and_notes_editor_leftovers(tmp_path: Path) -> None:
    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "good.toml").write_text(VALID, encoding="utf-8")
    (folder / "bom.toml").write_bytes(codecs.BOM_UTF8 + VALID.encode())
    (folder / "latin.toml").write_bytes(VALID.encode("cp1252"))
    (folder / "wide.toml").write_bytes(VALID.encode("utf-16"))
    (folder / "UPPER.TOML").write_text(VALID, encoding="utf-8")
    (folder / "big.toml").write_text(VALID + "#" * 70_000 + "\n", encoding="utf-8")
    (folder / "d.toml").mkdir()
    (folder / "gone.toml").symlink_to(folder / "nowhere.toml")
    (folder / ".#good.toml").symlink_to("root@host.1234")  # an editor's lock file
    (folder / ".hidden.toml").write_text(VALID, encoding="utf-8")
    (folder / "good.toml~").write_text(VALID, encoding="utf-8")
    (folder / "good.toml.bak").write_text(VALID, encoding="utf-8")
    (folder / "Good.toml").write_text(VALID, encoding="utf-8")
    (folder / "index.toml").write_text(VALID, encoding="utf-8")
    (folder / "README.md").write_text("Profils des sites.\n", encoding="utf-8")
    result = read_profile_folder(folder, tmp_path, reserved=("index", "kit-complet"))
    assert [profile.slug for profile in result.profiles] == ["bom", "good"]
    assert [str(problem) for problem in result.problems] == [
        "checklists/UPPER.TOML: profile files must end in '.toml' (lower case): "
        "rename it to 'UPPER.toml'",
        f"checklists/big.toml: {len(VALID.encode()) + 70_001:,} bytes; a profile may have at "
        "most 65,536",
        "checklists/d.toml: not a regular file",
        "checklists/gone.toml: broken symbolic link",
        "checklists/good.toml: slug 'good' is already used by checklists/Good.toml "
        "(two profiles cannot share a checklist URL)",
        "checklists/index.toml: the slug 'index' is reserved",
        "checklists/latin.toml:1: not UTF-8: byte 0xE9 at column 16 (the file looks like "
        "Windows-1252 / Latin-1); save it as UTF-8",
        "checklists/wide.toml: encoded as UTF-16; save it as UTF-8",
    ]
    assert result.notes == [
        "checklists/.#good.toml: ignored (hidden, lock or backup file)",
        "checklists/.hidden.toml: ignored (hidden, lock or backup file)",
        "checklists/good.toml.bak: ignored (hidden, lock or backup file)",
        "checklists/good.toml~: ignored (hidden, lock or backup file)",
    ]


def test_profiles_are_loaded_sorted_by_slug(tmp_path: Path) -> None:
    for stem in ("zeta", "alpha"):
        (tmp_path / f"{stem}.toml").write_text(VALID, encoding="utf-8")
    result = read_profile_folder(tmp_path, tmp_path)
    assert [p.slug for p in result.profiles] == ["alpha", "zeta"]
    assert result.problems == [] and result.notes == []


def test_referential_defaults_to_marianne_and_accepts_services_publics_plus() -> None:
    assert parse_profile("s", VALID, "s").referential == "marianne"
    spplus = parse_profile("s", VALID + 'referentiel = "services-publics-plus"\n', "s")
    assert spplus.referential == "services-publics-plus"
    assert parse_profile("s", VALID + 'referentiel = "marianne"\n', "s").referential == "marianne"
