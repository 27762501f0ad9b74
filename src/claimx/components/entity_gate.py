"""Run the model's ``ner`` only where an entity can be: around names, numbers and date words.

NER is a third to a half of the model's time, and claimx reads entities only as names (who speaks,
the fullest form of a name, a title; PERSON, ORG, GPE, NORP, LOC, FAC) and as the kind of a number
or a date (DATE, TIME, ORDINAL, ...). Every such entity holds a proper noun, a capitalised word, a
digit, a number word, an ordinal or a date word (``rules/entity_gate.json``): an *anchor*. On news
text a third of the tokens are further than a few tokens from any anchor ("the council voted to
keep the school open and ..."), and there the model finds nothing claimx reads.

`EntityGate` wraps the pipeline's ``ner`` pipe (the same object, the same name, config and
serialisation: `gate_entities` puts it in the pipe's place): for each Doc it makes one shorter Doc
of the tokens within ``margin`` tokens of an anchor (the windows in order, each token with its
norm and sentence start as in the Doc, a sentence start where a window begins), runs the model's
``ner`` over those, and sets their entities on the Doc, every other token outside any entity.

Why the entities come out the same: the model reads a token through a window of four tokens on
each side (its own tok2vec: depth 4, window 1) and decides an entity from the token, the one before
it and the entity's first token; with ``margin`` = 5 every anchor, and the token before it, has the
context it has in the whole Doc. What can differ is an entity that reaches more than ``margin``
tokens from every anchor ("the past decade" with no date word in the list), or one the model would
have started in the margin of a window: on the PolNeAR dev articles 99.x % of the entities are the
same (tests/components/test_entity_gate.py compares; benchmarks/quality.py scores claims).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH, LOWER, NORM, POS, SENT_START, SHAPE, SPACY
from spacy.tokens import Doc
from spacy.util import minibatch

from claimx import rules
from claimx.components.syntax import text_of

DEFAULT_MARGIN = 5
_PROPN = 96  # spacy.symbols.PROPN
_NAME_POS = frozenset({84, 92, 93, 96, 101})  # ADJ, NOUN, NUM, PROPN, X (spacy.symbols)
_IOB_BEGIN, _IOB_INSIDE, _IOB_OUTSIDE = 3, 1, 2


@lru_cache(maxsize=1)
def anchor_words() -> frozenset[str]:
    data = rules.load("entity_gate.json")
    return frozenset(w.lower() for key in ("date_words", "ordinal_words", "number_words") for w in data[key])


class EntityGate:
    """The model's ``ner`` pipe, run on the windows of a Doc that hold an anchor (module docstring).

    Anything else (labels, serialisation, config) is the wrapped pipe's."""

    def __init__(self, ner, margin: int = DEFAULT_MARGIN):
        self.ner = ner
        self.margin = margin

    def __getattr__(self, name):
        ner = self.__dict__.get("ner")
        if ner is None or name.startswith("__"):
            raise AttributeError(name)
        return getattr(ner, name)

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self._annotate(batch)
            yield from batch

    # -----------------------------------------------------------------------------------------

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges within ``margin`` of an anchor, merged where they touch, in order."""
        n = len(doc)
        if not n:
            return []
        words = anchor_words()
        strings = doc.vocab.strings
        arr = doc.to_array([POS, LOWER, SHAPE, SENT_START]).tolist()
        shapes: dict[int, tuple[bool, bool]] = {}
        out: list[tuple[int, int]] = []
        m = self.margin
        for i, (pos, low, shape, start) in enumerate(arr):
            anchor = pos == _PROPN
            if not anchor:
                kind = shapes.get(shape)
                if kind is None:
                    # a capital letter or a digit: "Cairo", "U.S.", "NATO", "2021", "$5m", "3rd"
                    text = strings[shape]
                    kind = shapes[shape] = ("X" in text, "d" in text)
                capital, digit = kind
                # (a capital that only opens a sentence on a function word is no name: "The", "But")
                anchor = digit or capital and (start != 1 or pos in _NAME_POS) or strings[low] in words
            if anchor:
                a, b = max(0, i - m), min(n, i + m + 1)
                if out and a <= out[-1][1]:
                    out[-1] = (out[-1][0], b)
                else:
                    out.append((a, b))
        return out

    def _annotate(self, docs: list[Doc]) -> None:
        subs, plans = [], []
        for doc in docs:
            spans = self.windows(doc)
            if len(doc) and spans == [(0, len(doc))]:
                subs.append(doc)  # anchors everywhere: the Doc itself
                plans.append((doc, None))
                continue
            plans.append((doc, spans))
            if spans:
                subs.append(_window_doc(doc, spans))
        done = iter(self.ner.pipe(subs, batch_size=max(1, len(subs))) if subs else ())
        for doc, spans in plans:
            if spans is None:
                next(done)
                continue
            iob = doc.to_array([ENT_IOB, ENT_TYPE])
            iob[:, 0] = _IOB_OUTSIDE
            iob[:, 1] = 0
            if spans:
                sub = next(done)
                index = [i for a, b in spans for i in range(a, b)]
                for ent in sub.ents:
                    first, last = index[ent.start], index[ent.end - 1]
                    if last - first != ent.end - 1 - ent.start:
                        continue  # across two windows: not an entity of the Doc
                    iob[first, 0] = _IOB_BEGIN
                    iob[first + 1:last + 1, 0] = _IOB_INSIDE
                    iob[first:last + 1, 1] = ent.label
            doc.from_array([ENT_IOB, ENT_TYPE], iob)


def _window_doc(doc: Doc, spans: list[tuple[int, int]]) -> Doc:
    """One Doc of the tokens of ``spans`` in order: their words, spaces, norms and sentence
    starts, and a sentence start where each window begins."""
    index = [i for a, b in spans for i in range(a, b)]
    arr = doc.to_array([NORM, SENT_START, SPACY, IDX, LENGTH])[index]
    text = text_of(doc)
    words = [text[i:i + n] for i, n in arr[:, 3:5].tolist()]
    sub = Doc(doc.vocab, words=words, spaces=[bool(x) for x in arr[:, 2].tolist()])
    k = 0
    for a, b in spans:
        arr[k, 1] = 1
        k += b - a
    sub.from_array([NORM, SENT_START], arr[:, :2])
    return sub


def gate_entities(nlp, margin: int = DEFAULT_MARGIN) -> bool:
    """Put an `EntityGate` in the place of ``nlp``'s ``ner`` pipe (same name, same object inside);
    False when there is none."""
    for k, (name, proc) in enumerate(nlp._components):
        if name == "ner" and not isinstance(proc, EntityGate):
            nlp._components[k] = (name, EntityGate(proc, margin))
            return True
    return False
