"""Stance adjectives and participles: "Voters are skeptical of the plan", "she is confident that
...", "the union is opposed to the levy": the subject of the copula holds the stance.
"""
from __future__ import annotations

from spacy.tokens import Token

from claimx.components.cues.context import CueContext
from claimx.components.cues.frame import Frame
from claimx.components.cues.lexicon import plausible_source
from claimx.components.cues.nominal import complement_frame
from claimx.components.syntax import child_of


def adjective_frame(ctx: CueContext, tok: Token) -> Frame | None:
    """"Voters are skeptical of the plan", "she is confident that ...": the subject speaks."""
    if tok.dep_ != "acomp" or child_of(tok.head, "neg") is not None:
        return None
    subj = child_of(tok.head, "nsubj")
    if subj is None or not plausible_source(subj):
        return None
    return complement_frame(tok, ctx.lex["stance"][tok.lemma_.lower()], subj)


def participle_frame(ctx: CueContext, tok: Token) -> Frame | None:
    """"The union is opposed to the levy", "she is disappointed by the vote": a stance the tagger
    read as a participle (a passive or a complement of "be"); its subject speaks."""
    verb = tok.head if tok.dep_ == "acomp" else tok
    subj = child_of(verb, "nsubjpass") or child_of(verb, "nsubj")
    preps = ctx.lex["stance"][tok.lower_]
    if subj is None or child_of(tok, "neg") is not None or child_of(verb, "neg") is not None \
            or not plausible_source(subj) or child_of(tok, "agent") is not None and "by" not in preps:
        return None
    return complement_frame(tok, preps, subj)
