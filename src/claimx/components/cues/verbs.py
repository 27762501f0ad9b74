"""Verb cues: "X said that ...", "X urged Y to ...", "X denied the report", "X called for ...".

A cue verb (any of the lexicon's verb lists) reports the content `contents.verb_contents` finds;
weak cues (infinitive, object and preposition verbs) need a speaker that can speak. Any other verb
reports a "that" clause after it when its subject can speak ("the mayor noticed that ...");
a cue verb the tagger read as a plural noun is caught by its "that" clause ("But Trump claims
that ..."). Negated cues ("did not say whether"), refusals ("declined to comment on") and
hearsay ("are said to be") say nothing.
"""
from __future__ import annotations

from spacy.tokens import Token

from claimx.components.cues.contents import clause_child, cut_trailing_cues, extend_clause, verb_contents
from claimx.components.cues.context import CueContext
from claimx.components.cues.frame import Frame
from claimx.components.cues.lexicon import plausible_source, source_words
from claimx.components.cues.mentions import find_speaker, has_said, interrupts, name_right_before
from claimx.components.syntax import child_of, sent_of, subtree_range, token_chars


def verb_frame(ctx: CueContext, tok: Token) -> Frame | None:
    lex = ctx.lex
    lemma = tok.lemma_.lower()
    if child_of(tok, "neg") is not None:
        return None  # "did not say whether ...": nothing was said
    # "refused to say whether ...", "declined to comment on ...": nothing was said either
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in lex["refusal"] and lemma in ctx.saying:
        return None
    if lemma in lex["refusal"] and any(c.dep_ == "xcomp" and c.lemma_.lower() in ctx.saying
                                       for c in tok.children):
        return None
    # "US officials are said to be in Egypt": hearsay, not an attribution
    if lemma in lex["raising"] and child_of(tok, "auxpass") is not None and child_of(tok, "agent") is None \
            and not has_said(tok):
        return None
    if _asks_a_question(tok):
        return None  # "Did the minister say that the talks failed?": nothing was said
    contents = verb_contents(tok, lex)
    speaker = find_speaker(tok)
    if speaker is None and not contents:
        return None
    if not contents and lemma in lex["evidence"] | lex["as"] and lemma not in ctx.speech_verbs:
        return None  # "has", "shows": a cue only with a poll's finding
    strong = lemma in lex["clause"] and (clause_child(tok) is not None or interrupts(tok) and contents) \
        or lemma in lex["quote_only"]
    if not strong and (speaker is None or not plausible_source(speaker)):
        return None  # "their efforts support ...": weak cues need someone who can speak
    kind = "indirect"
    cue_end = tok.i + 1
    prt = child_of(tok, "prt")
    if prt is not None and prt.i == cue_end:
        cue_end += 1
    if child_of(tok, "mark") is not None and child_of(tok, "mark").lower_ == "as" and child_of(tok, "agent"):
        kind = "according_to"  # "as reported by Palestinian health sources"
    frame = Frame(cue=(tok.i, cue_end), lemma=lemma, kind=kind, contents=contents,
                  speaker_head=speaker.i if speaker is not None else None)
    if speaker is not None and speaker == name_right_before(tok):
        # a name right before the verb that the parser hung elsewhere: the name alone, not its phrase
        frame.speaker = ctx.person_at(speaker.i) or (speaker.i, speaker.i + 1)
    return frame


def _asks_a_question(verb: Token) -> bool:
    """Is the cue the verb of a question: an auxiliary before its subject and a question mark at
    the end of the sentence ("Did the minister say that ...?", "Has anyone claimed ...?")?"""
    subj = child_of(verb, "nsubj")
    aux = child_of(verb, "aux")
    if subj is None or aux is None or not aux.i < subj.i < verb.i:
        return False
    sent = sent_of(verb)
    return any(t.text == "?" for t in sent[-2:])


def that_frame(ctx: CueContext, tok: Token) -> Frame | None:
    """Any verb with a "that" clause after it and a source for its subject reports that clause:
    "the mayor noticed that the quay was flooded", "critics resent that ..."; not "make sure that",
    and not an infinitive of purpose: "take measures to guarantee that aid is provided", "work to
    ensure that ..." say what is to be done, not what anyone said."""
    if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return None
    comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i and child_of(c, "mark") is not None
                 and child_of(c, "mark").lower_ == "that" and child_of(c, "mark").i == c.left_edge.i), None)
    if comp is None or child_of(tok, "neg") is not None:
        return None
    speaker = find_speaker(tok)
    if speaker is None or not plausible_source(speaker):
        return None
    s, e = subtree_range(comp)
    e = cut_trailing_cues(comp, s, extend_clause(tok, comp, e), ctx.lex)
    c = token_chars(tok.doc, s, e)
    if not c:
        return None
    return Frame(cue=(tok.i, tok.i + 1), lemma=tok.lemma_.lower(), kind="indirect", contents=[c],
                 speaker_head=speaker.i)


def misread_verb_frame(ctx: CueContext, tok: Token) -> Frame | None:
    """"But Trump claims that he should be the exception": a verb the tagger read as a plural noun,
    the head of the sentence, with the name before it as a compound and a "that" clause after it."""
    comp = next((c for c in tok.children if c.dep_ in ("ccomp", "acl", "relcl") and c.i > tok.i
                 and child_of(c, "mark") is not None and child_of(c, "mark").lower_ == "that"
                 and child_of(c, "mark").i == tok.i + 1), None)
    names = [c for c in tok.lefts if c.dep_ in ("compound", "nsubj") and c.i == tok.i - 1]
    if comp is None or not names or not plausible_source(names[0]) or names[0].pos_ != "PROPN" and names[0].lower_ not in source_words():
        return None
    s, e = subtree_range(comp)
    c = token_chars(tok.doc, s, cut_trailing_cues(comp, s, e, ctx.lex))
    if not c:
        return None
    head = names[0]
    return Frame(cue=(tok.i, tok.i + 1), lemma=tok.lemma_.lower(), kind="indirect", contents=[c],
                 speaker_head=head.i, speaker=(head.left_edge.i, head.i + 1))
