"""A claim's facets: the values `query --group-by` counts claims by and `diff --by` splits sources
by, and the bucket a claim without such a value is filed under (`NO_OUTLET`, ...), so `query` and
`diff` name those buckets alike. No spaCy here.
"""
from __future__ import annotations

from claimx.schema import Claim

# The facets there are; `query` groups by all but "doc", `diff --by` splits by "outlet" or "doc".
FACETS: tuple[str, ...] = ("speaker", "outlet", "doc", "kind", "act", "type", "date")

# What a bucket is called when the claims have no value for it.
NO_SPEAKER = "(unattributed)"
NO_OUTLET = "(unknown outlet)"
NO_TYPE = "(none)"
NO_DATE = "(undated)"
# `act` is null for the outlet's own (unattributed) claims, and in files written before claims had
# an act.
NO_ACT = "(no act)"


def claim_date(claim: Claim) -> str | None:
    """The claim's ISO date (`date.value`), or None."""
    return claim.date.value if claim.date is not None and claim.date.value else None


def facet_value(claim: Claim, by: str, speaker_names: dict[str, str] | None = None) -> str:
    """The claim's value for facet ``by``, or the bucket for claims without one.

    ``speaker_names`` (claim id -> speaker key, `claimx.names.speaker_keys`) names speakers by the
    name they go by across documents; without it, by `speaker.name`.
    """
    if by == "speaker":
        if claim.speaker is None:
            return NO_SPEAKER
        if speaker_names is not None:
            return speaker_names.get(claim.id, claim.speaker.name)
        return claim.speaker.name
    if by == "outlet":
        return claim.doc.outlet or NO_OUTLET
    if by == "doc":
        return claim.doc.id
    if by == "kind":
        return claim.kind
    if by == "act":
        return claim.act or NO_ACT
    if by == "type":
        return claim.speaker.type if claim.speaker is not None else NO_TYPE
    if by == "date":
        return claim_date(claim) or NO_DATE
    raise ValueError(f"no facet {by!r}; one of {', '.join(FACETS)}")
