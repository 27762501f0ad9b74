"""What an article's own text says about itself: title, outlet, author, publication date, and the
ranges of site chrome (menus, promos, captions printed twice, related headlines after the
article's end) that must produce no claims.

The article ends at an end marker ("Related stories", "Click the alert icon to follow topics"):
what follows is chrome, up to the end of the text, or, in a long text (more than ``TAIL_CHARS``
after the marker: a file of articles one after the other), up to the next article's first
paragraph of prose.

`parse_header(text)` reads the text as it is: lines end at ``\\n``, ``\\r\\n``, a lone ``\\r``,
U+2028, U+2029 or U+0085, and every offset is into the text unchanged (it is never normalised).
A byte order mark (U+FEFF) opening the text is never part of a title, an outlet or an author
(one inside the text, a zero-width no-break space, is left as the page has it). Nothing is
guessed: a field the text does not state is None.

No spaCy here: the ``claimx_article`` component calls `parse_header` on ``doc.text``, and the
runner calls it once on the whole text of an article it cuts into pieces.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from claimx import rules

# A line break as written: "\r\n" is one break, "\r" alone (old Mac files) another.
LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x85]")
LINE_BREAK_CHARS = frozenset("\n\r\u2028\u2029\x85")
BOM = "\ufeff"

_LINE = re.compile(r"[^\n\r\u2028\u2029\x85]*")
_BYLINE = re.compile(r"^(?:By\s+)?((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)$")
_NAME_FOR_OUTLET = re.compile(r"^((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)\s+for\s+(\S.{1,60}?)\s*$")
_WORD = re.compile(r"\w+")
HEADER_LINES = 14  # header fields are looked for in the first lines only
TAIL_CHARS = 5_000  # past an end marker, more text than this is more than a page's related links
FIELDS = ("title", "outlet", "author", "published", "url")


def has_line_break(text: str) -> bool:
    """Does ``text`` (a token's text, a gap between two offsets) hold a line break?"""
    return any(c in LINE_BREAK_CHARS for c in text)


def count_line_breaks(text: str) -> int:
    """Line breaks in ``text``, "\\r\\n" counted once."""
    return sum(1 for _ in LINE_BREAK.finditer(text))


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, breaks excluded, empty lines included: what ``text.split("\\n")``
    gives for a text with "\\n" breaks, for any line ending."""
    out, pos = [], 0
    for m in LINE_BREAK.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


@dataclass
class Header:
    title: Optional[str] = None
    outlet: Optional[str] = None
    author: Optional[str] = None
    published: Optional[str] = None
    boilerplate: list[tuple[int, int]] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The ``doc._.article`` fields; the text never states a ``url``."""
        return {"title": self.title, "outlet": self.outlet, "author": self.author,
                "published": self.published, "url": None}


@lru_cache(maxsize=1)
def _chrome():
    data = rules.load("chrome.json")
    return {
        "menu": {x.lower() for x in data["menu_lines"]},
        "promo": tuple(x.lower() for x in data["promo_prefixes"]),
        "caption": tuple(x.lower() for x in data["caption_suffixes"]),
        "inline": tuple(data["inline_promos"]),
        "end": tuple(x.lower() for x in data["end_markers"]),
    }


@lru_cache(maxsize=1)
def outlet_names() -> tuple[str, ...]:
    """Known outlet names, longest first (so "Anadolu Agency" wins over "Anadolu")."""
    return tuple(sorted(rules.load("outlets.json")["outlets"], key=len, reverse=True))


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stripped line) for each non-empty line; offsets exclude surrounding spaces
    and a byte order mark that opens the text."""
    out = []
    for m in _LINE.finditer(text, 1 if text.startswith(BOM) else 0):
        raw = m.group()
        if not raw.strip():
            continue
        lead = len(raw) - len(raw.lstrip())
        s, e = m.start() + lead, m.start() + len(raw.rstrip())
        out.append((s, e, text[s:e]))
    return out


def _norm(line: str) -> str:
    return " ".join(_WORD.findall(line.lower()))


def _is_menu(line: str, chrome) -> bool:
    low = line.lower().strip(" :|•·-")
    if low in chrome["menu"]:
        return True
    # "Send in e-mailSend in e-mail": a menu label printed twice without a space
    half = len(low) // 2
    return len(low) % 2 == 0 and low[:half] == low[half:] and low[:half].strip() in chrome["menu"]


def _is_foreign_script(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 3:
        return False
    latin = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return latin / len(letters) < 0.5


def _outlet_at_start(line: str) -> Optional[str]:
    for name in outlet_names():
        if line == name or (line.startswith(name + " ") and len(line.split()) <= 6):
            return name
    return None


def _is_prose(line: str) -> bool:
    """A paragraph of an article: long, ending like a sentence (not a related headline)."""
    return len(line.split()) >= 25 and line.rstrip().endswith((".", "!", "?", '"', "”", "’"))


def _looks_like_title(line: str) -> bool:
    """A headline: a short line that does not end like a sentence (a question may)."""
    n = len(line.split())
    return 3 <= n <= 30 and not line.rstrip().endswith((".", '."', ".”", ":", ";", ","))


def parse_header(text: str) -> Header:
    """Title, outlet, author and publication date as the text states them; chrome ranges."""
    from claimx.datetimes import parse_published

    chrome = _chrome()
    lines = _lines(text)
    header = Header()
    chrome_idx: set[int] = set()
    title_checked = False

    # Lines repeated in the article (image captions printed twice, bylines): one copy is a
    # prefix of the other, e.g. "... May 15, 2021." and "... May 15, 2021.Credit: Reuters".
    norms = [_norm(l[2]) for l in lines]
    repeated: set[int] = set()
    for i in range(len(lines)):
        for j in range(i + 1, min(len(lines), i + 6)):
            a, b = norms[i], norms[j]
            if a and b and (a == b or (len(a) > 20 and (b.startswith(a) or a.startswith(b)))):
                repeated.update((i, j))

    for i, (s, e, line) in enumerate(lines):
        low = line.lower()
        if _is_menu(line, chrome) or low.startswith(chrome["promo"]) or low.endswith(chrome["caption"]) \
                or "credit:" in low or _is_foreign_script(line):
            chrome_idx.add(i)
            continue
        if i < HEADER_LINES:
            published = parse_published(line)
            if published:
                if header.published is None:
                    header.published = published
                chrome_idx.add(i)
                continue
            outlet = _outlet_at_start(line)
            if outlet and len(line.split()) <= 6:
                header.outlet = header.outlet or outlet
                chrome_idx.add(i)
                continue
            m = _BYLINE.match(line)
            if m and (i in repeated or line.startswith("By ")) and header.title is not None:
                header.author = header.author or m.group(1)
                chrome_idx.add(i)
                continue
        if i in repeated and len(line.split()) <= 40:
            chrome_idx.add(i)
            continue
        if not title_checked:
            # the headline is the first line of the article that is not chrome, or there is none
            title_checked = True
            if i + 1 < len(lines) and _looks_like_title(line):
                header.title = line

    # The article ends at an end marker ("Click the alert icon to follow topics:", "Search Trends");
    # related headlines and comment widgets follow it. In a long text (a file of articles one after
    # the other) the next article's prose ends that chrome, and its own end marker starts more.
    i = HEADER_LINES // 2
    while i < len(lines):
        low = lines[i][2].lower().rstrip(" :")
        if any(low == m or low.startswith(m + " ") or low.startswith(m + ":") for m in chrome["end"]) \
                or low.startswith("click the alert icon"):
            end = len(lines)
            if len(text) - lines[i][0] > TAIL_CHARS:
                end = next((j for j in range(i + 1, len(lines)) if _is_prose(lines[j][2])), len(lines))
            chrome_idx.update(range(i, end))
            i = end
        i += 1

    # "Rohan Mehta for TROIB News" closing the article: author and outlet.
    if lines:
        last = len(lines) - 1
        while last in chrome_idx and last > 0:
            last -= 1
        m = _NAME_FOR_OUTLET.match(lines[last][2])
        if m and len(lines[last][2].split()) <= 9:
            header.author = header.author or m.group(1)
            header.outlet = header.outlet or m.group(2)
            chrome_idx.add(last)

    ranges = [(lines[i][0], lines[i][1]) for i in sorted(chrome_idx)]
    for s, e, line in lines:
        for promo in chrome["inline"]:
            k = line.find(promo)
            if k > 0:
                ranges.append((s + k, e))
    header.boilerplate = sorted(ranges)
    return header
