"""The edition number is checked when the configuration is read."""

from __future__ import annotations

import pytest
from marianne_kit.editions.edition import edition_problem


@pytest.mark.parametrize("value", ["2026.1", "2026.2", "2027.12"])
def test_edition_numbers_are_accepted(value: str) -> None:
    assert edition_problem(value) is None


@pytest.mark.parametrize("value", ["2026", "2026.0", "26.1", "2026.2 ", "v2026.2", 2026.2, ""])
def test_anything_else_is_one_problem_naming_the_key(value: object) -> None:
    problem = edition_problem(value)
    assert problem is not None
    assert str(problem) == (
        f"conf.py: key 'marianne_edition': {value!r} is not an edition number like '2026.2'"
    )
