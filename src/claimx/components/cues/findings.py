"""Findings: "..., campaign finance records show." / "F.A.A. records show, the plane has flown ...":
a poll, records or an analysis that closes or interrupts the clause it reports, matched on the
words (the tagger often reads "records" as a verb and "shows" as a noun there).
"""
from __future__ import annotations

from spacy.tokens import Token

from claimx.components.cues.context import CueContext
from claimx.components.cues.frame import Frame
from claimx.components.cues.lexicon import is_evidence
from claimx.components.syntax import count_words, sent_of, token_chars


def finding_frame(ctx: CueContext, tok: Token) -> Frame | None:
    """"..., campaign finance records show." / "F.A.A. records show, the plane has flown ...": a
    finding that closes or interrupts its clause, matched on the words (the tagger often reads
    "records" as a verb and "shows" as a noun there, so the parse cannot be trusted)."""
    doc, lex = tok.doc, ctx.lex
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
    contents = [c for s, e in pieces if count_words(doc, s, e) >= 3 for c in [token_chars(doc, s, e)] if c]
    if not contents:
        return None
    return Frame(cue=(tok.i, tok.i + 1), lemma=tok.lemma_.lower(), kind="indirect",
                 contents=contents, speaker_head=tok.i - 1, speaker=(start, tok.i))
