#!/usr/bin/env python3
"""How big and how fast `claimx report` is for many articles: build time, file size, and (when
Debian's chromium is installed) how long the page takes to load and to open an event.

    python benchmarks/report_size.py                    # 1,000 articles
    python benchmarks/report_size.py --articles 100 1000 3000
    python benchmarks/report_size.py --keep report.html # keep the page of the last size to look at

The claims document is synthetic: invented towns, people and outlets, events of three articles
by three outlets (a flood, quotes by the mayor and officials, death tolls and repair costs that
sometimes agree and sometimes do not), about 12 claims and 4,500 characters an article, every
offset real (`text[start:end] == claim["text"]`), written as `claimx extract --format json`
would. Nothing outside the repository is read.

Columns: `build` is reading the claims document, grouping events, aligning outlets and rendering
the page (seconds, one run); `load` is chromium's time from navigation to the page being ready
(the summary lines of every event, the filters; events render when opened); `open` the time to
open the largest event and one of its articles.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import msgspec

FIRST = "Mara Tomas Ilse Owen Rafa Lena Piet Ana Jonas Sofi Kai Noor Ezra Livia Bram Yusra".split()
LAST = ("Varga Okafor Lindqvist Moreau Haddad Brandt Castell Oyelaran Nakamura Rossi Ferrante Dalca "
        "Strand Amadi Kovacs Ibarra").split()
SYLLABLES = "kel mo ra os ter vin da lu sar bel no quin tor ev ash im".split()
OUTLETS = ["Northern Ledger", "Coastal Wire", "Daily Meridian", "Harbor Post", "Valley Times", "Civic Herald"]
QUOTES = [
    "The river rose faster than any of our models predicted",
    "We will rebuild every bridge before the winter",
    "Nobody in this town will be left without a roof",
    "The warnings came too late for the lower districts",
    "Our teams will keep searching through the night",
    "The dam held, but the spillway did not",
    "We asked for new pumps two years ago",
    "Families can return once the engineers have checked each street",
]
CLAUSES = [
    "the dam had not been inspected for a decade",
    "rescue teams would keep searching the flooded districts",
    "the schools would stay closed until the end of the month",
    "emergency shelters had room for every displaced family",
    "the evacuation order would be lifted on Friday",
    "the regional government would pay for temporary housing",
]
FILLER = [
    "Water covered the market square and the streets around the old mill.",
    "Volunteers carried sandbags to the houses closest to the river bank.",
    "Several roads into the town remained closed on the second day.",
    "Local shops opened their storerooms to people who had lost their homes.",
    "The railway line to the coast was suspended while engineers checked the tracks.",
    "Residents gathered at the sports hall, where the council set up a help desk.",
]


class _Text:
    def __init__(self):
        self.parts: list[str] = []
        self.size = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(piece)
        self.size += len(piece)
        return start, self.size

    def value(self) -> str:
        return "".join(self.parts)


def _article(rng: random.Random, event: int, outlet: str, doc_id: str, day: str, town: str, mayor: str,
             official: str, toll: int, cost: int) -> tuple[dict, list[dict]]:
    title = f"{town} counts the cost of the flood"
    doc = {"id": doc_id, "path": f"articles/{doc_id}.txt", "title": title, "outlet": outlet, "author": None,
           "published": day, "url": None}
    t = _Text()
    t.add(f"{title}\n{outlet}\n\n")
    claims: list[dict] = []

    def claim(kind, act, span, text, sentence, speaker=None, cue=None, figures=()):
        claims.append({"id": f"{doc_id}#{len(claims)}", "doc": doc, "kind": kind, "act": act, "text": text,
                       "span": list(span), "speaker": speaker, "cue": cue, "within": None,
                       "date": {"value": day, "text": None, "basis": "published"}, "figures": list(figures),
                       "sentence": sentence})

    for paragraph in range(12):
        form = (paragraph + event) % 4
        start = t.size
        if form == 0:
            reported = toll + rng.choice((0, 0, 0, 3, 40))
            qualifier, word = rng.choice(((None, ""), ("at_least", "at least "), ("about", "around ")))
            t.add("The flood killed ")
            f_span = t.add(f"{word}{reported:,}")
            t.add(f" people in {town} this week")
            end = t.size
            t.add(".")
            text = t.value()[start:end]
            claim("unattributed", None, (start, end), text, text + ".",
                  figures=[{"text": f"{word}{reported:,}", "span": list(f_span), "value": reported, "unit": None,
                            "qualifier": qualifier, "subject": "people", "kind": "count"}])
        elif form == 1:
            quote = rng.choice(QUOTES)
            t.add("\"")
            span = t.add(quote)
            t.add(",\" ")
            cue = t.add("said")
            t.add(" Mayor ")
            sp = t.add(mayor)
            t.add(".")
            claim("direct", "assertion", span, quote, t.value()[start:t.size],
                  speaker={"text": mayor, "name": mayor, "type": "person", "title": "Mayor", "span": list(sp)},
                  cue={"text": "said", "lemma": "say", "span": list(cue)})
        elif form == 2:
            sp = t.add(official)
            t.add(" ")
            cue = t.add("said")
            t.add(" that ")
            clause = rng.choice(CLAUSES)
            span = t.add(clause)
            t.add(".")
            claim("indirect", rng.choice(("assertion", "assertion", "belief", "intention")), span, clause,
                  t.value()[start:t.size],
                  speaker={"text": official, "name": official, "type": "person", "title": None, "span": list(sp)},
                  cue={"text": "said", "lemma": "say", "span": list(cue)})
        else:
            words = f"Repairs to the {town} bridge will cost ${cost} million"
            span = t.add(words)
            t.add(", ")
            cue = t.add("according to")
            t.add(" ")
            agency = f"the {town} water authority"
            sp = t.add(agency)
            t.add(".")
            fig_start = span[0] + words.index("$")
            claim("according_to", "assertion", span, words, t.value()[start:t.size],
                  speaker={"text": agency, "name": agency, "type": "organization", "title": None, "span": list(sp)},
                  cue={"text": "according to", "lemma": "according to", "span": list(cue)},
                  figures=[{"text": f"${cost} million", "span": [fig_start, fig_start + len(f"${cost} million")],
                            "value": cost * 1_000_000, "unit": "USD", "qualifier": None, "subject": "repairs",
                            "kind": "money"}])
        t.add(" " + " ".join(rng.sample(FILLER, 4)) + "\n\n")
    doc_text = dict(doc, text=t.value())
    return doc_text, claims


def synthetic_document(articles: int, seed: int = 7) -> bytes:
    """A `claimx extract --format json` document of ``articles`` invented articles."""
    rng = random.Random(seed)
    documents, claims = [], []
    for n in range(articles):
        event, k = divmod(n, 3)
        town = "".join(random.Random(event).sample(SYLLABLES, 3)).capitalize()
        people = random.Random(event * 7 + 1)
        mayor = f"{people.choice(FIRST)} {people.choice(LAST)}"
        official = f"{people.choice(FIRST)} {people.choice(LAST)}"
        day = f"20{20 + event // 336 % 6}-{1 + event // 28 % 12:02d}-{1 + event % 28:02d}"
        outlet = OUTLETS[(event + k) % len(OUTLETS)]
        toll = 10 + people.randrange(400)
        cost = 2 + people.randrange(40)
        doc, cs = _article(rng, event, outlet, f"a{n:05d}", day, town, mayor, official, toll, cost)
        documents.append(doc)
        claims.extend(cs)
    return msgspec.json.encode({"schema": 2, "documents": documents, "claims": claims})


def build(path: Path, out: Path) -> float:
    from claimx.claimfiles import read_claim_file_with_texts
    from claimx.report import ReportSettings, build_report, render_report

    start = time.perf_counter()
    report = build_report([read_claim_file_with_texts(path)], ReportSettings())
    out.write_text(render_report(report), encoding="utf-8")
    return time.perf_counter() - start


def browser_times(page_path: Path) -> tuple[float, float] | None:
    chromium = shutil.which("chromium")
    if chromium is None:
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        page = browser.new_page()
        start = time.perf_counter()
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("html[data-ready]")
        load = time.perf_counter() - start
        largest = page.evaluate("""() => {
            let best = null, n = -1;
            document.querySelectorAll('script[id^="data-"]').forEach(s => {
                if (s.textContent.length > n) { n = s.textContent.length; best = s.id.slice(5); }
            });
            return best; }""")
        start = time.perf_counter()
        page.click(f"#event-{largest} > summary")
        page.locator(f"#event-{largest} .art > summary").first.click()
        page.wait_for_selector(f"#event-{largest} .art .text")
        opened = time.perf_counter() - start
        browser.close()
    return load, opened


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    parser.add_argument("--keep", type=Path, help="keep the page of the last size here")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.articles:
            data = synthetic_document(n)
            claims_path = Path(tmp) / f"claims-{n}.json"
            claims_path.write_bytes(data)
            page = Path(tmp) / f"report-{n}.html"
            seconds = build(claims_path, page)
            times = browser_times(page)
            claims = len(msgspec.json.decode(data)["claims"])
            rows.append((n, claims, len(data), seconds, page.stat().st_size, times))
            if args.keep:
                shutil.copyfile(page, args.keep)
    print(f"{'articles':>8} {'claims':>7} {'input MB':>9} {'build s':>8} {'page MB':>8} {'load s':>7} {'open s':>7}")
    for n, claims, size_in, seconds, size, times in rows:
        load, opened = (f"{times[0]:.2f}", f"{times[1]:.2f}") if times else ("-", "-")
        print(f"{n:>8} {claims:>7} {size_in / 1e6:>9.1f} {seconds:>8.2f} {size / 1e6:>8.1f} {load:>7} {opened:>7}")
    if rows and rows[-1][5] is None:
        print("(load and open: chromium is not installed)", file=sys.stderr)


if __name__ == "__main__":
    main()
