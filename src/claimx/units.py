"""Canonical unit names from pint, loaded lazily and cached.

Why pint: a unit written in a hundred ways ("km", "kilometres", "kilometers") should come out as
one name, and pint's registry is a maintained list of units with their canonical names,
dimensions and conversions, so claimx does not keep a hand table of them (and a user can convert
a figure with pint: ``pint.UnitRegistry().Quantity(fig["value"], fig["unit"])``). The rule file
``rules/units.json`` maps what news writes ("mph", "sq km") to pint expressions; this module asks
pint what they are.

pint takes about a second to import and build its registry: it is loaded on the first unit
asked for, once per process, and each expression is resolved once (cached). The figures component
names every unit of its rules when it is made, so the processes `claimx extract -j N` forks from
the one that loaded the pipeline share the registry instead of building it again. ``claimx query``,
``diff``, ``events`` and ``report`` read canonical names from claim JSON and compare them with
`unit_name`, which reads the rule data only and never imports pint.
"""
from __future__ import annotations

from functools import lru_cache

from claimx.folding import fold


@lru_cache(maxsize=4)
def registry(definitions: tuple[str, ...] = ()):
    """pint's default registry with ``definitions`` added (units pint does not ship)."""
    import pint

    reg = pint.UnitRegistry(on_redefinition="ignore")
    for line in definitions:
        reg.define(line)
    return reg


@lru_cache(maxsize=4096)
def canonical_unit(expression: str, definitions: tuple[str, ...] = ()) -> str:
    """pint's canonical name of a unit expression: "km" -> "kilometer", "mph" -> "mile_per_hour",
    "km/h" -> "kilometer / hour", "kilometer ** 2" -> "kilometer ** 2". ValueError if pint does
    not know it."""
    import pint

    try:
        return str(registry(definitions).Unit(expression))
    except (pint.UndefinedUnitError, pint.DefinitionSyntaxError, AttributeError, TypeError) as err:
        raise ValueError(f"pint does not know the unit {expression!r}: {err}") from None


def dimensionality(expression: str, definitions: tuple[str, ...] = ()) -> dict[str, float]:
    """The dimensions of a unit expression ({"[length]": 1, "[time]": -1} for "mph")."""
    return dict(registry(definitions).Unit(expression).dimensionality)


@lru_cache(maxsize=1)
def _unit_names() -> tuple[dict[str, str], dict[str, str]]:
    """Every way of writing a unit in ``rules/units.json`` -> its canonical name: (as written,
    folded). The rule data holds canonical names already (pint's, checked by the tests), so no
    units library is loaded here."""
    from claimx import rules

    data = rules.load("units.json")
    exact: dict[str, str] = {code: code for code in data["currency_codes"]}
    for key in ("currency_signs", "scaled_currency_words", "currency_words", "score_units"):
        exact.update(data[key])
    for table in data["measures"].values():  # ("pounds": the weight; money is "GBP")
        exact.update(table)
    folded: dict[str, str] = {}
    for surface, name in exact.items():
        folded.setdefault(fold(surface), name)
    return exact, folded


@lru_cache(maxsize=1024)
def unit_name(unit: str) -> str:
    """A unit as compared (``claimx query --unit``, figures in ``claimx diff``): its canonical
    name, folded ("km", "kilometres" and "kilometer" are one; "days", as files written before
    units had pint's names said, is "day"); a unit the rules do not know is itself, folded."""
    exact, folded = _unit_names()
    name = exact.get(unit) or folded.get(fold(unit)) or unit
    return fold(name)
