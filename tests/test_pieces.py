"""claimx.pieces: cutting a long article into pieces, never inside a quotation (rules only, no model).

The texts are written for the test. A quotation "crosses" a boundary when the quotes component,
run on the whole text, finds a passage that starts before it and ends after it; and every piece
must find exactly the passages the whole text has there.
"""
from __future__ import annotations

import bisect

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimx.components.quotes import _marks, find_quotes
from claimx.pieces import DEFAULT_MAX_CHARS, cut_points, split_pieces


def check_cover(text: str, pieces: list[tuple[int, int]], max_chars: int) -> None:
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    assert all(0 < e - s <= max_chars for s, e in pieces) or text == ""


def crossing(text: str, pieces: list[tuple[int, int]]) -> list[str]:
    """Quoted passages of the whole text that a boundary cuts in two."""
    bounds = [s for s, _ in pieces[1:]]
    return [text[s:e] for s, e, _ in find_quotes(text)
            if bisect.bisect_right(bounds, s) != bisect.bisect_left(bounds, e)]


def quotes_by_piece(text: str, pieces) -> list[tuple[int, int, bool]]:
    return [(s + a, e + a, closed) for a, b in pieces for s, e, closed in find_quotes(text[a:b])]


PARAGRAPH = ('The harbour council met on Tuesday to discuss the new ferry timetable for the summer.\n\n'
             '"We will run a boat every forty minutes from June," said the chair, Ana Costa.\n\n')
# a quotation over three paragraphs: each ends inside it, the next one opens with a mark
RUN_ON = ('"The first part of the plan is about the old cranes on the north quay\n\n'
          '"and the second part is about the new ferry and its landing stage\n\n'
          '"and the last part is about money," the chair said.\n\n')
LONG_QUOTE = '"' + " ".join(["the ferry will run on time"] * 30) + '," the chair said. '
SAID = '"Something happened in the harbour," he said.\n'


def news(n: int) -> str:
    return (PARAGRAPH * (n // len(PARAGRAPH) + 1))[:n]


@pytest.mark.parametrize("name, text, max_chars", [
    pytest.param("paragraphs", news(20_000), 1_000, id="paragraphs"),
    pytest.param("run-on", (PARAGRAPH + RUN_ON) * 40, 600, id="run-on-quotes-across-paragraphs"),
    pytest.param("long-quote", (LONG_QUOTE + "The council agreed. ") * 30, 1_500, id="long-quotes-no-newlines"),
    pytest.param("lines", SAID * 500, 700, id="he-said-lines"),
    pytest.param("crlf", (PARAGRAPH + RUN_ON).replace("\n", "\r\n") * 30, 700, id="crlf"),
    pytest.param("cr", (PARAGRAPH + RUN_ON).replace("\n", "\r") * 30, 700, id="lone-cr"),
    pytest.param("one-line", " ".join((PARAGRAPH * 200).split()), 2_000, id="one-line-article"),
    pytest.param("marks", '"a" "b" “c” "d e f" ' * 2_500, 5_000, id="giant-line-balanced-marks"),
])
def test_pieces_cover_the_text_and_cut_no_quotation(name, text, max_chars):
    pieces = split_pieces(text, max_chars)
    check_cover(text, pieces, max_chars)
    assert len(pieces) > 1
    assert crossing(text, pieces) == []
    assert quotes_by_piece(text, pieces) == find_quotes(text)


@pytest.mark.parametrize("text, max_chars, first_cut_after", [
    # a blank line in the second half of the window wins over line breaks and sentence ends after it
    ("Aaa bbb. Ccc ddd. Eee.\n\nFff ggg.\nHhh iii. Jjj kkk lll mmm", 40, "Eee.\n\n"),
    # (only in the second half: a blank line early in the window would make a small piece)
    ("Aaa.\n\nBbb ccc. Ddd eee fff.\nGgg hhh. Iii jjj kkk lll mmm", 40, "Ddd eee fff.\n"),
    # no blank line: the last line break
    ("Aaa bbb. Ccc ddd.\nEee fff. Ggg hhh.\nIii jjj. Kkk lll mmm nnn", 40, "Ggg hhh.\n"),
    # one line: the last sentence end
    ("Aaa bbb ccc. Ddd eee fff ggg. Hhh iii jjj kkk lll mmm nnn", 40, "Ddd eee fff ggg. "),
    # no sentence end: the last space
    ("aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk", 20, "aaa bbb ccc ddd eee "),
    # the run-on quotation is not cut between its paragraphs: the cut comes before it
    ("Aaa bbb ccc.\n\n\"Ddd eee fff\n\n\"ggg hhh,\" he said.", 35, "Aaa bbb ccc.\n\n"),
    # a quotation open over the line: the cut comes before its mark
    ("Aaa bbb. He said \"ccc ddd. eee fff. ggg hhh.\" and left", 40, "Aaa bbb. He said "),
])
def test_where_the_first_cut_falls(text, max_chars, first_cut_after):
    pieces = split_pieces(text, max_chars)
    check_cover(text, pieces, max_chars)
    assert text[:pieces[0][1]].endswith(first_cut_after)


@pytest.mark.parametrize("text, max_chars", [
    # 50,000 marks that never close: a quotation is open over the whole line; whitespace still cuts
    pytest.param("“a " * 50_000, 10_000, id="50000-unpaired-opening-marks"),
    pytest.param('"a ' * 50_000, 10_000, id="50000-unpaired-straight-marks"),
    pytest.param("x" * 25_000, 10_000, id="no-whitespace-at-all"),
    pytest.param('"' * 50_000, 10_000, id="only-marks"),
])
def test_no_cut_point_at_all_still_cuts(text, max_chars):
    pieces = split_pieces(text, max_chars)
    check_cover(text, pieces, max_chars)
    assert len(pieces) >= len(text) // max_chars


def test_giant_line_of_50000_marks_mixed():
    units = ('"a" ', '"b" ', "“c” ", '"d e f g" ', 'h" ', '"i ', "j“k ", "”l ", "'' m `` ", "« n » ")
    text = "".join(units[i % len(units)] for i in range(36_000))
    assert len(_marks()[0].findall(text)) >= 50_000
    pieces = split_pieces(text, 10_000)
    check_cover(text, pieces, 10_000)
    assert crossing(text, pieces) == []
    assert quotes_by_piece(text, pieces) == find_quotes(text)


@pytest.mark.parametrize("text", ["", "Short.", news(DEFAULT_MAX_CHARS)])
def test_a_short_text_is_one_piece(text):
    assert split_pieces(text) == [(0, len(text))]


def test_max_chars_must_be_positive():
    with pytest.raises(ValueError):
        split_pieces("text", 0)


# ---------------------------------------------------------------------------------------------
# Any text: every allowed cut point keeps the quotes component's passages as they are

ALPHABET = ["aa", "bb ", "cc", ". ", " ", "  ", "\t", "\u00a0", "\u2003", "\n", "\n\n", "\r\n", "\r",
            "\u2028", '"', '" ', ' "', "“", "”", "«", "»", "''", "``", ",", ":"]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join))
@example('aa\u2003"bb " cc')  # a mark after an em space is glued; at a piece's start it would open
@example('He said "the pier\n\n"is open," she said.\r\n"And the cafe\r"too," he said.')
def test_every_allowed_cut_keeps_the_quotations(text):
    allowed, every = cut_points(text)
    whole = find_quotes(text)
    for kind in allowed:
        assert kind == sorted(kind)
        for p in kind:
            assert p in every
            assert quotes_by_piece(text, [(0, p), (p, len(text))]) == whole, p


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=80).map("".join), st.integers(1, 30))
def test_pieces_always_cover_the_text(text, max_chars):
    pieces = split_pieces(text, max_chars)
    if text:
        check_cover(text, pieces, max_chars)
    else:
        assert pieces == [(0, 0)]
