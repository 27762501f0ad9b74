"""datetimes: publication-date header lines and cached dateparser resolution (no spaCy)."""
from __future__ import annotations

import pytest

from claimx.datetimes import parse_published, published_day, resolve_date


@pytest.mark.parametrize("line, expected", [
    ("Updated 22:47, 30-May-2021", "2021-05-30T22:47:00"),
    ("Published May 02,2024", "2024-05-02"),
    ("May 2, 2024", "2024-05-02"),
    ("2024-05-02", "2024-05-02"),
    ("2024-05-02T10:00Z", "2024-05-02T10:00:00+00:00"),
    ("2024-05-02T10:00:00+03:00", "2024-05-02T10:00:00+03:00"),
    ("Published: 7 March 2023", "2023-03-07"),
    ("Last updated on Friday 3 March 2023 at 09:15 GMT", "2023-03-03T09:15:00+00:00"),
    ("  Posted Jan 9, 2022  ", "2022-01-09"),
    ("13/05/2024", "2024-05-13"),
])
def test_parse_published_reads_header_lines(line, expected):
    assert parse_published(line) == expected


@pytest.mark.parametrize("line", [
    "",
    "Contact Us",
    "Israel May Have to Rethink Its Border Policy",              # a headline with "May" in it
    "Ministers met in Rome, Italy March 7, 2023.",              # a caption that contains a date
    "The summit ended on March 7, 2023, officials said.",       # a sentence that contains a date
    "March 2023",                                               # no day: never guessed
    "Updated 2 hours ago",                                      # relative: never guessed
    "05/06/2024",                                               # day/month order unknown
    "Search Trends",
    "Published",
])
def test_parse_published_is_strict(line):
    assert parse_published(line) is None


@pytest.mark.parametrize("published, expected", [
    ("2021-05-30T22:47:00", "2021-05-30"),
    ("2024-05-02", "2024-05-02"),
    ("2024-05-02T10:00:00+00:00", "2024-05-02"),
    (None, None),
    ("not a date", None),
])
def test_published_day(published, expected):
    assert published_day(published) == expected


@pytest.mark.parametrize("expression, base, prefer, include_base_day, expected", [
    # a day name: the most recent one, the publication day included (2023-03-09 is a Thursday)
    ("Thursday", "2023-03-09", "past", True, "2023-03-09"),
    ("Tuesday", "2023-03-09", "past", True, "2023-03-07"),
    ("Friday", "2023-03-09", "past", True, "2023-03-03"),       # across the week boundary
    ("Sunday", "2023-01-02", "past", True, "2023-01-01"),
    ("Saturday", "2023-01-02", "past", True, "2022-12-31"),     # across the year boundary
    ("Friday", "2023-03-09", "future", True, "2023-03-10"),     # "will meet on Friday"
    # a month and day without a year: the year of the publication date, never a future day
    ("Nov. 14", "2023-03-09", "past", True, "2022-11-14"),
    ("March 9", "2023-03-09", "past", True, "2023-03-09"),
    ("April 20", "2023-03-09", "future", True, "2023-04-20"),
    # relative expressions
    ("yesterday", "2023-01-01", "past", False, "2022-12-31"),
    ("last week", "2023-03-09", "past", False, "2023-03-02"),
    ("a week ago", "2023-01-03", "past", False, "2022-12-27"),
    ("three days ago", "2023-03-09", "past", False, "2023-03-06"),
    ("last Thursday", "2023-03-09", "past", False, "2023-03-02"),
    # a full date needs no base
    ("March 7, 2023", None, "past", True, "2023-03-07"),
    ("7-Mar-2023", None, "past", True, "2023-03-07"),
    # nothing to resolve against
    ("Thursday", None, "past", True, None),
    ("Nov. 14", None, "past", True, None),
    ("yesterday", None, "past", False, None),
])
def test_resolve_date(expression, base, prefer, include_base_day, expected):
    assert resolve_date(expression, base, prefer=prefer, include_base_day=include_base_day) == expected


def test_resolve_date_is_cached():
    resolve_date("Tuesday", "2023-03-09")
    from claimx.datetimes import _resolve_cached

    hits = _resolve_cached.cache_info().hits
    resolve_date("Tuesday", "2023-03-09")
    assert _resolve_cached.cache_info().hits == hits + 1
