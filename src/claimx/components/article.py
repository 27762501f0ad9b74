"""``claimx_article``: what the article says about itself, and where its body is.

Sets ``doc._.article`` (title, outlet, author, published: see ``claimx.articles.parse_header``)
and ``doc._.boilerplate`` (character ranges of site chrome that produce no claims), and marks a
sentence start after every line break (in scraped news a line break always ends a sentence:
headlines, bylines and captions have no final period) and no sentence start at a lower-case word
(abbreviations such as "intl." otherwise cut quotations in two). Add it before the parser.
"""
from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from claimx.articles import parse_header
from claimx.extensions import register_extensions

register_extensions()


class ArticleComponent:
    def __init__(self, nlp: Language, name: str, line_breaks_end_sentences: bool = True):
        self.name = name
        self.line_breaks_end_sentences = line_breaks_end_sentences

    def __call__(self, doc: Doc) -> Doc:
        header = parse_header(doc.text)
        doc._.article = header.as_dict()
        doc._.boilerplate = header.boilerplate
        if self.line_breaks_end_sentences and not doc.has_annotation("DEP") and len(doc) > 1:
            # set as one array: Token.is_sent_start checks the whole document on every assignment
            starts = doc.to_array([SENT_START]).astype("int64")  # 1 a start, -1 not, 0 the parser's call
            for i in range(1, len(doc)):
                prev, tok = doc[i - 1], doc[i]
                if "\n" in prev.text:
                    starts[i] = 1
                elif tok.text[:1].islower() and not prev.is_space:
                    # "... the intl. community," said X: no sentence starts with a lower-case word,
                    # whatever the abbreviation before it suggests to the parser
                    starts[i] = -1
            doc.from_array([SENT_START], starts.astype("uint64"))
        return doc


@Language.factory("claimx_article", default_config={"line_breaks_end_sentences": True})
def make_article(nlp: Language, name: str, line_breaks_end_sentences: bool) -> ArticleComponent:
    return ArticleComponent(nlp, name, line_breaks_end_sentences)
