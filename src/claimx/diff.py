"""Aligning claims across sources: who said the same thing, whose figures disagree, what only one
side reports. Plain functions over claims, deterministic, no spaCy.

The steps, each a function below (docs/query-and-diff.md explains them for users):

0. **Events.** `diff_events` first groups the documents into events (`claimx.events`) and
   compares sources within each event only; only `assertion` and `belief` claims (and claims
   without an act: the outlet's own figures) take part by default (`DiffSettings.acts`).
1. **Speakers.** Every speaker name of every input is folded and clustered across documents
   (`claimx.names`): a surname alone is the full name ("Haniyeh" = "Ismail Haniyeh") when only one
   full name fits; group and organisation names match by token-set containment ("Egyptian
   security officials" ~ "Senior Egyptian security officials") or acronym ("UN" = "United
   Nations"). Each cluster is named by its fullest name: the `speaker_key`.
2. **Wording.** `text_similarity` compares content words (`claimx.folding.content_words`) with
   rapidfuzz (0..1).
3. **Figures** (`claimx.figure_compare`). Each figure gets a *measure* (what is counted: killed,
   wounded, held, ... from its subject or the words around it), a day (the date its claim names,
   else the publication date), a source (the cited speaker, or the outlet) and a range from its
   qualifier and roundness ("around 1,200" is 1,200 ± the tolerance, "77,700" covers 77,765).
   Figures of the same unit, measure and subject, about days at most `max_days` apart, are
   compared; they agree when their ranges overlap.
4. **Pairs.** Candidate pairs come from blocking (`_candidate_pairs`: comparable figures, or a
   shared content word that is not too common), not from every pair; the pairs that pass are taken
   strongest first, each claim at most once; what is left is `only_a` / `only_b`.

Claims may be `claimx.schema.Claim` structs, used as they are, or contract dicts, each converted to
a struct once (`claimx.claimfiles.as_claims`) where they enter (`align`, `diff_sources`,
`split_sources`).
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from datetime import date as _date
from typing import Iterable, Optional, Sequence

import msgspec
from rapidfuzz import fuzz

from claimx.claimfiles import as_claims
from claimx.events import document_source
from claimx.facets import claim_date, facet_value
from claimx.figure_compare import (comparable, compare_figures, figure_measure, figure_range, figure_side,
                                   ranges_agree, subject_key)
from claimx.folding import content_words
from claimx.names import NAME_THRESHOLD, cluster_speakers
from claimx.schema import AlignedClaim, Alignment, Claim, FigureComparison, FigureSide

__all__ = ["DiffSettings", "align", "aligned_acts", "comparable", "compare_figures", "diff_events",
           "diff_sources", "figure_measure", "figure_range", "figure_side", "ranges_agree", "source_name",
           "split_sources", "subject_key", "summarize", "text_similarity"]

# --- settings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffSettings:
    """The thresholds of an alignment (the `claimx diff` options of the same names)."""

    # Text similarity (0..1) above which two claims of the same speaker say the same thing.
    shared_threshold: float = 0.6
    # Text similarity above which claims of *different* speakers say the same thing (a higher bar:
    # without a shared speaker, the wording is the only evidence).
    attribution_threshold: float = 0.75
    # Jaro-Winkler similarity (0..1) at which two spellings of a name word are one
    # ("Haniyeh" ~ "Haniya"); 1 accepts only identical words (after folding case and accents).
    name_threshold: float = NAME_THRESHOLD
    # Relative width of a qualified figure: "around 1,200" is 1,200 ± 10 %; "over 40,000" is
    # 40,000 .. 40,000 × (1 + 2 × 0.1); "nearly 34,600" (under) is 34,600 × (1 − 2 × 0.1) .. 34,600.
    tolerance: float = 0.1
    # Compare figures only when the days they are about (`claimx.figure_compare.figure_time`) are
    # at most this many apart (None: any days); undated figures are compared with any.
    max_days: Optional[int] = 3
    # The acts of the claims aligned; claims without an act (the outlet's own, or from files
    # written before claims had one) always take part. None: every act.
    acts: Optional[tuple[str, ...]] = ("assertion", "belief")


SOURCES_BY = ("outlet", "doc")

# --- words ----------------------------------------------------------------------------------

# Quoted or reported: a claim quoted in one outlet and paraphrased in another is an attribution
# change even when the speaker is the same.
_MODE = {"direct": "quoted", "mixed": "quoted", "indirect": "reported",
         "according_to": "reported", "unattributed": "unattributed"}


def text_similarity(a: str, b: str) -> float:
    """How alike two wordings are, 0..1, over their content words (folded, stopwords dropped).

    rapidfuzz's token-set ratio: word order does not matter, and a wording that contains the
    other scores high ("the government would rebuild every bridge" ~ "We will rebuild every
    bridge"). When either side has fewer than 3 content words (numbers not counted), the
    token-sort ratio is used instead, so that "the proposal" is not the same as any sentence
    mentioning a proposal.
    """
    return _similarity(_content(a), _content(b))


def _content(text: str) -> tuple[str, int]:
    """The content words, joined, and how many of them are words rather than numbers (a numbered
    list item, "3. Ted Cruz", has two)."""
    words_ = content_words(text)
    return " ".join(words_), sum(not w.replace(",", "").replace(".", "").isdigit() for w in words_)


def _similarity(a: tuple[str, int], b: tuple[str, int]) -> float:
    (sa, na), (sb, nb) = a, b
    if not na or not nb:                 # no words, only numbers: nothing worded to compare
        return 0.0
    if min(na, nb) < 3:
        return fuzz.token_sort_ratio(sa, sb, processor=None) / 100.0
    return fuzz.token_set_ratio(sa, sb, processor=None) / 100.0


# --- alignment ------------------------------------------------------------------------------


@dataclass
class _Prepared:
    claim: Claim
    key: Optional[str]
    figures: list[FigureSide]
    content: tuple[str, int]


def _prepare(claims: Sequence[Claim], keys: dict[tuple[str, str], str], s: DiffSettings) -> list[_Prepared]:
    out = []
    for c in claims:
        key = keys[(c.speaker.name, c.speaker.type)] if c.speaker else None
        out.append(_Prepared(c, key, [figure_side(c, f, s.tolerance, key) for f in c.figures], _content(c.text)))
    return out


def _aligned(p: _Prepared) -> AlignedClaim:
    c = p.claim
    return AlignedClaim(id=c.id, doc=c.doc.id, outlet=c.doc.outlet, published=c.doc.published,
                        date=claim_date(c), kind=c.kind,
                        speaker=c.speaker.name if c.speaker else None,
                        speaker_type=c.speaker.type if c.speaker else None,
                        speaker_key=p.key, text=c.text)


def _pair(a: _Prepared, b: _Prepared, sim: float, s: DiffSettings):
    """(strength, Alignment fields) if the two claims align, else None."""
    figs: list[FigureComparison] = []
    if a.figures and b.figures:
        figs = compare_figures(a.figures, b.figures, s.max_days)
    same = a.key == b.key
    changes = []
    if not same:
        changes.append("speaker")
    if _MODE[a.claim.kind] != _MODE[b.claim.kind]:
        changes.append("kind")
    if figs and not all(f.agree for f in figs):
        kind, basis = "conflict", "figures"
    else:
        # the outlets' own voices on both sides are no shared speaker: the wording must carry it
        bar = s.shared_threshold if same and a.key is not None else s.attribution_threshold
        if sim >= bar:
            basis = "text"
        elif figs:
            basis = "figures"
        else:
            return None
        kind = "attribution" if changes else "shared"
    # comparable figures are evidence of one fact, agreeing ones more so; so is one named speaker
    strength = (sim + (0.5 if figs else 0.0) + (0.25 if figs and kind != "conflict" else 0.0)
                + (0.25 if same and a.key is not None else 0.0))
    record = dict(kind=kind, similarity=round(sim, 3), basis=basis,
                  speaker=a.key if same else None,
                  changes=changes if kind == "attribution" else [], figures=figs)
    return strength, record


# Blocking. A word is a blocking key by its first letters (so "rebuild" meets "rebuilt"), and so
# is a speaker key; a key held by more than _COMMON claims of one side is too common to propose
# pairs by itself (so the work per claim is bounded). Of the claims sharing keys with a claim,
# the _TOP_WORDS sharing the most are scored; of the claims with figures of the same unit and
# measure, the _FIGURE_NEIGHBOURS nearest in day and value on either side.
_PREFIX = 5
_COMMON = 200
_TOP_WORDS = 25
_FIGURE_NEIGHBOURS = 8
_NO_DAY = -1


def _figure_keys(p: _Prepared) -> dict[tuple, tuple[int, float]]:
    """What a claim's figures can be compared on (`comparable`): unit and measure, or unit and
    subject for a figure without a measure; each with the figure's (day, value) to find the
    nearest figures of the other side."""
    keys: dict[tuple, tuple[int, float]] = {}
    for f in p.figures:
        unit = (f.unit or "").casefold()
        if f.measure is not None:
            key = ("measure", unit, f.measure)
        else:
            subject = subject_key(f.subject)
            if not subject:
                continue
            key = ("subject", unit, subject)
        keys.setdefault(key, (_ordinal(f.date), float(f.value)))
    return keys


def _ordinal(day: Optional[str]) -> int:
    try:
        return _date.fromisoformat(day).toordinal() if day else _NO_DAY
    except ValueError:
        return _NO_DAY


def _word_keys(p: _Prepared) -> set[str]:
    keys = {w[:_PREFIX] for w in p.content[0].split()}
    if p.key is not None:
        keys.add("\x00" + p.key)        # the same speaker counts as one more shared word
    return keys


class _FigureIndex:
    """B's figures by key, each sorted by (day, value) and by value, for the nearest neighbours
    of a figure: the nearest days first, then values (undated figures: by value)."""

    def __init__(self, pb: Sequence[_Prepared]):
        entries: dict[tuple, list[tuple[int, float, int]]] = {}
        for j, b in enumerate(pb):
            for key, (day, value) in _figure_keys(b).items():
                entries.setdefault(key, []).append((day, value, j))
        self.by_day = {k: sorted(v) for k, v in entries.items()}
        self.by_value = {k: sorted((value, j) for _, value, j in v) for k, v in entries.items()}

    def near(self, key: tuple, day: int, value: float) -> set[int]:
        found: set[int] = set()
        by_value = self.by_value.get(key)
        if not by_value:
            return found
        if len(by_value) <= 2 * _FIGURE_NEIGHBOURS:
            return {j for _, j in by_value}
        if day != _NO_DAY:
            rows = self.by_day[key]
            at = bisect.bisect_left(rows, (day, value, -1))
            found.update(j for _, _, j in rows[max(0, at - _FIGURE_NEIGHBOURS):at + _FIGURE_NEIGHBOURS])
            undated = bisect.bisect_left(rows, (_NO_DAY + 1, float("-inf"), -1))
            if undated:                        # undated figures fit any day: the nearest in value
                at = bisect.bisect_left(rows, (_NO_DAY, value, -1), 0, undated)
                found.update(j for _, _, j in rows[max(0, at - _FIGURE_NEIGHBOURS):min(undated, at + _FIGURE_NEIGHBOURS)])
        else:
            at = bisect.bisect_left(by_value, (value, -1))
            found.update(j for _, j in by_value[max(0, at - _FIGURE_NEIGHBOURS):at + _FIGURE_NEIGHBOURS])
        return found


def _candidate_pairs(pa: Sequence[_Prepared], pb: Sequence[_Prepared], bar: float):
    """(i, j, text similarity) for the pairs that could align, found by blocking rather than by
    scoring every pair: of B's claims whose figures can be compared with A's (same unit and
    measure, or subject), those nearest in day and value; and of B's claims that share keys with
    A's claim (content words by their first letters, the speaker key) that are not too common,
    those sharing the most. Only those pairs are scored, and yielded when their wording is similar
    enough or their figures comparable. The work per claim is bounded, so it grows with the
    number of claims, not with |A| x |B|."""
    words_b: dict[str, list[int]] = {}
    for j, b in enumerate(pb):
        for k in _word_keys(b):
            words_b.setdefault(k, []).append(j)
    words_b = {k: js for k, js in words_b.items() if len(js) <= _COMMON}
    figures = _FigureIndex(pb)
    for i, a in enumerate(pa):
        by_figures: set[int] = set()
        for key, (day, value) in _figure_keys(a).items():
            by_figures |= figures.near(key, day, value)
        shared: Counter = Counter()
        for k in sorted(_word_keys(a)):          # sorted: ties among the most shared go the same way every run
            js = words_b.get(k)
            if js:
                shared.update(js)
        by_words = {j for j, _ in shared.most_common(_TOP_WORDS)} if len(shared) > _TOP_WORDS else set(shared)
        for j in sorted(by_figures | by_words):
            b = pb[j]
            sim = _similarity(a.content, b.content)
            if sim >= bar or j in by_figures:
                yield i, j, sim


def align(claims_a: Iterable[Claim | dict], claims_b: Iterable[Claim | dict],
          settings: DiffSettings | None = None, names: tuple[str, str] = ("a", "b"),
          speaker_names: dict[tuple[str, str], str] | None = None) -> list[Alignment]:
    """Align two sources' claims. Records come in A's order (each A claim's record, paired or
    `only_a`), then B's unpaired claims (`only_b`) in B's order.

    ``speaker_names`` maps (name, type) to a speaker key (`claimx.names.cluster_speakers`);
    without it the speakers of these claims are clustered here."""
    s = settings or DiffSettings()
    ca, cb = as_claims(claims_a), as_claims(claims_b)
    if speaker_names is None:
        speaker_names = cluster_speakers(
            [(c.speaker.name, c.speaker.type) for c in (*ca, *cb) if c.speaker is not None],
            s.name_threshold)
    return _align(_prepare(ca, speaker_names, s), _prepare(cb, speaker_names, s), s, names)


def _align(pa: Sequence[_Prepared], pb: Sequence[_Prepared], s: DiffSettings,
           names: tuple[str, str]) -> list[Alignment]:
    candidates = []
    for i, j, sim in _candidate_pairs(pa, pb, min(s.shared_threshold, s.attribution_threshold)):
        found = _pair(pa[i], pb[j], sim, s)
        if found is not None:
            candidates.append((-found[0], i, j, found[1]))
    candidates.sort(key=lambda t: t[:3])
    taken_a: dict[int, tuple[int, dict]] = {}
    taken_b: set[int] = set()
    for _, i, j, rec in candidates:
        if i in taken_a or j in taken_b:
            continue
        taken_a[i] = (j, rec)
        taken_b.add(j)
    out: list[Alignment] = []
    ids_a, ids_b = _ids_by_speaker(pa), _ids_by_speaker(pb)
    for i, a in enumerate(pa):
        if i in taken_a:
            j, rec = taken_a[i]
            out.append(Alignment(sources=names, a=_aligned(a), b=_aligned(pb[j]), related=[], **rec))
        else:
            out.append(_single("only_a", names, a, ids_b))
    for j, b in enumerate(pb):
        if j not in taken_b:
            out.append(_single("only_b", names, b, ids_a))
    return out


def _ids_by_speaker(side: Sequence[_Prepared]) -> dict[str, list[str]]:
    ids: dict[str, list[str]] = {}
    for p in side:
        if p.key is not None:
            ids.setdefault(p.key, []).append(p.claim.id)
    return ids


def _single(kind: str, names: tuple[str, str], p: _Prepared, others: dict[str, list[str]]) -> Alignment:
    """An only_a / only_b record; `related`: the other side's claims by the same speaker."""
    related = list(others.get(p.key, ())) if p.key is not None else []
    side = _aligned(p)
    return Alignment(kind=kind, sources=names, a=side if kind == "only_a" else None,
                     b=side if kind == "only_b" else None, similarity=None, basis=None,
                     speaker=None, changes=[], figures=[], related=related)


def source_name(claim: Claim, by: str) -> str:
    """The source a claim belongs to: its outlet or its document id. A document without an outlet
    is a source of its own (`claimx.events.document_source`), never merged with other such."""
    if by not in SOURCES_BY:
        raise ValueError(f"cannot split sources by {by!r}; one of {', '.join(SOURCES_BY)}")
    return document_source(claim.doc) if by == "outlet" else facet_value(claim, by)


def split_sources(claims: Iterable[Claim | dict], by: str) -> list[tuple[str, list[Claim]]]:
    """The claims of each source (outlet or document), sources in order of first appearance."""
    if by not in SOURCES_BY:
        raise ValueError(f"cannot split sources by {by!r}; one of {', '.join(SOURCES_BY)}")
    groups: dict[str, list[Claim]] = {}
    for c in as_claims(claims):
        groups.setdefault(source_name(c, by), []).append(c)
    return list(groups.items())


def aligned_acts(claims: Iterable[Claim], acts: Optional[tuple[str, ...]]) -> list[Claim]:
    """The claims that take part in an alignment: those of the given acts, and every claim
    without an act (the outlet's own figures; files written before claims had acts)."""
    return [c for c in claims if acts is None or c.act is None or c.act in acts]


def diff_sources(sources: Sequence[tuple[str, Sequence[Claim | dict]]],
                 settings: DiffSettings | None = None, event: Optional[str] = None,
                 speaker_names: dict[tuple[str, str], str] | None = None) -> list[Alignment]:
    """Align every pair of sources (in input order: 1-2, 1-3, ..., 2-3, ...). Speaker names are
    clustered over all sources at once (or given), so a `speaker_key` means the same in every
    record; ``event`` is named in every record."""
    s = settings or DiffSettings()
    sources = [(name, aligned_acts(as_claims(claims), s.acts)) for name, claims in sources]
    names = speaker_names if speaker_names is not None else cluster_speakers(
        [(c.speaker.name, c.speaker.type) for _, cs in sources for c in cs if c.speaker is not None],
        s.name_threshold)
    prepared = [_prepare(cs, names, s) for _, cs in sources]      # once a source, not once a pair
    out: list[Alignment] = []
    for i in range(len(sources)):
        for j in range(i + 1, len(sources)):
            records = _align(prepared[i], prepared[j], s, (sources[i][0], sources[j][0]))
            out.extend(records if event is None else [msgspec.structs.replace(r, event=event) for r in records])
    return out


def diff_events(sources: Sequence[tuple[str, Sequence[Claim | dict]]], settings: DiffSettings | None = None,
                event_settings=None, every_pair: bool = False) -> tuple[list, list[Alignment]]:
    """Group the documents of all sources into events (`claimx.events.group_events`), then align
    the sources within each event only: a claim is never set against a report of another event.

    Within an event, the sources that report it are compared pair by pair; an event one source
    alone reports gives no record, unless ``every_pair`` (two sources A and B: what only one of
    them reports is `only_a` / `only_b`, event by event). Returns the events and the records
    (events in order, pairs of sources in input order)."""
    from claimx.events import EventSettings, event_index, group_events

    s = settings or DiffSettings()
    sources = [(name, as_claims(claims)) for name, claims in sources]
    everything = [c for _, cs in sources for c in cs]
    events = group_events(everything, event_settings or EventSettings())
    of = event_index(events)
    names = cluster_speakers([(c.speaker.name, c.speaker.type) for c in everything if c.speaker is not None],
                             s.name_threshold)
    by_event: dict[Optional[str], list[list[Claim]]] = {ev.id: [[] for _ in sources] for ev in events}
    for k, (_, cs) in enumerate(sources):
        for c in cs:
            ev_id = of.get(c.doc.id)
            if ev_id in by_event:
                by_event[ev_id][k].append(c)
    out: list[Alignment] = []
    for ev in events:
        within = [(name, cs) for (name, _), cs in zip(sources, by_event[ev.id])]
        if not every_pair:
            within = [(name, cs) for name, cs in within if cs]
        if len(within) > 1 and any(cs for _, cs in within):
            out.extend(diff_sources(within, s, event=ev.id, speaker_names=names))
    return events, out


def summarize(records: Iterable[Alignment]) -> dict[str, int]:
    """How many records of each kind, every kind named (zeros included), in a fixed order."""
    counts = Counter(r.kind for r in records)
    return {k: counts.get(k, 0) for k in ("shared", "conflict", "attribution", "only_a", "only_b")}
