"""The claim types and their JSON form: the output contract lives here and only here.

`../shared/contract.md` describes the same shapes in prose; these msgspec structs are what the code
uses to build, encode, decode and validate claim lines, and `claimx schema` prints the JSON Schema
generated from them, so the contract and the code cannot drift apart.

Field order in each struct is the order of keys in the JSON output.
"""
from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

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


def _d(description: str) -> msgspec.Meta:
    """A field's description, printed by `claimx schema` (the contract's words, shortened)."""
    return msgspec.Meta(description=description)


class DocInfo(msgspec.Struct):
    """Where a claim comes from. Unknown fields are null, never guessed."""

    id: Annotated[str, _d("The document's id: a file's name without extension, a corpus row's id column, "
                          "else '<corpus file stem>:<row>'; unique within a run")]
    path: Annotated[Optional[str], _d("The file read (for a corpus row, the corpus file); null for standard input")]
    title: Annotated[Optional[str], _d("The article's title")]
    outlet: Annotated[Optional[str], _d("Who published it")]
    author: Annotated[Optional[str], _d("Who wrote it")]
    published: Annotated[Optional[str], _d("When it was published: an ISO 8601 date or date-time")]
    # Optional when decoding, so schema-1 claim files without it still read.
    url: Annotated[Optional[str], _d("The article's address (a corpus column or a saved page's canonical URL)")] = None
    encoding: Annotated[Union[str, msgspec.UnsetType], _d(
        "Only where the text was not UTF-8: the Python codec it was decoded with")] = msgspec.UNSET


class Speaker(msgspec.Struct):
    """Who speaks: the mention as written and who it is."""

    text: Annotated[str, _d("The mention attached to the cue, as written ('he', 'Ashkenazi', 'The source')")]
    name: Annotated[str, _d("The fullest name the document gives ('Gabi Ashkenazi'); for unnamed sources "
                            "their description ('unnamed high-level Egyptian source')")]
    type: Annotated[SpeakerType, _d("person, organization, government (a state, a capital or a ministry "
                                    "speaking), media, anonymous, group, or place")]
    title: Annotated[Optional[str], _d("Role or title where the document gives one ('Hamas spokesman')")]
    span: Annotated[Offsets, _d("[start, end) of the mention in the document text")]


class Cue(msgspec.Struct):
    """The reporting word or phrase."""

    text: Annotated[str, _d("The cue as written ('said', 'according to')")]
    lemma: Annotated[str, _d("Its lemma ('say', 'according to')")]
    span: Annotated[Offsets, _d("[start, end) of the cue in the document text")]


class ClaimDate(msgspec.Struct):
    """When the claim was made or the event it reports happened."""

    value: Annotated[Optional[str], _d("ISO date; null when it cannot be resolved")]
    text: Annotated[Optional[str], _d("The date as written; null when it is the publication date")]
    basis: Annotated[DateBasis, _d("explicit, relative (resolved against doc.published) or published")]


class Figure(msgspec.Struct, kw_only=True):
    """A number in the claim."""

    text: Annotated[str, _d("The figure as written, with its qualifier and unit ('at least 248', '$500 million')")]
    span: Annotated[Offsets, _d("[start, end) of the figure in the document text")]
    value: Annotated[Union[int, float], _d("The number ('$500 million' -> 500000000)")]
    unit: Annotated[Optional[str], _d("ISO 4217 currency code or pint's unit name ('USD', 'percent', 'day', "
                                      "'kilometer'); 'point', 'fraction', 'times'; null for a count")]
    qualifier: Annotated[Optional[Qualifier], _d("at_least, over, under, at_most, about, or null")]
    subject: Annotated[Optional[str], _d("What is counted or measured")]
    # (null in schema-1 files)
    kind: Annotated[Optional[FigureKind], _d(
        "count, money, percent, measure (a physical unit), duration, ordinal or other")] = None


class Claim(msgspec.Struct, kw_only=True):
    """One claim line of `claimx extract`: who said what, when, with which numbers."""

    id: Annotated[str, _d("Stable id: '<doc id>#<n>', the same on every run and machine")]
    doc: Annotated[DocInfo, _d("Where the claim comes from")]
    kind: Annotated[Kind, _d("direct (a quotation), indirect (reported speech), mixed (reported speech quoting "
                             "part of the words), according_to ('according to X'), unattributed (the "
                             "outlet's own statement with figures)")]
    # null for unattributed claims (and in schema-1 files, which did not have it: hence the default)
    act: Annotated[Optional[Act], _d(
        "What the source did: assertion (said, reported, denied), belief (believes, expects), intention "
        "(wants, plans, calls for), topic (discussed, addressed: what was talked about); null for "
        "unattributed claims")] = None
    text: Annotated[str, _d("The claim's content: the quoted words without the marks, or the reported "
                            "clause or phrase")]
    span: Annotated[Offsets, _d("[start, end) of the content in the document text: text[start:end] == text")]
    speaker: Annotated[Optional[Speaker], _d("Who speaks; null for unattributed claims")]
    cue: Annotated[Optional[Cue], _d("The reporting word or phrase; null when there is none")]
    within: Annotated[Optional[str], _d(
        "The id of the claim whose content holds this one ('MENA reported that the delegation will discuss "
        "...'): the chain of attribution; null otherwise")] = None
    date: Annotated[Optional[ClaimDate], _d("When the claim was made or the event happened; null when unknown")]
    figures: Annotated[list[Figure], _d("The numbers in the claim")]
    sentence: Annotated[str, _d("The whole sentence, for reading the claim in context")]


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
    # Who stands behind the figure: the speaker the claim cites (its `speaker_key`), or the outlet
    # itself for an unattributed claim (a document without an outlet: "(no outlet) <doc id>").
    source: Optional[str] = None
    # The day the figure is about: a date the claim names ("on Oct. 7", "since Oct. 7"), else the
    # report's publication date; `dated_by` says which (the claim's `date.basis`).
    date: Optional[str] = None
    dated_by: Optional[DateBasis] = None


class FigureComparison(msgspec.Struct):
    """Two figures about the same thing, one from each side; `agree` when their ranges overlap."""

    a: FigureSide
    b: FigureSide
    agree: bool
    # Days between the two figures' dates (b − a); null when either is undated.
    days: Optional[int] = None


class Alignment(msgspec.Struct, kw_only=True):
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
    # The event both sides report (`claimx events`), when sources are compared within events.
    event: Optional[str] = None


class EventRecord(msgspec.Struct):
    """One line of `claimx events`: documents grouped as reports of one event."""

    # Stable within one input: "e1", "e2", ... in the order of the events' first dates.
    id: str
    # The first and last publication dates (ISO dates) of its dated documents; null if none is dated.
    first: Optional[str]
    last: Optional[str]
    # The outlets reporting it (a document without an outlet counts as its own source: its id).
    outlets: list[str]
    # Its documents' ids, in order of publication date.
    documents: list[str]
    # Documents without a date, joined by what they are about alone.
    undated: list[str]
    # The names most of its documents share, most shared first.
    entities: list[str]
    # How many claims its documents hold.
    claims: int


def event_json_schema() -> dict:
    """JSON Schema of one `claimx events` record, generated from `EventRecord`."""
    return msgspec.json.schema(EventRecord)


def alignment_json_schema() -> dict:
    """JSON Schema of one `claimx diff` record, generated from `Alignment`."""
    return msgspec.json.schema(Alignment)
