"""claimx.query: each filter and grouping as a table of behaviour over the two-outlet fixture.

(Folding and whole-word matching: tests/test_folding.py; speaker names: tests/test_names.py.)
"""
from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from claimx.claimfiles import read_claims
from claimx.facets import NO_ACT
from claimx.query import ClaimFilter, filter_claims, group_counts

DATA = Path(__file__).parent / "data"
CLAIMS = read_claims([DATA / "outlets.jsonl"])
L, W = "ledger_flood#", "wire_flood#"

# The fixture's claims (a schema-1 file, written before claims had acts) with an act each: the
# outlet's own claims (L2, W2) have none, and W9 has none, as in the file.
ACT_OF = {f"{L}1": "assertion", f"{L}3": "assertion", f"{L}4": "intention", f"{L}5": "belief",
          f"{L}6": "intention", f"{L}7": "assertion", f"{W}1": "assertion", f"{W}3": "assertion",
          f"{W}4": "intention", f"{W}5": "belief", f"{W}6": "intention", f"{W}7": "assertion",
          f"{W}8": "topic"}
ACTED = [msgspec.structs.replace(c, act=ACT_OF.get(c.id)) for c in CLAIMS]

@pytest.mark.parametrize("criteria, expected", [
    (dict(), [f"{L}{i}" for i in range(1, 8)] + [f"{W}{i}" for i in range(1, 10)]),
    # speaker: case and accent insensitive, surname finds the full name, OR across values
    (dict(speakers=["vasquez"]), [f"{L}1", f"{L}7", f"{W}1"]),
    (dict(speakers=["ELENA VÁSQUEZ"]), [f"{L}1", f"{L}7"]),
    (dict(speakers=["reyes", "holm"]), [f"{L}4", f"{W}4", f"{W}6"]),
    (dict(speakers=["water authority"]), [f"{L}5", f"{W}5", f"{W}9"]),
    (dict(speakers=["nobody"]), []),
    (dict(types=["anonymous"]), [f"{W}9"]),
    (dict(types=["group", "organization"]), [f"{L}3", f"{L}5", f"{W}3", f"{W}5", f"{W}7"]),
    (dict(kinds=["direct"]), [f"{L}1", f"{L}6", f"{W}6"]),
    (dict(kinds=["unattributed", "according_to"]), [f"{L}2", f"{L}3", f"{W}2", f"{W}3"]),
    (dict(outlets=["coastal wire"]), [f"{W}{i}" for i in range(1, 10)]),
    (dict(outlets=["ledger"]), [f"{L}{i}" for i in range(1, 8)]),
    (dict(docs=["wire_*"], kinds=["direct"]), [f"{W}6"]),
    (dict(docs=["ledger_flood"], speakers=["lindqvist"]), [f"{L}6"]),
    # dates: partial ISO dates, inclusive
    (dict(until="2023-04-10"), [f"{L}1"]),
    (dict(since="2023-04-13", kinds=["direct"]), [f"{W}6"]),
    (dict(since="2023-04-11", until="2023-04-12", speakers=["vasquez"]), [f"{L}7"]),
    (dict(since="2023-04"), [f"{L}{i}" for i in range(1, 8)] + [f"{W}{i}" for i in range(1, 10)]),
    (dict(until="2022"), []),
    # text: substring ignoring case; --regex: a pattern
    (dict(text="BRIDGE"), [f"{L}3", f"{L}6", f"{W}3", f"{W}6"]),
    (dict(text="river r", regex=False), [f"{L}1"]),
    (dict(text=r"\brisen?\b|\brose\b", regex=True), [f"{L}1", f"{W}1"]),
    (dict(text="inspected (for|in)", regex=True), [f"{L}5", f"{W}5"]),
    # figures: each criterion must hold for one and the same figure
    (dict(has_figures=True), [f"{L}2", f"{L}3", f"{W}2", f"{W}3", f"{W}7"]),
    (dict(subject="people"), [f"{L}2", f"{W}2"]),
    (dict(subject="people", min_value=50), [f"{W}2"]),
    (dict(subject="people", min_value=2000), []),           # 3,000 is residents, not people
    (dict(min_value=1_000_000), [f"{L}3", f"{W}3"]),
    (dict(unit="usd", max_value=12_000_000), [f"{L}3", f"{W}3"]),
    (dict(unit="tonne"), [f"{W}7"]),
    (dict(max_value=30), [f"{W}7"]),
])
def test_filter_claims(criteria, expected):
    assert [c.id for c in filter_claims(CLAIMS, **criteria)] == expected


@pytest.mark.parametrize("criteria, expected", [
    (dict(acts=["assertion"]), [f"{L}1", f"{L}3", f"{L}7", f"{W}1", f"{W}3", f"{W}7"]),
    (dict(acts=["BELIEF"]), [f"{L}5", f"{W}5"]),                     # ignoring case
    (dict(acts=["belief", "topic"]), [f"{L}5", f"{W}5", f"{W}8"]),   # any of several
    (dict(acts=["intention"], outlets=["ledger"]), [f"{L}4", f"{L}6"]),
    (dict(acts=["assertion"], kinds=["direct"]), [f"{L}1"]),
    (dict(acts=["intention"], speakers=["vasquez"]), []),
    (dict(acts=["assertion"], kinds=["unattributed"]), []),           # the outlet's own: no act
    (dict(acts=["opinion"]), []),                                     # not an act: nothing
])
def test_filter_by_act(criteria, expected):
    assert [c.id for c in filter_claims(ACTED, **criteria)] == expected


def test_claims_without_acts_match_no_act_filter():
    # files written before claims had an act leave it null
    assert all(c.act is None for c in CLAIMS)
    assert filter_claims(CLAIMS, acts=["assertion", "belief", "intention", "topic"]) == []
    assert group_counts(CLAIMS, "act") == [(NO_ACT, len(CLAIMS))]


def test_structs_pass_straight_through():
    hits = filter_claims(CLAIMS, outlets=["ledger"])
    assert hits and all(any(h is c for c in CLAIMS) for h in hits)   # the same objects, not copies


def test_filter_accepts_contract_dicts():
    dicts = [msgspec.to_builtins(c) for c in CLAIMS]
    assert filter_claims(dicts, speakers=["reyes"]) == filter_claims(CLAIMS, speakers=["reyes"])


@pytest.mark.parametrize("criteria", [dict(since="last week"), dict(until="2024-5-1"),
                                      dict(text="(", regex=True)])
def test_bad_criteria_are_refused(criteria):
    with pytest.raises(ValueError):
        ClaimFilter(**criteria)


def test_a_claim_without_date_matches_no_date_filter():
    (claim,) = [c for c in CLAIMS if c.id == f"{L}4"]
    undated = msgspec.structs.replace(claim, date=None)
    assert filter_claims([undated], since="1900") == []
    assert filter_claims([undated], until="2999") == []
    assert filter_claims([undated]) == [undated]


@pytest.mark.parametrize("by, expected", [
    ("outlet", [("Coastal Wire", 9), ("Northern Ledger", 7)]),
    ("kind", [("indirect", 9), ("direct", 3), ("according_to", 2), ("unattributed", 2)]),
    ("type", [("person", 8), ("group", 2), ("organization", 3), ("(none)", 2), ("anonymous", 1)]),
    ("date", [("2023-04-10", 1), ("2023-04-12", 6), ("2023-04-13", 9)]),
    # one speaker across documents: "Vasquez" is "Elena Vásquez", "Lindqvist" is "Ana Lindqvist",
    # "Engineers at ..." is "Senior engineers at ..."
    ("speaker", [("Elena Vásquez", 3), ("(unattributed)", 2), ("Ana Lindqvist", 2),
                 ("Regional Transport Office", 2), ("Senior engineers at the water authority", 2),
                 ("Tomas Reyes", 2), ("Piet Holm", 1), ("Relief North", 1),
                 ("official at the water authority, who asked not to be named", 1)]),
    ("act", [("assertion", 6), ("intention", 4), ("(no act)", 3), ("belief", 2), ("topic", 1)]),
])
def test_group_counts(by, expected):
    got = group_counts(ACTED, by)
    assert sorted(got) == sorted(expected)
    if by == "date":
        assert got == expected                   # date order
    else:
        assert [n for _, n in got] == sorted((n for _, n in got), reverse=True)
    assert sum(n for _, n in got) == len(CLAIMS)


def test_group_counts_of_contract_dicts():
    dicts = [msgspec.to_builtins(c) for c in ACTED]
    for by in ("speaker", "act", "date"):
        assert group_counts(dicts, by) == group_counts(ACTED, by)


def test_group_counts_of_nothing():
    assert group_counts([], "speaker") == []


def test_group_by_unknown_field():
    with pytest.raises(ValueError):
        group_counts(CLAIMS, "colour")


@pytest.mark.parametrize("asked, written, same", [
    ("km", "kilometer", True), ("kilometres", "kilometer", True), ("KM", "kilometer", True),
    ("days", "day", True),            # files written before units had pint's names
    ("day", "days", True), ("mph", "mile_per_hour", True), ("%", "percent", True),
    ("dollars", "USD", True), ("usd", "USD", True), ("€", "EUR", True),
    ("pounds", "pound", True), ("GBP", "pound", False),   # the weight; money is GBP
    ("km", "mile", False), ("USD", "CAD", False), ("percent", "percentage_point", False),
    ("furlongs", "furlongs", True), ("furlongs", "kilometer", False),  # unknown: itself
])
def test_unit_names_compare_as_the_rules_name_them(asked, written, same):
    from claimx.query import unit_name

    assert (unit_name(asked) == unit_name(written)) is same


def test_filter_by_unit_finds_every_spelling():
    claims = [msgspec.structs.replace(CLAIMS[0], figures=[
        msgspec.structs.replace(f, unit=u) for f in CLAIMS[1].figures[:1]]) for u in ("kilometer", "days", "USD")]
    claims = [msgspec.structs.replace(c, id=f"c{i}") for i, c in enumerate(claims)]
    assert [c.id for c in filter_claims(claims, ClaimFilter(unit="kilometres"))] == ["c0"]
    assert [c.id for c in filter_claims(claims, ClaimFilter(unit="day"))] == ["c1"]
    assert [c.id for c in filter_claims(claims, ClaimFilter(unit="$"))] == ["c2"]
