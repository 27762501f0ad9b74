"""claimx query --figure-kind: the library filter and the CLI agree, on lines and on documents."""
from __future__ import annotations

import json
import subprocess
import sys

import msgspec
import pytest
from typer.testing import CliRunner

from claimx.cli.app import app
from claimx.query import ClaimFilter, filter_claims
from claimx.schema import Claim, Figure

runner = CliRunner()
DOC = {"id": "d", "path": None, "title": None, "outlet": "Wire", "author": None, "published": "2024-05-02"}


def _claim(n: int, figures: list[tuple]) -> Claim:
    base = msgspec.convert({"id": f"d#{n}", "doc": DOC, "kind": "unattributed", "text": "x", "span": [0, 1],
                            "speaker": None, "cue": None, "date": None, "figures": [], "sentence": "x"}, Claim)
    figs = [Figure(text=t, span=(0, len(t)), value=v, unit=u, qualifier=None, subject=s, kind=k)
            for t, v, u, s, k in figures]
    return msgspec.structs.replace(base, figures=figs)


CLAIMS = [
    _claim(1, [("$5 million", 5000000, "USD", None, "money"), ("two sides", 2, None, "sides", "count")]),
    _claim(2, [("85%", 85, "percent", "population", "percent")]),
    _claim(3, [("13 years", 13, "year", None, "duration")]),
    _claim(4, [("40 km", 40, "kilometer", None, "measure"), ("300", 300, None, "people", "count")]),
    _claim(5, []),
    _claim(6, [("12", 12, None, "people", None)]),   # a schema-1 figure: kind null
]
LINES = b"".join(msgspec.json.encode(c) + b"\n" for c in CLAIMS)


@pytest.mark.parametrize("kinds, ids", [
    (("money",), ["d#1"]),
    (("count",), ["d#1", "d#4"]),
    (("percent", "duration"), ["d#2", "d#3"]),
    (("measure",), ["d#4"]),
    (("ordinal",), []),
])
def test_library_filter(kinds, ids):
    assert [c.id for c in filter_claims(CLAIMS, figure_kinds=kinds)] == ids


def test_kind_and_value_hold_for_one_figure():
    # d#1 has money (5 million) and a count (2): a count of at least 1000 is no figure of it
    assert [c.id for c in filter_claims(CLAIMS, ClaimFilter(figure_kinds=("count",), min_value=100))] == ["d#4"]
    assert [c.id for c in filter_claims(CLAIMS, ClaimFilter(figure_kinds=("money",), min_value=100))] == ["d#1"]


@pytest.mark.parametrize("args, kinds", [
    (["--figure-kind", "money"], ("money",)),
    (["--figure-kind", "COUNT", "--min-value", "100"], ("count",)),
    (["--figure-kind", "percent", "--figure-kind", "duration"], ("percent", "duration")),
])
@pytest.mark.parametrize("as_document", [False, True])
def test_cli_lines_are_the_library_result(tmp_path, args, kinds, as_document):
    path = tmp_path / ("claims.json" if as_document else "claims.jsonl")
    if as_document:
        path.write_text(json.dumps({"schema": 2, "documents": [dict(DOC, text="x")],
                                    "claims": [msgspec.to_builtins(c) for c in CLAIMS]}), encoding="utf-8")
    else:
        path.write_bytes(LINES)
    result = runner.invoke(app, ["query", str(path), *args])
    assert result.exit_code == 0, result.output
    min_value = float(args[args.index("--min-value") + 1]) if "--min-value" in args else None
    expected = filter_claims(CLAIMS, ClaimFilter(figure_kinds=kinds, min_value=min_value))
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [c.id for c in expected]
    assert expected


def test_cli_refuses_an_unknown_kind(tmp_path):
    path = tmp_path / "claims.jsonl"
    path.write_bytes(LINES)
    result = runner.invoke(app, ["query", str(path), "--figure-kind", "weight"])
    assert result.exit_code == 2
    assert "weight" in result.output


def test_cli_count_with_figure_kind(tmp_path):
    path = tmp_path / "claims.jsonl"
    path.write_bytes(LINES)
    result = runner.invoke(app, ["query", str(path), "--figure-kind", "count", "--count"])
    assert result.exit_code == 0 and result.stdout.strip() == "2"


def test_query_by_figure_kind_imports_neither_spacy_nor_pint(tmp_path):
    path = tmp_path / "claims.jsonl"
    path.write_bytes(LINES)
    code = ("import sys; from typer.testing import CliRunner; from claimx.cli.app import app; "
            f"r = CliRunner().invoke(app, ['query', {str(path)!r}, '--figure-kind', 'money']); "
            "assert r.exit_code == 0 and r.stdout.count('\\n') == 1, r.output; "
            "bad = [m for m in ('spacy', 'pint', 'dateparser') if m in sys.modules]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)
