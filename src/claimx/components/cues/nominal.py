"""Nominal cues: "Trump's call for a ban", "her claim that ...", "criticism of the plan by the
mayor", "she voiced support for ...".

A cue noun speaks for its possessor, its agent ("by X") or the subject of a light verb that takes
it; its content is a preposition's object, a "that" clause or a to-infinitive, as the lexicon
allows for that noun (`complement_frame`, shared with the stance adjectives).
"""
from __future__ import annotations

from spacy.tokens import Token

from claimx.components.cues.context import CueContext
from claimx.components.cues.frame import Frame
from claimx.components.cues.lexicon import lexicon, plausible_source
from claimx.components.cues.mentions import find_speaker
from claimx.components.syntax import child_of, token_chars


def noun_frame(ctx: CueContext, tok: Token) -> Frame | None:
    """A cue noun and who it belongs to: the possessor ("Trump's call for a ban", "her claim that
    ..."), an agent ("criticism of the plan by the mayor"), or the subject of a light verb that takes
    it ("she voiced support for ...", "he made comments about ...", "came out in support of ...")."""
    preps = ctx.lex["nominal"].get(tok.lemma_.lower())
    if not preps:
        return None
    speaker = child_of(tok, "poss")
    by = None
    if speaker is None:
        # "criticism of the plan by the mayor": the parser may hang "by" on the plan
        near = list(tok.rights) + [g for c in tok.rights if c.dep_ == "prep" for o in c.children
                                   if o.dep_ == "pobj" for g in o.rights]
        by = next((c for c in near if c.dep_ == "prep" and c.lower_ == "by" and child_of(c, "pobj") is not None), None)
        speaker = child_of(by, "pobj") if by is not None else None
    if speaker is None:
        verb = tok.head
        rule = ctx.lex["nominal_preps"].get(verb.lower_) if tok.dep_ == "pobj" and verb.dep_ == "prep" else None
        if rule:
            verb = verb.head  # "came out in support of", "peppered him with attacks on"
            light = verb.pos_ == "VERB" and (rule == "any" or verb.lemma_.lower() in ctx.lex["light"])
        else:
            light = tok.dep_ == "dobj" and verb.lemma_.lower() in ctx.lex["light"]
        if light and child_of(verb, "neg") is None:
            speaker = find_speaker(verb)
    if speaker is None or not plausible_source(speaker):
        return None
    return complement_frame(tok, preps, speaker, stop=by.i if by is not None else None)


def complement_frame(tok: Token, preps: set[str], speaker: Token, stop: int | None = None) -> Frame | None:
    """The content a cue noun or adjective introduces: a preposition's object, a "that" clause
    or a to-infinitive, as ``preps`` allows; never past ``stop`` (the agent's "by")."""
    doc = tok.doc
    platforms = lexicon()["platform"]
    rights = list(tok.rights)
    if tok.dep_ == "dobj":  # "lent his support to ...": the parser may hang the preposition on the verb
        rights += [c for c in tok.head.rights if c.i == tok.right_edge.i + 1 and c.dep_ in ("prep", "dative")]
    for c in rights:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ in preps:
            obj = child_of(c, "pobj", "pcomp")
            if obj is None or obj.lower_ in platforms or obj.lemma_.lower() in platforms:
                continue  # "comments on Facebook" is where, not what
            s, e = obj.left_edge.i, obj.right_edge.i + 1
        elif c.dep_ in ("acl", "ccomp", "relcl", "xcomp") and (
                "that" in preps and child_of(c, "mark") is not None and child_of(c, "mark").lower_ == "that"
                or "to" in preps and child_of(c, "aux") is not None and child_of(c, "aux").lower_ == "to"):
            s, e = c.left_edge.i, c.right_edge.i + 1
        else:
            continue
        got = token_chars(doc, s, min(e, stop) if stop is not None and stop > s else e)
        if got:
            return Frame(cue=(tok.i, tok.i + 1), lemma=tok.lemma_.lower(), kind="indirect",
                         contents=[got], speaker_head=speaker.i)
    return None
