"""Time expressions resolved against the article's date, or kept as written."""

from __future__ import annotations

import datetime as dt

import pytest

from frontclaims.dates import resolve_date

FRIDAY = dt.date(2025, 11, 21)


@pytest.mark.parametrize("text, expected", [
    ("on Thursday", dt.date(2025, 11, 20)),
    ("late Saturday", dt.date(2025, 11, 15)),
    ("Friday", FRIDAY),
    ("in November", dt.date(2025, 11, 1)),
    ("since early January", dt.date(2025, 1, 1)),
    ("on Dec. 5", dt.date(2024, 12, 5)),  # news reports the past: last December
    ("February 16", dt.date(2025, 2, 16)),
    ("5 October", dt.date(2025, 10, 5)),
    ("March 12, 2025", dt.date(2025, 3, 12)),
    ("the day before", dt.date(2025, 11, 20)),
    ("yesterday", dt.date(2025, 11, 20)),
    ("2025-12-11T14:45", dt.date(2025, 12, 11)),
])
def test_resolved_against_the_article_date(text, expected):
    assert resolve_date(text, FRIDAY) == expected


@pytest.mark.parametrize("text", ["on Thursday", "in November", "Dec. 9", "yesterday"])
def test_undated_article_keeps_relative_dates_unresolved(text):
    assert resolve_date(text, None) is None


def test_absolute_dates_need_no_article_date():
    assert resolve_date("March 12, 2025", None) == dt.date(2025, 3, 12)


@pytest.mark.parametrize("text", ["earlier this year", "in recent months", "for months", ""])
def test_vague_expressions_are_not_dated(text):
    assert resolve_date(text, FRIDAY) is None
