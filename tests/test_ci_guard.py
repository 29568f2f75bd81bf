"""The CI guard of ``conftest.py``: in CI, a test that did not run and pass fails the run.

A skip (a missing Debian package), an xfail or an xpass hides a test that CI
must run, so the real ``conftest.py`` is run here, in an inner pytest session,
around a tiny test file, under several spellings of the ``CI`` variable.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CONFTEST = Path(__file__).resolve().parent / "conftest.py"

#: One inner test file per outcome the guard must catch; each also holds a passing test.
INNER_TESTS = {
    "skip": """
import pytest

def test_passes():
    assert True

def test_needs_a_package():
    pytest.skip("LibreOffice missing")
""",
    "xfail": """
import pytest

def test_passes():
    assert True

@pytest.mark.xfail(reason="known bug")
def test_known_bug():
    assert False
""",
    "xpass": """
import pytest

def test_passes():
    assert True

@pytest.mark.xfail(reason="fixed without anyone noticing")
def test_fixed_bug():
    assert True
""",
}
#: The outcome each inner file reports, as pytest's summary line spells it.
OUTCOMES = {"skip": "1 skipped", "xfail": "1 xfailed", "xpass": "1 xpassed"}
CLEAN = """
def test_passes():
    assert True
"""
CI_ON = ["1", "true", "True", "TRUE", "yes", "github-actions"]
CI_OFF = ["", "0", "false", "False", "no", None]


def run_inner(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, source: str, ci: str | None
) -> pytest.RunResult:
    """Run ``source`` with the real conftest under ``CI=ci`` (``None``: unset)."""
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(test_inner=source)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    return pytester.runpytest("-p", "no:cacheprovider")


@pytest.mark.parametrize("ci", CI_ON)
@pytest.mark.parametrize("kind", sorted(INNER_TESTS))
def test_in_ci_a_hidden_outcome_fails_the_run(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, kind: str, ci: str
) -> None:
    result = run_inner(pytester, monkeypatch, INNER_TESTS[kind], ci)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([f"*1 passed, {OUTCOMES[kind]}*"])
    result.stdout.fnmatch_lines([f"CI={ci}: {OUTCOMES[kind]}; every test must run and pass in CI."])


@pytest.mark.parametrize("ci", CI_ON)
def test_in_ci_a_clean_run_passes(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    result = run_inner(pytester, monkeypatch, CLEAN, ci)
    result.stdout.fnmatch_lines(["*1 passed*"])
    assert result.ret == pytest.ExitCode.OK


@pytest.mark.parametrize("ci", CI_OFF)
@pytest.mark.parametrize("kind", sorted(INNER_TESTS))
def test_outside_ci_hidden_outcomes_are_only_reported(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, kind: str, ci: str | None
) -> None:
    result = run_inner(pytester, monkeypatch, INNER_TESTS[kind], ci)
    result.stdout.fnmatch_lines([f"*1 passed, {OUTCOMES[kind]}*"])
    result.stdout.no_fnmatch_line("*every test must run*")
    assert result.ret == pytest.ExitCode.OK
