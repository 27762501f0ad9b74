"""claimx.articles: header metadata, site chrome ranges, and reading inputs.

Every article here is invented for the test; the layouts imitate the scraped pages in seeds/.
"""
from __future__ import annotations

import io

import pytest

from claimx.articles import Article, InputProblem, iter_inputs, parse_header


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
    assert parse_header(text).as_dict() == expected


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
# Reading inputs

CP1252_TEXT = ("The café owner on Rue Lamarck said “we open at nine every day of the week” and smiled "
               "at the crowd outside.\nHer cousin, who runs the bakery next door, disagreed: “nobody comes "
               "before ten.”\nThe two shops share a terrace, and the façade was repainted in the spring – a "
               "pale green.\n")


@pytest.fixture
def folder(tmp_path):
    """b.txt, a/c.txt, a/z/d.txt, notes.md (ignored), plus an empty and a cp1252 file."""
    (tmp_path / "a" / "z").mkdir(parents=True)
    (tmp_path / "b.txt").write_text("The pier reopens on Monday.\n", encoding="utf-8")
    (tmp_path / "a" / "c.txt").write_text("The bridge reopens on Tuesday.\n", encoding="utf-8")
    (tmp_path / "a" / "z" / "d.txt").write_text("The tunnel reopens on Friday.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article\n", encoding="utf-8")
    return tmp_path


def test_folder_is_read_recursively_in_sorted_order(folder):
    items = list(iter_inputs([str(folder)]))
    assert all(isinstance(i, Article) for i in items)
    assert [i.id for i in items] == ["c", "d", "b"]  # sorted by path: a/c.txt, a/z/d.txt, b.txt
    assert [i.path for i in items] == [(folder / p).as_posix() for p in ("a/c.txt", "a/z/d.txt", "b.txt")]
    assert items[0].text == "The bridge reopens on Tuesday.\n"  # exactly as read, newline kept
    assert all(i.encoding is None for i in items)


def test_text_is_not_normalised(tmp_path):
    raw = "  Line one\r\nLine two\u00a0 with “marks”\n\n\n"
    (tmp_path / "x.txt").write_bytes(raw.encode("utf-8"))
    (item,) = iter_inputs([str(tmp_path / "x.txt")])
    assert item.text == raw


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "no such file or folder"),
    (lambda p: p.write_bytes(b""), "empty file"),
    (lambda p: p.write_bytes(b"  \n\n\t\n"), "empty file"),
    (lambda p: p.write_bytes(CP1252_TEXT.encode("cp1252")), "not UTF-8"),
    (lambda p: p.mkdir(), "folder holds no .txt files"),
])
def test_bad_input_is_a_problem_not_an_exception(tmp_path, make, message):
    path = tmp_path / "article.txt"
    make(path)
    (item,) = iter_inputs([str(path)])
    assert isinstance(item, InputProblem)
    assert item.path == str(path)
    assert message in item.message
    assert str(path) in item.message
    assert "\n" not in item.message


def test_problems_do_not_stop_the_other_inputs(folder):
    (folder / "a" / "empty.txt").write_bytes(b"")
    items = list(iter_inputs([str(folder / "missing.txt"), str(folder)]))
    kinds = [(type(i).__name__, getattr(i, "id", None)) for i in items]
    assert kinds == [("InputProblem", None), ("Article", "c"), ("InputProblem", None), ("Article", "d"),
                     ("Article", "b")]


def test_not_utf8_names_the_bad_byte(tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_bytes("Menu du café\n".encode("cp1252"))
    (item,) = iter_inputs([str(path)])
    assert isinstance(item, InputProblem)
    assert "offset 11" in item.message


def test_detect_encoding_decodes_a_cp1252_file(tmp_path):
    path = tmp_path / "cafe.txt"
    data = CP1252_TEXT.encode("cp1252")
    path.write_bytes(data)
    (item,) = iter_inputs([str(path)], detect_encoding=True)
    assert isinstance(item, Article)
    assert item.text == CP1252_TEXT
    assert item.encoding is not None and item.encoding.replace("-", "").lower() != "utf8"
    assert data.decode(item.encoding) == item.text  # offsets are into this decoded text


def test_detect_encoding_keeps_cp1252_letters(tmp_path):
    text = ("Her naïve cousin, who runs the crêperie next door, disagreed: “nobody comes before ten.”\n"
            + CP1252_TEXT)
    path = tmp_path / "creperie.txt"
    path.write_bytes(text.encode("cp1252"))
    (item,) = iter_inputs([str(path)], detect_encoding=True)
    assert item.text == text


def test_detect_encoding_short_cp1252_line(tmp_path):
    text = "The café owner said “we open at nine every day of the week” and smiled at the crowd outside.\n"
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode("cp1252"))
    (item,) = iter_inputs([str(path)], detect_encoding=True)
    assert item.text == text


def test_utf8_file_has_no_encoding_even_with_detection(folder):
    items = list(iter_inputs([str(folder / "b.txt")], detect_encoding=True))
    assert items[0].encoding is None


def test_stdin_and_duplicate_ids(folder):
    (folder / "a" / "b.txt").write_text("Another pier story.\n", encoding="utf-8")
    stdin = io.BytesIO("The lighthouse is for sale.\n".encode("utf-8"))
    items = list(iter_inputs(["-", str(folder)], stdin=stdin))
    assert items[0] == Article(id="stdin", path=None, text="The lighthouse is for sale.\n")
    ids = [i.id for i in items[1:]]
    assert ids == ["b", "c", "d", "b~2"]  # a/b.txt, a/c.txt, a/z/d.txt, b.txt


def test_empty_stdin_is_a_problem():
    (item,) = iter_inputs(["-"], stdin=io.BytesIO(b""))
    assert isinstance(item, InputProblem)
    assert "empty" in item.message
