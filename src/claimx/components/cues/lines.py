"""Line cues: a label before a colon ("McCaul: If elected, ...", "Cease-fire talks stall: sources")
and a telegraphic headline ("Terrorism experts rebuke Trump proposal"), where the parse of a
line that is not a sentence cannot be trusted.
"""
from __future__ import annotations

from spacy.tokens import Token

from claimx.components.cues.context import CueContext
from claimx.components.cues.frame import Frame
from claimx.components.cues.lexicon import plausible_source, source_nouns
from claimx.components.syntax import Ranges, count_words, token_chars
from claimx.header import has_line_break


def label_frame(ctx: CueContext, tok: Token) -> Frame | None:
    """"McCaul: If elected, Clinton could be impeached", "Poll: Clinton and Trump in dead heat",
    "Obama on climate change: ...": a name or a source noun that opens a line and a colon before
    the rest of it (headlines, transcripts); the rest of the line is what it says."""
    doc, lex = tok.doc, ctx.lex
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
    if 1 <= len(tail) <= 3 and tail[-1].lemma_.lower() in source_nouns() and count_words(doc, start, tok.i) >= 3:
        # "Egypt intensifies cease-fire efforts: Report": a headline and the source it rests on
        c = token_chars(doc, start, tok.i)
        return Frame(cue=(tok.i, tok.i + 1), lemma=":", kind="according_to", contents=[c],
                     speaker_head=tail[-1].i, speaker=(tail[0].i, tail[-1].i + 1)) if c else None
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
    named = head.text[:1].isupper() and ctx.entity_words()[head.lower_] > (head.ent_type_ in ("PERSON", "ORG"))
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
    c = token_chars(doc, tok.i + 1, end)
    if not c:
        return None
    return Frame(cue=(tok.i, tok.i + 1), lemma=":", kind="indirect", contents=[c],
                 speaker_head=head.i, speaker=(name[0].i, head.i + 1))


def headline_frame(ctx: CueContext, frames: list[Frame]) -> Frame | None:
    """"Terrorism experts rebuke Trump proposal", "Ivanka Trump champions working moms": a
    headline is telegraphic and the tagger often takes its verb for a noun. In the title line,
    where the parse found no cue, the first word that is a form of a cue verb, after a short
    subject that can speak, reports the rest of the line."""
    doc = ctx.doc
    chrome = Ranges(doc._.boilerplate or [])
    start = next((t.i for t in doc if not t.is_space and not chrome.any_holding_point(t.idx)), None)
    if start is None:
        return None
    end = start  # the headline: the first line of the article
    while end < len(doc) and not has_line_break(doc[end].text) and end - start <= 25:
        end += 1
    toks = [t for t in doc[start:end] if not t.is_space]
    if end - start > 25 or end >= len(doc) - 1 or not toks or any(start <= f.cue[0] < end for f in frames):
        return None  # not a line of its own, or the parse found its cue
    lex = ctx.lex
    # past a label ("Breaking:", "EXCLUSIVE –")
    cut = max((k + 1 for k, t in enumerate(toks) if t.text in (":", "–", "—", "--") and k < 4), default=0)
    toks = toks[cut:]
    for k, t in enumerate(toks[1:7], 1):
        low = t.lower_
        # the verb's lemma, whatever the tagger made of the word: "Slams", "presses", "decries"
        forms = (t.lemma_.lower(), low, low[:-1], low[:-2], low[:-3] + "y")
        lemma = next((f for f in forms if f in ctx.verbs and f in lex["headline_verbs"]), None)
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
        c = token_chars(doc, rest[0].i, rest[-1].i + 1)
        if not c:
            return None
        return Frame(cue=(t.i, t.i + 1), lemma=lemma, kind="indirect", contents=[c],
                     speaker_head=subject[-1].i, speaker=(subject[0].i, subject[-1].i + 1))
    return None
