"""claimx.header: header metadata and site chrome ranges, on any line ending.

Every article here is invented for the test; the layouts imitate the scraped pages in seeds/.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from claimx.header import count_line_breaks, line_spans, parse_header

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def chrome_lines(text: str) -> list[str]:
    return [text[s:e] for s, e in parse_header(text).boilerplate]


def in_chrome(text: str, needle: str) -> bool:
    """Is every character of ``needle`` (its first occurrence) inside a boilerplate range?"""
    k = text.index(needle)
    return any(s <= k and k + len(needle) <= e for s, e in parse_header(text).boilerplate)


# ---------------------------------------------------------------------------------------------
# Header fields

FERRY = """Harbour council approves new ferry timetable
Updated 22:47, 30-May-2021
CGTN
The harbour council on Tuesday approved a new ferry timetable for the summer season.
Boats will leave every forty minutes from June.
"""

SCHOOL = """Subscribe
Mountain village votes to keep its school open
Anadolu Agency WORLD
Published May 02,2024
The village council voted on Monday to keep the primary school open for another year.
Parents had collected signatures for months.
"""

RIVER = """River clean-up draws hundreds of volunteers

Volunteers pulled tyres and bottles from the river on Saturday

Lena Fischer
Lena Fischer
Download
A volunteer lifts a tyre from the river bank on Saturday.
A volunteer lifts a tyre from the river bank on Saturday.Credit: Reuters
The clean-up started at dawn and ended after six hours of work.
LISTEN: The river podcast, episode four
Organisers said they would repeat it next spring.
Contact Us
Click the alert icon to follow topics:
Rivers
Volunteers say the next clean-up will be bigger
"""

ORCHARD = """Orchard growers expect a late harvest this year
Cold nights in April slowed the blossoms across the valley.
Growers said picking would start two weeks later than usual.
Tomas Brenner for Valley Post
"""

NO_HEADER_ONE_PARAGRAPH = "The committee met twice last week and agreed on nothing, its chair said.\n"

NO_HEADER_PROSE = """The committee met twice last week and agreed on nothing.
Its chair said more meetings would follow in the autumn.
"""


@pytest.mark.parametrize("text, expected", [
    pytest.param(FERRY, {"title": "Harbour council approves new ferry timetable", "outlet": "CGTN",
                         "author": None, "published": "2021-05-30T22:47:00"}, id="updated-time-and-outlet-line"),
    pytest.param(SCHOOL, {"title": "Mountain village votes to keep its school open", "outlet": "Anadolu Agency",
                          "author": None, "published": "2024-05-02"}, id="published-no-space-after-comma"),
    pytest.param(RIVER, {"title": "River clean-up draws hundreds of volunteers", "outlet": None,
                         "author": "Lena Fischer", "published": None}, id="byline-printed-twice"),
    pytest.param(ORCHARD, {"title": "Orchard growers expect a late harvest this year", "outlet": "Valley Post",
                           "author": "Tomas Brenner", "published": None}, id="name-for-outlet-at-end"),
    pytest.param(NO_HEADER_ONE_PARAGRAPH, {"title": None, "outlet": None, "author": None, "published": None},
                 id="no-header-one-paragraph"),
    pytest.param(NO_HEADER_PROSE, {"title": None, "outlet": None, "author": None, "published": None},
                 id="no-header-prose"),
    pytest.param("", {"title": None, "outlet": None, "author": None, "published": None}, id="empty-text"),
])
def test_header_fields(text, expected):
    assert parse_header(text).as_dict() == {**expected, "url": None}


def test_header_lines_are_chrome_not_body():
    # the date and outlet lines are chrome; the headline is metadata but body lines are not chrome
    assert chrome_lines(FERRY) == ["Updated 22:47, 30-May-2021", "CGTN"]
    assert chrome_lines(SCHOOL) == ["Subscribe", "Anadolu Agency WORLD", "Published May 02,2024"]
    assert chrome_lines(ORCHARD) == ["Tomas Brenner for Valley Post"]
    assert chrome_lines(NO_HEADER_ONE_PARAGRAPH) == []


# ---------------------------------------------------------------------------------------------
# Chrome ranges

@pytest.mark.parametrize("needle, chrome", [
    ("Download", True),
    ("Contact Us", True),
    ("LISTEN: The river podcast, episode four", True),
    ("Lena Fischer", True),  # the byline
    # a caption printed twice, once with a credit glued to it: both copies
    ("A volunteer lifts a tyre from the river bank on Saturday.\n", True),
    ("A volunteer lifts a tyre from the river bank on Saturday.Credit: Reuters", True),
    # everything after the end marker: the topic list and related headlines
    ("Click the alert icon to follow topics:", True),
    ("Rivers\n", True),
    ("Volunteers say the next clean-up will be bigger", True),
    # the article body is not chrome
    ("The clean-up started at dawn and ended after six hours of work.", False),
    ("Organisers said they would repeat it next spring.", False),
    ("Volunteers pulled tyres and bottles from the river on Saturday", False),
])
def test_chrome_ranges(needle, chrome):
    needle = needle.rstrip("\n")
    assert in_chrome(RIVER, needle) is chrome


@pytest.mark.parametrize("text, needle", [
    ("Market square to be repaved\nThe square will close for a month.\nSubscribe\nShops stay open.\n", "Subscribe"),
    ("Market square to be repaved\nThe square will close for a month.\nWATCH: The old square in 1950\n"
     "Shops stay open.\n", "WATCH: The old square in 1950"),
    ("Market square to be repaved\nThe square will close for a month, the council said.\n"
     "Workers lay new stones on the square. /AP\nShops stay open.\n", "Workers lay new stones on the square. /AP"),
    ("Market square to be repaved\nThe square will close for a month. Read Full Article at Example.com\n",
     "Read Full Article at Example.com"),
])
def test_single_chrome_line(text, needle):
    assert in_chrome(text, needle)


def test_boilerplate_ranges_are_sorted_and_point_into_the_text():
    ranges = parse_header(RIVER).boilerplate
    assert ranges == sorted(ranges)
    for s, e in ranges:
        assert 0 <= s < e <= len(RIVER)
        assert RIVER[s:e] == RIVER[s:e].strip()


# ---------------------------------------------------------------------------------------------
# Line endings and a byte order mark: the same header, offsets into the text as it is

def with_endings(text: str, kind: str) -> str:
    lines = text.split("\n")
    if kind == "crlf":
        return "\r\n".join(lines)
    if kind == "cr":
        return "\r".join(lines)
    if kind == "mixed":  # \r\n, \r and \n in turn, as in a file edited on three systems
        seps = ["\r\n", "\r", "\n"]
        return "".join(line + (seps[k % 3] if k < len(lines) - 1 else "") for k, line in enumerate(lines))
    if kind == "unicode":  # LINE SEPARATOR and NEXT LINE
        seps = ["\u2028", "\x85"]
        return "".join(line + (seps[k % 2] if k < len(lines) - 1 else "") for k, line in enumerate(lines))
    if kind == "bom":
        return "\ufeff" + text
    if kind == "bom-crlf":
        return "\ufeff" + "\r\n".join(lines)
    return text


ENDINGS = ["crlf", "cr", "mixed", "unicode", "bom", "bom-crlf"]


@pytest.mark.parametrize("kind", ENDINGS)
@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_headers_read_the_same_on_any_line_ending(path, kind):
    text = path.read_text(encoding="utf-8")
    other = with_endings(text, kind)
    assert other != text
    expected, got = parse_header(text), parse_header(other)
    assert got.as_dict() == expected.as_dict()
    # the same chrome lines, found at their offsets in the text as it is
    assert [other[s:e] for s, e in got.boilerplate] == [text[s:e] for s, e in expected.boilerplate]


@pytest.mark.parametrize("kind", ENDINGS)
@pytest.mark.parametrize("text, fields", [
    (FERRY, {"title": "Harbour council approves new ferry timetable", "outlet": "CGTN",
             "published": "2021-05-30T22:47:00"}),
    (SCHOOL, {"title": "Mountain village votes to keep its school open", "outlet": "Anadolu Agency",
              "published": "2024-05-02"}),
    (ORCHARD, {"outlet": "Valley Post", "author": "Tomas Brenner"}),
], ids=["ferry", "school", "orchard"])
def test_header_fields_on_any_line_ending(text, fields, kind):
    got = parse_header(with_endings(text, kind)).as_dict()
    assert {k: got[k] for k in fields} == fields


def test_a_bom_is_not_part_of_the_title():
    text = "\ufeffHarbour council approves new ferry timetable\nCGTN\nThe council met on Tuesday.\n"
    header = parse_header(text)
    assert header.title == "Harbour council approves new ferry timetable"
    assert header.outlet == "CGTN"
    assert [text[s:e] for s, e in header.boilerplate] == ["CGTN"]


def test_a_bom_alone_on_the_first_line_is_not_a_title():
    text = "\ufeff\r\nCGTN\r\nHarbour council approves new ferry timetable\r\nThe council met on Tuesday.\r\n"
    header = parse_header(text)
    assert (header.title, header.outlet) == ("Harbour council approves new ferry timetable", "CGTN")


@pytest.mark.parametrize("text, spans, breaks", [
    ("a\nb", [(0, 1), (2, 3)], 1),
    ("a\r\nb\r\n", [(0, 1), (3, 4), (6, 6)], 2),
    ("a\rb\r\rc", [(0, 1), (2, 3), (4, 4), (5, 6)], 3),
    ("a\u2028b\x85c\u2029d", [(0, 1), (2, 3), (4, 5), (6, 7)], 3),
    ("", [(0, 0)], 0),
    ("\r\n\n\r", [(0, 0), (2, 2), (3, 3), (4, 4)], 3),
])
def test_line_spans(text, spans, breaks):
    assert line_spans(text) == spans
    assert count_line_breaks(text) == breaks
    if "\r" not in text and "\u2028" not in text:
        pos, expected = 0, []
        for line in text.split("\n"):
            expected.append((pos, pos + len(line)))
            pos += len(line) + 1
        assert line_spans(text) == expected


PROSE = ("The harbour council met on Tuesday and agreed, after a long debate about costs and timetables, "
         "that the ferry to the island would run every forty minutes from the first week of June.")
PARAGRAPHS = [f"In session {k} {PROSE[4:]}" for k in range(30)]  # no two alike: a repeated line is chrome


def test_a_file_of_articles_keeps_the_next_article_after_an_end_marker():
    # RIVER ends with "Click the alert icon ..." and related headlines; another article follows
    second = "Ferry timetable approved\n" + "\n".join(PARAGRAPHS) + "\nRelated stories\nFerry fares rise\n"
    text = RIVER + second
    ranges = parse_header(text).boilerplate

    def chrome(needle: str) -> bool:
        k = text.index(needle)
        return any(s <= k and k + len(needle) <= e for s, e in ranges)

    assert chrome("Volunteers say the next clean-up will be bigger")  # RIVER's related headline
    assert chrome("Ferry timetable approved")  # (a headline right after the marker reads like one)
    assert not any(chrome(p) for p in PARAGRAPHS)  # the next article's body
    assert chrome("Related stories") and chrome("Ferry fares rise")  # its own end marker and what follows


def test_an_end_marker_near_the_end_takes_everything_after_it():
    text = RIVER.replace("Volunteers say the next clean-up will be bigger", PROSE)
    assert in_chrome(text, PROSE)
