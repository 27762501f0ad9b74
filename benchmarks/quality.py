#!/usr/bin/env python3
"""Quote detection and speaker attribution on the PolNeAR dev split, scored by ../shared/eval/score.py.

    python benchmarks/quality.py                 # all 294 dev articles
    python benchmarks/quality.py --every 5       # every 5th article (the pre-stop sample)
    python benchmarks/quality.py --pred out.jsonl --keep DIR

The articles are read from ../shared/eval/polnear/dev.jsonl and written only to a temporary folder
(they are other publishers' texts: never commit them). Prints the scorer's table.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import msgspec

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(EVAL / "polnear" / "dev.jsonl"))
    ap.add_argument("--every", type=int, default=1, help="score every Nth article (sorted by id)")
    ap.add_argument("--pred", help="also keep the predictions in this file")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--json", action="store_true", help="print the scorer's JSON")
    args = ap.parse_args()

    from claimx.inputs import Article
    from claimx.pipeline import build_pipeline, extract_articles

    docs = sorted((json.loads(l) for l in open(args.gold, encoding="utf-8") if l.strip()), key=lambda d: d["id"])
    docs = docs[:: args.every]
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.jsonl"
        pred = Path(args.pred) if args.pred else Path(tmp) / "pred.jsonl"
        gold.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        nlp = build_pipeline()
        t0 = time.perf_counter()
        enc = msgspec.json.Encoder()
        n = 0
        with open(pred, "wb") as out:
            articles = (Article(id=d["id"], path=None, text=d["text"]) for d in docs)
            for result in extract_articles(nlp, articles, n_process=args.processes):
                for c in result.claims:
                    out.write(enc.encode(c) + b"\n")
                    n += 1
        secs = time.perf_counter() - t0
        print(f"{len(docs)} articles, {n} claims, {secs:.1f} s", file=sys.stderr)
        cmd = [sys.executable, str(EVAL / "score.py"), str(gold), str(pred)] + (["--json"] if args.json else [])
        return subprocess.run(cmd).returncode


if __name__ == "__main__":
    sys.exit(main())
