"""Property tests: generated news-like texts through the library never raise and never break the
offset invariant, whole or cut into pieces (the long-article path), whatever marks, numbers,
dates, line endings or Unicode they hold."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimx.inputs import Article, Meta
from claimx.pipeline import Extractor
from tests.conftest import assert_offsets

NAMES = ["Ruth Engel", "the mayor", "an unnamed official", "Hamas spokesman Hazem Qassem", "he", "They",
         "Dr. Lind", "the ministry", "O'Neil", "Ana-María López"]
CUES = ["said", "told reporters", "warned", "claimed", "added", "according to", "believes", "wrote on X"]
MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "„", "''", "``"]
FIGURES = ["at least 248", "nearly 34,600", "$1.2 million", "12%", "3.5 percent", "1,200", "two", "a third",
           "between 30 and 40", "€5bn", "-4", "1e9", "½"]
DATES = ["on Monday", "May 2, 2024", "2024-05-02", "last week", "on Oct. 7", "in 1999", "yesterday"]
BREAKS = ["\n", "\r\n", "\r", "\n\n", " ", "\u2028", "\t"]

words = st.sampled_from(["the", "port", "crane", "will", "open", "council", "said", "that", "it", "was",
                         "killed", "people", "talks", "in", "Gaza", "Cairo", "ceasefire", "deal", "and"])
junk = st.text(min_size=0, max_size=6)  # any Unicode, control characters and surrogates excluded by default


@st.composite
def sentence(draw):
    body = " ".join(draw(st.lists(words, min_size=1, max_size=12)))
    parts = [body]
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(FIGURES)))
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(DATES)))
    content = " ".join(parts)
    form = draw(st.integers(0, 5))
    name, cue = draw(st.sampled_from(NAMES)), draw(st.sampled_from(CUES))
    open_, close = draw(st.sampled_from(MARKS)), draw(st.sampled_from(MARKS))
    if form == 0:
        s = f"{open_}{content},{close} {name} {cue}."
    elif form == 1:
        s = f"{name} {cue} that {content}."
    elif form == 2:
        s = f"{cue.capitalize()} {name}, {content}."
    elif form == 3:
        s = f"{name} {cue}: {open_}{content}{close}"
    elif form == 4:
        s = f"{content}{draw(junk)}"
    else:
        s = f"{open_}{content}"  # a stray mark
    return s + draw(st.sampled_from(BREAKS))


texts = st.lists(sentence(), min_size=1, max_size=14).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_extract_never_raises_and_offsets_hold(nlp, text):
    extractor = Extractor(nlp)
    (result,) = extractor.run([Article(id="g", text=text, meta=Meta(published="2024-05-02"))])
    assert result.error is None, result.detail
    for claim in result.claims:
        assert_offsets(text, _builtins(claim))
        assert claim.id.startswith("g#")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(sentence(), min_size=4, max_size=30).map("".join))
def test_pieces_keep_the_offsets(nlp, text):
    """Cut into pieces of a few hundred characters (the path of articles of any length)."""
    (result,) = Extractor(nlp, max_chars=300).run([Article(id="p", text=text)])
    assert result.error is None, result.detail
    ids = [c.id for c in result.claims]
    assert ids == [f"p#{n}" for n in range(len(ids))]
    for claim in result.claims:
        assert_offsets(text, _builtins(claim))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(min_size=1, max_size=400))
def test_any_unicode_never_raises(nlp, text):
    (result,) = Extractor(nlp).run([Article(id="u", text=text)])
    assert result.error is None, result.detail
    for claim in result.claims:
        assert_offsets(text, _builtins(claim))


def _builtins(claim) -> dict:
    import msgspec

    return msgspec.to_builtins(claim)
