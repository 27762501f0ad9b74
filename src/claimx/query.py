"""Questions over claims: plain filter and group functions, no spaCy.

Filters combine with AND; several values of one filter combine with OR. Name-like filters
(speaker, outlet, figure subject) fold case and accents and match whole words, so ``haniyeh``
finds "Ismail Haniyeh" and ``cote`` finds "Côte d'Ivoire", but ``ali`` does not find "Khalil"::

    from claimx.query import ClaimFilter, filter_claims, group_counts
    hits = filter_claims(claims, ClaimFilter(speakers=("haniyeh",), since="2024"))
    group_counts(hits, "outlet")          # [("Anadolu Agency", 3), ...]

Claims may be `claimx.schema.Claim` structs or contract dicts (as `claimx.extract` returns them).
"""
from __future__ import annotations

import fnmatch
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Literal, Optional, Sequence

from claimx.claimfiles import as_claims
from claimx.schema import Claim, Figure

GroupBy = Literal["speaker", "outlet", "kind", "type", "date"]
GROUP_BY: tuple[str, ...] = ("speaker", "outlet", "kind", "type", "date")

# What a group is called when the claims have no value for it.
NO_SPEAKER = "(unattributed)"
NO_OUTLET = "(unknown outlet)"
NO_TYPE = "(none)"
NO_DATE = "(undated)"

# A partial ISO date: 2024, 2024-05 or 2024-05-02 (what --since/--until accept).
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: NFKD, combining marks dropped, casefolded.

    >>> fold("Ismaïl HANIYEH")
    'ismail haniyeh'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The folded words of a text (letters and digits; punctuation and apostrophes split words)."""
    return re.findall(r"[^\W_]+", fold(text))


def contains_words(haystack: str | None, needle: str) -> bool:
    """True if the folded words of ``needle`` occur, in order and adjacent, among those of ``haystack``."""
    if not haystack:
        return False
    want = words(needle)
    have = words(haystack)
    if not want:
        return True
    n = len(want)
    return any(have[i:i + n] == want for i in range(len(have) - n + 1))


@dataclass(frozen=True)
class ClaimFilter:
    """Every criterion of `claimx query`; None or empty means "any"."""

    speakers: Sequence[str] = ()
    types: Sequence[str] = ()
    kinds: Sequence[str] = ()
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
    test = _compile(criteria)
    return [c for c in as_claims(claims) if test(c)]


def _compile(f: ClaimFilter):
    checks = []
    if f.speakers:
        checks.append(lambda c: c.speaker is not None and any(
            contains_words(c.speaker.name, s) or contains_words(c.speaker.text, s) for s in f.speakers))
    if f.types:
        types = {t.casefold() for t in f.types}
        checks.append(lambda c: c.speaker is not None and c.speaker.type in types)
    if f.kinds:
        kinds = {k.casefold() for k in f.kinds}
        checks.append(lambda c: c.kind in kinds)
    if f.outlets:
        checks.append(lambda c: any(contains_words(c.doc.outlet, o) for o in f.outlets))
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
    if f.subject is not None or f.unit is not None or f.min_value is not None or f.max_value is not None:
        checks.append(lambda c: any(_figure_matches(fig, f) for fig in c.figures))
    return lambda c: all(check(c) for check in checks)


def _figure_matches(fig: Figure, f: ClaimFilter) -> bool:
    """One figure must meet every figure criterion (subject, unit, min, max) at once."""
    if f.subject is not None and not contains_words(fig.subject, f.subject):
        return False
    if f.unit is not None and fold(fig.unit or "") != fold(f.unit):
        return False
    if f.min_value is not None and fig.value < f.min_value:
        return False
    if f.max_value is not None and fig.value > f.max_value:
        return False
    return True


def claim_date(claim: Claim) -> str | None:
    """The claim's ISO date (`date.value`), or None."""
    return claim.date.value if claim.date is not None and claim.date.value else None


def group_key(claim: Claim, by: str, speaker_names: dict[str, str] | None = None) -> str:
    if by == "speaker":
        if claim.speaker is None:
            return NO_SPEAKER
        if speaker_names is not None:
            return speaker_names.get(claim.id, claim.speaker.name)
        return claim.speaker.name
    if by == "outlet":
        return claim.doc.outlet or NO_OUTLET
    if by == "kind":
        return claim.kind
    if by == "type":
        return claim.speaker.type if claim.speaker is not None else NO_TYPE
    if by == "date":
        return claim_date(claim) or NO_DATE
    raise ValueError(f"cannot group by {by!r}; one of {', '.join(GROUP_BY)}")


def group_counts(claims: Iterable[Claim | dict], by: str) -> list[tuple[str, int]]:
    """How many claims fall in each group.

    Groups by date come in date order (undated last); every other grouping by count, largest
    first, then by name. Grouping by speaker merges the names one speaker goes by across
    documents ("Haniyeh" and "Ismail Haniyeh"), as `claimx diff` does.
    """
    claims = as_claims(claims)
    names = None
    if by == "speaker":
        from claimx.diff import speaker_keys

        names = speaker_keys(claims)
    counts = Counter(group_key(c, by, names) for c in claims)
    if by == "date":
        return sorted(counts.items(), key=lambda kv: (kv[0] == NO_DATE, kv[0]))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
