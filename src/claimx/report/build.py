"""What the report shows, computed from claim files alone: events, outlets side by side, articles.

    report = build_report([read_claim_file_with_texts("claims.json")], ReportSettings())

1. **Claims.** Every claim of every file, each id once (a file given twice adds nothing).
2. **Events and alignments**: `claimx.diff.diff_events` over the claims split by outlet
   (`split_sources(claims, "outlet")`: a document without an outlet is a source of its own), with
   the settings of `claimx diff` (`DiffSettings`, `EventSettings`).
3. **One view per event** (`EventView`), the JSON the page renders when the event is opened:
   - *rows*: the records that link claims of two outlets (`shared`, `conflict`, `attribution`)
     joined into groups (a claim CGTN shares with RT and RT with Anadolu is one row), one column
     per outlet; a group with a conflict is a conflict row, else one with an attribution change
     is an attribution row; conflict rows first, then attribution, then shared, each in the
     order of their first claim;
   - *only*: the claims that took part in the comparison and were linked to nothing, per outlet,
     with the other outlets' claims by the same speaker (`related`);
   - *other*: the claims of acts the comparison left out (`--act`), per outlet;
   - *docs*: each article with its text cut into highlights (`claimx.report.segments`) when a
     text fits its claims (`claimx.report.texts`), else its claims alone.
4. **An index** (`IndexView`) the page reads at once: outlets, speakers (the names speakers go by
   across documents, `claimx.names.speaker_keys`), acts, and per event which (outlet, speaker,
   act) its claims have, so filters can hide events that are not rendered yet.

Documents a claims document lists without any claim form a last group of their own (id
``none``): read, nothing claimed. No spaCy here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import msgspec

from claimx.claimfiles import ClaimFile
from claimx.diff import DiffSettings, aligned_acts, diff_events, split_sources, summarize
from claimx.events import EventSettings, document_source
from claimx.names import speaker_keys
from claimx.report.segments import Mark, Node, nest
from claimx.report.texts import TextFinder
from claimx.schema import Claim, ClaimDate, DocInfo, DocText, EventRecord, FigureComparison

ACTS = ("assertion", "belief", "intention", "topic")
NO_ACT = "(none)"
LINK_KINDS = ("conflict", "attribution", "shared")
NO_CLAIMS_EVENT = "none"
# Reports of at most this many articles open every event when the page loads; larger ones start
# collapsed (an event renders when it is opened).
OPEN_AT_MOST = 12


@dataclass(frozen=True)
class ReportSettings:
    """How claims are grouped and compared (the `claimx diff` settings), and the page's title."""

    diff: DiffSettings = DiffSettings()
    events: EventSettings = EventSettings()
    title: Optional[str] = None


# --- what the page renders (JSON) ---------------------------------------------------------------


class SpeakerView(msgspec.Struct):
    text: str
    name: str
    type: str
    title: Optional[str]
    key: Optional[str]          # the name this speaker goes by across documents


class CueView(msgspec.Struct):
    text: str
    lemma: str


class FigureView(msgspec.Struct):
    text: str
    value: float | int
    unit: Optional[str]
    qualifier: Optional[str]
    subject: Optional[str]
    kind: Optional[str]


class ClaimView(msgspec.Struct, omit_defaults=True):
    """One claim as the page shows it (in a row, a list, the details panel)."""

    id: str
    doc: int                    # index in the event's docs
    kind: str
    text: list                  # the claim's words as nodes: its figures marked
    o: int                      # outlet (source) index in IndexView.outlets
    s: int                      # speaker index in IndexView.speakers, -1 for none
    a: int                      # act index in IndexView.acts
    act: Optional[str] = None
    speaker: Optional[SpeakerView] = None
    cue: Optional[CueView] = None
    date: Optional[ClaimDate] = None
    figures: list[FigureView] = []
    within: Optional[str] = None
    sentence: Optional[str] = None      # only when the article's text is not shown
    related: list[int] = []             # only: other outlets' claims by the same speaker


class LinkView(msgspec.Struct, omit_defaults=True):
    """One alignment record between two claims of a row."""

    kind: str
    a: int
    b: int
    similarity: Optional[float] = None
    basis: Optional[str] = None
    speaker: Optional[str] = None
    changes: list[str] = []
    figures: list[FigureComparison] = []


class RowView(msgspec.Struct):
    kind: str                   # conflict, attribution or shared
    cells: list[list[int]]      # per source (column): claim indices
    links: list[LinkView]


class DocView(msgspec.Struct, omit_defaults=True):
    id: str
    source: str                 # the outlet, or "(no outlet) <id>"
    claims: list[int]
    text_from: str              # document, file or none
    note: str
    title: Optional[str] = None
    published: Optional[str] = None
    author: Optional[str] = None
    url: Optional[str] = None
    path: Optional[str] = None
    undated: bool = False       # joined its event by content alone
    body: Optional[list] = None  # the text as nodes (None: no text)
    marks: list[tuple[str, list[int]]] = []   # (CSS classes, claim indices) per mark index


class EventView(msgspec.Struct):
    id: str
    sources: list[str]
    claims: list[ClaimView]
    rows: list[RowView]
    only: list[list[int]]       # per source
    other: list[list[int]]      # per source: acts not compared
    docs: list[DocView]


class EventIndex(msgspec.Struct, omit_defaults=True):
    id: str
    sig: list[tuple[int, int, int]]     # distinct (outlet, speaker, act) of its claims
    lonely: list[int] = []              # outlets of its documents without claims


class IndexView(msgspec.Struct):
    outlets: list[str]
    speakers: list[str]
    acts: list[str]
    events: list[EventIndex]


# --- what the template shows ----------------------------------------------------------------------


@dataclass
class EventSummary:
    """One event's line in the page (always rendered, even collapsed)."""

    id: str
    headline: str
    first: Optional[str]
    last: Optional[str]
    sources: list[str]
    documents: int
    undated: int
    claims: int
    entities: list[str]
    counts: dict[str, int]      # rows per kind
    open: bool = False


@dataclass
class Report:
    title: str
    inputs: list[str]
    settings: ReportSettings
    counts: dict[str, int]
    events: list[EventSummary]
    views: list[EventView]
    index: IndexView
    repeated: list[str] = field(default_factory=list)


# --- building -------------------------------------------------------------------------------------


def build_report(files: Sequence[ClaimFile], settings: ReportSettings = ReportSettings(),
                 finder: Optional[TextFinder] = None) -> Report:
    """The report of the claims in ``files`` (see the module docstring). ``finder`` finds the
    articles' texts (default: in the claims documents of ``files``, then in ``doc.path``)."""
    claims, repeated, base_of = _unique_claims(files)
    documents: dict[str, tuple[DocText, str]] = {}
    for f in files:
        for d in f.documents:
            documents.setdefault(d.id, (d, f.name))
    finder = finder if finder is not None else TextFinder(documents)

    sources = split_sources(claims, "outlet")
    events, records = diff_events(sources, settings.diff, settings.events) if claims else ([], [])
    keys = speaker_keys(claims, settings.diff.name_threshold)
    source_names = [name for name, _ in sources]
    claimed = {c.doc.id for c in claims}
    lonely = [d for d, _ in documents.values() if d.id not in claimed]
    for d in lonely:
        if document_source(d) not in source_names:
            source_names.append(document_source(d))
    speakers = _speaker_order(claims, keys)
    index = IndexView(outlets=source_names, speakers=speakers, acts=[*ACTS, NO_ACT], events=[])
    ctx = _Context(settings, keys, {n: i for i, n in enumerate(source_names)},
                   {n: i for i, n in enumerate(speakers)}, finder, base_of)

    by_doc: dict[str, list[Claim]] = {}
    for c in claims:
        by_doc.setdefault(c.doc.id, []).append(c)
    by_event: dict[Optional[str], list] = {}
    for r in records:
        by_event.setdefault(r.event, []).append(r)

    n_articles = len(by_doc) + len(lonely)
    open_all = n_articles <= OPEN_AT_MOST
    views, summaries = [], []
    for ev in events:
        view = _event_view(ev, by_doc, by_event.get(ev.id, []), ctx)
        views.append(view)
        summaries.append(_summary(ev, view, open_all))
    if lonely:
        view = _lonely_view(lonely, ctx)
        views.append(view)
        summaries.append(EventSummary(
            id=NO_CLAIMS_EVENT, headline="Articles without claims", first=None, last=None,
            sources=sorted({d.source for d in view.docs}), documents=len(view.docs), undated=0,
            claims=0, entities=[], counts={}, open=open_all))
    index.events = [EventIndex(v.id, sorted({(c.o, c.s, c.a) for c in v.claims}),
                               sorted({ctx.outlet_index[d.source] for d in v.docs if not d.claims}))
                    for v in views]

    texts = {"document": 0, "file": 0, "none": 0}
    for v in views:
        for d in v.docs:
            texts[d.text_from] += 1
    totals = summarize(records)
    counts = dict(articles=n_articles, claims=len(claims), outlets=len(source_names), events=len(events),
                  shared=totals["shared"], conflict=totals["conflict"], attribution=totals["attribution"],
                  **{f"text_{k}": n for k, n in texts.items()})
    title = settings.title or _default_title(counts)
    return Report(title=title, inputs=[f.name for f in files], settings=settings, counts=counts,
                  events=summaries, views=views, index=index, repeated=repeated)


def _default_title(counts: dict[str, int]) -> str:
    return (f"claimx report: {counts['articles']} article{'s' if counts['articles'] != 1 else ''}, "
            f"{counts['outlets']} outlet{'s' if counts['outlets'] != 1 else ''}")


def _unique_claims(files: Sequence[ClaimFile]) -> tuple[list[Claim], list[str], dict[str, Optional[Path]]]:
    """The claims of all files, each id once (the first), the ids given again, and the folder of
    the file each document's claims came from."""
    seen: set[str] = set()
    claims: list[Claim] = []
    repeated: list[str] = []
    base_of: dict[str, Optional[Path]] = {}
    for f in files:
        for c in f.claims:
            if c.id in seen:
                repeated.append(c.id)
                continue
            seen.add(c.id)
            claims.append(c)
            base_of.setdefault(c.doc.id, f.path.parent if f.path is not None else None)
    return claims, repeated, base_of


def _speaker_order(claims: Sequence[Claim], keys: dict[str, str]) -> list[str]:
    """Speaker keys, the most quoted first (then alphabetically)."""
    counts: dict[str, int] = {}
    for c in claims:
        if c.id in keys:
            counts[keys[c.id]] = counts.get(keys[c.id], 0) + 1
    return sorted(counts, key=lambda k: (-counts[k], k.casefold(), k))


@dataclass
class _Context:
    settings: ReportSettings
    keys: dict[str, str]            # claim id -> speaker key
    outlet_index: dict[str, int]
    speaker_index: dict[str, int]
    finder: TextFinder
    base_of: dict[str, Optional[Path]]


def _event_view(ev: EventRecord, by_doc: dict[str, list[Claim]], records: list, ctx: _Context) -> EventView:
    doc_ids = [d for d in ev.documents if d in by_doc]
    claims = [c for d in doc_ids for c in sorted(by_doc[d], key=lambda c: (c.span[0], -c.span[1], c.id))]
    local = {c.id: i for i, c in enumerate(claims)}
    doc_pos = {d: i for i, d in enumerate(doc_ids)}
    sources = sorted({document_source(c.doc) for c in claims}, key=lambda s: ctx.outlet_index[s])
    column = {s: i for i, s in enumerate(sources)}

    # rows: the linked claims, joined into groups
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    links: list[LinkView] = []
    related: dict[int, set[int]] = {}
    for r in records:
        if r.kind in LINK_KINDS and r.a.id in local and r.b.id in local:
            a, b = local[r.a.id], local[r.b.id]
            parent[find(a)] = find(b)
            links.append(LinkView(kind=r.kind, a=a, b=b, similarity=r.similarity, basis=r.basis,
                                  speaker=r.speaker, changes=list(r.changes), figures=list(r.figures)))
        elif r.kind in ("only_a", "only_b"):
            side = r.a if r.kind == "only_a" else r.b
            if side.id in local:
                related.setdefault(local[side.id], set()).update(local[x] for x in r.related if x in local)
    groups: dict[int, list[int]] = {}
    linked: set[int] = set()
    for link in links:
        linked.update((link.a, link.b))
    for i in sorted(linked):
        groups.setdefault(find(i), []).append(i)
    group_links: dict[int, list[LinkView]] = {}
    for link in links:
        group_links.setdefault(find(link.a), []).append(link)
    rows = []
    for root, members in groups.items():
        kinds = {link.kind for link in group_links[root]}
        kind = next(k for k in LINK_KINDS if k in kinds)
        cells: list[list[int]] = [[] for _ in sources]
        for i in members:
            cells[column[document_source(claims[i].doc)]].append(i)
        rows.append(RowView(kind=kind, cells=cells, links=group_links[root]))
    rows.sort(key=lambda row: (LINK_KINDS.index(row.kind), min(i for cell in row.cells for i in cell)))

    taking_part = {c.id for c in aligned_acts(claims, ctx.settings.diff.acts)}
    only: list[list[int]] = [[] for _ in sources]
    other: list[list[int]] = [[] for _ in sources]
    for i, c in enumerate(claims):
        if i in linked:
            continue
        (only if c.id in taking_part else other)[column[document_source(c.doc)]].append(i)

    figure_flags = _figure_flags(links, claims)
    docs = []
    undated = set(ev.undated)
    text_of: dict[str, bool] = {}
    for d in doc_ids:
        view = _doc_view(by_doc[d][0].doc, [local[c.id] for c in claims if c.doc.id == d], claims, ctx,
                         undated=d in undated, flags=figure_flags)
        text_of[d] = view.body is not None
        docs.append(view)
    views = [_claim_view(c, doc_pos[c.doc.id], ctx, figure_flags.get(i, {}), sorted(related.get(i, ())),
                         with_sentence=not text_of[c.doc.id])
             for i, c in enumerate(claims)]
    return EventView(id=ev.id, sources=sources, claims=views, rows=rows, only=only, other=other, docs=docs)


def _lonely_view(documents: Sequence[DocText], ctx: _Context) -> EventView:
    docs = [_doc_view(d, [], [], ctx) for d in sorted(documents, key=lambda d: ((d.published or "")[:10], d.id))]
    return EventView(id=NO_CLAIMS_EVENT, sources=sorted({d.source for d in docs}, key=lambda s: ctx.outlet_index[s]),
                     claims=[], rows=[], only=[], other=[], docs=docs)


def _figure_flags(links: Sequence[LinkView], claims: Sequence[Claim]) -> dict[int, dict[str, str]]:
    """Claim index -> figure text -> "bad" (in a disagreeing pair) or "ok" (agreeing)."""
    flags: dict[int, dict[str, str]] = {}
    for link in links:
        for f in link.figures:
            for i, side in ((link.a, f.a), (link.b, f.b)):
                mine = flags.setdefault(i, {})
                if mine.get(side.text) != "bad":
                    mine[side.text] = "ok" if f.agree else "bad"
    return flags


def _claim_view(c: Claim, doc: int, ctx: _Context, flags: dict[str, str], related: list[int],
                with_sentence: bool) -> ClaimView:
    marks = []
    for f in c.figures:
        start = f.span[0] - c.span[0]
        if c.text[start:start + len(f.text)] != f.text:
            start = c.text.find(f.text)
        if start >= 0 and f.text:
            flag = flags.get(f.text)
            marks.append(Mark(start, start + len(f.text), "figure", "fig" + (f" fig-{flag}" if flag else "")))
    nodes, table = nest(c.text, marks)
    key = ctx.keys.get(c.id)
    speaker = None
    if c.speaker is not None:
        speaker = SpeakerView(text=c.speaker.text, name=c.speaker.name, type=c.speaker.type,
                              title=c.speaker.title, key=key)
    return ClaimView(
        id=c.id, doc=doc, kind=c.kind, text=_with_classes(nodes, table),
        o=ctx.outlet_index[document_source(c.doc)], s=ctx.speaker_index[key] if key is not None else -1,
        a=ACTS.index(c.act) if c.act in ACTS else len(ACTS), act=c.act, speaker=speaker,
        cue=CueView(c.cue.text, c.cue.lemma) if c.cue is not None else None, date=c.date,
        figures=[FigureView(f.text, f.value, f.unit, f.qualifier, f.subject, f.kind) for f in c.figures],
        within=c.within, sentence=c.sentence if with_sentence else None, related=related)


def _with_classes(nodes: list[Node], table: list[Mark]) -> list:
    """Nodes of a short text (a claim's words) with each mark index replaced by its classes."""
    out: list = []
    for n in nodes:
        out.append(n if isinstance(n, str) else [table[n[0]].cls, *_with_classes(n[1:], table)])
    return out


def _doc_view(doc: DocInfo, indices: list[int], claims: Sequence[Claim], ctx: _Context,
              undated: bool = False, flags: dict[int, dict[str, str]] | None = None) -> DocView:
    mine = [claims[i] for i in indices]
    found = ctx.finder.find(doc, mine, ctx.base_of.get(doc.id))
    body, marks = None, []
    if found.text is not None:
        body, table = nest(found.text, _article_marks(found.text, indices, claims, flags or {}))
        marks = [(m.cls, m.claims) for m in table]
    return DocView(id=doc.id, source=document_source(doc), claims=indices, text_from=found.source,
                   note=found.note, title=doc.title, published=doc.published, author=doc.author,
                   url=doc.url, path=doc.path, undated=undated, body=body, marks=marks)


def _article_marks(text: str, indices: list[int], claims: Sequence[Claim],
                   flags: dict[int, dict[str, str]]) -> list[Mark]:
    """Every claim's content, speaker mention, cue and figures, where the text holds them; a
    figure compared with another outlet's is marked as agreeing or not (`_figure_flags`)."""
    marks = []

    def fits(span, piece: str) -> bool:
        start, end = span
        return 0 <= start < end <= len(text) and text[start:end] == piece

    for i in indices:
        c = claims[i]
        if fits(c.span, c.text):
            marks.append(Mark(c.span[0], c.span[1], "claim", f"c k-{c.kind} a-{c.act or 'none'}", [i]))
        if c.speaker is not None and fits(c.speaker.span, c.speaker.text):
            marks.append(Mark(c.speaker.span[0], c.speaker.span[1], "speaker", f"sp t-{c.speaker.type}", [i]))
        if c.cue is not None and fits(c.cue.span, c.cue.text):
            marks.append(Mark(c.cue.span[0], c.cue.span[1], "cue", "cue", [i]))
        for f in c.figures:
            if fits(f.span, f.text):
                flag = flags.get(i, {}).get(f.text)
                marks.append(Mark(f.span[0], f.span[1], "figure", "fig" + (f" fig-{flag}" if flag else ""), [i]))
    return marks


def _summary(ev: EventRecord, view: EventView, open_all: bool) -> EventSummary:
    titles = [d.title for d in view.docs if d.title]
    counts = {k: sum(1 for r in view.rows if r.kind == k) for k in LINK_KINDS}
    return EventSummary(id=ev.id, headline=titles[0] if titles else view.docs[0].id, first=ev.first,
                        last=ev.last, sources=view.sources, documents=len(view.docs), undated=len(ev.undated),
                        claims=len(view.claims), entities=list(ev.entities), counts=counts, open=open_all)
