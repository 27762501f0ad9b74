"""``claimx_cues``: reporting cues, the content each one governs, and the mention that speaks.

Sets ``doc.spans["claimx_cues"]`` (each cue, label ``verb`` or ``according_to``) and
``doc._.attributions``: one dict per cue, in text order::

    {"cue": (tok_start, tok_end), "lemma": "say", "kind": "indirect" | "according_to",
     "contents": [(char_start, char_end), ...],   # the governed clause(s); may be empty
     "speaker": (tok_start, tok_end) | None,      # the mention, as written
     "speaker_head": tok_index | None,            # its head (a relative "who" is resolved to its noun)
     "sent": (char_start, char_end)}

A frame with no content still matters: it is how a quotation finds its speaker
(``"We will win," she said``; ``He told reporters: "..."``).

The cue vocabulary is data (``rules/cues.json``): verbs that take a clause (*X said that ...*),
a to-infinitive (*X urged Y to ...*), an object (*X denied the report*), a preposition
(*X called for ...*), an object and its "as" phrase (*experts see the vote as a test*), an object
when a poll or a record is the subject (*the poll shows Clinton with a lead*), and multi-word
source markers (*according to X*, *per X*, *as reported by X*, *in the latest poll*), and a name
heading a line before a colon (*McCaul: If elected, ...*; *Cease-fire talks stall: sources*). Any other verb
whose subject can speak reports a "that" clause after it (*the mayor noticed that ...*).

Contents: an object runs on through what the verb hangs after it, up to a comma, a time or a
setting (*demanded safeguards for every crossing* | *in an interview*); a clause runs on through a
second "that" clause or a condition. A cue set into its clause (*The goal, he said, is to ...*)
reports both pieces; so does a cue after a fronted relative (*the shipyard, which she says she will
keep open*: "the shipyard, which" and "she will keep open").

Cost: each cue is weighed inside its own sentence (looked up through `claimx.components.syntax`,
never found again by walking the tokens), so the work grows with the length of the text times the
length of its sentences, which ``claimx_article`` bounds for text that has none.
"""
from __future__ import annotations

import bisect
from collections import Counter
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimx import rules
from claimx.components.quotes import quote_spans
from claimx.components.syntax import Ranges, sent_end_of, sent_of, sent_start_of, sentences
from claimx.extensions import CUES_KEY, register_extensions
from claimx.header import has_line_break

register_extensions()

# Children that end a speaker mention: "A diplomatic source, speaking anonymously to KAN, suggested"
_MENTION_STOP = {"relcl", "acl", "advcl", "parataxis", "ccomp", "cc", "conj"}
_TRIM = set(" \t\n\r\u00a0,;:.—–-\ufeff")  # (a byte order mark glued to a first word too)
_QUOTE_CHARS = set("\"“”„«»‟")


@lru_cache(maxsize=1)
def lexicon() -> dict:
    data = rules.load("cues.json")
    lex = {
        "clause": set(data["clause_verbs"]),
        "infinitive": set(data["infinitive_verbs"]),
        "object": set(data["object_verbs"]),
        "prep": {k: set(v) for k, v in data["prep_verbs"].items()},
        "quote_only": set(data["quote_only_verbs"]),
        "raising": set(data["raising_verbs"]),
        "setting": set(data["setting_nouns"]) | set(data["platform_nouns"]),
        "platform": set(data["platform_nouns"]),
        # objects that say nothing by themselves: "denied it" (content only with a complement:
        # "called him a liar"), "shared nothing" (never)
        "bare_pronoun": set(data["bare_objects"]["pronouns"]),
        "bare": set(data["bare_objects"]["pronouns"]) | set(data["bare_objects"]["empty"]),
        "nominal_preps": dict(data["nominal_preps"]),
        "evidence": set(data["evidence_verbs"]),
        "evidence_nouns": set(data["evidence_nouns"]),
        "finding": set(data["finding_verbs"]),
        "light": set(data["light_verbs"]),
        "particle": {k: set(v) for k, v in data["particle_verbs"].items()},
        "poll_nouns": set(data["poll_nouns"]),
        "view_nouns": set(data["view_nouns"]),
        "line_labels": set(data["line_labels"]),
        "label_topics": set(data["label_topics"]),
        "headline_verbs": set(data["headline_verbs"]),
        "answers": set(data["answers"]),
        "lemma_forms": dict(data["lemma_forms"]),
        "report_verbs": set(data["report_verbs"]),
        "noun_cue_verbs": set(data["noun_cue_verbs"]),
        "asking": set(data["asking_verbs"]),
        "recipient_verbs": set(data["recipient_verbs"]),
        "not_source_entities": set(data["not_source_entities"]),
        "tail_stops": set(data["tail_stops"]),
        "headline_adverbs": set(data["headline_adverbs"]),
        "as": set(data["as_verbs"]),
        "object_nouns": {k: set(v) for k, v in data["object_nouns"].items()},
        "nominal": {k: set(v) for k, v in data["nominal_cues"].items()},
        "stance": {k: set(v) for k, v in data["stance_adjectives"].items()},
        "refusal": set(data["refusal_verbs"]),
        "it_speech": set(data["it_speech_verbs"]),
        "not_that_cues": set(data["not_that_cues"]),
        "stance_verbs": set(data["stance_verbs"]),
        "person_objects": set(data["bare_objects"]["persons"]),
        "eager": set(data["eager_adjectives"]),
        "addressee": set(data["addressee_verbs"]),
        "apostrophe_s": set(data["apostrophe_s"]),
        "speaking_pronouns": set(data["speaking_pronouns"]),
        "not_content": set(data["not_content_objects"]),
        "according_to": [tuple(p) for p in data["according_to"]],
    }
    # every verb that is a cue in some frame, computed once
    lex["verbs"] = lex["clause"] | lex["infinitive"] | lex["object"] | set(lex["prep"]) | lex["quote_only"] \
        | lex["evidence"] | lex["as"] | set(lex["particle"])
    return lex


# ---------------------------------------------------------------------------------------------
# Spans and mentions


def tidy(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim spaces and clause punctuation at both ends; drop a lone quote mark at either end."""
    while True:
        before = (s, e)
        while s < e and text[s] in _TRIM:
            s += 1
        while e > s and text[e - 1] in _TRIM:
            e -= 1
        inner = text[s:e]
        marks = sum(1 for c in inner if c in _QUOTE_CHARS)
        if marks % 2 == 1:
            if e > s and text[e - 1] in _QUOTE_CHARS:
                e -= 1
            elif text[s] in _QUOTE_CHARS:
                s += 1
        if (s, e) == before:
            return s, e


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range [start, end) -> tidied character range, or None if nothing is left."""
    if end <= start:
        return None
    span = doc[start:end]  # span.text, not doc.text: doc.text is rebuilt on every access
    text, base = span.text, span.start_char
    s, e = tidy(text, 0, len(text))
    return (base + s, base + e) if s < e and any(c.isalnum() for c in text[s:e]) else None


def _words(doc: Doc, start: int, end: int) -> int:
    return sum(1 for t in doc[start:end] if t.is_alpha or t.like_num)


def mention_range(head: Token) -> tuple[int, int]:
    """The speaker mention around ``head``, with its apposition, without relative clauses."""
    left = head.i
    for child in head.lefts:
        if child.dep_ in _MENTION_STOP or child.is_punct:
            continue
        left = min(left, child.left_edge.i)
        break
    right = head.i
    for child in head.rights:
        if child.dep_ in _MENTION_STOP:
            break
        if child.dep_ == "punct":
            continue
        if child.dep_ == "appos":
            # "Al-Qahera, a private news channel": keep the apposition, not its relative clause
            r = child.i
            for gc in child.rights:
                if gc.dep_ in _MENTION_STOP:
                    break
                if gc.dep_ != "punct":
                    r = gc.right_edge.i
            right = max(right, r)
            continue
        right = max(right, child.right_edge.i)
    doc = head.doc
    while right > left and (doc[right].is_punct or doc[right].dep_ in ("cc", "case")):
        right -= 1  # a possessor speaks without its "'s": "Trump's call for ..."
    while left < right and (doc[left].is_punct or doc[left].dep_ == "cc"):
        left += 1
    return left, right + 1


def _child(tok: Token, *deps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def is_evidence(tok: Token | None, lex) -> bool:
    """A poll, a survey, records: a text whose findings are reported."""
    return tok is not None and (tok.lower_ in lex["evidence_nouns"] or tok.lemma_.lower() in lex["evidence_nouns"])


def interrupts(verb: Token) -> bool:
    """A cue set into the clause it reports: "The goal, he said, is ...", "..., as she put it"."""
    if verb.head == verb:
        return False
    if verb.dep_ == "parataxis":
        return True
    # "as he said", "as she put it" -- not "as Mr. Kerry continues to pursue diplomacy"
    mark = _child(verb, "mark")
    return mark is not None and mark.lower_ == "as" \
        and not any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > verb.i for c in verb.children)


def _comma_aside(verb: Token, lex) -> tuple[int, int] | None:
    """"This sort of opining, CNN claimed, violates its code": a verb of saying and its subject set
    off by commas inside the clause they report, however the parser hung the rest. The aside's
    token range, or None."""
    doc = verb.doc
    subj = _child(verb, "nsubj")
    if verb.lemma_.lower() not in lex["clause"] or subj is None or subj.i > verb.i or subj.right_edge.i != verb.i - 1:
        return None
    start = subj.left_edge.i
    sent = sent_of(verb)
    if start - 1 <= sent.start or doc[start - 1].text != "," or verb.i + 1 >= sent.end or doc[verb.i + 1].text != ",":
        return None
    if _words(doc, sent.start, start - 1) < 2 or _words(doc, verb.i + 2, sent.end) < 2:
        return None
    return start, verb.i + 1


def _inverted_aside(verb: Token) -> tuple[Token, int, int] | None:
    """"A fair reading, said Michael Kofman, an expert, would see it as ...": the parser takes the
    front of the clause as the subject of "said" and the speaker as the subject of the rest.
    Returns the speaker and the token range of the aside ("said ... ,")."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    # the speaker right after the cue: the subject of "said" itself, or of the rest of the clause
    after = [c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i]
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if not after and comp is not None and _child(verb, "nsubj") is not None:
        after = [c for c in comp.children if c.dep_ == "nsubj"]
    speaker = after[0] if after else None
    if speaker is None or speaker.left_edge.i != verb.i + 1:
        return None
    end = mention_range(speaker)[1]
    if end >= len(doc) or doc[end].text != ",":
        return None
    return speaker, verb.i, end + 1


def _parenthetical_subject(verb: Token) -> Token | None:
    """"The source, union members say, is ...": the parser hangs the speaker on the words before."""
    doc = verb.doc
    i, start = verb.i - 1, sent_start_of(verb)
    while i > start and not doc[i].is_punct:
        i -= 1
    if doc[i].text != "," or i == verb.i - 1:
        return None
    inside = range(i + 1, verb.i)
    for t in doc[i + 1:verb.i]:
        if t.head.i not in inside and t.pos_ in ("NOUN", "PROPN", "PRON"):
            return t
    return None


def find_speaker(verb: Token, depth: int = 0) -> Token | None:
    """The token that heads the speaking mention of a cue verb, climbing shared subjects."""
    aside = _inverted_aside(verb) if depth == 0 else None
    if aside is not None:
        return aside[0]
    subj = _child(verb, "nsubj")
    if verb.dep_ == "parataxis" and depth == 0:
        near = _parenthetical_subject(verb)
        if near is not None and (subj is None or subj.i < near.i):
            return near
    if subj is not None and subj.lower_ == "it" and verb.lemma_.lower() in lexicon()["it_speech"] \
            and _child(verb, "auxpass") is None:
        return subj  # "It said in a statement ...": a company, a paper, a report
    if subj is not None and subj.lower_ not in ("it", "there"):
        if subj.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
            return subj  # resolved to verb.head by the speakers component
        return subj
    agent = _child(verb, "agent")
    if agent is not None:
        pobj = _child(agent, "pobj")
        if pobj is not None:
            return pobj
    passive = _child(verb, "nsubjpass")
    if passive is not None and _has_said(verb):
        return passive  # "he's said the same thing": the parser reads "'s" as "is"
    if passive is not None or depth >= 3:
        return None
    head = verb.head
    if head == verb:
        return _name_right_before(verb) if depth == 0 else None
    # "quoted an unnamed source as saying that ...": the quoted one speaks
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_ in ("quote", "cite"):
        return _child(head.head, "dobj")
    if verb.dep_ in ("conj", "advcl", "xcomp", "pcomp"):
        if head.pos_ == "ADP":
            head = head.head
        # "In addition to stating that ..., Clinton has vowed ...": up through the fronted phrase;
        # "has a long history of blaming others": up through the object the phrase hangs on
        hops = 0
        while verb.dep_ == "pcomp" and head.pos_ in ("NOUN", "ADP") and head.dep_ in ("pobj", "prep", "dobj") and hops < 3:
            head, hops = head.head, hops + 1
        # "were quick to condemn the outcome": up through an adjective of eagerness (not "unable to")
        if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
            if head.lower_ not in lexicon()["eager"] or _child(head.head, "neg") is not None:
                return None
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            found = find_speaker(head, depth + 1)
            # "said the quay was unsafe, citing two reports": a participle hung on the reported clause
            # belongs to the one who reports it, not to the clause's subject
            if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "ccomp" and head.head.pos_ == "VERB" \
                    and (found is None or not plausible_source(found)) and depth < 3:
                return find_speaker(head.head, depth + 2)
            return found
    # "a separate Hamas statement said" is nsubj; "a statement saying ..." is acl of the noun;
    # "anyone expecting a change" of the pronoun
    if verb.dep_ == "acl" and (head.pos_ in ("NOUN", "PROPN") or head.pos_ == "PRON" and verb.tag_ == "VBG"
                               and plausible_source(head)):  # not "nothing suggesting that ..."
        return head
    return _name_right_before(verb) if depth == 0 else None


def _has_said(verb: Token) -> bool:
    """"he's said the same thing", "she's wanted the job": a perfect the parser took for a passive
    ("'s" read as "is"). Only with an object, and not for a verb whose object is the hearer: "he's
    told that ...", "she's asked about ..." are passives; "he's said to be angry" is hearsay."""
    aux = _child(verb, "auxpass")
    subj = _child(verb, "nsubjpass")
    lex = lexicon()
    return aux is not None and subj is not None and aux.lower_ in lex["apostrophe_s"] and aux.i == verb.i - 1 \
        and verb.tag_ in ("VBN", "VBD") and subj.pos_ == "PRON" and subj.lower_ in lex["speaking_pronouns"] \
        and _child(verb, "dobj") is not None and _child(verb, "xcomp") is None \
        and verb.lemma_.lower() not in lex["addressee"]


def _name_right_before(verb: Token) -> Token | None:
    """"In a meeting with the editorial board of the Post Trump said ...": the parser hangs the name
    on the phrase before it; a name right before a finite verb of saying is its subject."""
    doc = verb.doc
    if verb.i == sent_start_of(verb) or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.lemma_.lower() not in lexicon()["clause"]:
        return None
    prev = doc[verb.i - 1]
    if prev.ent_type_ in ("PERSON", "ORG") and (prev.ent_iob_ != "B" or prev.pos_ == "PROPN"):
        if prev.dep_ in ("pobj", "compound", "dobj", "appos", "conj") and prev.head.i < verb.i:
            return prev
    return None


# ---------------------------------------------------------------------------------------------
# Content


def _subtree(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _clause_minus(doc: Doc, clause: tuple[int, int], hole: tuple[int, int], min_words: int = 3):
    """The parts of a token range left when another range is cut out of it, as char ranges."""
    out = []
    for s, e in ((clause[0], hole[0]), (hole[1], clause[1])):
        if e > s and _words(doc, s, e) >= min_words:
            c = _chars(doc, s, e)
            if c:
                out.append(c)
    return out


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause a phrase hangs in (the root when there is none)."""
    clause = tok.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
        clause = clause.head
    return clause


def _noun_start(noun: Token) -> int:
    """Where a noun phrase starts, without what follows the noun: "the old shipyard" of "the old
    shipyard, which ..."."""
    return min([c.left_edge.i for c in noun.lefts] + [noun.i])


def _clause_around(tok: Token, phrase: tuple[int, int]) -> list[tuple[int, int]]:
    """The clause a source phrase ("in the latest poll", "in the mayor's view") stands in, without
    the phrase: only the piece that holds the clause's verb (not "ahead of the vote" after "leads in
    the polls")."""
    clause = _clause_verb(tok)
    if clause.pos_ not in ("VERB", "AUX"):
        return []
    at = clause.idx
    return [c for c in _clause_minus(tok.doc, _subtree(clause), phrase) if c[0] <= at < c[1]]


def _cut_trailing_cues(comp: Token, s: int, e: int, lex) -> int:
    """End a content before a participial cue clause that closes it: "X said A, noting B" says A;
    "noting B" is a claim of its own."""
    verbs = lex["verbs"]
    cue = comp.head
    while cue.dep_ != "ROOT" and cue.pos_ not in ("VERB", "AUX"):
        cue = cue.head
    for tok in comp.subtree:
        # "announced that he was in therapy and vowed to ...": a second cue of the same speaker
        second = tok.dep_ == "conj" and tok.tag_ == cue.tag_ and tok.tag_ in ("VBD", "VBZ") and tok.head != cue \
            and _child(tok, "nsubj") is None and _same_speaker(tok, cue)
        if tok.dep_ in ("advcl", "conj") and (tok.tag_ == "VBG" or second) and tok.lemma_.lower() in verbs \
                and tok.right_edge.i + 1 >= e and tok.left_edge.i > s:
            cut = tok.left_edge.i
            while cut > s and (comp.doc[cut - 1].is_punct or comp.doc[cut - 1].dep_ == "cc"):
                cut -= 1
            return max(cut, s + 1)
    return e


@lru_cache(maxsize=1)
def _pronoun_sets() -> tuple[frozenset[str], frozenset[str]]:
    data = rules.load("sources.json")
    return frozenset(data["person_pronouns"]), frozenset(data["plural_pronouns"])


def _same_speaker(a: Token, b: Token) -> bool:
    """Do two cues have one speaker: the same word, or a pronoun of the right number for it?"""
    sa, sb = find_speaker(a), find_speaker(b)
    if sa is None or sb is None:
        return False
    if sa.lower_ == sb.lower_:
        return True
    singular, plural = _pronoun_sets()
    many = sb.tag_ in ("NNS", "NNPS") or sb.lower_ in plural
    return sa.lower_ in singular and not many or sa.lower_ in plural and many


def _extend_object(verb: Token, comp: Token, e: int, lex) -> int:
    """An object content goes on with what the verb hangs after it, up to a comma or a new clause:
    "demanded safeguards for every transfer", "called for the allies to send troops"; not a time
    or a setting ("... on Monday", "... in an interview")."""
    doc = verb.doc
    anchor = comp if comp.head == verb else comp.head
    for c in verb.rights:
        if c.i <= anchor.i or c.left_edge.i < e:
            continue
        if any(t.is_punct for t in doc[e:c.left_edge.i]) or c.left_edge.i > e:
            break
        if c.dep_ == "prep":
            obj = _child(c, "pobj", "pcomp")  # "accused her of lying": a pcomp
            if obj is None or obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in lex["setting"]:
                break
        elif c.dep_ in ("xcomp", "ccomp", "oprd", "dative", "acomp", "attr") or c.dep_ == "advcl" and c.tag_ == "VB" \
                and _child(c, "mark") is None and _child(c, "aux") is not None:
            pass
        elif c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN") and _child(c, "mark") is None and _child(c, "nsubj") is None \
                and c.lemma_.lower() not in lex["verbs"]:
            pass  # "decried a rash of speech bubbling to the surface": a participle the parser hung on the verb
        else:
            break
        e = c.right_edge.i + 1
    return e


def _extend_tail(verb: Token, comp: Token, e: int, lex) -> int:
    """Past a comma, a content after its verb goes on through the rest of what the verb governs
    ("compared her plight to that of Al Gore, when he ...", "offered a slogan straight out of the
    1990s", "insisted it was a dip, reflecting ..."), up to a coordinated verb, a clause of its own,
    a quotation, another cue or "according to"; a time or a setting is left out ("... on Monday",
    "... in an interview")."""
    doc = verb.doc
    for c in verb.rights:
        if c.i <= comp.i or c.right_edge.i < e or c.dep_ == "punct":
            continue
        sub = doc[c.left_edge.i:c.right_edge.i + 1]
        mark = _child(c, "mark")
        if c.lower_ in lex["tail_stops"] or mark is not None and mark.lower_ in lex["tail_stops"] \
                or doc[c.left_edge.i].lower_ in lex["tail_stops"]:
            break  # "..., although the cause remains unknown": the writer's own clause
        # another cue with a content of its own ("..., noting that ..."), not "preparing for the debate"
        if c.dep_ in ("conj", "cc", "parataxis", "ccomp") or any(
                t.is_quote or t.lower_ == "according" or t.pos_ == "VERB" and t.lemma_.lower() in lex["verbs"]
                and (t.lemma_.lower() in lex["clause"] or t.lemma_.lower() in lex["prep"] or t.lemma_.lower() in lex["quote_only"]
                     or any(x.dep_ in ("ccomp", "xcomp", "dobj") for x in t.children)) for t in sub):
            break
        obj = _child(c, "pobj", "pcomp") if c.dep_ == "prep" else c
        if c.dep_ in ("prep", "npadvmod", "advmod") and obj is not None and (
                obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in lex["setting"]):
            break
        e = c.right_edge.i + 1
    return e


def _clause_child(verb: Token) -> Token | None:
    """The verb's clausal complement: the one after it when there are two, and not one before it
    across a colon or a semicolon ("It was no abstract concern: he had declared that ...")."""
    doc = verb.doc
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    after = [c for c in comps if c.i > verb.i]
    if after:
        return after[0]
    for c in comps:
        if not any(t.text in (":", ";") for t in doc[c.right_edge.i + 1:verb.i]):
            return c
    return None


def _extend_clause(verb: Token, comp: Token, e: int) -> int:
    """A reported clause goes on with a second "that" clause or a condition the parser hung on the
    cue verb: "said A, but that B"; "promised to act should he win", "... if elected"."""
    doc = verb.doc
    for c in verb.rights:
        if c.i <= comp.i or c.left_edge.i < e or c.dep_ in ("punct", "cc"):
            continue
        between = doc[e:c.left_edge.i]
        if any(not (t.is_punct or t.dep_ == "cc") for t in between) or any(t.text in (".", ";", ":") for t in between):
            break
        mark = _child(c, "mark")
        first = doc[c.left_edge.i]
        conditional = c.dep_ == "advcl" and (mark is not None and mark.lower_ in ("if", "unless")
                                             or first.tag_ == "MD" and first.i < c.i)
        second = c.dep_ in ("conj", "ccomp") and mark is not None and mark.lower_ == "that"
        # "promising to meet and in some cases exceed his goals": a second infinitive the parser
        # hung on the cue ("promising ... exceed" cannot be one verb and its conjunct)
        infinitive = comp.dep_ == "xcomp" and comp.tag_ == "VB" and c.dep_ == "conj" and c.tag_ in ("VB", "VBP") \
            and verb.tag_ not in ("VB", "VBP") and _child(c, "nsubj") is None and any(t.dep_ == "cc" for t in between)
        if not (conditional or second or infinitive):
            break
        e = c.right_edge.i + 1
    return e


def verb_contents(verb: Token, lex) -> list[tuple[int, int]]:
    """The clause(s) a reporting verb governs, as character ranges."""
    doc = verb.doc
    lemma = verb.lemma_.lower()
    comp = None
    aside = _inverted_aside(verb) if lemma in lex["clause"] else None
    if aside is not None:
        sent = sent_of(verb)
        return [c for c in (_chars(doc, sent.start, aside[1]), _chars(doc, aside[2], sent.end)) if c]
    if lemma in lex["clause"] or lemma in lex["infinitive"]:
        comp = _clause_child(verb)
    if comp is None and (lemma in lex["infinitive"] or lemma in lex["clause"]):
        # "He said legalizing it could ...": the parser often hangs the clause as an xcomp
        comp = _child(verb, "xcomp")
    if comp is None and lemma in lex["clause"]:
        # "analysts saying a strong reading will cement ...": the parser takes the clause's subject
        # for an object of "say" and hangs its verb elsewhere
        obj = _child(verb, "dobj")
        nxt = doc[obj.right_edge.i + 1] if obj is not None and obj.right_edge.i + 1 < sent_end_of(verb) else None
        if nxt is not None and obj.i > verb.i and nxt.tag_ in ("VBD", "VBZ", "VBP", "MD") \
                and not any(t.text == "," for t in doc[obj.left_edge.i:obj.right_edge.i + 1]):
            pred = nxt.head if nxt.dep_ in ("aux", "auxpass") else nxt
            if pred.i >= nxt.i and not (obj.left_edge.i <= pred.head.i <= obj.right_edge.i):
                s, e = obj.left_edge.i, pred.right_edge.i + 1
                e = _cut_trailing_cues(pred, s, e, lex)
                got = _chars(doc, s, e)
                return [got] if got else []
    if comp is None and lemma in lex["clause"]:
        # "said in a statement that ...", "said in one of a series of posts that ...": the parser
        # hangs the clause on the statement
        for prep in verb.rights:
            for c in (prep.subtree if prep.dep_ == "prep" else ()):
                mark = _child(c, "mark")
                if c.dep_ in ("acl", "relcl", "ccomp") and mark is not None and mark.lower_ == "that" \
                        and mark.i < c.i and mark.i == c.left_edge.i:
                    comp = c
                    break
            if comp is not None:
                break
    if comp is None and lemma in lex["clause"]:
        # "said after the meeting he would not ...": the parser takes the clause for an adverbial one
        comp = next((c for c in verb.rights if c.dep_ == "advcl" and _child(c, "mark") is None
                     and _child(c, "nsubj") is not None and c.tag_ in ("VBD", "VBZ", "VBP", "VB")
                     and (c.tag_ != "VB" or _child(c, "aux") is not None)
                     # not "when someone dies", "as polls closed"
                     and not any(t.head == c and t.dep_ in ("advmod", "mark") or t.tag_ in ("WRB", "WDT", "WP")
                                 for t in doc[c.left_edge.i:_child(c, "nsubj").left_edge.i + 1])), None)
    if comp is None and lemma in lex["clause"]:
        # "46 percent of voters said yes": an answer is what was said
        # "said as much", "thinks so": a reference back to what was said before
        nxt = doc[verb.i + 1:verb.i + 3]
        answer = next((c for c in verb.rights if c.dep_ in ("intj", "dobj", "advmod") and c.lower_ in lex["answers"]
                       and c.i == verb.i + 1), None)
        if answer is not None:
            got = _chars(doc, answer.i, answer.i + 1)
            return [got] if got else []
        if len(nxt) == 2 and nxt.text.lower() == "as much" and nxt[0].head in (verb, nxt[1]) \
                and not (nxt.end < len(doc) and doc[nxt.end].lower_ == "as"):  # not "as much as he could"
            got = _chars(doc, nxt.start, nxt.end)
            return [got] if got else []
    if comp is None and lemma in lex["prep"]:
        for c in verb.children:
            if c.dep_ in ("prep", "prt") and c.lower_ in lex["prep"][lemma]:
                obj = _child(c, "pobj", "pcomp")
                if obj is not None:
                    comp = obj
                    break
            # "called for the allies to send troops": the parser makes "for" the mark of a clause
            if c.dep_ in ("advcl", "ccomp", "xcomp") and c.i > verb.i:
                mark = _child(c, "mark")
                if mark is not None and mark.i == c.left_edge.i and mark.lower_ in lex["prep"][lemma]:
                    s, e = mark.i + 1, c.right_edge.i + 1
                    e = _cut_trailing_cues(c, s, e, lex)
                    got = _chars(doc, s, e)
                    return [got] if got else []
    if comp is None and lemma in lex["as"] and _child(verb, "dobj") is not None:
        # "experts see the vote as a test of the new law", "view it as a test": the object and what
        # it is seen as
        obj = _child(verb, "dobj")
        as_ = [t for t in obj.subtree if t.dep_ == "prep" and t.lower_ == "as"] + \
              [c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as"]
        if as_ and (obj.lower_ not in lex["bare"] or obj.lower_ in lex["bare_pronoun"]):
            s, e = obj.left_edge.i, max(obj.right_edge.i, as_[0].right_edge.i) + 1
            got = _chars(doc, s, _cut_trailing_cues(obj, s, e, lex)) if not s <= verb.i < e else None
            return [got] if got else []
    if comp is None and (lemma in lex["object"] or lemma in lex["particle"] and any(
            c.dep_ == "prt" and c.lower_ in lex["particle"][lemma] for c in verb.children)):
        obj = _child(verb, "dobj")
        pred = _child(verb, "oprd")
        if pred is not None and obj is None:
            obj = _child(verb, "dative")  # the parser's other reading of "called him a liar"
        noun = verb.head
        # (not "the candidate that Democrats supported", nor "The tax cut, which Republicans backed, added
        # $1 trillion": a restrictive relative, or one set into the sentence's subject)
        if obj is not None and obj.tag_ in ("WDT", "WP") and obj.i < verb.i and verb.dep_ == "relcl" \
                and (doc[obj.i - 1].text == "," or pred is not None) and noun.dep_ not in ("nsubj", "nsubjpass") \
                and noun.pos_ in ("NOUN", "PROPN") and noun.i < obj.i and noun.lemma_.lower() not in lex["not_content"] \
                and noun.lemma_.lower() not in lex["setting"] \
                and (lemma not in lex["object_nouns"] or noun.lemma_.lower() in lex["object_nouns"][lemma]):
            # "the Mexican War, which most Whigs opposed": what the relative stands for, and what it
            # is called ("$2.9 billion, which Mr. Trump called a disgrace")
            pieces = [_chars(doc, _noun_start(noun), obj.i + 1)]
            if pred is not None and pred.i > verb.i:
                pieces.append(_chars(doc, pred.left_edge.i, pred.right_edge.i + 1))
            return [p for p in pieces if p]
        if obj is not None and obj.lower_ in lex["bare_pronoun"] and pred is not None and pred.i > obj.i:
            # "called him a political opportunist": the object and what it is called
            s, e = obj.left_edge.i, pred.right_edge.i + 1
            got = _chars(doc, s, _cut_trailing_cues(pred, s, e, lex))
            return [got] if got else []
        # "issued a statement" says nothing, "condemned the speech" does
        setting = obj is not None and (obj.lemma_.lower() in lex["platform"]
                                       or lemma in lex["light"] and obj.lemma_.lower() in lex["setting"])
        # "endorsed him", "voters are rejecting her": a stance toward a person is content even as a pronoun
        person = obj is not None and obj.lower_ in lex["person_objects"] and lemma in lex["stance_verbs"]
        if obj is not None and (obj.lower_ not in lex["bare"] or person) and not setting \
                and obj.lemma_.lower() not in lex["not_content"] \
                and (lemma not in lex["object_nouns"] or obj.lemma_.lower() in lex["object_nouns"][lemma]) \
                and not (lemma in lex["light"] and obj.lemma_.lower() in lex["nominal"]  # the noun is the cue
                         and (lemma not in lex["object"] or lemma in lex["noun_cue_verbs"])):
            comp = obj  # "raised questions about ...", not "raised $20 million"
    if comp is None and (lemma in lex["object"] or lemma in lex["as"] or lemma in lex["clause"]) \
            and _child(verb, "agent") is not None:
        # "The plan was rejected by the mayor", "the remarks, first reported by the Times, ...": the
        # passive subject, or the noun the participle describes, is what the agent said or did
        target = _child(verb, "nsubjpass")
        if target is None and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
            target = verb.head
        if target is not None and target.lower_ not in lex["bare"] and target.pos_ != "PRON":
            s, e = target.left_edge.i, target.right_edge.i + 1
            pieces = []
            if s <= verb.i < e:
                e = verb.left_edge.i
                # "Starr's remarks, first reported by the Times, suggested a tinge of regret": what
                # the sentence goes on to say of them is the report too
                main = target.head
                after = verb.right_edge.i + 1
                if lemma in lex["report_verbs"] and target.dep_ == "nsubj" and main.pos_ in ("VERB", "AUX") and main.i > verb.i \
                        and (main.lemma_.lower() in lex["clause"] or main.lemma_.lower() == "be") and _child(main, "auxpass") is None \
                        and after < len(doc) and doc[after].text == ",":
                    pieces.append(_chars(doc, after + 1, main.right_edge.i + 1))
            got = _chars(doc, s, e)
            return [p for p in [got] + pieces if p] if got else []
    if comp is None and lemma in lex["evidence"] and is_evidence(find_speaker(verb), lex):
        # "the poll shows Clinton with a lead", "a survey puts him at 40 percent"
        comp = _child(verb, "dobj")
    if comp is not None:
        s, e = _subtree(comp)
        fronted = None
        if s < verb.i < comp.i:
            # "a mine, which he says he is keeping open": the fronted "which" is not what he says,
            # but the thing it stands for is what it is about: a piece of its own, "a mine, which"
            if doc[s].tag_ in ("WDT", "WP") and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") \
                    and verb.head.i < s and verb.head.dep_ not in ("nsubj", "nsubjpass"):
                noun = verb.head
                fronted = _chars(doc, _noun_start(noun), s + 1)
            s = verb.i + 1
            while s < comp.i and (doc[s].dep_ in ("prt", "punct") or doc[s].head.i == verb.i
                                  and doc[s].dep_ in ("dobj", "dative", "prep", "npadvmod", "advmod")):
                s = doc[s].right_edge.i + 1 if doc[s].dep_ != "punct" else s + 1
        if comp.dep_ == "advcl" and _child(comp, "nsubj") is not None:
            s = max(s, _child(comp, "nsubj").left_edge.i)  # not "after the convention"
        if comp.dep_ == "xcomp" and comp.i > verb.i and lemma in lex["asking"]:
            # "asked Comey to turn over the file", "called on others to return the money": who is asked
            # is part of what is asked
            obj = next((c for c in verb.rights if c.i < comp.i and (c.dep_ in ("dobj", "dative")
                        or c.dep_ == "prep" and c.lower_ == "on" and _child(c, "pobj") is not None)), None)
            if obj is not None and obj.right_edge.i + 1 == comp.left_edge.i:
                s = min(s, obj.left_edge.i if obj.dep_ != "prep" else _child(obj, "pobj").left_edge.i)
        if comp.dep_ in ("dobj", "pobj", "pcomp"):
            e = _extend_tail(verb, comp, _extend_object(verb, comp, e, lex), lex)
            # "praised Franklin Graham, who has vowed ...": a person, not what a clause says of them
            who = next((c for c in comp.rights if c.dep_ == "relcl" and doc[c.left_edge.i - 1].text in (",", "—", "–", "--")
                        and any(t.lower_ in ("who", "whom", "whose") for t in doc[c.left_edge.i:c.i])), None)
            if who is not None and (comp.ent_type_ == "PERSON" or comp.pos_ == "PROPN") and who.right_edge.i + 2 >= e:
                e = min(e, who.left_edge.i - 1)
        elif comp.dep_ in ("ccomp", "xcomp"):
            e = _extend_clause(verb, comp, e)
            if comp.i > verb.i:
                e = _extend_tail(verb, comp, e, lex)
        e = _cut_trailing_cues(comp, s, e, lex)
        # "say the United States has more billionaires; Wealth-X tallies 585 ...": a semicolon ends
        # what the cue reports
        e = next((t.i for t in doc[max(s, verb.i + 1):e] if t.text == ";"), e)
        c = _chars(doc, s, e)
        aside = _comma_aside(verb, lex) if comp.i > verb.i and fronted is None else None
        if aside is not None and any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc[sent_start_of(verb):aside[0]]):
            # "The quay had become so unsafe, she noted, that the ferries stopped": the clause before
            # too (not "In both cases, he said, ...")
            fronted = _chars(doc, sent_start_of(verb), aside[0])
        return [x for x in (fronted, c) if x] if c else []
    # "... is strong, he said, and ...": the cue interrupts the content it reports
    aside = _comma_aside(verb, lex)
    if interrupts(verb) or aside is not None:
        sent = sent_of(verb)
        speaker = find_speaker(verb)
        start = mention_range(speaker)[0] if speaker is not None and speaker.i < verb.i else verb.left_edge.i
        while start > sent.start and doc[start - 1].head == verb and doc[start - 1].dep_ in ("mark", "advmod"):
            start -= 1  # "..., as the mayor said"
        hole = (min(start, verb.i), verb.right_edge.i + 1) if aside is None else aside
        pieces = []
        for s, e in ((sent.start, hole[0]), (hole[1], sent.end)):
            # "The goal, he said, is to ...": a piece before the cue may be short, not a bare "Now,"
            if _words(doc, s, e) >= 2 or e > s and s < hole[0] and any(
                    t.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "VERB") for t in doc[s:e]):
                c = _chars(doc, s, e)
                if c:
                    pieces.append(c)
        return pieces
    # He said: the words after the colon
    colon = next((t for t in verb.rights if t.text == ":"), None)
    if colon is not None and colon.i + 1 < sent_end_of(verb):
        c = _chars(doc, colon.i + 1, sent_end_of(verb))
        return [c] if c else []
    return []


# ---------------------------------------------------------------------------------------------
# The component


class CuesComponent:
    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.lex = lexicon()
        self.verbs = self.lex["verbs"]
        lex = self.lex
        self.speech_verbs = lex["clause"] | lex["infinitive"] | lex["object"] | set(lex["prep"]) | lex["quote_only"]
        self.saying = lex["clause"] | set(lex["prep"]) | lex["quote_only"]  # verbs of saying itself
        self._entities_of: Doc | None = None  # the document _entity_words last counted
        self._entity_count: Counter = Counter()
        self._persons_of: Doc | None = None  # the document _person_at last read
        self._persons: list[tuple[int, int]] = []

    def _in_quote(self, doc: Doc) -> list[bool]:
        inside = [False] * len(doc)
        for span in quote_spans(doc):
            for i in range(span.start, span.end):
                inside[i] = True
        return inside

    def _verb_frame(self, tok: Token) -> dict | None:
        lex = self.lex
        lemma = tok.lemma_.lower()
        if _child(tok, "neg") is not None:
            return None  # "did not say whether ...": nothing was said
        # "refused to say whether ...", "declined to comment on ...": nothing was said either
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex["refusal"] and lemma in self.saying:
            return None
        if lemma in lex["refusal"] and any(c.dep_ == "xcomp" and c.lemma_.lower() in self.saying
                                           for c in tok.children):
            return None
        # "US officials are said to be in Egypt": hearsay, not an attribution
        if lemma in lex["raising"] and _child(tok, "auxpass") is not None and _child(tok, "agent") is None \
                and not _has_said(tok):
            return None
        contents = verb_contents(tok, lex)
        speaker = find_speaker(tok)
        if speaker is None and not contents:
            return None
        if not contents and lemma in lex["evidence"] | lex["as"] and lemma not in self.speech_verbs:
            return None  # "has", "shows": a cue only with a poll's finding
        strong = lemma in lex["clause"] and (_clause_child(tok) is not None or interrupts(tok) and contents) \
            or lemma in lex["quote_only"]
        if not strong and (speaker is None or not plausible_source(speaker)):
            return None  # "their efforts support ...": weak cues need someone who can speak
        kind = "indirect"
        cue_end = tok.i + 1
        prt = _child(tok, "prt")
        if prt is not None and prt.i == cue_end:
            cue_end += 1
        if _child(tok, "mark") is not None and _child(tok, "mark").lower_ == "as" and _child(tok, "agent"):
            kind = "according_to"  # "as reported by Palestinian health sources"
        frame = {"cue": (tok.i, cue_end), "lemma": lemma, "kind": kind, "contents": contents,
                 "speaker_head": speaker.i if speaker is not None else None}
        if speaker is not None and speaker == _name_right_before(tok):
            # a name right before the verb that the parser hung elsewhere: the name alone, not its phrase
            frame["speaker_range"] = self._person_at(speaker.doc, speaker.i) or (speaker.i, speaker.i + 1)
        return frame

    def _that_frame(self, tok: Token) -> dict | None:
        """Any verb with a "that" clause after it and a source for its subject reports that clause:
        "the mayor noticed that the quay was flooded", "critics resent that ..."; not "make sure that"."""
        comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i and _child(c, "mark") is not None
                     and _child(c, "mark").lower_ == "that" and _child(c, "mark").i == c.left_edge.i), None)
        if comp is None or _child(tok, "neg") is not None:
            return None
        speaker = find_speaker(tok)
        if speaker is None or not plausible_source(speaker):
            return None
        s, e = _subtree(comp)
        e = _cut_trailing_cues(comp, s, _extend_clause(tok, comp, e), self.lex)
        c = _chars(tok.doc, s, e)
        if not c:
            return None
        return {"cue": (tok.i, tok.i + 1), "lemma": tok.lemma_.lower(), "kind": "indirect", "contents": [c],
                "speaker_head": speaker.i}

    def _phrase_frame(self, doc: Doc, i: int, phrase: tuple[str, ...]) -> dict | None:
        """according to X / per X / as reported by X: X is the source. ("The Journal, citing internal
        documents, reported ..." is the Journal's claim; what it cites is a claim of its own, through
        the verb "cite".)"""
        end = i + len(phrase)
        last = doc[end - 1]
        obj = _child(last, "pobj", "dobj")
        if obj is None:
            # the parser sometimes hangs the source elsewhere: take the next noun in the sentence
            sent_end = sent_end_of(last)
            for t in doc[end:min(end + 8, sent_end)]:
                if t.pos_ in ("NOUN", "PROPN", "PRON"):
                    obj = t
                    while obj.head.i < sent_end and obj.head.i >= end and obj.dep_ in ("compound", "amod", "poss", "nmod"):
                        obj = obj.head
                    break
        if obj is None:
            return None
        if not plausible_source(obj):
            return None  # "$5 per gallon", "according to the 1967 border"
        sent = sent_of(doc[i])
        phrase_subtree = (min(doc[i].left_edge.i, i), max(last.right_edge.i + 1, obj.right_edge.i + 1, end))
        contents = _clause_minus(doc, (sent.start, sent.end), phrase_subtree)
        if not contents:
            return None
        return {"cue": (i, end), "lemma": " ".join(phrase), "kind": "according_to", "contents": contents,
                "speaker_head": obj.i}

    def _adjective_frame(self, tok: Token) -> dict | None:
        """"Voters are skeptical of the plan", "she is confident that ...": the subject speaks."""
        if tok.dep_ != "acomp" or _child(tok.head, "neg") is not None:
            return None
        subj = _child(tok.head, "nsubj")
        if subj is None or not plausible_source(subj):
            return None
        return self._complement_frame(tok, self.lex["stance"][tok.lemma_.lower()], subj)

    def _participle_frame(self, tok: Token) -> dict | None:
        """"The union is opposed to the levy", "she is disappointed by the vote": a stance the tagger
        read as a participle (a passive or a complement of "be"); its subject speaks."""
        verb = tok.head if tok.dep_ == "acomp" else tok
        subj = _child(verb, "nsubjpass") or _child(verb, "nsubj")
        preps = self.lex["stance"][tok.lower_]
        if subj is None or _child(tok, "neg") is not None or _child(verb, "neg") is not None \
                or not plausible_source(subj) or _child(tok, "agent") is not None and "by" not in preps:
            return None
        return self._complement_frame(tok, preps, subj)

    def _noun_frame(self, tok: Token) -> dict | None:
        """A cue noun and who it belongs to: the possessor ("Trump's call for a ban", "her claim that
        ..."), an agent ("criticism of the plan by the mayor"), or the subject of a light verb that takes
        it ("she voiced support for ...", "he made comments about ...", "came out in support of ...")."""
        preps = self.lex["nominal"].get(tok.lemma_.lower())
        if not preps:
            return None
        speaker = _child(tok, "poss")
        by = None
        if speaker is None:
            # "criticism of the plan by the mayor": the parser may hang "by" on the plan
            near = list(tok.rights) + [g for c in tok.rights if c.dep_ == "prep" for o in c.children
                                       if o.dep_ == "pobj" for g in o.rights]
            by = next((c for c in near if c.dep_ == "prep" and c.lower_ == "by" and _child(c, "pobj") is not None), None)
            speaker = _child(by, "pobj") if by is not None else None
        if speaker is None:
            verb = tok.head
            rule = self.lex["nominal_preps"].get(verb.lower_) if tok.dep_ == "pobj" and verb.dep_ == "prep" else None
            if rule:
                verb = verb.head  # "came out in support of", "peppered him with attacks on"
                light = verb.pos_ == "VERB" and (rule == "any" or verb.lemma_.lower() in self.lex["light"])
            else:
                light = tok.dep_ == "dobj" and verb.lemma_.lower() in self.lex["light"]
            if light and _child(verb, "neg") is None:
                speaker = find_speaker(verb)
        if speaker is None or not plausible_source(speaker):
            return None
        return self._complement_frame(tok, preps, speaker, stop=by.i if by is not None else None)

    @staticmethod
    def _complement_frame(tok: Token, preps: set[str], speaker: Token, stop: int | None = None) -> dict | None:
        """The content a cue noun or adjective introduces: a preposition's object, a "that" clause
        or a to-infinitive, as ``preps`` allows; never past ``stop`` (the agent's "by")."""
        doc = tok.doc
        platforms = lexicon()["platform"]
        rights = list(tok.rights)
        if tok.dep_ == "dobj":  # "lent his support to ...": the parser may hang the preposition on the verb
            rights += [c for c in tok.head.rights if c.i == tok.right_edge.i + 1 and c.dep_ in ("prep", "dative")]
        for c in rights:
            if c.dep_ in ("prep", "dative", "agent") and c.lower_ in preps:
                obj = _child(c, "pobj", "pcomp")
                if obj is None or obj.lower_ in platforms or obj.lemma_.lower() in platforms:
                    continue  # "comments on Facebook" is where, not what
                s, e = obj.left_edge.i, obj.right_edge.i + 1
            elif c.dep_ in ("acl", "ccomp", "relcl", "xcomp") and (
                    "that" in preps and _child(c, "mark") is not None and _child(c, "mark").lower_ == "that"
                    or "to" in preps and _child(c, "aux") is not None and _child(c, "aux").lower_ == "to"):
                s, e = c.left_edge.i, c.right_edge.i + 1
            else:
                continue
            got = _chars(doc, s, min(e, stop) if stop is not None and stop > s else e)
            if got:
                return {"cue": (tok.i, tok.i + 1), "lemma": tok.lemma_.lower(), "kind": "indirect",
                        "contents": [got], "speaker_head": speaker.i}
        return None

    def _poll_frame(self, tok: Token) -> dict | None:
        """"Trump leads in the latest CNN poll": the poll is the source of the clause around it."""
        polls = self.lex["poll_nouns"]
        obj = _child(tok, "pobj")
        of = _child(obj, "prep") if obj is not None else None
        if of is not None and of.lower_ == "of" and _child(of, "pobj") is not None:
            obj = _child(of, "pobj")  # "in most of the polls", "in the vast majority of polls"
        if obj is None or not (obj.lower_ in polls or obj.lemma_.lower() in polls):
            return None
        contents = _clause_around(tok, (tok.i, max(obj.right_edge.i, _child(tok, "pobj").right_edge.i) + 1))
        if not contents:
            return None
        return {"cue": (tok.i, tok.i + 1), "lemma": "in", "kind": "according_to", "contents": contents,
                "speaker_head": obj.i}

    def _view_frame(self, tok: Token) -> dict | None:
        """"In Professor Knittel's view, the tax would ...", "from Trump's point of view, ...": the
        possessor of the view is the source of the clause around it."""
        obj = _child(tok, "pobj")
        if obj is None or obj.lemma_.lower() not in self.lex["view_nouns"]:
            return None
        holder = _child(obj, "poss")
        if holder is None or not plausible_source(holder):
            return None
        contents = _clause_around(tok, (tok.i, obj.right_edge.i + 1))
        if not contents:
            return None
        return {"cue": (tok.i, obj.right_edge.i + 1), "lemma": f"{tok.lower_} view", "kind": "according_to",
                "contents": contents, "speaker_head": holder.i}

    def _misread_verb_frame(self, tok: Token) -> dict | None:
        """"But Trump claims that he should be the exception": a verb the tagger read as a plural noun,
        the head of the sentence, with the name before it as a compound and a "that" clause after it."""
        comp = next((c for c in tok.children if c.dep_ in ("ccomp", "acl", "relcl") and c.i > tok.i
                     and _child(c, "mark") is not None and _child(c, "mark").lower_ == "that"
                     and _child(c, "mark").i == tok.i + 1), None)
        names = [c for c in tok.lefts if c.dep_ in ("compound", "nsubj") and c.i == tok.i - 1]
        if comp is None or not names or not plausible_source(names[0]) or names[0].pos_ != "PROPN" and names[0].lower_ not in _source_words():
            return None
        s, e = _subtree(comp)
        c = _chars(tok.doc, s, _cut_trailing_cues(comp, s, e, self.lex))
        if not c:
            return None
        head = names[0]
        return {"cue": (tok.i, tok.i + 1), "lemma": tok.lemma_.lower(), "kind": "indirect", "contents": [c],
                "speaker_head": head.i, "speaker_range": (head.left_edge.i, head.i + 1)}

    def _stance_frame(self, tok: Token) -> dict | None:
        """"To many, he is a provocateur", "To Frank, issues of class get attention only ...": a person
        or a group set before the sentence with "to" and a comma holds the view it states. (Not "for":
        "For Obama, the agreement fulfills a goal" is the writer's reading as often as Obama's.)"""
        doc = tok.doc
        sent = sent_of(tok)
        first = sent.start
        while first < tok.i and (doc[first].is_space or doc[first].is_punct or doc[first].lower_ in ("but", "and", "yet")):
            first += 1
        obj = _child(tok, "pobj")
        if first != tok.i or obj is None or obj.right_edge.i + 1 >= sent.end or doc[obj.right_edge.i + 1].text != ",":
            return None
        if obj.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "GPE", "LOC") or not (
                obj.ent_type_ in ("PERSON", "NORP", "ORG") or obj.lower_ in _pronoun_sets()[1] | {"many", "some", "others", "most"}
                or obj.lemma_.lower() in _source_words() and obj.lemma_.lower() not in _source_nouns()):
            return None  # not "For years, ...", "To that end, ...", "For the report, ..."
        if _clause_verb(tok).lemma_.lower() in self.lex["recipient_verbs"]:
            return None  # "To Congress, the president sent a budget": a recipient, not a view
        contents = _clause_around(tok, (tok.i, obj.right_edge.i + 1))
        if not contents:
            return None
        return {"cue": (tok.i, tok.i + 1), "lemma": tok.lower_, "kind": "according_to",
                "contents": contents, "speaker_head": obj.i}

    def _entity_words(self, doc: Doc) -> Counter:
        """How often each word stands in a name (a PERSON or ORG entity), counted once a document."""
        if self._entities_of is not doc:
            self._entities_of = doc
            self._entity_count = Counter(t.lower_ for e in doc.ents if e.label_ in ("PERSON", "ORG") for t in e)
        return self._entity_count

    def _person_at(self, doc: Doc, i: int) -> tuple[int, int] | None:
        """The token range of the PERSON entity holding token ``i`` (``doc.ents`` read once a
        document: it builds every entity span anew on each access)."""
        if self._persons_of is not doc:
            self._persons_of = doc
            self._persons = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
        k = bisect.bisect_right(self._persons, (i, len(doc) + 1)) - 1
        return self._persons[k] if k >= 0 and self._persons[k][1] > i else None

    def _label_frame(self, tok: Token) -> dict | None:
        """"McCaul: If elected, Clinton could be impeached", "Poll: Clinton and Trump in dead heat",
        "Obama on climate change: ...": a name or a source noun that opens a line and a colon before
        the rest of it (headlines, transcripts); the rest of the line is what it says."""
        doc, lex = tok.doc, self.lex
        if tok.i + 1 >= len(doc) or not tok.whitespace_ and not doc[tok.i + 1].is_space:
            return None  # "22:47", "https://..."
        start = tok.i  # the line start: a label is a few words long
        while start > 0 and not has_line_break(doc[start - 1].text):
            start -= 1
            if tok.i - start > 12:
                return None
        label = [t for t in doc[start:tok.i] if not t.is_space]
        end = tok.i + 1
        while end < len(doc) and not has_line_break(doc[end].text):
            end += 1
        tail = [t for t in doc[tok.i + 1:end] if not t.is_punct and not t.is_space]
        if 1 <= len(tail) <= 3 and tail[-1].lemma_.lower() in _source_nouns() and _words(doc, start, tok.i) >= 3:
            # "Egypt intensifies cease-fire efforts: Report": a headline and the source it rests on
            c = _chars(doc, start, tok.i)
            return {"cue": (tok.i, tok.i + 1), "lemma": ":", "kind": "according_to", "contents": [c],
                    "speaker_head": tail[-1].i, "speaker_range": (tail[0].i, tail[-1].i + 1)} if c else None
        if any(t.text in (":", "[", "(", "|") for t in label):
            return None
        dash = max((k for k, t in enumerate(label) if t.text in ("–", "—", "-", "--")), default=-1)
        if dash >= 0:
            # "EXCLUSIVE – Roger Stone:", "Pollsters agree - Carl Bialik:"; not a place and a market
            # ("Oil – Brent North Sea: UP 58 cents")
            before = label[:dash]
            if not (len(before) == 1 and before[0].is_upper or len(before) >= 3
                    or any(t.pos_ in ("VERB", "AUX") for t in before)):
                return None
            label = label[dash + 1:]
        topic = next((k for k, t in enumerate(label) if k and t.lower_ in lex["label_topics"]), len(label))
        name, rest = label[:topic], label[topic + 1:]
        if not name or len(name) > 4 or len(rest) > 5 or topic < len(label) and not rest:
            return None
        if any(doc[x[0].i:x[-1].i + 1].text.lower() in lex["line_labels"] for x in (label, name)):
            return None
        head = name[-1]
        if head.ent_type_ in lex["not_source_entities"]:
            return None  # "NEW DELHI: ...", "Monday: sunny", "World Cup: ..." (a dateline, a date, an event)
        # "McCaul:" in a headline the tagger takes for a noun: a name the article names elsewhere
        named = head.text[:1].isupper() and self._entity_words(doc)[head.lower_] > (head.ent_type_ in ("PERSON", "ORG"))
        # each word a name's ("Secretary of State John Kerry:", "Peggy Drexler, CNN:"), none a function
        # word ("Big Win For Bernie:", "Another problem for Sanders:")
        wordy = all(t.text in (".", ",") or t.lower_ == "of" and 0 < k < len(name) - 1
                    or (t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP") or t.text[:1].isupper()) and not t.is_stop
                    for k, t in enumerate(name))
        speaks = head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "NORP") or named \
            or len(name) == 1 and plausible_source(head)
        if not (wordy and speaks) or head.like_num:
            return None
        words = [t for t in doc[tok.i + 1:end] if t.is_alpha]
        if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in doc[tok.i + 1:end]) \
                and 2 * sum(t.pos_ == "PROPN" for t in words) >= len(words):
            return None  # "Clinton: 547.", "Arsenal: Ramsdale, White, Saliba": a tally, a list of names
        c = _chars(doc, tok.i + 1, end)
        if not c:
            return None
        return {"cue": (tok.i, tok.i + 1), "lemma": ":", "kind": "indirect", "contents": [c],
                "speaker_head": head.i, "speaker_range": (name[0].i, head.i + 1)}

    def _headline_frame(self, doc: Doc, frames: list[dict]) -> dict | None:
        """"Terrorism experts rebuke Trump proposal", "Ivanka Trump champions working moms": a
        headline is telegraphic and the tagger often takes its verb for a noun. In the title line,
        where the parse found no cue, the first word that is a form of a cue verb, after a short
        subject that can speak, reports the rest of the line."""
        chrome = Ranges(doc._.boilerplate or [])
        start = next((t.i for t in doc if not t.is_space and not chrome.any_holding_point(t.idx)), None)
        if start is None:
            return None
        end = start  # the headline: the first line of the article
        while end < len(doc) and not has_line_break(doc[end].text) and end - start <= 25:
            end += 1
        toks = [t for t in doc[start:end] if not t.is_space]
        if end - start > 25 or end >= len(doc) - 1 or not toks or any(start <= f["cue"][0] < end for f in frames):
            return None  # not a line of its own, or the parse found its cue
        lex = self.lex
        # past a label ("Breaking:", "EXCLUSIVE –")
        cut = max((k + 1 for k, t in enumerate(toks) if t.text in (":", "–", "—", "--") and k < 4), default=0)
        toks = toks[cut:]
        for k, t in enumerate(toks[1:7], 1):
            low = t.lower_
            # the verb's lemma, whatever the tagger made of the word: "Slams", "presses", "decries"
            forms = (t.lemma_.lower(), low, low[:-1], low[:-2], low[:-3] + "y")
            lemma = next((f for f in forms if f in self.verbs and f in lex["headline_verbs"]), None)
            if lemma is None or t.pos_ == "VERB":  # a verb the parse saw and the frames weighed
                if t.is_punct or t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN":
                    return None  # the headline's own verb, not a cue
                continue
            subject = toks[:k]
            while subject and subject[-1].lower_ in lex["headline_adverbs"]:
                subject = subject[:-1]  # "Hillary Just Insulted ..."
            if not subject or subject[-1].pos_ in ("DET", "ADP", "PART", "CCONJ") or subject[-1].lower_ in ("'s", "’s", "s") \
                    or not plausible_source(subject[-1]):
                return None
            rest = toks[k + 1:]
            preps = lex["prep"].get(lemma, set())
            if rest and rest[0].lower_ in preps:
                rest = rest[1:]  # "presses for", "talks about"
            end = next((j for j, r in enumerate(rest) if r.text in (";", "–", "—", "--", "|")), len(rest))
            rest = rest[:end]
            finite = any(r.tag_ in ("VBZ", "VBD", "VBP", "MD") or r.pos_ == "AUX" for r in rest) or rest and rest[-1].tag_ == "VBN"
            if len(rest) < 2 or rest[0].pos_ in ("VERB", "AUX") and rest[0].tag_ != "VBG" or t.pos_ in ("ADV", "ADP") \
                    or finite and lemma not in lex["clause"]:
                return None  # "Trump plan draws fire", "press secretary resigns", "press conference cancelled"
            c = _chars(doc, rest[0].i, rest[-1].i + 1)
            if not c:
                return None
            return {"cue": (t.i, t.i + 1), "lemma": lemma, "kind": "indirect", "contents": [c],
                    "speaker_head": subject[-1].i, "speaker_range": (subject[0].i, subject[-1].i + 1)}
        return None

    def _finding_frame(self, tok: Token) -> dict | None:
        """"..., campaign finance records show." / "F.A.A. records show, the plane has flown ...": a
        finding that closes or interrupts its clause, matched on the words (the tagger often reads
        "records" as a verb and "shows" as a noun there, so the parse cannot be trusted)."""
        doc, lex = tok.doc, self.lex
        sent = sent_of(tok)
        if tok.i == sent.start or not is_evidence(doc[tok.i - 1], lex):
            return None
        after = doc[tok.i + 1] if tok.i + 1 < sent.end else None
        if after is not None and after.text not in (",", ".", ";"):
            return None
        # the noun phrase runs back to a comma or the start of the sentence, a few words at most
        start = tok.i - 1
        while start > sent.start and not (doc[start - 1].is_punct and doc[start - 1].text not in ("/", "-", "&")) \
                and tok.i - start < 8:
            start -= 1
        if start > sent.start and doc[start - 1].text != ",":
            return None
        if doc[start].pos_ in ("PRON", "SCONJ", "CCONJ", "ADP", "AUX") or start == sent.start and (after is None or after.text != ","):
            return None
        pieces = [(sent.start, start - 1)] if start > sent.start else []
        if after is not None and after.text == "," and any(
                t.tag_ in ("VBD", "VBZ", "VBP", "MD") and t.dep_ not in ("relcl", "acl") for t in doc[after.i + 1:sent.end]):
            # a clause, not an apposition ("..., a debate that looms"); not a cue closing it ("..., he said")
            end = sent.end
            for t in doc[after.i + 1:sent.end]:
                if t.lemma_.lower() in lex["clause"] and t.i + 1 < sent.end and not doc[t.i + 1].is_alpha:
                    comma = next((c.i for c in reversed(doc[after.i + 1:t.i]) if c.text == ","), None)
                    if comma is not None and t.i - comma <= 6 and not any(x.is_punct for x in doc[comma + 1:t.i]):
                        end = comma
                        break
            pieces.append((after.i + 1, end))
        contents = [c for s, e in pieces if _words(doc, s, e) >= 3 for c in [_chars(doc, s, e)] if c]
        if not contents:
            return None
        return {"cue": (tok.i, tok.i + 1), "lemma": tok.lemma_.lower(), "kind": "indirect",
                "contents": contents, "speaker_head": tok.i - 1, "speaker_range": (start, tok.i)}

    def _token_frame(self, tok: Token) -> dict | None:
        """The frame of a one-word cue: a finding, a stance participle, a cue verb, any verb with a
        "that" clause, a cue noun or a stance adjective."""
        lex, lemma, low = self.lex, tok.lemma_.lower(), tok.lower_
        if lemma in lex["finding"]:
            frame = self._finding_frame(tok)
            if frame:
                return frame
        if tok.tag_ == "VBN" and low in lex["stance"] and (_child(tok, "auxpass") is not None or tok.dep_ == "acomp"):
            return self._participle_frame(tok)
        if tok.pos_ in ("VERB", "AUX") and lemma in self.verbs and tok.tag_ != "MD":
            return self._verb_frame(tok)
        if tok.pos_ == "VERB" and lemma not in lex["not_that_cues"]:
            return self._that_frame(tok)
        if tok.pos_ in ("NOUN", "PROPN") and tok.tag_ in ("NNS", "NNPS") and tok.dep_ == "ROOT" and lemma in self.verbs:
            frame = self._misread_verb_frame(tok)
            if frame:
                return frame
        if tok.pos_ == "NOUN" and lemma in lex["nominal"]:
            return self._noun_frame(tok)
        if tok.pos_ == "ADJ" and lemma in lex["stance"]:
            return self._adjective_frame(tok)
        if low == ":":
            return self._label_frame(tok)
        return None

    def __call__(self, doc: Doc) -> Doc:
        try:
            with sentences(doc):  # every `sent_of` below answers from one index of this document
                return self._annotate(doc)
        finally:  # keep no reference to the document
            self._entities_of = self._persons_of = None

    def _annotate(self, doc: Doc) -> Doc:
        inside = self._in_quote(doc)
        frames = []
        used: set[int] = set()
        polls: list[dict] = []
        phrases = sorted(self.lex["according_to"], key=len, reverse=True)
        for tok in doc:
            if inside[tok.i] or tok.i in used:
                continue
            low = tok.lower_
            for phrase in phrases:
                if low == phrase[0] and tuple(t.lower_ for t in doc[tok.i:tok.i + len(phrase)]) == phrase:
                    frame = self._phrase_frame(doc, tok.i, phrase)
                    if frame:
                        frames.append(frame)
                        used.update(range(tok.i, tok.i + len(phrase)))
                    break
            else:
                frame = self._token_frame(tok)
                if frame:
                    frame["lemma"] = self.lex["lemma_forms"].get(low, frame["lemma"])  # "hoped": "hope", not "hop"
                    frames.append(frame)
                    used.add(tok.i)
                elif low == "to" and tok.dep_ == "prep" and (frame := self._stance_frame(tok)):
                    frames.append(frame)
                    used.add(tok.i)
                elif low in ("in", "from") and tok.dep_ == "prep" and (frame := self._view_frame(tok)):
                    frames.append(frame)
                    used.add(tok.i)
                elif low == "in" and tok.dep_ == "prep":
                    frame = self._poll_frame(tok)
                    if frame:
                        polls.append(frame)
        headline = self._headline_frame(doc, frames)
        if headline:
            frames.append(headline)
        # a poll is the source only where nobody speaks: "In the poll, 40 percent said ..." is theirs
        spoken = {sent_start_of(doc[f["cue"][0]]) for f in frames if f["contents"]}
        frames += [f for f in polls if sent_start_of(doc[f["cue"][0]]) not in spoken]
        frames.sort(key=lambda f: f["cue"][0])
        cues = []
        for f in frames:
            sent = sent_of(doc[f["cue"][0]])
            f["sent"] = (sent.start_char, sent.end_char)
            head = f.pop("speaker_head")
            f["speaker_head"] = head
            rng = f.pop("speaker_range", None)
            f["speaker"] = rng or (mention_range(doc[head]) if head is not None else None)
            cues.append(Span(doc, f["cue"][0], f["cue"][1], label=f["kind"]))
        doc.spans[CUES_KEY] = cues
        doc._.attributions = frames
        return doc


@lru_cache(maxsize=1)
def _source_words() -> frozenset[str]:
    data = rules.load("sources.json")
    outlets = rules.load("outlets.json")
    return frozenset(data["anonymous_nouns"] + data["document_nouns"] + data["organization_nouns"] + data["quantity_nouns"]
                     + data["group_nouns"] + data["role_nouns"] + data["person_nouns"] + data["person_pronouns"]
                     + data["plural_pronouns"] + data["relative_pronouns"] + outlets["media_nouns"])


@lru_cache(maxsize=1)
def _source_nouns() -> frozenset[str]:
    """Nouns that name a source by what it is: a report, officials, the media."""
    data = rules.load("sources.json")
    return frozenset(data["anonymous_nouns"] + data["document_nouns"] + rules.load("outlets.json")["media_nouns"])


def plausible_source(tok: Token) -> bool:
    """Can this mention speak? A name, a pronoun, or a source, group or organization noun."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ == "PROPN":
        return True
    words = _source_words()
    return tok.lower_ in words or tok.lemma_.lower() in words


@Language.factory("claimx_cues")
def make_cues(nlp: Language, name: str) -> CuesComponent:
    return CuesComponent(nlp, name)
