"""``claimx_claims``: combine the layers into claims.

Sets ``doc._.claims``: the contract's `claimx.schema.Claim` structs, built directly from the
typed frames, sorted by position (their ``id`` and ``doc`` are set by ``claimx.pipeline``).

- A quotation is ``direct``. Its speaker comes from the cue whose clause it is (``"...," said
  Ashkenazi``), else the nearest cue in its sentences (``He told reporters: "..."``), else the
  speaker of the quotation just before it when it runs on in a new paragraph. A quotation that
  runs over several sentences is one claim (``split_quotes=True`` gives one claim per sentence,
  all with the same speaker and cue; on PolNeAR one claim per quotation scores better: overlap
  F1 0.655 against 0.621). Short quoted phrases are claims only when punctuation frames them
  against a cue of their own (``"Filth out!" she wrote``), not scare quotes or titles.
- A reported clause is ``indirect``; ``mixed`` when it contains quoted words
  (``adding that his trip is "the first formal visit ..."``); ``according_to`` for
  "according to X", "per X", "as reported by X". A cue set into the clause it reports gives one
  claim per piece, as a quotation around its cue does (``The goal, he said, is to ...``).
- A sentence of the outlet's own that carries figures and no attribution is ``unattributed``.
- Nothing inside site chrome (``doc._.boilerplate``) becomes a claim.
- ``act`` is the frame's (``claimx.components.cues.acts``); a quotation is never a mere topic,
  and one that inherits its speaker from the claim before it is an assertion.
- Attribution chains: a claim whose cue stands in the content another source reports ("MENA
  reported that **the delegation will discuss** ...") keeps its own speaker and names the claim
  of that content in ``within`` (``#k`` here, the k-th claim of the document; the pipeline makes
  it the claim's id). One whose speaker is the reporting one again ("Weaver said he believes
  ...") is no claim of its own: it is part of what the outer claim says.

Every look-up across layers (the quotations a clause overlaps, the cues near a quotation, the
figures and dates of a claim, the chrome) is a binary search in ranges sorted once per document
(`_Index`), never a scan of a whole layer per claim: the cost stays linear in the text.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

import msgspec
from spacy.language import Language
from spacy.tokens import Doc

from claimx import rules
from claimx.components.cues import Frame
from claimx.components.dates import claim_date
from claimx.components.quotes import quote_spans
from claimx.components.syntax import Ranges, forget_text, text_of, tidy
from claimx.extensions import register_extensions
from claimx.header import LINE_BREAK, has_line_break
from claimx.schema import Claim, ClaimDate, Cue, DocInfo, Figure, Speaker

register_extensions()

# What a claim's ``doc`` is until the pipeline gives it the document's (``id`` is "" till then too).
NO_DOC = DocInfo(id="", path=None, title=None, outlet=None, author=None, published=None)

_WORD = re.compile(r"\w+")
_GAP_WORD = re.compile(r"[^ \t\u00a0\"“”‘’']")  # anything but spaces and quote marks
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|[\n\r\u2028\u2029\x85])(?=(\r\n|[\n\r\u2028\u2029\x85]))")
_COLON_SKIP = frozenset(" \t\"“”")


def _nwords(text: str) -> int:
    return len(_WORD.findall(text))


@lru_cache(maxsize=1)
def _person_pronouns() -> frozenset[str]:
    return frozenset(rules.load("sources.json")["person_pronouns"])


@lru_cache(maxsize=1)
def _pronouns() -> frozenset[str]:
    src = rules.load("sources.json")
    return frozenset(src["person_pronouns"] + src["plural_pronouns"] + src["relative_pronouns"] + ["it", "you"])


class ClaimsComponent:
    def __init__(self, nlp: Language, name: str, min_quote_words: int = 4, unattributed: bool = True,
                 inherit_paragraphs: int = 2, split_quotes: bool = False):
        self.name = name
        self.split_quotes = split_quotes  # one claim per sentence of a long quotation
        self.min_quote_words = min_quote_words  # shorter quotes need a cue of their own
        self.unattributed = unattributed
        self.inherit_paragraphs = inherit_paragraphs

    # -----------------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        sents = [(s.start_char, s.end_char) for s in doc.sents]
        sent_starts = [s for s, _ in sents]
        line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        # every look-up below is a binary search in one of these (built once per document)
        ix = _Index(doc, text)

        def sent_range(s: int, e: int) -> tuple[int, int]:
            i = max(bisect.bisect_right(sent_starts, s) - 1, 0)
            j = max(bisect.bisect_left(sent_starts, e) - 1, i)
            return sents[i][0], sents[j][1]

        def line_of(pos: int) -> int:
            return bisect.bisect_right(line_starts, pos) - 1

        quotes = []
        for span in quote_spans(doc):
            s, e = tidy(text, span.start_char, span.end_char)
            if s < e:
                quotes.append((s, e))
        frames = [f for f in (doc._.attributions or []) if f.source is not None]
        ix.set_layers(quotes, frames)
        claims: list[Claim] = []
        quote_frame: dict[tuple[int, int], Frame] = {}
        consumed: set[tuple[int, int]] = set()
        frame_of: dict[int, Frame] = {}  # id(claim) -> the frame it was made from

        # 1. reported clauses: indirect, mixed, according_to -- or the cue of a quotation
        nested, outer = self._nested(doc, frames, quotes, ix)
        for f in frames:
            for cs, ce in f.contents:
                overlapping = [quotes[k] for k in ix.quotes.overlapping(cs, ce)]
                inside = [q for q in overlapping if cs <= q[0] - 1 and q[1] + 1 <= ce or (cs <= q[0] and q[1] <= ce)]
                outside_words = _nwords(self._outside(text, cs, ce, overlapping))
                if overlapping and (outside_words < 3 or len(inside) < len(overlapping)):
                    for q in overlapping:  # the clause is (part of) the quotation: "...," he said
                        quote_frame.setdefault(q, f)
                    continue
                if id(f) in nested:
                    continue  # "X told CNN that he believes A": A is part of what X said
                if inside:
                    consumed.update(inside)
                    kind = "mixed"
                else:
                    kind = f.kind
                claim = self._claim(doc, text, kind, cs, ce, f, sent_range, ix)
                frame_of[id(claim)] = f
                claims.append(claim)

        # 2. quotations
        last_direct: Claim | None = None
        reported = sorted((c for c in claims if c.speaker is not None), key=lambda c: c.span[1])
        reported_ends = [c.span[1] for c in reported]
        for q in quotes:
            if q in consumed:
                continue
            f = quote_frame.get(q)
            linked = f is not None
            if f is None:
                f = self._nearest_frame(doc, text, q, frames, sent_range, ix)
            inherited = None
            follows = False
            if f is None:
                # the attributed claim just before: a quotation that opens the next sentence goes on
                # with the same speaker ("...," Tester said. "Very good.")
                k = bisect.bisect_right(reported_ends, q[0]) - 1
                before = [c for c in (reported[k] if k >= 0 else None, last_direct) if c is not None]
                prev = max(before, key=lambda c: c.span[1]) if before else None
                # (only quote marks and spaces between: found without copying a long gap)
                gap_at = sent_range(*prev.span)[1] if prev is not None else 0
                if prev is not None and _GAP_WORD.search(text, gap_at, q[0]) is None:
                    gap = text[gap_at:q[0]]
                    follows = not gap.strip(" \t\u00a0\"“”‘’'") and gap.count("\n") <= 2 \
                        and self._whole_sentences(text, q, sent_range) \
                        and (gap.count("\n") == 0 or _nwords(text[q[0]:q[1]]) >= self.min_quote_words)
                    if follows:
                        inherited = prev
            if f is None and inherited is None and last_direct is not None \
                    and _nwords(text[q[0]:q[1]]) >= self.min_quote_words:
                if line_of(q[0]) - line_of(last_direct.span[1]) <= self.inherit_paragraphs:
                    inherited = last_direct
            if f is None and inherited is None:
                continue
            if not linked and not follows and _nwords(text[q[0]:q[1]]) < self.min_quote_words \
                    and (f is None or not self._framed_as_speech(doc, text, q, f)):
                continue  # a scare quote or a title: "contentious points"; but "Filth out!" she wrote
            pieces = self._pieces(text, q, sents, sent_starts) if self.split_quotes else [q]
            for ps, pe in pieces:
                if f is not None:
                    claim = self._claim(doc, text, "direct", ps, pe, f, sent_range, ix)
                    frame_of[id(claim)] = f
                else:
                    claim = self._claim(doc, text, "direct", ps, pe, None, sent_range, ix)
                    claim.speaker = msgspec.structs.replace(inherited.speaker)
                    claim.act = "assertion"  # a quotation is what was said
                claims.append(claim)
                last_direct = claim

        # 3. figures the outlet states itself
        if self.unattributed and doc._.figures:
            covered = Ranges([c.span for c in claims])
            for ss, se in sents:
                if not ix.figures.any_within(ss, se):
                    continue
                if covered.any_overlapping(ss, se):
                    continue
                s, e = tidy(text, ss, se)
                if s < e:
                    claims.append(self._claim(doc, text, "unattributed", s, e, None, sent_range, ix))

        # 4. nothing from site chrome; one claim per span
        chrome = Ranges(doc._.boilerplate or [])
        seen = set()
        out = []
        for c in sorted(claims, key=lambda c: (c.span[0], c.span[1], c.kind)):
            s, e = c.span
            key = (s, e)
            if key in seen or chrome.any_overlapping(s, e):
                continue
            seen.add(key)
            out.append(c)
        self._link_chains(out, frame_of, outer)
        doc._.claims = out
        forget_text(doc)  # the last stage that reads it
        return doc

    @staticmethod
    def _link_chains(claims: list[Claim], frame_of: dict[int, Frame], outer: dict[int, tuple[Frame, int]]) -> None:
        """Set ``within`` of each claim whose cue stands in another source's reported content
        ("MENA reported that the delegation will discuss ..."): ``#k``, the position of the claim
        of that content in this document's claims (the pipeline turns it into the claim's id)."""
        if not outer:
            return
        by_frame: dict[int, list[int]] = {}
        for k, c in enumerate(claims):
            f = frame_of.get(id(c))
            if f is not None:
                by_frame.setdefault(id(f), []).append(k)
        for c in claims:
            f = frame_of.get(id(c))
            link = outer.get(id(f)) if f is not None else None
            if link is None:
                continue
            g, at = link
            holder = next((k for k in by_frame.get(id(g), ()) if claims[k].span[0] <= at < claims[k].span[1]), None)
            if holder is not None and claims[holder] is not c:
                c.within = f"#{holder}"

    # -----------------------------------------------------------------------------------------

    @staticmethod
    def _outside(text: str, s: int, e: int, quotes) -> str:
        parts, pos = [], s
        for qs, qe in sorted(quotes):
            if qs > pos:
                parts.append(text[pos:min(qs, e)])
            pos = max(pos, qe)
        if pos < e:
            parts.append(text[pos:e])
        return " ".join(parts)

    def _nested(self, doc: Doc, frames, quotes, ix: "_Index | None" = None) -> tuple[set[int], dict[int, tuple]]:
        """Frames whose cue stands inside another frame's reported clause (not inside a quotation).

        Returns the frames that say nothing of their own (their ids): the outer speaker again, or
        a pronoun for them ("Weaver told CNN that he believes the fight will go on" is one claim,
        Weaver's); and, for a frame of another source, the frame whose content holds its cue and
        where that cue is (``{id(frame): (outer frame, cue offset)}``): "MENA reported that the
        delegation will discuss ways ..." is the delegation's claim within MENA's; of several
        such frames the one whose cue comes last, the innermost report.

        The frames whose clauses hold a cue are found by one sweep over the cues in text order,
        keeping the clauses open at the cue; the first of them in frame order that qualifies
        wins, as a scan of every frame would find."""
        ix = ix or _Index(doc, text_of(doc), quotes, frames)
        out = set()
        outer: dict[int, tuple] = {}
        contents = sorted((cs, ce, k) for k, g in enumerate(frames) for cs, ce in g.contents)
        active: list[tuple[int, int, int]] = []
        nxt = 0
        for order in sorted(range(len(frames)), key=lambda k: (ix.cue_start[k], k)):
            f, at = frames[order], ix.cue_start[order]
            while nxt < len(contents) and contents[nxt][0] <= at:
                active.append(contents[nxt])
                nxt += 1
            active = [c for c in active if c[1] > at]
            if ix.quotes.any_holding_point(at):
                continue
            inner_most = None
            for k in sorted({c[2] for c in active}):
                g = frames[k]
                if g is f:
                    continue
                g_at = ix.cue_start[k]
                if any(cs <= g_at < ce for cs, ce in f.contents):
                    continue  # each holds the other's cue: neither reports the other
                if self._same_source(f, g):
                    out.add(id(f))
                    break
                if inner_most is None or g_at > ix.cue_start[inner_most]:
                    inner_most = k
            if id(f) not in out and inner_most is not None:
                outer[id(f)] = (frames[inner_most], at)
        return out, outer

    @staticmethod
    def _same_source(inner: Frame, outer: Frame) -> bool:
        """Does the inner frame's speaker say nothing new: the outer speaker again, or a pronoun
        that can stand for them ("Weaver said he believes ...", "the ministry said it would ...")?
        But "Hafez said Shoukry stressed ..." is Shoukry's claim, and "Egyptian media reported
        that he said ..." his, within theirs: a "he" or "she" is never the media or a government
        (an organization may be a person the model took for one: "Weaver said he believes ...")."""
        a, b = inner.source, outer.source
        if a.name == b.name:
            return True
        low = a.text.lower()
        if low not in _pronouns():
            return False
        return low not in _person_pronouns() or b.type not in ("media", "government")

    @staticmethod
    def _whole_sentences(text: str, q, sent_range) -> bool:
        """Is the quotation one or more sentences of its own: it opens its sentence and ends it?"""
        qs, qe = q
        ss, se = sent_range(qs, qe)
        head = text[ss:qs].strip(" \t\n\u00a0\"“”‘’'")
        tail = text[qe:se].strip(" \t\n\u00a0\"“”‘’'")
        ends = text[qe - 1] in ".?!…" or tail[:1] in (".", "?", "!")
        return not head and ends and len(tail) <= 1

    @staticmethod
    def _framed_as_speech(doc: Doc, text: str, q, f) -> bool:
        """A short quotation is speech when punctuation frames it against its cue:
        `"Filth out!" she wrote`, `"Normally," she said`, `He said: "No."` -- unlike a scare quote
        or a title (`called it a "vanity project"`, `the "crane committee" agreed`)."""
        qs, qe = q
        cs = doc[f.cue[0]].idx
        ce = doc[f.cue[1] - 1].idx + len(doc[f.cue[1] - 1])
        if cs >= qe:
            ends = text[qe - 1] in "?!" or text[qe:qe + 1] == ","
            return ends and _nwords(text[qe:cs]) <= 3
        before = text[ce:qs].rstrip(" \"“”")
        return before.endswith((":", ",")) and _nwords(before) <= 3

    @staticmethod
    def _nearest_frame(doc: Doc, text: str, q, frames, sent_range, ix: "_Index | None" = None):
        """The cue nearest a quotation, outside it, in the sentences it touches (or ending in ':'),
        or just after it on the same line: `"Is it in our interest?" Monaco said` (a question mark
        ends the parser's sentence inside the quotation).

        Only the frames that can qualify are weighed (each one as a scan of all would weigh it):
        those with a cue in the quotation's sentences, those after a question on its line, and,
        of those before a colon that opens it, the nearest."""
        ix = ix or _Index(doc, text, [], frames)
        qs, qe = q
        lo, hi = sent_range(qs, qe)
        starts, ends = ix.cue_start, ix.cue_end

        def distance(k: int):
            cs, ce = starts[k], ends[k]
            if qs <= cs < qe:
                return None
            after_gap = text[qe:cs] if cs >= qe else None
            if lo <= cs < hi:
                return qs - ce if ce <= qs else cs - qe
            if after_gap is not None and text[qe - 1] in "?!" and not has_line_break(after_gap) \
                    and _nwords(after_gap) <= 8 and not any(c in after_gap.strip("\"“” ") for c in "\"“”"):
                return cs - qe
            if ce <= qs and text[ce:qs].strip(" \t\"“”").endswith(":") and not ix.paragraph_break(ce, qs):
                return qs - ce
            return None

        candidates = set(range(bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)))
        if qe > 0 and text[qe - 1] in "?!":
            for k in range(bisect.bisect_left(starts, qe), len(frames)):
                gap = text[qe:starts[k]]
                if has_line_break(gap) or _nwords(gap) > 8:
                    break  # and so for every cue further on
                candidates.add(k)
        colon = ix.colon_before(qs)
        if colon is not None:
            k = ix.last_cue_ending_by(colon, ix.paragraph_start(qs))
            if k is not None:
                candidates.add(k)
        best, best_d = None, None
        for k in sorted(candidates):
            d = distance(k)
            if d is not None and (best_d is None or d < best_d):
                best, best_d = frames[k], d
        return best

    @staticmethod
    def _pieces(text: str, q, sents, sent_starts):
        """A quotation cut at sentence ends: one claim per sentence."""
        qs, qe = q
        i = max(bisect.bisect_right(sent_starts, qs) - 1, 0)
        out = []
        while i < len(sents) and sents[i][0] < qe:
            s, e = tidy(text, max(qs, sents[i][0]), min(qe, sents[i][1]))
            if s < e and _WORD.search(text[s:e]):
                out.append((s, e))
            i += 1
        return out or [q]

    @staticmethod
    def _claim(doc: Doc, text: str, kind: str, s: int, e: int, frame: Frame | None, sent_range,
               ix: "_Index | None" = None) -> Claim:
        ss, se = sent_range(s, e)
        ss, se = tidy(text, ss, se) if kind != "direct" else (ss, se)
        sentence = text[ss:se].strip()
        speaker = cue = act = None
        if frame is not None and kind != "unattributed":
            src = frame.source
            speaker = Speaker(text=src.text, name=src.name, type=src.type, title=src.title, span=src.span)
            c0, c1 = frame.cue
            cs, ce = doc[c0].idx, doc[c1 - 1].idx + len(doc[c1 - 1])
            cue = Cue(text=text[cs:ce], lemma=frame.lemma, span=(cs, ce))
            # a quotation is what was said: never just what was talked about
            act = "assertion" if kind == "direct" and frame.act == "topic" else frame.act
        all_figures = doc._.figures or []
        inside = ix.figures.within(s, e) if ix is not None else \
            [k for k, g in enumerate(all_figures) if s <= g["span"][0] and g["span"][1] <= e]
        figures = [Figure(**dict(all_figures[k], span=tuple(all_figures[k]["span"]))) for k in inside]
        sent_s, sent_e = sent_range(s, e)
        date = claim_date(doc, sent_s, sent_e, ix.dates if ix is not None else None)
        return Claim(id="", doc=NO_DOC, kind=kind, act=act, text=text[s:e], span=(s, e), speaker=speaker, cue=cue,
                     date=ClaimDate(**date) if date is not None else None, figures=figures, sentence=sentence)


@Language.factory("claimx_claims", default_config={"min_quote_words": 4, "unattributed": True,
                                                   "inherit_paragraphs": 2, "split_quotes": False})
def make_claims(nlp: Language, name: str, min_quote_words: int, unattributed: bool,
                inherit_paragraphs: int, split_quotes: bool) -> ClaimsComponent:
    return ClaimsComponent(nlp, name, min_quote_words, unattributed, inherit_paragraphs, split_quotes)


class _Index:
    """One document's layers, sorted once for the claims component's look-ups."""

    def __init__(self, doc: Doc, text: str, quotes=None, frames=None):
        self.doc, self.text = doc, text
        self.figures = Ranges([g["span"] for g in (doc._.figures or [])])
        self.dates = Ranges([d["span"] for d in (doc._.dates or [])])
        # a paragraph break: two line breaks in a row; (start of the first, end of the second)
        self._breaks = [(m.start(), m.end(1)) for m in _PARAGRAPH_BREAK.finditer(text)]
        self._break_ends = [e for _, e in self._breaks]
        self.set_layers(quotes or [], frames or [])

    def set_layers(self, quotes, frames) -> None:
        doc = self.doc
        self.quotes = Ranges(quotes)
        self.cue_start = [doc[f.cue[0]].idx for f in frames]
        self.cue_end = [doc[f.cue[1] - 1].idx + len(doc[f.cue[1] - 1]) for f in frames]
        self._by_end = sorted((e, k) for k, e in enumerate(self.cue_end))

    def paragraph_start(self, pos: int) -> int:
        """The start of the last paragraph break that ends by ``pos`` (-1 when none): a range
        [a, pos) holds a paragraph break when a <= this."""
        k = bisect.bisect_right(self._break_ends, pos) - 1
        return self._breaks[k][0] if k >= 0 else -1

    def paragraph_break(self, a: int, b: int) -> bool:
        """Does text[a:b] hold a paragraph break?"""
        return a <= self.paragraph_start(b)

    def colon_before(self, pos: int) -> int | None:
        """The offset of the ':' that ends the text before ``pos`` (past spaces and quote marks)."""
        text = self.text
        c = pos - 1
        while c >= 0 and text[c] in _COLON_SKIP:
            c -= 1
        return c if c >= 0 and text[c] == ":" else None

    def last_cue_ending_by(self, at: int, after: int) -> int | None:
        """The frame (the first in frame order among equals) whose cue ends last in (after, at]."""
        i = bisect.bisect_right(self._by_end, (at, len(self.cue_end))) - 1
        if i < 0 or self._by_end[i][0] <= after:
            return None
        end = self._by_end[i][0]
        return self._by_end[bisect.bisect_left(self._by_end, (end, -1))][1]
