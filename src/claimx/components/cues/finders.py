"""FINDERS: the one ordered table of cue forms, and which is tried first.

Every token outside a quotation (and not already part of a cue) is offered to the finders in this
order. A finder whose test (``applies``) holds gets to build its frame; when it finds nothing, the
token is done unless the finder ``falls through`` to the next form. So a verb the lexicon knows is
only ever weighed as a verb cue, never also as "any verb with a that clause"; a finding ("records
show") that is not one is still weighed as a verb.

After every token, `DOCUMENT_FINDERS` look at the document as a whole (the headline, which the
parse of a telegraphic line cannot be trusted with). A poll frame ("Trump leads in the latest
poll") is ``deferred``: kept only in a sentence where nobody speaks ("In the poll, 40 percent said
..." is theirs).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from spacy.tokens import Token

from claimx.components.cues import findings, fronted, lines, nominal, phrases, stance, verbs
from claimx.components.cues.context import CueContext
from claimx.components.cues.frame import Frame
from claimx.components.syntax import child_of


@dataclass(frozen=True)
class Finder:
    form: str                                                   # the frame's ``form``
    applies: Callable[[CueContext, Token], bool]                # is this token this form's cue?
    find: Callable[[CueContext, Token], Optional[Frame]]        # the frame, or None
    falls_through: bool = False                                 # on None, try the next form
    deferred: bool = False                                      # only where nobody speaks


# The tests below run on every token outside a quotation: they read the token's strings from the
# context (``ctx.lemmas[tok.i]``: the lemma lower-cased), not from the Token.

def _is_finding(ctx: CueContext, tok: Token) -> bool:
    return ctx.lemmas[tok.i] in ctx.lex["finding"]


def _is_stance_participle(ctx: CueContext, tok: Token) -> bool:
    i = tok.i
    return ctx.tags[i] == "VBN" and ctx.lowers[i] in ctx.lex["stance"] \
        and (ctx.deps[i] == "acomp" or child_of(tok, "auxpass") is not None)


def _is_cue_verb(ctx: CueContext, tok: Token) -> bool:
    i = tok.i
    return ctx.pos[i] in ("VERB", "AUX") and ctx.lemmas[i] in ctx.verbs and ctx.tags[i] != "MD"


def _is_other_verb(ctx: CueContext, tok: Token) -> bool:
    return ctx.pos[tok.i] == "VERB" and ctx.lemmas[tok.i] not in ctx.lex["not_that_cues"]


def _is_misread_verb(ctx: CueContext, tok: Token) -> bool:
    i = tok.i
    return ctx.pos[i] in ("NOUN", "PROPN") and ctx.tags[i] in ("NNS", "NNPS") and ctx.deps[i] == "ROOT" \
        and ctx.lemmas[i] in ctx.verbs


def _is_cue_noun(ctx: CueContext, tok: Token) -> bool:
    return ctx.pos[tok.i] == "NOUN" and ctx.lemmas[tok.i] in ctx.lex["nominal"]


def _is_stance_adjective(ctx: CueContext, tok: Token) -> bool:
    return ctx.pos[tok.i] == "ADJ" and ctx.lemmas[tok.i] in ctx.lex["stance"]


def _is_colon(ctx: CueContext, tok: Token) -> bool:
    return ctx.lowers[tok.i] == ":"


def _is_preposition(*words: str) -> Callable[[CueContext, Token], bool]:
    def applies(ctx: CueContext, tok: Token) -> bool:
        return ctx.lowers[tok.i] in words and ctx.deps[tok.i] == "prep"
    return applies


FINDERS: tuple[Finder, ...] = (
    # "according to X", "per X", "as reported by X": the phrase, whatever its words' parse
    Finder("according_to", phrases.starts_phrase, phrases.phrase_frame),
    # "..., campaign finance records show."
    Finder("finding", _is_finding, findings.finding_frame, falls_through=True),
    # "the union is opposed to the levy"
    Finder("stance_participle", _is_stance_participle, stance.participle_frame),
    # "X said that ...", "X urged Y to ...", "X denied the report", "X called for ..."
    Finder("verb", _is_cue_verb, verbs.verb_frame),
    # "the mayor noticed that ...": any verb with a "that" clause and a subject that can speak
    Finder("that_clause", _is_other_verb, verbs.that_frame),
    # "But Trump claims that ..." with "claims" tagged a plural noun
    Finder("misread_verb", _is_misread_verb, verbs.misread_verb_frame, falls_through=True),
    # "Trump's call for a ban", "her claim that ..."
    Finder("nominal", _is_cue_noun, nominal.noun_frame),
    # "voters are skeptical of the plan", "she is confident that ..."
    Finder("stance_adjective", _is_stance_adjective, stance.adjective_frame),
    # "McCaul: If elected, ...", "Cease-fire talks stall: sources"
    Finder("line_label", _is_colon, lines.label_frame),
    # "To many, he is a provocateur"
    Finder("to_whom", _is_preposition("to"), fronted.stance_frame),
    # "In the mayor's view, ...", "from Trump's point of view, ..."
    Finder("view", _is_preposition("in", "from"), fronted.view_frame, falls_through=True),
    # "Trump leads in the latest CNN poll"
    Finder("poll", _is_preposition("in"), fronted.poll_frame, deferred=True),
)

# Finders of the whole document, run after every token's: (form, find(ctx, frames so far)).
DOCUMENT_FINDERS: tuple[tuple[str, Callable[[CueContext, list[Frame]], Optional[Frame]]], ...] = (
    # "Terrorism experts rebuke Trump proposal": the title line, where the parse found no cue
    ("headline", lines.headline_frame),
)
