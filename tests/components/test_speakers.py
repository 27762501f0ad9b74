"""claimx_speakers through the whole pipeline: mention -> name, type and title.

Rows are (text, expected speakers); a speaker is summed up as (text as written, name, type, title),
one per claim in text order. Every claim goes through the offset invariant.
"""
from __future__ import annotations

import pytest

import claimx
from tests.conftest import assert_offsets


def speakers(nlp, text: str) -> list[tuple]:
    claims = claimx.extract(text, nlp=nlp)
    for claim in claims:
        assert_offsets(text, claim)
    return [(c["speaker"]["text"], c["speaker"]["name"], c["speaker"]["type"], c["speaker"]["title"])
            if c["speaker"] else None for c in claims]


# ---------------------------------------------------------------------------------------------
# Back-references: the fullest name the document gives

@pytest.mark.parametrize("text, expected", [
    pytest.param("Maria Lopez runs the bakery on Elm Street. Lopez said that the price of bread had doubled.",
                 [("Lopez", "Maria Lopez", "person", None)], id="surname"),
    pytest.param("Maria Lopez runs the bakery on Elm Street. She said that the price of bread had doubled.",
                 [("She", "Maria Lopez", "person", None)], id="she-last-named"),
    pytest.param('Oskar Lind opened the new school on Monday. "Every child in the valley can now walk to class," '
                 "he said.", [("he", "Oskar Lind", "person", None)], id="he-after-a-quote"),
    pytest.param("Greta Moss sued the reporter Ivan Petrov over the story. She said that the article was false.",
                 [("She", "Greta Moss", "person", None)], id="she-the-subject-not-the-object"),
    pytest.param("The Clintons hosted Mark Wendt at the lake house. He said that the visit was private.",
                 [("He", "Mark Wendt", "person", None)], id="he-never-a-plural-name"),
    pytest.param("Karin Olsen spoke to the reporter Tom Hale at the quay. Hale asked her about the levy. "
                 "She said that the levy was unfair.",
                 [("Hale", "Tom Hale", "person", "reporter"), ("She", "Karin Olsen", "person", None)],
                 id="she-the-one-asked-not-the-interviewer"),
    pytest.param('Karin Olsen met Tom Hale at the quay. Hale pressed Olsen on the budget. "We will balance it," '
                 "she said.", [("she", "Olsen", "person", None)], id="after-pressed-the-one-pressed"),
    pytest.param("The foreign ministry said the talks would resume. It added that both delegations had agreed.",
                 [("The foreign ministry", "foreign ministry", "government", None),
                  ("It", "foreign ministry", "government", None)], id="it-a-ministry"),
    pytest.param("Mayor Elena Varga asked the council to approve the levy. She said that the budget was tight.",
                 [("Mayor Elena Varga", "Elena Varga", "person", "Mayor"), ("She", "Elena Varga", "person", "Mayor")],
                 id="asking-for-something-is-no-question"),
    pytest.param("Mr. Kowalski said that the budget would be balanced next year.",
                 [("Mr. Kowalski", "Kowalski", "person", None)], id="honorific-dropped"),
    pytest.param("Finance Minister Jan Kowalski opened the debate. Kowalski said that the budget would be "
                 "balanced next year.", [("Kowalski", "Jan Kowalski", "person", "Finance Minister")],
                 id="surname-keeps-title"),
    pytest.param("A source close to the talks said the deal was nearly done. The source added that both teams "
                 "would sign on Friday.",
                 [("A source close to the talks", "source close to the talks", "anonymous", None),
                  ("The source", "source close to the talks", "anonymous", None)], id="the-source"),
    pytest.param("Maria Lopez runs the bakery on Elm Street. \"Flour prices have doubled since the spring,\" "
                 "she said.", [("she", "Maria Lopez", "person", None)], id="she-with-a-capitalised-noun-in-quote"),
])
def test_back_references(nlp, text, expected):
    assert speakers(nlp, text) == expected


# ---------------------------------------------------------------------------------------------
# Titles and appositions

@pytest.mark.parametrize("text, expected", [
    pytest.param("Finance Minister Jan Kowalski said that the budget would be balanced next year.",
                 ("Finance Minister Jan Kowalski", "Jan Kowalski", "person", "Finance Minister"), id="title-before"),
    pytest.param("Jan Kowalski, the finance minister, said that the budget would be balanced next year.",
                 ("Jan Kowalski, the finance minister", "Jan Kowalski", "person", "finance minister"),
                 id="apposition"),
    pytest.param("Dr. Anna Berg, a surgeon at the city hospital, said that the ward was full.",
                 ("Dr. Anna Berg, a surgeon at the city hospital", "Anna Berg", "person",
                  "surgeon at the city hospital"), id="apposition-with-honorific"),
    pytest.param("Jan Kowalski, who leads the finance ministry, said that the budget would be balanced next year.",
                 ("Jan Kowalski", "Jan Kowalski", "person", None), id="relative-clause-not-in-mention"),
    pytest.param('"The spill is far larger than the company admits," said Ingrid Sol of the Coastal Trust.',
                 ("Ingrid Sol of the Coastal Trust", "Ingrid Sol", "person", None), id="of-organization"),
])
def test_titles_and_appositions(nlp, text, expected):
    assert speakers(nlp, text) == [expected]


def test_apposition_title_follows_the_person(nlp):
    text = ("Dr. Anna Berg, a surgeon at the city hospital, said that the ward was full. "
            "Berg added that more beds were coming.")
    assert [s[3] for s in speakers(nlp, text)] == ["surgeon at the city hospital"] * 2


# ---------------------------------------------------------------------------------------------
# Types

@pytest.mark.parametrize("speaker, name, kind", [
    ("Helena Ortiz", "Helena Ortiz", "person"),
    ("Greenpeace", "Greenpeace", "organization"),
    ("The health ministry", "health ministry", "government"),
    ("The State Department", "State Department", "government"),
    ("The White House", "White House", "government"),
    ("The Norwegian government", "Norwegian government", "government"),
    ("Cairo", "Cairo", "government"),
    ("The harbour council", "harbour council", "organization"),
    ("The Biden administration", "Biden administration", "government"),
    ("The university administration", "university administration", "organization"),
    ("The fire department", "fire department", "organization"),
    ("The Supreme Court", "Supreme Court", "organization"),
    ("The Riverside Hospital", "Riverside Hospital", "organization"),
    ("Reuters", "Reuters", "media"),
    ("AFP", "AFP", "media"),
    ("An unnamed official", "unnamed official", "anonymous"),
    ("A person familiar with the matter", "person familiar with the matter", "anonymous"),
    ("Economists", "Economists", "group"),
    ("Norway", "Norway", "government"),
    pytest.param("Analysts", "Analysts", "group"),
    pytest.param("Residents", "Residents", "group"),
])
def test_speaker_types(nlp, speaker, name, kind):
    text = f"{speaker} said that the water in the harbour had been brown for a week."
    assert speakers(nlp, text) == [(speaker, name, kind, None)]


def test_media_by_outlet_name_in_according_to(nlp):
    text = "The strike at the port has ended, according to Reuters."
    assert speakers(nlp, text) == [("Reuters", "Reuters", "media", None)]


def test_unattributed_claim_has_no_speaker(nlp):
    assert speakers(nlp, "The harbour handled 2 million tonnes of grain in 2023.") == [None]


@pytest.mark.parametrize("text, expected", [
    pytest.param("A statement from the port authority said that the quay would close on Friday.",
                 ("A statement from the port authority", "port authority", "organization", None), id="statement-from-X"),
    pytest.param("A separate council statement said that the quay would close on Friday.",
                 ("A separate council statement", "council", "organization", None), id="X-statement"),
])
def test_a_document_speaks_for_its_author(nlp, text, expected):
    assert speakers(nlp, text) == [expected]
