"""Dates as text -> ISO 8601: publication-date header lines and date expressions in sentences.

Plain functions, no spaCy import (``articles.py`` uses :func:`parse_published` on header lines;
the ``claimx_dates`` component uses :func:`resolve_date`). The calendar work is dateparser's:
this module only decides *what* to hand it (strict header lines, cleaned expressions) and with
which settings (``RELATIVE_BASE`` = the publication date, ``PREFER_DATES_FROM``,
``REQUIRE_PARTS``, English only for speed), and caches every call, so resolving the same
"Thursday" against the same publication date costs a dict look-up.

Word lists (month names, header labels, ...) live in ``rules/date_words.json``.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Literal, Optional

from claimx import rules

Preference = Literal["past", "future"]

# A header line longer than this is a sentence or a headline, not a date line.
_MAX_HEADER_LINE = 80
_TIME = re.compile(r"\d{1,2}[:.]\d{2}|\d\s*(?:am|pm|a\.m\.|p\.m\.)", re.IGNORECASE)
# All-numeric dates such as "02/05/2024": day and month order is a guess unless one part is > 12.
_NUMERIC_DMY = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\b")
_WORD = re.compile(r"[^\W\d_]+(?:\.(?:[^\W\d_]\.)*)?", re.UNICODE)


@lru_cache(maxsize=1)
def _words() -> dict:
    """date_words.json, with the sets derived from it (built once)."""
    data = rules.load("date_words.json")
    months = {m.lower() for m in data["months"]}
    weekdays = {w.lower() for w in data["weekdays"] + data["weekday_abbreviations"]}
    header = {w.lower() for w in data["header_words"]}
    labels = sorted((l.lower() for l in data["published_labels"]), key=len, reverse=True)
    label_re = re.compile(
        r"^\s*(?:" + "|".join(re.escape(l) for l in labels) + r")\b\s*[:\-–—|]?\s*", re.IGNORECASE)
    return {"allowed": months | weekdays | header, "label_re": label_re}


def parse_published(line: str) -> Optional[str]:
    """The publication date stated by one header line, as ISO 8601, or None.

    Strict on purpose: the line must be nothing but an optional label ("Updated", "Published on",
    ...) and a full date (day, month and year), optionally with a time and time zone. A headline
    or a caption that merely contains a date ("Hamas leader speaks in Doha, May 15, 2021.") is
    not a date line, and a partial or ambiguous date ("May 2024", "02/05/2024") is not guessed.

    >>> parse_published("Updated 22:47, 30-May-2021")
    '2021-05-30T22:47:00'
    >>> parse_published("Published May 02,2024")
    '2024-05-02'
    """
    if not line or len(line) > _MAX_HEADER_LINE or not any(c.isdigit() for c in line):
        return None
    return _parse_published_cached(line.strip())


@lru_cache(maxsize=4096)
def _parse_published_cached(line: str) -> Optional[str]:
    words = _words()
    rest = words["label_re"].sub("", line, count=1).strip().rstrip(".")
    if not rest:
        return None
    # ISO 8601 first ("2024-05-02", "2024-05-02T10:00Z"): exact, and no guessing involved.
    iso = _from_iso(rest)
    if iso is not None:
        return iso
    # Every word must be a month, a weekday or a clock/zone word: anything else means the line
    # says more than a date (a headline such as "Israel May Have Caught the ...").
    for word in _WORD.findall(rest):
        if word.lower() not in words["allowed"]:
            return None
    m = _NUMERIC_DMY.match(rest)
    if m and int(m.group(1)) <= 12 and int(m.group(2)) <= 12 and m.group(1) != m.group(2):
        return None
    import dateparser

    parsed = dateparser.parse(
        rest,
        languages=["en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    if parsed is None:
        return None
    if _TIME.search(rest):
        return parsed.isoformat()
    return parsed.date().isoformat()


def _from_iso(text: str) -> Optional[str]:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?", text):
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
        return dt.datetime.fromisoformat(text).isoformat()
    except ValueError:
        return None


def published_day(published: Optional[str]) -> Optional[str]:
    """The date part ("YYYY-MM-DD") of an ISO publication date or datetime, or None."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10]).isoformat()
    except ValueError:
        return None


def resolve_date(
    expression: str,
    base: Optional[str],
    *,
    prefer: Preference = "past",
    include_base_day: bool = True,
) -> Optional[str]:
    """The calendar day ("YYYY-MM-DD") an expression names, read from the day ``base``; or None.

    ``expression`` is a cleaned date expression ("Thursday", "May 21", "Oct. 7", "a week ago",
    "last week", "yesterday", "May 30, 2021"); ``base`` the publication day (ISO), or None when
    unknown, in which case only expressions that carry their own year resolve. ``prefer`` picks
    the past or the future occurrence of an incomplete date ("Oct. 7" read on 2024-05-02 is
    2023-10-07 in a past-tense report, 2024-10-07 after "will").

    ``include_base_day``: news writes "on Thursday" for the publication day itself when the
    article appears on a Thursday; dateparser's "past" would give the Thursday before. So the
    base handed to dateparser is moved one day forward (past) or back (future), which makes the
    publication day the nearest candidate without any calendar arithmetic of our own.
    """
    return _resolve_cached(expression.strip(), base, prefer, include_base_day)


@lru_cache(maxsize=8192)
def _resolve_cached(expression: str, base: Optional[str], prefer: str, include_base_day: bool) -> Optional[str]:
    import dateparser

    settings: dict = {
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    if base is not None:
        try:
            day = dt.datetime.fromisoformat(base[:10])
        except ValueError:
            return None
        if include_base_day:
            day += dt.timedelta(days=1 if prefer == "past" else -1)
        settings["RELATIVE_BASE"] = day
        # No REQUIRE_PARTS here: dateparser does not count a weekday name as the "day" part,
        # and callers hand over day-precision expressions only (never "May" or "2021" alone).
    else:
        # Without a publication date nothing relative can be resolved: only a full date counts.
        # STRICT_PARSING rejects "May 21" but not "yesterday" (read from today's clock), so the
        # expression is also read from two far-apart bases: a relative one gives two answers.
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
        settings["STRICT_PARSING"] = True
        answers = set()
        for probe in _PROBE_BASES:
            parsed = dateparser.parse(expression, languages=["en"], settings=dict(settings, RELATIVE_BASE=probe))
            answers.add(parsed.date().isoformat() if parsed is not None else None)
        return answers.pop() if len(answers) == 1 else None
    parsed = dateparser.parse(expression, languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed is not None else None


_PROBE_BASES = (dt.datetime(2001, 1, 1), dt.datetime(2002, 7, 15))
