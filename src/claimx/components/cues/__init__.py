"""``claimx_cues``: reporting cues, the content each one governs, and the mention that speaks.

Sets ``doc.spans["claimx_cues"]`` (each cue, labelled with its frame's kind) and
``doc._.attributions``: one `Frame` per cue, in text order (cue, lemma, kind, form, contents,
speaker mention, sentence; ``source`` is left for ``claimx_speakers``).

The package, one module a concern:

- `frame`     the typed frame handed on to ``claimx_speakers`` and ``claimx_claims``
- `lexicon`   every word list the finders read (``rules/cues/*.json``), and what can speak
- `mentions`  who speaks through a cue verb (`find_speaker`) and the mention around them
- `contents`  what a cue verb says: `CONTENT_STRATEGIES`, tried in order
- `acts`      what the source did: assertion, belief, intention or topic (``rules/acts.json``)
- `finders`   `FINDERS`: the one ordered table of cue forms, and which is tried first
- one module per cue form: `verbs`, `phrases` ("according to X"), `nominal` ("her claim that"),
  `stance` ("is confident that"), `fronted` ("To many, ...", "In X's view", "in the poll"),
  `findings` ("records show"), `lines` (labels and headlines)

Each candidate is guarded: a finder that fails on an odd parse costs that candidate, never the
article (``strict=True`` re-raises, for debugging rules).

Cost: each cue is weighed inside its own sentence (looked up through `claimx.components.syntax`,
never found again by walking the tokens), so the work grows with the length of the text times the
length of its sentences, which ``claimx_article`` bounds for text that has none.
"""
from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from claimx.components.cues.acts import frame_act
from claimx.components.cues.context import CueContext
from claimx.components.cues import finders
from claimx.components.cues.finders import Finder
from claimx.components.cues.frame import Frame, Source
from claimx.components.cues.lexicon import lexicon, plausible_source
from claimx.components.cues.mentions import mention_range
from claimx.components.syntax import sent_of, sent_start_of, sentences
from claimx.extensions import CUES_KEY, register_extensions

__all__ = ["CuesComponent", "Frame", "Source", "mention_range", "plausible_source"]

register_extensions()


class CuesComponent:
    def __init__(self, nlp: Language, name: str, strict: bool = False):
        self.name = name
        self.strict = strict  # re-raise a finder's failure instead of skipping the candidate
        self.lex = lexicon()
        # multi-word source markers ("according to", "as reported by"), matched on lowercased words
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.phrases.add("according_to", [Doc(nlp.vocab, words=list(p)) for p in self.lex["according_to"]])

    def _phrase_ends(self, doc: Doc) -> dict[int, int]:
        """Token -> end of the longest source phrase starting there."""
        ends: dict[int, int] = {}
        for _, start, end in self.phrases(doc):
            ends[start] = max(end, ends.get(start, 0))
        return ends

    def _find(self, finder: Finder, ctx: CueContext, tok: Token) -> Optional[Frame]:
        try:
            return finder.find(ctx, tok)
        except Exception:  # noqa: BLE001 - one odd parse costs this candidate, never the article
            if self.strict:
                raise
            return None

    def _complete(self, doc: Doc, f: Frame) -> bool:
        """Fill the frame's sentence, speaker mention and act; False (drop it) when an odd parse
        makes that fail, as for a finder."""
        try:
            sent = sent_of(doc[f.cue[0]])
            f.sent = (sent.start_char, sent.end_char)
            if f.speaker is None and f.speaker_head is not None:
                f.speaker = mention_range(doc[f.speaker_head])
            f.act = frame_act(doc, f)
            return True
        except Exception:  # noqa: BLE001 - one odd parse costs this candidate, never the article
            if self.strict:
                raise
            return False

    def __call__(self, doc: Doc) -> Doc:
        with sentences(doc):  # every `sent_of` below answers from one index of this document
            return self._annotate(doc)

    def _annotate(self, doc: Doc) -> Doc:
        ctx = CueContext(doc, self.lex, self._phrase_ends(doc))
        lemma_forms = self.lex["lemma_forms"]
        frames: list[Frame] = []
        deferred: list[Frame] = []
        used: set[int] = set()
        for tok in doc:
            if ctx.inside_quote[tok.i] or tok.i in used:
                continue
            for finder in finders.FINDERS:  # (read here, so a patched table is the one used)
                if not finder.applies(ctx, tok):
                    continue
                frame = self._find(finder, ctx, tok)
                if frame is None:
                    if finder.falls_through:
                        continue
                    break
                frame.form = finder.form
                if finder.deferred:
                    deferred.append(frame)
                    break
                if finder.form == "according_to":
                    used.update(range(*frame.cue))  # the phrase's words are not cues of their own
                else:
                    frame.lemma = lemma_forms.get(tok.lower_, frame.lemma)  # "hoped": "hope", not "hop"
                    used.add(tok.i)
                frames.append(frame)
                break
        for form, find in finders.DOCUMENT_FINDERS:
            try:
                frame = find(ctx, frames)
            except Exception:  # noqa: BLE001 - as above
                if self.strict:
                    raise
                frame = None
            if frame is not None:
                frame.form = form
                frames.append(frame)
        # a poll is the source only where nobody speaks: "In the poll, 40 percent said ..." is theirs
        spoken = {sent_start_of(doc[f.cue[0]]) for f in frames if f.contents}
        frames += [f for f in deferred if sent_start_of(doc[f.cue[0]]) not in spoken]
        frames.sort(key=lambda f: f.cue[0])
        frames = [f for f in frames if self._complete(doc, f)]
        doc.spans[CUES_KEY] = [Span(doc, f.cue[0], f.cue[1], label=f.kind) for f in frames]
        doc._.attributions = frames
        return doc


@Language.factory("claimx_cues", default_config={"strict": False})
def make_cues(nlp: Language, name: str, strict: bool) -> CuesComponent:
    return CuesComponent(nlp, name, strict)
