"""Events: which documents report the same event (`claimx events`, `claimx diff --by outlet`).

Claims from several outlets are worth comparing only when they report one event. `group_events`
puts the documents behind the claims (the distinct `claim.doc`) into events, from the claim JSON
alone: no spaCy here, not even indirectly.

**What a document is about**: the *terms* below, each folded (case, accents, "the", possessive
"'s") before documents are compared.

- *Speaker names*: those of its claims whose speaker is a `person`, `organization`, `government`
  or `media` and is named with a capital ("the delegation" is not), clustered across the whole
  input as `claimx.names` does, so "Haniyeh" in one article is "Ismail Haniyeh" in another.
- *Names in its text*: the capitalised word sequences of its title and of its claims' `text` and
  `sentence`, of one to four words ("Gaza Strip", "Abbas Kamel", "International Court of
  Justice": "of" and particles such as "al-Sisi" may join them). A possessive ("Egypt's") or any
  punctuation ends a sequence; a sequence of more than four words is a title before a name
  ("Israeli Foreign Minister Gabi Ashkenazi"): its last two words. Not names: months and weekdays,
  honorifics ("Mr."), function words ("The", "We"), and a capitalised word at the start of a
  sentence, or any word of a title, unless the input also capitalises it inside a sentence and
  never writes it in lower case ("Meanwhile", "Earlier" and a headline's "Talks" are not names;
  "Egypt" is). A name that ends like a person speaker's name is that speaker's name when only one
  fits ("Netanyahu", "Prime Minister Benjamin Netanyahu" = "Benjamin Netanyahu").
- *Title words*: the content words of its title (`claimx.folding.content_words`: "truce", "talks"),
  at half the weight of a name (`TITLE_WORD_WEIGHT`).
- *Figures*: the numbers of its claims with their unit (`figure_term`: "1,200" and "about 1,200"
  are one term; ordinals and numbers under 10 are left out): reports of one event repeat its
  numbers.

**Similarity of two documents (0..1).** A term weighs by its rarity across the input,
``ln((N + 1) / df)`` for N documents of which df have it, so "Israel", in every article, counts
less than "Haniyeh", in two (a term of a single document, which cannot link it to another but
says what else it is about, weighs as one of two). The similarity is ``1 - TITLE_WEIGHT`` (0.75)
times the cosine of the two documents' weighted terms, plus ``TITLE_WEIGHT`` (0.25) times the
`title_similarity` of their titles (rapidfuzz); without a title on both sides, the cosine alone.
Two documents that share no name (speaker or text name; title words and figures are not enough)
are never alike: two strikes on one day are two events, however alike their headlines.

**Grouping, deterministic.** Documents are taken in order of publication date (the date part of
`doc.published`), then id. Each joins the event of the document most like it among those already
grouped, if the similarity is at least `EventSettings.threshold` (ties: the document taken first),
and only among events whose first document was published at most `EventSettings.window_days`
days before it, so the documents of one event are never more than ``window_days`` apart;
otherwise it starts an event. Documents without a date come last, in order of id: each joins the
event of the document most like it, of any date, by content alone, and is listed in the event's
`undated` as well as in its `documents`; or it starts an event of its own.

**The records** (`claimx.schema.EventRecord`): ids ``e1``, ``e2``, ... in order of the events'
first dates, events of undated documents only last, the same for the same input in any order;
`first` and `last` publication dates; `outlets`: the sorted sources (`document_source`: a document
without an outlet is a source of its own, ``(no outlet) <doc id>``); `documents` in order of date
then id, the undated last; `entities`: up to eight names, those in the most documents of the
event first (then the most mentioned, then alphabetically), each spelled as the event writes it
most often; `claims`: how many claims its documents hold.

The work stays near linear in the number of documents: through an inverted index (term ->
documents), a document is compared only with the documents sharing a name with it, and a dated
one only with those of the events still open in its date window; only the capitalised runs of a
text are looked at word by word.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from rapidfuzz import fuzz

from claimx import rules
from claimx.claimfiles import as_claims
from claimx.datetimes import published_day
from claimx.folding import STOPWORDS, content_words, fold
from claimx.names import cluster_speakers, name_tokens
from claimx.schema import Claim, DocInfo, EventRecord, Figure

# Speaker types whose names tell one event from another ("Hamas", "Ismail Haniyeh", "Cairo",
# "MENA"); "officials", "sources" or "Palestinians" do not.
NAME_TYPES = frozenset(("person", "organization", "government", "media"))
# A title word ("talks", "truce") says less than a name: its weight is scaled by this.
TITLE_WORD_WEIGHT = 0.5
# How much of the similarity the titles' rapidfuzz similarity decides (the rest: the terms shared).
TITLE_WEIGHT = 0.25
# rapidfuzz's token-set ratio (0..100) two unrelated titles reach by chance: a title similarity
# is the part of the ratio above it, scaled to 0..1.
TITLE_FLOOR = 40.0
# Figures under this say nothing about which event a document reports ("two sides", "3 days").
MIN_FIGURE = 10
# Names listed per event in `EventRecord.entities`.
MAX_ENTITIES = 8
# A capitalised sequence longer than this is a title before a name: its last NAME_TAIL words.
MAX_NAME_WORDS = 4
NAME_TAIL = 2

NO_OUTLET = "(no outlet)"
# Terms of the three kinds besides names are told apart by a prefix no folded name has.
TITLE_TERM = "title:"
FIGURE_TERM = "#"

# Lower-case words that may join the words of a name ("International Court of Justice", "Ludwig
# van Beethoven"); never first or last.
_CONNECTORS = frozenset(("of", "de", "da", "del", "der", "van", "von", "bin", "ibn", "al", "el", "la", "le", "du"))
_PARTICLES = "al|el|ad|ar|as|ash|at|az|abu|bin|ibn"
# A particle written with a hyphen before a name: "al-Sisi", "Al-Qahera", "abu-Marzouk".
_PARTICLE = re.compile(rf"(?i)(?:{_PARTICLES})-")
# A capitalised word (or one that may be: the letter class takes any letter that is not an ASCII
# lower-case one; `_is_capital` decides), with apostrophes ("O'Brien", "Egypt's") and hyphens
# ("Israel-Hamas", "Egyptian-brokered").
_CAP_WORD = (rf"(?:(?i:{_PARTICLES})-)?[^\W\d_a-z]\w*(?:['’]\w+)*(?:-\w+(?:['’]\w+)*)*['’]?")
_SPACE = "[ \u00a0]"
# A run of capitalised words, one space apart, connectors allowed between them.
_RUN = re.compile(rf"(?<![\w'’-]){_CAP_WORD}(?:{_SPACE}(?:(?:{'|'.join(sorted(_CONNECTORS))}){_SPACE})*"
                  rf"{_CAP_WORD})*")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$", re.IGNORECASE)
_SENTENCE_END = frozenset(".!?\n\r")
# What may stand between a sentence's end and its first word: spaces, quote marks, brackets, bullets.
_OPENERS = frozenset(" \t\u00a0\"'“”‘’«»„([{#@*•-–—")


@dataclass(frozen=True)
class EventSettings:
    """How documents are grouped into events."""

    # Documents published at most this many days apart may be one event.
    window_days: int = 3
    # The similarity (0..1) a document needs to join an event.
    threshold: float = 0.15


def document_source(doc: DocInfo) -> str:
    """Who published a document: its outlet, or for a document without one a name of its own
    (``(no outlet) <doc id>``), so two documents without an outlet are never one source."""
    outlet = (doc.outlet or "").strip()
    return outlet or f"{NO_OUTLET} {doc.id}"


def event_index(events: Sequence[EventRecord]) -> dict[str, str]:
    """Document id -> the id of its event."""
    return {doc: event.id for event in events for doc in event.documents}


# --- names in text ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _never_names() -> frozenset:
    """Capitalised words that are never a name, folded: months, weekdays, honorifics ("Mr.")."""
    dates = rules.load("date_words.json")
    words = list(dates["months"]) + dates["weekdays"] + rules.load("sources.json")["honorifics"]
    return frozenset(fold(w).rstrip(".") for w in words)


@lru_cache(maxsize=1 << 17)
def _fold(word: str) -> str:
    """`claimx.folding.fold` of one word, cached: a corpus repeats its words."""
    return fold(word)


@lru_cache(maxsize=1 << 17)
def _name_key(name: str) -> tuple[str, ...]:
    """`claimx.names.name_tokens`, cached: a corpus repeats its names."""
    return name_tokens(name)


def _is_capital(word: str) -> bool:
    """"Gaza", "UN", "al-Sisi" (a particle before a capital)."""
    if word[:1].isupper():
        return True
    particle = _PARTICLE.match(word)
    return bool(particle) and word[particle.end():][:1].isupper()


def _starts_sentence(text: str, at: int) -> bool:
    """Whether the word at ``at`` opens the text, a line or a sentence (quote marks skipped)."""
    i = at - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _runs(text: str) -> list[tuple[str, bool]]:
    """The runs of capitalised words of a text, each with whether it opens a sentence."""
    return [(m.group(), _starts_sentence(text, m.start())) for m in _RUN.finditer(text)]


def _run_words(run: str) -> list[tuple[str, bool]]:
    """The words of a run: (word without possessive, possessive?). A hyphenated word whose parts
    are not all capitalised ("Egyptian-brokered", "Cease-fire") is given in lower case: a common
    word, never part of a name."""
    out = []
    for word in run.split():
        bare = _POSSESSIVE.sub("", word) if word[-1] in "'’sS" else word
        if "-" in bare:
            particle = _PARTICLE.match(bare)
            rest = bare[particle.end() if particle else 0:]
            if not all(part[:1].isupper() for part in rest.split("-")):
                bare = bare.lower()
        if bare:
            out.append((bare, bare != word))
    return out


@dataclass(frozen=True)
class WordEvidence:
    """How the input writes its words (folded): in lower case somewhere, or capitalised inside a
    sentence somewhere. A capitalised word that opens a sentence, or any word of a title, is a name
    only if the input also capitalises it inside a sentence and never writes it in lower case:
    "Egypt" and "Palestinians" are names; "Meanwhile", "Earlier" and a headline's "Talks" are not."""

    lowercase: frozenset = frozenset()
    capitalised: frozenset = frozenset()

    @classmethod
    def of(cls, texts: Iterable[str], titles: Iterable[str] = ()) -> "WordEvidence":
        texts = list(texts)
        return cls.from_runs(texts, {t: _runs(t) for t in texts}, titles)

    @classmethod
    def from_runs(cls, texts: Iterable[str], runs: dict[str, list[tuple[str, bool]]],
                  titles: Iterable[str] = ()) -> "WordEvidence":
        lower: set[str] = set()
        capital: set[str] = set()
        for text in texts:
            lower.update(_LOWER_WORD.findall(text))
            for run, opens in runs[text]:
                for i, (word, _) in enumerate(_run_words(run)):
                    if (i or not opens) and _is_capital(word):
                        capital.add(_fold(word))
        for title in titles:
            lower.update(_LOWER_WORD.findall(title))
        return cls(frozenset(lower), frozenset(capital))

    def is_name_word(self, folded: str) -> bool:
        return folded in self.capitalised and folded not in self.lowercase


@dataclass(frozen=True)
class Name:
    """A name found: its folded words and how it is written."""

    key: tuple[str, ...]
    shown: str


def capitalised_sequences(text: str, evidence: Optional[WordEvidence] = None,
                          title: bool = False) -> list[Name]:
    """The proper-name-like word sequences of a text (the rules: the module docstring).

    ``evidence``: how the whole input writes its words, which decides whether a capitalised word
    opening a sentence (any word, in a ``title``) is a name; without it, such a word is a name
    unless it is a function word.

    >>> [n.shown for n in capitalised_sequences("On Sunday, Egypt's envoy met Ismail Haniyeh in Cairo.")]
    ['Egypt', 'Ismail Haniyeh', 'Cairo']
    """
    return _names_in_runs(_runs(text), evidence, title)


def _names_in_runs(runs: list[tuple[str, bool]], evidence: Optional[WordEvidence], title: bool) -> list[Name]:
    never = _never_names()
    found: list[Name] = []
    name: list[str] = []

    def close() -> None:
        while name and name[-1] in _CONNECTORS:
            name.pop()
        if len(name) == 1 and "-" in name[0] and not _PARTICLE.match(name[0]):
            parts = name[0].split("-")    # "the Israel-Hamas truce": Israel and Hamas
        else:
            parts = [" ".join(name if len(name) <= MAX_NAME_WORDS else name[-NAME_TAIL:])] if name else []
        for shown in parts:
            key = _name_key(shown)
            if key and (len(key) > 1 or len(key[0]) > 1):    # the "U" of "U.S." is no name
                found.append(Name(key, shown))
        name.clear()

    for run, opens in runs:
        for i, (word, possessive) in enumerate(_run_words(run)):
            if not _is_capital(word):
                if name and word in _CONNECTORS:
                    name.append(word)
                else:
                    close()
                continue
            folded = _fold(word)
            acronym = len(word) > 1 and word.isupper()
            if (folded in STOPWORDS and not acronym) or folded in never or (
                    evidence is not None and not acronym and (title or (opens and i == 0))
                    and not evidence.is_name_word(folded)):
                close()
                continue
            name.append(word)
            if possessive:
                close()
        close()
    return found


class _Names:
    """The speaker names of the input, clustered (`claimx.names`), and names found in texts
    resolved to them."""

    def __init__(self, clustered: dict[tuple[str, str], str]):
        self.clustered = clustered
        self.known: dict[tuple[str, ...], str] = {}          # folded speaker name -> its cluster's
        self.surnames: dict[str, set[tuple[str, ...]]] = {}  # last word -> folded person names
        self.resolved: dict[Name, Name] = {}
        for (name, type_), shown in sorted(clustered.items()):
            self.known.setdefault(name_tokens(name), shown)
            key = name_tokens(shown)
            if type_ == "person" and len(key) > 1:
                self.surnames.setdefault(key[-1], set()).add(key)

    def speaker(self, name: str, type_: str) -> Name:
        shown = self.clustered[(name, type_)]
        return Name(_name_key(shown), shown)

    def resolve(self, name: Name) -> Name:
        """A speaker's name as its cluster goes by; a person's name after a title ("Prime Minister
        Benjamin Netanyahu") or a surname alone ("Netanyahu") as the one person speaker of the
        input it fits (all its words in the speaker's name, the last word last); else as found."""
        if name not in self.resolved:
            self.resolved[name] = self._resolve(name)
        return self.resolved[name]

    def _resolve(self, name: Name) -> Name:
        if name.key in self.known:
            shown = self.known[name.key]
            return Name(_name_key(shown), shown)
        for i in range(len(name.key)):
            tail = name.key[i:]
            people = [k for k in self.surnames.get(tail[-1], ()) if set(tail) <= set(k)]
            if len(people) == 1:
                return Name(people[0], self.known[people[0]])
        return name


# --- titles and figures -------------------------------------------------------------------------

def title_similarity(a: Optional[str], b: Optional[str]) -> Optional[float]:
    """How alike two titles are, 0..1 (None if either has no content words): rapidfuzz's
    token-set ratio of their content words, above `TITLE_FLOOR`.

    >>> title_similarity("Egypt hosts Gaza truce talks", "Gaza truce talks hosted by Egypt") > 0.9
    True
    >>> title_similarity("Egypt hosts Gaza truce talks", "Flood waters recede in Lyon")
    0.0
    """
    return _title_ratio(_title_text(a), _title_text(b))


def _title_ratio(a: str, b: str) -> Optional[float]:
    """`title_similarity` of two titles already reduced to their content words."""
    if not a or not b:
        return None
    return max(0.0, fuzz.token_set_ratio(a, b) - TITLE_FLOOR) / (100.0 - TITLE_FLOOR)


def _title_words(title: Optional[str]) -> list[str]:
    return [w for w in content_words(title or "") if len(w) > 1]


def _title_text(title: Optional[str]) -> str:
    return " ".join(_title_words(title))


def figure_term(figure: Figure) -> Optional[str]:
    """A figure as a term documents can share: ``#1200``, ``#11 days``, ``#500000000 USD``; None
    for an ordinal and for a number under `MIN_FIGURE` ("two sides")."""
    if figure.kind == "ordinal" or abs(figure.value) < MIN_FIGURE:
        return None
    value = int(figure.value) if float(figure.value).is_integer() else figure.value
    return f"{FIGURE_TERM}{value} {figure.unit}" if figure.unit else f"{FIGURE_TERM}{value}"


# --- documents and events -----------------------------------------------------------------------

@dataclass
class _Document:
    """A document as grouping sees it."""

    info: DocInfo
    day: Optional[str]
    claims: int = 0
    names: dict[str, Counter] = field(default_factory=dict)   # folded name -> its spellings, counted
    figures: set[str] = field(default_factory=set)           # `figure_term`s of its claims
    terms: list[str] = field(default_factory=list)           # names, title words, figures; sorted
    title: str = ""                                          # its title's content words


def _documents(claims: Sequence[Claim]) -> list[_Document]:
    """The distinct documents of the claims, with the terms they are about."""
    docs: dict[str, _Document] = {}
    texts: dict[str, dict[str, None]] = {}          # doc id -> its distinct texts, in order
    speakers: dict[str, list[tuple[str, str]]] = {}
    for c in claims:
        d = docs.get(c.doc.id)
        if d is None:
            d = docs[c.doc.id] = _Document(c.doc, published_day(c.doc.published))
            texts[c.doc.id] = {}
            speakers[c.doc.id] = []
        d.claims += 1
        # a claim's text is usually part of its sentence, and has no other names
        if c.text not in c.sentence:
            texts[c.doc.id][c.text] = None
        texts[c.doc.id][c.sentence] = None
        d.figures.update(t for t in map(figure_term, c.figures) if t)
        # "the delegation", "parties": a speaker named by common nouns alone is no name
        if c.speaker is not None and c.speaker.type in NAME_TYPES and any(
                _is_capital(w) for w in _ARTICLE.sub("", c.speaker.name).split()):
            speakers[c.doc.id].append((c.speaker.name, c.speaker.type))
    names = _Names(cluster_speakers([p for ps in speakers.values() for p in ps]))
    every_text = [t for ts in texts.values() for t in ts]
    runs = {t: _runs(t) for t in every_text}
    titles = [d.info.title for d in docs.values() if d.info.title]
    evidence = WordEvidence.from_runs(every_text, runs, titles)
    for doc_id, d in docs.items():
        found = [names.speaker(name, type_) for name, type_ in speakers[doc_id]]
        for text in texts[doc_id]:
            found.extend(map(names.resolve, _names_in_runs(runs[text], evidence, False)))
        if d.info.title:
            found.extend(map(names.resolve, capitalised_sequences(d.info.title, evidence, title=True)))
        for name in found:
            key = " ".join(name.key)
            spellings = d.names.get(key)
            if spellings is None:
                spellings = d.names[key] = Counter()
            spellings[name.shown] += 1
        title_words = _title_words(d.info.title)
        d.title = " ".join(title_words)
        d.terms = sorted(set(d.names) | {TITLE_TERM + w for w in title_words} | d.figures)
    return list(docs.values())


def term_weights(docs: Sequence[_Document]) -> dict[str, float]:
    """Each term -> its weight, ``ln((N + 1) / df)`` for N documents of which df have it (times
    `TITLE_WORD_WEIGHT` for a title word). A term of one document cannot link it to another, but
    says what else it is about: it weighs as much as a term of two."""
    df = Counter(t for d in docs for t in d.terms)
    n = len(docs)
    return {t: math.log((n + 1) / max(k, 2)) * (TITLE_WORD_WEIGHT if t.startswith(TITLE_TERM) else 1.0)
            for t, k in sorted(df.items())}


@dataclass
class _Event:
    """An event while documents join it."""

    first: Optional[str]
    last: Optional[str]
    members: list[_Document] = field(default_factory=list)
    placed: list[int] = field(default_factory=list)    # its documents' places in `_Grouping.placed`


class _Grouping:
    """Documents joining events, one at a time (`group_events`). Each document placed is in an
    inverted index, term -> the places of the documents having it: `every` for all, `open` for the
    documents of the events still open in the current date window."""

    def __init__(self, weights: dict[str, float], settings: EventSettings):
        self.weights = weights
        self.settings = settings
        self.events: list[_Event] = []
        self.placed: list[_Document] = []
        self.norms: list[float] = []
        self.event_of: list[int] = []
        self.every: dict[str, set[int]] = {}
        self.open: dict[str, set[int]] = {}
        self.oldest_open = 0                    # events are created in date order

    def vector(self, d: _Document) -> list[tuple[str, float]]:
        return [(t, self.weights[t]) for t in d.terms]

    def add_dated(self, d: _Document) -> None:
        day = date.fromisoformat(d.day)
        while self.oldest_open < len(self.events) and (
                day - date.fromisoformat(self.events[self.oldest_open].first)).days > self.settings.window_days:
            for i in self.events[self.oldest_open].placed:
                for t in self.placed[i].terms:
                    self.open[t].discard(i)
            self.oldest_open += 1
        self.place(d, self.best(d, self.open), (self.open, self.every))

    def add_undated(self, d: _Document) -> None:
        self.place(d, self.best(d, self.every), (self.every,))

    def best(self, d: _Document, index: dict[str, set[int]]) -> Optional[int]:
        """The event of the placed document most like ``d`` among those sharing a name with it,
        if alike enough (ties: the document placed first)."""
        vec = self.vector(d)
        norm = math.sqrt(math.fsum(w * w for _, w in vec))
        dots: dict[int, float] = {}
        named: set[int] = set()        # the documents sharing a name with ``d``: the candidates
        for t, w in vec:               # in term order: the same sums on every run
            hits = index.get(t, ())
            if t in d.names:
                named.update(hits)
            for i in hits:
                dots[i] = dots.get(i, 0.0) + w * w
        cosines = sorted(((dots[i] / (norm * self.norms[i]), i) for i in named), key=lambda ci: (-ci[0], ci[1]))
        chosen, top = None, self.settings.threshold
        for cosine, i in cosines:
            if ((1 - TITLE_WEIGHT) * cosine + TITLE_WEIGHT if d.title else cosine) < top:
                break                  # no title can lift this document, or any after it, above ``top``
            title = _title_ratio(d.title, self.placed[i].title)
            sim = cosine if title is None else (1 - TITLE_WEIGHT) * cosine + TITLE_WEIGHT * title
            if sim > top or (sim == top and (chosen is None or i < chosen)):
                chosen, top = i, sim
        return None if chosen is None else self.event_of[chosen]

    def place(self, d: _Document, e: Optional[int], indexes: Sequence[dict[str, set[int]]]) -> None:
        if e is None:
            self.events.append(_Event(d.day, d.day))
            e = len(self.events) - 1
        i = len(self.placed)
        ev = self.events[e]
        ev.members.append(d)
        ev.placed.append(i)
        self.placed.append(d)
        self.event_of.append(e)
        vec = self.vector(d)
        self.norms.append(math.sqrt(math.fsum(w * w for _, w in vec)))
        for t, _ in vec:
            for index in indexes:
                index.setdefault(t, set()).add(i)
        if d.day:
            ev.first = min(ev.first or d.day, d.day)
            ev.last = max(ev.last or d.day, d.day)


def group_events(claims: Iterable[Claim | dict], settings: EventSettings = EventSettings()) -> list[EventRecord]:
    """Group the documents of these claims into events (the rules: the module docstring)."""
    docs = _documents(as_claims(claims))
    grouping = _Grouping(term_weights(docs), settings)
    for d in sorted((d for d in docs if d.day), key=lambda d: (d.day, d.info.id)):
        grouping.add_dated(d)
    for d in sorted((d for d in docs if not d.day), key=lambda d: d.info.id):
        grouping.add_undated(d)
    return [_record(f"e{i}", ev) for i, ev in enumerate(grouping.events, 1)]


def _record(event_id: str, ev: _Event) -> EventRecord:
    in_docs: Counter = Counter()
    mentions: Counter = Counter()
    spellings: dict[str, Counter] = {}
    for d in ev.members:
        for key, shown in d.names.items():
            in_docs[key] += 1
            mentions[key] += sum(shown.values())
            spellings.setdefault(key, Counter()).update(shown)
    top = sorted(in_docs, key=lambda k: (-in_docs[k], -mentions[k], k))[:MAX_ENTITIES]
    return EventRecord(
        id=event_id, first=ev.first, last=ev.last,
        outlets=sorted({document_source(d.info) for d in ev.members}),
        documents=[d.info.id for d in ev.members],
        undated=[d.info.id for d in ev.members if not d.day],
        entities=[min(spellings[k].items(), key=lambda kv: (-kv[1], kv[0]))[0] for k in top],
        claims=sum(d.claims for d in ev.members))

