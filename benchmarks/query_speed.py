#!/usr/bin/env python3
"""`claimx query` and `claimx diff` over 100,000 claims, against jq on the same filters.

    python benchmarks/query_speed.py                         # 100k claims made from the golden articles'
    python benchmarks/query_speed.py --claims claims.jsonl   # ... or from any claim file
    python benchmarks/query_speed.py --n 20000 --rounds 1

The claims are copied until there are N of them, each copy a document of its own (ids, doc ids
and outlets renamed), into a temporary file; nothing is written into the repository. Each filter is
run as whole commands, claimx and jq alternating (A B A B ...), and the median of the rounds is
printed: wall seconds, CPU seconds (user + system of the child), and claimx's time over jq's.
Also `claimx --help` and `claimx query --help` (start-up), and `claimx diff --by outlet` over
--n-diff claims (20,000; no jq equivalent: every pair of the seven outlets is compared, event by
event, and the copies of one article are all alike, which makes it a worst case).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAIMX = [str(Path(sys.executable).with_name("claimx"))]

# name, claimx arguments (after the file), jq program (and its flags)
FILTERS = [
    ("speaker", ["--speaker", "mayor"],
     ["-c", 'select(.speaker != null and ((.speaker.name + " " + .speaker.text) | test("\\\\bmayor\\\\b"; "i")))']),
    ("figures >= 1000", ["--has-figures", "--min-value", "1000"], ["-c", "select(any(.figures[]; .value >= 1000))"]),
    ("act + kind", ["--act", "assertion", "--kind", "direct"], ["-c", 'select(.act == "assertion" and .kind == "direct")']),
    ("count", ["--count"], ["-n", "[inputs] | length"]),
    ("group by outlet", ["--group-by", "outlet"],
     ["-c", "-s", "group_by(.doc.outlet) | map({outlet: .[0].doc.outlet, count: length}) | .[]"]),
]


def make_claims(source: list[Path], n: int, out: Path) -> int:
    lines = [line for p in source for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    written = 0
    with out.open("w", encoding="utf-8") as f:
        copy = 0
        while written < n:
            for line in lines:
                if written >= n:
                    break
                c = json.loads(line)
                c["id"] = f"{c['id']}~{copy}"
                c["doc"]["id"] = f"{c['doc']['id']}~{copy}"
                c["doc"]["outlet"] = f"{c['doc'].get('outlet') or 'Outlet'} {copy % 7}"
                f.write(json.dumps(c, ensure_ascii=False) + "\n")
                written += 1
            copy += 1
    return written


def timed(cmd: list[str]) -> tuple[float, float, bytes]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=Path, nargs="+", help="claim files to copy (default: tests/golden)")
    ap.add_argument("--n", type=int, default=100_000, help="claims in the file queried (default 100,000)")
    ap.add_argument("--n-diff", type=int, default=20_000, help="claims diffed --by outlet (default 20,000)")
    ap.add_argument("--rounds", type=int, default=3, help="paired rounds; the median is printed")
    args = ap.parse_args()
    jq = shutil.which("jq")
    source = args.claims or sorted((ROOT / "tests" / "golden").rglob("*.jsonl"))
    with tempfile.TemporaryDirectory() as tmp:
        claims = Path(tmp) / "claims.jsonl"
        n = make_claims(source, args.n, claims)
        size = claims.stat().st_size / 2**20
        print(f"{n:,} claims, {size:.0f} MiB; machine load {os.getloadavg()[0]:.2f}; median of {args.rounds}")
        print(f"{'command':<24} {'claimx s':>9} {'cpu s':>7} {'jq s':>7} {'cpu s':>7} {'claimx/jq':>10}")
        rows = [(name, [*CLAIMX, "query", str(claims), *extra], [jq, *prog, str(claims)] if jq else None)
                for name, extra, prog in FILTERS]
        rows.append(("claimx --help", [*CLAIMX, "--help"], None))
        rows.append(("claimx query --help", [*CLAIMX, "query", "--help"], None))
        diffed = Path(tmp) / "diffed.jsonl"
        make_claims(source, args.n_diff, diffed)
        rows.append((f"diff {args.n_diff // 1000}k --by outlet", [*CLAIMX, "diff", str(diffed), "--by", "outlet",
                                                              "--only", "conflict"], None))
        for name, ours, theirs in rows:
            a, b = [], []
            for _ in range(args.rounds):
                a.append(timed(ours)[:2])
                if theirs:
                    b.append(timed(theirs)[:2])
            wall_a, cpu_a = statistics.median(w for w, _ in a), statistics.median(c for _, c in a)
            if b:
                wall_b, cpu_b = statistics.median(w for w, _ in b), statistics.median(c for _, c in b)
                print(f"{name:<24} {wall_a:>9.2f} {cpu_a:>7.2f} {wall_b:>7.2f} {cpu_b:>7.2f} {wall_a / wall_b:>9.2f}x",
                      flush=True)
            else:
                print(f"{name:<24} {wall_a:>9.2f} {cpu_a:>7.2f} {'':>7} {'':>7} {'':>10}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
