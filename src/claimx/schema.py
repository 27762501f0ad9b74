"""The claim types and their JSON form: the output contract lives here and only here.

`../shared/contract.md` describes the same shapes in prose; these msgspec structs are what the code
uses to build, encode, decode and validate claim lines, and `claimx schema` prints the JSON Schema
generated from them, so the contract and the code cannot drift apart.

Field order in each struct is the order of keys in the JSON output.
"""
from __future__ import annotations

from typing import Literal, Optional, Union

import msgspec

SCHEMA_VERSION = 1

Kind = Literal["direct", "indirect", "mixed", "according_to", "unattributed"]
SpeakerType = Literal["person", "organization", "media", "anonymous", "group", "place"]
Qualifier = Literal["at_least", "over", "under", "at_most", "about"]
DateBasis = Literal["explicit", "relative", "published"]
Offsets = tuple[int, int]


class DocInfo(msgspec.Struct, omit_defaults=True):
    """Where a claim comes from. Unknown fields are null, never guessed."""

    id: str
    path: Optional[str]
    title: Optional[str]
    outlet: Optional[str]
    author: Optional[str]
    published: Optional[str]
    # Only present when the file was not plain UTF-8: the Python codec its text was decoded with.
    encoding: Optional[str] = None


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


class Figure(msgspec.Struct):
    text: str
    span: Offsets
    value: Union[int, float]
    unit: Optional[str]
    qualifier: Optional[Qualifier]
    subject: Optional[str]


class Claim(msgspec.Struct):
    id: str
    doc: DocInfo
    kind: Kind
    text: str
    span: Offsets
    speaker: Optional[Speaker]
    cue: Optional[Cue]
    date: Optional[ClaimDate]
    figures: list[Figure]
    sentence: str


class ClaimsDocument(msgspec.Struct):
    """The `--format json` output: one object with every document and every claim."""

    schema: int
    documents: list[DocInfo]
    claims: list[Claim]


_encoder = msgspec.json.Encoder()


def encode_line(record: msgspec.Struct | dict) -> bytes:
    """One compact JSON line (no trailing newline). Deterministic: field order is fixed."""
    return _encoder.encode(record)


def claim_json_schema() -> dict:
    """JSON Schema of one claim line, generated from `Claim`."""
    return msgspec.json.schema(Claim)
