"""Reading claim files: both forms, empty input, and every kind of bad line named by file:line."""
from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from claimx.claimfiles import InvalidClaim, ReadStats, as_claims, decode_claims, read_claims
from claimx.schema import Claim

DATA = Path(__file__).parent / "data"
LINES = (DATA / "outlets.jsonl").read_text(encoding="utf-8").splitlines()
GOOD = LINES[0]


def test_jsonl_and_json_document_give_the_same_claims():
    from_lines = read_claims([DATA / "ledger.jsonl", DATA / "wire.jsonl"])
    from_document = read_claims([DATA / "outlets.json"])
    assert len(from_lines) == 16
    assert from_lines == from_document
    assert all(isinstance(c, Claim) for c in from_lines)


@pytest.mark.parametrize("data", [b"", b"\n", b"  \n\n\t\n", b"\xef\xbb\xbf",
                                  b'{"schema": 1, "documents": [], "claims": []}'])
def test_empty_input_is_no_claims(data):
    assert decode_claims(data, "empty.jsonl") == []


@pytest.mark.parametrize("data", [
    GOOD.encode() + b"\n",
    GOOD.encode(),                                   # no final newline
    b"\n\n" + GOOD.encode() + b"\n\n",               # blank lines around
    b"\xef\xbb\xbf" + GOOD.encode() + b"\n",         # a byte-order mark
    GOOD.encode() + b"\r\n",                         # Windows line ends
])
def test_one_claim_however_the_file_is_laid_out(data):
    (claim,) = decode_claims(data, "x.jsonl")
    assert claim.id == "ledger_flood#1"


def _mutated(**changes) -> str:
    obj = json.loads(GOOD)
    for key, value in changes.items():
        if value is ...:
            del obj[key]
        else:
            obj[key] = value
    return json.dumps(obj)


@pytest.mark.parametrize("bad_line, reason", [
    ("{not json", "malformed"),
    ("[1, 2]", "Expected `object`"),
    ('"a string"', "Expected `object`"),
    (_mutated(kind="rumour"), "$.kind"),
    (_mutated(span="0-10"), "$.span"),
    (_mutated(span=[0]), "$.span"),
    (_mutated(figures=None), "$.figures"),
    (_mutated(text=12), "$.text"),
    (_mutated(doc=...), "missing required field `doc`"),
    (_mutated(speaker={"name": "X"}), "$.speaker"),
])
def test_a_bad_line_names_file_and_line(bad_line, reason):
    data = "\n".join([GOOD, "", bad_line, GOOD]).encode()
    with pytest.raises(InvalidClaim) as err:
        decode_claims(data, "claims.jsonl")
    assert (err.value.path, err.value.line) == ("claims.jsonl", 3)
    assert reason in err.value.reason
    assert str(err.value).startswith("claims.jsonl:3: ")


def test_skip_invalid_skips_and_counts():
    data = "\n".join([GOOD, "{oops", _mutated(kind="rumour"), LINES[1]]).encode()
    stats = ReadStats()
    claims = decode_claims(data, "claims.jsonl", skip_invalid=True, stats=stats)
    assert [c.id for c in claims] == ["ledger_flood#1", "ledger_flood#2"]
    assert [(p, n) for p, n, _ in stats.skipped] == [("claims.jsonl", 2), ("claims.jsonl", 3)]
    assert stats.claims == 2


def test_a_bad_claim_in_a_json_document_names_its_line(tmp_path):
    doc = json.loads((DATA / "outlets.json").read_text(encoding="utf-8"))
    doc["claims"][2]["kind"] = "rumour"
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    line = text.count("\n", 0, text.index('"rumour"')) + 1
    path = tmp_path / "doc.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidClaim) as err:
        read_claims([path])
    assert err.value.path == str(path)
    assert "claims[2]" in err.value.reason
    # The line where the bad claim starts: a few lines above its "kind".
    assert line - 25 < err.value.line <= line
    stats = ReadStats()
    assert len(read_claims([path], skip_invalid=True, stats=stats)) == 15
    assert len(stats.skipped) == 1


def test_a_broken_json_document_names_the_line_of_the_break():
    text = (DATA / "outlets.json").read_text(encoding="utf-8")
    cut = text[: text.index('"wire_flood#3"')]      # truncated mid-document
    with pytest.raises(InvalidClaim) as err:
        decode_claims(cut.encode(), "cut.json")
    assert err.value.line == cut.count("\n") + 1


def test_stdin_is_read_from_the_bytes_given():
    claims = read_claims(["-"], stdin=(DATA / "wire.jsonl").read_bytes())
    assert len(claims) == 9


def test_missing_file_is_an_oserror():
    with pytest.raises(FileNotFoundError):
        read_claims([DATA / "no-such.jsonl"])


def test_as_claims_accepts_contract_dicts_and_structs():
    claims = read_claims([DATA / "ledger.jsonl"])
    dicts = [msgspec.to_builtins(c) for c in claims]
    assert as_claims(dicts) == claims
    assert as_claims(json.loads(f"[{','.join(LINES[:7])}]")) == claims     # as JSON gives them
    assert as_claims(claims) == claims
    assert all(a is b for a, b in zip(as_claims(claims), claims))   # structs pass straight through
    assert as_claims(iter(claims[:2])) == claims[:2]
    assert as_claims([]) == []


@pytest.mark.parametrize("changes, field", [
    (dict(kind="rumour"), "$.kind"),
    (dict(span="0-10"), "$.span"),
    (dict(act="gossip"), "$.act"),
    (dict(figures=None), "$.figures"),
    (dict(doc=...), "doc"),
])
def test_as_claims_refuses_dicts_that_are_not_claims(changes, field):
    with pytest.raises(msgspec.ValidationError) as err:
        as_claims([json.loads(_mutated(**changes))])
    assert field in str(err.value)


# ---------------------------------------------------------------------------------------------
# claimx query reads JSON Lines a block at a time, keeping only what it asks for


def _views(path, keep=None, skip_invalid=False):
    from claimx.claimfiles import read_claim_views

    stats = ReadStats()
    out = read_claim_views(path, keep=keep, skip_invalid=skip_invalid, stats=stats)
    return [(v.id, bytes(line), where) for v, line, where in out], stats


LAYOUTS = {
    "plain": "\n".join(LINES) + "\n",
    "no final newline": "\n".join(LINES),
    "blank lines": "\n\n".join(LINES) + "\n\n\n",
    "byte-order mark": "\ufeff" + "\n".join(LINES) + "\n",
    "CRLF": "\r\n".join(LINES) + "\r\n",
    "CRLF from line 5": "\n".join(LINES[:4]) + "\n" + "\r\n".join(LINES[4:]) + "\r\n",
}


@pytest.mark.parametrize("block", [64, 700, 1500, 1 << 22] + [len(LINES[0]) + k for k in range(3)])
# (lines longer and shorter than a block; a block ending just before, at and after a line's "\r\n")
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_read_a_block_at_a_time_as_read_whole(tmp_path, monkeypatch, layout, block):
    import claimx.claimfiles as claimfiles

    path = tmp_path / "claims.jsonl"
    path.write_bytes(LAYOUTS[layout].encode("utf-8"))
    whole, _ = _views(path)                                  # (no test: the file read whole)
    assert len(whole) == len(LINES) == 16
    monkeypatch.setattr(claimfiles, "_BLOCK", block)
    streamed, stats = _views(path, keep=lambda v: True)
    assert streamed == whole and stats.claims == 16
    kept, _ = _views(path, keep=lambda v: v.doc.id.startswith("wire"))
    assert kept == [r for r in whole if r[0].startswith("wire")] and len(kept) == 9


@pytest.mark.parametrize("block", [64, 1500, 1 << 22])
def test_a_bad_line_far_in_names_its_line_when_read_a_block_at_a_time(tmp_path, monkeypatch, block):
    import claimx.claimfiles as claimfiles

    monkeypatch.setattr(claimfiles, "_BLOCK", block)
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join(LINES[:10] + ["", "{not json"] + LINES[10:]) + "\n", encoding="utf-8")
    with pytest.raises(InvalidClaim) as err:
        _views(path, keep=lambda v: False)                   # kept or not, every line is checked
    assert (err.value.line, err.value.path) == (12, str(path))
    kept, stats = _views(path, keep=lambda v: True, skip_invalid=True)
    assert len(kept) == 16 and [s[1] for s in stats.skipped] == [12]
    assert [where[1] for _, _, where in kept][10] == 13       # line numbers after the bad one


def test_a_json_document_is_read_whole_with_a_test(monkeypatch):
    import claimx.claimfiles as claimfiles

    monkeypatch.setattr(claimfiles, "_BLOCK", 64)
    kept, _ = _views(DATA / "outlets.json", keep=lambda v: v.kind == "direct")
    assert [k[0] for k in kept] == ["ledger_flood#1", "ledger_flood#6", "wire_flood#6"]
