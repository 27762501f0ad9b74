"""Reading inputs (files, folders, stdin), and what an article's text says about itself.

- `iter_inputs` turns the paths a user gives into `Article`s (text exactly as decoded: offsets of
  every claim point into it) or `InputProblem`s (one line each, never an exception), in order.
- `parse_header` finds the title, outlet, author and publication date where the text states
  them, and the ranges of site chrome (menus, promos, captions printed twice, related headlines
  after the article's end) that must produce no claims. Nothing is guessed: a field the text does
  not state is None.

No spaCy here: the `claimx_article` component calls `parse_header` on `doc.text`.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional

from claimx import rules


@dataclass
class Article:
    id: str
    path: Optional[str]
    text: str
    encoding: Optional[str] = None


@dataclass
class InputProblem:
    path: str
    message: str


@dataclass
class Header:
    title: Optional[str] = None
    outlet: Optional[str] = None
    author: Optional[str] = None
    published: Optional[str] = None
    boilerplate: list[tuple[int, int]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"title": self.title, "outlet": self.outlet, "author": self.author,
                "published": self.published}


# ---------------------------------------------------------------------------------------------
# Reading inputs


def _decode(data: bytes, detect: bool) -> tuple[Optional[str], Optional[str], Optional[int]]:
    """(text, encoding-if-not-utf8, bad-offset). text None when it cannot be decoded."""
    try:
        return data.decode("utf-8"), None, None
    except UnicodeDecodeError as err:
        bad = err.start
    if b"\x00" in data[:4096] or not detect:
        return None, None, bad
    # Windows-1252 first: the usual legacy encoding of English-language news, which statistical
    # detection confuses with its neighbours on short texts ("café" read as cp775 "cafķ").
    try:
        text = data.decode("cp1252")
        if not any("\x80" <= c <= "\x9f" for c in text):
            return text, "cp1252", None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None, None, bad
    encoding = best.encoding
    try:
        return data.decode(encoding), encoding, None
    except (UnicodeDecodeError, LookupError):
        return None, None, bad


def _doc_id(path: Path, seen: dict[str, int]) -> str:
    """File name without extension; a second file with the same name gets `~2`, `~3`, ..."""
    base = path.stem if path.suffix else path.name
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}~{seen[base]}"


def _read_one(path: Path, shown: str, doc_id: str, detect: bool):
    from claimx.cli import messages as msg  # message texts live in one place

    try:
        data = path.read_bytes()
    except IsADirectoryError:
        return InputProblem(shown, msg.NOT_A_FILE.format(path=shown))
    except OSError as err:
        return InputProblem(shown, msg.UNREADABLE.format(path=shown, reason=err.strerror or err))
    return _article_from_bytes(data, shown, doc_id, detect)


def _article_from_bytes(data: bytes, shown: str, doc_id: str, detect: bool):
    from claimx.cli import messages as msg

    if not data.strip():
        return InputProblem(shown, msg.EMPTY_FILE.format(path=shown))
    text, encoding, bad = _decode(data, detect)
    if text is None:
        return InputProblem(shown, msg.NOT_UTF8.format(path=shown, offset=bad))
    if not text.strip():
        return InputProblem(shown, msg.EMPTY_FILE.format(path=shown))
    return Article(id=doc_id, path=shown if shown != "-" else None, text=text, encoding=encoding)


def iter_inputs(paths: Iterable[str], detect_encoding: bool = False, stdin=None) -> Iterator[Article | InputProblem]:
    """Articles from files, folders (every *.txt below, sorted) and "-" (standard input)."""
    from claimx.cli import messages as msg

    seen: dict[str, int] = {}
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            if isinstance(data, str):
                data = data.encode("utf-8")
            seen["stdin"] = seen.get("stdin", 0) + 1
            doc_id = "stdin" if seen["stdin"] == 1 else f"stdin~{seen['stdin']}"
            yield _article_from_bytes(data, "-", doc_id, detect_encoding)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted((p for p in path.rglob("*.txt") if p.is_file()), key=lambda p: p.as_posix())
            if not files:
                yield InputProblem(raw, msg.NO_TXT.format(path=raw))
            for f in files:
                yield _read_one(f, f.as_posix(), _doc_id(f, seen), detect_encoding)
        elif path.exists():
            yield _read_one(path, raw, _doc_id(path, seen), detect_encoding)
        else:
            yield InputProblem(raw, msg.NO_SUCH_PATH.format(path=raw))


# ---------------------------------------------------------------------------------------------
# Header metadata and boilerplate

_LINE = re.compile(r"[^\n]*")
_BYLINE = re.compile(r"^(?:By\s+)?((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)$")
_NAME_FOR_OUTLET = re.compile(r"^((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)\s+for\s+(\S.{1,60}?)\s*$")
_WORD = re.compile(r"\w+")
HEADER_LINES = 14  # header fields are looked for in the first lines only


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
    """(start, end, stripped line) for each non-empty line; offsets exclude surrounding spaces."""
    out = []
    for m in _LINE.finditer(text):
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
    # related headlines and comment widgets follow it.
    for i in range(HEADER_LINES // 2, len(lines)):
        low = lines[i][2].lower().rstrip(" :")
        if any(low == m or low.startswith(m + " ") or low.startswith(m + ":") for m in chrome["end"]) \
                or low.startswith("click the alert icon"):
            chrome_idx.update(range(i, len(lines)))
            break

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
