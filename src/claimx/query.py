"""Questions over claims: plain filter and group functions, no spaCy.

Filters combine with AND; several values of one filter combine with OR. Name-like filters
(speaker, outlet, figure subject) fold case and accents and match whole words
(`claimx.folding.contains_words`), so ``haniyeh`` finds "Ismail Haniyeh" and ``cote`` finds "Côte
d'Ivoire", but ``ali`` does not find "Khalil"::

    from claimx.query import ClaimFilter, filter_claims, group_counts
    hits = filter_claims(claims, ClaimFilter(speakers=("haniyeh",), acts=("assertion",), since="2024"))
    group_counts(hits, "outlet")          # [("Anadolu Agency", 3), ...]

Claims may be `claimx.schema.Claim` structs, which are used as they are, or contract dicts (as
`claimx.extract` returns them), each converted to a struct once (`claimx.claimfiles.as_claims`).
"""
from __future__ import annotations

import fnmatch
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Literal, Optional, Sequence

import msgspec

from claimx.claimfiles import as_claims
from claimx.facets import NO_DATE, claim_date, facet_value
from claimx.folding import contains_words, fold
from claimx.names import cluster_speakers
from claimx.schema import Claim, Figure
from claimx.units import unit_name

GroupBy = Literal["speaker", "outlet", "kind", "act", "type", "date"]
GROUP_BY: tuple[str, ...] = ("speaker", "outlet", "kind", "act", "type", "date")

# A partial ISO date: 2024, 2024-05 or 2024-05-02 (what --since/--until accept).
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class ClaimFilter:
    """Every criterion of `claimx query`; None or empty means "any"."""

    speakers: Sequence[str] = ()
    types: Sequence[str] = ()
    kinds: Sequence[str] = ()
    # assertion / belief / intention / topic (`claimx.schema.Act`); a claim whose act is null
    # matches none.
    acts: Sequence[str] = ()
    outlets: Sequence[str] = ()
    docs: Sequence[str] = ()
    since: Optional[str] = None
    until: Optional[str] = None
    text: Optional[str] = None
    regex: bool = False
    has_figures: bool = False
    subject: Optional[str] = None
    unit: Optional[str] = None
    min_value: Optional[float] = None
    max_value: Optional[float] = None
    # count / money / percent / measure / duration / ordinal / other (`claimx.schema.FigureKind`):
    # a figure of one of these kinds; a schema-1 figure (kind null) matches none.
    figure_kinds: Sequence[str] = ()

    def __post_init__(self):
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not PARTIAL_DATE.match(value):
                raise ValueError(f"{name}: {value!r} is not a date like 2024, 2024-05 or 2024-05-02")
        if self.regex and self.text is not None:
            try:
                re.compile(self.text)
            except re.error as exc:
                raise ValueError(f"text: {self.text!r} is not a regular expression: {exc}") from None


def filter_claims(claims: Iterable[Claim | dict], criteria: ClaimFilter | None = None,
                  **kwargs) -> list[Claim]:
    """The claims that meet every criterion, in input order.

    Pass a `ClaimFilter`, or its fields as keyword arguments: ``filter_claims(c, speakers=["x"])``.
    """
    criteria = criteria if criteria is not None else ClaimFilter(**kwargs)
    test = matcher(criteria)
    return [c for c in as_claims(claims) if test(c)]


def matcher(f: ClaimFilter):
    """The test of one claim: a `Claim`, or anything with its fields (`claimx.claimfiles.ClaimView`,
    as `claimx query` reads them)."""
    checks = []
    if f.speakers:
        @lru_cache(maxsize=1 << 16)
        def said_by(name: str, text: str) -> bool:      # names repeat: ask once per name
            return any(contains_words(name, s) or contains_words(text, s) for s in f.speakers)
        checks.append(lambda c: c.speaker is not None and said_by(c.speaker.name, c.speaker.text))
    if f.types:
        types = {t.casefold() for t in f.types}
        checks.append(lambda c: c.speaker is not None and c.speaker.type in types)
    if f.kinds:
        kinds = {k.casefold() for k in f.kinds}
        checks.append(lambda c: c.kind in kinds)
    if f.acts:
        acts = {a.casefold() for a in f.acts}
        checks.append(lambda c: c.act in acts)
    if f.outlets:
        @lru_cache(maxsize=1 << 12)
        def from_outlet(outlet: Optional[str]) -> bool:
            return any(contains_words(outlet, o) for o in f.outlets)
        checks.append(lambda c: from_outlet(c.doc.outlet))
    if f.docs:
        checks.append(lambda c: any(c.doc.id == d or fnmatch.fnmatchcase(c.doc.id, d) for d in f.docs))
    if f.since is not None:
        since = f.since
        checks.append(lambda c: (d := claim_date(c)) is not None and d[:len(since)] >= since)
    if f.until is not None:
        until = f.until
        checks.append(lambda c: (d := claim_date(c)) is not None and d[:len(until)] <= until)
    if f.text is not None:
        if f.regex:
            pattern = re.compile(f.text, re.IGNORECASE)
            checks.append(lambda c: pattern.search(c.text) is not None)
        else:
            needle = fold(f.text)
            checks.append(lambda c: needle in fold(c.text))
    if f.has_figures:
        checks.append(lambda c: bool(c.figures))
    if f.subject is not None or f.unit is not None or f.min_value is not None or f.max_value is not None \
            or f.figure_kinds:
        checks.append(lambda c: any(_figure_matches(fig, f) for fig in c.figures))
    if not checks:
        return lambda c: True
    test = checks[0]
    for check in checks[1:]:             # (a and b and ...: no generator a claim)
        test = (lambda a, b: lambda c: a(c) and b(c))(test, check)
    return test


def _figure_matches(fig: Figure, f: ClaimFilter) -> bool:
    """One figure must meet every figure criterion (subject, unit, kind, min, max) at once."""
    if f.figure_kinds and getattr(fig, "kind", None) not in f.figure_kinds:
        return False
    if f.subject is not None and not contains_words(fig.subject, f.subject):
        return False
    if f.unit is not None and unit_name(fig.unit or "") != unit_name(f.unit):
        return False
    if f.min_value is not None and fig.value < f.min_value:
        return False
    if f.max_value is not None and fig.value > f.max_value:
        return False
    return True


def group_counts(claims: Iterable[Claim | dict], by: str) -> list[tuple[str, int]]:
    """How many claims fall in each group.

    ``by`` is one of `GROUP_BY`. Claims without a value fall in a named bucket
    (`claimx.facets.NO_OUTLET`, `NO_ACT`, ...). Groups by date come in date order (undated last);
    every other grouping by count, largest first, then by name. Grouping by speaker merges the
    names one speaker goes by across documents ("Haniyeh" and "Ismail Haniyeh"), as `claimx diff`
    does (`claimx.names.speaker_keys`).
    """
    if by not in GROUP_BY:
        raise ValueError(f"cannot group by {by!r}; one of {', '.join(GROUP_BY)}")
    claims = [msgspec.convert(c, Claim) if isinstance(c, dict) else c for c in claims]  # views stay views
    names = None
    if by == "speaker":
        said = [(c.speaker.name, c.speaker.type) for c in claims if c.speaker is not None]
        keys = cluster_speakers(said)
        names = {c.id: keys[(c.speaker.name, c.speaker.type)] for c in claims if c.speaker is not None}
    counts = Counter(facet_value(c, by, names) for c in claims)
    if by == "date":
        return sorted(counts.items(), key=lambda kv: (kv[0] == NO_DATE, kv[0]))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
