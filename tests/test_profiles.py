"""Site profiles: what a referent may write, and the exact message for each mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from marianne_kit.profiles import (
    ALL_COMMITMENTS,
    ProfileError,
    check_references,
    load_profiles,
    parse_profile,
    slugify,
)

VALID = """
name = "Sous-préfecture de Lesparre-Médoc"
kind = "sous-prefecture"
channels = ["telephonique", "physique"]
year = 2026
"""

#: Profile text -> the message it must produce (file and key named).
BAD_PROFILES = {
    "invalid-toml": (
        'name = "Préfecture\nkind = "prefecture"\n',
        "site.toml: invalid TOML: Illegal character '\\n' (at line 1, column 19)",
    ),
    "unknown-key": (
        VALID + 'canaux = ["physique"]\n',
        "site.toml: key 'canaux': unknown key (allowed: name, kind, channels, year, "
        "engagements, excluded, referent)",
    ),
    "unknown-channel": (
        VALID.replace('"physique"', '"fax"'),
        "site.toml: key 'channels': unknown channel 'fax' (expected one of: physique, "
        "telephonique, courrier, courriel, tous-canaux)",
    ),
    "empty-channels": (
        VALID.replace('["telephonique", "physique"]', "[]"),
        "site.toml: key 'channels': must name at least one channel",
    ),
    "missing-name": (
        VALID.replace('name = "Sous-préfecture de Lesparre-Médoc"\n', ""),
        "site.toml: key 'name': missing (required)",
    ),
    "blank-name": (
        VALID.replace('"Sous-préfecture de Lesparre-Médoc"', '"  "'),
        "site.toml: key 'name': must not be empty",
    ),
    "unknown-engagement": (
        VALID + 'engagements = ["ENG-01", "ENG-20"]\n',
        "site.toml: key 'engagements': unknown engagement 'ENG-20'",
    ),
    "unknown-kind": (
        VALID.replace('"sous-prefecture"', '"mairie"'),
        "site.toml: key 'kind': unknown kind 'mairie' (expected one of: prefecture, "
        "sous-prefecture, service, modele)",
    ),
    "bad-year": (
        VALID.replace("2026", '"2026"'),
        "site.toml: key 'year': expected a year such as 2026, got '2026'",
    ),
    "channel-twice": (
        VALID.replace('["telephonique", "physique"]', '["physique", "physique"]'),
        "site.toml: key 'channels': listed twice: physique",
    ),
}


def test_valid_profile_is_read_in_kit_order() -> None:
    profile = parse_profile("lesparre", VALID, "site.toml")
    assert profile.name == "Sous-préfecture de Lesparre-Médoc"
    assert profile.channels == ("physique", "telephonique"), "channels follow the kit's order"
    assert profile.engagements == ALL_COMMITMENTS
    assert profile.excluded == frozenset()
    assert profile.kind_label == "Sous-préfecture"


@pytest.mark.parametrize("case", sorted(BAD_PROFILES))
def test_bad_profile_names_file_and_key(case: str) -> None:
    text, message = BAD_PROFILES[case]
    with pytest.raises(ProfileError) as caught:
        parse_profile("site", text, "site.toml")
    assert str(caught.value) == message


def test_unknown_excluded_lever_is_refused() -> None:
    profile = parse_profile("site", VALID + 'excluded = ["LEV-02-99"]\n', "site.toml")
    with pytest.raises(ProfileError) as caught:
        check_references([profile], {"LEV-02-10"})
    assert str(caught.value) == "site.toml: key 'excluded': unknown lever 'LEV-02-99'"


@pytest.mark.parametrize(
    ("stem", "slug"),
    [("Lesparre Médoc", "lesparre-medoc"), ("prefecture_gironde", "prefecture-gironde"),
     ("sous-prefecture-blaye", "sous-prefecture-blaye")],
)  # fmt: skip
def test_slug_comes_from_the_file_name(stem: str, slug: str) -> None:
    assert slugify(stem) == slug


def test_two_files_with_the_same_slug_are_refused(tmp_path: Path) -> None:
    (tmp_path / "Lesparre Médoc.toml").write_text(VALID, encoding="utf-8")
    (tmp_path / "lesparre-medoc.toml").write_text(VALID, encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profiles(tmp_path, tmp_path)
    assert str(caught.value) == (
        "lesparre-medoc.toml: slug 'lesparre-medoc' is already used by Lesparre Médoc.toml "
        "(two profiles cannot share a checklist URL)"
    )


def test_profiles_are_loaded_sorted_by_slug(tmp_path: Path) -> None:
    for stem in ("zeta", "alpha"):
        (tmp_path / f"{stem}.toml").write_text(VALID, encoding="utf-8")
    assert [p.slug for p in load_profiles(tmp_path, tmp_path)] == ["alpha", "zeta"]
