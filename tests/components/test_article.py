"""claimx_article: the article dict (header, given metadata), chrome, and sentence starts.

Rule-only tests run the component alone after spaCy's bare English tokenizer; the date test
runs the whole pipeline. The header itself is tested in tests/test_header.py.
"""
from __future__ import annotations

import msgspec
import pytest
import spacy

import claimx.components  # noqa: F401  (registers the factories)
from claimx.header import parse_header

FERRY = """Harbour council approves new ferry timetable
Updated 22:47, 30-May-2021
CGTN
The harbour council on Tuesday approved a new ferry timetable for the summer season.
Boats will leave every forty minutes from June.
"""
STATED = {"title": "Harbour council approves new ferry timetable", "outlet": "CGTN", "author": None,
          "published": "2021-05-30T22:47:00", "url": None}


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("claimx_article")
    return nlp


def run(nlp, text: str, **ext):
    doc = nlp.make_doc(text)
    for name, value in ext.items():
        setattr(doc._, name, value)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


# ---------------------------------------------------------------------------------------------
# doc._.article: what the text states, what was given with it

@pytest.mark.parametrize("given, expected", [
    pytest.param(None, STATED, id="nothing-given"),
    pytest.param({}, STATED, id="empty-dict"),
    pytest.param({"title": None, "outlet": None, "author": None, "published": None, "url": None}, STATED,
                 id="all-none-given: the text's fields stay"),
    pytest.param({"outlet": "Harbour Gazette"}, {**STATED, "outlet": "Harbour Gazette"}, id="outlet-wins"),
    pytest.param({"published": "2021-06-01", "author": "Ana Costa"},
                 {**STATED, "published": "2021-06-01", "author": "Ana Costa"}, id="date-and-author-win"),
    pytest.param({"url": "https://example.org/ferry", "title": "Ferry timetable"},
                 {**STATED, "url": "https://example.org/ferry", "title": "Ferry timetable"}, id="url-and-title"),
])
def test_given_fields_win_over_the_text(blank, given, expected):
    doc = run(blank, FERRY, given=given)
    assert doc._.article == expected
    # the chrome is the text's, whatever was given
    assert [FERRY[s:e] for s, e in doc._.boilerplate] == ["Updated 22:47, 30-May-2021", "CGTN"]


def test_article_and_boilerplate_set_before_are_kept(blank):
    # the runner sets both on every piece of a long article, from the whole article's header
    whole = {"title": "Whole article", "outlet": "Harbour Gazette", "author": None,
             "published": "2021-06-01", "url": None}
    doc = run(blank, FERRY, article=dict(whole), boilerplate=[(0, 7)], given={"outlet": "Other"})
    assert doc._.article == whole
    assert doc._.boilerplate == [(0, 7)]
    # and sentences still start after line breaks
    assert doc[doc.char_span(FERRY.index("CGTN"), FERRY.index("CGTN") + 4).start].is_sent_start


def test_article_dict_matches_parse_header(blank):
    assert run(blank, FERRY)._.article == parse_header(FERRY).as_dict()


# ---------------------------------------------------------------------------------------------
# Sentence starts

def starts(doc) -> list[str]:
    return [t.text for t in doc if t.is_sent_start and t.i > 0]


@pytest.mark.parametrize("text, expected", [
    ("Ferry timetable\nBoats leave at nine", ["Boats"]),
    ("Ferry timetable\r\nBoats leave at nine", ["Boats"]),
    ("Ferry timetable\rBoats leave at nine", ["Boats"]),
    ("Ferry timetable\u2028Boats leave at nine", ["Boats"]),
    ("Ferry timetable\r\rBoats leave at nine\rcrews wait", ["Boats", "crews"]),
])
def test_a_line_break_starts_a_sentence_on_any_line_ending(blank, text, expected):
    assert starts(run(blank, text)) == expected


def test_no_sentence_starts_at_a_lower_case_word(blank):
    doc = run(blank, 'The intl. community agreed, said Ana.')
    community = [t for t in doc if t.text == "community"][0]
    assert community.is_sent_start is False


LONG_RUN = " ".join(["the council voted to keep the school open and the parents said they were glad"] * 40)


@pytest.mark.parametrize("text", [
    pytest.param(LONG_RUN, id="no-punctuation"),
    pytest.param(LONG_RUN.replace("glad", "glad, and"), id="commas-only"),
    pytest.param(" ".join(["the mayor said the ferry was late."] * 80), id="lower-case-after-every-period"),
    pytest.param(" ".join(["Mr. Lind said so."] * 200), id="periods-the-parser-may-join"),
])
def test_a_sentence_is_never_longer_than_the_cap(blank, text):
    doc = run(blank, text)
    cap = blank.get_pipe("claimx_article").max_sentence_tokens
    lengths = [len(s) for s in doc.sents]
    assert len(lengths) > 1
    assert max(lengths) <= 5 * cap


def test_no_punctuation_is_cut_after_a_comma_when_there_is_one(blank):
    doc = run(blank, LONG_RUN.replace("glad", "glad,"))
    assert all(s[0].i == 0 or doc[s[0].i - 1].text == "," for s in doc.sents)
    assert max(len(s) for s in doc.sents) <= 150


@pytest.mark.parametrize("path", sorted(__import__("pathlib").Path(__file__).resolve().parents[2].glob("seeds/*.txt")),
                         ids=lambda p: p.stem)
def test_ordinary_articles_get_starts_only_after_line_breaks(blank, path):
    text = path.read_text(encoding="utf-8")
    doc = run(blank, text)
    assert all(t.i == 0 or "\n" in doc[t.i - 1].text for t in doc if t.is_sent_start)


# ---------------------------------------------------------------------------------------------
# Downstream: the dates see the given publication date

def test_dates_are_resolved_against_the_given_date(nlp):
    text = "The mayor said on Monday that the pier would reopen in the spring."
    doc = nlp.make_doc(text)
    doc._.given = {"published": "2024-05-08"}  # a Wednesday
    doc = nlp(doc)
    assert doc._.article["published"] == "2024-05-08"
    (claim,) = doc._.claims
    assert msgspec.to_builtins(claim.date) == {"value": "2024-05-06", "text": "Monday", "basis": "relative"}
    assert nlp(text)._.claims[0].date.value is None
