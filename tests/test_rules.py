"""claimx.rules: every rule file loads, is of its declared shape, documents and uses every key, and
ships with the package; a file that is wrong names itself and the key.
"""
from __future__ import annotations

import copy
import json
import re
import tomllib
from importlib import resources
from pathlib import Path, PurePosixPath

import pytest

from claimx import rules
from claimx.rules import RuleFileError

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "claimx"


def raw(name: str) -> dict:
    """The shipped file as parsed JSON, ``_doc`` and ``_keys`` included."""
    path = resources.files("claimx.rules")
    for part in name.split("/"):
        path = path.joinpath(part)
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", rules.rule_files())
def test_every_rule_file_loads_as_declared(name):
    data = rules.load(name)
    assert set(data) == set(rules.SHAPES[name])


def test_every_declared_shape_has_its_file():
    assert sorted(rules.SHAPES) == rules.rule_files()


def test_load_gives_a_fresh_copy():
    first = rules.load("cues/verbs.json")
    first["clause_verbs"].append("mumble")
    first["prep_verbs"]["call"].append("around")
    again = rules.load("cues/verbs.json")
    assert "mumble" not in again["clause_verbs"] and "around" not in again["prep_verbs"]["call"]


def _set(path: tuple, value):
    """A change to a parsed file: the value at ``path`` (keys and list indexes) becomes ``value``."""
    def change(data: dict) -> dict:
        at = data
        for step in path[:-1]:
            at = at[step]
        at[path[-1]] = value
        return data
    return change


def _drop(*path):
    def change(data: dict) -> dict:
        at = data
        for step in path[:-1]:
            at = at[step]
        del at[path[-1]]
        return data
    return change


# (file, a change to its shipped data, what the message must say)
BROKEN = [
    ("cues/verbs.json", _set(("clause_verbs", 3), 7), ["'cues/verbs.json'", "'clause_verbs'", "item 4", "a string"]),
    ("cues/verbs.json", _set(("prep_verbs", "call"), "for"), ["'prep_verbs'", "'call'", "a list of strings"]),
    ("cues/verbs.json", _set(("lemma_forms",), ["hop"]), ["'lemma_forms'", "a map of string to strings"]),
    ("cues/phrases.json", _set(("according_to", 0), "according to"), ["'according_to'", "a list of strings"]),
    ("cues/contents.json", _drop("bare_objects", "empty"), ["'bare_objects'", "missing ['empty']"]),
    ("cues/contents.json", _set(("bare_objects", "others"), ["it"]), ["'bare_objects'", "has 'others'"]),
    ("cues/nominal.json", _set(("nominal_preps", "in"), "every"), ["'nominal_preps'", "'in'", "one of 'any', 'light'"]),
    ("acts.json", _set(("forms", "view"), "beleif"), ["'acts.json'", "'forms'", "'view'", "'belief'"]),
    ("qualifiers.json", _set(("before", "at least"), "at least"), ["'before'", "'at least'", "'at_least'"]),
    ("number_words.json", _drop("vague", "dozens", "value"), ["'vague'", "'dozens'", "missing ['value']"]),
    ("number_words.json", _set(("vague", "scores", "needs_of"), "yes"), ["'needs_of'", "true or false"]),
    ("date_words.json", _set(("months", "May"), True), ["'months'", "'May'", "a whole number"]),
    ("date_words.json", _set(("months", "May"), 5.5), ["'months'", "a whole number"]),
    # keys and their docs
    ("units.json", _drop("us_words"), ["'units.json'", "'us_words' is missing"]),
    ("units.json", _set(("minutes",), ["minutes"]), ["'minutes' is not declared", "SHAPES['units.json']"]),
    ("units.json", _drop("_keys", "us_words"), ["'us_words' is not documented"]),
    ("units.json", _set(("_keys", "us_words"), " "), ["'us_words' is not documented"]),
    ("units.json", _set(("_keys", "hours"), "hours"), ["documents 'hours'"]),
    ("units.json", _set(("_note",), "x"), ["'_note'", "only \"_doc\" and \"_keys\""]),
    ("units.json", _drop("_doc"), ["'units.json' needs \"_doc\""]),
    ("units.json", _set(("_keys",), "units"), ["'units.json' needs \"_keys\""]),
    ("units.json", lambda data: list(data), ["must be a JSON object"]),
    ("nowhere.json", lambda data: data, ["'nowhere.json' has no declared shape", "SHAPES"]),
]


@pytest.mark.parametrize("name, change, says", BROKEN)
def test_a_broken_file_names_itself_and_the_key(name, change, says):
    data = change(copy.deepcopy(raw(name if name in rules.SHAPES else "units.json")))
    with pytest.raises(RuleFileError) as err:
        rules.validate(name, data)
    for part in says:
        assert part in str(err.value)


@pytest.mark.parametrize("name, change", [
    ("number_words.json", _drop("vague", "scores", "needs_of")),   # an optional key left out
    ("number_words.json", _set(("counts", "dozen"), 12.0)),         # any number where a number goes
    ("cues/verbs.json", _set(("prep_verbs", "call"), [])),          # an empty list is still a list
    ("units.json", _set(("_keys", "us_words"), "time units")),    # any doc
])
def test_what_a_shape_allows(name, change):
    assert rules.validate(name, change(copy.deepcopy(raw(name))))


@pytest.mark.parametrize("text, says", [
    ('{"_doc": "x", "_keys": {}, "nouns": [], "nouns": []}', ["'governments.json'", "'nouns' is written twice"]),
    ('{"_doc": "x", "_keys": {}, "nouns": [],}', ["'governments.json' is not valid JSON"]),
])
def test_a_file_that_is_not_clean_json(text, says):
    with pytest.raises(RuleFileError) as err:
        rules.parse("governments.json", text)
    for part in says:
        assert part in str(err.value)


def test_a_missing_file_is_named():
    rules.SHAPES["missing.json"] = {}
    try:
        with pytest.raises(RuleFileError, match="'missing.json' not found"):
            rules.load("missing.json")
    finally:
        del rules.SHAPES["missing.json"]


# ---------------------------------------------------------------------------------------------
# Every key is read by the code: quoted in a module of src/claimx that loads its file (outside
# the rules package, whose SHAPES names them all)

def _code() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if p.parent.name != "rules")


def _keys(shape, prefix: str) -> list[str]:
    """The data keys of a shape, with the fixed keys of the objects inside it."""
    found = []
    for key, sub in shape.items():
        if key is str:
            found += _keys(sub, prefix) if isinstance(sub, dict) else []
            continue
        found.append(f"{prefix}{key.rstrip('?')}")
        if isinstance(sub, dict):
            found += _keys(sub, f"{prefix}{key.rstrip('?')}.")
    return found


def _readers(name: str) -> str:
    """The code of the modules that load the rule file ``name`` (they name it)."""
    return "\n".join(text for p in SRC.rglob("*.py") if p.parent.name != "rules"
                     for text in [p.read_text(encoding="utf-8")] if f'"{name}"' in text)


def test_every_rule_file_and_key_is_read_by_the_code():
    code = _code()
    unread = [name for name in rules.SHAPES if f'"{name}"' not in code]
    unused = []
    for name, shape in rules.SHAPES.items():
        readers = _readers(name)
        for key in _keys(shape, ""):
            # named in a module that loads the file (data["key"], .get("key"), or a tuple of keys
            # it indexes with), not just anywhere: "before" or "names" are quoted all over the code
            if not re.search(rf"""["']{re.escape(key.rsplit(".", 1)[-1])}["']""", readers):
                unused.append(f"{name}: {key}")
    assert unread == [] and unused == []


# ---------------------------------------------------------------------------------------------
# Shipped: every rule file matches a package-data glob, so a non-editable install has it

def test_every_rule_file_is_package_data():
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["claimx"]
    missing = [name for name in rules.rule_files() if not any(_matches(f"rules/{name}", g) for g in globs)]
    assert missing == []


def _matches(path: str, glob: str) -> bool:
    """As setuptools matches package-data: "*" never crosses a "/" ("rules/*.json" is not "rules/cues/x.json")."""
    p, g = PurePosixPath(path), PurePosixPath(glob)
    return len(p.parts) == len(g.parts) and p.match(glob)
