"""Bytes -> text: byte order marks, UTF-8, a few bad bytes replaced, legacy encodings, binary data.

    decode_bytes(data, where)  ->  Decoded(text, encoding, warnings) | Problem

The rules, in the order they are tried:

1. **A byte order mark** names the encoding: UTF-32 LE/BE (tried before UTF-16: the UTF-32-LE
   mark starts with the UTF-16-LE one), UTF-8, UTF-16 LE/BE. The mark is dropped: it is not text,
   and a U+FEFF left in front would end up in a title or a speaker's name. Bytes the named codec
   cannot read are replaced with U+FFFD and counted in a warning.
2. **Empty** (or only whitespace) -> Problem ``EMPTY_FILE``.
3. **UTF-16 without a mark**, as some Windows tools write it: every other byte NUL, always on the
   same side, and the text decodes cleanly -> read as ``utf-16-le``/``utf-16-be``, with a warning.
4. **Binary data** -> Problem ``BINARY_FILE``: a NUL byte in the first 8,000 bytes (git's test), or
   more than 5 % control bytes (other than tab, newline, carriage return, form feed, escape)
   in the first 64 KB. Tried before UTF-8 because a run of NULs or an all-ASCII binary is valid UTF-8.
5. **Strict UTF-8** -> the text, ``encoding`` None.
6. **An encoding the page declares** (``declared``, from an HTML ``<meta charset>``), when it is not
   UTF-8 and reads the bytes without an error.
7. **UTF-8 with a few bad bytes** (a file cut and pasted together, one byte flipped): when the
   data holds more valid multi-byte UTF-8 characters than invalid bytes, and the invalid bytes
   are at most 1 % of the data (or at most 8 in a short file), the bad bytes are replaced with
   U+FFFD and a warning counts them and names the first. A Windows-1252 or Latin-1 file has no
   valid multi-byte sequences ("café" is ``caf\\xe9``), so it never lands here.
8. **Detection**: Windows-1252 when it reads the bytes and gives Latin-script text (the usual
   legacy encoding of English-language news, which statistical detection confuses with its
   neighbours on short texts: "café" read as cp775 "cafķ"; Latin-1 text reads the same in it),
   else charset-normalizer's best guess (Cyrillic in Windows-1251, Greek, Shift-JIS), else
   Windows-1252 after all; a warning names it. Nothing fits -> Problem ``UNDECODABLE``.

The text is never normalised (``\\r``, ``\\r\\n``, U+2028 are kept as they are): every claim offset
points into it.
"""
from __future__ import annotations

import codecs
import threading
from dataclasses import dataclass, field
from typing import Optional

from claimx import errors
from claimx.inputs import Problem

# (mark, codec, the name recorded in Article.encoding; None for UTF-8). UTF-32 before UTF-16.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", None),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)
NUL_WINDOW = 8000            # a NUL byte this early means binary data (what git looks at)
CONTROL_WINDOW = 1 << 16     # the share of control bytes is measured on this many first bytes
CONTROL_SHARE = 0.05         # above it the data is binary
REPLACE_SHARE = 0.01         # at most this share of bad bytes is replaced in "mostly UTF-8" data
REPLACE_FLOOR = 8            # ... or at most this many, in a short file
DETECT_WINDOW = 1 << 18      # an encoding is detected on this many first bytes (and characters)
# Control bytes that text holds: tab, newline, vertical tab, form feed, carriage return, escape
# (ANSI colours in a pasted terminal log), and DOS's end-of-file mark (0x1a).
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b\x1a")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"
_UTF_NAMES = {"utf-8", "utf_8", "utf8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
              "utf-32", "utf-32-le", "utf-32-be"}


@dataclass
class Decoded:
    """Text as decoded, the codec used where it was not UTF-8, and one-line notes for the user."""

    text: str
    encoding: Optional[str] = None
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, where: str, *, declared: Optional[str] = None) -> Decoded | Problem:
    """``data`` as text, or a Problem naming ``where`` (see the module docstring for the rules).

    ``declared`` is an encoding the source names for itself (an HTML page's ``<meta charset>``);
    it is used only when the data is not UTF-8 and it reads the bytes without an error."""
    for bom, codec, name in BOMS:
        if data.startswith(bom):
            return _with_bom(data, len(bom), codec, name, where)
    if not data.strip():
        return Problem(where, errors.EMPTY_FILE.format(path=where))
    wide = _utf16_without_bom(data)
    if wide is not None:
        text, codec = wide
        return _checked(Decoded(text, codec, [errors.DECODED_AS.format(path=where, encoding=codec)]), where)
    if _is_binary(data):
        return Problem(where, errors.BINARY_FILE.format(path=where))
    try:
        return _checked(Decoded(data.decode("utf-8")), where)
    except UnicodeDecodeError as err:
        first_bad = err.start
    codec = _usable_declared(declared)
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            pass
        else:
            if not _has_c1(text):
                return _checked(Decoded(text, codec, [errors.DECODED_AS.format(path=where, encoding=codec)]), where)
    text, bad, first = _replace_counting(data, "utf-8")
    if _mostly_utf8(text, bad, len(data)):
        return _checked(Decoded(text, None, [errors.REPLACED_BYTES.format(path=where, count=bad, offset=first)]),
                        where)
    detected = detect_encoding(data)
    if detected is None:
        return Problem(where, errors.UNDECODABLE.format(path=where, offset=first_bad))
    text, codec = detected
    return _checked(Decoded(text, codec, [errors.DECODED_AS.format(path=where, encoding=codec)]), where)


def detect_encoding(data: bytes) -> Optional[tuple[str, str]]:
    """(text, codec) for data that is not UTF-8, or None when nothing fits.

    Windows-1252 first when it reads the bytes without C1 control characters and the text it
    gives is Latin script (at most a quarter of its letters outside ASCII: "café", "Müller");
    else charset-normalizer's best guess (Cyrillic or Greek in a Windows code page read as
    Windows-1252 would be all "Ïðåìüåð"); Windows-1252 after all when that finds nothing."""
    western = None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        if not _has_c1(text):
            western = text
            if _latin_script(text):
                return text, "cp1252"
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency of claimx
        from_bytes = None
    best = from_bytes(data[:DETECT_WINDOW]).best() if from_bytes is not None else None
    if best is not None:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return (western, "cp1252") if western is not None else None


def _latin_script(text: str) -> bool:
    ascii_letters = other_letters = 0
    for c in text[:DETECT_WINDOW]:
        if c.isascii():
            ascii_letters += c.isalpha()
        elif c.isalpha():
            other_letters += 1
    return other_letters * 3 <= ascii_letters


def _with_bom(data: bytes, skip: int, codec: str, name: Optional[str], where: str) -> Decoded | Problem:
    body = data[skip:]
    try:
        text = body.decode(codec)
        warnings: list[str] = []
    except UnicodeDecodeError:
        # The mark says what the file is: a few bytes it cannot read (a UTF-16 file cut at an
        # odd byte, a lone surrogate) cost those bytes, not the file.
        text, bad, first = _replace_counting(body, codec)
        if codec == "utf-8":
            warnings = [errors.REPLACED_BYTES.format(path=where, count=bad, offset=first + skip)]
        else:
            warnings = [errors.REPLACED_IN_CODEC.format(path=where, count=bad, encoding=codec,
                                                         offset=first + skip)]
    return _checked(Decoded(text, name, warnings), where)


def _checked(decoded: Decoded, where: str) -> Decoded | Problem:
    """An empty or whitespace-only text is a Problem."""
    if not decoded.text.strip():
        return Problem(where, errors.EMPTY_FILE.format(path=where))
    return decoded


def _replace_counting(data: bytes, codec: str) -> tuple[str, int, int]:
    """``data`` decoded with U+FFFD for what ``codec`` cannot read: (text, bad bytes, first bad offset)."""
    _tally.bad, _tally.first = 0, -1
    text = data.decode(codec, errors=_COUNT_AND_REPLACE)
    return text, _tally.bad, max(_tally.first, 0)


class _Tally(threading.local):
    bad = 0
    first = -1


_tally = _Tally()
_COUNT_AND_REPLACE = "claimx.decode.count"


def _count_and_replace(err: UnicodeDecodeError):
    if _tally.first < 0:
        _tally.first = err.start
    _tally.bad += err.end - err.start
    return "\ufffd", err.end


codecs.register_error(_COUNT_AND_REPLACE, _count_and_replace)


def _mostly_utf8(text: str, bad: int, size: int) -> bool:
    """Few bad bytes in what is otherwise UTF-8: more valid multi-byte characters than bad bytes,
    and the bad bytes at most 1 % of the data (or at most 8)."""
    if bad > max(REPLACE_FLOOR, size * REPLACE_SHARE):
        return False
    multibyte = sum(1 for c in text if c > "\x7f") - text.count("\ufffd")
    return multibyte > bad


def _is_binary(data: bytes) -> bool:
    if b"\x00" in data[:NUL_WINDOW]:
        return True
    sample = data[:CONTROL_WINDOW]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > CONTROL_SHARE * len(sample)


def _utf16_without_bom(data: bytes) -> Optional[tuple[str, str]]:
    """(text, codec) for UTF-16 written without a mark: text in Latin script has a NUL as the high
    byte of nearly every character, always on the same side (odd offsets for little-endian)."""
    n = len(data)
    if n < 4 or n % 2 or b"\x00" not in data[:NUL_WINDOW]:
        return None
    sample = data[:CONTROL_WINDOW]
    half = len(sample) // 2
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    if odd_nuls >= 0.9 * half and even_nuls == 0:
        codec = "utf-16-le"
    elif even_nuls >= 0.9 * half and odd_nuls == 0:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if any(c < " " and c not in "\t\n\x0b\x0c\r\x1b\x1a" for c in text[:CONTROL_WINDOW]):
        return None
    return text, codec


def _usable_declared(declared: Optional[str]) -> Optional[str]:
    """A declared encoding to try after UTF-8 failed: a known Python codec that is not a UTF
    (a page that says UTF-8 and is not gets the rules below). As browsers do, ASCII and Latin-1
    declarations mean Windows-1252."""
    if not declared:
        return None
    try:
        name = codecs.lookup(declared.strip()).name
    except LookupError:
        return None
    if name in _UTF_NAMES or name.startswith(("utf", "utf_")):
        return None
    if name in ("ascii", "latin-1", "iso8859-1"):
        return "cp1252"
    return name


def _has_c1(text: str) -> bool:
    return any("\x80" <= c <= "\x9f" for c in text)
