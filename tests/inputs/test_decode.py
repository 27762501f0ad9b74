"""Bytes -> text (claimx.inputs.decode): BOMs, UTF-8, a few bad bytes, legacy encodings, binary data."""
from __future__ import annotations

import codecs
import random

import pytest

from claimx import errors
from claimx.inputs import Problem
from claimx.inputs.decode import Decoded, decode_bytes

NEWS = "Zürich’s mayor said the café “will reopen” on Monday, officials confirmed.\n"
LONG_UTF8 = NEWS * 6  # enough multi-byte characters for a few bad bytes to be "a few"


def _with_bad_bytes(text: str, *bad: tuple[int, bytes]) -> bytes:
    """UTF-8 of ``text`` with bytes inserted at these ASCII character positions."""
    data = text.encode("utf-8")
    for where, byte in sorted(bad, reverse=True):
        pos = len(text[:where].encode("utf-8"))
        assert text[where - 1].isascii() and text[where].isascii()
        data = data[:pos] + byte + data[pos:]
    return data


@pytest.mark.parametrize("data, text, encoding, detected", [
    pytest.param("Plain ASCII news.\n".encode(), "Plain ASCII news.\n", None, False, id="ascii"),
    pytest.param(NEWS.encode("utf-8"), NEWS, None, False, id="utf-8"),
    pytest.param(codecs.BOM_UTF8 + NEWS.encode("utf-8"), NEWS, None, False, id="utf-8-bom"),
    pytest.param(codecs.BOM_UTF16_LE + NEWS.encode("utf-16-le"), NEWS, "utf-16-le", False, id="utf-16-le-bom"),
    pytest.param(codecs.BOM_UTF16_BE + NEWS.encode("utf-16-be"), NEWS, "utf-16-be", False, id="utf-16-be-bom"),
    pytest.param(codecs.BOM_UTF32_LE + NEWS.encode("utf-32-le"), NEWS, "utf-32-le", False, id="utf-32-le-bom"),
    pytest.param(codecs.BOM_UTF32_BE + NEWS.encode("utf-32-be"), NEWS, "utf-32-be", False, id="utf-32-be-bom"),
    pytest.param("Le café est fermé.".encode("utf-16"), "Le café est fermé.", "utf-16-le", False,
                 id="python-utf-16"),
    pytest.param(b"The caf\xe9 said \x93we will reopen\x94.\n", "The café said “we will reopen”.\n", "cp1252",
                 True, id="cp1252-curly-quotes"),
    pytest.param("Señor Núñez said the façade is über-fragile.".encode("latin-1"),
                 "Señor Núñez said the façade is über-fragile.", "cp1252", True, id="latin-1"),
    pytest.param("Hi there, the mayor said.".encode("utf-16-le"), "Hi there, the mayor said.", "utf-16-le",
                 True, id="utf-16-le-no-bom"),
    pytest.param("Hi there, the mayor said.".encode("utf-16-be"), "Hi there, the mayor said.", "utf-16-be",
                 True, id="utf-16-be-no-bom"),
])
def test_decodes(data, text, encoding, detected):
    got = decode_bytes(data, "a.txt")
    assert isinstance(got, Decoded), got
    assert got.text == text
    assert got.encoding == encoding
    assert "\ufeff" not in got.text  # the BOM is not text: it must not reach titles or speakers
    assert got.warnings == ([errors.DECODED_AS.format(path="a.txt", encoding=encoding)] if detected else [])


@pytest.mark.parametrize("text", [
    "Title\r\n\r\nLine one.\r\nLine two.\r\n",      # CRLF
    "Title\r\rLine one.\rLine two.\r",              # old Mac: CR only
    "Title\n\rMixed\r\nline\u2028ends\x85here\n",   # mixed, and Unicode line separators
    "\tIndented\f and a form feed\n",
])
@pytest.mark.parametrize("codec, bom", [("utf-8", b""), ("utf-8", codecs.BOM_UTF8),
                                        ("utf-16-le", codecs.BOM_UTF16_LE)])
def test_line_endings_kept_exactly(text, codec, bom):
    got = decode_bytes(bom + text.encode(codec), "a.txt")
    assert isinstance(got, Decoded)
    assert got.text == text


def test_cp1252_line_endings_kept():
    got = decode_bytes(b"Caf\xe9\r\nSaid \x93yes\x94\r", "a.txt")
    assert got.text == "Café\r\nSaid “yes”\r"


def test_a_few_bad_bytes_are_replaced_and_counted():
    data = _with_bad_bytes(LONG_UTF8, (10, b"\xff"), (200, b"\xfe"))
    got = decode_bytes(data, "a.txt")
    assert isinstance(got, Decoded)
    assert got.encoding is None
    assert got.text.count("\ufffd") == 2
    assert got.text.replace("\ufffd", "") == LONG_UTF8
    first = len(LONG_UTF8[:10].encode("utf-8"))
    assert got.warnings == [errors.REPLACED_BYTES.format(path="a.txt", count=2, offset=first)]


def test_bad_bytes_after_a_utf8_bom_are_replaced():
    data = codecs.BOM_UTF8 + b"Short text \xff here."
    got = decode_bytes(data, "a.txt")
    assert got.text == "Short text \ufffd here."
    assert got.warnings == [errors.REPLACED_BYTES.format(path="a.txt", count=1, offset=14)]


def test_utf16_cut_at_an_odd_byte_keeps_the_text():
    data = codecs.BOM_UTF16_LE + "The mayor said yes.".encode("utf-16-le") + b"T"
    got = decode_bytes(data, "a.txt")
    assert got.text == "The mayor said yes.\ufffd"
    assert got.encoding == "utf-16-le"
    assert got.warnings == [errors.REPLACED_IN_CODEC.format(path="a.txt", count=1, encoding="utf-16-le",
                                                            offset=len(data) - 1)]


@pytest.mark.parametrize("data", [
    pytest.param(b"The caf\xe9 said \x93no\x94 to the \x96 plan; na\xefve r\xe9sum\xe9.", id="cp1252-short"),
    pytest.param(("Der Bürgermeister sagte, die Brücke über den Fluß sei für Autos gesperrt. " * 20)
                 .encode("cp1252"), id="cp1252-long"),
])
def test_legacy_files_are_not_taken_for_utf8_with_bad_bytes(data):
    """A CP1252/Latin-1 file has no valid multi-byte sequence: detected, never replaced."""
    got = decode_bytes(data, "a.txt")
    assert isinstance(got, Decoded)
    assert got.encoding == "cp1252"
    assert "\ufffd" not in got.text
    assert got.text == data.decode("cp1252")


def test_many_bad_bytes_in_utf8_are_not_replaced():
    """Past 1 % of the data the file is not "mostly UTF-8": it is detected as a whole."""
    data = "Zürich café ".encode("utf-8") + b"\xe9\xe8\xe0 " * 40
    got = decode_bytes(data, "a.txt")
    assert isinstance(got, Decoded)
    assert got.encoding is not None
    assert "\ufffd" not in got.text


def test_other_legacy_encodings_are_detected():
    text = ("Премьер-министр заявил, что новый закон вступит в силу в понедельник. "
            "По его словам, правительство рассчитывает на поддержку парламента. ") * 3
    data = text.encode("cp1251")
    got = decode_bytes(data, "a.txt")
    assert isinstance(got, Decoded)
    assert got.encoding not in (None, "cp1252")
    assert got.text == text
    assert got.warnings == [errors.DECODED_AS.format(path="a.txt", encoding=got.encoding)]


@pytest.mark.parametrize("data", [
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00",
                 id="png-header"),
    pytest.param(random.Random(7).randbytes(4096), id="random-bytes"),
    pytest.param(b"\x00" * 64, id="nuls-only (valid UTF-8 all the same)"),
    pytest.param(b"text\x00with a nul in it and more words after it", id="one-nul"),
    pytest.param(bytes(b % 128 or 1 for b in random.Random(8).randbytes(4096)), id="ascii-noise-controls"),
])
def test_binary_data_is_a_problem(data):
    got = decode_bytes(data, "img.txt")
    assert got == Problem("img.txt", errors.BINARY_FILE.format(path="img.txt"))


@pytest.mark.parametrize("data", [
    b"", b"   ", b" \n\r\n\t ", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n\n",
    codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), codecs.BOM_UTF32_BE,
])
def test_empty_or_whitespace_is_a_problem(data):
    assert decode_bytes(data, "e.txt") == Problem("e.txt", errors.EMPTY_FILE.format(path="e.txt"))


def test_declared_encoding_is_used_when_the_bytes_are_not_utf8():
    data = "Премьер-министр заявил: да.".encode("koi8-r")
    got = decode_bytes(data, "p.html", declared="KOI8-R")
    assert got.text == "Премьер-министр заявил: да."
    assert got.encoding == "koi8-r"


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1252", "latin1", "us-ascii"])
def test_declared_latin1_means_cp1252(declared):
    got = decode_bytes(b"He said \x93yes\x94 to the caf\xe9.", "p.html", declared=declared)
    assert got.text == "He said “yes” to the café."
    assert got.encoding == "cp1252"


@pytest.mark.parametrize("declared", ["utf-8", "no-such-codec", None])
def test_declared_encoding_that_does_not_help_is_ignored(declared):
    """A page that says UTF-8 and is CP1252 (a common misconfiguration) is detected."""
    got = decode_bytes(b"He said \x93yes\x94 to the caf\xe9.", "p.html", declared=declared)
    assert got.encoding == "cp1252"
    assert got.text == "He said “yes” to the café."


def test_declared_encoding_never_overrides_valid_utf8():
    got = decode_bytes(NEWS.encode("utf-8"), "p.html", declared="iso-8859-1")
    assert got.text == NEWS and got.encoding is None


def test_offsets_into_decoded_text_are_stable():
    """What a claim offset points at is what the decoder returned: no normalisation."""
    text = "\ufeffTitle\r\n“Yes,” she said.\r\n"
    got = decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8"), "a.txt")
    assert got.text == text  # a U+FEFF after the BOM (a zero-width no-break space) is text, kept
