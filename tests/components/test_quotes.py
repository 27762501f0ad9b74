"""find_quotes: pairing quote marks in messy scraped text (rules only, no model)."""
from __future__ import annotations

import pytest

from claimx.components.quotes import find_quotes


def quoted(text: str) -> list[str]:
    out = []
    for s, e, _closed in find_quotes(text):
        assert 0 <= s < e <= len(text)
        out.append(text[s:e])
    return out


@pytest.mark.parametrize("text, expected", [
    # straight marks
    ('"The pier opens at nine," said Ana.', ["The pier opens at nine,"]),
    ('He said "no" twice and left.', ["no"]),
    ('Ana said: "The pier opens at nine."', ["The pier opens at nine."]),
    # curly marks
    ("“The pier opens at nine,” said Ana.", ["The pier opens at nine,"]),
    ("She called it “a fine day for sailing” and smiled.", ["a fine day for sailing"]),
    ("«The pier opens at nine», said Ana.", ["The pier opens at nine"]),
    # a straight opening mark closed by a curly one (two keyboards, one article)
    ('"We will build it before the winter,” the mayor said.', ["We will build it before the winter,"]),
    # both kinds in one sentence
    ("“One curly” and \"one straight\" quote.", ["One curly", "one straight"]),
    # two quotations on one line
    ('"The pier is open," said Ana, "and the cafe is too."', ["The pier is open,", "and the cafe is too."]),
    # a quotation of two sentences is one passage
    ('"The pier is closed. Boats must wait," said Ana.', ["The pier is closed. Boats must wait,"]),
])
def test_paired_marks(text, expected):
    assert quoted(text) == expected


def test_quote_over_two_paragraphs():
    # newspaper convention: the first paragraph ends inside the quotation, the next one opens with a mark
    text = ('"The first part of the speech was about the harbour and its old cranes\n\n'
            '"and the second part was about the new ferry," he said.')
    quotes = find_quotes(text)
    assert [text[s:e] for s, e, _ in quotes] == [
        "The first part of the speech was about the harbour and its old cranes",
        "and the second part was about the new ferry,",
    ]
    assert all(closed for _, _, closed in quotes)


def test_marks_do_not_pair_across_an_ordinary_line_break():
    text = 'The sign said "closed\nThe owner said "open" later.'
    assert quoted(text) == ["open"]


@pytest.mark.parametrize("text, expected", [
    # a stray mark costs nothing: the quotation after it is still found
    ('A stray " mark here. Later she said "the pool opens at nine" to us.', ["the pool opens at nine"]),
    ('The board is 2" thick. Then he said "the wood came from Norway" and left.', ["the wood came from Norway"]),
    ("A stray ” mark here. Later she said “the pool opens at nine” to us.", ["the pool opens at nine"]),
    # an unclosed quotation at the end of a line still yields the passage when it is long enough ...
    ('He said "the pool opens at nine every day\nNext line.', ["the pool opens at nine every day"]),
    # ... but not a fragment
    ('He said "the pool\nNext line.', []),
    # a closing mark with nothing open is skipped
    ('The pool opens at nine." Next line without quotes.', []),
])
def test_unbalanced_marks(text, expected):
    assert quoted(text) == expected


def test_unclosed_quote_is_marked_open():
    (s, e, closed), = find_quotes('He said "the pool opens at nine every day\nNext line.')
    assert closed is False


@pytest.mark.parametrize("text", [
    "It's the town's oldest bakery, and the bakers' union owns it.",
    "The Smiths' dog and the Joneses' cat don't get along.",
    "Rock ’n’ roll came to the village in ’58.",
    "The ’90s were a good decade for the harbour, wasn’t it?",
    "No quotation marks at all in this sentence.",
    # single marks are not quotation marks (rules/quote_marks.json: in English news they are mostly
    # apostrophes), so a British-style single-quoted passage is not paired either
    "‘The pier opens at nine,’ said Ana.",
    "",
])
def test_apostrophes_are_not_quotes(text):
    assert quoted(text) == []


def test_offsets_point_into_the_text_as_given():
    text = "Intro line.\r\n\u00a0“Ünïcödé wörds are kept as they are,” she said.\n"
    (s, e, _), = find_quotes(text)
    assert text[s:e] == "Ünïcödé wörds are kept as they are,"


LINES = [
    'He told the council:\n"The pier opens at nine"\nand left.',
    '"The first part of the speech was about the harbour and its old cranes\n\n'
    '"and the second part was about the new ferry," he said.',
    'The sign said "closed\nThe owner said "open" later.',
    'He said "the pool opens at nine every day\nNext line.',
]


@pytest.mark.parametrize("text", LINES)
@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028"], ids=["crlf", "cr", "line-separator"])
def test_any_line_ending_reads_like_a_newline(text, newline):
    """Marks pair per line whatever ends the line ("\\r\\n" from Windows, a lone "\\r" from old Macs);
    a straight mark right before "\\r\\n" still closes its quotation."""
    other = text.replace("\n", newline)
    assert quoted(other) == quoted(text)
    assert [c for *_, c in find_quotes(other)] == [c for *_, c in find_quotes(text)]
