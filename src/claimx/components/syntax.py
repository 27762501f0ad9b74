"""Look-ups every stage may use, built once per document so that no stage rescans it.

- `SentenceIndex` / `sentences(doc)` / `sent_of(token)`: the sentence of a token in constant
  time. spaCy's ``Token.sent`` walks from the token to both ends of its sentence on every call,
  which costs a whole sentence per cue in a long one; while a component runs inside
  ``with sentences(doc):``, `sent_of` answers from an index of the sentence starts instead, and
  gives the same span ``Token.sent`` gives.
- `text_of(doc)`: ``doc.text``, joined once a document (spaCy joins every token's text anew, a
  Token object a token, on each access, and every stage reads the text); `token_strings(doc,
  attr)`: one attribute of every token as strings, read from the token arrays without making a
  Token object a token (for scans over the whole document).
- `Ranges`: character (or token) ranges sorted once, for "which ranges overlap / lie inside /
  hold this one" in logarithmic time plus the answers (a claim against the site chrome, a frame's
  content against the quotations, a sentence against the figures).
- Parse helpers for rules: `tidy` and `token_chars` (a token range as clean character offsets),
  `count_words`, `child_of`, `subtree_range`, `clause_verb`, `noun_start`, `clause_minus`,
  `clause_around`.
"""
from __future__ import annotations

import bisect
from contextlib import contextmanager
from typing import Iterator, Optional, Sequence

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span, Token

_TEXT_KEY = "claimx.text"


def _text_length(doc: Doc) -> int:
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def remember_text(doc: Doc, text: str) -> None:
    """Tell `text_of` the text ``doc`` was made from (``nlp.make_doc(text)``)."""
    doc.user_data[_TEXT_KEY] = text


def forget_text(doc: Doc) -> None:
    """Drop what `text_of` keeps (so that a serialised Doc does not carry its text twice)."""
    doc.user_data.pop(_TEXT_KEY, None)


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once a document and kept in ``doc.user_data``."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None or len(text) != _text_length(doc):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


def token_strings(doc: Doc, attr) -> list[str]:
    """The string of ``attr`` (``spacy.attrs.LOWER``, ``TAG``, ``POS``, ``DEP``, ``LEMMA``,
    ``ENT_TYPE``, ...) of every token, "" where unset: ``[t.lower_ for t in doc]`` without a
    Token object a token."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    values, index = numpy.unique(doc.to_array(attr), return_inverse=True)  # each string looked up once
    table = numpy.array([strings[h] if h else "" for h in values.tolist()], dtype=object)
    return table[index].tolist()


class SentenceIndex:
    """Sentence bounds of a parsed document, by token."""

    def __init__(self, doc: Doc):
        self.doc = doc
        n = len(doc)
        flags = doc.to_array([SENT_START]) if n else []
        starts = [0] + [i for i in range(1, n) if flags[i] == 1]
        self.starts = starts if n else []
        self.ends = starts[1:] + [n] if n else []
        self._of = [0] * n  # token -> sentence number
        for k, s in enumerate(self.starts):
            for i in range(s, self.ends[k]):
                self._of[i] = k

    def number(self, i: int) -> int:
        """The sentence number (0, 1, ...) of token ``i``."""
        return self._of[i]

    def bounds(self, i: int) -> tuple[int, int]:
        """The token range [start, end) of the sentence of token ``i``."""
        k = self._of[i]
        return self.starts[k], self.ends[k]

    def sent(self, i: int) -> Span:
        """``doc[i].sent``."""
        k = self._of[i]
        return self.doc[self.starts[k]:self.ends[k]]

    def __len__(self) -> int:
        return len(self.starts)


class HookedSentences:
    """The same answers from spaCy itself, for a document whose sentences come from user hooks."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._number = {s.start: k for k, s in enumerate(doc.sents)}

    def number(self, i: int) -> int:
        return self._number.get(self.doc[i].sent.start, 0)

    def bounds(self, i: int) -> tuple[int, int]:
        sent = self.doc[i].sent
        return sent.start, sent.end

    def sent(self, i: int) -> Span:
        return self.doc[i].sent


_active: list[SentenceIndex] = []


def _hooked(doc: Doc) -> bool:
    return "sents" in doc.user_hooks or "sent" in doc.user_token_hooks or "sent" in doc.user_span_hooks


@contextmanager
def sentences(doc: Doc) -> Iterator[SentenceIndex | HookedSentences]:
    """While the block runs, `sent_of` answers for ``doc``'s tokens from one index (the index is
    also given to the block). Raises as ``doc.sents`` does when the document has no sentences."""
    if _hooked(doc):
        yield HookedSentences(doc)
        return
    if not doc.has_annotation("SENT_START"):
        list(doc.sents)  # spaCy's own error (E030)
    index = SentenceIndex(doc)
    _active.append(index)
    try:
        yield index
    finally:
        _active.remove(index)


def active_index(doc: Doc) -> Optional[SentenceIndex]:
    for index in reversed(_active):
        if index.doc is doc:
            return index
    return None


def sent_of(tok: Token) -> Span:
    """``tok.sent``, in constant time inside ``with sentences(tok.doc):``."""
    index = active_index(tok.doc)
    return index.sent(tok.i) if index is not None else tok.sent


def sent_start_of(tok: Token) -> int:
    """``tok.sent.start``."""
    index = active_index(tok.doc)
    return index.starts[index.number(tok.i)] if index is not None else tok.sent.start


def sent_end_of(tok: Token) -> int:
    """``tok.sent.end``."""
    index = active_index(tok.doc)
    return index.ends[index.number(tok.i)] if index is not None else tok.sent.end


class Ranges:
    """``(start, end)`` ranges (any order, overlaps allowed), answering in their given order."""

    def __init__(self, ranges: Sequence[tuple[int, int]]):
        self.ranges = [(r[0], r[1]) for r in ranges]
        order = sorted(range(len(self.ranges)), key=lambda k: (self.ranges[k][0], k))
        self._order = order
        self._starts = [self.ranges[k][0] for k in order]
        reach, self._reach = None, []  # the largest end among the ranges sorted up to here
        for k in order:
            end = self.ranges[k][1]
            reach = end if reach is None or end > reach else reach
            self._reach.append(reach)

    def __len__(self) -> int:
        return len(self.ranges)

    def _from_reach(self, pos: int) -> int:
        """The first sorted position whose reach is above ``pos`` (reach only grows)."""
        return bisect.bisect_right(self._reach, pos)

    def overlapping(self, s: int, e: int) -> list[int]:
        """Indices (given order) of the ranges with ``start < e`` and ``s < end``. Scans the ranges
        sorted between the first that reaches past ``s`` and the last starting before ``e``: meant
        for ranges that seldom nest (quotations, sentences)."""
        j = bisect.bisect_left(self._starts, e)
        i = self._from_reach(s)
        return sorted(k for k in self._order[i:j] if self.ranges[k][1] > s)

    def any_overlapping(self, s: int, e: int) -> bool:
        """Is there a range with ``start < e`` and ``s < end``?"""
        j = bisect.bisect_left(self._starts, e)
        return j > 0 and self._reach[j - 1] > s

    def within(self, s: int, e: int) -> list[int]:
        """Indices (given order) of the ranges with ``s <= start`` and ``end <= e``."""
        i = bisect.bisect_left(self._starts, s)
        j = bisect.bisect_right(self._starts, e)
        return sorted(k for k in self._order[i:j] if self.ranges[k][1] <= e)

    def any_within(self, s: int, e: int) -> bool:
        """Is there a range with ``s <= start`` and ``end <= e``?"""
        ranges, order = self.ranges, self._order
        for i in range(bisect.bisect_left(self._starts, s), bisect.bisect_right(self._starts, e)):
            if ranges[order[i]][1] <= e:
                return True
        return False

    def any_holding(self, s: int, e: int) -> bool:
        """Is there a range with ``start <= s`` and ``e <= end``?"""
        j = bisect.bisect_right(self._starts, s)
        return j > 0 and self._reach[j - 1] >= e

    def any_holding_point(self, pos: int) -> bool:
        """Is there a range with ``start <= pos < end``?"""
        j = bisect.bisect_right(self._starts, pos)
        return j > 0 and self._reach[j - 1] > pos


# ---------------------------------------------------------------------------------------------
# Parse helpers for rules

_TRIM = set(" \t\n\r\u00a0,;:.—–-\ufeff")  # (a byte order mark glued to a first word too)
_QUOTE_CHARS = set("\"“”„«»‟")


def tidy(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim spaces and clause punctuation at both ends; drop a lone quote mark at either end."""
    while True:
        before = (s, e)
        while s < e and text[s] in _TRIM:
            s += 1
        while e > s and text[e - 1] in _TRIM:
            e -= 1
        inner = text[s:e]
        marks = sum(1 for c in inner if c in _QUOTE_CHARS)
        if marks % 2 == 1:
            if e > s and text[e - 1] in _QUOTE_CHARS:
                e -= 1
            elif text[s] in _QUOTE_CHARS:
                s += 1
        if (s, e) == before:
            return s, e


def token_chars(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range [start, end) -> tidied character range, or None if nothing is left."""
    if end <= start:
        return None
    span = doc[start:end]  # span.text, not doc.text: doc.text is rebuilt on every access
    text, base = span.text, span.start_char
    s, e = tidy(text, 0, len(text))
    return (base + s, base + e) if s < e and any(c.isalnum() for c in text[s:e]) else None


def count_words(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if t.is_alpha or t.like_num)


def child_of(tok: Token, *deps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def subtree_range(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def clause_minus(doc: Doc, clause: tuple[int, int], hole: tuple[int, int], min_words: int = 3):
    """The parts of a token range left when another range is cut out of it, as char ranges."""
    out = []
    for s, e in ((clause[0], hole[0]), (hole[1], clause[1])):
        if e > s and count_words(doc, s, e) >= min_words:
            c = token_chars(doc, s, e)
            if c:
                out.append(c)
    return out


def clause_verb(tok: Token) -> Token:
    """The verb of the clause a phrase hangs in (the root when there is none)."""
    clause = tok.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
        clause = clause.head
    return clause


def noun_start(noun: Token) -> int:
    """Where a noun phrase starts, without what follows the noun: "the old shipyard" of "the old
    shipyard, which ..."."""
    return min([c.left_edge.i for c in noun.lefts] + [noun.i])


def clause_around(tok: Token, phrase: tuple[int, int]) -> list[tuple[int, int]]:
    """The clause a source phrase ("in the latest poll", "in the mayor's view") stands in, without
    the phrase: only the piece that holds the clause's verb (not "ahead of the vote" after "leads in
    the polls")."""
    clause = clause_verb(tok)
    if clause.pos_ not in ("VERB", "AUX"):
        return []
    at = clause.idx
    return [c for c in clause_minus(tok.doc, subtree_range(clause), phrase) if c[0] <= at < c[1]]
