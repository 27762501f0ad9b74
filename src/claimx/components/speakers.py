"""``claimx_speakers``: from a cue's speaker mention to who is speaking.

For every frame in ``doc._.attributions`` that has a speaker mention, sets ``frame.source``, a
`claimx.components.cues.Source`: the mention as written (``text``, ``span``), ``name`` (the
fullest name the document gives: "Gabi Ashkenazi"), ``type`` (person, organization, government,
media, anonymous, group, place) and ``title`` ("Israeli Foreign Minister" or None).

Resolution within the document, in text order:
- a surname or "Mr. Trump" -> the longest person name ending with that word ("Haniyeh" -> "Ismail Haniyeh");
- he / she -> the person who spoke last, or else the person named last;
- a relative "who" -> the noun it modifies;
- "the source", "the sources" -> the source of that kind introduced earlier;
- "the Egyptian official" (a definite role with no name) -> the person who spoke last;
- "a statement from X", "reports from Egyptian media" -> X.
Titles come from the words before a name ("Hamas spokesman Hazem Qassem") or an apposition, and
follow the person through the document ("Blinken" keeps "U.S. Secretary of State").
"""
from __future__ import annotations

import bisect
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimx import rules
from claimx.header import BOM, outlet_names
from claimx.components.cues import Frame, Source, mention_range
from claimx.components.syntax import Ranges, sent_start_of, sentences
from claimx.extensions import register_extensions

register_extensions()

_TITLE_POS = {"PROPN", "NOUN", "ADJ", "PART"}
_TITLE_STOP_WORDS = {"said", "says", "and", "or", "with", "by", "to", "from", "for", "as", "on", "at", "in"}


@lru_cache(maxsize=1)
def _words():
    src = rules.load("sources.json")
    out = rules.load("outlets.json")
    gov = rules.load("governments.json")
    return {
        "anonymous": set(src["anonymous_nouns"]),
        "anonymity": set(src["anonymity_words"]),
        "document": set(src["document_nouns"]),
        "organization": set(src["organization_nouns"]),
        "group": set(src["group_nouns"]),
        "role": set(src["role_nouns"]),
        "person_pron": set(src["person_pronouns"]),
        "plural_pron": set(src["plural_pronouns"]),
        "relative": set(src["relative_pronouns"]),
        "honorifics": set(src["honorifics"]),
        "media": set(out["media_nouns"]),
        "question": set(src["question_verbs"]),
        "government": set(gov["nouns"]),
        "government_names": tuple(gov["names"]),
        "government_named": set(gov["named_nouns"]),
    }


def _strip_det(span: Span) -> Span:
    start = span.start
    while start < span.end - 1 and span.doc[start].dep_ in ("det", "predet") and span.doc[start].lower_ in ("the", "a", "an", "this", "these", "those"):
        start += 1
    return span.doc[start:span.end]


def _clean_name(ent: Span, honorifics: set[str]) -> str:
    toks = [t for t in ent if t.lower_ not in honorifics and t.text not in ("'s", "’s", "'", "’")]
    if not toks:
        return ent.text
    return ent.doc[toks[0].i:toks[-1].i + 1].text


def _title_before(ent: Span, words) -> str | None:
    """The role words right before a person's name: "U.S. Secretary of State Antony Blinken"."""
    doc = ent.doc
    i = ent.start - 1
    start = None
    sent_start = sent_start_of(doc[ent.start])
    while i >= sent_start:
        t = doc[i]
        if t.ent_type_ == "PERSON" or t.lower_ in _TITLE_STOP_WORDS or t.like_num or t.ent_type_ == "DATE":
            break
        if t.pos_ in _TITLE_POS or t.tag_ == "POS" or t.lower_ == "of" or (t.lower_ == "the" and i > sent_start and doc[i - 1].lower_ == "of"):
            start = i
            i -= 1
            continue
        break
    if start is None:
        return None
    toks = list(doc[start:ent.start])
    while toks and (toks[0].lower_ in ("of", "the") or toks[0].tag_ == "POS"):
        toks.pop(0)
    while toks and toks[-1].lower_ in words["honorifics"]:
        toks.pop()
    if not toks or not any(t.pos_ in ("NOUN", "PROPN") and t.lower_ not in words["honorifics"] for t in toks):
        return None
    if all(t.ent_type_ in ("GPE", "NORP", "ORG", "LOC") for t in toks):
        return None  # "Egypt's Haniyeh" has no title, only a place
    return doc[toks[0].i:toks[-1].i + 1].text


class PersonIndex:
    """Every person the document names, by surname, with the fullest form and a title."""

    def __init__(self, doc: Doc):
        words = _words()
        # names inside quotations are what someone said, not who is speaking ("Flour prices ...")
        quoted = Ranges([(q.start, q.end) for q in doc.spans.get("claimx_quotes", [])])
        self.full: dict[str, str] = {}
        self.title: dict[str, str] = {}
        self.mentions: list[tuple[int, str]] = []  # (char offset, full name) in text order
        self._subject: list[bool] = []  # is the mention the subject of its clause?
        # doc.ents builds every entity span anew on each access: once per document, not per mention
        self.ents = list(doc.ents)
        self._starts = [ent.start for ent in self.ents]
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            name = _clean_name(ent, words["honorifics"])
            key = name.split()[-1].lower() if name.split() else name.lower()
            if len(name.split()) > len(self.full.get(key, "").split()):
                self.full[key] = name
            title = _title_before(ent, words) or SpeakersComponent._appos_title(ent.root, ent)
            if title and key not in self.title:
                self.title[key] = title
        for ent in self.ents:
            if ent.label_ == "PERSON" and not quoted.any_holding(ent.start, ent.end):
                self.mentions.append((ent.start_char, self.resolve(_clean_name(ent, words["honorifics"]))))
                root = ent.root
                if root.dep_ in ("appos", "compound"):
                    root = root.head
                # (a plural name, "the Clintons", is no "he" or "she")
                self._subject.append(root.dep_ in ("nsubj", "nsubjpass") and ent.root.tag_ != "NNPS")
        self._mention_starts = [start for start, _ in self.mentions]
        self._ends = [ent.end for ent in self.ents]  # entities do not overlap: sorted as their starts
        self._by_role: dict[str, list[tuple[int, str]]] | None = None

    def within(self, span: Span) -> list[Span]:
        """The entities inside ``span`` (``span.ents`` without rebuilding the document's)."""
        i = bisect.bisect_left(self._starts, span.start)
        out = []
        while i < len(self.ents) and self.ents[i].start < span.end:
            if self.ents[i].end <= span.end:
                out.append(self.ents[i])
            i += 1
        return out

    def resolve(self, name: str) -> str:
        parts = name.split()
        if not parts:
            return name
        full = self.full.get(parts[-1].lower())
        return full if full and len(full.split()) >= len(parts) else name

    def title_of(self, name: str) -> str | None:
        parts = name.split()
        return self.title.get(parts[-1].lower()) if parts else None

    def last_before(self, offset: int, reach: int = 3, skip: set[str] | frozenset = frozenset()) -> str | None:
        """The fullest name of the person named last before character ``offset``, the subject of
        its clause first: of the last ``reach`` persons named, the last who is a subject ("Trump
        told NBC's Lester Holt that he would fire Comey. He said ...": Trump, not Holt or Comey),
        else the last named; never one of ``skip``."""
        k = bisect.bisect_left(self._mention_starts, offset) - 1
        while k >= 0 and self.mentions[k][1] in skip:  # (an interviewer who just asked)
            k -= 1
        for j in range(k, max(k - reach, -1), -1):
            if self._subject[j] and self.mentions[j][1] not in skip:
                return self.mentions[j][1]
        return self.mentions[k][1] if k >= 0 else None

    def last_with_role(self, role: str, offset: int) -> tuple[str, str] | None:
        """(name, title) of the person named last before ``offset`` whose title has the word
        ``role`` ("the Egyptian president" -> the last person titled "... President")."""
        if self._by_role is None:
            self._by_role = {}
            for start, name in self.mentions:
                title = self.title_of(name)
                for word in set(title.lower().split()) if title else ():
                    self._by_role.setdefault(word, []).append((start, name))
        found = self._by_role.get(role, [])
        k = bisect.bisect_left(found, (offset,)) - 1
        return (found[k][1], self.title_of(found[k][1])) if k >= 0 else None

    def last_entity_before(self, token: int, label: str, min_sentence: int, index) -> Span | None:
        """The last entity labelled ``label`` ending at or before token ``token``, in sentence
        ``min_sentence`` or later."""
        k = bisect.bisect_right(self._ends, token) - 1
        while k >= 0 and sentence_number(index, self.ents[k].start) >= min_sentence:
            if self.ents[k].label_ == label:
                return self.ents[k]
            k -= 1
        return None


def _outlet_in(text: str) -> str | None:
    for name in outlet_names():
        k = text.find(name)
        if k >= 0 and (k == 0 or not text[k - 1].isalnum()) and (k + len(name) == len(text) or not text[k + len(name)].isalnum()):
            return name
    return None


class SpeakersComponent:
    def __init__(self, nlp: Language, name: str, pronoun_window: int = 6):
        self.name = name
        self.pronoun_window = pronoun_window  # sentences a "he" may look back for the last speaker

    def __call__(self, doc: Doc) -> Doc:
        with sentences(doc) as index:  # `sent_of` and sentence numbers from one index
            return self._annotate(doc, index)

    def _annotate(self, doc: Doc, index) -> Doc:
        frames: list[Frame] = doc._.attributions or []
        people = PersonIndex(doc)
        # resolved sources in text order, for back-references: the contract fields and, for this
        # component only, "_sent" (sentence number), "_at" (offset), "_head" (the head's lemma),
        # "_asks" (the cue asks a question) and "_contents" (what the frame reports)
        history: list[dict] = []
        sent_index = index
        for frame in frames:
            if frame.speaker is None:
                frame.source = None
                continue
            s, e = frame.speaker
            mention = doc[s:e]
            head = doc[frame.speaker_head]
            source = _without_bom(self.describe(doc, mention, head, people, history, sent_index))
            source["_sent"] = sentence_number(sent_index, head.i)
            source["_at"] = head.idx
            source["_contents"] = frame.contents
            # a question ("asked her whether ...", "asked about the levy"), not a request ("asked the
            # council to approve ...", "asked for a vote": intentions)
            source["_asks"] = frame.lemma in _words()["question"] and frame.act != "intention"
            history.append(source)
            frame.source = Source(text=source["text"], span=tuple(source["span"]), name=source["name"],
                                  type=source["type"], title=source["title"])
        return doc

    # -----------------------------------------------------------------------------------------

    def describe(self, doc: Doc, mention: Span, head: Token, people: PersonIndex, history, sent_index) -> dict:
        words = _words()
        text_span = (mention.start_char, mention.end_char)
        low = head.lower_
        here = sentence_number(sent_index, head.i)

        def recent(pred, window=self.pronoun_window):
            for h in reversed(history):
                if here - h["_sent"] > window:
                    break
                if pred(h):
                    return h
            return None

        def copy(h, text=None):
            return {"text": text if text is not None else mention.text, "span": text_span,
                    "name": h["name"], "type": h["type"], "title": h["title"]}

        # relative pronoun: "Gabi Ashkenazi, who called for ..." -> the noun it modifies
        if low in words["relative"] and head.head != head:
            noun = head.head.head if head.head.dep_ == "relcl" else head.head
            if noun.pos_ in ("NOUN", "PROPN"):
                ns, ne = mention_range(noun)
                inner = self.describe(doc, doc[ns:ne], noun, people, history, sent_index)
                inner["text"], inner["span"] = head.text, (head.idx, head.idx + len(head))
                return inner
        if low in words["person_pron"]:
            # the last person who spoke, not one who asked ("Dunn asked her whether she would
            # resign. She said she would not": she is the one asked)
            h = recent(lambda h: h["type"] == "person" and h["name"].lower() not in words["person_pron"]
                       and not h.get("_asks"))
            askers = {x["name"] for x in history[-3:] if x.get("_asks")} if not h else set()
            name = h["name"] if h else people.last_before(head.idx, skip=askers)
            if h:
                return copy(h)
            return {"text": mention.text, "span": text_span, "name": name or head.text, "type": "person",
                    "title": people.title_of(name) if name else None}
        if low in words["plural_pron"]:
            h = recent(lambda h: h["type"] in ("group", "organization", "government", "anonymous", "media"), window=2)
            if h:
                return copy(h)
            return {"text": mention.text, "span": text_span, "name": head.text, "type": "group", "title": None}

        if low == "it":
            # "It said in a statement ...": the organization or outlet last in view
            h = recent(lambda h: h["type"] in ("organization", "government", "media"), window=2)
            if h:
                return copy(h)
            ent = people.last_entity_before(head.i, "ORG", here - 1, sent_index)
            if ent is not None:
                outlet = _outlet_in(ent.text)
                return {"text": mention.text, "span": text_span, "name": outlet or _strip_det(ent).text,
                        "type": "media" if outlet else "organization", "title": None}
            return {"text": mention.text, "span": text_span, "name": head.text, "type": "organization", "title": None}

        core = _strip_det(mention)
        outlet = _outlet_in(mention.text)
        ents = people.within(mention)
        persons = [ent for ent in ents if ent.label_ == "PERSON"]
        orgs = [ent for ent in ents if ent.label_ in ("ORG", "NORP", "GPE", "LOC", "FAC")]
        head_low = head.lower_
        definite = mention[0].lower_ in ("the", "this", "that", "these", "those")

        # "a statement from Hamas", "reports from Egyptian media", "details from officials": the author speaks
        if head_low in words["document"]:
            for child in head.children:
                # "a statement from Hamas"; "a statement released by the council", "an advertisement
                # paid for by the Harbour Alliance": the author speaks
                by = child if child.dep_ == "prep" and child.lower_ in ("from", "by", "of") else next(
                    (t for t in child.subtree if t.dep_ == "agent" or t.dep_ == "prep" and t.lower_ == "by"), None) \
                    if child.dep_ == "acl" and child.tag_ == "VBN" else None
                if by is not None and _pobj(by) is not None:
                    obj = _pobj(by)
                    os_, oe = mention_range(obj)
                    inner = self.describe(doc, doc[os_:oe], obj, people, history, sent_index)
                    inner["text"], inner["span"] = mention.text, text_span
                    return inner
            # a name, or an organization noun ("port authority records"), not "shipping records"
            authors = [c for c in head.lefts if c.dep_ in ("compound", "nmod", "poss") and (
                c.pos_ == "PROPN" or c.pos_ == "NOUN" and (c.lower_ in words["organization"] or c.lemma_.lower() in words["organization"]))]
            if authors:
                a = authors[-1]
                s0 = min(t.i for c in authors for t in c.subtree)
                while s0 < a.i and doc[s0].pos_ in ("DET", "ADJ", "PUNCT"):
                    s0 += 1
                author = doc[s0:a.i + 1]
                kind = "media" if _outlet_in(author.text) else (
                    "person" if a.ent_type_ == "PERSON" else "organization")
                name = _outlet_in(author.text) or (people.resolve(author.text) if kind == "person" else author.text)
                return {"text": mention.text, "span": text_span, "name": name, "type": kind, "title": None}
            if not outlet and not ents:
                # "Report:", "Poll:" heading a line, "a new study": a document nobody is named behind
                return {"text": mention.text, "span": text_span, "name": core.text, "type": "anonymous", "title": None}
        if outlet and not persons:
            return {"text": mention.text, "span": text_span, "name": outlet, "type": "media", "title": None}
        if self._government_head(head, mention, words):
            # "the foreign ministry", "the Biden administration" (a person's name as a modifier)
            return {"text": mention.text, "span": text_span, "name": core.text, "type": "government", "title": None}
        if persons and not any(w in words["anonymity"] for w in (t.lower_ for t in mention)):
            # the person nearest the head: "Hamas spokesman Hazem Qassem", "X, the minister"
            ent = min(persons, key=lambda en: abs(en.root.i - head.i))
            name = people.resolve(_clean_name(ent, words["honorifics"]))
            title = self._head_title(mention, head, ent) or _title_before(ent, words) or people.title_of(name) \
                or self._appos_title(head, ent)
            return {"text": mention.text, "span": text_span, "name": name, "type": "person", "title": title}
        if not persons and len(mention) <= 2 and head.text[:1].isupper() and head_low in people.full:
            # "Olsen on ferries: ..." heading an article about Karin Olsen (the tagger took it for a noun)
            name = people.resolve(head.text)
            return {"text": mention.text, "span": text_span, "name": name, "type": "person", "title": people.title_of(name)}
        anonymous = any(t.lower_ in words["anonymity"] for t in mention)
        if head_low in words["anonymous"] or anonymous:
            if definite and not anonymous:
                # "the source" -> the source introduced earlier; "the Egyptian official" -> the person meant
                h = recent(lambda h: h["type"] == "anonymous" and h.get("_head") == head.lemma_.lower())
                if h:
                    return copy(h)
                if head.lemma_.lower() in words["role"]:
                    h = self._person_by_role(head, people, recent, history)
                    if h:
                        return copy(h)
            out = {"text": mention.text, "span": text_span, "name": core.text, "type": "anonymous", "title": None}
            out["_head"] = head.lemma_.lower()
            return out
        if head_low in words["media"] and (orgs or head.pos_ == "NOUN"):
            return {"text": mention.text, "span": text_span, "name": core.text, "type": "media", "title": None}
        ent_type = head.ent_type_
        if ent_type == "GPE" or any(name in mention.text.lower() for name in words["government_names"]):
            # "Cairo said", "Egypt's foreign ministry said", "the White House said": a state speaking
            return {"text": mention.text, "span": text_span, "name": core.text, "type": "government", "title": None}
        if ent_type in ("LOC", "FAC"):
            return {"text": mention.text, "span": text_span, "name": core.text, "type": "place", "title": None}
        if ent_type == "ORG" or head_low in words["organization"] or head.lemma_.lower() in words["organization"]:
            return {"text": mention.text, "span": text_span, "name": core.text, "type": "organization", "title": None}
        if ent_type == "NORP" or head_low in words["group"] or (head.tag_ in ("NNS", "NNPS")):
            return {"text": mention.text, "span": text_span, "name": core.text, "type": "group", "title": None}
        if head.pos_ == "PROPN":
            name = people.resolve(head.text if len(core) > 4 else _clean_name(core, words["honorifics"]))
            return {"text": mention.text, "span": text_span, "name": name, "type": "person",
                    "title": people.title_of(name)}
        if head.lemma_.lower() in words["role"]:
            if definite:
                h = self._person_by_role(head, people, recent, history)
                if h:
                    return copy(h)
            return {"text": mention.text, "span": text_span, "name": core.text, "type": "anonymous", "title": None}
        return {"text": mention.text, "span": text_span, "name": core.text, "type": "anonymous", "title": None}

    @staticmethod
    def _government_head(head: Token, mention: Span, words) -> bool:
        """Is the mention headed by a noun of government: "the foreign ministry", "the cabinet";
        "administration" and "department" only with a name or a nationality before them ("the
        State Department", "the Biden administration", not "the university administration")?"""
        low, lemma = head.lower_, head.lemma_.lower()
        if low in words["government"] or lemma in words["government"]:
            return True
        return (low in words["government_named"] or lemma in words["government_named"]) and any(
            t.i < head.i and (t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "PERSON")) for t in mention)

    @staticmethod
    def _person_by_role(head: Token, people: PersonIndex, recent, history) -> dict | None:
        """ "the Egyptian president" -> the person last named with that title, else the last person
        speaking, unless the role stands in what that person says: "Ana Silva told the station
        that the mayor had promised ..." is about someone else."""
        found = people.last_with_role(head.lower_, head.idx)
        if found is not None:
            return {"name": found[0], "type": "person", "title": found[1]}
        at = head.idx
        return recent(lambda h: h["type"] == "person" and not any(s <= at < e for s, e in h.get("_contents", ())))

    @staticmethod
    def _head_title(mention: Span, head: Token, ent: Span) -> str | None:
        """ "Egypt's foreign ministry spokesman, Ambassador Ahmed Hafez": the role is the head's phrase."""
        if head.pos_ != "NOUN" or ent.start <= head.i < ent.end or head.i > ent.start:
            return None
        end = head.i + 1
        span = _strip_det(mention.doc[mention.start:end])
        return span.text or None

    @staticmethod
    def _appos_title(head: Token, ent: Span) -> str | None:
        """ "Jibril Rajoub, a senior figure from Fatah" -> "senior figure from Fatah"."""
        for child in ent.root.children:
            if child.dep_ == "appos":
                s, e = mention_range(child)
                span = _strip_det(head.doc[s:e])
                return span.text if span.text else None
        if head.dep_ == "appos" or head.i not in range(ent.start, ent.end):
            if head.pos_ == "NOUN":
                s, e = mention_range(head)
                span = _strip_det(head.doc[s:min(e, ent.start) if ent.start > s else e])
                text = span.text.strip(" ,")
                return text or None
        return None


def _without_bom(source: dict) -> dict:
    """A byte order mark glued to the first word ("\ufeffThe mayor", a text that opens with
    one) is no part of the mention, nor of a name or a title."""
    text = source["text"]
    k = len(text) - len(text.lstrip(BOM))
    if 0 < k < len(text):
        source["text"], source["span"] = text[k:], (source["span"][0] + k, source["span"][1])
    for key in ("name", "title"):
        value = source.get(key)
        if isinstance(value, str) and BOM in value and value.replace(BOM, ""):
            source[key] = value.replace(BOM, "")
    return source


def sentence_number(index, i: int) -> int:
    """The number of the sentence of token ``i`` (0 for the first)."""
    return index.number(i)


def _pobj(prep: Token) -> Token | None:
    for c in prep.children:
        if c.dep_ == "pobj":
            return c
    return None


@Language.factory("claimx_speakers", default_config={"pronoun_window": 6})
def make_speakers(nlp: Language, name: str, pronoun_window: int) -> SpeakersComponent:
    return SpeakersComponent(nlp, name, pronoun_window)
