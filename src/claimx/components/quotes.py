"""``claimx_quotes``: pair quote marks into quoted passages.

Sets ``doc.spans["claimx_quotes"]``: one span per quoted passage, covering the words between the
marks (label ``QUOTE``, or ``QUOTE_OPEN`` for a passage whose closing mark is missing).

Rules, for messy scraped text:
- curly marks have a direction; a straight mark opens after a space or line start and closes
  before a space, punctuation or line end ("He said "no" twice" pairs correctly);
- marks never pair across a line break (``\\n``, ``\\r\\n``, a lone ``\\r``, ...), except the
  newspaper convention for a quotation running over several paragraphs: the paragraph ends
  inside the quote and the next one opens with a mark;
- an unpaired mark is skipped, never raised: it costs that candidate, not the document; an open
  mark left open at the end of its line still yields the rest of the line when that is a real
  passage (four words or more), since a missing closing mark is a common scraping error.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimx import rules
from claimx.extensions import QUOTES_KEY, register_extensions
from claimx.header import line_spans

register_extensions()

_OPEN_CONTEXT = set(" \t\u00a0([{—–-/:;,") | {""}
_CLOSE_CONTEXT = set(" \t\u00a0)]}.,;:!?—–-/…") | {""}
_WORDS = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _marks():
    data = rules.load("quote_marks.json")
    alternatives = sorted(data["open"] + data["close"] + data["ambiguous"], key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(m) for m in alternatives))
    return pattern, set(data["open"]), set(data["close"])


def scan_quotes(text: str, min_open_words: int = 4) -> tuple[list[tuple[int, int, bool]], list[tuple[int, int]]]:
    """Pair the quote marks of ``text``: (passages, open ranges).

    ``passages``: (start, end, closed) of each quoted passage, untrimmed, as `find_quotes` takes
    them. ``open ranges``: (start, end) of every stretch where a quotation is open, from its first
    opening mark to the end of its closing mark (or to the end of its line, or, for a quotation
    that runs on into the next paragraph, to the end of the mark that opens that paragraph).
    `claimx.pieces` never cuts inside one. Lines end at any line break (``claimx.header``).
    """
    pattern, opens, closes = _marks()
    lines = line_spans(text)

    # which lines open with a quote mark (for the run-on paragraph convention)
    def opens_line(k: int) -> int | None:
        """The end of the opening mark of the next non-empty line from ``k``, if it opens with one."""
        while k < len(lines):
            s, e = lines[k]
            body = text[s:e].lstrip()
            if body:
                m = pattern.match(body)
                return s + (e - s - len(body)) + m.end() if m and m.group() not in closes else None
            k += 1
        return None

    out: list[tuple[int, int, bool]] = []
    zones: list[tuple[int, int]] = []
    for k, (ls, le) in enumerate(lines):
        open_at = None
        zone_start = None
        for m in pattern.finditer(text, ls, le):
            mark, s, e = m.group(), m.start(), m.end()
            before = text[s - 1] if s > ls else ""
            after = text[e] if e < le else ""
            if mark in opens:
                # a curly mark typed the wrong way round: "“Apparently not,“ he said"
                wrong_way = open_at is not None and before not in _OPEN_CONTEXT and after in _CLOSE_CONTEXT
                direction = "close" if wrong_way else "open"
            elif mark in closes:
                wrong_way = open_at is None and before in _OPEN_CONTEXT and after not in _CLOSE_CONTEXT
                direction = "open" if wrong_way else "close"
            else:
                can_open = before in _OPEN_CONTEXT or before in opens or before in closes
                can_close = after in _CLOSE_CONTEXT or after in closes or after in opens
                if can_open and not can_close:
                    direction = "open"
                elif can_close and not can_open:
                    direction = "close"
                elif can_open and can_close:
                    direction = "open" if open_at is None else "close"
                else:  # a mark glued between two words: only closes an open quote
                    direction = "close" if open_at is not None else None
            if direction == "open":
                open_at = e  # a second opening mark restarts: the first one was stray
                if zone_start is None:
                    zone_start = s
            elif direction == "close" and open_at is not None:
                if s > open_at:
                    out.append((open_at, s, True))
                zones.append((zone_start, e))
                open_at = zone_start = None
        if open_at is not None:
            runs_on = opens_line(k + 1) if open_at < le else None
            if open_at < le and (runs_on is not None or len(_WORDS.findall(text, open_at, le)) >= min_open_words):
                out.append((open_at, le, runs_on is not None))
            zones.append((zone_start, runs_on if runs_on is not None else le))
    return out, zones


def find_quotes(text: str, min_open_words: int = 4) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each quoted passage: offsets of the words between the marks."""
    trimmed = []
    for s, e, closed in scan_quotes(text, min_open_words)[0]:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e and _WORDS.search(text, s, e):
            trimmed.append((s, e, closed))
    return trimmed


class QuotesComponent:
    def __init__(self, nlp: Language, name: str, min_open_words: int = 4):
        self.name = name
        self.min_open_words = min_open_words

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for s, e, closed in find_quotes(doc.text, self.min_open_words):
            span = doc.char_span(s, e, label="QUOTE" if closed else "QUOTE_OPEN", alignment_mode="contract")
            if span is None or len(span) == 0:
                span = doc.char_span(s, e, label="QUOTE" if closed else "QUOTE_OPEN", alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
        doc.spans[QUOTES_KEY] = spans
        return doc


@Language.factory("claimx_quotes", default_config={"min_open_words": 4})
def make_quotes(nlp: Language, name: str, min_open_words: int) -> QuotesComponent:
    return QuotesComponent(nlp, name, min_open_words)


def quote_spans(doc: Doc) -> list[Span]:
    return list(doc.spans[QUOTES_KEY]) if QUOTES_KEY in doc.spans else []
