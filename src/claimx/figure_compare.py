"""When two figures are about the same thing, and whether they agree. Used by `claimx.diff`; plain
functions over claims, no spaCy.

Two figures are compared only when they are the same **measure** (what is counted: killed,
wounded, held, ...) of the same **subject** (who is counted: "Palestinians", "people") in the same
**unit**, for the same **time**. They agree when the **ranges** of values they stand for overlap:

- A figure's time is the day its claim is about: a date the claim names ("on Oct. 7"), else the
  report's publication date. A running total counted "since Oct. 7" is about the day it was
  reported, not about Oct. 7. Figures whose days are more than `max_days` apart are not
  compared (both may be right); undated figures are compared with any.
- Rounding is agreement: a round figure stands for the values it may have been rounded or cut
  from ("77,700" covers 77,600 .. 77,800, and so 77,765; "1,200" covers 1,187), never by more than
  the tolerance (10 %: "40,000" does not cover 34,600).
- Qualifiers are ranges: "about 1,200" is 1,200 ± 10 %; "over 40,000" 40,000 .. 48,000;
  "nearly 34,600" 27,680 .. 34,600; so "over 40,000" and "nearly 34,600" conflict, and "at least
  248" and "250" do not.

Each figure side says who stands behind it: the source its claim cites, or the outlet itself.
"""
from __future__ import annotations

import re
from datetime import date as _date
from functools import lru_cache
from typing import Optional, Sequence

from claimx.events import document_source
from claimx.folding import STOPWORDS, words
from claimx.schema import Claim, Figure, FigureComparison, FigureSide
from claimx.units import unit_name

# Words that say what a figure counts, by measure. The nearest one to the figure wins:
# "killed nearly 34,600 Palestinians and wounded 77,700 others" -> killed, then wounded.
MEASURE_WORDS: dict[str, tuple[str, ...]] = {
    "killed": ("killed", "kill", "kills", "killing", "killings", "dead", "death", "deaths", "died",
               "die", "fatalities", "fatality", "toll", "lives", "slain", "massacred"),
    "wounded": ("wounded", "wounding", "injured", "injuring", "injuries", "injury", "hurt",
                "casualties"),
    "held": ("held", "hostages", "hostage", "captives", "captive", "captured", "abducted",
             "kidnapped"),
    "detained": ("detained", "detainees", "prisoners", "prisoner", "arrested", "arrests", "jailed",
                 "imprisoned"),
    "displaced": ("displaced", "displacement", "homeless", "refugees", "evacuated", "evacuate",
                  "evacuation", "evacuees", "fled"),
    "missing": ("missing",),
}
_MEASURE_OF = {w: m for m, ws in MEASURE_WORDS.items() for w in ws}
# Subjects that say nothing about who is counted: "77,700 others", "the total". A figure with
# such a subject (or none, or only a measure word: "1,200 deaths") fits any subject.
VAGUE_SUBJECTS = frozenset("others other total number figure".split())
# "People" is everyone: it fits "people" (or a vague subject), not "Palestinians": "at least 248
# Palestinians" and "around 1,200 people" killed count different things.
PEOPLE_WORDS = frozenset("people persons person individuals individual civilians civilian".split())
_MEASURE_WINDOW = 5
# A round figure below this is taken as exact ("12 Israelis", "40 percent").
_ROUNDED_FROM = 100
# Units whose figures are not rounded counts (a rate of "40 percent" is not "about 40").
_EXACT_UNITS = frozenset({"percent", "percentage_point"})  # (as `unit_name` gives them)
# "since Oct. 7", "from Oct. 7": the figure runs from that day to the report's.
_RUNNING_FROM = re.compile(r"\b(?:since|from)\s+(?:the\s+)?$", re.IGNORECASE)
# ", which killed ...": a relative clause about the dated thing (closed again by a comma).
_RELATIVE = re.compile(r",\s*(?:which|who|that|when)\b", re.IGNORECASE)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def figure_measure(claim: Claim, fig: Figure) -> Optional[str]:
    """What a figure counts: from its subject ("1,200 deaths"), else the nearest measure word
    within five words of it in the claim ("killed around 1,200 people")."""
    for w in words(fig.subject or ""):
        if w in _MEASURE_OF:
            return _MEASURE_OF[w]
    text = claim.text
    start = fig.span[0] - claim.span[0]
    if not (0 <= start <= len(text) and text[start:start + len(fig.text)] == fig.text):
        start = text.find(fig.text)
        if start < 0:
            return None
    before = words(text[:start])[-_MEASURE_WINDOW:][::-1]
    after = words(text[start + len(fig.text):])[:_MEASURE_WINDOW]
    for i in range(_MEASURE_WINDOW):
        for side in (before, after):
            if i < len(side) and side[i] in _MEASURE_OF:
                return _MEASURE_OF[side[i]]
    return None


@lru_cache(maxsize=4096)
def subject_key(subject: Optional[str]) -> frozenset[str]:
    """Who is counted, folded and singular, without vague and measure words; "people",
    "individuals" and the like all become "people"."""
    key = set()
    for w in words(subject or ""):
        if w in PEOPLE_WORDS:
            key.add("people")
        elif w not in VAGUE_SUBJECTS and w not in _MEASURE_OF and w not in STOPWORDS:
            key.add(_singular(w))
    if "people" in key and len(key) > 1:
        key.discard("people")          # "Palestinian civilians": who they are is the point
    return frozenset(key)


def rounding(value: float, unit: Optional[str], tolerance: float) -> float:
    """How far a round figure may be from what was counted: one step of its last non-zero digit
    ("77,700": 100; "1.2 million": 100,000), at most ``tolerance`` of it; 0 for figures below 100,
    figures with decimals, and percentages."""
    v = abs(float(value))
    if v < _ROUNDED_FROM or v != int(v) or unit_name(unit or "") in _EXACT_UNITS:
        return 0.0
    n, step = int(v), 1
    while n % 10 == 0:
        n //= 10
        step *= 10
    return min(float(step) if step > 1 else 0.0, tolerance * v)


def figure_range(value: float, qualifier: Optional[str], tolerance: float,
                 unit: Optional[str] = None) -> tuple[float, float]:
    """The values a figure stands for, given its qualifier and how round it is (see the module)."""
    v = float(value)
    if qualifier == "about":
        spread = max(tolerance * abs(v), rounding(v, unit, tolerance))
        lo, hi = v - spread, v + spread
    elif qualifier in ("over", "at_least"):
        lo, hi = v, v * (1 + 2 * tolerance)
    elif qualifier in ("under", "at_most"):
        lo, hi = v * (1 - 2 * tolerance), v
    else:
        spread = rounding(v, unit, tolerance)
        lo, hi = v - spread, v + spread
    return (min(lo, hi), max(lo, hi))


def figure_time(claim: Claim, fig: Optional[Figure] = None) -> tuple[Optional[str], Optional[str]]:
    """(ISO day, basis) a figure is about: the date its claim names, unless the figure is a running
    total *since* that date ("34,600 have been killed since Oct. 7", "Since Oct. 7, 34,600 ..."):
    then, like a claim without a date of its own, the day it was reported. A figure in a relative
    clause about the dated thing is about that date ("the offensive since the Oct. 7 incursion,
    which killed around 1,200 people": Oct. 7)."""
    d = claim.date
    published = (claim.doc.published or "")[:10] or None
    if d is None or not d.value:
        return published, ("published" if published else None)
    if d.basis != "published" and d.text and published and _running_since(claim, fig, d.text):
        return published, "published"
    return d.value[:10], d.basis


def _running_since(claim: Claim, fig: Optional[Figure], written: str) -> bool:
    sentence = claim.sentence
    at = sentence.find(written)
    if at < 0 or not _RUNNING_FROM.search(sentence[:at]):
        return False
    where = sentence.find(fig.text) if fig is not None else -1
    if where < at:                       # the figure before "since ...": its total runs since then
        return True
    between = sentence[at + len(written):where]
    opened = _RELATIVE.search(between)
    return opened is None or "," in between[opened.end():]


def figure_source(claim: Claim, speaker_key: Optional[str] = None) -> str:
    """Who stands behind a claim's figures: the source it cites (its speaker key, else its
    name), or for the outlet's own claims the outlet (`claimx.events.document_source`)."""
    if claim.speaker is not None:
        return speaker_key or claim.speaker.name
    return document_source(claim.doc)


def figure_side(claim: Claim, fig: Figure, tolerance: float, speaker_key: Optional[str] = None) -> FigureSide:
    low, high = figure_range(fig.value, fig.qualifier, tolerance, fig.unit)
    day, basis = figure_time(claim, fig)
    return FigureSide(text=fig.text, value=fig.value, unit=fig.unit, qualifier=fig.qualifier,
                      subject=fig.subject, measure=figure_measure(claim, fig),
                      low=round(low, 6), high=round(high, 6), source=figure_source(claim, speaker_key),
                      date=day, dated_by=basis)


def days_apart(a: FigureSide, b: FigureSide) -> Optional[int]:
    """Days from A's figure to B's (b − a), or None when either is undated."""
    try:
        return (_date.fromisoformat(b.date) - _date.fromisoformat(a.date)).days if a.date and b.date else None
    except ValueError:
        return None


def comparable(a: FigureSide, b: FigureSide, max_days: Optional[int] = None) -> bool:
    """Same unit; the same measure with compatible subjects, or no measure and one subject; and,
    with ``max_days``, days at most that far apart (undated figures fit any day)."""
    if unit_name(a.unit or "") != unit_name(b.unit or ""):
        return False
    sa, sb = subject_key(a.subject), subject_key(b.subject)
    if a.measure is not None and b.measure is not None:
        same = a.measure == b.measure and (not sa or not sb or bool(sa & sb))
    elif a.measure is None and b.measure is None:
        same = bool(sa) and sa == sb
    else:
        same = False
    if not same or max_days is None:
        return same
    days = days_apart(a, b)
    return days is None or abs(days) <= max_days


def ranges_agree(a: FigureSide, b: FigureSide) -> bool:
    return a.low <= b.high and b.low <= a.high


def compare_figures(fa: Sequence[FigureSide], fb: Sequence[FigureSide],
                    max_days: Optional[int] = None) -> list[FigureComparison]:
    """Pair each figure of A with the closest comparable, still unpaired figure of B: the nearest
    in time first, then in value."""
    used: set[int] = set()
    out = []
    for x in fa:
        best = None
        for j, y in enumerate(fb):
            if j in used or not comparable(x, y, max_days):
                continue
            days = days_apart(x, y)
            gap = abs(float(x.value) - float(y.value)) / max(abs(float(x.value)), abs(float(y.value)), 1e-9)
            rank = (abs(days) if days is not None else 0, gap)
            if best is None or rank < best[0]:
                best = (rank, j)
        if best is not None:
            used.add(best[1])
            y = fb[best[1]]
            out.append(FigureComparison(a=x, b=y, agree=ranges_agree(x, y), days=days_apart(x, y)))
    return out
