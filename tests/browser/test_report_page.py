"""The report in a real browser: the seeds' page (claimx extract seeds/ --format json, then claimx
report) renders, shows every claim exactly at its words, a click shows a claim's details, the
filters hide and show, and nothing errs or leaves the file (tests/browser/conftest.py watches)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli.app import app
from claimx.claimfiles import ClaimFile
from claimx.report import build_report, render_report
from claimx.schema import DocText
from tests.test_report import claims_of, doc_info

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="session")
def seeds(tmp_path_factory):
    """(the seeds' claims document, its claims as dicts, the report page)."""
    folder = tmp_path_factory.mktemp("seeds-report")
    claims_path = folder / "seeds.json"
    done = subprocess.run([sys.executable, "-m", "claimx", "extract", "seeds/", "--format", "json",
                           "-o", str(claims_path)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    page = folder / "report.html"
    result = CliRunner().invoke(app, ["report", str(claims_path), "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    return claims_path, json.loads(claims_path.read_text(encoding="utf-8"))["claims"], page


def expand_all(page) -> None:
    page.click("#expand-all")
    page.wait_for_function("document.querySelectorAll('.art .art-body[data-done]').length === "
                           "document.querySelectorAll('.art').length")


PIECES = """id => Array.from(document.querySelectorAll('.text [data-claim]'))
    .filter(e => e.dataset.claim.split(' ').includes(id)).map(e => e.textContent).join('')"""


def test_the_seeds_page_renders(watched, seeds):
    _, claims, path = seeds
    page = watched.open(path)
    assert page.title() == "claimx report: 5 articles, 5 outlets"
    assert page.locator("details.event").count() == 2
    assert page.locator("details.event[open] table.cmp").count() >= 2      # small: events open at once
    assert page.locator("#event-e2 tbody.r-conflict").count() >= 1
    assert "≠" in page.locator("#event-e2 tbody.r-conflict tr.why").first.inner_text()


def test_every_claim_is_on_the_page_exactly_at_its_words(watched, seeds):
    _, claims, path = seeds
    page = watched.open(path)
    expand_all(page)
    on_page = set(page.evaluate("""() => Array.from(document.querySelectorAll('[data-claim]'))
        .flatMap(e => e.dataset.claim.split(' '))"""))
    assert {c["id"] for c in claims} <= on_page
    for c in claims:          # the article highlights exactly the claim's words (offsets kept)
        assert page.evaluate(PIECES, c["id"]) == c["text"], c["id"]


def test_clicking_a_claim_shows_its_details(watched, seeds):
    _, claims, path = seeds
    claim = next(c for c in claims if c["speaker"] and c["cue"] and c["figures"] and c["date"]["value"])
    page = watched.open(path)
    expand_all(page)
    piece = page.locator(".text [data-claim]").filter(has_text=claim["text"][:20]).first
    piece.dispatch_event("click")
    panel = page.locator("#panel-body").inner_text()
    assert claim["speaker"]["name"] in panel
    assert claim["cue"]["text"] in panel
    assert claim["date"]["value"] in panel
    assert claim["id"] in panel
    for figure in claim["figures"]:
        assert figure["text"] in panel
    assert page.locator(".sel").count() >= 2           # the claim, its speaker and cue marked


def test_a_comparison_card_leads_to_the_article(watched, seeds):
    _, claims, path = seeds
    page = watched.open(path)
    card = page.locator("#event-e2 tbody.r-conflict .card").first
    claim_id = card.get_attribute("data-claim")
    card.click()
    assert claim_id in page.locator("#panel-body").inner_text()
    page.get_by_role("button", name="Show in the article").click()
    target = page.locator(f'#event-e2 .art[open] .text [data-claim~="{claim_id}"]').first
    target.wait_for()
    assert "sel" in target.get_attribute("class")
    text = next(c["text"] for c in claims if c["id"] == claim_id)
    assert page.evaluate(PIECES, claim_id) == text


def test_hover_marks_the_whole_claim(watched, seeds):
    _, claims, path = seeds
    page = watched.open(path)
    expand_all(page)
    claim = next(c for c in claims if c["speaker"] and c["cue"])
    page.locator(".text [data-claim]").filter(has_text=claim["text"][:20]).first.dispatch_event("mouseover")
    assert page.locator(".text .hov").count() >= 3     # its words, its speaker, its cue


def hidden(page, selector: str) -> list[bool]:
    return page.eval_on_selector_all(selector, "els => els.map(e => !!e.closest('[hidden]'))")


def test_filters_hide_and_show(watched, seeds):
    _, claims, path = seeds
    page = watched.open(path)
    expand_all(page)
    page.select_option("#f-outlet", label="CGTN")
    assert hidden(page, "details.event") == [False, True]
    assert page.locator("#f-status").inner_text() == "1 of 2 events match"
    assert hidden(page, "#event-e1 .art") == [False, True]            # the other article of e1

    page.click("#f-clear")
    assert hidden(page, "details.event") == [False, False] and page.locator(".off").count() == 0

    page.fill("#f-speaker", "haniyeh")
    haniyeh = {c["id"] for c in claims if c["speaker"] and "Haniyeh" in c["speaker"]["name"]}
    assert haniyeh and all(i.startswith("001_") for i in haniyeh)
    assert hidden(page, "details.event") == [True, False]             # e1 never quotes him
    in_e2 = [c for c in claims if c["doc"]["id"] in ("001_6b628c7829295f24", "003_235104b8d8913195")]
    for c in in_e2:
        classes = page.locator(f'.text [data-claim~="{c["id"]}"]').evaluate_all("els => els.map(e => e.className)")
        assert classes and all(("off" in cls.split()) != (c["id"] in haniyeh) for cls in classes), c["id"]

    page.click("#f-clear")
    for box in page.locator(".f-act").all():
        if box.get_attribute("value") != "2":                           # intention only
            box.uncheck()
    intentions = {c["id"] for c in claims if c["act"] == "intention"}
    assert intentions
    off = set(page.evaluate("""() => Array.from(document.querySelectorAll('.text .c.off'))
        .flatMap(e => e.dataset.claim.split(' '))"""))
    assert off and not off & intentions
    page.click("#f-clear")
    assert page.locator(".off").count() == 0 and page.locator("#f-status").inner_text() == ""


def test_a_large_report_renders_events_only_when_opened(watched, seeds, tmp_path, monkeypatch):
    import claimx.report.build as build

    monkeypatch.setattr(build, "OPEN_AT_MOST", 0)
    claims_path, claims, _ = seeds
    path = tmp_path / "collapsed.html"
    assert CliRunner().invoke(app, ["report", str(claims_path), "-o", str(path)]).exit_code == 0
    page = watched.open(path)
    assert page.locator("details.event[open]").count() == 0
    assert page.locator(".card, .text").count() == 0                  # nothing rendered yet
    page.click("#event-e1 > summary")                   # (the toggle event comes a moment later)
    page.locator("#event-e1 .card").first.wait_for()
    assert page.locator("#event-e1 .text").count() == 0
    page.locator("#event-e1 .art > summary").first.click()
    page.locator("#event-e1 .text").first.wait_for()
    assert page.locator("#event-e1 .text").count() == 1
    assert page.locator("#event-e2 .card, #event-e2 .text").count() == 0


def test_hostile_text_stays_text_and_offsets_survive_astral_characters(watched, tmp_path):
    text = ("🇵🇸 Über 𝔊aza 👍🏽: Hamas said </script><script>alert(1)</script> <img src=x onerror=alert(2)> "
            "was a lie. \"We counted 1,200 👍 dead,\" said 𝔐inister Strand.")
    specs = [{"content": "</script><script>alert(1)</script> <img src=x onerror=alert(2)> was a lie",
              "speaker": ("Hamas", "organization"), "cue": "said"},
             {"content": "We counted 1,200 👍 dead,", "speaker": ("𝔐inister Strand", "person"),
              "cue": ("said", 2), "kind": "direct", "figures": [("1,200", 1200)]}]
    doc = doc_info("x", title="<b>Gaza</b> & truce")
    claims = claims_of(doc, text, specs)
    report = build_report([ClaimFile("c.json", None, claims, [DocText(**doc, text=text)])])
    path = tmp_path / "hostile.html"
    path.write_text(render_report(report), encoding="utf-8")
    page = watched.open(path)
    page.locator("#event-e1 .art > summary").first.click()
    page.locator("#event-e1 .text").wait_for()
    assert page.locator("#event-e1 .text").inner_text() == text
    assert page.locator("img").count() == 0
    for c in claims:
        assert page.evaluate(PIECES, c.id) == c.text
    assert page.locator("#event-e1 .text .fig").inner_text() == "1,200"
    assert page.locator("#event-e1 .text .sp").all_inner_texts() == ["Hamas", "𝔐inister Strand"]
    assert "<b>Gaza</b> & truce" in page.locator("#event-e1 > summary").inner_text()
