"""Fronted source phrases that stand before the clause they source: "To many, he is a
provocateur", "In the mayor's view, the levy is fair", "Trump leads in the latest CNN poll".
"""
from __future__ import annotations

from spacy.tokens import Token

from claimx.components.cues.context import CueContext
from claimx.components.cues.frame import Frame
from claimx.components.cues.lexicon import plausible_source, pronoun_sets, source_nouns, source_words
from claimx.components.syntax import child_of, clause_around, clause_verb, sent_of


def stance_frame(ctx: CueContext, tok: Token) -> Frame | None:
    """"To many, he is a provocateur", "To Frank, issues of class get attention only ...": a person
    or a group set before the sentence with "to" and a comma holds the view it states. (Not "for":
    "For Obama, the agreement fulfills a goal" is the writer's reading as often as Obama's.)"""
    doc = tok.doc
    sent = sent_of(tok)
    first = sent.start
    while first < tok.i and (doc[first].is_space or doc[first].is_punct or doc[first].lower_ in ("but", "and", "yet")):
        first += 1
    obj = child_of(tok, "pobj")
    if first != tok.i or obj is None or obj.right_edge.i + 1 >= sent.end or doc[obj.right_edge.i + 1].text != ",":
        return None
    if obj.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "GPE", "LOC") or not (
            obj.ent_type_ in ("PERSON", "NORP", "ORG") or obj.lower_ in pronoun_sets()[1] | {"many", "some", "others", "most"}
            or obj.lemma_.lower() in source_words() and obj.lemma_.lower() not in source_nouns()):
        return None  # not "For years, ...", "To that end, ...", "For the report, ..."
    if clause_verb(tok).lemma_.lower() in ctx.lex["recipient_verbs"]:
        return None  # "To Congress, the president sent a budget": a recipient, not a view
    contents = clause_around(tok, (tok.i, obj.right_edge.i + 1))
    if not contents:
        return None
    return Frame(cue=(tok.i, tok.i + 1), lemma=tok.lower_, kind="according_to",
                 contents=contents, speaker_head=obj.i)


def view_frame(ctx: CueContext, tok: Token) -> Frame | None:
    """"In Professor Knittel's view, the tax would ...", "from Trump's point of view, ...": the
    possessor of the view is the source of the clause around it."""
    obj = child_of(tok, "pobj")
    if obj is None or obj.lemma_.lower() not in ctx.lex["view_nouns"]:
        return None
    holder = child_of(obj, "poss")
    if holder is None or not plausible_source(holder):
        return None
    contents = clause_around(tok, (tok.i, obj.right_edge.i + 1))
    if not contents:
        return None
    return Frame(cue=(tok.i, obj.right_edge.i + 1), lemma=f"{tok.lower_} view", kind="according_to",
                 contents=contents, speaker_head=holder.i)


def poll_frame(ctx: CueContext, tok: Token) -> Frame | None:
    """"Trump leads in the latest CNN poll": the poll is the source of the clause around it."""
    polls = ctx.lex["poll_nouns"]
    obj = child_of(tok, "pobj")
    of = child_of(obj, "prep") if obj is not None else None
    if of is not None and of.lower_ == "of" and child_of(of, "pobj") is not None:
        obj = child_of(of, "pobj")  # "in most of the polls", "in the vast majority of polls"
    if obj is None or not (obj.lower_ in polls or obj.lemma_.lower() in polls):
        return None
    contents = clause_around(tok, (tok.i, max(obj.right_edge.i, child_of(tok, "pobj").right_edge.i) + 1))
    if not contents:
        return None
    return Frame(cue=(tok.i, tok.i + 1), lemma="in", kind="according_to", contents=contents,
                 speaker_head=obj.i)
