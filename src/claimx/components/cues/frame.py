"""The attribution frame: what ``claimx_cues`` finds for one reporting cue, typed.

A frame is handed on down the pipeline: ``claimx_cues`` makes it (cue, content, speaker mention),
``claimx_speakers`` fills ``source`` (who the mention is), ``claimx_claims`` turns it into claims.
No stage adds keys of its own: every field is declared here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional

CharRange = tuple[int, int]
TokenRange = tuple[int, int]

FrameKind = Literal["indirect", "according_to"]


@dataclass
class Source:
    """Who speaks through a frame, as the document gives it (the contract's ``speaker``)."""

    text: str            # the mention as written ("he", "Ashkenazi")
    span: CharRange      # its characters
    name: str            # the fullest name the document gives ("Gabi Ashkenazi")
    type: str            # person, organization, government, media, anonymous, group, place
    title: Optional[str]  # "Israeli Foreign Minister", or None


@dataclass
class Frame:
    """One reporting cue, the content it governs and the mention that speaks.

    A frame with no content still matters: it is how a quotation finds its speaker
    (``"We will win," she said``; ``He told reporters: "..."``).
    """

    cue: TokenRange                   # the cue's tokens ("said", "according to")
    lemma: str                        # the cue's lemma as reported ("say", "according to")
    kind: FrameKind                   # what kind of claim its contents make
    contents: list[CharRange]         # the governed clause(s) or phrase(s); may be empty
    speaker_head: Optional[int]       # the token heading the speaker mention
    speaker: Optional[TokenRange] = None   # the mention as written (tokens); None: found from the head
    form: str = ""                    # the finder that made it (`claimx.components.cues.finders`)
    act: Optional[str] = None         # assertion / belief / intention / topic
    sent: CharRange = (0, 0)          # the sentence of the cue
    source: Optional[Source] = field(default=None)  # who speaks: set by claimx_speakers
