"""claimx.names: which speaker names are one speaker, and the name each goes by."""
from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from claimx.claimfiles import read_claims
from claimx.names import (acronym, cluster_speakers, name_tokens, person_tokens, same_name_word, same_speaker,
                          speaker_keys, without_titles)

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("name, expected", [
    ("Ismaïl HANIYEH", ("ismail", "haniyeh")),
    ("The Egypt's army", ("egypt", "army")),              # article and possessive dropped
    ("an official", ("official",)),
    ("Khalil al-Hayya", ("khalil", "al", "hayya")),
    ("the", ()),
])
def test_name_tokens(name, expected):
    assert name_tokens(name) == expected


@pytest.mark.parametrize("name, expected", [
    ("United Nations", "un"),
    ("Israel Defense Forces", "idf"),
    ("Ministry of Health", "mh"),                          # "of", "the", "for", "and" skipped
    ("The Office for Budget and Planning", "obp"),
])
def test_acronym(name, expected):
    assert acronym(name_tokens(name)) == expected


@pytest.mark.parametrize("x, y, threshold, expected", [
    ("haniyeh", "haniyeh", 1.0, True),
    ("haniyeh", "haniya", 0.9, True),                      # a transliteration
    ("mohammed", "mohammad", 0.9, True),
    ("haniyeh", "haniya", 1.0, False),                     # 1: identical words only
    ("ali", "aly", 0.5, False),                            # under four letters: exact only
    ("khalil", "chalil", 0.5, False),                      # the first two letters must agree
    ("netanyahu", "nasrallah", 0.9, False),
])
def test_same_name_word(x, y, threshold, expected):
    assert same_name_word(x, y, threshold) is expected
    assert same_name_word(y, x, threshold) is expected


@pytest.mark.parametrize("a, b, family, expected", [
    ("Haniyeh", "Ismail Haniyeh", "person", True),            # surname = full name
    ("ismail HANIYEH", "Ismaïl Haniyeh", "person", True),      # case and accents
    ("Haniya", "Ismail Haniyeh", "person", True),              # a transliteration
    ("Blinken", "Antony Blinken", "person", True),
    ("Netanyahu", "Benjamin Netanyahu", "person", True),
    ("Ismail", "Ismail Haniyeh", "person", False),             # a first name is not the surname
    ("Abbas", "Abbas Kamel", "person", False),
    ("Abbas", "Mahmoud Abbas", "person", True),
    ("Yahya Sinwar", "Ismail Haniyeh", "person", False),
    ("UN", "United Nations", "person", False),                 # acronyms are not for people
    ("Egyptian security officials", "Senior Egyptian security officials", "group", True),
    ("the Egyptian security officials", "Egyptian security officials", "group", True),
    ("officials", "Egyptian security officials", "group", False),   # one generic word is not enough
    ("Palestinian health sources", "Egyptian security officials", "group", False),
    ("UN", "United Nations", "body", True),                    # acronym
    ("IDF", "Israel Defense Forces", "body", True),
    ("Egypt's MENA news agency", "MENA news agency", "body", True),
    ("Hamas", "Hamas", "body", True),
    ("Hamas", "Fatah", "body", False),
    ("", "Hamas", "body", False),
])
def test_same_speaker(a, b, family, expected):
    assert same_speaker(name_tokens(a), name_tokens(b), family) is expected
    assert same_speaker(name_tokens(b), name_tokens(a), family) is expected


def test_name_threshold_one_turns_spelling_variants_off():
    assert same_speaker(name_tokens("Haniya"), name_tokens("Ismail Haniyeh"), "person", 1.0) is False
    assert same_speaker(name_tokens("Haniyeh"), name_tokens("Ismail Haniyeh"), "person", 1.0) is True


@pytest.mark.parametrize("type_a, type_b, expected", [
    ("organization", "organization", True),
    ("organization", "media", True),
    ("government", "place", True),            # "Egypt" speaking for its government, or not
    ("government", "organization", True),     # "the State Department"
    ("group", "anonymous", True),
    ("person", "person", False),              # "UN" is no person's surname
    ("person", "organization", False),
    ("government", "group", False),
])
def test_speaker_types_that_can_be_one_speaker(type_a, type_b, expected):
    got = cluster_speakers([("UN", type_a), ("United Nations", type_b)])
    assert (got[("UN", type_a)] == got[("United Nations", type_b)] == "United Nations") is expected


def test_clusters_are_named_by_the_fullest_name_and_never_chain():
    names = [("Netanyahu", "person"), ("Benjamin Netanyahu", "person"), ("Haniyeh", "person"),
             ("Ismail Haniyeh", "person"), ("Yair Netanyahu", "person"), ("Kamel", "person"),
             ("Abbas Kamel", "person"), ("Hamas", "organization"), ("Hamas", "person")]
    got = cluster_speakers(names)
    assert got[("Haniyeh", "person")] == "Ismail Haniyeh"
    assert got[("Kamel", "person")] == "Abbas Kamel"
    # "Netanyahu" fits two full names: ambiguous, so it stays alone
    assert got[("Netanyahu", "person")] == "Netanyahu"
    assert got[("Benjamin Netanyahu", "person")] != got[("Yair Netanyahu", "person")]
    # a person and an organisation are never one speaker, whatever the spelling
    assert got[("Hamas", "organization")] == got[("Hamas", "person")] == "Hamas"
    assert cluster_speakers(list(reversed(names))) == got      # order-independent


@pytest.mark.parametrize("names, expected", [
    # the spelling shown: without a leading article, the longest, then the most capitalised
    ([("the Regional Transport Office", "organization"), ("regional transport office", "organization")],
     "Regional Transport Office"),
    ([("Hamas", "organization")], "Hamas"),
])
def test_the_name_a_cluster_goes_by(names, expected):
    assert set(cluster_speakers(names).values()) == {expected}


@pytest.mark.parametrize("name, folded, shown", [
    ("President-elect Donald J. Trump", ("donald", "trump"), "Donald J. Trump"),   # title and initial
    ("Mr. Trump", ("trump",), "Mr. Trump"),                   # one word left: it keeps its title when shown
    ("Sen. Bernie Sanders", ("bernie", "sanders"), "Bernie Sanders"),
    ("Secretary of State John Kerry", ("john", "kerry"), "John Kerry"),
    ("Egyptian Foreign Minister Sameh Shoukry", ("sameh", "shoukry"), "Sameh Shoukry"),
    ("Hamas spokesman Hazem Qassem", ("hazem", "qassem"), "Hazem Qassem"),
    ("former Vice President Mike Pence", ("mike", "pence"), "Mike Pence"),
    # names that are not titles stay whole
    ("Ismail Haniyeh", ("ismail", "haniyeh"), "Ismail Haniyeh"),
    ("Martin Luther King Jr.", ("martin", "luther", "king", "jr"), "Martin Luther King Jr."),
    ("Gabi Ashkenazi", ("gabi", "ashkenazi"), "Gabi Ashkenazi"),
])
def test_person_names_without_titles(name, folded, shown):
    assert person_tokens(name_tokens(name)) == folded
    assert without_titles(name) == shown


def test_one_person_across_outlets_whatever_the_title():
    names = [("President-elect Donald J. Trump", "person"), ("Mr. Trump", "person"), ("Donald Trump", "person"),
             ("President Trump", "person"), ("Trump", "person"), ("Melania Trump", "person"),
             ("Sen. Bernie Sanders", "person"), ("Sanders", "person"),
             ("Hillary Clinton", "person"), ("Bill Clinton", "person"), ("Mrs. Clinton", "person")]
    got = cluster_speakers(names)
    # a surname alone ("Mr. Trump", "President Trump") fits both Donald and Melania Trump: ambiguous
    assert {got[n] for n in names[:5]} == {"Donald Trump", "Trump"}
    assert got[("Mr. Trump", "person")] == got[("President Trump", "person")] == got[("Trump", "person")] == "Trump"
    # ... and without Melania every Trump is Donald
    alone = cluster_speakers([n for n in names if n[0] != "Melania Trump"])
    assert {alone[n] for n in names[:5]} == {"Donald Trump"}
    assert got[("Sanders", "person")] == got[("Sen. Bernie Sanders", "person")] == "Bernie Sanders"
    assert got[("Mrs. Clinton", "person")] == "Mrs. Clinton"       # Hillary or Bill: ambiguous
    # a title is not a name: organisations keep every word
    assert cluster_speakers([("White House", "organization")]) == {("White House", "organization"): "White House"}


def test_speaker_keys_merge_across_documents():
    keys = speaker_keys(read_claims([DATA / "ledger.jsonl", DATA / "wire.jsonl"]))
    assert keys["wire_flood#1"] == keys["ledger_flood#1"] == "Elena Vásquez"
    assert keys["wire_flood#5"] == "Senior engineers at the water authority"
    assert "ledger_flood#2" not in keys                         # unattributed


def test_speaker_keys_of_contract_dicts():
    claims = read_claims([DATA / "outlets.jsonl"])
    assert speaker_keys([msgspec.to_builtins(c) for c in claims]) == speaker_keys(claims)
    assert speaker_keys([]) == {}
