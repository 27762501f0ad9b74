"""claimx.figure_compare: when two figures are about the same thing, and whether they agree.

Tables of short claims written for each rule: measure, subject, unit, time, rounding, qualifiers,
and who stands behind a figure.
"""
from __future__ import annotations

import msgspec
import pytest

from claimx.figure_compare import (compare_figures, days_apart, figure_range, figure_side, figure_source,
                                   figure_time, rounding)
from claimx.schema import ClaimDate
from tests.test_diff import make_claim


def _side(text, figure, date="2024-05-02", said_on=None, speaker=None, doc="d"):
    """One figure side: ``figure`` is (text, value, unit, qualifier, subject); ``said_on`` is an
    (ISO day, as written) date the claim names (basis explicit)."""
    c = make_claim(text, speaker, figures=[figure], date=date, doc=doc)
    if said_on:
        c = msgspec.structs.replace(c, date=ClaimDate(value=said_on[0], text=said_on[1], basis="explicit"))
    return figure_side(c, c.figures[0], 0.1)

@pytest.mark.parametrize("a, b, expected", [
    ("Palestinians", "Palestinian", True),
    ("Palestinians", "Palestinian civilians", True),
    ("Palestinians", "people", False),
    ("people", "individuals", True),
    ("Palestinians", "fatalities", True),     # a measure word says nothing about who
    ("Palestinians", None, True),
    ("others", "Israelis", True),
    ("Palestinians", "Israelis", False),
])
def test_subjects_that_fit(a, b, expected):
    ca = make_claim("killed 5 x", figures=[("5", 5, None, None, a)])
    cb = make_claim("killed 6 y", figures=[("6", 6, None, None, b)])
    got = compare_figures([figure_side(ca, ca.figures[0], 0.1)], [figure_side(cb, cb.figures[0], 0.1)])
    assert bool(got) is expected


@pytest.mark.parametrize("value, qualifier, expected", [
    (1187, None, (1187, 1187)),                 # not round: exact
    (1200, None, (1100, 1300)),                 # round: one step of its last digit either way
    (77700, None, (77600, 77800)),
    (40000, None, (36000, 44000)),              # never more than the tolerance
    (1200, "about", (1080, 1320)),
    (40, None, (40, 40)),                       # below 100: exact
    (40000, "over", (40000, 48000)),
    (40000, "at_least", (40000, 48000)),
    (34600, "under", (27680, 34600)),
    (34600, "at_most", (27680, 34600)),
])
def test_figure_range(value, qualifier, expected):
    assert figure_range(value, qualifier, 0.1) == pytest.approx(expected)


@pytest.mark.parametrize("a, fa, b, fb, expected", [
    # the examples: "around 1,200" and "approximately 1,200" agree ...
    ("the Oct. 7 incursion, which killed around 1,200 people", ("around 1,200", 1200, None, "about", "people"),
     "an attack that resulted in approximately 1,200 deaths", ("approximately 1,200", 1200, None, "about", "deaths"),
     True),
    # ... "nearly 34,600" and "over 40,000" killed do not
    ("Tel Aviv has killed nearly 34,600 Palestinians", ("nearly 34,600", 34600, None, "under", "Palestinians"),
     "military actions have led to over 40,000 fatalities", ("over 40,000", 40000, None, "over", "fatalities"),
     False),
    ("killed nearly 34,600 Palestinians", ("nearly 34,600", 34600, None, "about", "Palestinians"),
     "over 40,000 Palestinians were killed", ("over 40,000", 40000, None, "over", "Palestinians"), False),
    ("the floods killed at least 41 people", ("at least 41", 41, None, "at_least", "people"),
     "the floods killed 45 people", ("45", 45, None, None, "people"), True),
    ("the floods killed 41 people", ("41", 41, None, None, "people"),
     "the floods killed 45 people", ("45", 45, None, None, "people"), False),
    ("Egypt has allocated $500 million for reconstruction", ("$500 million", 500e6, "USD", None, "reconstruction"),
     "a $500 million fund for reconstruction", ("$500 million", 500e6, "USD", None, "reconstruction"), True),
    # one unit however a file names it: "km" (written before units had pint's names) and "kilometer"
    ("the queue of trucks stretched 12 km", ("12 km", 12, "km", None, "trucks"),
     "a queue of trucks 15 kilometres long", ("15 kilometres", 15, "kilometer", None, "trucks"), False),
])
def test_comparable_figures_agree_or_not(a, fa, b, fb, expected):
    ca, cb = make_claim(a, figures=[fa]), make_claim(b, figures=[fb])
    (cmp,) = compare_figures([figure_side(ca, ca.figures[0], 0.1)], [figure_side(cb, cb.figures[0], 0.1)])
    assert cmp.agree is expected


@pytest.mark.parametrize("a, fa, b, fb", [
    # killed vs wounded: different measures
    ("killed 34,600 Palestinians and wounded 77,700 others", ("77,700", 77700, None, None, "others"),
     "over 40,000 fatalities", ("over 40,000", 40000, None, "over", "fatalities")),
    # same measure, different people counted
    ("left 248 Palestinians dead", ("248", 248, None, None, "Palestinians"),
     "12 Israelis were killed", ("12", 12, None, None, "Israelis")),
    # "people" are everyone, not Palestinians: different counts, not a conflict
    ("which left at least 248 Palestinians dead", ("at least 248", 248, None, "at_least", "Palestinians"),
     "the incursion, which killed around 1,200 people", ("around 1,200", 1200, None, "about", "people")),
    ("over 130 Israelis are being held", ("over 130", 130, None, "over", "Israelis"),
     "the militants captured around 200 individuals", ("around 200", 200, None, "about", "individuals")),
    # different units
    ("Egypt has allocated $500 million", ("$500 million", 500e6, "USD", None, "reconstruction"),
     "500 million people", ("500 million", 500e6, None, None, "reconstruction")),
    # nothing says what is counted
    ("in 1979", ("1979", 1979, None, None, None), "in 1967", ("1967", 1967, None, None, None)),
])
def test_figures_about_different_things_are_not_compared(a, fa, b, fb):
    ca, cb = make_claim(a, figures=[fa]), make_claim(b, figures=[fb])
    assert compare_figures([figure_side(ca, ca.figures[0], 0.1)], [figure_side(cb, cb.figures[0], 0.1)]) == []


@pytest.mark.parametrize("text, figure, measure", [
    ("killed nearly 34,600 Palestinians and wounded 77,700 others", "nearly 34,600", "killed"),
    ("killed nearly 34,600 Palestinians and wounded 77,700 others", "77,700", "wounded"),
    ("which left at least 248 Palestinians and 12 Israelis dead", "at least 248", "killed"),
    ("over 130 Israelis are being held in Gaza", "over 130", "held"),
    ("85% of the population was displaced", "85%", "displaced"),
    ("Egypt has allocated $500 million", "$500 million", None),
])
def test_figure_measure(text, figure, measure):
    c = make_claim(text, figures=[(figure, 1, None, None, None)])
    assert figure_side(c, c.figures[0], 0.1).measure == measure




# --- rounding and qualifiers -------------------------------------------------------------------

@pytest.mark.parametrize("value, unit, expected", [
    (77700, None, 100), (1200, None, 100), (1187, None, 0), (1_200_000, None, 100_000),
    (40000, None, 4000),            # one step would be 10,000: capped at the tolerance
    (250, None, 10), (12, None, 0), (40, None, 0),           # small counts are exact
    (40, "percent", 0), (300, "percent", 0), (2.5, None, 0), (500e6, "USD", 50e6),
    (300, "percentage_point", 0), (300, "%", 0), (300, "percentage points", 0),   # however written
])
def test_rounding(value, unit, expected):
    assert rounding(value, unit, 0.1) == pytest.approx(expected)


@pytest.mark.parametrize("a, fa, b, fb, agree", [
    # rounding is agreement
    ("77,700 others were wounded", ("77,700", 77700, None, None, "others"),
     "77,765 people were wounded", ("77,765", 77765, None, None, "people"), True),
    ("about 1,200 people were killed", ("about 1,200", 1200, None, "about", "people"),
     "1,187 people were killed", ("1,187", 1187, None, None, "people"), True),
    ("1,200 people were killed", ("1,200", 1200, None, None, "people"),
     "1,187 people were killed", ("1,187", 1187, None, None, "people"), True),
    # ... but not beyond the tolerance
    ("40,000 people were killed", ("40,000", 40000, None, None, "people"),
     "34,600 people were killed", ("34,600", 34600, None, None, "people"), False),
    ("1,187 people were killed", ("1,187", 1187, None, None, "people"),
     "1,150 people were killed", ("1,150", 1150, None, None, "people"), False),
    # qualifiers are ranges
    ("over 40,000 people were killed", ("over 40,000", 40000, None, "over", "people"),
     "nearly 34,600 people were killed", ("nearly 34,600", 34600, None, "under", "people"), False),
    ("at least 248 Palestinians were killed", ("at least 248", 248, None, "at_least", "Palestinians"),
     "250 Palestinians were killed", ("250", 250, None, None, "Palestinians"), True),
    ("more than 130 hostages are held", ("more than 130", 130, None, "over", "hostages"),
     "up to 129 hostages are held", ("up to 129", 129, None, "at_most", "hostages"), False),
])
def test_rounded_and_qualified_figures(a, fa, b, fb, agree):
    (cmp,) = compare_figures([_side(a, fa)], [_side(b, fb)])
    assert cmp.agree is agree
    (back,) = compare_figures([_side(b, fb)], [_side(a, fa)])
    assert back.agree is agree


# --- time ----------------------------------------------------------------------------------------

OCT7 = ("2023-10-07", "Oct. 7")


@pytest.mark.parametrize("sentence, figure, said_on, published, expected", [
    ("1,200 people were killed on Oct. 7", "1,200", OCT7, "2024-05-02", ("2023-10-07", "explicit")),
    # a running total since a date is about the day it was reported
    ("34,600 people have been killed since Oct. 7", "34,600", OCT7, "2024-05-02", ("2024-05-02", "published")),
    ("Since Oct. 7, 34,600 people have been killed", "34,600", OCT7, "2024-05-02", ("2024-05-02", "published")),
    ("34,600 have died since the Oct. 7 attack", "34,600", OCT7, "2024-05-02", ("2024-05-02", "published")),
    ("From Monday, 30 people were detained", "30", ("2024-04-29", "Monday"), "2024-05-02",
     ("2024-05-02", "published")),
    # ... but a figure in a relative clause about the dated thing is about that date
    ("Israel has waged an offensive since the Oct. 7 incursion, which killed around 1,200 people", "around 1,200",
     OCT7, "2024-05-02", ("2023-10-07", "explicit")),
    ("Since the Oct. 7 attack, which killed 1,200 people, 34,600 Palestinians have died", "1,200", OCT7,
     "2024-05-02", ("2023-10-07", "explicit")),
    ("Since the Oct. 7 attack, which killed 1,200 people, 34,600 Palestinians have died", "34,600", OCT7,
     "2024-05-02", ("2024-05-02", "published")),
    # no date named: the publication date, or none
    ("34,600 people have been killed", "34,600", None, "2024-05-02", ("2024-05-02", "published")),
    ("34,600 people have been killed", "34,600", None, None, (None, None)),
])
def test_figure_time(sentence, figure, said_on, published, expected):
    c = make_claim(sentence, figures=[(figure, 1, None, None, None)], date=published)
    if said_on:
        c = msgspec.structs.replace(c, date=ClaimDate(value=said_on[0], text=said_on[1], basis="explicit"))
    assert figure_time(c, c.figures[0]) == expected


def test_figures_about_other_days_are_not_compared():
    toll_then = _side("1,200 people were killed on Oct. 7", ("1,200", 1200, None, None, "people"),
                      said_on=("2023-10-07", "Oct. 7"))
    toll_now = _side("34,600 people have been killed", ("34,600", 34600, None, None, "people"), date="2024-05-02")
    same_day = _side("around 1,200 people were killed in the Oct. 7 attack",
                     ("around 1,200", 1200, None, "about", "people"), date="2024-05-03", said_on=("2023-10-07", "Oct. 7"))
    undated = _side("30,000 people have been killed", ("30,000", 30000, None, None, "people"), date=None)
    assert compare_figures([toll_then], [toll_now], max_days=3) == []
    (cmp,) = compare_figures([toll_then], [same_day], max_days=3)       # both about Oct. 7
    assert cmp.agree and cmp.days == 0
    assert compare_figures([toll_then], [toll_now], max_days=None)      # any days: compared (and disagree)
    (cmp,) = compare_figures([toll_now], [undated], max_days=0)         # an undated figure fits any day
    assert cmp.days is None and not cmp.agree


def test_the_nearest_day_is_compared_first():
    a = _side("34,600 people have been killed", ("34,600", 34600, None, None, "people"), date="2024-05-02")
    far = _side("34,600 people have been killed", ("34,600", 34600, None, None, "people"), date="2024-05-05")
    near = _side("34,700 people have been killed", ("34,700", 34700, None, None, "people"), date="2024-05-03")
    (cmp,) = compare_figures([a], [far, near], max_days=3)
    assert cmp.b.text == "34,700" and cmp.days == 1 and cmp.agree       # 34,700 covers 34,600 .. 34,800


@pytest.mark.parametrize("a, b, days", [
    ("2024-05-02", "2024-05-05", 3), ("2024-05-05", "2024-05-02", -3), (None, "2024-05-02", None),
])
def test_days_apart(a, b, days):
    fa = _side("34,600 people", ("34,600", 34600, None, None, "people"), date=a)
    fb = _side("34,600 people", ("34,600", 34600, None, None, "people"), date=b)
    assert days_apart(fa, fb) == days


# --- who stands behind a figure ----------------------------------------------------------------

@pytest.mark.parametrize("speaker, key, outlet, expected", [
    ("the Health Ministry", None, "Wire", "the Health Ministry"),
    ("Qudra", "Ashraf al-Qudra", "Wire", "Ashraf al-Qudra"),      # the name it goes by across documents
    (None, None, "Wire", "Wire"),                                  # the outlet's own figure
    (None, None, None, "(no outlet) d"),                           # no outlet: the document
])
def test_figure_source(speaker, key, outlet, expected):
    c = make_claim("34,600 people have been killed", speaker, figures=[("34,600", 34600, None, None, "people")])
    c = msgspec.structs.replace(c, doc=msgspec.structs.replace(c.doc, outlet=outlet))
    assert figure_source(c, key) == expected
    assert figure_side(c, c.figures[0], 0.1, key).source == expected
