"""claimx_dates: date mentions resolved against the publication date; claim_date()."""
from __future__ import annotations

import pytest
import spacy

import claimx.components.dates  # noqa: F401  (registers the factory)
from claimx.components.dates import claim_date

THURSDAY = "2023-03-09"        # a Thursday
NEW_YEAR_MONDAY = "2023-01-02"  # a Monday, the first weekday of the year


@pytest.fixture(scope="module")
def parse(model_nlp):
    """Run the bare model, set the article header, then run the component."""
    component = spacy.blank("en").add_pipe("claimx_dates")

    def run(text: str, published: str | None):
        doc = model_nlp(text)
        doc._.article = {"title": None, "outlet": None, "author": None, "published": published}
        doc = component(doc)
        for d in doc._.dates:
            s, e = d["span"]
            assert doc.text[s:e] == d["text"], d
        return doc

    return run


def _rows(doc) -> list[tuple]:
    return [(d["text"], d["value"], d["basis"]) for d in doc._.dates]


@pytest.mark.parametrize("published, text, expected", [
    # relative days, read from a Thursday
    (THURSDAY, "The minister spoke on Thursday.", ("Thursday", "2023-03-09", "relative")),
    (THURSDAY, "Earlier Thursday, the mayor resigned.", ("Earlier Thursday", "2023-03-09", "relative")),
    (THURSDAY, "Rescuers arrived on Thursday evening.", ("Thursday evening", "2023-03-09", "relative")),
    (THURSDAY, "Police said on Monday that two men were held.", ("Monday", "2023-03-06", "relative")),
    (THURSDAY, "The vote was held on Friday.", ("Friday", "2023-03-03", "relative")),  # the week before
    (THURSDAY, "The talks collapsed last Thursday.", ("last Thursday", "2023-03-02", "relative")),
    (THURSDAY, "Unions protested yesterday.", ("yesterday", "2023-03-08", "relative")),
    (THURSDAY, "The bridge reopened last week.", ("last week", "2023-03-02", "relative")),
    (THURSDAY, "The strike started a week ago.", ("a week ago", "2023-03-02", "relative")),
    (THURSDAY, "The strike started three days ago.", ("three days ago", "2023-03-06", "relative")),
    (THURSDAY, "The envoy will travel to Rome on Friday.", ("Friday", "2023-03-10", "relative")),
    # explicit dates: the year from the publication date, in the past unless the clause is future
    (THURSDAY, "The ceasefire began on Nov. 14 and collapsed.", ("Nov. 14", "2022-11-14", "explicit")),
    (THURSDAY, "The ceasefire began on March 2nd.", ("March 2nd", "2023-03-02", "explicit")),
    (THURSDAY, "Talks will resume on April 20.", ("April 20", "2023-04-20", "explicit")),
    (THURSDAY, "The summit opened on 7 March 2023.", ("7 March 2023", "2023-03-07", "explicit")),
    (THURSDAY, "The letter is dated Sept. 4, 2021.", ("Sept. 4, 2021", "2021-09-04", "explicit")),
    # across the year boundary, read from Monday 2 January
    (NEW_YEAR_MONDAY, "The storm hit on Saturday.", ("Saturday", "2022-12-31", "relative")),
    (NEW_YEAR_MONDAY, "Crowds gathered on Sunday night.", ("Sunday night", "2023-01-01", "relative")),
    (NEW_YEAR_MONDAY, "Officials met on Dec. 30 to plan.", ("Dec. 30", "2022-12-30", "explicit")),
    (NEW_YEAR_MONDAY, "The strike started a week ago.", ("a week ago", "2022-12-26", "relative")),
    # no publication date: nothing relative resolves, the text is kept; full dates still resolve
    (None, "The minister spoke on Thursday.", ("Thursday", None, "relative")),
    (None, "The ceasefire began on Nov. 14.", ("Nov. 14", None, "explicit")),
    (None, "The bridge reopened last week.", ("last week", None, "relative")),
    (None, "The summit opened on 7 March 2023.", ("7 March 2023", "2023-03-07", "explicit")),
])
def test_date_mention(parse, published, text, expected):
    assert _rows(parse(text, published)) == [expected]


@pytest.mark.parametrize("text", [
    "The accord has held since 1979.",          # a year alone is not a day
    "The war began in October.",                # nor a month alone
    "The siege lasted six months.",             # a period
    "Several days ago nothing moved.",          # no count, no day
    "Mayor Maynard said residents may 21 times complain.",
    "In recent weeks the talks stalled.",
])
def test_not_a_date_mention(parse, text):
    assert _rows(parse(text, THURSDAY)) == []


def test_published_with_time_and_zone(parse):
    doc = parse("The minister spoke on Wednesday.", "2023-03-09T23:10:00+02:00")
    assert _rows(doc) == [("Wednesday", "2023-03-08", "relative")]


def test_no_article_header_at_all(model_nlp):
    component = spacy.blank("en").add_pipe("claimx_dates")
    doc = component(model_nlp("The minister spoke on Thursday."))  # doc._.article is None
    assert _rows(doc) == [("Thursday", None, "relative")]


# -- claim_date ------------------------------------------------------------------------------

def _sentence(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


@pytest.mark.parametrize("published, text, sentence, expected", [
    # the mention in the sentence
    (THURSDAY, "Talks ended. The minister said on Monday that talks failed.",
     "The minister said on Monday that talks failed.",
     {"value": "2023-03-06", "text": "Monday", "basis": "relative"}),
    # only mentions inside the sentence count
    (THURSDAY, "Talks ended on Monday. The minister said the talks failed.",
     "The minister said the talks failed.",
     {"value": "2023-03-09", "text": None, "basis": "published"}),
    # several: the first
    (THURSDAY, "On Tuesday, officials said the truce of Nov. 14 held.",
     "On Tuesday, officials said the truce of Nov. 14 held.",
     {"value": "2023-03-07", "text": "Tuesday", "basis": "relative"}),
    # a plan for after the publication day is not when the claim was made
    (THURSDAY, "The envoy will travel to Rome on Friday, he said.",
     "The envoy will travel to Rome on Friday, he said.",
     {"value": "2023-03-09", "text": None, "basis": "published"}),
    # publication date with a time: its date part
    ("2023-03-09T22:47:00", "The minister said talks failed.", "The minister said talks failed.",
     {"value": "2023-03-09", "text": None, "basis": "published"}),
    # no publication date: the mention, unresolved, text kept
    (None, "The minister said on Monday that talks failed.",
     "The minister said on Monday that talks failed.",
     {"value": None, "text": "Monday", "basis": "relative"}),
    (None, "Talks could begin as early as next week, a spokesman said.",
     "Talks could begin as early as next week, a spokesman said.", None),
    # nothing known at all
    (None, "The minister said talks failed.", "The minister said talks failed.", None),
])
def test_claim_date(parse, published, text, sentence, expected):
    doc = parse(text, published)
    assert claim_date(doc, *_sentence(text, sentence)) == expected


def test_claim_date_before_the_component_ran(model_nlp):
    doc = model_nlp("The minister said talks failed.")
    doc._.article = {"published": THURSDAY}
    assert claim_date(doc, 0, len(doc.text)) == {"value": THURSDAY, "text": None, "basis": "published"}
