#!/usr/bin/env python3
"""How long `claimx diff` takes as the claims grow: two sources of N claims each, all in one event
(the worst case: nothing is split off by events) and spread over events of 50 documents.

    python benchmarks/diff_speed.py                  # 1k, 5k and 20k claims a side
    python benchmarks/diff_speed.py --sizes 1000 5000

The claims are made up from the words of the golden articles' claims (tests/golden), shuffled and
recombined, with speakers from a pool of names and figures on a third of them, so the numbers do
not depend on any corpus outside the repository. Prints wall and CPU seconds of one run each.

On this machine (2 cores, shared), 2026-12-01, with bounded blocking (docs/query-and-diff.md,
"Which pairs are scored"): one event, 1k 0.4 s, 5k 2.9 s, 20k 9.1 s a side; events of 50
documents, 1k 0.5 s, 5k 3.0 s, 20k 10.3 s. Paired A B A B against the previous commit (every
figure of one measure paired with every other within an event), 5k a side in one event: 116 s /
103 s wall (97 / 100 s CPU) before, 2.9 s / 3.3 s after; events of 50 documents 4.1 / 4.0 s
before, 2.5 / 3.0 s after.
"""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from claimx.claimfiles import read_claims
from claimx.diff import DiffSettings, diff_events, diff_sources
from claimx.schema import Claim, ClaimDate, DocInfo, Figure, Speaker

ROOT = Path(__file__).resolve().parent.parent


def make_side(n: int, side: str, words: list[str], names: list[str], rng: random.Random,
              docs_per_event: int | None) -> list[Claim]:
    out = []
    per_doc = 10
    for k in range(n):
        d = k // per_doc
        event = d // docs_per_event if docs_per_event else 0
        published = f"2024-{1 + event // 28 % 12:02d}-{1 + event % 28:02d}"
        doc = DocInfo(id=f"{side}{d}", path=None, title=" ".join(rng.sample(words, 6)), outlet=f"Outlet {side}",
                      author=None, published=published)
        text = " ".join(rng.sample(words, rng.randint(8, 20)))
        figures = []
        if k % 3 == 0:
            value = rng.choice([12, 31, 248, 1200, 34600, 40000])
            text = f"{value} people were killed, " + text
            figures.append(Figure(text=str(value), span=(0, len(str(value))), value=value, unit=None,
                                  qualifier=None, subject="people", kind="count"))
        name = rng.choice(names)
        out.append(Claim(id=f"{doc.id}#{k % per_doc}", doc=doc, kind="indirect", act="assertion", text=text,
                         span=(0, len(text)), speaker=Speaker(text=name, name=name, type="person", title=None,
                                                              span=(0, 1)),
                         cue=None, date=ClaimDate(value=published, text=None, basis="published"),
                         figures=figures, sentence=text))
    return out


def timed(fn):
    w, c = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - w, time.process_time() - c


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    ap.add_argument("--one-event-max", type=int, default=20000,
                    help="largest size run with every claim in one event")
    args = ap.parse_args()
    golden = read_claims(sorted((ROOT / "tests" / "golden").rglob("*.jsonl")))
    words = sorted({w for c in golden for w in c.text.split() if w.isalpha() and len(w) > 2})
    rng = random.Random(7)
    names = [f"{a} {b}" for a in rng.sample(words, 40) for b in rng.sample(words, 10)]
    settings = DiffSettings()
    print(f"{'claims a side':>14} {'layout':>22} {'records':>8} {'wall s':>8} {'cpu s':>8}")
    for n in args.sizes:
        for layout, per_event in (("one event", None), ("events of 50 documents", 50)):
            if per_event is None and n > args.one_event_max:
                print(f"{n:>14,} {layout:>22}  skipped (--one-event-max {args.one_event_max})", flush=True)
                continue
            a = make_side(n, "a", words, names, rng, per_event)
            b = make_side(n, "b", words, names, rng, per_event)
            if per_event is None:
                records, wall, cpu = timed(lambda: diff_sources([("a", a), ("b", b)], settings))
            else:
                (_, records), wall, cpu = timed(lambda: diff_events([("a", a), ("b", b)], settings, every_pair=True))
            print(f"{n:>14,} {layout:>22} {len(records):>8,} {wall:>8.1f} {cpu:>8.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
