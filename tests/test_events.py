"""claimx.events: which documents report one event, as tables of behaviour.

The articles below are written for these tests: a ferry strike in Portmere reported by several
outlets (and again three weeks later), and a rail strike in Kelby the same week, with the same
kinds of speakers and figures but other names.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from claimx.claimfiles import read_claims
from claimx.events import (EventSettings, WordEvidence, capitalised_sequences, document_source,
                           event_index, figure_term, group_events, title_similarity)
from claimx.schema import Claim, DocInfo, EventRecord, Figure

SEEDS = sorted((Path(__file__).parent / "golden" / "seeds").glob("*.jsonl"))


def article(doc, outlet, published, title, lines):
    """Contract claim dicts of one document: ``lines`` are (sentence, speaker, type) with the
    speaker None for the outlet's own claim; a "N percent" in a sentence is a figure."""
    claims = []
    for n, (sentence, speaker, type_) in enumerate(lines):
        figures = []
        for word, nxt in zip(sentence.split(), sentence.split()[1:]):
            if nxt == "percent" and word.isdigit():
                at = sentence.index(f"{word} percent")
                figures.append({"text": f"{word} percent", "span": [at, at + len(word) + 8],
                                "value": int(word), "unit": "percent", "qualifier": None,
                                "subject": "pay", "kind": "percent"})
        claims.append({
            "id": f"{doc}#{n}",
            "doc": {"id": doc, "path": None, "title": title, "outlet": outlet, "author": None,
                    "published": published, "url": None},
            "kind": "indirect" if speaker else "unattributed",
            "act": "assertion" if speaker else None,
            "text": sentence, "span": [0, len(sentence)],
            "speaker": {"text": speaker, "name": speaker, "type": type_, "title": None,
                        "span": [0, len(speaker)]} if speaker else None,
            "cue": None, "within": None,
            "date": {"value": published[:10], "text": None, "basis": "published"} if published else None,
            "figures": figures, "sentence": sentence})
    return claims


FERRY_LINES = [
    ("Ferry crews in Portmere walked out on Monday, Dana Okafor of the Seafarers Union said.",
     "Dana Okafor", "person"),
    ("Marlow Ferries cancelled every sailing to Gullholm and offered a 3 percent rise, the company said.",
     "Marlow Ferries", "organization"),
    ("Transport Minister Ilse Brandt urged the Seafarers Union and Marlow Ferries to return to talks.",
     "Ilse Brandt", "person"),
]
ARTICLES = {
    # the ferry strike, day one and day two, three outlets
    "ferry_gazette": article("ferry_gazette", "Harbour Gazette", "2024-03-04", "Ferry crews strike in Portmere over pay",
                             FERRY_LINES),
    "ferry_herald": article("ferry_herald", "Coast Herald", "2024-03-05T08:30:00", "Portmere ferry walkout enters second day", [
        ("Okafor said crews would stay out until Marlow Ferries offered more than 3 percent.", "Okafor", "person"),
        ("Brandt said the ministry would not step into the Portmere dispute.", "Brandt", "person"),
        ("Islanders on Gullholm were left without a crossing for a second day.", None, None),
    ]),
    "ferry_wire": article("ferry_wire", "Isle Wire", "2024-03-06", "Strike halts Gullholm crossings", [
        ("The Seafarers Union said its members at Marlow Ferries rejected a 3 percent offer.",
         "Seafarers Union", "organization"),
        ("Ilse Brandt said the Portmere talks could resume on Thursday.", "Ilse Brandt", "person"),
    ]),
    # the rail strike, the same week: person and organisation speakers, a percent, other names
    "rail_post": article("rail_post", "Valley Post", "2024-03-05", "Rail workers strike in Kelby over pay", [
        ("Tomas Varga of the Rail Workers Guild said drivers in Kelby stopped work at dawn.", "Tomas Varga", "person"),
        ("Northline Rail cancelled every train to Aldwick and offered a 4 percent rise, a spokesperson said.",
         "Northline Rail", "organization"),
        ("Mayor Rosa Lind said Kelby commuters should work from home.", "Rosa Lind", "person"),
    ]),
    # the ferry strike again, three weeks later: the same names, another event
    "ferry_later": article("ferry_later", "Harbour Gazette", "2024-03-25", "Portmere ferry strike ends", [
        ("Dana Okafor said the Seafarers Union had accepted a 5 percent rise from Marlow Ferries.",
         "Dana Okafor", "person"),
        ("Ilse Brandt welcomed the deal, the ministry said.", "Ilse Brandt", "person"),
    ]),
    # the first ferry story again, without a date
    "ferry_undated": article("ferry_undated", "Island Weekly", None, "Portmere ferry crews walk out", [
        ("Dana Okafor said the Seafarers Union would not accept 3 percent from Marlow Ferries.",
         "Dana Okafor", "person"),
        ("Crossings to Gullholm were cancelled, Ilse Brandt said.", "Ilse Brandt", "person"),
    ]),
    # without an outlet: its own source
    "ferry_blog": article("ferry_blog", None, "2024-03-05", None, [
        ("Dana Okafor told the crowd in Portmere that Marlow Ferries had walked away.", "Dana Okafor", "person"),
        ("Ilse Brandt said Gullholm would get an emergency boat.", "Ilse Brandt", "person"),
    ]),
    "rail_blog": article("rail_blog", None, "2024-03-05", None, [
        ("Tomas Varga said Northline Rail drivers in Kelby would strike again.", "Tomas Varga", "person"),
    ]),
    # an undated piece about nothing the others report
    "festival": article("festival", "Valley Post", None, "Aldric Fenn opens the Wexmoor book festival", [
        ("Aldric Fenn said Wexmoor would host 200 writers.", "Aldric Fenn", "person"),
    ]),
}


def claims_of(*docs):
    return [c for d in docs for c in ARTICLES[d]]


def grouping(events):
    return sorted(sorted(e.documents) for e in events)


# --- grouping ----------------------------------------------------------------------------------

@pytest.mark.parametrize("docs, expected", [
    # two outlets, one day apart, the same people and places: one event
    (["ferry_gazette", "ferry_herald"], [["ferry_gazette", "ferry_herald"]]),
    (["ferry_gazette", "ferry_herald", "ferry_wire"], [["ferry_gazette", "ferry_herald", "ferry_wire"]]),
    # another strike the same week, same speaker types and unit, other names: its own event
    (["ferry_gazette", "ferry_herald", "rail_post"], [["ferry_gazette", "ferry_herald"], ["rail_post"]]),
    (["ferry_gazette", "rail_post"], [["ferry_gazette"], ["rail_post"]]),
    # the same names twenty days later: another event
    (["ferry_gazette", "ferry_later"], [["ferry_gazette"], ["ferry_later"]]),
    (["ferry_gazette", "ferry_herald", "ferry_later"], [["ferry_gazette", "ferry_herald"], ["ferry_later"]]),
    # undated: joins by content alone, whatever the dates
    (["ferry_gazette", "ferry_herald", "rail_post", "ferry_undated"],
     [["ferry_gazette", "ferry_herald", "ferry_undated"], ["rail_post"]]),
    (["ferry_gazette", "rail_post", "festival"], [["ferry_gazette"], ["festival"], ["rail_post"]]),
    # documents without an outlet are grouped like any other
    (["ferry_gazette", "ferry_blog", "rail_post", "rail_blog"],
     [["ferry_blog", "ferry_gazette"], ["rail_blog", "rail_post"]]),
    # one document: one event; no claims: no events
    (["festival"], [["festival"]]),
    ([], []),
])
def test_grouping(docs, expected):
    assert grouping(group_events(claims_of(*docs))) == expected


@pytest.mark.parametrize("published, window, together", [
    ("2024-03-07", 3, True),         # three days after the first: inside the window
    ("2024-03-08", 3, False),        # four days
    ("2024-03-08", 4, True),
    ("2024-03-05", 0, False),        # window 0: the same day only
    ("2024-03-04T23:00:00", 0, True),
])
def test_window(published, window, together):
    claims = claims_of("ferry_gazette") + article("ferry_late", "Coast Herald", published,
                                                  "Ferry crews strike in Portmere over pay", FERRY_LINES)
    events = group_events(claims, EventSettings(window_days=window))
    assert (len(events) == 1) is together


def test_window_counts_from_the_first_document():
    """Day 1, 3 and 5: the third is within three days of the second but not of the first, so the
    event does not grow past its window."""
    claims = [c for day, name in (("03", "a"), ("05", "b"), ("07", "c"))
              for c in article(name, name.upper(), f"2024-03-{day}", "Ferry crews strike in Portmere over pay",
                               FERRY_LINES)]
    assert grouping(group_events(claims)) == [["a", "b"], ["c"]]


# the rail strike again, naming one place of the ferry strike in passing
RAIL_PORTMERE = article("rail_portmere", "Valley Post", "2024-03-05", "Rail workers strike in Kelby over pay", [
    ("Tomas Varga said drivers in Kelby and Aldwick would be joined by the Portmere depot.", "Tomas Varga", "person"),
    ("Northline Rail cancelled every train to Aldwick, a spokesperson said.", "Northline Rail", "organization"),
])


@pytest.mark.parametrize("claims, threshold, expected", [
    # only a document sharing a name with an event can join it, whatever the threshold: the two
    # strikes share title words ("strike", "pay") and a percent, not a name
    (claims_of("ferry_gazette", "rail_post"), 0.0, [["ferry_gazette"], ["rail_post"]]),
    # one name shared ("Portmere"), and titles alike: at threshold 0 it joins, at 0.3 not
    (claims_of("ferry_gazette") + RAIL_PORTMERE, 0.0, [["ferry_gazette", "rail_portmere"]]),
    (claims_of("ferry_gazette") + RAIL_PORTMERE, 0.3, [["ferry_gazette"], ["rail_portmere"]]),
    # the same story: alike, but not above 1
    (claims_of("ferry_gazette", "ferry_herald"), 0.5, [["ferry_gazette", "ferry_herald"]]),
    (claims_of("ferry_gazette", "ferry_herald"), 1.01, [["ferry_gazette"], ["ferry_herald"]]),
])
def test_threshold(claims, threshold, expected):
    assert grouping(group_events(claims, EventSettings(threshold=threshold))) == expected


def test_records():
    claims = claims_of("ferry_herald", "rail_post", "ferry_gazette", "ferry_undated", "ferry_blog",
                       "ferry_later", "festival")
    events = group_events(claims)
    assert [e.id for e in events] == [f"e{i}" for i in range(1, len(events) + 1)]
    ferry, rail, later, festival = events
    assert ferry == EventRecord(
        id="e1", first="2024-03-04", last="2024-03-05",
        outlets=["(no outlet) ferry_blog", "Coast Herald", "Harbour Gazette", "Island Weekly"],
        documents=["ferry_gazette", "ferry_blog", "ferry_herald", "ferry_undated"],   # by date, then id
        undated=["ferry_undated"],
        entities=ferry.entities,
        claims=len(claims_of("ferry_gazette", "ferry_blog", "ferry_herald", "ferry_undated")))
    # the names all four documents have come first (the two speakers of every document, named
    # most often, first), then Seafarers Union, in two; "Okafor" is Dana Okafor
    assert ferry.entities[:2] == ["Dana Okafor", "Ilse Brandt"]
    assert set(ferry.entities[2:5]) == {"Marlow Ferries", "Portmere", "Gullholm"}
    assert ferry.entities[5:] == ["Seafarers Union"]
    assert (rail.id, rail.first, rail.documents) == ("e2", "2024-03-05", ["rail_post"])
    assert "Tomas Varga" in rail.entities and "Kelby" in rail.entities
    assert (later.id, later.first, later.last) == ("e3", "2024-03-25", "2024-03-25")
    # an event of undated documents only: last, without dates
    assert festival == EventRecord(id="e4", first=None, last=None, outlets=["Valley Post"], documents=["festival"],
                                   undated=["festival"], entities=festival.entities, claims=1)
    assert festival.entities[0] == "Aldric Fenn"
    assert event_index(events) == {d: e.id for e in events for d in e.documents}
    assert sorted(event_index(events)) == sorted({c["doc"]["id"] for c in claims})


def test_entities_are_spelled_as_most_often_written():
    claims = (article("a", "A", "2024-03-04", None, [("GULLHOLM ferries stopped, Ilse Brandt said.", "Ilse Brandt", "person")])
              + article("b", "B", "2024-03-04", None, [("Gullholm waited, Ilse Brandt said.", "Ilse Brandt", "person"),
                                                       ("Crews from Gullholm left, Brandt said.", "Brandt", "person")]))
    [event] = group_events(claims)
    assert event.entities == ["Ilse Brandt", "Gullholm"]


@pytest.mark.parametrize("count", [3, 8, 12])
def test_at_most_eight_entities(count):
    places = [f"Port {chr(65 + i)}{chr(97 + i)}rn" for i in range(count)]
    [event] = group_events(article("a", "A", "2024-03-04", None, [(f"Ferries left {p}.", None, None) for p in places]))
    assert event.entities == sorted(places)[:8]      # one document, one mention each: alphabetical


def test_structs_and_dicts_alike():
    claims = claims_of("ferry_gazette", "ferry_herald", "rail_post", "ferry_undated")
    structs = [msgspec.convert(c, Claim) for c in claims]
    assert group_events(structs) == group_events(claims)


@pytest.mark.parametrize("seed", range(5))
def test_input_order_does_not_matter(seed):
    claims = claims_of(*ARTICLES)
    shuffled = claims[:]
    random.Random(seed).shuffle(shuffled)
    assert group_events(shuffled) == group_events(claims)


def test_the_same_on_every_run():
    """In fresh interpreters with other string hashes (set and dict orders): the same bytes."""
    script = ("import sys, msgspec; from claimx.claimfiles import read_claims; from claimx.events import group_events;"
              "sys.stdout.write(msgspec.json.encode(group_events(read_claims(sys.argv[1:]))).decode())")
    outputs = {subprocess.run([sys.executable, "-c", script, *map(str, SEEDS)], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outputs) == 1
    assert json.loads(outputs.pop()) == msgspec.to_builtins(group_events(read_claims(SEEDS)))


# --- the seeds ---------------------------------------------------------------------------------

def test_seed_events():
    """The five seed articles (tests/golden/seeds, the checked-in output of `claimx extract seeds/`).

    Only 000 (CGTN, 2021-05-30) and 001 (Anadolu, 2024-05-02) carry a date; 002, 003 and 004 join
    by content alone. Read, 004 reports the 30 May 2021 talks that 000 reports (Shoukry receiving
    Gabi Ashkenazi in Cairo: Ashkenazi is named in both and nowhere else), and 003 the 2024 talks
    (Blinken, a hostage deal, the 7 October toll of "approximately 1,200" that 001 gives too). 002
    (Haaretz: Haniyeh and a Fatah delegation in Cairo after the May 2021 truce) is the hard one:
    it names Haniyeh and Abbas Kamel, as the 2024 article 001 does, and its title is much like
    001's, so by content alone it joins 001: a limit of grouping undated documents.
    """
    events = group_events(read_claims(SEEDS))
    index = event_index(events)
    assert index["004_93749568b9c8297a"] == index["000_3dd9c1427ddf2f02"]
    assert index["003_235104b8d8913195"] == index["001_6b628c7829295f24"]
    assert grouping(events) == [
        ["000_3dd9c1427ddf2f02", "004_93749568b9c8297a"],
        ["001_6b628c7829295f24", "002_e57ea73591aaa2d4", "003_235104b8d8913195"]]
    first, second = events
    assert (first.id, first.first, first.last, first.undated) == (
        "e1", "2021-05-30", "2021-05-30", ["004_93749568b9c8297a"])
    assert (second.id, second.first, second.undated) == (
        "e2", "2024-05-02", ["002_e57ea73591aaa2d4", "003_235104b8d8913195"])
    assert "Gabi Ashkenazi" in first.entities
    # the 2021 article never shares an event with a 2024 one, whatever the window or threshold
    for settings in (EventSettings(window_days=0), EventSettings(window_days=365), EventSettings(threshold=0.0),
                     EventSettings(window_days=365, threshold=0.0)):
        index = event_index(group_events(read_claims(SEEDS), settings))
        assert index["000_3dd9c1427ddf2f02"] not in {index["001_6b628c7829295f24"], index["003_235104b8d8913195"]}


# --- sources -----------------------------------------------------------------------------------

@pytest.mark.parametrize("outlet, doc_id, expected", [
    ("CGTN", "000", "CGTN"),
    (None, "002", "(no outlet) 002"),
    ("  ", "004", "(no outlet) 004"),
    (" Anadolu Agency ", "001", "Anadolu Agency"),
])
def test_document_source(outlet, doc_id, expected):
    doc = DocInfo(id=doc_id, path=None, title=None, outlet=outlet, author=None, published=None)
    assert document_source(doc) == expected


def test_documents_without_outlet_are_sources_of_their_own():
    [event] = group_events(claims_of("ferry_gazette", "ferry_blog")
                           + article("ferry_blog2", None, "2024-03-05", None, FERRY_LINES))
    assert event.outlets == ["(no outlet) ferry_blog", "(no outlet) ferry_blog2", "Harbour Gazette"]


# --- what a document is about ------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("On Sunday, Egypt's envoy met Ismail Haniyeh in Cairo.", ["Egypt", "Ismail Haniyeh", "Cairo"]),
    ("Israeli Foreign Minister Gabi Ashkenazi flew to Cairo.", ["Gabi Ashkenazi", "Cairo"]),  # title before a name
    ("a ruling of the International Court of Justice", ["International Court of Justice"]),
    ("Egyptian President Abdel-Fattah al-Sisi spoke", ["Egyptian President Abdel-Fattah al-Sisi"]),  # four words
    ("the Israel-Hamas truce", ["Israel", "Hamas"]),
    ("Mr. Okafor and Dr. Lind", ["Okafor", "Lind"]),                    # honorifics are no names
    ("Hamas' political bureau", ["Hamas"]),
    ("in the West Bank and the Gaza Strip", ["West Bank", "Gaza Strip"]),
    ('"We will rebuild," he said.', []),                              # function words
    ("The talks resumed on Monday, 3 May.", []),                      # weekdays and months
    ("an Egyptian-brokered cease-fire", []),                          # a compound with a common word
    ("U.S. officials said", []),
    ("the delegation said", []),
    ("", []),
])
def test_capitalised_sequences(text, expected):
    assert [n.shown for n in capitalised_sequences(text)] == expected


def test_sentence_starts_and_titles_need_evidence():
    """A capitalised word at a sentence start, or in a title, is a name only if the input also
    capitalises it inside a sentence and never writes it in lower case."""
    evidence = WordEvidence.of(["Talks went on while Egypt waited.", "the talks failed, and meanwhile Okafor left."])
    text = "Meanwhile, Egypt said so. Egypt agreed. Okafor spoke."
    assert [n.shown for n in capitalised_sequences(text, evidence)] == ["Egypt", "Egypt", "Okafor"]
    assert [n.shown for n in capitalised_sequences(text)] == ["Meanwhile", "Egypt", "Egypt", "Okafor"]
    title = "Talks In Egypt Stall As Okafor Waits"
    assert [n.shown for n in capitalised_sequences(title, evidence, title=True)] == ["Egypt", "Okafor"]


def test_surnames_are_the_speakers_full_names():
    """'Okafor' and 'Brandt' in one article, 'Dana Okafor' and 'Ilse Brandt' in another: one name
    each, so the event's entities show the full names only."""
    [event] = group_events(claims_of("ferry_gazette", "ferry_herald"))
    assert {"Dana Okafor", "Ilse Brandt"} <= set(event.entities)
    assert not {"Okafor", "Brandt"} & set(event.entities)


@pytest.mark.parametrize("figure, expected", [
    (dict(text="1,200", value=1200, unit=None, kind="count"), "#1200"),
    (dict(text="about 1,200", value=1200, unit=None, kind="count"), "#1200"),
    (dict(text="11 days", value=11, unit="days", kind="duration"), "#11 days"),
    (dict(text="$500 million", value=500000000, unit="USD", kind="money"), "#500000000 USD"),
    (dict(text="2.5 percent", value=2.5, unit="percent", kind="percent"), None),   # under 10
    (dict(text="12.5 percent", value=12.5, unit="percent", kind="percent"), "#12.5 percent"),
    (dict(text="two", value=2, unit=None, kind="count"), None),
    (dict(text="21st", value=21, unit=None, kind="ordinal"), None),
])
def test_figure_term(figure, expected):
    assert figure_term(Figure(span=(0, 1), qualifier=None, subject=None, **figure)) == expected


@pytest.mark.parametrize("a, b, low, high", [
    ("Egypt hosts Gaza truce talks", "Gaza truce talks hosted by Egypt", 0.9, 1.0),
    ("Ferry crews strike in Portmere over pay", "Ferry crews strike in Portmere over pay", 1.0, 1.0),
    ("Ferry crews strike in Portmere over pay", "Wexmoor book festival opens", 0.0, 0.1),
])
def test_title_similarity(a, b, low, high):
    assert low <= title_similarity(a, b) <= high
    assert title_similarity(a, b) == title_similarity(b, a)


@pytest.mark.parametrize("a, b", [(None, "Ferry strike"), ("", "Ferry strike"), ("The and of", "Ferry strike")])
def test_title_similarity_without_words(a, b):
    assert title_similarity(a, b) is None


def test_no_spacy():
    """`claimx events` and `diff` must start fast: importing and running the grouping loads no spaCy."""
    code = ("import sys, claimx.events as e; from claimx.claimfiles import read_claims;"
            "e.group_events(read_claims(sys.argv[1:]));"
            "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith(('spacy.', 'thinc'))))")
    out = subprocess.run([sys.executable, "-c", code, *map(str, SEEDS)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
