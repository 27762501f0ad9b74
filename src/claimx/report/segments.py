"""A text cut at every highlight's edges, as the nested nodes the page builds its elements from.

A highlight (`Mark`) covers ``text[start:end]``: a claim's content, its speaker mention, its cue,
a figure. Highlights nest — a figure inside its claim, a claim inside another ("MENA reported
that **the delegation will discuss ...**"), the speaker of one claim inside another's content —
and may even overlap partly, but elements must nest. `nest` cuts the text at every edge and
orders the highlights covering each piece outermost first (earlier start, then later end, then
`ROLES` order: a claim holds a figure with the same edges); a highlight that overlaps another
partly is closed and opened again, so it becomes several elements carrying the same mark.

Two highlights with the same edges and role are one mark for several claims ("he said", the
speaker and cue of two claims). Offsets are Python's (code points) and all cutting happens here:
the page never slices a text (JavaScript counts UTF-16 units), it puts the pieces in elements::

    Node = str | [mark index, *children]        nest("a big dog", [Mark(2, 5, "figure", ...)])
                                                 -> ["a ", [0, "big"], " dog"]
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence, Union

ROLES = ("claim", "figure", "speaker", "cue")
_RANK = {role: i for i, role in enumerate(ROLES)}

Node = Union[str, list]


@dataclass
class Mark:
    """One highlight: ``text[start:end]``, its role, the CSS classes it is drawn with and the
    claims (indices) it belongs to."""

    start: int
    end: int
    role: str
    cls: str
    claims: list[int] = field(default_factory=list)


def nest(text: str, marks: Sequence[Mark]) -> tuple[list[Node], list[Mark]]:
    """(nodes, the marks the nodes refer to by index). Marks outside the text or empty are left
    out (the caller checks that each mark's text is the text at its offsets)."""
    merged: dict[tuple[int, int, str], Mark] = {}
    for m in marks:
        if not (0 <= m.start < m.end <= len(text)):
            continue
        key = (m.start, m.end, m.role)
        if key in merged:
            merged[key].claims.extend(c for c in m.claims if c not in merged[key].claims)
        else:
            merged[key] = Mark(m.start, m.end, m.role, m.cls, list(m.claims))
    table = sorted(merged.values(), key=lambda m: (m.start, -m.end, _RANK.get(m.role, len(ROLES))))
    edges = sorted({0, len(text), *(m.start for m in table), *(m.end for m in table)})
    root: list[Node] = []
    stack: list[tuple[int, list]] = []      # the open elements: (mark index, its node)
    active: list[int] = []
    nxt = 0
    for left, right in zip(edges, edges[1:]):
        active = [i for i in active if table[i].end > left]
        while nxt < len(table) and table[nxt].start <= left:
            active.append(nxt)
            nxt += 1
        chain = sorted(active)
        keep = 0
        while keep < len(stack) and keep < len(chain) and stack[keep][0] == chain[keep]:
            keep += 1
        del stack[keep:]
        for index in chain[keep:]:
            node: list = [index]
            (stack[-1][1] if stack else root).append(node)
            stack.append((index, node))
        _append(stack[-1][1] if stack else root, text[left:right])
    return root, table


def _append(children: list, piece: str) -> None:
    if children and isinstance(children[-1], str):
        children[-1] += piece
    else:
        children.append(piece)


def flatten(nodes: Sequence[Node]) -> str:
    """The text the nodes hold (their pieces in order): the text given to `nest`."""
    out: list[str] = []

    def walk(items: Sequence[Node]) -> None:
        for item in items:
            if isinstance(item, str):
                out.append(item)
            else:
                walk(item[1:])

    walk(nodes)
    return "".join(out)
