"""Rule data (the JSON files in this folder and in ``cues/``) and their loader.

A rule file is one JSON object: ``_doc`` says what the file holds and who reads it, ``_keys`` gives
each data key a short doc of its own (what it holds, how it is matched, an example), and every
other key is data::

    {
      "_doc": "Units of figures (claimx.components.figures). ...",
      "_keys": {
        "before": "signs and codes written before the number ('$500') -> the canonical unit.",
        "durations": "canonical units that measure time ('13 years')."
      },
      "before": {"$": "USD", "EGP": "EGP"},
      "durations": ["seconds", "minutes"]
    }

`SHAPES` below declares the type of each data key, under the file's name relative to this folder
(``"units.json"``, ``"cues/verbs.json"``)::

    "units.json": {"before": TEXT_BY, "durations": WORDS},

A shape is written like the JSON it describes: ``str``, ``int``, ``float`` (any number), ``bool``;
``[X]`` a list of X (``WORDS`` is ``[str]``); ``{str: X}`` a map from any string to X (``WORDS_BY``,
``TEXT_BY``); ``{"value": float, "needs_of?": bool}`` an object with exactly these keys (one ending
in ``?`` may be left out); a tuple of strings: one of them (``ACTS``, ``QUALIFIERS``: the contract's
names).

`load` checks a file the first time it is read: the declared keys, none missing and none more,
each of its shape; ``_doc`` there, every key documented in ``_keys`` and nothing documented that is
not there; no key written twice. A file that fails is a bug in claimx's packaged data, so `load`
raises `RuleFileError` (a ValueError) naming the file and the key.

To add a rule file: write it in this format, declare its keys in `SHAPES`, and read it with
``rules.load("name.json")``. ``tests/test_rules.py`` checks that every file loads and that the code
reads every key (a key quoted nowhere in ``src/claimx`` is unused). A new sub-folder ships only once
``[tool.setuptools.package-data]`` in pyproject.toml names it.

Each file is read once (cached) and every caller gets a fresh deep copy of its data keys (without
``_doc`` and ``_keys``), so a component that extends its lists never changes what another
instance sees.
"""
from __future__ import annotations

import copy
import json
from functools import lru_cache
from importlib import resources
from typing import Any, get_args

from claimx.schema import Act, FigureKind, Qualifier


class RuleFileError(ValueError):
    """A rule file is missing, not JSON, or not of its declared shape."""


WORDS = [str]                     # words or phrases
WORDS_BY = {str: [str]}           # a word -> words (a verb -> its prepositions)
TEXT_BY = {str: str}              # a word -> a word (a form -> its lemma, a unit -> its canonical unit)
ACTS = get_args(Act)              # the contract's acts
QUALIFIERS = get_args(Qualifier)  # the contract's qualifier names
FIGURE_KINDS = get_args(FigureKind)  # the contract's figure kinds

SHAPES: dict[str, dict[str, Any]] = {
    "acts.json": {
        "forms": {str: ACTS}, "form_defaults": {str: ACTS}, "phrasal": {str: ACTS},
        "infinitive_acts": {str: ACTS}, "belief": WORDS, "intention": WORDS, "topic": WORDS,
        "question_words": WORDS, "phrasal_actions": {str: ACTS},
    },
    "chrome.json": {
        "menu_lines": WORDS, "promo_prefixes": WORDS, "caption_suffixes": WORDS, "inline_promos": WORDS,
        "end_markers": WORDS,
    },
    "columns.json": {
        "text": WORDS, "id": WORDS, "outlet": WORDS, "published": WORDS, "title": WORDS, "author": WORDS,
        "url": WORDS, "claims_keys": WORDS, "claims_document_keys": WORDS, "claims_csv_columns": WORDS,
    },
    "date_words.json": {
        "months": {str: int}, "weekdays": WORDS, "weekday_abbreviations": WORDS, "same_day_modifiers": WORDS,
        "day_parts": WORDS, "relative_days": WORDS, "week_directions": WORDS, "ago_periods": WORDS,
        "future_auxiliaries": WORDS, "published_labels": WORDS, "header_words": WORDS,
    },
    "entity_gate.json": {"date_words": WORDS, "number_words": WORDS, "ordinal_words": WORDS},
    "governments.json": {"nouns": WORDS, "named_nouns": WORDS, "names": WORDS},
    "number_words.json": {
        "multipliers": {str: float}, "currency_multipliers": {str: float}, "counts": {str: float},
        "fractions": {str: float},
        "vague": {str: {"value": float, "qualifier": QUALIFIERS, "needs_of?": bool}},
        "pronoun_like": WORDS, "name_entity_labels": WORDS, "fraction_nouns": {str: float},
        "multiple_verbs": {str: float}, "idiom_particles": WORDS, "sign_words": {str: float},
        "range_links": WORDS, "range_openers": WORDS, "change_openers": WORDS, "change_verbs": WORDS,
        "comparatives": WORDS, "place_nouns": WORDS, "share_link": WORDS, "phone_verbs": WORDS,
    },
    "outlets.json": {"outlets": WORDS, "media_nouns": WORDS},
    "qualifiers.json": {"before": {str: QUALIFIERS}, "after": {str: QUALIFIERS}},
    "quote_marks.json": {"open": WORDS, "close": WORDS, "ambiguous": WORDS},
    "sources.json": {
        "anonymous_nouns": WORDS, "anonymity_words": WORDS, "document_nouns": WORDS,
        "organization_nouns": WORDS, "group_nouns": WORDS, "role_nouns": WORDS, "person_pronouns": WORDS,
        "plural_pronouns": WORDS, "relative_pronouns": WORDS, "honorifics": WORDS, "quantity_nouns": WORDS,
        "person_nouns": WORDS, "question_verbs": WORDS, "name_titles": WORDS,
    },
    "units.json": {
        "currency_signs": TEXT_BY, "currency_codes": WORDS, "currency_words": TEXT_BY,
        "scaled_currency_words": TEXT_BY, "minor_currency": {str: {"currency": str, "factor": float}},
        "dollar_places": TEXT_BY, "us_words": WORDS, "measures": {str: TEXT_BY}, "score_units": TEXT_BY,
        "families": {str: FIGURE_KINDS}, "pint_definitions": WORDS,
    },
    # the cue lexicon (claimx.components.cues.lexicon), one file per cue form and two shared ones
    "cues/verbs.json": {
        "clause_verbs": WORDS, "infinitive_verbs": WORDS, "object_verbs": WORDS, "prep_verbs": WORDS_BY,
        "quote_only_verbs": WORDS, "as_verbs": WORDS, "particle_verbs": WORDS_BY, "raising_verbs": WORDS,
        "refusal_verbs": WORDS, "not_that_cues": WORDS, "lemma_forms": TEXT_BY,
    },
    "cues/phrases.json": {"according_to": [WORDS]},
    "cues/nominal.json": {
        "nominal_cues": WORDS_BY, "nominal_preps": {str: ("any", "light")}, "light_verbs": WORDS,
        "noun_cue_verbs": WORDS,
    },
    "cues/stance.json": {"stance_adjectives": WORDS_BY},
    "cues/fronted.json": {"recipient_verbs": WORDS, "view_nouns": WORDS, "poll_nouns": WORDS},
    "cues/findings.json": {"evidence_nouns": WORDS, "evidence_verbs": WORDS, "finding_verbs": WORDS},
    "cues/lines.json": {
        "line_labels": WORDS, "label_topics": WORDS, "not_source_entities": WORDS, "headline_verbs": WORDS,
        "headline_adverbs": WORDS,
    },
    "cues/contents.json": {
        "object_nouns": WORDS_BY, "not_content_objects": WORDS, "setting_nouns": WORDS, "platform_nouns": WORDS,
        "bare_objects": {"pronouns": WORDS, "empty": WORDS, "persons": WORDS}, "stance_verbs": WORDS,
        "answers": WORDS, "asking_verbs": WORDS, "report_verbs": WORDS, "tail_stops": WORDS,
    },
    "cues/mentions.json": {
        "it_speech_verbs": WORDS, "addressee_verbs": WORDS, "apostrophe_s": WORDS, "speaking_pronouns": WORDS,
        "eager_adjectives": WORDS, "accusing_verbs": WORDS, "no_speakers": WORDS,
    },
}

_DOC_KEYS = ("_doc", "_keys")


_SCALARS = {str: ("a string", "strings"), int: ("a whole number", "whole numbers"),
            float: ("a number", "numbers"), bool: ("true or false", "true or false values")}


def describe(shape, plural: bool = False) -> str:
    """A shape in words, for error messages: "a list of strings", "a map of string to numbers"."""
    if isinstance(shape, type):
        return _SCALARS[shape][plural]
    if isinstance(shape, tuple):
        return "one of " + ", ".join(repr(x) for x in shape)
    if isinstance(shape, list):
        return ("lists" if plural else "a list") + " of " + describe(shape[0], plural=True)
    if str in shape:
        return ("maps" if plural else "a map") + " of string to " + describe(shape[str], plural=True)
    return ("objects" if plural else "an object") + " with the keys " + ", ".join(k.rstrip("?") for k in shape)


def _check(value, shape, where: str) -> None:
    """Raise RuleFileError naming ``where`` (file, key and the place inside it) unless ``value``
    is of ``shape``."""
    def wrong(what: str = "") -> RuleFileError:
        return RuleFileError(f"{where} must be {describe(shape)}{what}, not {json.dumps(value, ensure_ascii=False)[:60]}")

    if isinstance(shape, tuple):
        if value not in shape:
            raise wrong()
    elif shape is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise wrong()
    elif shape is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise wrong()
    elif shape in (str, bool):
        if not isinstance(value, shape):
            raise wrong()
    elif isinstance(shape, list):
        if not isinstance(value, list):
            raise wrong()
        for i, item in enumerate(value):
            _check(item, shape[0], f"{where}, item {i + 1}")
    elif str in shape:
        if not isinstance(value, dict):
            raise wrong()
        for k, item in value.items():
            _check(item, shape[str], f"{where}, at {k!r}")
    else:
        if not isinstance(value, dict):
            raise wrong()
        keys = {k.rstrip("?") for k in shape}
        missing = [k for k in shape if not k.endswith("?") and k not in value]
        extra = [k for k in value if k not in keys]
        if missing or extra:
            raise wrong(f" (missing {missing})" if missing else f" (has {extra[0]!r})")
        for k, sub in shape.items():
            if k.rstrip("?") in value:
                _check(value[k.rstrip("?")], sub, f"{where}, at {k.rstrip('?')!r}")


def validate(name: str, raw) -> dict:
    """The data keys of the parsed rule file ``name``, once ``raw`` is checked against its declared
    shape and documentation (see the module docstring); RuleFileError otherwise."""
    where = f"rule file {name!r}"
    shape = SHAPES.get(name)
    if shape is None:
        raise RuleFileError(f"{where} has no declared shape: add its keys to SHAPES in claimx/rules/__init__.py")
    if not isinstance(raw, dict):
        raise RuleFileError(f"{where} must be a JSON object with \"_doc\", \"_keys\" and its data keys")
    if not isinstance(raw.get("_doc"), str) or not raw["_doc"].strip():
        raise RuleFileError(f"{where} needs \"_doc\": a string saying what the file holds")
    docs = raw.get("_keys")
    if not isinstance(docs, dict):
        raise RuleFileError(f"{where} needs \"_keys\": an object with a short doc for each data key")
    data = {k: v for k, v in raw.items() if k not in _DOC_KEYS}
    for key in data:
        if key.startswith("_"):
            raise RuleFileError(f"{where}: key {key!r}: only \"_doc\" and \"_keys\" may start with '_'")
        if key not in shape:
            raise RuleFileError(f"{where}: key {key!r} is not declared: declare it in SHAPES[{name!r}] "
                                "(claimx/rules/__init__.py) or remove it")
    for key, key_shape in shape.items():
        if key not in data:
            raise RuleFileError(f"{where}: key {key!r} is missing")
        doc = docs.get(key)
        if not isinstance(doc, str) or not doc.strip():
            raise RuleFileError(f"{where}: key {key!r} is not documented: add a short doc under \"_keys\"")
        _check(data[key], key_shape, f"{where}: key {key!r}")
    for key in docs:
        if key not in data:
            raise RuleFileError(f"{where}: \"_keys\" documents {key!r}, which the file does not have")
    return data


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict:
    """A JSON object, refusing a key written twice (JSON would silently keep the last)."""
    seen: dict = {}
    for k, v in pairs:
        if k in seen:
            raise RuleFileError(f"key {k!r} is written twice")
        seen[k] = v
    return seen


def parse(name: str, text: str) -> dict:
    """The data keys of rule file ``name`` from its text, checked (`validate`); RuleFileError if it
    is not JSON, writes a key twice or is not of its declared shape."""
    try:
        parsed = json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as err:
        raise RuleFileError(f"rule file {name!r} is not valid JSON: {err}") from err
    except RuleFileError as err:
        raise RuleFileError(f"rule file {name!r}: {err}") from err
    return validate(name, parsed)


@lru_cache(maxsize=None)
def _read(name: str) -> dict:
    path = resources.files(__name__)
    for part in name.split("/"):
        path = path.joinpath(part)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise RuleFileError(f"rule file {name!r} not found in claimx/rules/") from err
    return parse(name, text)


def load(name: str) -> dict:
    """A fresh copy of the data keys of rule file ``name`` ("units.json", "cues/verbs.json"),
    checked against its declared shape on first read."""
    return copy.deepcopy(_read(name))


def rule_files() -> list[str]:
    """Every rule file shipped, by the name `load` takes, sorted."""
    root = resources.files(__name__)
    names = [p.name for p in root.iterdir() if p.name.endswith(".json")]
    names += [f"{d.name}/{p.name}" for d in root.iterdir() if d.is_dir() and d.name != "__pycache__"
              for p in d.iterdir() if p.name.endswith(".json")]
    return sorted(names)
