"""Dates in running text ("on Saturday", "in November", "on Dec. 5", "since early January"), resolved
against the article's date where they can be, kept as written where they cannot."""

from __future__ import annotations

import datetime as dt
import re

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for name in names}
MONTHS = _MONTHS  # month names and abbreviations -> month number
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}})\s+{_MONTH}(?:\s*,?\s*(?P<year>\d{{4}}))?\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*(?P<year>\d{{4}}))?\b", re.IGNORECASE)
_MONTH_ONLY = re.compile(rf"\b{_MONTH}(?:\s+(?P<year>\d{{4}}))?\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_RELATIVE_DAYS = {"today": 0, "yesterday": 1, "the day before": 1, "the previous day": 1, "overnight": 0,
                  "last night": 1, "this morning": 0, "tonight": 0}
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)")


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, published: dt.date) -> int:
    """The year that puts a day-and-month on or before the article's date (news reports the past)."""
    candidate = _safe(published.year, month, min(day, 28)) or dt.date(published.year, month, 1)
    return published.year if candidate <= published + dt.timedelta(days=1) else published.year - 1


def resolve_date(text: str, published: dt.date | None) -> dt.date | None:
    """The date a time expression points at, given the article's date; None when it cannot be told.

    A month alone resolves to its first day; a weekday to the latest such day on or before the article's
    date; a day and month without a year to the latest such date on or before it.
    """
    lowered = text.lower().strip()
    if match := _ISO.search(lowered):
        return _safe(int(match["year"]), int(match["month"]), int(match["day"]))
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        if match := pattern.search(lowered):
            month, day = _MONTHS[match["month"].lower()], int(match["day"])
            if match["year"]:
                return _safe(int(match["year"]), month, day)
            return _safe(_year_for(month, day, published), month, day) if published else None
    if match := _WEEKDAY.search(lowered):
        if published is None:
            return None
        back = (published.weekday() - _WEEKDAYS.index(match["weekday"].lower())) % 7
        return published - dt.timedelta(days=back)
    for phrase, days in _RELATIVE_DAYS.items():
        if phrase in lowered and published is not None:
            return published - dt.timedelta(days=days)
    if match := _MONTH_ONLY.search(lowered):
        month = _MONTHS[match["month"].lower()]
        if match["year"]:
            return dt.date(int(match["year"]), month, 1)
        return dt.date(_year_for(month, 1, published), month, 1) if published else None
    return None
