"""The model's own rule stages, ``attribute_ruler`` and ``lemmatizer``, run the same way for less.

Both are Python loops over every token in spaCy (the ruler runs a Matcher of 179 one-token patterns
and sets each match through a Span; the lemmatizer makes a Token and a MorphAnalysis a token to find
its cache entry): a sixth of the model's time on news text, for tables that give the same answer
for every token with the same few attributes. `speed_up_rules(nlp)` gives the two pipes of a loaded
pipeline (the same objects, with their data and serialisation) a ``__call__`` that:

- ``attribute_ruler``: evaluates the patterns once for each distinct (tag, lower-case form,
  dependency, is-space) of the tokens it meets, then applies the matches in the ruler's own order
  (pattern order: a later pattern wins) through spaCy's own ``set_token_attrs``; patterns of two or
  more tokens are tested at each position the same way. A pattern using anything else than
  equality, ``IN``, ``NOT_IN`` or ``REGEX`` on ``TAG``, ``LOWER``, ``DEP`` or ``IS_SPACE`` (an
  operator, another attribute) leaves the ruler as it is.
- ``lemmatizer`` (rule mode): the lemma of a token depends only on its form, part of speech and
  morphology (``rule_lemmatize``), so each distinct triple is lemmatized once, by the lemmatizer
  itself, and the lemmas are written as one array.

The annotations are the same, token for token (``tests/components/test_model_rules.py`` compares
every attribute with spaCy's own stages); `claimx.pipeline.build_pipeline` applies it.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from typing import Optional

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")  # what the patterns may test, in the key's order


def _without(reduced: tuple, attributes: dict, name: str) -> tuple:
    """A pipe's ``__reduce__`` (Cython's: the state holds the object's ``__dict__`` itself) with
    the attribute ``name`` left out of the state: a cache, made again on first use."""

    def clean(x):
        if x is attributes:
            return {k: v for k, v in x.items() if k != name}
        if isinstance(x, tuple):
            return tuple(clean(y) for y in x)
        return x

    return tuple(clean(x) for x in reduced)


def _predicate(value):
    """(a test of one attribute's string or bool as the Matcher makes it, the values it accepts
    when they are few: an equality or ``IN``), or None if unsupported."""
    if isinstance(value, (str, bool)):
        return (lambda v: v == value), (value,)
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN" and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            accepted = frozenset(arg)
            return (lambda v: v in accepted), tuple(accepted)
        if op == "NOT_IN" and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            refused = frozenset(arg)
            return (lambda v: v not in refused), None
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return (lambda v: isinstance(v, str) and rx.search(v) is not None), None
    return None


class _Test:
    """One token of a pattern, as a test of a token's key (see `_KEYS`)."""

    def __init__(self, token_pattern: dict):
        self.tests = []
        self.anchor: Optional[tuple[int, tuple]] = None  # (key position, the values it accepts)
        for attr, value in token_pattern.items():
            made = _predicate(value) if attr in _KEYS else None
            if made is None:
                raise ValueError(f"unsupported pattern: {token_pattern}")
            test, accepted = made
            k = _KEYS.index(attr)
            self.tests.append((k, test))
            # look the pattern up by its most telling attribute: the word, else the tag, ...
            if accepted is not None and (self.anchor is None or k in (1,) or self.anchor[0] not in (1,) and k < self.anchor[0]):
                self.anchor = (k, accepted)

    def __call__(self, key: tuple) -> bool:
        return all(test(key[k]) for k, test in self.tests)


class _Plan:
    """The ruler's patterns as tests of a token's key, by pattern number (the ruler's order):
    each looked up through the values it requires (its anchor), or tried on every key."""

    def __init__(self, ruler: AttributeRuler):
        if len(ruler.patterns) != len(ruler.attrs):
            raise ValueError("patterns and attributes do not line up")
        self.attrs = ruler.attrs
        known = {POS, TAG, MORPH, LEMMA, DEP}
        if any(not isinstance(k, int) or k not in known for attrs in self.attrs for k in attrs):
            raise ValueError("an attribute the arrays do not carry")
        # the tests of every pattern token: (pattern number, position in its pattern, index, width, test)
        self.tokens: list[tuple[int, int, int, int, _Test]] = []
        for number, entry in enumerate(ruler.patterns):
            index = entry["index"]
            for alternative in entry["patterns"]:
                width = len(alternative)
                if not width or not -width <= index < width:
                    raise ValueError("unsupported pattern")
                for position, token_pattern in enumerate(alternative):
                    self.tokens.append((number, position, index % width, width, _Test(token_pattern)))
        self._by_anchor: dict[tuple[int, object], list[int]] = {}
        self._always: list[int] = []
        for t, (_, _, _, _, test) in enumerate(self.tokens):
            if test.anchor is None:
                self._always.append(t)
            else:
                k, values = test.anchor
                for v in values:
                    self._by_anchor.setdefault((k, v), []).append(t)
        self._memo: dict[tuple, tuple] = {}

    def look(self, key: tuple) -> tuple:
        """The pattern tokens (indices into ``self.tokens``) that a token with this key matches."""
        found = self._memo.get(key)
        if found is None:
            candidates = set(self._always)
            for k, v in enumerate(key):
                candidates.update(self._by_anchor.get((k, v), ()))
            found = tuple(sorted(t for t in candidates if self.tokens[t][4](key)))
            if len(self._memo) > 200_000:  # (bounded: the keys hold words)
                self._memo.clear()
            self._memo[key] = found
        return found


class FastAttributeRuler(AttributeRuler):
    """`AttributeRuler` with a faster ``__call__`` (the module docstring says how)."""

    def _plan(self) -> Optional[_Plan]:
        """The patterns as tests, made on first use after any change to them; None when a
        pattern is of a kind `_Plan` does not read (the ruler then runs as spaCy's)."""
        plan = self.__dict__.get("_claimx_plan")
        if plan is None:
            try:
                plan = _Plan(self)
            except ValueError:
                plan = False
            self._claimx_plan = plan
        return plan or None

    def __reduce__(self):
        return _without(super().__reduce__(), self.__dict__, "_claimx_plan")  # (made again on first use)

    def add(self, *args, **kwargs):
        self._claimx_plan = None
        return super().add(*args, **kwargs)

    def remove(self, *args, **kwargs):
        self._claimx_plan = None
        return super().remove(*args, **kwargs)

    def clear(self) -> None:
        self._claimx_plan = None
        return super().clear()

    def __call__(self, doc: Doc) -> Doc:
        plan = self._plan()
        if plan is None or not len(doc):
            return super().__call__(doc)
        error_handler = self.get_error_handler()
        try:
            self._annotate(doc, plan)
            return doc
        except Exception as e:  # noqa: BLE001 - as spaCy's own __call__
            return error_handler(self.name, self, [doc], e)

    @staticmethod
    def _annotate(doc: Doc, plan: _Plan) -> None:
        strings = doc.vocab.strings
        names: dict[int, str] = {0: ""}

        def name(h: int) -> str:
            s = names.get(h)
            if s is None:
                s = names[h] = strings[h]
            return s

        keys = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        n = len(keys)
        looks = [plan.look((name(t), name(low), name(d), bool(sp))) for t, low, d, sp in keys]
        tokens = plan.tokens
        applied: dict[int, list[int]] = {}  # token -> numbers of the patterns that set it
        for i, found in enumerate(looks):
            for t in found:
                number, position, index, width, _ = tokens[t]
                if position:
                    continue  # (a longer pattern is tried from its first token)
                if width > 1:
                    if i + width > n or not all(t + k in looks[i + k] for k in range(1, width)):
                        continue
                applied.setdefault(i + index, []).append(number)
        if not applied:
            return
        cols = (POS, TAG, MORPH, LEMMA, DEP)
        where = {a: k for k, a in enumerate(cols)}
        arr = doc.to_array(list(cols))
        attrs = plan.attrs
        touched = set()
        for i, numbers in applied.items():
            for number in sorted(numbers):  # the ruler's order: a later pattern wins
                for a, value in attrs[number].items():
                    arr[i, where[a]] = value
                    touched.add(a)
        used = [a for a in cols if a in touched]
        doc.from_array(used, arr[:, [where[a] for a in used]])


class FastRuleLemmatizer(Lemmatizer):
    """A rule-mode `Lemmatizer` with a faster ``__call__`` (the module docstring says how)."""

    def __reduce__(self):
        return _without(super().__reduce__(), self.__dict__, "_claimx_lemmas")

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or not len(doc):
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables()
        error_handler = self.get_error_handler()
        try:
            memo = self.__dict__.setdefault("_claimx_lemmas", {})
            if len(memo) > 200_000:
                memo.clear()
            strings = doc.vocab.strings
            arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
            lemmas = arr[:, 3].copy()
            overwrite = self.overwrite
            for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
                if overwrite or lemma == 0:
                    key = (orth, pos, morph)
                    lemma_ = memo.get(key)
                    if lemma_ is None:
                        lemma_ = memo[key] = self.lemmatize(doc[i])[0]
                    # (the string, not its hash: inside a memory zone the store forgets new strings)
                    lemmas[i] = strings.add(lemma_)
            doc.from_array([LEMMA], lemmas)
            return doc
        except Exception as e:  # noqa: BLE001 - as spaCy's own __call__
            error_handler(self.name, self, [doc], e)


class FastEnglishLemmatizer(FastRuleLemmatizer, EnglishLemmatizer):
    """spaCy's English lemmatizer (its own base forms) with the faster ``__call__``."""


_FAST_LEMMATIZERS = {Lemmatizer: FastRuleLemmatizer, EnglishLemmatizer: FastEnglishLemmatizer}


class _WordList(list):
    """A word list of the lemmatizer's index that answers ``in`` from a set: spaCy's
    ``rule_lemmatize`` asks ``form in index`` of lists of up to 57,000 words (a scan each time a
    new word is met, a fifth of a millisecond). The same list, the same answers."""

    def __init__(self, words):
        super().__init__(words)
        self._set = frozenset(self)

    def __contains__(self, word) -> bool:
        return word in self._set

    def __reduce__(self):
        return _WordList, (list(self),)


def _index_as_sets(pipe: Lemmatizer) -> None:
    if not pipe.lookups.has_table("lemma_index"):
        return
    index = pipe.lookups.get_table("lemma_index")
    for key, words in list(index.items()):
        if type(words) is list:
            OrderedDict.__setitem__(index, key, _WordList(words))  # (the key and the bloom filter as they were)


def speed_up_rules(nlp) -> list[str]:
    """Give the ``attribute_ruler`` and rule-mode ``lemmatizer`` pipes of ``nlp`` the faster
    ``__call__`` where their data allows it; the names of the pipes changed."""
    changed = []
    for name, pipe in nlp.pipeline:
        if type(pipe) is AttributeRuler:
            pipe.__class__ = FastAttributeRuler
            if pipe._plan() is None:
                pipe.__class__ = AttributeRuler
                continue
            changed.append(name)
        elif type(pipe) in _FAST_LEMMATIZERS and pipe.mode == "rule":
            pipe.__class__ = _FAST_LEMMATIZERS[type(pipe)]
            _index_as_sets(pipe)
            changed.append(name)
    return changed
