"""What every cue finder may read about the document in hand, computed at most once a document.

`CueContext` carries the document, the lexicon and its derived verb sets, every token's lemma, text,
part of speech, tag and dependency as strings (``ctx.lemmas[i]``, ...), which tokens stand inside
a quotation, where a source phrase ("according to") starts and ends (spaCy's PhraseMatcher over
the lexicon's phrases), and, on first use, how often each word stands in a name and where the
person names are (``doc.ents`` builds every entity span anew on each access: read once here).
"""
from __future__ import annotations

import bisect
from collections import Counter
from typing import Optional

from spacy.attrs import DEP, LEMMA, LOWER, POS, TAG
from spacy.tokens import Doc

from claimx.components.quotes import quote_spans
from claimx.components.syntax import token_strings


class CueContext:
    def __init__(self, doc: Doc, lex: dict, phrase_ends: dict[int, int]):
        self.doc = doc
        self.lex = lex
        self.verbs: set[str] = lex["verbs"]                # every verb that is a cue in some form
        self.speech_verbs: set[str] = lex["speech_verbs"]  # verbs of saying, asking or stating a stance
        self.saying: set[str] = lex["saying"]              # verbs of saying itself
        self.phrase_ends = phrase_ends                     # token -> end of the source phrase it opens
        # every token's attributes as strings, by token index, for the finders' tests: read from
        # the token arrays once (each is tried on every token of the document)
        self.lemmas = [w.lower() for w in token_strings(doc, LEMMA)]  # lower-cased
        self.lowers = token_strings(doc, LOWER)
        self.pos = token_strings(doc, POS)
        self.tags = token_strings(doc, TAG)
        self.deps = token_strings(doc, DEP)
        self.inside_quote = [False] * len(doc)
        for span in quote_spans(doc):
            for i in range(span.start, span.end):
                self.inside_quote[i] = True
        self._entity_count: Optional[Counter] = None
        self._persons: Optional[list[tuple[int, int]]] = None

    def entity_words(self) -> Counter:
        """How often each word stands in a name (a PERSON or ORG entity)."""
        if self._entity_count is None:
            self._entity_count = Counter(t.lower_ for e in self.doc.ents if e.label_ in ("PERSON", "ORG") for t in e)
        return self._entity_count

    def person_at(self, i: int) -> tuple[int, int] | None:
        """The token range of the PERSON entity holding token ``i``."""
        if self._persons is None:
            self._persons = [(e.start, e.end) for e in self.doc.ents if e.label_ == "PERSON"]
        k = bisect.bisect_right(self._persons, (i, len(self.doc) + 1)) - 1
        return self._persons[k] if k >= 0 and self._persons[k][1] > i else None
