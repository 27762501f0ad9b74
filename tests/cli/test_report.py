"""claimx report through the CLI: inputs (json document, JSON Lines with doc.path, standard input),
the output file (complete or untouched), options, and bad input as one line and an exit code."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from typer.testing import CliRunner

from claimx import errors
from claimx.claimfiles import read_claims
from claimx.cli.app import app
from claimx.events import EventSettings, group_events
from claimx.schema import ClaimsDocument, DocText

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
LINES = [DATA / "ledger.jsonl", DATA / "wire.jsonl"]
CLAIMS = read_claims(LINES)
runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, ["report", *map(str, args)], input=input)


def page_json(html: str, element_id: str):
    m = re.search(rf'<script type="application/json" id="{re.escape(element_id)}">(.*?)</script>', html, re.S)
    assert m, element_id
    return json.loads(m.group(1))


def views(html: str) -> list[dict]:
    return [page_json(html, f"data-{e['id']}") for e in page_json(html, "claimx-index")["events"]]


def shown_ids(html: str) -> list[str]:
    return sorted(c["id"] for v in views(html) for c in v["claims"])


@pytest.fixture
def document(tmp_path) -> Path:
    """The two-outlet fixture as `claimx extract --format json` writes it: with the texts."""
    docs = {c.doc.id: c.doc for c in CLAIMS}
    texts = [DocText(**msgspec.structs.asdict(d), text=(ROOT / d.path).read_text(encoding="utf-8"))
             for d in docs.values()]
    path = tmp_path / "claims.json"
    path.write_bytes(msgspec.json.format(msgspec.json.encode(
        ClaimsDocument(schema=2, documents=texts, claims=CLAIMS)), indent=2))
    return path


def test_json_document_gives_a_page_with_every_claim_and_text(document):
    result = run(document)
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert shown_ids(html) == sorted(c.id for c in CLAIMS)
    docs = [d for v in views(html) for d in v["docs"]]
    assert [d["text_from"] for d in docs] == ["document", "document"]
    assert result.stderr.strip() == ("claimx report: 2 article(s), 16 claim(s), 1 event(s); "
                                     "texts: 2 from the claims document")


def test_json_lines_read_the_texts_from_doc_path(monkeypatch):
    monkeypatch.chdir(ROOT)                 # doc.path is tests/data/<name>.txt
    result = run(*LINES)
    assert result.exit_code == 0, result.stderr
    docs = [d for v in views(result.stdout) for d in v["docs"]]
    assert [(d["text_from"], d["note"]) for d in docs] == [
        ("file", "text read from tests/data/ledger_flood.txt (UTF-8)"),
        ("file", "text read from tests/data/wire_flood.txt (UTF-8)")]
    assert "texts: 2 from files" in result.stderr


def test_json_lines_whose_texts_cannot_be_found_list_their_claims(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(*LINES)
    assert result.exit_code == 0, result.stderr
    docs = [d for v in views(result.stdout) for d in v["docs"]]
    assert all(d["text_from"] == "none" and "body" not in d for d in docs)
    assert "tests/data/ledger_flood.txt not found" in docs[0]["note"]
    assert shown_ids(result.stdout) == sorted(c.id for c in CLAIMS)
    assert "texts: 2 not available" in result.stderr


def test_standard_input(document):
    piped = run(input=document.read_text(encoding="utf-8"))
    dashed = run("-", input=document.read_text(encoding="utf-8"))
    assert piped.exit_code == dashed.exit_code == 0
    assert piped.stdout == dashed.stdout and shown_ids(piped.stdout) == sorted(c.id for c in CLAIMS)
    notes = {d["note"] for v in views(piped.stdout) for d in v["docs"]}
    assert notes == {"text from the claims document <stdin>"}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_output_file_is_written_whole(document, tmp_path):
    out = tmp_path / "report.html"
    out.write_text("an older report", encoding="utf-8")
    result = run(document, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    html = out.read_text(encoding="utf-8")
    assert html == run(document).stdout
    assert _leftovers(tmp_path) == []


def test_bad_input_leaves_the_output_file_untouched(document, tmp_path):
    out = tmp_path / "report.html"
    out.write_text("an older report", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(LINES[0].read_text(encoding="utf-8").splitlines()[0] + '\n{"id": "x"}\n', encoding="utf-8")
    result = run(document, bad, "-o", out)
    assert result.exit_code == errors.EXIT_INVALID_CLAIMS
    assert result.stderr.startswith(f"claimx: {bad}:2: not a claim: ") and len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "an older report" and _leftovers(tmp_path) == []
    skipped = run(document, bad, "--skip-invalid", "-o", out)
    assert skipped.exit_code == 0, skipped.stderr
    assert "skipped 1 line(s) that are not claims" in skipped.stderr
    assert shown_ids(out.read_text(encoding="utf-8")) == sorted(c.id for c in CLAIMS)


def test_an_output_that_cannot_be_written_is_one_line_and_code_5(document, tmp_path):
    result = run(document, "-o", tmp_path / "missing" / "report.html")
    assert result.exit_code == errors.EXIT_OUTPUT
    assert result.stderr.startswith("claimx: cannot write ") and len(result.stderr.splitlines()) == 1


def test_output_may_not_be_an_input(document):
    result = run(document, "-o", document)
    assert result.exit_code == errors.EXIT_USAGE
    assert "is one of the input files" in result.stderr


def test_a_missing_file_is_named_and_the_others_reported(document, tmp_path):
    out = tmp_path / "report.html"
    result = run(document, tmp_path / "gone.jsonl", "-o", out)
    assert result.exit_code == errors.EXIT_PARTIAL
    assert "gone.jsonl: no such file or folder" in result.stderr
    assert shown_ids(out.read_text(encoding="utf-8")) == sorted(c.id for c in CLAIMS)
    nothing = run(tmp_path / "gone.jsonl", "-o", tmp_path / "other.html")
    assert nothing.exit_code == errors.EXIT_PARTIAL and not (tmp_path / "other.html").exists()


def test_a_folder_is_not_a_claim_file(tmp_path):
    result = run(tmp_path)
    assert result.exit_code == errors.EXIT_PARTIAL
    assert "a folder; report reads claim files" in result.stderr


def test_title_is_the_pages_title_escaped(document):
    result = run(document, "--title", "Floods <in> Kelmora & Co")
    assert result.exit_code == 0
    assert "<title>Floods &lt;in&gt; Kelmora &amp; Co</title>" in result.stdout
    assert "<h1>Floods &lt;in&gt; Kelmora &amp; Co</h1>" in result.stdout


def test_event_options_reach_the_grouping(document):
    result = run(document, "--window-days", "0", "--event-threshold", "0.99")
    assert result.exit_code == 0, result.stderr
    expected = group_events(CLAIMS, EventSettings(window_days=0, threshold=0.99))
    assert len(expected) == 2
    assert [v["id"] for v in views(result.stdout)] == [e.id for e in expected]


@pytest.mark.parametrize("args, compared", [
    ([], {"assertion", "belief", None}),
    (["--act", "all"], {"assertion", "belief", "intention", "topic", None}),
    (["--act", "intention", "-a", "topic"], {"intention", "topic", None}),
])
def test_act_chooses_the_claims_compared(document, args, compared):
    result = run(document, *args)
    assert result.exit_code == 0, result.stderr
    (view,) = views(result.stdout)
    acts = [c.get("act") for c in view["claims"]]
    left_out = {acts[i] for cell in view["other"] for i in cell}
    taking_part = {acts[i] for r in view["rows"] for cell in r["cells"] for i in cell} | \
                  {acts[i] for cell in view["only"] for i in cell}
    assert taking_part <= compared and not left_out & compared


def test_a_terminal_gets_no_html(document):
    master, slave = os.openpty()
    try:
        result = subprocess.run([sys.executable, "-m", "claimx", "report", str(document)], stdout=slave,
                                stderr=subprocess.PIPE, text=True, timeout=120, cwd=ROOT)
    finally:
        os.close(slave)
        os.close(master)
    assert result.returncode == errors.EXIT_USAGE
    assert result.stderr.strip() == f"claimx: {errors.REPORT_TERMINAL}"


def test_help_names_the_options_and_examples():
    result = runner.invoke(app, ["report", "--help"])
    assert result.exit_code == 0
    for option in ("--output", "--title", "--act", "--window-days", "--event-threshold", "--skip-invalid"):
        assert option in result.stdout
    assert "Example: claimx extract seeds/ --format json" in result.stdout
