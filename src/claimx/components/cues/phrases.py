"""Source phrases: "according to X", "per X", "as reported by X", "in the words of X", ...

The phrases are data (``according_to`` in the cue lexicon); X, the phrase's object, is the
source of the clause around the phrase. ("The Journal, citing internal documents, reported ..." is
the Journal's claim; what it cites is a claim of its own, through the verb "cite".)
"""
from __future__ import annotations

from spacy.tokens import Token

from claimx.components.cues.context import CueContext
from claimx.components.cues.frame import Frame
from claimx.components.cues.lexicon import plausible_source
from claimx.components.syntax import child_of, clause_minus, sent_end_of, sent_of


def starts_phrase(ctx: CueContext, tok: Token) -> bool:
    return tok.i in ctx.phrase_ends


def phrase_frame(ctx: CueContext, tok: Token) -> Frame | None:
    """according to X / per X / as reported by X: X is the source. ("The Journal, citing internal
    documents, reported ..." is the Journal's claim; what it cites is a claim of its own, through
    the verb "cite".)"""
    doc, i = ctx.doc, tok.i
    end = ctx.phrase_ends[i]
    phrase = tuple(t.lower_ for t in doc[i:end])
    last = doc[end - 1]
    obj = child_of(last, "pobj", "dobj")
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
    contents = clause_minus(doc, (sent.start, sent.end), phrase_subtree)
    if not contents:
        return None
    return Frame(cue=(i, end), lemma=" ".join(phrase), kind="according_to", contents=contents,
                 speaker_head=obj.i)
