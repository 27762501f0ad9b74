"""Look-ups every stage may use, built once per document so that no stage rescans it.

- `SentenceIndex` / `sentences(doc)` / `sent_of(token)`: the sentence of a token in constant
  time. spaCy's ``Token.sent`` walks from the token to both ends of its sentence on every call,
  which costs a whole sentence per cue in a long one; while a component runs inside
  ``with sentences(doc):``, `sent_of` answers from an index of the sentence starts instead, and
  gives the same span ``Token.sent`` gives.
- `Ranges`: character (or token) ranges sorted once, for "which ranges overlap / lie inside /
  hold this one" in logarithmic time plus the answers (a claim against the site chrome, a frame's
  content against the quotations, a sentence against the figures).
"""
from __future__ import annotations

import bisect
from contextlib import contextmanager
from typing import Iterator, Optional, Sequence

from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span, Token


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

    def holding_point(self, pos: int) -> list[int]:
        """Indices (given order) of the ranges with ``start <= pos < end``."""
        j = bisect.bisect_right(self._starts, pos)
        i = self._from_reach(pos)
        return sorted(k for k in self._order[i:j] if self.ranges[k][1] > pos)

    def any_holding_point(self, pos: int) -> bool:
        """Is there a range with ``start <= pos < end``?"""
        j = bisect.bisect_right(self._starts, pos)
        return j > 0 and self._reach[j - 1] > pos
