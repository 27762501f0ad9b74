"""Markup inside a text is masked, never prose: tags, comments, scripts and styles become spaces
of the same length, so offsets stay those of the text as read, and claims keep its characters."""
from __future__ import annotations

import pytest

import claimx
from claimx.markup import markup_spans, mask_markup
from tests.conftest import assert_offsets


@pytest.mark.parametrize("text, masked", [
    ('<p class="lead">Hi.</p>', "                Hi.    "),
    ('<img src="a.jpg" alt="The pier, as seen from the quay">', " " * 55),
    ("<br/>x<BR>", "     x    "),
    ("a<!-- said the mayor -->b", "a" + " " * 23 + "b"),
    ('<script>var s = "he said";</script>ok', " " * 35 + "ok"),
    ("<style>\np { color: red }\n</style>", "       \n                \n        "),
    # not markup: comparisons, an element name we do not know, a bare angle bracket
    ("a < b and c > d", "a < b and c > d"),
    ("<harbour> is not a tag", "<harbour> is not a tag"),
    ("x <- y", "x <- y"),
    ("", ""),
])
def test_markup_is_masked_with_spaces_of_the_same_length(text, masked):
    assert mask_markup(text) == masked
    assert len(mask_markup(text)) == len(text)


def test_spans_are_the_masked_ranges():
    text = 'A <b>bold</b> move'
    assert [text[s:e] for s, e in markup_spans(text)] == ["<b>", "</b>"]


PLAIN = 'The mayor said the pier would reopen in May. "We will rebuild it," she said.'
HTML = ('<div class="story"><p class="lead">The mayor said the pier would reopen in May.</p>\n'
        '<img src="pier.jpg" alt="The pier, as seen from the harbour" title="Harbour view">\n'
        '<p>"We will rebuild it," she said.</p><!-- said the editor --></div>')


def _summary(claims):
    return [(c["kind"], c["speaker"] and c["speaker"]["text"], c["cue"] and c["cue"]["text"], c["text"])
            for c in claims]


def test_an_html_text_gives_the_claims_of_its_prose(nlp):
    plain = claimx.extract(PLAIN, nlp=nlp)
    html = claimx.extract(HTML, nlp=nlp)
    assert _summary(html) == _summary(plain)
    assert len(html) == 2
    for claim in html:
        assert_offsets(HTML, claim)  # the characters of the text as given, tags and all


def test_attributes_never_speak_or_quote(nlp):
    text = ('<a href="/story" data-author="Jane Roe" title="Read more, said the editor">Read more</a> '
            '<img alt="Residents say the levy is unfair">')
    assert claimx.extract(text, nlp=nlp) == []
