"""claimx.report: highlights cut into nested pieces, where article texts come from, the events and
rows the page shows, and the page itself (escaping, no spaCy, nothing to fetch).

The page in a real browser: tests/browser/test_report_page.py; the command: tests/cli/test_report.py.
"""
from __future__ import annotations

import gzip
from html import unescape
import json
import re
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimx import errors
from claimx.claimfiles import ClaimFile, read_claim_file_with_texts, read_claims
from claimx.diff import DiffSettings
from claimx.report import ReportSettings, build_report, render_report
from claimx.report.build import NO_CLAIMS_EVENT
from claimx.report.render import content_policy
from claimx.report.segments import Mark, flatten, nest
from claimx.report.texts import TextFinder
from claimx.schema import Claim, DocInfo, DocText

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
GOLDEN_SEEDS = sorted((ROOT / "tests" / "golden" / "seeds").glob("*.jsonl"))


# --- helpers ------------------------------------------------------------------------------------

def _find(text: str, piece, after: int = 0) -> tuple[int, int]:
    """The span of ``piece`` (or of its n-th occurrence: ``(piece, n)``) in ``text``."""
    piece, nth = piece if isinstance(piece, tuple) else (piece, 1)
    at = after - 1
    for _ in range(nth):
        at = text.index(piece, at + 1)
    return at, at + len(piece)


def claims_of(doc: dict, text: str, specs: list[dict]) -> list[Claim]:
    """Contract claims over ``text``: each spec names its content, speaker, cue and figures by the
    words themselves (``("said", 2)``: the second "said"), so every offset is real."""
    out = []
    for n, spec in enumerate(specs):
        start, end = _find(text, spec["content"])
        speaker = cue = None
        if "speaker" in spec:
            words, type_ = spec["speaker"]
            s, e = _find(text, words)
            speaker = {"text": text[s:e], "name": spec.get("name", text[s:e]), "type": type_, "title": None,
                       "span": [s, e]}
        if "cue" in spec:
            s, e = _find(text, spec["cue"])
            cue = {"text": text[s:e], "lemma": text[s:e], "span": [s, e]}
        figures = []
        for words, value in spec.get("figures", ()):
            s, e = _find(text, words, start)
            figures.append({"text": words, "span": [s, e], "value": value, "unit": None, "qualifier": None,
                            "subject": spec.get("subject"), "kind": "count"})
        kind = spec.get("kind", "indirect" if speaker else "unattributed")
        out.append(msgspec.convert({
            "id": f"{doc['id']}#{n}", "doc": doc, "kind": kind,
            "act": spec.get("act", "assertion" if speaker else None), "text": text[start:end],
            "span": [start, end], "speaker": speaker, "cue": cue, "within": spec.get("within"),
            "date": {"value": (doc["published"] or "")[:10] or None, "text": None, "basis": "published"},
            "figures": figures, "sentence": text[start:end]}, Claim))
    return out


def doc_info(doc_id: str, outlet: str | None = "Ledger", published: str | None = "2024-05-02",
             path: str | None = None, title: str | None = None) -> dict:
    return {"id": doc_id, "path": path, "title": title or f"Title of {doc_id}", "outlet": outlet, "author": None,
            "published": published, "url": None}


def document_file(name: str, articles: list[tuple[dict, str, list[dict]]]) -> ClaimFile:
    """A `--format json` claims document, as read: every article with its text."""
    claims, documents = [], []
    for doc, text, specs in articles:
        claims += claims_of(doc, text, specs)
        documents.append(DocText(**doc, text=text))
    return ClaimFile(name=name, path=None, claims=claims, documents=documents)


def pieces(nodes, table, index: int) -> str:
    """The text under mark ``index``, all its pieces in order."""
    out = []

    def walk(items, inside):
        for item in items:
            if isinstance(item, str):
                if inside:
                    out.append(item)
            else:
                walk(item[1:], inside or item[0] == index)

    walk(nodes, False)
    return "".join(out)


def mark_texts(nodes, table) -> dict[tuple, str]:
    return {(m.role, m.start, m.end): pieces(nodes, table, i) for i, m in enumerate(table)}


def page_json(html: str, element_id: str):
    m = re.search(rf'<script type="application/json" id="{re.escape(element_id)}">(.*?)</script>', html, re.S)
    assert m, element_id
    return json.loads(m.group(1))


# --- segments -------------------------------------------------------------------------------------

TEXT = 'MENA reported that the delegation will discuss a truce, said Hafez, adding "248 dead".'


def M(piece, role="claim", claims=(0,), text=TEXT):
    s, e = _find(text, piece)
    return Mark(s, e, role, role, list(claims))


@pytest.mark.parametrize("marks, expected", [
    # nothing to mark: the text whole
    ([], [TEXT]),
    # one highlight
    ([M("the delegation")], ["MENA reported that ", [0, "the delegation"], TEXT[33:]]),
    # a figure inside its claim
    ([M('248 dead'), M("248", "figure")],
     ['MENA reported that the delegation will discuss a truce, said Hafez, adding "', [0, [1, "248"], " dead"], '".']),
    # a claim inside another's content, and the inner claim's speaker inside the outer content
    ([M("that the delegation will discuss a truce", claims=(0,)),
      M("will discuss a truce", claims=(1,)), M("the delegation", "speaker", claims=(1,))],
     ["MENA reported ", [0, "that ", [1, "the delegation"], " ", [2, "will discuss a truce"]],
      ', said Hafez, adding "248 dead".']),
])
def test_nest(marks, expected):
    nodes, table = nest(TEXT, marks)
    assert nodes == expected
    assert flatten(nodes) == TEXT
    for (role, s, e), got in mark_texts(nodes, table).items():
        assert got == TEXT[s:e]


def test_partly_overlapping_highlights_are_split_into_pieces_of_one_mark():
    text = "aaa bbb ccc"
    nodes, table = nest(text, [Mark(0, 7, "claim", "c", [0]), Mark(4, 11, "claim", "c", [1])])
    assert nodes == [[0, "aaa ", [1, "bbb"]], [1, " ccc"]]
    assert pieces(nodes, table, 1) == "bbb ccc"


def test_one_mention_for_two_claims_is_one_mark_for_both():
    text = "He said A and B."
    nodes, table = nest(text, [Mark(0, 2, "speaker", "sp", [0]), Mark(0, 2, "speaker", "sp", [1]),
                               Mark(8, 9, "claim", "c", [0]), Mark(14, 15, "claim", "c", [1])])
    assert [m.claims for m in table if m.role == "speaker"] == [[0, 1]]
    assert flatten(nodes) == text


@pytest.mark.parametrize("start, end", [(5, 5), (-1, 3), (3, 99), (7, 2)])
def test_empty_or_outside_marks_are_left_out(start, end):
    nodes, table = nest("some text", [Mark(start, end, "claim", "c", [0])])
    assert nodes == ["some text"] and table == []


def test_offsets_are_code_points_not_utf16_units():
    text = "🇵🇸 👍🏽 Über «248» dead — 𝔊aza"
    figure = _find(text, "248")
    claim = _find(text, "𝔊aza")
    nodes, table = nest(text, [Mark(*figure, "figure", "f", [0]), Mark(*claim, "claim", "c", [1])])
    assert mark_texts(nodes, table) == {("figure", *figure): "248", ("claim", *claim): "𝔊aza"}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab 😀\n\u0301", min_size=0, max_size=40),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40),
                          st.sampled_from(["claim", "figure", "speaker", "cue"]), st.integers(0, 3)), max_size=8))
def test_any_highlights_nest_and_keep_their_text(text, raw):
    marks = [Mark(min(a, b), max(a, b), role, role, [c]) for a, b, role, c in raw]
    nodes, table = nest(text, marks)
    assert flatten(nodes) == text
    for (role, s, e), got in mark_texts(nodes, table).items():
        assert got == text[s:e]
    kept = {(m.start, m.end, m.role) for m in marks if 0 <= m.start < m.end <= len(text)}
    assert {(m.start, m.end, m.role) for m in table} == kept


# --- where texts come from ------------------------------------------------------------------------

ARTICLE = "Kelmora flood\n\n\"The river rose fast,\" said Mayor Elena Vásquez.\n"
SPECS = [{"content": "The river rose fast,", "speaker": ("Elena Vásquez", "person"), "cue": "said",
          "kind": "direct"}]


def _finder_case(tmp_path, case):
    """(TextFinder, DocInfo, claims, claim file folder) for one case of the table below."""
    folder = tmp_path / "claims"
    folder.mkdir()
    listed = {}
    path = None
    text = ARTICLE
    if case in ("file", "file-beside-claims", "document-wrong-file-right"):
        (folder if case == "file-beside-claims" else tmp_path).joinpath("a.txt").write_text(text, encoding="utf-8")
        path = "a.txt"
    elif case == "cp1252":
        (tmp_path / "a.txt").write_bytes(text.encode("cp1252"))
        path = "a.txt"
    elif case == "gzip":
        (tmp_path / "a.txt.gz").write_bytes(gzip.compress(text.encode("utf-8")))
        path = "a.txt.gz"
    elif case == "edited":
        (tmp_path / "a.txt").write_text(text.replace("Kelmora", "Town of Kelmora"), encoding="utf-8")
        path = "a.txt"
    elif case == "corpus":
        (tmp_path / "export.csv").write_text("id,text\na," + text, encoding="utf-8")
        path = "export.csv"
    elif case == "html":
        (tmp_path / "a.html").write_text(f"<html><body><p>{text}</p></body></html>", encoding="utf-8")
        path = "a.html"
    elif case == "missing":
        path = "gone.txt"
    doc = doc_info("a", path=path)
    if case == "cp1252":
        doc["encoding"] = "cp1252"
    claims = claims_of(doc, text, SPECS)
    if case in ("document", "document-wrong-file-right"):
        listed["a"] = (DocText(**doc, text=text if case == "document" else "another text entirely"), "c.json")
    if case == "document-without-text":
        listed["a"] = (DocText(**doc), "c.json")
    return TextFinder(listed, cwd=tmp_path), msgspec.convert(doc, DocInfo), claims, folder


@pytest.mark.parametrize("case, source, note", [
    ("document", "document", "text from the claims document c.json"),
    ("file", "file", "text read from a.txt (UTF-8)"),
    ("file-beside-claims", "file", "text read from a.txt (UTF-8)"),
    ("gzip", "file", "text read from a.txt.gz (UTF-8)"),
    ("cp1252", "file", "text read from a.txt (cp1252)"),
    ("document-wrong-file-right", "file", "text read from a.txt (UTF-8)"),
    ("edited", "none", "a.txt does not hold claim a#0 at its offsets"),
    ("corpus", "none", "export.csv is a corpus file"),
    ("html", "none", "a.html is a web page"),
    ("missing", "none", "gone.txt not found"),
    ("stdin", "none", "no doc.path: it was read from standard input"),
    ("document-without-text", "none", "the claims document carries no text for it"),
])
def test_where_an_article_text_comes_from(tmp_path, case, source, note):
    finder, doc, claims, folder = _finder_case(tmp_path, case)
    found = finder.find(doc, claims, folder)
    assert found.source == source
    assert note in found.note
    if source == "none":
        assert found.text is None and found.note.startswith("no text to show (")
    else:
        s, e = claims[0].span
        assert found.text[s:e] == claims[0].text


def test_a_file_is_read_once_for_all_its_documents(tmp_path, monkeypatch):
    import claimx.report.texts as texts

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    reads = []
    real = texts._read_text
    monkeypatch.setattr(texts, "_read_text", lambda *a: reads.append(a) or real(*a))
    finder = TextFinder({}, cwd=tmp_path)
    for n in range(3):
        doc = doc_info(f"d{n}", path="a.txt")
        assert finder.find(msgspec.convert(doc, DocInfo), claims_of(doc, ARTICLE, SPECS)).source == "file"
    assert len(reads) == 1


def test_json_document_gives_the_texts_and_json_lines_none(tmp_path):
    doc = doc_info("a")
    claims = claims_of(doc, ARTICLE, SPECS)
    document = tmp_path / "c.json"
    document.write_bytes(msgspec.json.format(msgspec.json.encode(
        {"schema": 2, "documents": [dict(doc, text=ARTICLE), dict(doc_info("b"), text="no claims here")],
         "claims": claims}), indent=2))
    lines = tmp_path / "c.jsonl"
    lines.write_bytes(b"\n".join(msgspec.json.encode(c) for c in claims))
    got = read_claim_file_with_texts(document)
    assert got.claims == claims and got.path == document and got.name == str(document)
    assert [(d.id, d.text) for d in got.documents] == [("a", ARTICLE), ("b", "no claims here")]
    plain = read_claim_file_with_texts(lines)
    assert plain.claims == claims and plain.documents == []
    # a text that is not a string costs the texts, not the claims
    broken = tmp_path / "broken.json"
    broken.write_bytes(msgspec.json.encode({"schema": 2, "documents": [dict(doc, text=5)], "claims": claims}))
    got = read_claim_file_with_texts(broken)
    assert got.claims == claims and got.documents == []


# --- the report's data ----------------------------------------------------------------------------

def test_the_golden_seeds_read_their_texts_from_doc_path(monkeypatch):
    monkeypatch.chdir(ROOT)           # doc.path is "seeds/<name>.txt", relative to the repository
    files = [read_claim_file_with_texts(p) for p in GOLDEN_SEEDS]
    report = build_report(files)
    everything = read_claims(GOLDEN_SEEDS)
    assert report.counts["text_file"] == 5 and report.counts["claims"] == len(everything)
    shown = [c.id for v in report.views for c in v.claims]
    assert sorted(shown) == sorted(c.id for c in everything)          # each claim once
    for view in report.views:
        for doc in view.docs:
            assert doc.text_from == "file" and doc.note.startswith("text read from seeds/")
            content = {i for text, claims in doc.marks if text.startswith("c ") for i in claims}
            assert content == set(doc.claims)                        # every claim highlighted
    # the 2021 article and the 2024 ones are different events; 2024's tolls are compared
    of = {d.id: v.id for v in report.views for d in v.docs}
    assert of["000_3dd9c1427ddf2f02"] != of["001_6b628c7829295f24"] == of["003_235104b8d8913195"]
    rows = [r for v in report.views for r in v.rows]
    assert {r.kind for r in rows} >= {"conflict", "shared"}


def test_outlets_side_by_side_rows_and_only():
    files = [read_claim_file_with_texts(DATA / "ledger.jsonl"), read_claim_file_with_texts(DATA / "wire.jsonl")]
    report = build_report(files, ReportSettings(diff=DiffSettings(acts=None)))
    (view,) = report.views
    assert view.sources == ["Northern Ledger", "Coastal Wire"]
    ids = [c.id for c in view.claims]
    pairs = set()
    for row in view.rows:
        assert len(row.cells) == 2
        assert all(ids[i].startswith("ledger") for i in row.cells[0])
        assert all(ids[i].startswith("wire") for i in row.cells[1])
        pairs |= {(row.kind, ids[link.a], ids[link.b]) for link in row.links}
    assert ("conflict", "ledger_flood#2", "wire_flood#2") in pairs
    assert ("attribution", "ledger_flood#1", "wire_flood#1") in pairs
    assert [r.kind for r in view.rows] == sorted((r.kind for r in view.rows),
                                                   key=["conflict", "attribution", "shared"].index)
    conflict = next(r for r in view.rows if r.kind == "conflict")
    assert any(not f.agree for link in conflict.links for f in link.figures)
    # the conflicting figures are marked in the claims' words
    words = json.dumps([view.claims[i].text for cell in conflict.cells for i in cell])
    assert "fig fig-bad" in words
    linked = {i for r in view.rows for cell in r.cells for i in cell}
    only = {i for cell in view.only for i in cell}
    assert not linked & only and linked | only == set(range(len(ids)))


def test_three_outlets_one_event_join_into_one_row():
    text = "Mayor Vásquez said the Kelmora bridge will reopen on Friday after repairs."
    specs = [{"content": "the Kelmora bridge will reopen on Friday after repairs", "speaker": ("Vásquez", "person")}]
    files = [document_file("c.json", [(doc_info(d, outlet=o, title="Bridge reopens on Friday in Kelmora"), text, specs)
                                      for d, o in (("a", "Ledger"), ("b", "Wire"), ("c", "Post"))])]
    report = build_report(files)
    (view,) = report.views
    assert view.sources == ["Ledger", "Wire", "Post"]
    assert [r.kind for r in view.rows] == ["shared"]
    assert view.rows[0].cells == [[0], [1], [2]]


def test_acts_not_compared_are_listed_apart():
    text = "Hafez said talks would resume. Hafez wants a truce by June."
    specs = [{"content": "talks would resume", "speaker": ("Hafez", "person")},
             {"content": "a truce by June", "speaker": (("Hafez", 2), "person"), "act": "intention"}]
    report = build_report([document_file("c.json", [(doc_info("a"), text, specs)])])
    (view,) = report.views
    assert [[view.claims[i].id for i in cell] for cell in view.only] == [["a#0"]]
    assert [[view.claims[i].id for i in cell] for cell in view.other] == [["a#1"]]
    every = build_report([document_file("c.json", [(doc_info("a"), text, specs)])],
                         ReportSettings(diff=DiffSettings(acts=None)))
    assert every.views[0].other == [[]]


def test_an_article_without_text_lists_its_claims_with_their_sentences():
    doc = doc_info("a")
    claims = claims_of(doc, ARTICLE, SPECS)
    report = build_report([ClaimFile(name="c.jsonl", path=None, claims=claims)])
    (view,) = report.views
    (article,) = view.docs
    assert article.body is None and article.text_from == "none" and article.claims == [0]
    assert view.claims[0].sentence == claims[0].sentence
    with_text = build_report([document_file("c.json", [(doc, ARTICLE, SPECS)])])
    assert with_text.views[0].claims[0].sentence is None      # the article shows it in context


def test_documents_without_claims_are_a_group_of_their_own():
    files = [document_file("c.json", [(doc_info("a"), ARTICLE, SPECS), (doc_info("quiet", outlet="Wire"),
                                                                        "Nothing was said.", [])])]
    report = build_report(files)
    assert [v.id for v in report.views] == ["e1", NO_CLAIMS_EVENT]
    lonely = report.views[-1].docs
    assert [(d.id, d.body, d.claims) for d in lonely] == [("quiet", ["Nothing was said."], [])]
    assert report.counts["articles"] == 2
    assert report.index.events[-1].lonely == [report.index.outlets.index("Wire")]


def test_a_claim_given_twice_is_shown_once():
    file = document_file("c.json", [(doc_info("a"), ARTICLE, SPECS)])
    report = build_report([file, file])
    assert report.repeated == ["a#0"] and report.counts["claims"] == 1


def test_empty_input_is_an_empty_report():
    report = build_report([ClaimFile(name="empty.jsonl", path=None, claims=[])])
    assert report.views == [] and report.counts["claims"] == 0
    assert "No claims in the input." in render_report(report)


# --- the page -------------------------------------------------------------------------------------

HOSTILE = 'Hamas said </script><script>alert("x")</script> & <img src=x onerror=alert(1)> \u2028 were \'lies\'.'


def test_everything_from_the_claims_is_escaped():
    specs = [{"content": '</script><script>alert("x")</script> & <img src=x onerror=alert(1)> \u2028 were \'lies\'',
              "speaker": ("Hamas", "organization")}]
    doc = doc_info("x<y", outlet="<b>Wire</b>", title="<script>alert(2)</script>")
    report = build_report([document_file("<c>.json", [(doc, HOSTILE, specs)])],
                          ReportSettings(title='Talks </title><script>alert(3)</script>'))
    html = render_report(report)
    assert "<script>alert" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;/title&gt;&lt;script&gt;alert(3)" in html                    # the title, as text
    assert "&lt;b&gt;Wire&lt;/b&gt;" in html                                 # the outlet filter
    view = page_json(html, "data-e1")
    assert view["claims"][0]["text"] == [specs[0]["content"]]                 # the JSON round-trips
    assert view["docs"][0]["title"] == "<script>alert(2)</script>"
    assert len(re.findall(r"<script[ >]", html)) == 1 + 1 + 1                 # index, one event, the code


def test_only_the_inlined_style_and_script_may_run_and_nothing_is_fetched():
    report = build_report([document_file("c.json", [(doc_info("a"), ARTICLE, SPECS)])])
    html = render_report(report)
    css = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    js = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert unescape(policy) == content_policy(css, js)
    assert "default-src 'none'" in unescape(policy) and "unsafe" not in policy
    assert not re.search(r"https?://|//[a-z]|@import|url\(", html, re.I)      # no address at all


def test_the_same_claims_give_the_same_page():
    files = [read_claim_file_with_texts(DATA / "outlets.json")]
    assert render_report(build_report(files)) == render_report(build_report(files))


def test_small_reports_open_their_events_and_large_ones_do_not(monkeypatch):
    import claimx.report.build as build

    files = [read_claim_file_with_texts(DATA / "outlets.json")]
    assert all(e.open for e in build_report(files).events)
    monkeypatch.setattr(build, "OPEN_AT_MOST", 1)
    report = build_report(files)
    assert not any(e.open for e in report.events)
    assert "<details class=\"event\" id=\"event-e1\" data-event=\"e1\">" in render_report(report)


def test_building_and_rendering_never_import_spacy():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from claimx.cli.app import app\n"
        f"r = CliRunner().invoke(app, ['report', {str(DATA / 'outlets.json')!r}])\n"
        "assert r.exit_code == 0, r.output\n"
        "assert '<!DOCTYPE html>' in r.stdout\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'trafilatura'))\n"
        "print(bad)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_report_messages_live_in_errors():
    for name in ("REPORT_TERMINAL", "TEXT_FROM_DOCUMENT", "TEXT_FROM_FILE", "TEXT_NONE", "TEXT_MISMATCH"):
        assert isinstance(getattr(errors, name), str)
