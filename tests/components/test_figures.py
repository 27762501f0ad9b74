"""claimx_figures: value, unit, qualifier and subject of every number; what is not a figure."""
from __future__ import annotations

import json

import pytest
import spacy

import claimx.components.figures  # noqa: F401  (registers the factory)


@pytest.fixture(scope="module")
def figures_of(model_nlp):
    """Run the bare model, then the component (added to a blank pipeline through its factory)."""
    component = spacy.blank("en").add_pipe("claimx_figures")

    def run(text: str) -> list[dict]:
        doc = component(model_nlp(text))
        for fig in doc._.figures:
            s, e = fig["span"]
            assert doc.text[s:e] == fig["text"], fig
        assert [f["span"][0] for f in doc._.figures] == sorted(f["span"][0] for f in doc._.figures)
        return doc._.figures

    return run


def _row(fig: dict) -> tuple:
    return fig["text"], fig["value"], fig["unit"], fig["qualifier"], fig["subject"]


@pytest.mark.parametrize("text, expected", [
    # each qualifier
    ("Officials said at least 57 workers were injured.", ("at least 57", 57, None, "at_least", "workers")),
    ("No fewer than 14 ships docked.", ("No fewer than 14", 14, None, "at_least", "ships")),
    ("The storm killed more than 300 villagers.", ("more than 300", 300, None, "over", "villagers")),
    ("Over 2,400 residents fled the town.", ("Over 2,400", 2400, None, "over", "residents")),
    ("Prices rose above 90 dollars.", ("above 90 dollars", 90, "USD", "over", None)),
    ("Nearly 1,500 homes were destroyed.", ("Nearly 1,500", 1500, None, "under", "homes")),
    ("Almost 40 trucks crossed the border.", ("Almost 40", 40, None, "under", "trucks")),
    ("Fewer than 20 doctors remain in the north.", ("Fewer than 20", 20, None, "under", "doctors")),
    ("Less than 5% of the budget was spent.", ("Less than 5%", 5, "percent", "under", "budget")),
    ("Just under 700 students enrolled.", ("Just under 700", 700, None, "under", "students")),
    ("Up to 60 journalists were detained.", ("Up to 60", 60, None, "at_most", "journalists")),
    ("At most 15 boats arrived.", ("At most 15", 15, None, "at_most", "boats")),
    ("Around 800 families were moved.", ("Around 800", 800, None, "about", "families")),
    ("About 45 soldiers took part.", ("About 45", 45, None, "about", "soldiers")),
    ("Approximately 3,000 tents were delivered.", ("Approximately 3,000", 3000, None, "about", "tents")),
    ("Some 250 villagers protested.", ("Some 250", 250, None, "about", "villagers")),
    ("Roughly 70 clinics are open.", ("Roughly 70", 70, None, "about", "clinics")),
    ("An estimated 9,000 children were vaccinated.", ("An estimated 9,000", 9000, None, "about", "children")),
    ("Officials expect 200 or more protesters.", ("200 or more", 200, None, "at_least", "protesters")),
    # each unit
    ("The bank pledged $2.5 billion in loans.", ("$2.5 billion", 2500000000, "USD", None, None)),
    ("The EU gave €40 million to the agency.", ("€40 million", 40000000, "EUR", None, None)),
    ("The club paid £3m for the striker.", ("£3m", 3000000, "GBP", None, None)),
    ("The fund holds $1.2bn.", ("$1.2bn", 1200000000, "USD", None, None)),
    ("The government approved NIS 2 billion for the program.", ("NIS 2 billion", 2000000000, "ILS", None, None)),
    ("He was fined 5 million dollars.", ("5 million dollars", 5000000, "USD", None, None)),
    ("Turnout reached 85 per cent in the capital.", ("85 per cent", 85, "percent", None, None)),
    ("Unemployment hit 12% in the spring.", ("12%", 12, "percent", None, None)),
    ("Some 40% of the wells are dry.", ("Some 40%", 40, "percent", "about", "wells")),
    ("The siege lasted six months.", ("six months", 6, "month", None, None)),
    ("The talks took 10 days.", ("10 days", 10, "day", None, None)),
    ("They agreed a six-month truce.", ("six-month", 6, "month", None, None)),
    ("It was his first visit in 13 years.", ("13 years", 13, "year", None, None)),
    ("The wall stretches 40 km along the valley.", ("40 km", 40, "kilometer", None, None)),
    ("The convoy carried 300 tons of flour.", ("300 tons", 300, "ton", None, "flour")),
    # digits with decimals and multipliers
    ("The city has 1.2 million residents.", ("1.2 million", 1200000, None, None, "residents")),
    ("Nurses earn 34 thousand a year.", ("34 thousand", 34000, None, None, None)),
    ("Inflation was 0.5 percent.", ("0.5 percent", 0.5, "percent", None, "Inflation")),
    # number words, spelled and mixed forms
    ("Two ambulances arrived.", ("Two", 2, None, None, "ambulances")),
    ("Twenty-five people were rescued.", ("Twenty-five", 25, None, None, "people")),
    ("Three hundred and five prisoners were freed.", ("Three hundred and five", 305, None, None, "prisoners")),
    ("Thirty-four thousand voters signed.", ("Thirty-four thousand", 34000, None, None, "voters")),
    ("A dozen reporters waited outside.", ("A dozen", 12, None, None, "reporters")),
    ("Two dozen buses were hired.", ("Two dozen", 24, None, None, "buses")),
    ("Half a million people lost power.", ("Half a million", 500000, None, None, "people")),
    ("Hundreds of homes were flooded.", ("Hundreds", 200, None, "at_least", "homes")),
    ("Tens of thousands of people marched.", ("Tens of thousands", 20000, None, "at_least", "people")),
    # subjects from the parse
    ("Troops killed 248 Palestinian civilians.", ("248", 248, None, None, "Palestinian civilians")),
    ("The death toll rose to 412.", ("412", 412, None, None, "death toll")),
    ("About 2000 protesters were dispersed.", ("About 2000", 2000, None, "about", "protesters")),
    ("One person died in the blast.", ("One", 1, None, None, "person")),
])
def test_figure(figures_of, text, expected):
    figs = figures_of(text)
    assert [_row(f) for f in figs] == [expected]


@pytest.mark.parametrize("text", [
    "The agreement has held since 1979.",                  # years
    "They demand a state along the 1967 border.",
    "The war began in 2023 and ended in 2024.",
    "In 2014 Palestinians voted for the first time in years.",
    "The truce began on May 21 after the talks.",          # dates
    "The attack on Oct. 7 shocked the region.",
    "The summit opened on 21 May 2023 in Rome.",
    "The file is dated 2024-05-02 and 30-May-2021.",
    "The blast happened at 22:47 and again at 10 a.m.",   # times
    "The meeting starts at 7.30pm sharp.",
    "Call the hotline at 555-0143 or +1 (202) 555-0143.",  # phone numbers
    "It was the 21st round of talks.",                      # ordinals
    "It was the first visit by a minister.",
    "The council passed Resolution 2334 unanimously.",     # numbers that are names
    "Channel 12 reported the news.",
    "They back the two-state solution.",                   # a number naming a kind
    "One of the hostages was released.",                   # "one" as a pronoun
    "Some contentious points remain.",                     # a qualifier word without a number
    "Scores were posted after the exam.",                  # "scores" not as a number
])
def test_not_a_figure(figures_of, text):
    assert figures_of(text) == []


@pytest.mark.parametrize("text", [
    "The clashes left at least 31 farmers and 4 nurses dead.",
    "Officials said at least 31 farmers and 4 nurses were hurt.",
])
def test_qualifier_covers_conjoined_counts(figures_of, text):
    figs = figures_of(text)
    assert [_row(f) for f in figs] == [
        ("at least 31", 31, None, "at_least", "farmers"),
        ("4", 4, None, "at_least", "nurses"),
    ]


def test_each_count_keeps_its_own_qualifier(figures_of):
    figs = figures_of("The raids caused over 500 deaths and nearly 2,000 injuries.")
    assert [_row(f) for f in figs] == [
        ("over 500", 500, None, "over", "deaths"),
        ("nearly 2,000", 2000, None, "under", "injuries"),
    ]


def test_separate_clauses_do_not_share_a_qualifier(figures_of):
    figs = figures_of("The army has killed nearly 900 fighters and wounded 3,100 others.")
    assert [_row(f) for f in figs] == [
        ("nearly 900", 900, None, "under", "fighters"),
        ("3,100", 3100, None, None, "others"),
    ]


def test_several_figures_in_one_sentence(figures_of):
    figs = figures_of("About 1.9 million people, or 85 percent of the population, are displaced.")
    assert [_row(f) for f in figs] == [
        ("About 1.9 million", 1900000, None, "about", "people"),
        ("85 percent", 85, "percent", None, "population"),
    ]


def test_offsets_in_a_longer_text(figures_of):
    text = "Header line\n\nThe agency said 1,450 tents and $3.5m in aid arrived.\n“About 80% of them,” he said."
    figs = figures_of(text)
    assert [f["text"] for f in figs] == ["1,450", "$3.5m", "About 80%"]
    assert figs[1]["value"] == 3500000 and figs[2]["qualifier"] == "about"


def test_boilerplate_is_skipped(model_nlp):
    component = spacy.blank("en").add_pipe("claimx_figures")
    text = "Subscribe from $1 for the first month.\nOfficials said 20 people were hurt."
    doc = model_nlp(text)
    doc._.boilerplate = [(0, text.index("\n"))]
    assert [f["text"] for f in component(doc)._.figures] == ["20"]


def test_works_without_parser_and_ner():
    nlp = spacy.blank("en")
    component = nlp.add_pipe("claimx_figures")
    doc = component(nlp("Nearly 1,500 homes and $2 billion, since 1979."))
    assert [(f["text"], f["value"], f["unit"], f["qualifier"], f["subject"]) for f in doc._.figures] == [
        ("Nearly 1,500", 1500, None, "under", None),
        ("$2 billion", 2000000000, "USD", None, None),
    ]


def test_rules_round_trip_through_disk(tmp_path):
    component = spacy.blank("en").add_pipe("claimx_figures")
    component.rules.data["qualifiers"]["before"]["a good"] = "about"
    component.to_disk(tmp_path)
    other = spacy.blank("en").add_pipe("claimx_figures")
    other.from_disk(tmp_path)
    assert ("a", "good") in other.rules.before_qualifiers
    # the shared rule data is not changed by one instance
    assert ("a", "good") not in spacy.blank("en").add_pipe("claimx_figures").rules.before_qualifiers


# ---------------------------------------------------------------------------------------------
# The scan: only tokens that can start a number are tried (a Token object costs more than the test)


def test_every_number_start_passes_the_cheap_test(nlp):
    """Whatever ``_number_run`` reads a number from passes ``may_start_number``: skipping the other
    tokens changes nothing (seeds, golden articles and number words of every kind)."""
    from claimx.components.figures import FigureRules, _number_run
    from tests.conftest import ROOT, SEEDS

    rules = FigureRules.default()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "golden").glob("*.txt"))]
    texts.append("A dozen boats, half a million euros, hundreds of homes, tens of thousands of people, "
                 "twenty-five ships, one hundred and five days, $5m, 3.5bn, 1,200-plus, a third of them, "
                 "Two dozen said so; Thirty-four thousand did not. ²³ ٣ people.")
    for name in ("figures_gold.jsonl", "figures_heldout.jsonl"):  # every unit, range and change form
        texts += [json.loads(line)["text"] for line in (ROOT / "tests" / "data" / name).read_text(
            encoding="utf-8").splitlines() if line.strip()]
    found = 0
    for doc in nlp.pipe(texts):
        for tok in doc:
            run = _number_run(doc, tok.i, rules)
            if run is not None:
                found += 1
                assert rules.may_start_number(tok.lower_, tok.tag_, tok.dep_), tok.text
    assert found >= 100
