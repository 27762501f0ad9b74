"""Rule data (this folder: JSON word lists and patterns) and their loader.

Each file is read once (cached) and every caller gets a fresh deep copy, so a component that
extends its lists never changes what another instance sees.
"""
from __future__ import annotations

import copy
import json
from functools import lru_cache
from importlib import resources


class RuleFileError(ValueError):
    """A rule file is missing or malformed."""


@lru_cache(maxsize=None)
def _read(name: str):
    try:
        raw = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise RuleFileError(f"rule file {name!r} not found in claimx/rules/") from err
    if name.endswith(".json"):
        try:
            return json.loads(raw)
        except json.JSONDecodeError as err:
            raise RuleFileError(f"rule file {name!r} is not valid JSON: {err}") from err
    # .txt: one entry a line; '#' starts a comment
    return [line.split("#", 1)[0].strip() for line in raw.splitlines() if line.split("#", 1)[0].strip()]


def load(name: str):
    """A fresh copy of the parsed rule file ``name`` (JSON object/list, or list of lines for .txt)."""
    return copy.deepcopy(_read(name))


def load_words(name: str) -> set[str]:
    """A rule file that is a list of words/phrases, as a lower-cased set."""
    data = load(name)
    if not isinstance(data, list) or not all(isinstance(x, str) for x in data):
        raise RuleFileError(f"rule file {name!r} must be a list of strings")
    return {x.lower() for x in data}
