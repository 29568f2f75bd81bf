"""Bad data fails the build with the need ID and its file:line.

Each case is a tiny fixture project under ``tests/roots/``; the expected message
is the first line of the build's only warning, with the project path replaced by
``<src>``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_root

REGEX = (
    r"^(ENG-(0[1-9]|1[0-9])|LEV-(0[1-9]|1[0-9])-[0-9]{2}|BP-[A-Z0-9]+(-[A-Z0-9]+)*"
    r"|SPP-[1-8]|SPX-[A-Z0-9]+(-[A-Z0-9]+)*)$"
)

CASES = {
    "bad-channel": "<src>/index.md:13: ERROR: Need 'LEV-01-01' has schema violations:",
    "bad-category": "<src>/index.md:13: ERROR: Need 'LEV-01-01' has schema violations:",
    "no-commitment": "<src>/index.md:13: ERROR: Need 'LEV-01-01' has schema violations:",
    "missing-link": (
        "<src>/index.md:13: WARNING: Need 'LEV-01-01' has unknown outgoing link 'ENG-02' "
        "in field 'commitment' [needs.link_outgoing]"
    ),
    "wrong-link-type": (
        "<src>/index.md:13: WARNING: Need 'LEV-01-01' link 'BP-SATISFACTION-CHAUD' in field "
        "'commitment': target need type 'practice' is not one of 'commitment' "
        "(or a type inheriting from it) [needs.link_target_type]"
    ),
    "spplus-unknown-target": (
        "<src>/index.md:13: WARNING: Need 'SPX-ENG-01-SPP-2' has unknown outgoing link 'SPP-2' "
        "in field 'spplus' [needs.link_outgoing]"
    ),
    "spplus-unmapped-commitment": (
        "<src>/index.md:13: WARNING: Need 'ENG-02': no Services Publics+ correspondence: map "
        "the engagement or add a correspondence with mapping 'aucune' and its reason "
        "[marianne.crosswalk]"
    ),
    "duplicate-id": (
        "<src>/index.md:22: WARNING: Need could not be created: A need with ID 'LEV-01-01' "
        "already exists (defined at index:13). [needs.create_need]"
    ),
    "malformed-id": (
        "<src>/index.md:13: WARNING: Need could not be created: Given ID 'LEV-1-01' does not "
        f"match configured regex '{REGEX}' [needs.create_need]"
    ),
}

#: The schema detail that says *what* is wrong, for the three schema cases.
SCHEMA_DETAIL = {
    "bad-channel": (
        '  Schema message: "physiqe" is not one of "physique", "telephonique" or 3 other '
        "candidates [sn_schema_violation.field_fail]"
    ),
    "bad-category": (
        '  Schema message: "signaletique" is not one of "horaires-communication", '
        '"enquetes-usagers" or 25 other candidates [sn_schema_violation.field_fail]'
    ),
    "no-commitment": "  Schema message: [] has less than 1 item [sn_schema_violation.link_fail]",
}


def test_valid_kit_builds_without_warnings(tmp_path: Path) -> None:
    result = build_root("kit-minimal", tmp_path)
    assert result.warning_lines() == []
    assert result.status == 0


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_data_fails_with_location(case: str, tmp_path: Path) -> None:
    result = build_root(case, tmp_path)
    lines = result.warnings.replace(str(result.srcdir), "<src>").splitlines()
    assert result.status == 1, "the -W build must fail"
    assert lines[0] == CASES[case]
    headers = [line for line in lines if line.startswith("<src>")]
    assert headers == [CASES[case]], "exactly one problem is reported"
    if case in SCHEMA_DETAIL:
        assert SCHEMA_DETAIL[case] in lines
