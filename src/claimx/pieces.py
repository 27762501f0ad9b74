"""Where to cut a long article into pieces that are parsed as Docs of their own.

`split_pieces(text, max_chars)` gives contiguous ``(start, end)`` ranges that cover the whole
text in order, each at most ``max_chars`` long. The runner parses each piece as a Doc, with the
whole article's header, and shifts the claims' offsets back by ``start``.

**The rule.** A cut is made at the end of a run of whitespace that ends in a space, a tab, a
no-break space or a line break (the next piece starts with its first word), and only where no
quotation is open: the quote marks of the whole text are paired exactly as the ``claimx_quotes``
component pairs them (`claimx.components.quotes.scan_quotes`: straight and curly marks, per
line), and a position is closed to cuts from a quotation's first opening mark to the end of its
closing mark, or to the end of its line when it is left open, or, when its paragraph ends inside
it and the next paragraph opens with a mark (a quotation running over several paragraphs), to the
end of that mark. So a line break is a cut point only if no
quotation is open there and the next paragraph does not continue one, and every quotation the
component finds in the whole text lies inside one piece, found the same way there.

Among the allowed cut points up to ``max_chars`` from the piece's start, the first kind that has
one in the second half of that window is taken, its last one: a paragraph break (a blank line),
a line break, a sentence end (``.``, ``!``, ``?`` or ``…``, closing marks after it, then a space),
any other whitespace. Failing that, the last allowed cut point in the window; failing that (a
quotation open over the whole window: one giant line of unpaired marks) the last whitespace;
failing that, a hard cut at ``max_chars``. Line breaks are ``\\n``, ``\\r\\n``, a lone ``\\r``,
U+2028, U+2029 and U+0085.

Linear in ``len(text)``: one pass to pair the marks, one over the whitespace runs, and a binary
search per piece. No model is loaded (the quote pairing reads the plain text).
"""
from __future__ import annotations

import bisect
import re

from claimx.header import LINE_BREAK_CHARS, count_line_breaks

# Chosen by measurement (benchmarks/long_texts.py, 1 MB texts cut into 10k..200k pieces): the
# cost per character is the same for every piece size from 10k to 100k (within the noise, about
# 0.7-0.9x that of a normal 4,800-character article), while the memory of parsing one piece grows
# with it (the model keeps about 16 KB a token while it runs: about +60 MiB at 20k, +150 MiB at 50k,
# +610 MiB at 200k). 20k, the size of the runner's batches (`claimx.pipeline.BATCH_CHARS`), keeps
# ``-j 2`` under 600 MiB in all for any article (benchmarks/speed.py) and leaves ordinary articles
# whole (one PolNeAR dev article of 294 is longer: 22k characters; the median is 4k); each cut
# costs the context of the paragraphs after it (who "he" is, the fullest form of a name).
DEFAULT_MAX_CHARS = 20_000

_SPACE = re.compile(r"\s+")
_SENTENCE_END = frozenset(".!?…")
_CLOSERS = frozenset("\"'”’»)]")
# what may end the whitespace before a cut: a mark after it reads the same way at a piece's start
# (the quotes component treats a space, a tab, a no-break space and a line start alike)
_SAFE_LAST = frozenset(" \t\u00a0") | LINE_BREAK_CHARS

PARAGRAPH, LINE, SENTENCE, SPACE = range(4)


def cut_points(text: str) -> tuple[list[list[int]], list[int]]:
    """(allowed cut positions by kind: paragraph, line, sentence, space; every whitespace cut
    position, allowed or not), each sorted. A cut position is where the next piece starts."""
    from claimx.components.quotes import scan_quotes

    zones = sorted(scan_quotes(text)[1])
    allowed: list[list[int]] = [[], [], [], []]
    every: list[int] = []
    z = 0  # zones[z] is the first that may hold the next position (zones sorted, positions rising)
    reach = -1  # the end of the zones passed so far: they may overlap
    n = len(text)
    for m in _SPACE.finditer(text):
        s, p = m.span()
        if p >= n or s == 0:
            continue
        every.append(p)
        while z < len(zones) and zones[z][0] < p:
            reach = max(reach, zones[z][1])
            z += 1
        if reach > p:
            continue  # inside a quotation
        if text[p - 1] not in _SAFE_LAST:
            continue  # "\u2003" before a mark reads otherwise than a line start does
        breaks = count_line_breaks(m.group())
        if breaks >= 2:
            kind = PARAGRAPH
        elif breaks == 1:
            kind = LINE
        else:
            k = s - 1
            while k > 0 and s - k <= 3 and text[k] in _CLOSERS:
                k -= 1
            kind = SENTENCE if text[k] in _SENTENCE_END else SPACE
        allowed[kind].append(p)
    return allowed, every


def _last_in(points: list[int], lo: int, hi: int) -> int | None:
    """The last of the sorted ``points`` in (lo, hi], or None."""
    i = bisect.bisect_right(points, hi) - 1
    return points[i] if i >= 0 and points[i] > lo else None


def split_pieces(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> list[tuple[int, int]]:
    """Contiguous ``(start, end)`` ranges covering ``text``, each at most ``max_chars`` long, cut
    at paragraph breaks, else line breaks, else sentence ends, else whitespace, never inside a
    quotation (the module docstring states the rule). A text of ``max_chars`` or less is one piece."""
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    n = len(text)
    if n <= max_chars:
        return [(0, n)]
    allowed, every = cut_points(text)
    pieces = []
    start = 0
    while n - start > max_chars:
        limit = start + max_chars
        half = start + max_chars // 2
        cut = next((c for kind in allowed for c in [_last_in(kind, half, limit)] if c is not None), None)
        if cut is None:
            cut = max((c for kind in allowed for c in [_last_in(kind, start, limit)] if c is not None), default=None)
        if cut is None:
            cut = _last_in(every, start, limit)  # a quotation open over the whole window
        if cut is None:
            cut = limit  # no whitespace at all
        pieces.append((start, cut))
        start = cut
    pieces.append((start, n))
    return pieces
