"""claimx_cues, form by form: which frames a sentence gives, through the whole pipeline.

One table per cue form of `claimx.components.cues.finders` (``FINDERS`` and ``DOCUMENT_FINDERS``),
every sentence written for its row, with sentences that must give no frame of that form (scare
quotes, "said to be", "$5 per gallon", datelines, tallies, "make sure that", ...). A row lists
EVERY frame of its text, whatever its form, as (form, cue text, lemma, [content texts], speaker
mention text): a rule of one form that starts to fire on another form's sentence shows up too.

Then the ways a verb's content is found (``CONTENT_STRATEGIES``, one sentence each), the guard
around each finder (a failing finder costs its candidate, never the document; ``strict`` re-raises)
and the table of forms itself. A row marked xfail is a known gap: what the extractor should give
and does not yet.
"""
from __future__ import annotations

import dataclasses

import pytest

from claimx.components.cues import finders
from claimx.components.cues.contents import CONTENT_STRATEGIES
from claimx.components.cues.finders import DOCUMENT_FINDERS, FINDERS
from claimx.components.cues.lexicon import lexicon


def frame_rows(doc) -> list[tuple]:
    """Each frame of ``doc`` as (form, cue text, lemma, [content texts], speaker mention text)."""
    return [(f.form, doc[f.cue[0]:f.cue[1]].text, f.lemma, [doc.text[s:e] for s, e in f.contents],
             doc[f.speaker[0]:f.speaker[1]].text if f.speaker is not None else None)
            for f in doc._.attributions]


def gap(text: str, expected: list[tuple], reason: str, id: str):
    """A row the extractor does not get right yet: kept with the right answer, expected to fail."""
    return pytest.param(text, expected, id=id, marks=pytest.mark.xfail(strict=True, reason=reason))


# ---------------------------------------------------------------------------------------------
# One table per form: (text, every frame of the text)

ROWS: dict[str, list] = {}

ROWS["according_to"] = [
    pytest.param("According to Mayor Lena Hoff, the ferry will resume service in May.",
                 [("according_to", "According to", "according to", ["the ferry will resume service in May"],
                   "Mayor Lena Hoff")], id="fronted"),
    pytest.param("The ferry will resume service in May, according to the harbour authority.",
                 [("according_to", "according to", "according to", ["The ferry will resume service in May"],
                   "the harbour authority")], id="closing"),
    pytest.param("The port is expanding, as reported by the Varnholm Gazette.",
                 [("according_to", "as reported by", "as reported by", ["The port is expanding"],
                   "the Varnholm Gazette")], id="as-reported-by"),
    pytest.param("Per the city council, the tram fares will rise next year.",
                 [("according_to", "Per", "per", ["the tram fares will rise next year"], "the city council")],
                 id="per-X"),
    pytest.param("In the words of Tomas Varga, the pier is a monument to delay.",
                 [("according_to", "In the words of", "in the words of", ["the pier is a monument to delay"],
                   "Tomas Varga")], id="in-the-words-of"),
    pytest.param("The levy will pay for the pier, the council said, according to Hoff.",
                 [("verb", "said", "say", ["The levy will pay for the pier"], "the council"),
                  ("according_to", "according to", "according to", ["The levy will pay for the pier, the council said"],
                   "Hoff")], id="around-a-verb-cue"),
    pytest.param("Diesel now costs $5 per gallon in Varnholm.", [], id="price-per-unit"),
    pytest.param("The fence was built according to the 1967 border.", [], id="according-to-a-line"),
]

ROWS["finding"] = [
    pytest.param("Ferry ridership fell by a third last year, port records show.",
                 [("finding", "show", "show", ["Ferry ridership fell by a third last year"], "port records")],
                 id="closing"),
    pytest.param("Port records show, the ferry carried fewer passengers in winter.",
                 [("finding", "show", "show", ["the ferry carried fewer passengers in winter"], "Port records")],
                 id="fronted-with-comma"),
    pytest.param("Osk leads Hoff, the latest survey shows.",
                 [("finding", "shows", "show", ["Osk leads Hoff"], "the latest survey")], id="survey-shows"),
    # not a finding: a verb with its clause, weighed as a verb cue
    pytest.param("Tax filings show the mayor earned more than her deputy.",
                 [("verb", "show", "show", ["the mayor earned more than her deputy"], "Tax filings")],
                 id="verb-not-finding"),
    pytest.param("The poll shows Hoff with a clear lead.",
                 [("verb", "shows", "show", ["Hoff with a clear lead"], "The poll")], id="poll-shows-object"),
    pytest.param("The survey was published in May.", [], id="no-cue"),
]

ROWS["stance_participle"] = [
    pytest.param("The union is opposed to the new levy.",
                 [("stance_participle", "opposed", "oppose", ["the new levy"], "The union")], id="opposed-to"),
    pytest.param("Hoff was disappointed by the vote.",
                 [("stance_participle", "disappointed", "disappoint", ["the vote"], "Hoff")], id="disappointed-by"),
    pytest.param("Hoff is committed to the new port.",
                 [("stance_participle", "committed", "commit", ["the new port"], "Hoff")], id="committed-to"),
    pytest.param("The tenants' union is concerned that rents will rise.",
                 [("stance_participle", "concerned", "concern", ["that rents will rise"], "The tenants' union")],
                 id="concerned-that"),
    pytest.param("The union is not opposed to the levy.", [], id="negated"),
    pytest.param("The council was opposed by three members.", [], id="agent-not-allowed"),
    pytest.param("The road was closed by the police.", [], id="not-a-stance"),
]

ROWS["verb"] = [
    pytest.param("Mayor Lena Hoff said that the ferry would resume in May.",
                 [("verb", "said", "say", ["that the ferry would resume in May"], "Mayor Lena Hoff")], id="said-that"),
    pytest.param("Hoff urged the council to delay the vote.",
                 [("verb", "urged", "urge", ["the council to delay the vote"], "Hoff")], id="urged-Y-to"),
    # scare quotes are words of the content, not a quotation of its own
    pytest.param('Critics call the levy a "harbour tax" on small boats.',
                 [("verb", "call", "call", ['the levy a "harbour tax" on small boats'], "Critics")], id="scare-quotes"),
    pytest.param("Hoff voiced support for the new tram line.",
                 [("verb", "voiced", "voice", [], "Hoff"),
                  ("nominal", "support", "support", ["the new tram line"], "Hoff")], id="light-verb-noun-cue"),
    pytest.param("The ministers are said to be in Varnholm.", [], id="said-to-be"),
    pytest.param("Hoff did not say whether the ferry would resume.", [], id="did-not-say-whether"),
    # a question asks, a negative subject says nothing: no frame speaks for anyone
    pytest.param("Did the mayor say that the ferry would resume?", [], id="a-question-asks"),
    pytest.param("Who said that the ferry would resume?",
                 [("verb", "said", "say", ["that the ferry would resume"], None)], id="who-asks-nobody-speaks"),
    pytest.param("Nobody said that the ferry would resume.",
                 [("verb", "said", "say", ["that the ferry would resume"], None)], id="nobody-speaks"),
    pytest.param("No official said that the ferry would resume.",
                 [("verb", "said", "say", ["that the ferry would resume"], None)], id="no-official-speaks"),
    pytest.param("The harbour master, who said that the pier was safe, resigned.",
                 [("verb", "said", "say", ["that the pier was safe"], "who")], id="a-relative-who-speaks"),
    # the doer of an infinitive joined to a finite clause is the one ordered, not that clause's subject
    pytest.param("The court ordered Varnholm to ensure that its ferries stop and to confirm that the pier "
                 "is safe.", [("verb", "ordered", "order",
                               ["Varnholm to ensure that its ferries stop and to confirm that the pier is safe"],
                               "The court"),
                              ("verb", "confirm", "confirm", ["that the pier is safe"], None)],
                 id="ordered-to-do-and-to-do"),
    pytest.param("Hoff declined to comment on the levy.", [], id="declined-to-comment"),
    gap("Kessler counters that the levy is unfair.",
        [("verb", "counters", "counter", ["that the levy is unfair"], "Kessler")],
        "the parser hangs the name as a compound of the verb; find_speaker does not look there",
        id="name-as-compound-of-verb"),
    # a participle without its agent: its subject undergoes it (the voters were asked)
    pytest.param("Asked about the levy, 46 percent of voters said yes.",
                 [("verb", "said", "say", ["yes"], "46 percent of voters")], id="asked-about-participle"),
]

ROWS["that_clause"] = [
    pytest.param("Residents noticed that the water level had risen.",
                 [("that_clause", "noticed", "notice", ["that the water level had risen"], "Residents")], id="noticed"),
    pytest.param("Critics resent that the levy was passed without a vote.",
                 [("that_clause", "resent", "resent", ["that the levy was passed without a vote"], "Critics")],
                 id="resent"),
    pytest.param("Hoff realised that the pier was sinking.",
                 [("that_clause", "realised", "realise", ["that the pier was sinking"], "Hoff")], id="realised"),
    pytest.param("Engineers made sure that the ferry ran on time.", [], id="make-sure-that"),
    pytest.param("The storm meant that the ferry stayed in port.", [], id="meant-that"),
    pytest.param("The delay proved that the contract was flawed.", [], id="subject-cannot-speak"),
    pytest.param("Residents did not notice that the water had risen.", [], id="negated"),
    # an infinitive of purpose says what is to be done, not what anyone said
    pytest.param("The council will take steps to guarantee that the ferry runs.", [], id="to-guarantee-that"),
    pytest.param("Engineers worked to ensure that the pier stayed open.", [], id="to-ensure-that"),
]

ROWS["misread_verb"] = [
    pytest.param("Democrat counters that the levy is unfair.",
                 [("misread_verb", "counters", "counter", ["that the levy is unfair"], "Democrat")], id="counters"),
    pytest.param("Democrat charges that the harbour contract was rigged.",
                 [("misread_verb", "charges", "charge", ["that the harbour contract was rigged"], "Democrat")],
                 id="charges"),
    pytest.param("But Democrat counters that the pier is unsafe.",
                 [("misread_verb", "counters", "counter", ["that the pier is unsafe"], "Democrat")], id="but-X-counters"),
    pytest.param("Ferry claims rose sharply last year.", [], id="plural-noun"),
    pytest.param("The toll charges that drivers pay are too high.", [], id="relative-clause"),
    gap("Osk Claims that the pier is unsafe.",
        [("misread_verb", "Claims", "claim", ["that the pier is unsafe"], "Osk")],
        "a capitalised 'Claims' is tagged NNPS with the lemma 'Claims', which is not a cue verb",
        id="capitalised-proper-noun"),
]

ROWS["nominal"] = [
    pytest.param("Hoff's call for a ban on night flights angered the airlines.",
                 [("nominal", "call", "call", ["a ban on night flights"], "Hoff")], id="possessor-call-for"),
    pytest.param("Her claim that the pier was unsafe surprised the council.",
                 [("nominal", "claim", "claim", ["that the pier was unsafe"], "Her")], id="claim-that"),
    pytest.param("Criticism of the levy by the tenants' union grew louder.",
                 [("nominal", "Criticism", "criticism", ["the levy"], "the tenants' union")], id="agent-by"),
    pytest.param("Hoff's plan to sell the pier angered the union.",
                 [("nominal", "plan", "plan", ["to sell the pier"], "Hoff")], id="plan-to"),
    pytest.param("The union's demand for a vote was rejected.",
                 [("nominal", "demand", "demand", ["a vote"], "The union")], id="demand-for"),
    pytest.param("The call lasted an hour.", [], id="no-owner"),
    pytest.param('The so-called "reform" of the harbour angered the union.', [], id="scare-quotes"),
    pytest.param("The claim was filed in March.", [], id="no-content"),
    pytest.param("Hoff's comments on Facebook drew replies.", [], id="platform-not-topic"),
]

ROWS["stance_adjective"] = [
    pytest.param("Hoff is confident that the ferry will run in May.",
                 [("stance_adjective", "confident", "confident", ["that the ferry will run in May"], "Hoff")],
                 id="confident-that"),
    pytest.param("Voters are angry about the levy.",
                 [("stance_adjective", "angry", "angry", ["the levy"], "Voters")], id="angry-about"),
    pytest.param("Hoff is worried about the pier.",
                 [("stance_adjective", "worried", "worried", ["the pier"], "Hoff")], id="worried-about"),
    pytest.param("Hoff is not confident that the ferry will run.", [], id="negated"),
    pytest.param("The water is cold in May.", [], id="not-a-stance"),
    pytest.param("The pier is certain to close.", [], id="subject-cannot-speak"),
    gap("Fishermen are skeptical of the harbour plan.",
        [("stance_adjective", "skeptical", "skeptical", ["the harbour plan"], "Fishermen")],
        "'fishermen' is not a source noun (rules/sources.json), so it cannot hold a stance",
        id="group-not-in-lexicon"),
]

ROWS["line_label"] = [
    pytest.param("Lena Hoff: The pier will be finished by May.\nHoff spoke to the council on Monday.",
                 [("line_label", ":", ":", ["The pier will be finished by May"], "Lena Hoff"),
                  ("verb", "spoke", "speak", [], "Hoff")], id="name-colon"),
    pytest.param("Mayor Hoff on the levy: It is fair and it will stay.\nHoff spoke on Monday.",
                 [("line_label", ":", ":", ["It is fair and it will stay"], "Mayor Hoff"),
                  ("verb", "spoke", "speak", [], "Hoff")], id="name-on-topic-colon"),
    pytest.param("Varnholm ferry strike ends: union sources\nThe strike ended on Monday.",
                 [("line_label", ":", ":", ["Varnholm ferry strike ends"], "union sources")], id="headline-colon-source"),
    pytest.param("NEW DELHI: The ferry will resume service in May.", [], id="dateline"),
    pytest.param("Monday: sunny and cold across the harbour.", [], id="date-label"),
    pytest.param("Lena Hoff: 547.\nTomas Varga: 312.", [], id="tally"),
    pytest.param("Update: The pier will be finished by May.", [], id="chrome-label"),
    gap("VARNHOLM: The harbour levy will rise by a tenth next year.", [],
        "an all-capitals dateline of a place the model does not know is taken for a speaker",
        id="unknown-dateline"),
]

ROWS["to_whom"] = [
    pytest.param("To many, Hoff is a reformer.",
                 [("to_whom", "To", "to", ["Hoff is a reformer"], "many")], id="to-many"),
    pytest.param("To many voters, the levy seems unfair.",
                 [("to_whom", "To", "to", ["the levy seems unfair"], "many voters")], id="to-many-voters"),
    pytest.param("To Tomas Varga, the ferry was a lifeline.",
                 [("to_whom", "To", "to", ["the ferry was a lifeline"], "Tomas Varga")], id="to-person"),
    pytest.param("To its critics, the plan is a gift to developers.",
                 [("to_whom", "To", "to", ["the plan is a gift to developers"], "its critics")], id="to-critics"),
    pytest.param("For years, the pier has been unsafe.", [], id="for-years"),
    pytest.param("To that end, the council hired two engineers.", [], id="to-that-end"),
    pytest.param("To Congress, the mayor sent a budget.", [], id="recipient"),
    pytest.param("To the north, the harbour freezes in winter.", [], id="direction"),
    pytest.param("For Hoff, the levy is a necessary evil.", [], id="for-is-the-writer"),
    gap("To Hoff, the levy is a necessary evil.",
        [("to_whom", "To", "to", ["the levy is a necessary evil"], "Hoff")],
        "the model tags the lone surname 'Hoff' GPE here, and a place is never taken for a holder of a view",
        id="to-lone-surname"),
]

ROWS["view"] = [
    pytest.param("In Hoff's view, the levy is fair.",
                 [("view", "In Hoff's view", "in view", ["the levy is fair"], "Hoff")], id="in-X-view"),
    pytest.param("From the union's point of view, the strike was a success.",
                 [("view", "From the union's point of view", "from view", ["the strike was a success"], "the union")],
                 id="point-of-view"),
    pytest.param("In my view, the levy is fair.",
                 [("view", "In my view", "in view", ["the levy is fair"], "my")], id="in-my-view"),
    pytest.param("In Hoff's opinion, the levy is fair.",
                 [("view", "In Hoff's opinion", "in view", ["the levy is fair"], "Hoff")], id="opinion"),
    pytest.param("In view of the storm, the ferry stayed in port.", [], id="in-view-of"),
    pytest.param("In the harbour, the ferries wait.", [], id="place"),
]

ROWS["poll"] = [
    pytest.param("Osk leads Hoff in the latest poll.",
                 [("poll", "in", "in", ["Osk leads Hoff"], "the latest poll")], id="closing"),
    pytest.param("In the latest poll, Osk leads Hoff by six points.",
                 [("poll", "In", "in", ["Osk leads Hoff by six points"], "the latest poll")], id="fronted"),
    pytest.param("Osk is ahead in most of the polls.",
                 [("poll", "in", "in", ["Osk is ahead"], "the polls")], id="most-of-the-polls"),
    pytest.param("In the survey, most tenants favour the levy.",
                 [("poll", "In", "in", ["most tenants favour the levy"], "the survey")], id="survey"),
    # the people polled speak: the poll is not the source where somebody does
    pytest.param("In the poll, 40 percent said the levy was fair.",
                 [("verb", "said", "say", ["the levy was fair"], "40 percent")], id="somebody-speaks"),
    pytest.param("Hoff leads in the latest poll.", [], id="too-short-a-clause"),
    pytest.param("The survey was published in May.", [], id="poll-not-source"),
]

ROWS["headline"] = [
    pytest.param("Hoff champions new pier\n\nThe levy will rise by a tenth next year.",
                 [("headline", "champions", "champion", ["new pier"], "Hoff")], id="verb-read-as-noun"),
    pytest.param("Union chief slams levy as theft\n\nThe levy passed on Monday.",
                 [("headline", "slams", "slam", ["levy as theft"], "Union chief")], id="slams"),
    pytest.param("Mayor Hoff says ferry will resume in May\n\nThe ferry stopped in March.",
                 [("verb", "says", "say", ["ferry will resume in May"], "Mayor Hoff")], id="parse-found-the-cue"),
    pytest.param("Hoff plan draws fire\n\nThe levy passed on Monday.", [], id="not-a-cue-verb"),
    pytest.param("Ferry talks stall in Varnholm\n\nThe talks stalled again on Monday.", [], id="no-cue"),
    pytest.param("Varnholm press conference cancelled\n\nThe mayor was ill.", [], id="participle"),
    pytest.param("Hoff champions new pier", [], id="not-a-line-of-its-own"),
    gap("Harbour experts rebuke Hoff proposal\n\nThe levy passed on Monday.",
        [("headline", "rebuke", "rebuke", ["Hoff proposal"], "Harbour experts")],
        "the verb finder keeps an empty frame for the misparsed verb, so the headline finder stands aside",
        id="empty-verb-frame-blocks-headline"),
]


def check_rows(nlp, text: str, expected: list[tuple]) -> None:
    doc = nlp(text)
    assert frame_rows(doc) == expected


@pytest.mark.parametrize("text, expected", ROWS["according_to"])
def test_according_to(nlp, text, expected):
    check_rows(nlp, text, expected)


@pytest.mark.parametrize("text, expected", ROWS["finding"])
def test_finding(nlp, text, expected):
    check_rows(nlp, text, expected)


@pytest.mark.parametrize("text, expected", ROWS["stance_participle"])
def test_stance_participle(nlp, text, expected):
    check_rows(nlp, text, expected)


@pytest.mark.parametrize("text, expected", ROWS["verb"])
def test_verb(nlp, text, expected):
    check_rows(nlp, text, expected)


@pytest.mark.parametrize("text, expected", ROWS["that_clause"])
def test_that_clause(nlp, text, expected):
    check_rows(nlp, text, expected)


@pytest.mark.parametrize("text, expected", ROWS["misread_verb"])
def test_misread_verb(nlp, text, expected):
    check_rows(nlp, text, expected)


@pytest.mark.parametrize("text, expected", ROWS["nominal"])
def test_nominal(nlp, text, expected):
    check_rows(nlp, text, expected)


@pytest.mark.parametrize("text, expected", ROWS["stance_adjective"])
def test_stance_adjective(nlp, text, expected):
    check_rows(nlp, text, expected)


@pytest.mark.parametrize("text, expected", ROWS["line_label"])
def test_line_label(nlp, text, expected):
    check_rows(nlp, text, expected)


@pytest.mark.parametrize("text, expected", ROWS["to_whom"])
def test_to_whom(nlp, text, expected):
    check_rows(nlp, text, expected)


@pytest.mark.parametrize("text, expected", ROWS["view"])
def test_view(nlp, text, expected):
    check_rows(nlp, text, expected)


@pytest.mark.parametrize("text, expected", ROWS["poll"])
def test_poll(nlp, text, expected):
    check_rows(nlp, text, expected)


@pytest.mark.parametrize("text, expected", ROWS["headline"])
def test_headline(nlp, text, expected):
    check_rows(nlp, text, expected)


def test_every_form_has_a_table():
    forms = {f.form for f in FINDERS} | {form for form, _ in DOCUMENT_FINDERS}
    assert set(ROWS) == forms
    for form, rows in ROWS.items():
        # each table shows its form found, and a sentence where it is not
        assert any(any(frame[0] == form for frame in row.values[1]) for row in rows), form
        assert any(not any(frame[0] == form for frame in row.values[1]) for row in rows), form


# ---------------------------------------------------------------------------------------------
# How a verb's content is found: (strategy, text, cue word, content texts)

STRATEGY_ROWS = [
    ("inverted_aside_pieces", "A fair reading, said Hoff, would favour the tenants.", "said",
     ["A fair reading", "would favour the tenants"]),
    ("clause_complement", "Mayor Lena Hoff said that the ferry would resume in May.", "said",
     ["that the ferry would resume in May"]),
    ("xcomp_clause", "Hoff vowed to rebuild the pier before winter.", "vowed", ["to rebuild the pier before winter"]),
    ("subject_taken_for_object", "Prices rose, with analysts saying a strong harvest will lift exports.", "saying",
     ["a strong harvest will lift exports"]),
    ("clause_after_setting", "Hoff said in a statement that the pier would open in May.", "said",
     ["that the pier would open in May"]),
    ("clause_taken_for_adverbial", "Hoff said after the vote she would not resign.", "said", ["she would not resign"]),
    ("answer_or_as_much", "Hoff said as much on Monday.", "said", ["as much"]),
    ("answer_or_as_much", "Hoff thinks so.", "thinks", ["so"]),
    ("preposition_object", "The mayor called for a ban on night flights.", "called", ["a ban on night flights"]),
    ("seen_as", "Critics see the vote as a test of the new law.", "see", ["the vote as a test of the new law"]),
    ("object_content", "Mayor Lena Hoff denied the report.", "denied", ["the report"]),
    ("passive_agent", "The plan was rejected by the mayor.", "rejected", ["The plan"]),
    ("evidence_object", "The poll shows Hoff with a clear lead.", "shows", ["Hoff with a clear lead"]),
    ("interrupted_clause", "The goal, Hoff said, is to finish the pier by May.", "said",
     ["The goal", "is to finish the pier by May"]),
    ("after_colon", "Hoff added: no more delays.", "added", ["no more delays"]),
]

STRATEGY_GAPS = [
    gap("Hoff said on Monday she would not resign.", ["she would not resign"],
        "the parser hangs the time inside the clause, and the clause complement keeps it",
        id="time-before-clause"),
]


@pytest.mark.parametrize("strategy, text, cue, contents",
                         [pytest.param(*row, id=f"{row[0]}:{row[2]}") for row in STRATEGY_ROWS])
def test_content_strategy(nlp, strategy, text, cue, contents):
    doc = nlp(text)
    (frame,) = [f for f in doc._.attributions if doc[f.cue[0]:f.cue[1]].text == cue]
    assert frame.form == "verb"
    assert [doc.text[s:e] for s, e in frame.contents] == contents
    # the strategy named is the first that answers for this verb
    verb = doc[frame.cue[0]]
    first = next(s for s in CONTENT_STRATEGIES if s(verb, verb.lemma_.lower(), lexicon()) is not None)
    assert first.__name__ == strategy


@pytest.mark.parametrize("text, contents", STRATEGY_GAPS)
def test_content_strategy_gaps(nlp, text, contents):
    doc = nlp(text)
    assert [[doc.text[s:e] for s, e in f.contents] for f in doc._.attributions] == [contents]


def test_every_strategy_has_a_sentence():
    assert {row[0] for row in STRATEGY_ROWS} == {s.__name__ for s in CONTENT_STRATEGIES}


# ---------------------------------------------------------------------------------------------
# The guard: one finder's failure costs its candidate, never the document

GUARDED = ("Mayor Lena Hoff denied the report. According to the harbour authority, the ferry will "
           "resume in May. Hoff said the pier was safe.")


class FinderBroke(RuntimeError):
    pass


def patch_finders(monkeypatch, form: str, fails_on: str) -> None:
    """Replace the ``form`` finder with one that raises on the lemma ``fails_on`` (both where the
    table is defined and where the component reads it)."""
    (finder,) = [f for f in FINDERS if f.form == form]

    def find(ctx, tok):
        if tok.lemma_.lower() == fails_on:
            raise FinderBroke(f"{form} broke on {tok.text!r}")
        return finder.find(ctx, tok)

    patched = tuple(dataclasses.replace(f, find=find) if f is finder else f for f in FINDERS)
    monkeypatch.setattr(finders, "FINDERS", patched)  # the component reads the table at call time


def test_a_failing_finder_costs_its_candidate_only(nlp, monkeypatch):
    before = frame_rows(nlp(GUARDED))
    assert [row[1] for row in before] == ["denied", "According to", "said"]
    patch_finders(monkeypatch, "verb", fails_on="deny")
    doc = nlp(GUARDED)
    assert frame_rows(doc) == [row for row in before if row[1] != "denied"]
    assert [c.cue.lemma for c in doc._.claims if c.cue] == ["according to", "say"]


def test_strict_reraises_a_finders_failure(nlp, monkeypatch):
    patch_finders(monkeypatch, "verb", fails_on="deny")
    monkeypatch.setattr(nlp.get_pipe("claimx_cues"), "strict", True)
    with pytest.raises(FinderBroke):
        nlp(GUARDED)


def test_a_failing_document_finder_costs_its_frame_only(nlp, monkeypatch):
    text = "Hoff champions new pier\n\nThe levy will rise by a tenth next year, the council said."
    assert [row[0] for row in frame_rows(nlp(text))] == ["headline", "verb"]

    def broken(ctx, frames):
        raise FinderBroke("headline")

    monkeypatch.setattr(finders, "DOCUMENT_FINDERS", (("headline", broken),))
    assert [row[0] for row in frame_rows(nlp(text))] == ["verb"]
    monkeypatch.setattr(nlp.get_pipe("claimx_cues"), "strict", True)
    with pytest.raises(FinderBroke):
        nlp(text)


# ---------------------------------------------------------------------------------------------
# The table of forms, and the frames of a whole article

ARTICLE = (
    "Hoff champions new pier\n\n"
    "The harbour levy will rise by a tenth next year, according to the port authority. Mayor Lena "
    "Hoff said on Tuesday that the money would pay for a new pier. \"We have waited long enough,\" "
    "she told reporters.\n\n"
    "The union is opposed to the levy. Its leader, Tomas Varga, called for a public vote on the plan. "
    "In Varga's view, the levy punishes small boats. Port records show, the catch has fallen for three "
    "years. Critics resent that the levy was passed without a vote.\n\n"
    "To many, Hoff is a reformer. Osk leads Hoff in the latest survey. Hoff is confident that the pier "
    "will open in May. Her claim that the old pier was unsafe surprised the council.\n"
)


def test_finder_forms_are_unique():
    forms = [f.form for f in FINDERS] + [form for form, _ in DOCUMENT_FINDERS]
    assert len(forms) == len(set(forms))


def test_article_frames(nlp):
    doc = nlp(ARTICLE)
    frames = doc._.attributions
    known = {f.form for f in FINDERS} | {form for form, _ in DOCUMENT_FINDERS}
    assert {f.form for f in frames} <= known
    assert {f.form for f in frames} == {"headline", "according_to", "verb", "stance_participle", "view",
                                        "finding", "that_clause", "to_whom", "poll", "stance_adjective",
                                        "nominal"}
    assert [f.cue[0] for f in frames] == sorted(f.cue[0] for f in frames)  # in text order
    for f in frames:
        s, e = f.sent
        assert s <= doc[f.cue[0]].idx < e, f
        assert all(0 <= a < b <= len(doc.text) for a, b in f.contents), f
        assert f.act is None or isinstance(f.act, str)
        # claimx_speakers has said who speaks, and its mention points at its words
        if f.speaker is not None:
            assert f.source is not None, f
            a, b = f.source.span
            assert doc.text[a:b] == f.source.text, f
            assert f.source.name
