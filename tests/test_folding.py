"""claimx.folding: folding, words, whole-word matching and content words, as tables of behaviour."""
from __future__ import annotations

import pytest

from claimx.folding import contains_words, content_words, fold, words


@pytest.mark.parametrize("text, expected", [
    ("Ismaïl HANIYEH", "ismail haniyeh"),
    ("Côte d’Ivoire", "cote d’ivoire"),
    ("Straße", "strasse"),
    ("ﬁnal", "final"),                          # a ligature is two letters
    ("", ""),
    ("already folded", "already folded"),
])
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ismaïl Haniyeh", ["ismail", "haniyeh"]),
    ("Khalil al-Hayya", ["khalil", "al", "hayya"]),        # a hyphen splits words
    ("Egypt's army", ["egypt", "s", "army"]),              # so does an apostrophe
    ("$12 million, 2024", ["12", "million", "2024"]),
    ("snake_case", ["snake", "case"]),
    ("— , ; ...", []),
    ("", []),
])
def test_words(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize("haystack, needle, expected", [
    ("Ismail Haniyeh", "haniyeh", True),
    ("Ismail Haniyeh", "HANIYEH", True),
    ("Ismail Haniyeh", "ismail haniyeh", True),
    ("Elena Vásquez", "vasquez", True),
    ("Côte d'Ivoire", "cote", True),
    ("Khalil al-Hayya", "ali", False),           # whole words only
    ("Ismail Haniyeh", "haniyeh ismail", False),  # in order
    ("Ismail Haniyeh", "hani", False),
    ("Ismail Haniyeh", "ismail x haniyeh", False),
    (None, "x", False),
    ("", "x", False),
])
def test_contains_words(haystack, needle, expected):
    assert contains_words(haystack, needle) is expected


@pytest.mark.parametrize("text, expected", [
    ("X said that the talks would resume", ["x", "talks", "resume"]),
    ("We will rebuild every bridge", ["rebuild", "every", "bridge"]),
    ("THE Talks WOULD Resume", ["talks", "resume"]),
    ("the and of", []),                          # nothing but function words
    ("according to the council", ["council"]),
    ("", []),
])
def test_content_words(text, expected):
    assert content_words(text) == expected
