"""What the source did: the frame's ``act`` (assertion, belief, intention, topic).

From the cue and the shape of its content, with the data in ``rules/acts.json``; the first rule
that applies decides:

1. the form alone: "according to X", "records show", a line label and a poll assert; "In X's
   view" and "To many, ..." hold a belief;
2. the cue and the preposition that introduces its content: "called for a ban" and "called on the
   mayor to resign" are intentions, "commented on the levy" a topic; some only before an action
   ("insisted on keeping troops there", but "insisted on his innocence" asserts);
3. a question: a content that opens with "whether" or a wh-word ("asked whether the talks had
   failed", "discussed how to pay for the pier") is a topic;
4. the content's shape: an infinitive is an intention ("vowed to rebuild", "urged the council to
   act", "is willing to talk"), except after the lemmas that say otherwise ("expects to win" is a
   belief); a clause after a cue of topics is what was said ("mentioned that the ferry was late");
5. the lemma: "believes" a belief, "wants" an intention, "discussed" a topic;
6. the form's default (a stance adjective holds a belief), else an assertion ("called it a
   disgrace").
"""
from __future__ import annotations

from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc, Token

from claimx import rules
from claimx.components.cues.frame import Frame

Shape = Literal["infinitive", "clause", "phrase"]
_FINITE = ("VBD", "VBZ", "VBP", "MD")


@lru_cache(maxsize=1)
def act_rules() -> dict:
    data = rules.load("acts.json")
    return {
        "forms": dict(data["forms"]),
        "form_defaults": dict(data["form_defaults"]),
        "phrasal": dict(data["phrasal"]),
        "infinitive_acts": dict(data["infinitive_acts"]),
        "lemmas": {lemma: act for act in ("belief", "intention", "topic") for lemma in data[act]},
        "question_words": set(data["question_words"]),
        "phrasal_actions": dict(data["phrasal_actions"]),
    }


def content_tokens(doc: Doc, frame: Frame) -> list[Token]:
    """The tokens of the frame's first content (empty when it has none)."""
    if not frame.contents:
        return []
    s, e = frame.contents[0]
    span = doc.char_span(s, e, alignment_mode="expand")
    return list(span) if span is not None else []


def content_shape(doc: Doc, frame: Frame) -> Shape:
    """An infinitive ("to rebuild the quay", "the council to act"), a clause (a finite verb or
    "that"), or a phrase (a noun phrase: "the report", "a ban")."""
    toks = content_tokens(doc, frame)
    if not toks:
        return "phrase"
    inside = {t.i for t in toks}
    # the content's own head: the token whose head lies outside it (the first, if several)
    heads = [t for t in toks if t.head.i not in inside or t.head == t]
    root = heads[0] if heads else toks[0]
    first = toks[0]
    if first.lower_ == "that" and first.dep_ == "mark":
        return "clause"
    if first.lower_ == "to" and len(toks) > 1 and toks[1].tag_ == "VB":
        return "infinitive"
    if root.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children):
        return "infinitive"
    # "asked the council to act": the one asked, then the infinitive hung on the cue
    if any(t.tag_ == "VB" and t.dep_ in ("xcomp", "ccomp") and any(c.dep_ == "aux" and c.lower_ == "to" and c.i in inside
                                                             for c in t.children)
           and t.head.i not in inside for t in toks):
        return "infinitive"
    if root.pos_ in ("VERB", "AUX") and (root.tag_ in _FINITE or any(c.tag_ in _FINITE for c in root.children
                                                                       if c.dep_ in ("aux", "auxpass"))):
        return "clause"
    return "phrase"


def _preposition(doc: Doc, frame: Frame) -> str | None:
    """The preposition between the cue and its content that belongs to the cue: "for" of
    "called for a ban", "on" of "called on the mayor to resign" and of "her remarks on the levy"."""
    toks = content_tokens(doc, frame)
    if not toks or toks[0].i < frame.cue[1]:
        return None
    cue = doc[frame.cue[0]]
    for t in reversed(doc[frame.cue[1] - 1:toks[0].i]):
        if (t.dep_ in ("prep", "prt", "mark") or t.pos_ == "ADP") and (t.head == cue or t.head.head == cue):
            return t.lower_
    return None


def frame_act(doc: Doc, frame: Frame) -> str:
    r = act_rules()
    if frame.form in r["forms"]:
        return r["forms"][frame.form]
    lemma = frame.lemma
    toks = content_tokens(doc, frame)
    if toks and toks[0].lower_ in r["question_words"] and toks[0].tag_ in ("IN", "WDT", "WP", "WP$", "WRB"):
        return "topic"  # "asked whether the talks had failed": a question, not an answer
    prep = _preposition(doc, frame)
    if prep is not None and f"{lemma} {prep}" in r["phrasal"]:
        return r["phrasal"][f"{lemma} {prep}"]
    if prep is not None and toks and toks[0].tag_ == "VBG" and f"{lemma} {prep}" in r["phrasal_actions"]:
        return r["phrasal_actions"][f"{lemma} {prep}"]  # "insisted on keeping troops there"
    by_lemma = r["lemmas"].get(lemma)
    shape = content_shape(doc, frame)
    if shape == "infinitive":
        return r["infinitive_acts"].get(lemma, "intention")
    if shape == "clause" and by_lemma == "topic":
        return "assertion"
    if by_lemma is not None:
        return by_lemma
    return r["form_defaults"].get(frame.form, "assertion")
