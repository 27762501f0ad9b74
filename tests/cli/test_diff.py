"""claimx diff through the CLI: records are the library's, the summary goes to stderr."""
from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import msgspec
import pytest
from typer.testing import CliRunner

from claimx.cli.app import app
from claimx.claimfiles import read_claims
from claimx.diff import DiffSettings, align, diff_events, diff_sources, split_sources
from claimx.schema import Alignment

DATA = Path(__file__).resolve().parent.parent / "data"
LEDGER, WIRE, OUTLETS = DATA / "ledger.jsonl", DATA / "wire.jsonl", DATA / "outlets.json"
runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, ["diff", *map(str, args)], input=input)


def records(stdout: str) -> list[Alignment]:
    return [msgspec.json.decode(line, type=Alignment) for line in stdout.splitlines()]


def by_events(a, b, settings=None, names=("a", "b")) -> list[Alignment]:
    """What `claimx diff A B` prints: A and B aligned event by event (`claimx.diff.diff_events`)."""
    return diff_events([(names[0], read_claims([a])), (names[1], read_claims([b]))], settings, every_pair=True)[1]


def test_two_files():
    result = run(LEDGER, WIRE)
    assert result.exit_code == 0, result.stderr
    expected = by_events(LEDGER, WIRE, names=(str(LEDGER), str(WIRE)))
    assert records(result.stdout) == expected
    # both files report one flood: within that event, the records are those of aligning all claims
    assert {r.event for r in expected} == {"e1"}
    everything = align(read_claims([LEDGER]), read_claims([WIRE]), names=(str(LEDGER), str(WIRE)))
    assert [msgspec.structs.replace(r, event=None) for r in expected] == everything
    assert result.stderr == ("claimx diff: 3 shared, 1 conflict, 2 attribution, "
                             "1 only in A, 3 only in B; 1 event\n")


def test_across_events_compares_everything():
    result = run(LEDGER, WIRE, "--across-events")
    assert records(result.stdout) == align(read_claims([LEDGER]), read_claims([WIRE]), names=(str(LEDGER), str(WIRE)))
    assert "event" not in result.stderr


def test_by_outlet_in_one_file():
    result = run(OUTLETS, "--by", "outlet")
    assert result.exit_code == 0, result.stderr
    expected = diff_events(split_sources(read_claims([OUTLETS]), "outlet"))[1]
    assert records(result.stdout) == expected
    assert [msgspec.structs.replace(r, event=None) for r in expected] == diff_sources(
        split_sources(read_claims([OUTLETS]), "outlet"))
    assert {r.sources for r in expected} == {("Northern Ledger", "Coastal Wire")}
    assert "(1 pair of sources)" in result.stderr


def test_by_doc_from_standard_input():
    result = run("-", "--by", "doc", input=(DATA / "outlets.jsonl").read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert {tuple(r.sources) for r in records(result.stdout)} == {("ledger_flood", "wire_flood")}


def test_standard_input_against_a_file():
    result = run("-", WIRE, input=LEDGER.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert [r.kind for r in records(result.stdout)] == [r.kind for r in align(read_claims([LEDGER]), read_claims([WIRE]))]
    assert records(result.stdout)[0].sources == ("<stdin>", str(WIRE))


def test_only_one_source_with_by_is_a_warning_not_an_error():
    result = run(LEDGER, "--by", "outlet")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "only one outlet" in result.stderr


@pytest.mark.parametrize("options, settings", [
    (["--shared-threshold", "0.95"], DiffSettings(shared_threshold=0.95)),
    (["--attribution-threshold", "1"], DiffSettings(attribution_threshold=1.0)),
    (["--tolerance", "0.5"], DiffSettings(tolerance=0.5)),
    (["--max-days", "0"], DiffSettings(max_days=0)),
    (["--name-threshold", "1"], DiffSettings(name_threshold=1.0)),
])
def test_thresholds_are_options(options, settings):
    result = run(LEDGER, WIRE, *options)
    assert result.exit_code == 0
    expected = by_events(LEDGER, WIRE, settings, names=(str(LEDGER), str(WIRE)))
    assert records(result.stdout) == expected


def test_only_some_kinds():
    result = run(LEDGER, WIRE, "--only", "conflict", "--only", "attribution")
    assert [r.kind for r in records(result.stdout)] == ["attribution", "conflict", "attribution"]
    assert "3 shared" in result.stderr                    # the summary counts every record


def test_json_format_is_a_list_of_records():
    result = run(LEDGER, WIRE, "--format", "json")
    assert msgspec.json.decode(result.stdout, type=list[Alignment]) == records(run(LEDGER, WIRE).stdout)


def test_table_is_side_by_side():
    result = run(LEDGER, WIRE, "--format", "table")
    assert result.exit_code == 0
    out = result.stdout
    for text in ("ledger.jsonl", "wire.jsonl", "conflict", "attribution (speaker)", "only_b",
                 "≠ at least 41", "≠ 58", "Piet Holm", "0.92",
                 "per Northern Ledger", "per Coastal Wire (2023-04-13, +1 d)"):   # who stands behind, when
        assert text in out, text


def test_output_file(tmp_path):
    out = tmp_path / "diff.jsonl"
    result = run(LEDGER, WIRE, "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 10


def test_empty_inputs_are_zero_records(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = run(empty, empty)
    assert (result.exit_code, result.stdout) == (0, "")
    assert "0 shared" in result.stderr
    result = run(empty, WIRE)
    assert [r.kind for r in records(result.stdout)] == ["only_b"] * 9


@pytest.mark.parametrize("args, code, message", [
    ([LEDGER], 2, "diff compares two sources"),
    ([LEDGER, WIRE, OUTLETS], 2, "diff compares two sources"),
    ([LEDGER, "no-such.jsonl"], 1, "no-such.jsonl: no such file or folder"),
    (["no-such-folder/", WIRE], 1, "no such file or folder"),
    ([LEDGER, WIRE, "--tolerance", "2"], 2, "--tolerance"),
    ([LEDGER, WIRE, "--by", "planet"], 2, "--by"),
])
def test_bad_usage_and_missing_inputs(args, code, message):
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_malformed_line_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(LEDGER.read_text(encoding="utf-8") + '{"id": 1}\n', encoding="utf-8")
    result = run(bad, WIRE)
    assert result.exit_code == 3
    assert f"{bad}:8: not a claim" in result.stderr and "Traceback" not in result.stderr
    skipped = run(bad, WIRE, "--skip-invalid")
    assert skipped.exit_code == 0
    assert records(skipped.stdout) == records(run(LEDGER, WIRE).stdout.replace(str(LEDGER), str(bad)))
    assert "skipped 1 line(s)" in skipped.stderr


def _fake_pipeline(monkeypatch, extract_paths):
    fake = types.ModuleType("claimx.pipeline")
    fake.extract_paths = extract_paths
    monkeypatch.setitem(sys.modules, "claimx.pipeline", fake)


def test_folders_of_articles_are_extracted_first(monkeypatch, tmp_path):
    """The folder path, without spaCy: extraction is replaced by the fixture's claims."""
    (tmp_path / "ledger").mkdir()
    (tmp_path / "wire").mkdir()
    by_folder = {str(tmp_path / "ledger"): LEDGER, str(tmp_path / "wire"): WIRE}
    calls = []

    def extract_paths(paths, model=None, on_problem=None):
        calls.append((paths, model))
        return read_claims([by_folder[paths[0]]])      # Claim structs, as the pipeline gives them

    _fake_pipeline(monkeypatch, extract_paths)
    result = run(tmp_path / "ledger", tmp_path / "wire", "--model", "my_model")
    assert result.exit_code == 0, result.stderr
    assert calls == [([str(tmp_path / "ledger")], "my_model"), ([str(tmp_path / "wire")], "my_model")]
    assert [r.kind for r in records(result.stdout)] == [r.kind for r in align(read_claims([LEDGER]), read_claims([WIRE]))]


def test_a_pipeline_that_cannot_load_is_one_line(monkeypatch, tmp_path):
    def extract_paths(paths, model=None, on_problem=None):
        raise RuntimeError("spaCy pipeline 'nope' is not installed\nmore detail")

    _fake_pipeline(monkeypatch, extract_paths)
    result = run(tmp_path, WIRE)
    assert result.exit_code == 4
    assert result.stderr == f"claimx: {tmp_path}: extraction failed: spaCy pipeline 'nope' is not installed\n"


def test_records_validate_against_the_diff_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(runner.invoke(app, ["schema", "--diff"]).stdout)
    for line in run(LEDGER, WIRE).stdout.splitlines():
        jsonschema.validate(json.loads(line), schema)


def test_unreadable_articles_in_a_folder_are_named_and_exit_1(monkeypatch, tmp_path):
    def extract_paths(paths, model=None, on_problem=None):
        on_problem(f"{paths[0]}/broken.txt: cannot decode the text")
        return read_claims([LEDGER])

    _fake_pipeline(monkeypatch, extract_paths)
    result = run(tmp_path, WIRE)
    assert result.exit_code == 1
    assert f"{tmp_path}/broken.txt: cannot decode the text" in result.stderr
    assert "1 input(s) under" in result.stderr
    assert records(result.stdout)        # the rest is still compared


def test_the_pipeline_is_built_once_for_both_folders(monkeypatch):
    from claimx import pipeline

    built = []
    monkeypatch.setattr(pipeline, "build_pipeline", lambda model: built.append(model) or object())
    monkeypatch.setattr(pipeline, "extract_articles", lambda nlp, articles: iter(()))
    pipeline.shared_pipeline.cache_clear()
    try:
        pipeline.extract_paths(["a/"], model="m")
        pipeline.extract_paths(["b/"], model="m")
    finally:
        pipeline.shared_pipeline.cache_clear()
    assert built == ["m"]


# --- one event, two outlets; a third article on another event; an undated article ---------------

def _claim(cid, doc, outlet, published, title, text, speaker, figures):
    """A contract claim: ``figures`` as (text, value, qualifier, subject)."""
    figs = []
    for ftext, value, qualifier, subject in figures:
        at = text.index(ftext)
        figs.append({"text": ftext, "span": [at, at + len(ftext)], "value": value, "unit": None,
                     "qualifier": qualifier, "subject": subject})
    return {"id": cid, "kind": "indirect", "act": "assertion", "text": text, "span": [0, len(text)],
            "doc": {"id": doc, "path": None, "title": title, "outlet": outlet, "author": None, "published": published},
            "speaker": {"text": speaker, "name": speaker, "type": "person", "title": None, "span": [0, 1]},
            "cue": None, "date": {"value": published, "text": None, "basis": "published"} if published else None,
            "figures": figs, "sentence": text}


FLOOD = [
    _claim("wire#1", "wire", "Coastal Wire", "2024-05-02", "Varnholm flood: Tarn dam bursts",
           "at least 248 people were killed in Varnholm when the Tarn dam burst", "Health Minister Lena Hoff",
           [("at least 248", 248, "at_least", "people")]),
    _claim("wire#2", "wire", "Coastal Wire", "2024-05-02", "Varnholm flood: Tarn dam bursts",
           "77,700 people were displaced from Varnholm", "Health Minister Lena Hoff",
           [("77,700", 77700, None, "people")]),
    _claim("wire#3", "wire", "Coastal Wire", "2024-05-02", "Varnholm flood: Tarn dam bursts",
           "nearly 3,460 people were injured in Varnholm", "Health Minister Lena Hoff",
           [("nearly 3,460", 3460, "under", "people")]),
    _claim("ledger#1", "ledger", "Northern Ledger", "2024-05-03", "Varnholm counts its dead after Tarn dam flood",
           "250 people died in the Varnholm flood", "Lena Hoff", [("250", 250, None, "people")]),
    _claim("ledger#2", "ledger", "Northern Ledger", "2024-05-03", "Varnholm counts its dead after Tarn dam flood",
           "77,765 people were displaced by the Varnholm flood", "Lena Hoff", [("77,765", 77765, None, "people")]),
    _claim("ledger#3", "ledger", "Northern Ledger", "2024-05-03", "Varnholm counts its dead after Tarn dam flood",
           "over 4,000 people were injured by the Varnholm flood", "Lena Hoff",
           [("over 4,000", 4000, "over", "people")]),
    # months later, another event: the same speaker, unit and measure
    _claim("fire#1", "fire", "Northern Ledger", "2024-09-20", "Ostby fire: dozens dead in Ostby",
           "600 people were killed in the Ostby fire", "Lena Hoff", [("600", 600, None, "people")]),
    # no date, no outlet: joins the flood by what it is about
    _claim("undated#1", "undated", None, None, "Tarn dam burst floods Varnholm",
           "at least 248 died in Varnholm when the Tarn dam burst", "Hoff", [("at least 248", 248, "at_least", None)]),
]


def test_outlets_compared_within_events_with_rounded_and_qualified_figures(tmp_path):
    claims = tmp_path / "claims.jsonl"
    claims.write_text("".join(json.dumps(c) + "\n" for c in FLOOD), encoding="utf-8")
    events = runner.invoke(app, ["events", str(claims)])
    groups = {e["id"]: e for e in map(json.loads, events.stdout.splitlines())}
    flood = next(e for e in groups.values() if "wire" in e["documents"])
    assert set(flood["documents"]) == {"wire", "ledger", "undated"} and flood["undated"] == ["undated"]
    assert "fire" not in flood["documents"]

    result = run(claims, "--by", "outlet")
    assert result.exit_code == 0, result.stderr
    linked = [r for r in records(result.stdout) if r.a and r.b]
    assert {r.event for r in linked} == {flood["id"]}                    # every link within the flood
    assert not any("fire#1" in (r.a.id, r.b.id) for r in linked)          # the fire's toll is set against nothing
    figures = {(f.a.text, f.b.text): (f.agree, f.a.source, f.b.source, f.days) for r in linked for f in r.figures}
    # rounding is agreement; qualifiers are ranges; each side says who stands behind it, a day apart
    assert figures[("at least 248", "250")] == (True, "Lena Hoff", "Lena Hoff", 1)
    assert figures[("77,700", "77,765")] == (True, "Lena Hoff", "Lena Hoff", 1)
    assert figures[("nearly 3,460", "over 4,000")] == (False, "Lena Hoff", "Lena Hoff", 1)
    kinds = {(r.a.id, r.b.id): r.kind for r in linked}
    assert kinds[("wire#3", "ledger#3")] == "conflict"
    assert kinds[("wire#1", "ledger#1")] == kinds[("wire#2", "ledger#2")] == "shared"   # one speaker, titled or not
