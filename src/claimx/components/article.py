"""``claimx_article``: what the article says about itself, and where its body is.

Sets ``doc._.article`` (title, outlet, author, published, url) and ``doc._.boilerplate``
(character ranges of site chrome that produce no claims), and marks a sentence start after every
line break (in scraped news a line break always ends a sentence: headlines, bylines and captions
have no final period; "\\n", "\\r\\n" and a lone "\\r" alike) and no sentence start at a lower-case
word (abbreviations such as "intl." otherwise cut quotations in two). Add it before the parser.

- ``doc._.article``: the header the text states (`claimx.header.parse_header`), with every field
  given with the text (``doc._.given``: corpus columns, a page's metadata, command-line options)
  winning over it. ``url`` is None unless given.
- A run of ``max_sentence_tokens`` (150) tokens with no sentence end and no line break (a
  transcript without punctuation, a list of names) gets a sentence start, after its last comma or
  dash when there is one; and past four times that since the last line break, a full stop not
  followed by a lower-case word starts a sentence for certain (not left to the parser). No news article has such runs (the longest in the
  PolNeAR dev articles is 91 tokens without a sentence end, 344 without a line break), so they are
  unchanged; every later stage works sentence by sentence, so this bounds its cost.
- When ``doc._.article`` is already set (the runner sets it and ``doc._.boilerplate``, from the
  whole article, on every piece of an article cut into pieces), both are kept as they are: only
  the sentence starts are set.
"""
from __future__ import annotations

from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from claimx.components.syntax import text_of
from claimx.extensions import register_extensions
from claimx.header import FIELDS, LINE_BREAK_CHARS, parse_header

register_extensions()


def article_fields(stated: dict, given: dict | None) -> dict:
    """The ``doc._.article`` dict: every field ``given`` sets (not None) over what the text states."""
    out = {name: stated.get(name) for name in FIELDS}
    for name in FIELDS:
        if given and given.get(name) is not None:
            out[name] = given[name]
    return out


_SENTENCE_END = frozenset({".", "!", "?", "…", "...", "?!", "!!", "!?"})
_SOFT_BREAKS = frozenset({",", ";", ":", "—", "–", "--", "-"})
_CLOSING = frozenset({'"', "'", "”", "’", "»", ")", "]"})


class ArticleComponent:
    def __init__(self, nlp: Language, name: str, line_breaks_end_sentences: bool = True,
                 max_sentence_tokens: int = 150):
        self.name = name
        self.line_breaks_end_sentences = line_breaks_end_sentences
        self.max_sentence_tokens = max_sentence_tokens

    def __call__(self, doc: Doc) -> Doc:
        if doc._.article is None:
            header = parse_header(text_of(doc))
            doc._.article = article_fields(header.as_dict(), doc._.given)
            doc._.boilerplate = header.boilerplate
        elif doc._.boilerplate is None:
            doc._.boilerplate = []
        if self.line_breaks_end_sentences and not doc.has_annotation("DEP") and len(doc) > 1:
            # set as one array: Token.is_sent_start checks the whole document on every assignment
            starts = doc.to_array([SENT_START]).astype("int64")  # 1 a start, -1 not, 0 the parser's call
            self._mark(doc, starts)
            doc.from_array([SENT_START], starts.astype("uint64"))
        return doc

    def _mark(self, doc: Doc, starts) -> None:
        """Sentence starts after line breaks, none at a lower-case word, and a bound on sentence
        length for text that has no sentences (the module docstring says how), into ``starts``."""
        breaks = LINE_BREAK_CHARS
        cap = self.max_sentence_tokens or 0
        # the tokens' texts, cut from the text (a Token object a token costs more than the rule)
        text = text_of(doc)
        spans = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist()
        words = [text[i:i + n] for i, n, _ in spans]
        since_end = 0  # tokens since a line break, a start set here, or a possible sentence end
        since_set = 0  # tokens since a line break or a start set here
        soft = 0       # the last token after a comma, a colon, a dash
        prev, before = words[0], None
        for i in range(1, len(doc)):
            word = words[i]
            if not breaks.isdisjoint(prev):
                starts[i] = 1
                since_end = since_set = 0
            else:
                lower = word[:1].islower() and not spans[i - 1][2]
                if lower:
                    # "... the intl. community," said X: no sentence starts with a lower-case word,
                    # whatever the abbreviation before it suggests to the parser
                    starts[i] = -1
                if cap:
                    last = prev[-1:]
                    if last in _SENTENCE_END or before is not None and prev in _CLOSING \
                            and before[-1:] in _SENTENCE_END:
                        if not lower:
                            since_end = 0
                            # "Mr. Smith said. Mr. Smith said. ...": the parser may join them all
                            if since_set >= 4 * cap and prev in _SENTENCE_END:
                                starts[i] = 1
                                since_set = 0
                    if prev in _SOFT_BREAKS:
                        soft = i
                    since_end += 1
                    since_set += 1
                    if since_end >= cap:
                        # a run of words with no sentence end: cut after its last comma or dash
                        k = soft if i - soft < cap // 2 else i
                        starts[k] = 1
                        since_end = since_set = i - k
            before, prev = prev, word


@Language.factory("claimx_article", default_config={"line_breaks_end_sentences": True,
                                                    "max_sentence_tokens": 150})
def make_article(nlp: Language, name: str, line_breaks_end_sentences: bool,
                 max_sentence_tokens: int) -> ArticleComponent:
    return ArticleComponent(nlp, name, line_breaks_end_sentences, max_sentence_tokens)
