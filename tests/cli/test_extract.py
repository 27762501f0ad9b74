"""claimx extract through Typer's test runner: formats, output file, stdin, bad input, exit codes, help."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import claimx
from claimx.cli.app import app
from tests.conftest import SEEDS, assert_offsets

ARTICLE_A = """Harbour gets its second crane
The port authority said on Monday that the second crane had been installed.
"It is the biggest investment the harbour has seen in fifty years," said port director Ruth Engel.
The crane cost $8 million, according to the city council.
"""

ARTICLE_B = """Valley school stays open
"Every child in the valley can now walk to class," said Oskar Lind, the head teacher.
"""


@pytest.fixture
def runner():
    return CliRunner()  # click >= 8.2 keeps stdout and stderr apart (result.stdout / result.stderr)


@pytest.fixture
def shared_nlp(nlp, monkeypatch):
    """The command builds its pipeline through claimx.pipeline.build_pipeline: hand it the session one."""
    import claimx.pipeline

    real = claimx.pipeline.build_pipeline

    def build(model=claimx.DEFAULT_MODEL):
        return nlp if model == claimx.DEFAULT_MODEL else real(model)

    monkeypatch.setattr(claimx.pipeline, "build_pipeline", build)
    return nlp


@pytest.fixture
def articles(tmp_path):
    a = tmp_path / "crane.txt"
    b = tmp_path / "school.txt"
    a.write_text(ARTICLE_A, encoding="utf-8")
    b.write_text(ARTICLE_B, encoding="utf-8")
    return a, b


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def library_claims(nlp, path) -> list[dict]:
    """What the library gives for the file, in its JSON form (claimx.extract returns spans as tuples)."""
    text = path.read_text(encoding="utf-8")
    claims = json.loads(json.dumps(claimx.extract(text, nlp=nlp, doc_id=path.stem, path=str(path))))
    for claim in claims:  # and so every claim the command prints, since the tests compare the two
        assert_offsets(text, claim)
    return claims


# ---------------------------------------------------------------------------------------------
# Formats

def test_jsonl_equals_the_library(runner, nlp, articles):
    # no shared_nlp here: the command builds its own pipeline once, end to end
    a, b = articles
    result = runner.invoke(app, ["extract", str(a), str(b)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    claims = jsonl(result.stdout)
    assert claims == library_claims(nlp, a) + library_claims(nlp, b)
    assert [c["doc"]["id"] for c in claims] == ["crane"] * 3 + ["school"]
    for c in claims:
        assert_offsets((a if c["doc"]["id"] == "crane" else b).read_text(encoding="utf-8"), c)


def test_json_document(runner, shared_nlp, articles):
    a, b = articles
    result = runner.invoke(app, ["extract", "--format", "json", str(a), str(b)])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert list(doc) == ["schema", "documents", "claims"]
    assert doc["schema"] == 2
    assert [d["id"] for d in doc["documents"]] == ["crane", "school"]
    assert doc["documents"][0]["title"] == "Harbour gets its second crane"
    assert doc["claims"] == library_claims(shared_nlp, a) + library_claims(shared_nlp, b)


def test_json_with_no_claims_is_an_empty_list(runner, shared_nlp, tmp_path):
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("The harbour was quiet on Sunday.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "-f", "json", str(quiet)])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["claims"] == [] and [d["id"] for d in doc["documents"]] == ["quiet"]
    result = runner.invoke(app, ["extract", str(quiet)])
    assert result.exit_code == 0 and result.stdout == ""  # jsonl: no lines


def test_table(runner, shared_nlp, articles):
    a, b = articles
    result = runner.invoke(app, ["extract", "--format", "table", str(a), str(b)])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for header in ("doc", "kind", "speaker", "claim"):
        assert header in out
    assert "Ruth Engel" in out and "Oskar Lind" in out and "according_to" in out
    assert not out.lstrip().startswith("{")


def test_unknown_format_is_a_usage_error(runner, articles):
    result = runner.invoke(app, ["extract", "--format", "xml", str(articles[0])])
    assert result.exit_code == 2


# ---------------------------------------------------------------------------------------------
# Where output goes, where input comes from

def test_output_file(runner, shared_nlp, articles, tmp_path):
    a, _ = articles
    target = tmp_path / "out" / "claims.jsonl"
    target.parent.mkdir()
    result = runner.invoke(app, ["extract", str(a), "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert jsonl(target.read_text(encoding="utf-8")) == library_claims(shared_nlp, a)
    assert [p.name for p in target.parent.iterdir()] == ["claims.jsonl"]  # no temporary file left


def test_stdin(runner, shared_nlp):
    result = runner.invoke(app, ["extract", "-"], input=ARTICLE_B)
    assert result.exit_code == 0, result.stderr
    (claim,) = jsonl(result.stdout)
    assert claim["doc"]["id"] == "stdin" and claim["doc"]["path"] is None
    assert claim["id"] == "stdin#0"
    assert claim["speaker"]["name"] == "Oskar Lind"
    assert_offsets(ARTICLE_B, claim)


def test_folder(runner, shared_nlp):
    result = runner.invoke(app, ["extract", str(SEEDS)])
    assert result.exit_code == 0, result.stderr
    ids = []
    for c in jsonl(result.stdout):
        if c["doc"]["id"] not in ids:
            ids.append(c["doc"]["id"])
    assert ids == sorted(p.stem for p in SEEDS.glob("*.txt"))


# ---------------------------------------------------------------------------------------------
# Bad input: one line on stderr each, exit 1, the good files still extracted

@pytest.mark.parametrize("make, message", [
    pytest.param(lambda p: p, "no such file or folder", id="missing-path"),
    pytest.param(lambda p: (p.write_bytes(b""), p)[1], "empty file", id="empty-file"),
    pytest.param(lambda p: (p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20), p)[1], "binary data",
                 id="binary"),
    pytest.param(lambda p: (p.mkdir(), (p / "notes.md").write_text("x"), p)[2], "folder holds no supported files",
                 id="folder-without-articles"),
])
def test_bad_input(runner, shared_nlp, articles, tmp_path, make, message):
    a, _ = articles
    bad = make(tmp_path / "bad.txt")
    result = runner.invoke(app, ["extract", str(bad), str(a)])
    assert result.exit_code == 1
    *lines, summary = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert summary == "claimx: warning: 1 of 2 document(s) skipped or failed (named above); the others' claims were written"
    assert lines[0].startswith("claimx: ") and str(bad) in lines[0] and message in lines[0]
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert jsonl(result.stdout) == library_claims(shared_nlp, a)


def test_several_bad_inputs_one_line_each(runner, shared_nlp, articles, tmp_path):
    a, _ = articles
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt"), str(empty), str(a)])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 3  # one line each, and the count at the end
    assert jsonl(result.stdout) == library_claims(shared_nlp, a)


@pytest.mark.parametrize("flag", [[], ["--detect-encoding"]])  # detection is on by default; the old flag still works
def test_detect_encoding_reads_the_file_and_names_the_codec(runner, shared_nlp, tmp_path, flag):
    text = ('"The café on the quay will open at nine every day of the week," said Ruth Engel.\n'
            "The two shops share a terrace, and the façade was repainted in the spring – a pale green.\n")
    path = tmp_path / "cafe.txt"
    path.write_bytes(text.encode("cp1252"))
    result = runner.invoke(app, ["extract", *flag, str(path)])
    assert result.exit_code == 0, result.stderr
    assert "not UTF-8; decoded as" in result.stderr and len(result.stderr.splitlines()) == 1
    claims = jsonl(result.stdout)
    assert claims and all(c["doc"]["encoding"] for c in claims)
    decoded = path.read_bytes().decode(claims[0]["doc"]["encoding"])
    for c in claims:
        assert_offsets(decoded, c)


def test_missing_model(runner, articles):
    result = runner.invoke(app, ["extract", "--model", "not_a_model", str(articles[0])])
    assert result.exit_code == 4
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "not_a_model" in lines[0] and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_no_arguments_shows_help(runner):
    result = runner.invoke(app, ["extract"])
    assert result.exit_code in (0, 2)
    assert "Usage" in result.output


# ---------------------------------------------------------------------------------------------
# Help: every command has it, with an example

@pytest.mark.parametrize("command", ["extract", "query", "events", "diff", "report", "schema"])
def test_help_has_an_example(runner, command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"claimx {command}" in result.stdout


def test_every_registered_command_is_covered():
    import typer.main

    names = set(typer.main.get_command(app).commands)
    assert names == {"extract", "query", "events", "diff", "report", "schema"}


def test_library_claims_are_the_json_shape(shared_nlp):
    claims = claimx.extract(ARTICLE_A, nlp=shared_nlp)
    assert claims and claims == json.loads(json.dumps(claims))
