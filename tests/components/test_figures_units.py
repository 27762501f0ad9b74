"""claimx_figures, issue 18: units of every family and their canonical names, kinds, ranges and
changes, fractions and multiples, qualifiers, and what must give no figure. Each sentence is
written for the test."""
from __future__ import annotations

import pytest
import spacy

import claimx.components.figures  # noqa: F401  (registers the factory)
from claimx import rules
from claimx.units import canonical_unit, dimensionality


@pytest.fixture(scope="module")
def figures_of(model_nlp):
    component = spacy.blank("en").add_pipe("claimx_figures")

    def run(text: str) -> list[dict]:
        doc = component(model_nlp(text))
        for fig in doc._.figures:                      # the offset invariant, on every figure
            s, e = fig["span"]
            assert text[s:e] == fig["text"], fig
        return doc._.figures

    return run


def _row(fig: dict) -> tuple:
    return fig["text"], fig["value"], fig["unit"], fig["kind"]


@pytest.mark.parametrize("text, expected", [
    # currencies: signs, codes, words; "$" is USD unless the sentence names a dollar country
    ("The port earned $40 million last year.", ("$40 million", 40000000, "USD", "money")),
    ("The Canadian mine earned $40 million last year.", ("$40 million", 40000000, "CAD", "money")),
    ("The US and Canadian firms share $40 million.", ("$40 million", 40000000, "USD", "money")),
    ("The ferry operator asked for C$15 million.", ("C$15 million", 15000000, "CAD", "money")),
    ("A flat in the harbour district costs HK$9 million.", ("HK$9 million", 9000000, "HKD", "money")),
    ("The Sydney council approved A$75,000 for the park.", ("A$75,000", 75000, "AUD", "money")),
    ("The grant is worth NZ$2 million.", ("NZ$2 million", 2000000, "NZD", "money")),
    ("The tender was set at EUR 14 million.", ("EUR 14 million", 14000000, "EUR", "money")),
    ("The port paid 3 billion yen for the cranes.", ("3 billion yen", 3000000000, "JPY", "money")),
    ("Farmers were paid 800 rupees per sack.", ("800 rupees", 800, "INR", "money")),
    ("The bridge will cost 40 million pounds.", ("40 million pounds", 40000000, "GBP", "money")),
    ("The stamp costs 85 cents.", ("85 cents", 0.85, "USD", "money")),
    ("The levy adds 40p to a ticket.", ("40p", 0.4, "GBP", "money")),
    # percent and percentage points
    ("Turnout was 61 percent.", ("61 percent", 61, "percent", "percent")),
    ("The rate is 4.5 per cent.", ("4.5 per cent", 4.5, "percent", "percent")),
    ("The lead narrowed by 4 percentage points.", ("4 percentage points", 4, "percentage_point", "percent")),
    # lengths, areas, speeds
    ("The trail runs 12 miles along the ridge.", ("12 miles", 12, "mile", "measure")),
    ("The new pier is 240 metres long.", ("240 metres", 240, "meter", "measure")),
    ("The river rose 9 feet overnight.", ("9 feet", 9, "foot", "measure")),
    ("The runners covered 5km before noon.", ("5km", 5, "kilometer", "measure")),
    ("The storm dropped 14 inches of rain.", ("14 inches", 14, "inch", "measure")),
    ("The park covers 3,400 hectares.", ("3,400 hectares", 3400, "hectare", "measure")),
    ("The fire spread across 60 square miles.", ("60 square miles", 60, "square_mile", "measure")),
    ("The zone spans 90 sq km of coast.", ("90 sq km", 90, "kilometer ** 2", "measure")),
    ("Gusts hit 95 mph at the airport.", ("95 mph", 95, "mile_per_hour", "measure")),
    ("The new line runs at 250 km/h.", ("250 km/h", 250, "kilometer / hour", "measure")),
    ("The ferry cruises at 22 knots.", ("22 knots", 22, "knot", "measure")),
    # weights, volumes, energy and power
    ("The ship unloaded 5,000 tonnes of grain.", ("5,000 tonnes", 5000, "metric_ton", "measure")),
    ("Customs seized 40 kg of heroin.", ("40 kg", 40, "kilogram", "measure")),
    ("The tuna weighed 600 pounds.", ("600 pounds", 600, "pound", "measure")),
    ("The well pumps 9,000 barrels a day.", ("9,000 barrels", 9000, "barrel", "measure")),
    ("The truck leaked 300 gallons of diesel.", ("300 gallons", 300, "gallon", "measure")),
    ("Each tank holds 20 litres.", ("20 litres", 20, "liter", "measure")),
    ("The dam generates 2.4 gigawatts.", ("2.4 gigawatts", 2.4, "gigawatt", "measure")),
    ("The plant will add 350 MW to the grid.", ("350 MW", 350, "megawatt", "measure")),
    ("Homes used 900 kWh each.", ("900 kWh", 900, "kilowatt_hour", "measure")),
    ("The tractor has a 90-horsepower engine.", ("90-horsepower", 90, "horsepower", "measure")),
    # temperatures and data sizes
    ("The town recorded 41 degrees Celsius.", ("41 degrees Celsius", 41, "degree_Celsius", "measure")),
    ("It was 98°F in the shade.", ("98°F", 98, "degree_Fahrenheit", "measure")),
    ("Nights fell to minus 20°C.", ("minus 20°C", -20, "degree_Celsius", "measure")),
    ("The mercury hit 38C on Friday.", ("38C", 38, "degree_Celsius", "measure")),
    ("The laptop ships with 512 GB of storage.", ("512 GB", 512, "gigabyte", "measure")),
    ("The hackers leaked 3 terabytes of files.", ("3 terabytes", 3, "terabyte", "measure")),
    # sports points; durations
    ("The guard scored 41 points.", ("41 points", 41, "point", "other")),
    ("The index shed 310 points.", ("310 points", 310, "point", "other")),
    ("The strike lasted 19 days.", ("19 days", 19, "day", "duration")),
    ("The dispute has run for three decades.", ("three decades", 3, "decade", "duration")),
    ("They signed a 10-year lease.", ("10-year", 10, "year", "duration")),
    # counts: the counted noun is the subject, not the unit
    ("The two sides met in Geneva.", ("two", 2, None, "count")),
    ("The ferry carried 212 passengers.", ("212", 212, None, "count")),
    # fractions and multiples
    ("A third of the budget went to roads.", ("A third", 0.3333, "fraction", "percent")),
    ("Two thirds of the members agreed.", ("Two thirds", 0.6666, "fraction", "percent")),
    ("Half of the stalls were empty.", ("Half", 0.5, "fraction", "percent")),
    ("Fares have doubled.", ("doubled", 2, "times", "other")),
    ("Rents are four times higher than in 2010.", ("four times", 4, "times", "other")),
    # footnote marks and spelled numbers
    ("The fleet has 1,200[4] boats.", ("1,200", 1200, None, "count")),
    ("Forty-two boats sank.", ("Forty-two", 42, None, "count")),
])
def test_unit_and_kind(figures_of, text, expected):
    assert [_row(f) for f in figures_of(text)] == [expected]


@pytest.mark.parametrize("text, expected", [
    # ranges: the low end at_least, the high end at_most; a unit written once counts for both
    ("Between 40 and 60 boats were damaged.",
     [("Between 40", 40, None, "at_least"), ("60", 60, None, "at_most")]),
    ("Between 30 and 40 percent of the crop failed.",
     [("Between 30", 30, "percent", "at_least"), ("40 percent", 40, "percent", "at_most")]),
    ("Fares rose 10-15% this spring.",
     [("10", 10, "percent", "at_least"), ("15%", 15, "percent", "at_most")]),
    ("The work will take 2-4 years.",
     [("2", 2, "year", "at_least"), ("4 years", 4, "year", "at_most")]),
    ("Crowds of 3,000 to 4,000 people gathered.",
     [("3,000", 3000, None, "at_least"), ("4,000", 4000, None, "at_most")]),
    ("The repairs will cost $4-6 million.",
     [("$4", 4000000, "USD", "at_least"), ("6 million", 6000000, "USD", "at_most")]),
    ("Between 1 and 2 million tourists visit.",
     [("Between 1", 1000000, None, "at_least"), ("2 million", 2000000, None, "at_most")]),
    # changes: two plain figures, the unit shared
    ("Inflation rose from 3.1 to 3.4 percent.",
     [("3.1", 3.1, "percent", None), ("3.4 percent", 3.4, "percent", None)]),
    ("The toll climbed from 120 to 150.", [("120", 120, None, None), ("150", 150, None, None)]),
    ("Support fell 4 points to 31%.", [("4 points", 4, "point", None), ("31%", 31, "percent", None)]),
    ("Sales jumped 8 percent to $2.1 billion.",
     [("8 percent", 8, "percent", None), ("$2.1 billion", 2100000000, "USD", None)]),
    # a larger number before a hyphen is a score, not a range
    ("The home side won 3-1.", [("3", 3, None, None), ("1", 1, None, None)]),
    # shares written as two numbers
    ("One in five adults smokes.", [("One in five", 0.2, "fraction", None)]),
    ("Nearly 1 in 3 voters stayed home.", [("Nearly 1 in 3", 0.3333, "fraction", "under")]),
    ("Three out of four doctors agreed.", [("Three out of four", 0.75, "fraction", None)]),
    ("The two in 2019 were not the last.", [("two", 2, None, None)]),   # no share: 2019 is a year
])
def test_ranges_and_changes(figures_of, text, expected):
    assert [(f["text"], f["value"], f["unit"], f["qualifier"]) for f in figures_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Up to 70 stalls will open.", ("Up to 70", "at_most")),
    ("As many as 900 cars were recalled.", ("As many as 900", "at_most")),
    ("Some 35 boats joined the search.", ("Some 35", "about")),
    ("Roughly 8,000 tickets were sold.", ("Roughly 8,000", "about")),
    ("Nearly 50 shops closed.", ("Nearly 50", "under")),
    ("Almost 20 schools flooded.", ("Almost 20", "under")),
    ("More than 600 flights were cancelled.", ("More than 600", "over")),
    ("At least 14 climbers were rescued.", ("At least 14", "at_least")),
    ("As few as 12 nurses were on duty.", ("As few as 12", "at_least")),
    ("Just over 40% of voters turned out.", ("Just over 40%", "over")),
    ("The ferry holds at most 300 passengers.", ("at most 300", "at_most")),
    ("About $3 million was raised.", ("About $3 million", "about")),
    ("The fund needs 500 or more donors.", ("500 or more", "at_least")),
])
def test_qualifiers(figures_of, text, expected):
    assert [(f["text"], f["qualifier"]) for f in figures_of(text)] == [expected]


@pytest.mark.parametrize("text", [
    "Call the newsroom on 555-0192.",                        # phone numbers
    "The embassy number is +44 20 7946 0102.",
    "The festival began in 2019.",                           # years
    "The 1990 accord still stands.",
    "The vote is on June 14.",                               # dates
    "The file dates from 2023-11-30.",
    "It was the 15th meeting this year.",                    # ordinals
    "She finished third in the race.",
    "The treaty's Article 5 was never invoked.",             # numbers in names
    "Diners line Route 66 every summer.",
    "COVID-19 cases are falling.",
    "The G7 summit ended early.",
    "The G20 ministers met in Delhi.",
    "The Windows 11 update is late.",
    "Pope Benedict XVI resigned.",
    "He lives at 12 Harbour Road.",                          # an address
    "She sat in Seat 12C.",                                  # a seat, not 12 degrees Celsius
    "The two-state solution was discussed.",                 # a number naming a kind
    "They tested the 5G network.",                           # a number glued to a name
    "The ranking:\n1. Ben Carson\n2) Ted Cruz",            # list markers
    "He is doubling down on his attacks.",                   # an idiom, not a multiple
    "Talks run November 1-2 and Sept. 19 to 22.",            # the second day of a date range
    "The 2008-9 crisis hit hard.",                           # the second year of a range
    "The first half of the century was calm.",              # "half" that is no share
    "They sold 98 Degrees records.",                          # a title, not a unit
    "In an emergency, call 911 or dial 999 from a landline.",  # numbers to call
    "Text 741741 to reach a counsellor.",
])
def test_finds_nothing(figures_of, text):
    assert figures_of(text) == []


@pytest.mark.parametrize("text, expected", [
    ("The margin of error is plus or minus 3 percentage points.", ("3 percentage points", 3, "percentage_point")),
    ("Families owe a quarter of a million dollars.", ("a quarter of a million dollars", 250000, "USD")),
    ("The Fed moved by a quarter of a percentage point.", ("a quarter of a percentage point", 0.25,
                                                           "percentage_point")),
    ("The Ottawa office paid $2 million in current United States dollars.", ("$2 million", 2000000, "USD")),
])
def test_value_and_unit(figures_of, text, expected):
    assert [(f["text"], f["value"], f["unit"]) for f in figures_of(text)] == [expected]


def test_offsets_of_every_kind_in_one_text(figures_of):
    text = ("Officials said between 200 and 300 homes flooded.\n\nThe C$4m fund covers 40 km of road, "
            "a third of it paved; costs doubled to 12,000[2] dollars.")
    figs = figures_of(text)
    assert [f["text"] for f in figs] == ["between 200", "300", "C$4m", "40 km", "a third", "doubled", "12,000"]
    assert all(text[f["span"][0]:f["span"][1]] == f["text"] for f in figs)


# -- the rule data and pint -------------------------------------------------------------------

UNITS = rules.load("units.json")
DEFINITIONS = tuple(UNITS["pint_definitions"])
# The dimensions each family of measures must have in pint ("decade" is pint's logarithmic ratio,
# "degree" its angle: both are named right, and the kind comes from the family).
FAMILY_DIMENSIONS = {
    "time": [{"[time]": 1}, {}], "length": [{"[length]": 1}], "area": [{"[length]": 2}],
    "speed": [{"[length]": 1, "[time]": -1}], "mass": [{"[mass]": 1}], "volume": [{"[length]": 3}],
    "energy": [{"[mass]": 1, "[length]": 2, "[time]": -3}, {"[mass]": 1, "[length]": 2, "[time]": -2},
               {"[mass]": 1, "[length]": 2, "[time]": -3, "[current]": -1}],
    "temperature": [{"[temperature]": 1}, {}], "data": [{}, {"[time]": -1}], "percent": [{}, {"[percentage_point]": 1}],
}


@pytest.mark.parametrize("family", sorted(UNITS["measures"]))
def test_every_measure_is_a_pint_unit_of_its_family(family):
    for surface, expression in UNITS["measures"][family].items():
        canonical_unit(expression, DEFINITIONS)          # raises if pint does not know it
        assert dimensionality(expression, DEFINITIONS) in FAMILY_DIMENSIONS[family], (surface, expression)
        assert UNITS["families"][family] in ("percent", "duration", "measure")


def test_canonical_names_come_from_pint():
    assert {canonical_unit(x, DEFINITIONS) for x in ("km", "kilometer", "kilometre")} == {"kilometer"}
    assert canonical_unit("mph", DEFINITIONS) == "mile_per_hour"
    assert canonical_unit("percentage_point", DEFINITIONS) == "percentage_point"
    with pytest.raises(ValueError, match="furlongs_per_fortnightx"):
        canonical_unit("furlongs_per_fortnightx", DEFINITIONS)


@pytest.mark.parametrize("family", sorted(UNITS["measures"]))
def test_the_rule_data_writes_pint_s_canonical_names(family):
    """What `claimx query --unit` reads without loading pint: every expression is pint's own name."""
    for surface, expression in UNITS["measures"][family].items():
        assert canonical_unit(expression, DEFINITIONS) == expression, surface


def test_currencies_are_iso_codes():
    codes = set(UNITS["currency_codes"])
    for table in ("currency_signs", "currency_words", "scaled_currency_words", "dollar_places"):
        for surface, code in UNITS[table].items():
            assert len(code) == 3 and code.isupper(), (table, surface, code)
    assert {"USD", "EUR", "GBP", "JPY", "CNY", "CAD", "AUD"} <= codes
