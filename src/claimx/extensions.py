"""Every `Doc` / `Span` `._.` attribute claimx sets, declared once, by name.

Layers, in pipeline order (each component documents which it sets):

- ``doc._.given``        dict or None: metadata given with the text (``title``, ``outlet``,
                         ``author``, ``published``, ``url``; None where unknown)       [set by the caller]
- ``doc._.article``      dict: ``title``, ``outlet``, ``author``, ``published`` (ISO), ``url``:
                         what was given, else what the text states, else None          [claimx_article]
- ``doc._.boilerplate``  list of ``(start, end)`` character ranges of site chrome            [claimx_article]
- ``doc.spans["claimx_quotes"]``  quoted passages (the words between the marks)              [claimx_quotes]
- ``doc.spans["claimx_cues"]``    reporting cues ("said", "according to"), label = cue kind  [claimx_cues]
- ``doc._.attributions`` list of `claimx.components.cues.Frame`: cue, contents, speaker
                         mention, form, act; ``frame.source`` the resolved speaker      [claimx_cues, claimx_speakers]
- ``doc._.figures``      list of figure dicts (contract shape, offsets into the doc)          [claimx_figures]
- ``doc._.dates``        list of date-mention dicts ``{text, span, value, basis}``            [claimx_dates]
- ``doc._.claims``       list of `claimx.schema.Claim` (``id`` "" and ``doc`` a placeholder until
                         ``claimx.pipeline`` places them; ``within`` "#k": the k-th claim)  [claimx_claims]
"""
from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = {
    "given": None,
    "article": None,
    "boilerplate": None,
    "attributions": None,
    "figures": None,
    "dates": None,
    "claims": None,
}

QUOTES_KEY = "claimx_quotes"
CUES_KEY = "claimx_cues"


def register_extensions() -> None:
    """Declare the extensions; safe to call any number of times."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
