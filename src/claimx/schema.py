"""The claim types and their JSON form: the output contract lives here and only here.

`../shared/contract.md` describes the same shapes in prose; these msgspec structs are what the code
uses to build, encode, decode and validate claim lines, and `claimx schema` prints the JSON Schema
generated from them, so the contract and the code cannot drift apart.

Field order in each struct is the order of keys in the JSON output.
"""
from __future__ import annotations

from typing import Literal, Optional, Union

import msgspec

SCHEMA_VERSION = 2

Kind = Literal["direct", "indirect", "mixed", "according_to", "unattributed"]
SpeakerType = Literal["person", "organization", "government", "media", "anonymous", "group", "place"]
# What the source did (null for the outlet's own, unattributed, claims): see the contract.
Act = Literal["assertion", "belief", "intention", "topic"]
Qualifier = Literal["at_least", "over", "under", "at_most", "about"]
DateBasis = Literal["explicit", "relative", "published"]
FigureKind = Literal["count", "money", "percent", "measure", "duration", "ordinal", "other"]
Offsets = tuple[int, int]


class DocInfo(msgspec.Struct):
    """Where a claim comes from. Unknown fields are null, never guessed."""

    id: str
    path: Optional[str]
    title: Optional[str]
    outlet: Optional[str]
    author: Optional[str]
    published: Optional[str]
    # The article's address (a corpus column, or a saved page's canonical URL); null if unknown.
    # Optional when decoding, so schema-1 claim files without it still read.
    url: Optional[str] = None
    # Only present when the text was not UTF-8: the Python codec it was decoded with.
    encoding: Union[str, msgspec.UnsetType] = msgspec.UNSET


class Speaker(msgspec.Struct):
    text: str
    name: str
    type: SpeakerType
    title: Optional[str]
    span: Offsets


class Cue(msgspec.Struct):
    text: str
    lemma: str
    span: Offsets


class ClaimDate(msgspec.Struct):
    value: Optional[str]
    text: Optional[str]
    basis: DateBasis


class Figure(msgspec.Struct, kw_only=True):
    text: str
    span: Offsets
    value: Union[int, float]
    unit: Optional[str]
    qualifier: Optional[Qualifier]
    subject: Optional[str]
    # count, money, percent, measure, duration, ordinal, other (null in schema-1 files)
    kind: Optional[FigureKind] = None


class Claim(msgspec.Struct, kw_only=True):
    id: str
    doc: DocInfo
    kind: Kind
    # assertion / belief / intention / topic; null for unattributed claims (and in schema-1 files,
    # which did not have it: hence the default).
    act: Optional[Act] = None
    text: str
    span: Offsets
    speaker: Optional[Speaker]
    cue: Optional[Cue]
    # The id of the claim whose content holds this one ("MENA reported that the delegation will
    # discuss ..."): the chain of attribution; null otherwise.
    within: Optional[str] = None
    date: Optional[ClaimDate]
    figures: list[Figure]
    sentence: str


class DocText(DocInfo):
    """A document with its text, as `--format json` lists it: every offset can be checked there."""

    text: str = ""


class ClaimsDocument(msgspec.Struct):
    """The `--format json` output: one object with every document and every claim."""

    schema: int
    documents: list[DocText]
    claims: list[Claim]


_encoder = msgspec.json.Encoder()


def encode_line(record: msgspec.Struct | dict) -> bytes:
    """One compact JSON line (no trailing newline). Deterministic: field order is fixed."""
    return _encoder.encode(record)


def claim_json_schema() -> dict:
    """JSON Schema of one claim line, generated from `Claim`."""
    return msgspec.json.schema(Claim)


# --- diff alignment records ---
# What `claimx diff` prints, one record a line. docs/query-and-diff.md describes each field;
# `claimx schema --diff` prints the JSON Schema generated from these structs.

AlignmentKind = Literal["shared", "conflict", "attribution", "only_a", "only_b"]
AlignmentChange = Literal["speaker", "kind"]
AlignmentBasis = Literal["text", "figures"]


class AlignedClaim(msgspec.Struct):
    """One side of an alignment: the claim in brief, as its source reported it."""

    id: str
    doc: str
    outlet: Optional[str]
    published: Optional[str]
    # The claim's date (`date.value`), or null.
    date: Optional[str]
    kind: Kind
    # `speaker.name` as the document gives it; null for the outlet's own (unattributed) claims.
    speaker: Optional[str]
    speaker_type: Optional[SpeakerType]
    # The name this speaker goes by across every input document ("Ismail Haniyeh" for "Haniyeh").
    speaker_key: Optional[str]
    text: str


class FigureSide(msgspec.Struct):
    """One figure as its claim gives it, with the range of values it stands for."""

    text: str
    value: Union[int, float]
    unit: Optional[str]
    qualifier: Optional[Qualifier]
    subject: Optional[str]
    # What is counted, as compared ("killed", "palestinians"); see docs/query-and-diff.md.
    measure: Optional[str]
    low: float
    high: float


class FigureComparison(msgspec.Struct):
    """Two figures about the same thing, one from each side; `agree` when their ranges overlap."""

    a: FigureSide
    b: FigureSide
    agree: bool


class Alignment(msgspec.Struct):
    """One line of `claimx diff` output."""

    kind: AlignmentKind
    # The names of the two sources compared: paths, outlets or document ids.
    sources: tuple[str, str]
    a: Optional[AlignedClaim]
    b: Optional[AlignedClaim]
    # Text similarity of the two wordings, 0..1 (null for only_a / only_b).
    similarity: Optional[float]
    # What made the pair: similar wording ("text") or figures about the same thing ("figures").
    basis: Optional[AlignmentBasis]
    # The speaker both sides share (its `speaker_key`), else null.
    speaker: Optional[str]
    # For `attribution`: what differs between the sides.
    changes: list[AlignmentChange]
    figures: list[FigureComparison]
    # For only_a / only_b: ids of the other side's claims by the same speaker.
    related: list[str]


def alignment_json_schema() -> dict:
    """JSON Schema of one `claimx diff` record, generated from `Alignment`."""
    return msgspec.json.schema(Alignment)
