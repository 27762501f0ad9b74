"""The ``claimx_dates`` component: date mentions resolved against the publication date.

Sets ``doc._.dates``: a list of dicts, sorted by start, one per day-precise date mention::

    {"text": "Thursday evening", "span": (start, end), "value": "2024-05-02", "basis": "relative"}

- ``explicit``: a calendar date as written: "May 21", "Oct. 7", "30-May-2021", "May 15, 2021",
  "2024-05-02". A missing year comes from the publication date, in the past for a past-tense
  report ("Oct. 7" in an article of 2024-05-02 is 2023-10-07), in the future after "will".
- ``relative``: "Sunday", "Thursday evening", "Earlier Thursday", "last Monday", "yesterday",
  "last week", "a week ago", resolved against the publication day (``doc._.article["published"]``,
  set by ``claimx_article``). A bare day name means the most recent such day, the publication
  day included ("on Sunday" in a Sunday article is that Sunday).
- ``value`` is None when the mention cannot be resolved (no publication date and no year);
  ``text`` and ``span`` are kept.

Only day-precise mentions are collected: a month or a year alone ("in May", "since 1979") or a
period ("six months", "recent weeks") is not a day a claim can be put on.

Candidates are found with regular expressions built from ``rules/date_words.json`` (cheap, no
NER needed); only they are handed to dateparser, through the cached
:func:`claimx.datetimes.resolve_date`. dateparser's ``search_dates`` is not used to find them:
it costs a parse per word window and reads ordinary words as dates ("may", "now", "second").

:func:`claim_date` gives the contract ``date`` object of a claim from its sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from claimx import rules
from claimx.components.syntax import Ranges, text_of
from claimx.datetimes import published_day, resolve_date
from claimx.extensions import register_extensions

register_extensions()


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class DatePatterns:
    """The mention regexes, built once per rule data.

    One regex finds anchors (a date, a day name, "yesterday", "last week", "days ago"); words
    around a day name ("Earlier", "last", "evening") and the count before "ago" are read by small
    regexes next to the anchor afterwards. Optional words in front of every alternative made one
    big regex try them at every position of the text, which cost more than the rest together.
    """

    def __init__(self, data: dict):
        self.data = data
        months = _alternation(data["months"])
        weekdays = _alternation(data["weekdays"])
        mods = _alternation(data["same_day_modifiers"])
        parts = _alternation(data["day_parts"])
        # "last night": any whitespace between the words
        rel_days = "|".join(r"\s+".join(re.escape(x) for x in w.split())
                            for w in sorted(data["relative_days"], key=len, reverse=True))
        directions = _alternation(data["week_directions"])
        ago = _alternation(data["ago_periods"])
        self.future_aux = {w.lower() for w in data["future_auxiliaries"]}
        day = r"\d{1,2}(?:st|nd|rd|th)?"
        year = r"\d{4}"
        # Month names must be capitalised as written ("May 21", not "may 21" the modal verb) and
        # whole words ("Mayor" is not May).
        month = rf"(?:{months})\b\.?"
        weekday_prefix = rf"(?:(?:{weekdays}),?\s+)?"
        self.regex = re.compile(
            "|".join([
                # 2024-05-02 (also the date part of 2024-05-02T10:00Z)
                r"(?P<iso>(?<!\d)\d{4}-\d{2}-\d{2}(?!\d))",
                # (Thursday,) May 21(st)(, 2021) / May 02,2024
                rf"(?P<md>\b{weekday_prefix}{month}\s*{day}\b(?:,?\s*{year}\b)?)",
                # (Thursday) 21 May (2024) / 30-May-2021 / 21st of May
                rf"(?P<dm>\b{weekday_prefix}{day}(?:\s+of)?(?:\s+|-){month}(?:(?:,?\s+|-){year}\b)?)",
                # Thursday (words around it: see before_day / after_day)
                rf"(?P<wd>\b(?:{weekdays})\b)",
                # yesterday / last night / today
                rf"(?P<rel>\b(?i:{rel_days})\b)",
                # last week / next week
                rf"(?P<week>\b(?i:{directions})\s+(?i:week)\b)",
                # (a week / two days) ago: the count is read by count_before
                rf"(?P<ago>\b(?i:{ago})\s+(?i:ago)\b)",
            ])
        )
        # Earlier Thursday / late on Thursday / last Monday: read on the text before the day name
        self.before_day = re.compile(
            rf"(?:\b(?P<mod>(?i:{mods}))\s+(?:(?i:on)\s+)?)?(?:\b(?P<dir>(?i:{directions}))\s+)?$")
        # Thursday evening
        self.after_day = re.compile(rf"\s+(?i:{parts})\b")
        # a / two / 3 (days ago)
        self.count_before = re.compile(r"\b(?P<count>[A-Za-z]+(?:-[A-Za-z]+)?|\d{1,2})\s+$")
        self.weekday_prefix = re.compile(rf"^(?:{weekdays}),?\s+")


@lru_cache(maxsize=1)
def _default_patterns() -> DatePatterns:
    return DatePatterns(rules.load("date_words.json"))


@Language.factory("claimx_dates")
def make_dates(nlp: Language, name: str) -> "DatesComponent":
    """Date mentions with their calendar day on ``doc._.dates``."""
    return DatesComponent(nlp, name)


class DatesComponent:
    """Sets ``doc._.dates`` (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "claimx_dates"):
        self.name = name
        self.patterns = _default_patterns()

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article or {}
        doc._.dates = find_dates(doc, published_day(article.get("published")), self.patterns)
        return doc


def find_dates(doc: Doc, base: Optional[str], patterns: Optional[DatePatterns] = None) -> list[dict]:
    """Every date mention of ``doc``, resolved against the day ``base`` (ISO, or None)."""
    patterns = patterns or _default_patterns()
    found = []
    text = text_of(doc)
    for m in patterns.regex.finditer(text):
        try:
            mention = _mention(doc, text, m, base, patterns)
        except Exception:  # an odd mention costs itself, never the article
            mention = None
        if mention is not None:
            found.append(mention)
    return found


_KINDS = ("iso", "md", "dm", "wd", "rel", "week", "ago")


def _mention(doc: Doc, doc_text: str, m: re.Match, base: Optional[str], p: DatePatterns) -> Optional[dict]:
    kind = next(name for name in _KINDS if m.group(name) is not None)
    s, e = m.span(kind)
    if kind == "wd":
        # "Earlier Thursday", "late on Thursday", "last Monday"; "Thursday evening"
        before = p.before_day.search(doc_text, max(0, s - 24), s)
        direction = before.group("dir") if before else None
        if before and before.group(0):
            s = before.start()
        after = p.after_day.match(doc_text, e)
        if after:
            e = after.end()
        day_name = m.group(kind)
    elif kind == "ago":
        count = p.count_before.search(doc_text, max(0, s - 24), s)
        word = count.group("count").lower() if count else ""
        if not (word in ("a", "an") or word.isdigit() or _is_number_word(word)):
            return None  # "several days ago" names no day
        s = count.start()
    text = doc_text[s:e]
    prefer = "future" if _is_future(doc, s, e, p) else "past"
    if kind in ("iso", "md", "dm"):
        core = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
        core = re.sub(r"\bof\s+", "", core)
        # "Thursday, May 2": the date decides; the day name only confirms it.
        core = p.weekday_prefix.sub("", core)
        value = resolve_date(core, base, prefer=prefer, include_base_day=True)
        basis = "explicit"
    elif kind == "wd":
        core = f"{direction} {day_name}" if direction else day_name
        # "last Monday" is dateparser's own; a bare "Monday" is the nearest one, this day included.
        value = resolve_date(core, base, prefer=prefer, include_base_day=not direction) if base else None
        basis = "relative"
    else:  # rel, week, ago
        value = resolve_date(" ".join(text.split()), base, include_base_day=False) if base else None
        basis = "relative"
    if value is None and base is not None and kind not in ("md", "dm"):
        return None  # dateparser could not read it although a base was there: not a date
    return {"text": text, "span": (s, e), "value": value, "basis": basis}


def _is_number_word(word: str) -> bool:
    from claimx.components.figures import spelled_number

    return spelled_number(word) is not None


def _is_future(doc: Doc, start: int, end: int, p: DatePatterns) -> bool:
    """Whether the clause of the mention is in the future tense ("will meet on Monday")."""
    if not doc.has_annotation("DEP"):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok = span.root
    for _ in range(6):  # up to the governing verb
        if tok.pos_ in ("VERB", "AUX") or tok.head == tok:
            break
        tok = tok.head
    return any(c.dep_ == "aux" and c.lower_ in p.future_aux for c in tok.children)


def claim_date(doc: Doc, sent_start: int, sent_end: int, index: Optional[Ranges] = None) -> Optional[dict]:
    """The contract ``date`` of a claim whose sentence spans [sent_start, sent_end) in doc.text.
    ``index``: ``Ranges`` of the spans of ``doc._.dates`` (built once by a caller that asks for
    many claims), else the mentions are scanned.

    The first date mention of the sentence that is not after the publication day ("will meet
    on Monday" names a plan, not when the claim was made); else the publication day with basis
    ``published``; else, with no publication date, the first mention that does not point
    forward ("next week"), unresolved (``value`` None, ``text`` kept); else None.
    """
    article = doc._.article or {}
    pub = published_day(article.get("published"))
    dates = doc._.dates or []
    if index is not None:
        mentions = [dates[k] for k in index.within(sent_start, sent_end)]
    else:
        mentions = [d for d in dates if sent_start <= d["span"][0] and d["span"][1] <= sent_end]
    for d in mentions:
        if d["value"] is not None and (pub is None or d["value"] <= pub):
            return {"value": d["value"], "text": d["text"], "basis": d["basis"]}
    if pub is not None:
        return {"value": pub, "text": None, "basis": "published"}
    for d in mentions:
        if not _points_forward(d["text"]):
            return {"value": d["value"], "text": d["text"], "basis": d["basis"]}
    return None


_PROBE_DAY = "2001-01-10"


def _points_forward(text: str) -> bool:
    """Whether a mention names a day after the one it is read from ("next week", "tomorrow"):
    without a publication date, such a mention is a plan, not when the claim was made."""
    value = resolve_date(text, _PROBE_DAY, include_base_day=False)
    return value is not None and value > _PROBE_DAY
