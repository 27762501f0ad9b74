"""Plain-text articles (claimx.inputs.textfile): real files in tmp_path, gzip, standard input's bytes."""
from __future__ import annotations

import codecs
import gzip
import os
import sys
from pathlib import Path

import pytest

from claimx import errors
from claimx.inputs import Article, Meta, Problem, ReadOptions, iter_inputs
from claimx.inputs.textfile import article_from_bytes, read_text_file

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
SEED = SEEDS[0].read_text(encoding="utf-8")
STORY = "Ferry talks resume\r\n\r\n“We are close,” said union leader Ana Ruiz.\r\nThe café stays shut.\r\n"


@pytest.mark.parametrize("name, data, text, encoding, warned", [
    ("seed.txt", SEED.encode("utf-8"), SEED, None, False),
    ("bom.txt", codecs.BOM_UTF8 + STORY.encode("utf-8"), STORY, None, False),
    ("wide.txt", codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), STORY, "utf-16-le", False),
    ("old.txt", STORY.encode("cp1252"), STORY, "cp1252", True),
    ("seed.txt.gz", gzip.compress(SEED.encode("utf-8")), SEED, None, False),
    ("old.txt.gz", gzip.compress(STORY.encode("cp1252")), STORY, "cp1252", True),
    ("no-suffix", gzip.compress(STORY.encode("utf-8")), STORY, None, False),  # gzip by its magic bytes
])
def test_reads_text_files(tmp_path, name, data, text, encoding, warned):
    path = tmp_path / name
    path.write_bytes(data)
    got = read_text_file(path, str(path), "doc")
    assert isinstance(got, Article), got
    assert got.text == text
    assert got.id == "doc"
    assert got.path == str(path) and got.where == str(path)
    assert got.encoding == encoding
    assert got.meta == Meta()
    assert got.warnings == ([errors.DECODED_AS.format(path=str(path), encoding=encoding)] if warned else [])


def test_replaced_bytes_reach_the_article_warnings(tmp_path):
    body = ("Zürich’s mayor said the café “will reopen”. " * 8).encode("utf-8")
    data = body[:5] + b"\xff" + body[5:]
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    got = read_text_file(path, "bad.txt", "bad")
    assert got.text.count("\ufffd") == 1
    assert got.warnings == [errors.REPLACED_BYTES.format(path="bad.txt", count=1, offset=5)]


@pytest.mark.parametrize("name, data, message", [
    ("empty.txt", b"", errors.EMPTY_FILE),
    ("blank.txt", b" \r\n\t\n", errors.EMPTY_FILE),
    ("empty.txt.gz", gzip.compress(b""), errors.EMPTY_FILE),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", errors.BINARY_FILE),
])
def test_problem_files(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    assert read_text_file(path, name, "x") == Problem(name, message.format(path=name))


@pytest.mark.parametrize("data", [
    b"this is not gzip data at all",
    gzip.compress(SEED.encode("utf-8"))[:-20],  # cut short
])
def test_broken_gzip_is_a_problem(tmp_path, data):
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data)
    got = read_text_file(path, "cut.txt.gz", "cut")
    assert isinstance(got, Problem)
    assert got.where == "cut.txt.gz"
    assert got.message.startswith("cut.txt.gz: cannot read: not valid gzip data")
    assert "\n" not in got.message


def test_missing_file_is_a_problem(tmp_path):
    path = tmp_path / "gone.txt"
    got = read_text_file(path, "gone.txt", "gone")
    assert got == Problem("gone.txt", errors.UNREADABLE.format(path="gone.txt", reason="No such file or directory"))


def test_folder_is_a_problem(tmp_path):
    assert read_text_file(tmp_path, "dir", "dir") == Problem("dir", errors.NOT_A_FILE.format(path="dir"))


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_a_problem(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("The minister said no.", encoding="utf-8")
    path.chmod(0)
    got = read_text_file(path, "secret.txt", "secret")
    assert got == Problem("secret.txt", errors.UNREADABLE.format(path="secret.txt", reason="Permission denied"))


def test_unreadable_file_is_a_problem_even_as_root(tmp_path, monkeypatch):
    """Whoever runs the tests: an OSError while reading is one Problem, not an exception."""
    path = tmp_path / "disk.txt"
    path.write_text("The minister said no.", encoding="utf-8")

    def fail(self):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", fail)
    got = read_text_file(path, "disk.txt", "disk")
    assert got == Problem("disk.txt", errors.UNREADABLE.format(path="disk.txt", reason="Input/output error"))


def test_stdin_bytes():
    got = article_from_bytes(codecs.BOM_UTF8 + STORY.encode("utf-8"), "-", "stdin")
    assert isinstance(got, Article)
    assert got.text == STORY
    assert got.path is None and got.where == "-" and got.id == "stdin"


def test_stdin_problem_names_stdin():
    assert article_from_bytes(b"", "-", "stdin") == Problem("-", errors.EMPTY_FILE.format(path="-"))


def test_through_iter_inputs(tmp_path):
    """The lead's iter_inputs calls these readers: files, .gz, stdin, in order."""
    (tmp_path / "a.txt").write_bytes(STORY.encode("cp1252"))
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(SEED.encode("utf-8")))
    (tmp_path / "c.txt").write_bytes(b"")
    import io

    paths = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt.gz"), str(tmp_path / "c.txt"), "-"]
    got = list(iter_inputs(paths, ReadOptions(stdin=io.BytesIO(STORY.encode("utf-16")))))
    a, b, c, stdin = got
    assert (a.id, a.text, a.encoding) == ("a", STORY, "cp1252")
    assert (b.id, b.text, b.encoding) == ("b", SEED, None)
    assert isinstance(c, Problem) and c.message == errors.EMPTY_FILE.format(path=c.where)
    assert (stdin.id, stdin.text, stdin.encoding, stdin.path) == ("stdin", STORY, "utf-16-le", None)
