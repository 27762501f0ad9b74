#!/usr/bin/env python3
"""claimx extract against bare spaCy on the same model: wall, docs/s, tokens/s, CPU, peak memory.

    .venv/bin/python benchmarks/speed.py                          # every section, PolNeAR dev, median of 3 (~1 h)
    .venv/bin/python benchmarks/speed.py --sections extract --repeat 1      # a quick look (~5 min)
    .venv/bin/python benchmarks/speed.py --sections long --huge   # the 2 MB article and a 5 MB one
    .venv/bin/python benchmarks/speed.py export.csv --column text=body      # any corpus file or folder
    .venv/bin/python benchmarks/speed.py --sections extract --before /tmp/old/src   # before -> after, paired

The input (default ../shared/eval/polnear/dev.jsonl) is read in place, by claimx's own readers on
both sides; what a section needs beyond it (the corpus twice and four times, one long article made
of its texts) is written to a temporary folder and removed. Nothing is written into the repository.

Sections (``--sections``, default all):

- ``extract``: ``claimx extract INPUT -j N`` against a script that reads the same articles and runs
  ``nlp.pipe(texts, batch_size=B, n_process=N)`` over ``spacy.load(model)`` (the full pipeline, NER
  included), for N = 1 and 2 (``--processes``); model load and start-up included on both sides,
  claimx with its own batches (``--claimx-batch-size`` to set them). Run in turn, claimx then spaCy,
  repeated (A B A B ...); each cell is the median of ``--repeat`` runs, each ratio the median of the
  ratios of the pairs. Also: -j 1 over -j 2 (the speed-up) and whether all outputs are
  byte-identical. ``--before SRC`` adds claimx run from another copy of ``src/`` (an older
  version: ``PYTHONPATH=SRC``) to each turn: before -> after in one run.
- ``scale``: ``claimx extract -j 2`` on 1x, 2x and 4x the corpus (time should grow linearly, memory
  stay flat).
- ``query``: ``claimx query`` and ``claimx diff`` over 100,000 claims against jq on the same
  filters, and the start-up of ``claimx --help`` (``benchmarks/query_speed.py``, run as it is).
- ``long``: one article of 2 MB made of the corpus's texts (and 5 MB with ``--huge``), ``-j 2``;
  its cost per character against the corpus's, and the CPU of each pipeline stage per character on
  the long article and on normal ones (every ``--stage-every``-th corpus article), in this process.

Columns: ``wall`` seconds; ``docs/s`` and ``tokens/s`` over wall time (tokens: the model's tokenizer
over the texts as read); ``CPU s``: user + system of the command and every process it started;
``peak MiB``: the largest sum of the resident memory of the command and its descendants, sampled
from /proc every 0.1 s (forked workers share their model pages, counted once per process here).

The machine is shared: the load average is printed before and after; compare ratios within one
run, and CPU seconds beside wall time.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUT = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
SECTIONS = ("extract", "scale", "long", "query")
PAGE = os.sysconf("SC_PAGE_SIZE")


# ---------------------------------------------------------------------------------------------
# Measuring one command: wall, CPU (children included), peak RSS summed over the process tree


def _tree_rss(root: int) -> int:
    """Bytes resident in ``root`` and all its descendants now (one pass over /proc)."""
    parent: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2:].split()
        parent[int(name)] = int(fields[1])
    children: dict[int, list[int]] = {}
    for pid, ppid in parent.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            pass
    return total


@dataclass
class Run:
    wall: float
    cpu: float
    peak: int                # bytes
    out: Path | None = None  # the command's standard output, kept for comparing


def measure(cmd: list[str], out: Path | None = None, interval: float = 0.1, src: str | None = None) -> Run:
    """Run ``cmd`` (stdout to ``out`` or nowhere; ``src``: import claimx from that folder instead);
    fail loudly when it fails."""
    sink = open(out, "wb") if out else open(os.devnull, "wb")
    err = tempfile.TemporaryFile()
    env = dict(os.environ, PYTHONPATH=src) if src else None
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=sink, stderr=err, cwd=ROOT, env=env)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)  # (the CPU of the children it waited for included)
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    sink.close()
    if proc.returncode != 0:
        err.seek(0)
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.read().decode(errors='replace')[-2000:]}")
    return Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, peak=peak[0], out=out)


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:12]


# ---------------------------------------------------------------------------------------------
# The two sides


def claimx_cmd(paths: list[str], columns: list[str], n: int, batch_size: int | None, model: str | None) -> list[str]:
    cmd = [sys.executable, "-m", "claimx", "extract", *paths, "-j", str(n), "--no-progress"]
    for c in columns:
        cmd += ["--column", c]
    if batch_size:
        cmd += ["--batch-size", str(batch_size)]
    if model:
        cmd += ["--model", model]
    return cmd


def spacy_cmd(paths: list[str], columns: list[str], n: int, batch_size: int, model: str) -> list[str]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "_bare", *paths, "--processes", str(n),
           "--batch-size", str(batch_size), "--model", model]
    for c in columns:
        cmd += ["--column", c]
    return cmd


def read_articles(paths: list[str], columns: list[str]):
    """The articles as claimx reads them (the same texts on both sides)."""
    from claimx.inputs import Article, ReadOptions, iter_inputs

    cols = dict(c.split("=", 1) for c in columns)
    return [a for a in iter_inputs(paths, ReadOptions(columns=cols)) if isinstance(a, Article)]


def bare(argv: list[str]) -> int:
    """The spaCy side: read the articles as claimx does, run ``nlp.pipe`` over their texts."""
    ap = argparse.ArgumentParser(prog="speed.py _bare")
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", required=True)
    ap.add_argument("--column", action="append", default=[])
    args = ap.parse_args(argv)
    import spacy

    nlp = spacy.load(args.model)
    nlp.max_length = 10**8
    texts = (a.text for a in read_articles(args.paths, args.column))
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=args.batch_size, n_process=args.processes))
    print(tokens)
    return 0


# ---------------------------------------------------------------------------------------------
# Tables


def load_average() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f}"


@dataclass
class Cell:
    runs: list[Run] = field(default_factory=list)

    def med(self, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)


def row(label: str, cell: Cell, docs: int, tokens: int) -> str:
    wall = cell.med("wall")
    return (f"| {label:<34} | {wall:>7.1f} | {docs / wall:>7.1f} | {tokens / wall:>9,.0f} | {cell.med('cpu'):>7.1f} "
            f"| {mib(cell.med('peak')):>8} |")


HEAD = ("| run                                |  wall s |  docs/s |  tokens/s |   CPU s | peak MiB |\n"
        "|------------------------------------|--------:|--------:|----------:|--------:|---------:|")


def ratio_row(label: str, a: Cell, b: Cell) -> str:
    """Medians of the per-pair ratios (pairs share the machine's load of the moment)."""
    r = lambda attr: statistics.median(x / y for x, y in zip((getattr(r, attr) for r in a.runs),  # noqa: E731
                                                               (getattr(r, attr) for r in b.runs)))
    return f"| {label:<34} | {r('wall'):>6.2f}x |         |           | {r('cpu'):>6.2f}x | {r('peak'):>7.2f}x |"


def count_tokens(texts, model: str) -> int:
    import spacy

    nlp = spacy.load(model, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"])
    nlp.max_length = 10**8
    return sum(len(nlp.make_doc(t)) for t in texts)


# ---------------------------------------------------------------------------------------------
# Sections


def section_extract(args, articles, tokens: int, tmp: Path) -> None:
    docs = len(articles)
    cells: dict[str, Cell] = {}
    sides = (["before"] if args.before else []) + ["claimx", "spacy"]
    print(f"\n## extract: claimx -j N against nlp.pipe(n_process=N, batch_size={args.batch_size}); "
          f"median of {args.repeat}, in turn ({' '.join(sides)}, again)", flush=True)
    for rep in range(args.repeat):
        for n in args.processes:
            for side in sides:
                if side == "spacy":
                    run = measure(spacy_cmd(args.paths, args.column, n, args.batch_size, args.model))
                else:
                    out = tmp / f"claims-{side}-j{n}-{rep}.jsonl"
                    run = measure(claimx_cmd(args.paths, args.column, n, args.claimx_batch_size, args.model), out,
                                  src=args.before if side == "before" else None)
                cells.setdefault(f"{side} {n}", Cell()).runs.append(run)
            line = ", ".join(f"{side} {r.wall:.1f} s ({r.cpu:.1f} CPU, {mib(r.peak)} MiB)"
                             for side in sides for r in [cells[f"{side} {n}"].runs[-1]])
            print(f"  run {rep + 1}, {n} process(es): {line}, load {load_average()}", flush=True)
    print()
    print(HEAD)
    for n in args.processes:
        c, s = cells[f"claimx {n}"], cells[f"spacy {n}"]
        if args.before:
            print(row(f"claimx -j {n}, before ({Path(args.before).name})", cells[f"before {n}"], docs, tokens))
        print(row(f"claimx extract -j {n}", c, docs, tokens))
        print(row(f"spaCy n_process={n}, batch_size={args.batch_size}", s, docs, tokens))
        print(ratio_row(f"claimx / spaCy ({n} process{'es' if n > 1 else ''})", c, s))
        if args.before:
            print(ratio_row(f"claimx / before ({n} process{'es' if n > 1 else ''})", c, cells[f"before {n}"]))
    if args.before:
        same = all(digest(a.out) == digest(b.out) for n in args.processes
                   for a, b in zip(cells[f"claimx {n}"].runs, cells[f"before {n}"].runs))
        print(f"\noutput the same as before: {'yes, byte for byte' if same else 'no (see the quality benchmark)'}")
    if 1 in args.processes and 2 in args.processes:
        one, two = cells["claimx 1"], cells["claimx 2"]
        speedup = statistics.median(a.wall / b.wall for a, b in zip(one.runs, two.runs))
        cpu = statistics.median(a.cpu / b.cpu for a, b in zip(one.runs, two.runs))
        hashes = {digest(r.out) for r in one.runs + two.runs}
        print(f"\nclaimx -j 1 / -j 2: wall {speedup:.2f}x (CPU {cpu:.2f}x); outputs of every run "
              f"{'byte-identical' if len(hashes) == 1 else 'DIFFER'} ({', '.join(sorted(hashes))})")


def write_corpus(articles, times: int, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for k in range(times):
            for a in articles:
                f.write(json.dumps({"id": f"{a.id}~{k}", "text": a.text}, ensure_ascii=False) + "\n")


def section_scale(args, articles, tokens: int, tmp: Path) -> None:
    print(f"\n## scale: claimx extract -j 2 on 1x, 2x, 4x the corpus; median of {args.repeat}", flush=True)
    files = {}
    for k in (1, 2, 4):
        files[k] = tmp / f"corpus-x{k}.jsonl"
        write_corpus(articles, k, files[k])
    cells = {k: Cell() for k in files}
    for rep in range(args.repeat):
        for k, path in files.items():
            cells[k].runs.append(measure(claimx_cmd([str(path)], [], 2, args.claimx_batch_size, args.model)))
            r = cells[k].runs[-1]
            print(f"  run {rep + 1}, {k}x: {r.wall:.1f} s ({r.cpu:.1f} CPU, {mib(r.peak)} MiB), load {load_average()}",
                  flush=True)
    print()
    print("| corpus | docs  |  wall s | wall / 1x |   CPU s | CPU / 1x | peak MiB | peak / 1x |")
    print("|-------:|------:|--------:|----------:|--------:|---------:|---------:|----------:|")
    base = cells[1]
    for k, cell in cells.items():
        print(f"| {k}x     | {k * len(articles):>5} | {cell.med('wall'):>7.1f} | {cell.med('wall') / base.med('wall'):>9.2f} "
              f"| {cell.med('cpu'):>7.1f} | {cell.med('cpu') / base.med('cpu'):>8.2f} | {mib(cell.med('peak')):>8} "
              f"| {cell.med('peak') / base.med('peak'):>9.2f} |")


def long_text(articles, size: int) -> str:
    """The corpus's texts one after another, a blank line between, up to ``size`` characters."""
    parts, n, i = [], 0, 0
    while n < size:
        t = articles[i % len(articles)].text.strip() + "\n\n"
        parts.append(t)
        n += len(t)
        i += 1
    return "".join(parts)[:size]


def stage_times(nlp, docs) -> dict[str, float]:
    """CPU seconds of each pipe over ``docs`` (Docs made, not yet processed), one Doc at a time."""
    times: dict[str, float] = {}
    for doc in docs:
        for name, proc in nlp.pipeline:
            t = time.process_time()
            doc = proc(doc)
            times[name] = times.get(name, 0.0) + time.process_time() - t
    return times


def section_long(args, articles, tokens: int, tmp: Path) -> None:
    sizes = [2_000_000] + ([5_000_000] if args.huge else [])
    chars = sum(len(a.text) for a in articles)
    print(f"\n## long: one article of {', '.join(f'{s / 1e6:g} MB' for s in sizes)} made of the corpus's texts, "
          f"claimx extract -j 2; median of {args.repeat}", flush=True)
    ref = Cell()
    cells = {s: Cell() for s in sizes}
    paths = {}
    for s in sizes:
        paths[s] = tmp / f"long-{s}.txt"
        paths[s].write_text(long_text(articles, s), encoding="utf-8")
    for rep in range(args.repeat):
        ref.runs.append(measure(claimx_cmd(args.paths, args.column, 1, args.claimx_batch_size, args.model)))
        for s in sizes:
            cells[s].runs.append(measure(claimx_cmd([str(paths[s])], [], 2, args.claimx_batch_size, args.model)))
            r = cells[s].runs[-1]
            print(f"  run {rep + 1}, {s / 1e6:g} MB: {r.wall:.1f} s ({r.cpu:.1f} CPU, {mib(r.peak)} MiB), "
                  f"corpus -j 1 {ref.runs[-1].cpu:.1f} CPU, load {load_average()}", flush=True)
    print()
    print("| input                      |   chars   |  wall s |   CPU s | CPU us/char | x corpus | peak MiB |")
    print("|----------------------------|----------:|--------:|--------:|------------:|---------:|---------:|")
    base = ref.med("cpu") / chars
    print(f"| corpus, -j 1               | {chars:>9,} | {ref.med('wall'):>7.1f} | {ref.med('cpu'):>7.1f} "
          f"| {base * 1e6:>11.1f} | {1:>8.2f} | {mib(ref.med('peak')):>8} |")
    for s, cell in cells.items():
        per = cell.med("cpu") / s
        print(f"| one article, -j 2          | {s:>9,} | {cell.med('wall'):>7.1f} | {cell.med('cpu'):>7.1f} "
              f"| {per * 1e6:>11.1f} | {per / base:>8.2f} | {mib(cell.med('peak')):>8} |")

    # each stage's CPU per character: normal articles against the long one, cut as the runner cuts it
    import claimx
    from claimx.inputs import Article
    from claimx.pipeline import Extractor

    nlp = claimx.load(args.model)
    extractor = Extractor(nlp)
    sample = articles[:: args.stage_every]
    ref_docs = [d for d, _ in extractor._docs(sample)]
    ref_chars = sum(len(a.text) for a in sample)
    ref_t = stage_times(nlp, ref_docs)
    del ref_docs
    s = sizes[0]
    long_docs = extractor._docs([Article(id="long", path=None, text=paths[s].read_text(encoding="utf-8"))])
    long_t = stage_times(nlp, (d for d, _ in long_docs))
    print(f"\nCPU us per character of each stage, {len(sample)} corpus articles one Doc each against the "
          f"{s / 1e6:g} MB article in pieces (this process):\n")
    names = [n for n, _ in nlp.pipeline]
    print("| stage            | corpus |  long | long / corpus |")
    print("|------------------|-------:|------:|--------------:|")
    for name in names + ["all"]:
        a = (sum(ref_t.values()) if name == "all" else ref_t.get(name, 0.0)) / ref_chars * 1e6
        b = (sum(long_t.values()) if name == "all" else long_t.get(name, 0.0)) / s * 1e6
        print(f"| {name:<16} | {a:>6.2f} | {b:>5.2f} | {b / a if a else float('nan'):>13.2f} |")


def section_query(args, articles, tokens: int, tmp: Path) -> None:
    print(f"\n## query: claimx query and diff over 100,000 claims against jq (benchmarks/query_speed.py, "
          f"median of {args.repeat})\n", flush=True)
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "query_speed.py"), "--rounds", str(args.repeat)],
                   cwd=ROOT, check=True)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "_bare":
        return bare(sys.argv[2:])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("paths", nargs="*", default=[str(DEFAULT_INPUT)], help="corpus files or folders")
    ap.add_argument("--column", "-c", action="append", default=[], metavar="FIELD=NAME",
                    help="as claimx extract --column")
    ap.add_argument("--sections", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    ap.add_argument("--repeat", type=int, default=3, help="runs of each command (the median is shown)")
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=32, help="spaCy's batch_size (default 32)")
    ap.add_argument("--claimx-batch-size", type=int, default=None, help="claimx --batch-size (default: its own)")
    ap.add_argument("--model", default=None, help="spaCy model (default: claimx's)")
    ap.add_argument("--huge", action="store_true", help="long: a 5 MB article too")
    ap.add_argument("--stage-every", type=int, default=3, help="long: per-stage times on every Nth article")
    ap.add_argument("--before", metavar="SRC", default=None,
                    help="extract: also run claimx from this source folder (a copy of an older src/), "
                         "in turn with the others")
    args = ap.parse_args()
    if args.model is None:
        from claimx import DEFAULT_MODEL

        args.model = DEFAULT_MODEL

    articles = read_articles(args.paths, args.column)
    if not articles:
        print("no articles read", file=sys.stderr)
        return 1
    tokens = count_tokens((a.text for a in articles), args.model)
    chars = sum(len(a.text) for a in articles)
    print(f"# claimx speed: {' '.join(args.paths)}")
    print(f"{len(articles)} articles, {chars:,} characters, {tokens:,} tokens; model {args.model}; "
          f"{os.cpu_count()} CPUs; load average {load_average()} (before)")
    with tempfile.TemporaryDirectory(prefix="claimx-speed-") as tmp:
        for name in args.sections:
            globals()[f"section_{name}"](args, articles, tokens, Path(tmp))
    print(f"\nload average {load_average()} (after)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
