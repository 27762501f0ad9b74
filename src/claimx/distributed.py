"""The Dask path: partitions out, claims back, the same bytes as a local run.

``claimx extract PATH... --dask ADDRESS`` (``tcp://host:port``, or ``local`` for a `LocalCluster` of
``-j`` worker processes with one thread each) runs here:

1. **Plan** (client): list the files as a local run would (`claimx.inputs.expand_paths`), group
   text and HTML files into partitions of about ``partition_bytes``, cut corpus files into byte
   ranges (JSON Lines, CSV, TSV: a worker finds the row starts, `claimx.inputs.partitions`) or
   row ranges (Parquet: from the footer). The client reads no article.
2. **Run** (workers): `run_part` reads one partition and extracts its articles with the pipeline
   the worker process built once (`claimx.pipeline.shared_pipeline`). It is a pure function of its
   arguments: a partition lost with its worker is run again elsewhere (Dask does that; ``retries``
   covers a task that fails), and nothing is written on the workers.
3. **Settle** (client, in input order): a window of partitions is in flight; results are taken in
   order, document ids are made unique over the run (`RunIds`: the repeats a local run would
   name ``~2``), problems and warnings are reported, and documents go to the journal and the
   output exactly as in a local run (`claimx.extraction.ExtractRun`), so the output is byte for
   byte the same. ``-o DIR --format parquet`` instead writes one Parquet file per partition
   (`Dataset`).

``--resume`` reads (without extracting) the partitions whose documents the journal may hold, skips
those that are all done, and starts from the first that is not. A partition whose task has lost
more workers than Dask allows (``distributed.scheduler.allowed-failures``, 3) is read once more and
run one article per task, so only an article that kills a worker is reported as failed, never its
neighbours.

Dask is imported only here and only when ``--dask`` is given; without it ``--dask`` is one line
(`errors.DASK_MISSING`) and exit code `errors.EXIT_CLUSTER`.
"""
from __future__ import annotations

import collections
import errno
import itertools
import os
import re
import time
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

import msgspec

from claimx import errors
from claimx.inputs import Article, DocIds, Problem, ReadOptions, _open_regular, _stem, expand_paths, kind_of
from claimx.inputs.partitions import (Part, RawIds, TextIndex, boundaries, cuttable, file_size,
                                      index_text_corpus, read_part, split_corpus)

if TYPE_CHECKING:
    from claimx.extraction import ExtractRun
    from claimx.pipeline import DocResult

MIN_PARTITION = 16 * 1024
MAX_PARTITION = 1024 * 1024
TARGET_PARTITIONS = 64      # a small corpus is still cut into about this many partitions
TASK_RETRIES = 2
# ``--dask local`` workers: spaCy runs 10-20 % slower under Dask's statistical profiler (a stack
# sample every 10 ms) and its MALLOC_TRIM_THRESHOLD_ (memory handed back to the system at once);
# docs/distributed.md says how to set the same on a cluster.
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
}
# Tests only: a partition's task waits this many seconds before it starts, and every task touches
# a file named <kind>.<process id> in CLAIMX_TEST_TASK_STARTED (so a test can kill a worker while
# it holds a partition, and see which tasks ran).
TEST_DELAY_ENV = "CLAIMX_TEST_TASK_DELAY"
TEST_STARTED_ENV = "CLAIMX_TEST_TASK_STARTED"


@dataclass(frozen=True)
class DaskOptions:
    """Where to run: ``address`` is ``tcp://host:port`` (any Dask scheduler) or ``local``."""

    address: str
    workers: int = 1                        # "local": worker processes, one thread each
    partition_bytes: Optional[int] = None   # None: from the size of the input (`auto_partition_bytes`)


def auto_partition_bytes(total: int) -> int:
    """About `TARGET_PARTITIONS` partitions for a small input, 1 MB each for a large one (about
    half a minute of one worker's time)."""
    return min(MAX_PARTITION, max(MIN_PARTITION, total // TARGET_PARTITIONS))


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b?)\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "kib": 1024, "m": 1000**2, "mb": 1000**2,
          "mib": 1024**2, "g": 1000**3, "gb": 1000**3, "gib": 1024**3}


def parse_size(value: str) -> Optional[int]:
    """``256KB``, ``4MB``, ``1.5MiB`` or a number of bytes; None when it is not a size."""
    m = _SIZE.match(value or "")
    unit = _UNITS.get(m.group(2).lower()) if m else None
    if unit is None:
        return None
    size = int(float(m.group(1)) * unit)
    return size if size > 0 else None


def is_dataset(output: Optional[Path], fmt: str) -> bool:
    """``-o DIR --format parquet`` (a folder, or a name without ``.parquet``) writes one Parquet
    file per partition; ``-o claims.parquet`` one file, as a local run."""
    return (fmt == "parquet" and output is not None
            and (output.is_dir() or output.suffix.lower() != ".parquet"))


def input_bytes(paths: list[str], glob: Optional[str]) -> int:
    return sum(file_size(p) for p in expand_paths(paths, glob) if isinstance(p, str) and p != "-")


def partition_bytes(run: "ExtractRun") -> int:
    """The run's partition size: ``--partition-size``, else from the size of its input."""
    return run.dask.partition_bytes or auto_partition_bytes(input_bytes(run.paths, run.read.glob))


# ---------------------------------------------------------------------------------------------
# On the workers


@dataclass(frozen=True)
class Job:
    """What every partition's task needs besides the partition."""

    model: str
    batch_size: int
    read: ReadOptions
    keep_text: bool            # --format json carries document texts; the others need none


@dataclass
class Item:
    """One thing a partition gave, in order: a problem or an article (and its result)."""

    ids: list                          # the names this item asked `DocIds.unique` for, in order
    where: str = ""
    problem: Optional[str] = None      # a Problem's message
    doc_id: Optional[str] = None       # an article's id as read
    warnings: list = field(default_factory=list)
    result: Optional["DocResult"] = None
    article: Optional[Article] = None  # only when asked for ("articles": rerun one by one)


def run_part(part: Part, job: Job, skip: frozenset = frozenset(), mode: str = "extract") -> list[Item]:
    """Read one partition and (``mode="extract"``) extract its articles, except the items at the
    positions in ``skip`` (finished in an interrupted run). ``mode="read"`` only reads; ``"articles"``
    also hands back the articles. Pure: the same arguments give the same items on any worker."""
    _test_delay("part")
    ids = RawIds(part.file_number)
    items: list[Item] = []
    todo: list[tuple[int, Article]] = []
    for got in read_part(part, job.read, ids):
        used, ids.used = ids.used, []
        if isinstance(got, Problem):
            items.append(Item(ids=used, where=got.where, problem=got.message))
            continue
        items.append(Item(ids=used, where=got.where, doc_id=got.id, warnings=list(got.warnings),
                          article=got if mode == "articles" else None))
        if mode == "extract" and len(items) - 1 not in skip:
            todo.append((len(items) - 1, got))
    if todo:
        for (n, _), result in zip(todo, _extract(job, [a for _, a in todo])):
            items[n].result = result
    return items


def extract_one(article: Article, job: Job) -> "DocResult":
    """One article on its own (a partition that killed its workers is rerun this way)."""
    _test_delay("one")
    return _extract(job, [article])[0]


def _extract(job: Job, articles: list[Article]) -> list["DocResult"]:
    from claimx.pipeline import extract_articles, shared_pipeline

    nlp = shared_pipeline(job.model)  # built once per worker process
    out = []
    for result in extract_articles(nlp, articles, batch_size=job.batch_size):
        result.warnings = []
        if not job.keep_text:
            result.doc = msgspec.structs.replace(result.doc, text="")
        out.append(result)
    return out


def index_file(path: str, fmt: str, columns: dict, at: list[int]) -> Optional[TextIndex]:
    _test_delay("index")
    return index_text_corpus(path, fmt, columns, at)


def _test_delay(kind: str) -> None:
    delay = os.environ.get(TEST_DELAY_ENV)
    if not delay:
        return
    folder = os.environ.get(TEST_STARTED_ENV)
    if folder:
        Path(folder, f"{kind}.{os.getpid()}").touch()
    if kind == "part":
        time.sleep(float(delay))


# ---------------------------------------------------------------------------------------------
# On the client


class RunIds(DocIds):
    """The run's `DocIds`, replayed in input order from what each partition asked for; a trial
    (``begin`` ... ``rollback``) can be undone (``--resume`` looks at a partition's ids before
    deciding whether it still has work)."""

    def __init__(self) -> None:
        super().__init__()
        self._undo: Optional[list[tuple[str, int]]] = None

    def unique(self, base: str) -> str:
        if self._undo is not None:
            self._undo.append((base, self._seen.get(base, 0)))
        return super().unique(base)

    def begin(self) -> None:
        self._undo = []

    def rollback(self) -> None:
        for base, n in reversed(self._undo or []):
            if n:
                self._seen[base] = n
            else:
                self._seen.pop(base, None)
        self._undo = None


def renamed(result: "DocResult", raw: str, final: str) -> "DocResult":
    """The result of a document read as ``raw`` whose id in the run is ``final`` (``a`` -> ``a~2``):
    its claims' ids, ``doc.id`` and ``within`` follow."""
    if raw == final:
        return result
    rep = msgspec.structs.replace
    doc = rep(result.doc, id=final)
    claims = [rep(c, id=final + c.id[len(raw):], doc=rep(c.doc, id=final),
                  within=final + c.within[len(raw):] if c.within is not None else None)
              for c in result.claims]
    return replace(result, doc=doc, claims=claims)


_PUBLISHED_TAIL = errors.BAD_PUBLISHED.split("{value!r}")[1]


def _is_published_warning(line: str, where: str) -> bool:
    return line.startswith(f"{where}: published ") and line.endswith(_PUBLISHED_TAIL)


class Session:
    """One ``--dask`` run: the connection, the plan, and results settled in input order."""

    def __init__(self, run: "ExtractRun", options: DaskOptions):
        self.run = run
        self.options = options
        self.client = None
        self.cluster = None
        self.partition_bytes = partition_bytes(run)
        self.job = Job(model=run.model or _default_model(), batch_size=run.batch_size, read=run.read,
                       keep_text=run.fmt == "json")
        self.ids = RunIds()
        self.tag = uuid.uuid4().hex[:12]
        self.parts = 0                      # partitions planned
        self._ended: set[str] = set()       # corpus files whose reading stopped (a file problem)
        self._dated: set[str] = set()       # corpus files that had their "published" warning
        self._notes: dict[str, tuple] = {}  # corpus file -> notes owed to its first article
        self._owed: dict[str, tuple] = {}
        self._workers = (0.0, 1)
        self._quiet = None

    # --- connection -------------------------------------------------------------------------
    def open(self) -> "Session":
        try:
            import dask
            import distributed
        except ImportError as exc:
            raise _run_error(errors.DASK_MISSING.format(reason=errors.one_line(exc)), errors.EXIT_CLUSTER) from None
        import logging

        # Dask's own log lines (reconnecting, a worker removed) would come between claimx's one-line
        # messages; what they tell is in those messages
        self._quiet = [(h, h.level) for h in logging.getLogger("distributed").handlers]
        for handler, _ in self._quiet:
            handler.setLevel(logging.CRITICAL)
        address = self.options.address
        try:
            if address == "local":
                with dask.config.set(LOCAL_WORKER_CONFIG):
                    self.cluster = distributed.LocalCluster(
                        n_workers=self.options.workers, threads_per_worker=1, processes=True,
                        dashboard_address=None, silence_logs=logging.ERROR)
                self.client = distributed.Client(self.cluster, set_as_default=False)
            else:
                timeout = dask.config.get("distributed.comm.timeouts.connect")  # Dask's own setting (30 s)
                self.client = distributed.Client(address, timeout=timeout, set_as_default=False)
        except Exception as exc:  # noqa: BLE001 - no route, refused, timeout, a bad address, workers that cannot start
            self.close()
            raise _run_error(errors.DASK_UNREACHABLE.format(address=address, reason=errors.one_line(exc)),
                             errors.EXIT_CLUSTER) from None
        if not self.client.nthreads():  # an adaptive cluster (SLURM, Kubernetes) may start them later
            self.run.on_warning(errors.DASK_NO_WORKERS.format(address=address))
        return self

    def close(self) -> None:
        client, cluster, self.client, self.cluster = self.client, self.cluster, None, None
        for thing in (client, cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:  # noqa: BLE001 - closing a cluster that is already gone
                    pass
        for handler, level in self._quiet or ():
            handler.setLevel(level)
        self._quiet = None

    def _window(self) -> int:
        """Partitions in flight: four for each worker thread (the count refreshed every 2 s)."""
        when, n = self._workers
        if time.monotonic() - when > 2:
            try:
                n = max(1, sum(self.client.nthreads().values()))
            except Exception:  # noqa: BLE001
                pass
            self._workers = (time.monotonic(), n)
        return max(4, 4 * n)

    def _submit(self, func, *args, key: str):
        return self.client.submit(func, *args, key=f"claimx-{key}-{self.tag}", retries=TASK_RETRIES, pure=False)

    def _result(self, future, part: Optional[Part] = None):
        from distributed import KilledWorker

        from claimx.pipeline import PipelineError

        try:
            return future.result()
        except KilledWorker:
            if part is None:
                raise
            return self._rescue(part)
        except PipelineError as exc:
            raise _run_error(str(exc), errors.EXIT_PIPELINE) from None
        except Exception as exc:  # noqa: BLE001
            if future.status == "error":
                raise  # a task failed: its traceback
            message = errors.DASK_LOST.format(address=self.options.address, reason=errors.one_line(exc))
            journal = self.run.journal
            if journal is not None and journal.count:
                message += errors.DASK_KEPT.format(done=journal.count, state=journal.path)
            raise _run_error(message, errors.EXIT_CLUSTER) from None

    # --- the plan -----------------------------------------------------------------------------
    def plan(self) -> Iterator[Part | Problem]:
        """Partitions (and problems found while listing) in input order."""
        files = list(expand_paths(self.run.paths, self.run.read.glob))
        size = self.partition_bytes
        columns = self.run.read.columns
        indexes = {}
        for item in files:  # the row starts of large JSON Lines / CSV files: looked for on workers now
            if isinstance(item, str) and kind_of(item) == "corpus" and item not in indexes:
                fmt = cuttable(item, file_size(item), size)
                if fmt in ("jsonl", "csv", "tsv"):
                    indexes[item] = self._submit(index_file, item, fmt, columns,
                                                 boundaries(file_size(item), size), key=f"index-{len(indexes)}")
        names = DocIds()
        group: list[str] = []
        group_bytes = 0
        number = 0

        def numbered(part: Part) -> Part:
            nonlocal number
            number += 1
            self.parts = number
            return replace(part, number=number - 1)

        for item in files:
            if group and (isinstance(item, Problem) or kind_of(item) == "corpus"):
                yield numbered(Part(0, files=tuple(group)))
                group, group_bytes = [], 0
            if isinstance(item, Problem):
                yield item
            elif kind_of(item) != "corpus":
                group.append(item)
                group_bytes += file_size(item)
                if group_bytes >= size:
                    yield numbered(Part(0, files=tuple(group)))
                    group, group_bytes = [], 0
            elif _open_regular(item) is not None:  # reported by the worker, as a run would
                yield numbered(Part(0, corpus=item))
            else:
                file_number = names.file_number(_stem(item))  # a run counts the files it opens by name
                find = (lambda p, f, at: self._index(indexes[p]))
                for part in split_corpus(item, size, file_number, find):
                    if part.state is not None:
                        self._notes[item] = part.state.notes
                    yield numbered(part)
        if group:
            yield numbered(Part(0, files=tuple(group)))

    def _index(self, future) -> Optional[TextIndex]:
        from distributed import KilledWorker

        try:
            return self._result(future)
        except KilledWorker:
            return None  # looking for row starts killed its workers: the file is one partition

    # --- settling, in input order ---------------------------------------------------------------
    def _settle(self, part: Part, items: list[Item]) -> list[tuple["DocResult", bool]]:
        """Report a partition's problems and warnings, give its documents their ids in the run;
        (result, new) for each document with a result (new: not finished in an earlier run)."""
        run = self.run
        done = run.journal.done if run.journal is not None else ()
        corpus = part.corpus if part.fmt is not None else None  # a file cut into partitions
        if corpus in self._ended:
            return []
        out = []
        had_article = False
        for item in items:
            finals = [self.ids.unique(base) for base in item.ids]
            if item.problem is not None:
                run.note_problem(item.problem)
                if corpus is not None and item.where == corpus:
                    self._ended.add(corpus)  # "the rest of the file skipped": so are its partitions
                continue
            final = finals[-1] if finals else item.doc_id
            warnings = item.warnings
            if corpus is not None:
                if not had_article and corpus in self._owed:
                    warnings = list(self._owed.pop(corpus)) + warnings
                had_article = True
                kept = []
                for line in warnings:
                    if _is_published_warning(line, item.where):
                        if corpus in self._dated:
                            continue
                        self._dated.add(corpus)
                    kept.append(line)
                warnings = kept
            new = final not in done
            if new:
                for line in warnings:
                    run.on_warning(line)
            if item.result is None:
                if new:
                    raise RuntimeError(f"{part.describe()}: no result for {final}")
                continue
            out.append((renamed(item.result, item.doc_id, final), new))
        if corpus is not None and part.start == 0 and not had_article and self._notes.get(corpus):
            self._owed[corpus] = self._notes[corpus]  # the file's first article comes later
        return out

    def _rescue(self, part: Part) -> list[Item]:
        """A partition that killed its workers: read again, then one article per task."""
        from distributed import KilledWorker

        from claimx.pipeline import doc_text

        items = self._result(self._submit(run_part, part, self.job, frozenset(), "articles",
                                          key=f"reread-{part.number}"))
        futures = {n: self._submit(extract_one, item.article, self.job, key=f"one-{part.number}-{n}")
                   for n, item in enumerate(items) if item.article is not None}
        for n, future in futures.items():
            try:
                items[n].result = self._result(future)
            except KilledWorker:
                a = items[n].article
                items[n].result = _failed(doc_text(a), a.where, errors.DASK_WORKER_DIED, self.job.keep_text)
            items[n].article = None
        return items

    def _prefix(self, units: Iterator, dataset: "Optional[Dataset]"):
        """--resume: skip the partitions whose documents are all finished (read, not extracted);
        return the first one with work (and the positions of its finished documents) and the rest."""
        journal = self.run.journal
        if journal is None or not journal.done:
            return None, units
        ahead: collections.deque = collections.deque()
        while True:
            while len(ahead) < self._window():
                unit = next(units, None)
                if unit is None:
                    break
                future = None if isinstance(unit, Problem) else self._submit(
                    run_part, unit, self.job, frozenset(), "read", key=f"read-{unit.number}")
                ahead.append((unit, future))
            if not ahead:
                return None, units
            unit, future = ahead.popleft()
            if isinstance(unit, Problem):
                self.run.note_problem(unit.message)
                continue
            if unit.fmt is not None and unit.corpus in self._ended:
                continue  # the rest of a file whose reading stopped
            items = self._result(future, unit)
            self.ids.begin()
            positions = [n for n, item in enumerate(items) if item.problem is None
                         and ([self.ids.unique(b) for b in item.ids] or [item.doc_id])[-1] in journal.done]
            articles = sum(1 for item in items if item.problem is None)
            self.ids.rollback()
            if len(positions) == articles and (dataset is None or dataset.has(unit.number)):
                self._settle(unit, items)   # all finished: problems reported, ids counted
                continue
            for _, f in ahead:
                if f is not None:
                    f.cancel()
            rest = [u for u, _ in ahead]
            skip = frozenset() if dataset is not None else frozenset(positions)
            return (unit, skip), itertools.chain(rest, units)

    def _ordered(self, dataset: "Optional[Dataset]" = None) -> Iterator[tuple[Part, list]]:
        """(partition, [(result, new), ...]) in input order, a window of partitions in flight."""
        units = iter(self.plan())
        first, units = self._prefix(units, dataset)
        pending: collections.deque = collections.deque()

        def submit(unit, skip=frozenset()):
            if isinstance(unit, Problem):
                pending.append((unit, None))
            else:
                pending.append((unit, self._submit(run_part, unit, self.job, skip, key=f"part-{unit.number}")))

        try:
            if first is not None:
                submit(*first)
            for unit in units:
                submit(unit)
                while len(pending) >= self._window():
                    yield from self._take(pending)
            while pending:
                yield from self._take(pending)
        finally:
            for _, future in pending:
                if future is not None:
                    future.cancel()

    def _take(self, pending) -> Iterator[tuple[Part, list]]:
        unit, future = pending[0]
        if isinstance(unit, Problem):
            pending.popleft()
            self.run.note_problem(unit.message)
            return
        items = self._result(future, unit)
        pending.popleft()
        yield unit, self._settle(unit, items)

    def results(self) -> Iterator["DocResult"]:
        """Every document's result still to do, in input order."""
        for _, settled in self._ordered():
            for result, new in settled:
                if new:
                    yield result

    def write_dataset(self, folder: Path) -> None:
        """One Parquet file per partition into ``folder`` (see `Dataset`), journalled as it goes."""
        from claimx.inputs import input_files
        from claimx.resume import entry_key

        dataset = Dataset(folder)
        inside = [f for f in input_files(self.run.paths, self.run.read.glob)
                  if os.path.realpath(f).startswith(str(dataset.folder) + os.sep)]
        if inside or str(dataset.folder) in {os.path.realpath(p) for p in self.run.paths}:
            raise _run_error(errors.OUTPUT_IS_INPUT.format(path=folder), errors.EXIT_USAGE)
        dataset.check()
        run = self.run
        for part, settled in self._ordered(dataset):
            dataset.write(part.number, [r for r, _ in settled])
            for result, new in settled:
                if new:
                    run.count(result)
                    run.journal.add(entry_key(result.doc.id), result.doc, [], result.error, result.where)
                    run.on_document()
        dataset.finish(self.parts)


def _failed(doc, where: str, reason: str, keep_text: bool):
    from claimx.pipeline import DocResult

    if not keep_text:
        doc = msgspec.structs.replace(doc, text="")
    return DocResult(doc=doc, claims=[], where=where, error=reason)


def _default_model() -> str:
    from claimx import DEFAULT_MODEL

    return DEFAULT_MODEL


def _run_error(message: str, code: int):
    from claimx.extraction import RunError

    return RunError(message, code)


# ---------------------------------------------------------------------------------------------
# -o DIR --format parquet: one file per partition


class Dataset:
    """A folder of Parquet files, ``part-00000.parquet``, ... one per partition, in input order:
    ``SELECT ... FROM 'DIR/*.parquet'`` reads them as one table.

    Each part is written atomically into ``DIR.claimx-parts/`` as its partition is settled (an
    empty partition gives a file with no rows); when the run ends they are moved into ``DIR``
    (parts an earlier run left there and this one does not write are removed) and the staging
    folder goes. So ``DIR`` changes only when a run is finished, and an interrupted run keeps its
    finished parts for ``--resume``.
    """

    PATTERN = re.compile(r"^part-\d+\.parquet$")

    def __init__(self, folder: Path):
        self.folder = Path(os.path.realpath(folder))
        self.staging = self.folder.with_name(self.folder.name + ".claimx-parts")

    def check(self) -> None:
        if not self.folder.parent.is_dir():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(self.folder.parent))
        if self.folder.exists() and not self.folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(self.folder))
        self.staging.mkdir(exist_ok=True)

    def _staged(self, number: int) -> Path:
        return self.staging / f"part-{number}.parquet"

    def has(self, number: int) -> bool:
        return self._staged(number).is_file()

    def write(self, number: int, results: list) -> None:
        from claimx.sinks import ParquetSink, open_output

        with open_output(self._staged(number)) as out:
            sink = ParquetSink(out)
            for result in results:
                sink.write(result.doc, result.claims)
            sink.close()

    def finish(self, parts: int) -> None:
        width = max(5, len(str(max(parts - 1, 0))))
        names = {f"part-{n:0{width}d}.parquet" for n in range(parts)}
        self.folder.mkdir(exist_ok=True)
        for n in range(parts):
            os.replace(self._staged(n), self.folder / f"part-{n:0{width}d}.parquet")
        for old in self.folder.iterdir():
            if self.PATTERN.match(old.name) and old.name not in names:
                old.unlink()
        for left in self.staging.iterdir():  # parts of a plan that had more partitions
            left.unlink()
        self.staging.rmdir()
