"""The ``claimx_figures`` component: numbers in the text, with value, unit, qualifier and subject.

Sets ``doc._.figures``: a list of contract figure dicts over the whole document, sorted by start::

    {"text": "at least 248", "span": (start, end), "value": 248, "unit": None,
     "qualifier": "at_least", "subject": "Palestinians"}

``text``/``span`` cover the qualifier, the currency sign, the number and a unit written right after
it ("at least 248", "$500 million", "nearly 34,600", "85%", "six months"); ``doc.text[start:end]
== text`` always. The thing counted (``subject``) is not part of the span: it is read from the
dependency parse (the noun the number modifies, the object of "of" in "85% of the population" /
"hundreds of homes", or the subject of "the death toll rose to 248"), never from a word list.
The claims component picks the figures whose span lies inside a claim.

What is *not* a figure: years ("since 1979", "the 1967 border"), day numbers of dates ("May 21",
"Oct. 7", "30-May-2021"), times ("22:47", "10 a.m."), phone numbers, ordinals ("21st", "first"),
numbers that are part of a name ("Resolution 2334", "Channel 12"), compounds that name a kind
("the two-state solution"), numbers in page furniture (site chrome reported by ``claimx_article``
in ``doc._.boilerplate``, and very short lines such as "5 min read").

Spelled numbers are read by text2num ("thirty-four thousand six hundred"); the rest of the
vocabulary is data in ``rules/``: ``qualifiers.json``, ``units.json``, ``number_words.json``
("a dozen", "hundreds of", "$5m", "half a million"). Works without ``ner`` and without the parser
(then subjects are None and fewer names are recognised).
"""
from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.attrs import LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token

from claimx import rules
from claimx.components.syntax import Ranges, text_of, token_strings
from claimx.extensions import register_extensions
from claimx.header import has_line_break, line_spans

register_extensions()

RULE_FILES = {"qualifiers": "qualifiers.json", "units": "units.json", "number_words": "number_words.json"}

# "34,600", "248", "1.2", "0.5": digits with optional thousands commas and decimals.
_NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# "1.2bn", "3m": a number with an abbreviated multiplier glued on (the tokenizer keeps "1.2bn").
_NUMBER_SUFFIX = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z]+)$")
# Text that contains digits but no figures. Times: "22:47", "10 a.m.", "3pm".
_TIME = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\b(?:\s*[ap]\.?m\b\.?)?"   # "22:47", "10:30 pm"
    r"|\b\d{1,2}(?:\.\d{2})?\s*[ap]\.?m\b\.?",              # "10 a.m.", "3pm", "7.30pm" (not "1.25 million")
    re.IGNORECASE,
)
# Phone numbers: "+1 (202) 555-0143", "(202) 555-0100", "555-0100", "+44 20 7946 0958".
_PHONE = re.compile(
    r"\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d[\d\s.-]{5,}\d"
    r"|\(\d{2,4}\)\s?\d{3,4}[\s.-]\d{3,4}"
    r"|(?<![\d,.])\d{3}[.-]\d{4}(?![\d,])"  # not a range such as "200-300"
)
# All-numeric dates: "2024-05-02", "02/05/2024", "2.5.2024".
_NUMERIC_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{1,2}/\d{1,2}\b")
_EXCLUDED_TEXT = (_TIME, _PHONE, _NUMERIC_DATE)
# Fewer words than this on a line without sentence punctuation: page furniture ("5 min read").
_FURNITURE_WORDS = 4
_WORDS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=4096)
def spelled_number(words: str) -> Optional[int]:
    """The value of lower-cased number words ("thirty-four thousand six hundred" -> 34600) as
    text2num reads them, or None when they are not a number. Cached."""
    from text_to_num import text2num

    try:
        return text2num(words, "en")
    except (ValueError, TypeError):
        return None


def _as_number(value: Decimal) -> int | float:
    """A JSON-friendly number: an int when whole ("1.2 million" -> 1200000), else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def _phrase_keys(phrase: str) -> list[tuple[str, ...]]:
    """Token tuples a rule phrase may appear as: "approx." is one token or "approx" + "."."""
    low = phrase.lower()
    keys = {tuple(low.split()), tuple(re.findall(r"[^\s.]+|\.", low))}
    return [k for k in keys if k]


def _phrase_table(table: dict) -> dict:
    return {key: v for k, v in table.items() if not k.startswith("_") for key in _phrase_keys(k)}


class FigureRules:
    """The rule data of one component instance, with the look-ups derived from it."""

    def __init__(self, data: dict):
        self.data = data
        q = data["qualifiers"]
        self.before_qualifiers = _phrase_table(q["before"])
        self.after_qualifiers = _phrase_table(q["after"])
        u = data["units"]
        self.before_units = dict(u["before"])
        self.after_units = _phrase_table(u["after"])
        self.durations = set(u["durations"])
        self.currencies = set(u["before"].values())
        self.percent_units = set(u["percent_units"])
        w = data["number_words"]
        self.multipliers = {k.lower(): Decimal(str(v)) for k, v in w["multipliers"].items()}
        self.currency_multipliers = {k.lower(): Decimal(str(v)) for k, v in w["currency_multipliers"].items()}
        self.counts = {k.lower(): Decimal(str(v)) for k, v in w["counts"].items()}
        self.fractions = {k.lower(): Decimal(str(v)) for k, v in w["fractions"].items()}
        self.vague = _phrase_table(w["vague"])
        self.pronoun_like = {x.lower() for x in w["pronoun_like"]}
        self.name_labels = set(w["name_entity_labels"])
        self.max_before = max(len(k) for k in self.before_qualifiers)
        self.max_after_unit = max(len(k) for k in self.after_units)
        self.max_vague = max(len(k) for k in self.vague)
        self.vague_first = {k[0] for k in self.vague}
        # the words that may start a number other than by their shape (see `may_start_number`)
        self.start_words = self.vague_first | {"a", "an"} | set(self.fractions) | set(self.multipliers) \
            | set(self.counts)

    @classmethod
    def default(cls) -> "FigureRules":
        return cls({key: rules.load(name) for key, name in RULE_FILES.items()})

    # -- reading numbers --------------------------------------------------------------------

    def may_start_number(self, low: str, tag: str) -> bool:
        """Can a token with this lower-case text and tag start a number (`_number_run`)? True for
        every one that can: a digit first, a word of the tables, or a spelled number's shape."""
        return low[:1].isdigit() or low in self.start_words or (
            low.isalpha() and len(low) >= 3 and (not tag or tag == "CD"))

    def is_number_word(self, token: Token) -> bool:
        """A spelled cardinal ("two", "thirty", "million"), not "o", "tens" or "first"."""
        low = token.lower_
        if low in self.multipliers or low in self.counts:
            return True
        if not low.isalpha() or len(low) < 3 or (token.tag_ and token.tag_ != "CD"):
            return False
        return spelled_number(low) is not None

    def words_value(self, words: tuple[str, ...]) -> Optional[Decimal]:
        """The value of spelled number words: ("a", "dozen") -> 12, ("half", "a", "million") ->
        500000, ("one", "and", "a", "half", "million") -> 1500000, ("thirty", "four", "thousand")."""
        return _words_value(self, words)


def _words_value(r: FigureRules, words: tuple[str, ...]) -> Optional[Decimal]:
    words = tuple(w for w in words if w != "-")
    if not words:
        return None
    if words[0] in ("a", "an"):
        words = ("one",) + words[1:]
    # Fractions: "half a million", "one and a half million".
    for i, w in enumerate(words):
        if w in r.fractions:
            head, tail = words[:i], words[i + 1:]
            if tail[:1] in (("a",), ("an",)):
                tail = tail[1:]
            scale = _words_value(r, tail) if tail else Decimal(1)
            if head[-2:] in (("and", "a"), ("and", "an")):
                whole = _words_value(r, head[:-2])
            elif not head:
                whole = Decimal(0)
            else:
                return None
            if whole is None or scale is None:
                return None
            return (whole + r.fractions[w]) * scale
    # Counts: "a dozen", "two dozen".
    if words[-1] in r.counts:
        head = _words_value(r, words[:-1]) if len(words) > 1 else Decimal(1)
        return None if head is None else head * r.counts[words[-1]]
    value = spelled_number(" ".join(words))
    return None if value is None else Decimal(value)


@Language.factory("claimx_figures", default_config={"skip_boilerplate": True})
def make_figures(nlp: Language, name: str, skip_boilerplate: bool) -> "FiguresComponent":
    """Numbers with value, unit, qualifier and subject on ``doc._.figures``."""
    return FiguresComponent(nlp, name, skip_boilerplate=skip_boilerplate)


class FiguresComponent:
    """Sets ``doc._.figures`` (see the module docstring). Rule data from ``rules/`` (or
    ``from_disk``), one copy per instance."""

    def __init__(self, nlp: Language, name: str = "claimx_figures", *, skip_boilerplate: bool = True):
        self.name = name
        self.skip_boilerplate = skip_boilerplate
        self.rules = FigureRules.default()

    def __call__(self, doc: Doc) -> Doc:
        doc._.figures = find_figures(doc, self.rules, skip_boilerplate=self.skip_boilerplate)
        return doc

    # The rule data round-trips with the pipeline, so a saved pipeline keeps its edited rules.
    def to_disk(self, path, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "figure_rules.json").write_text(json.dumps(self.rules.data, ensure_ascii=False, indent=1), encoding="utf-8")

    def from_disk(self, path, exclude=tuple()):
        file = Path(path) / "figure_rules.json"
        if file.exists():
            self.rules = FigureRules(json.loads(file.read_text(encoding="utf-8")))
        return self


# -- finding figures ----------------------------------------------------------------------------

def find_figures(doc: Doc, r: FigureRules, *, skip_boilerplate: bool = True) -> list[dict]:
    """Every figure in ``doc`` (contract dicts with ``span`` as a tuple), sorted by start."""
    text = text_of(doc)
    excluded = _excluded_ranges(doc, text, skip_boilerplate)
    has_dep = doc.has_annotation("DEP")
    found: list[tuple[dict, Optional[Token], int]] = []
    i, n = 0, len(doc)
    lowers, tags = token_strings(doc, LOWER), token_strings(doc, TAG)
    while i < n:
        if not r.may_start_number(lowers[i], tags[i]):
            i += 1  # (no Token object for the words that cannot start a number: most of them)
            continue
        try:
            run = _number_run(doc, i, r)
            fig = _figure(doc, text, *run, r, has_dep, excluded) if run is not None else None
        except Exception:  # messy text costs this candidate, never the article
            run = fig = None
        if fig is not None:
            found.append(fig)
        i = run[1] if run is not None else i + 1
    _share_qualifiers(doc, found)
    return [f for f, _, _ in found]


def _excluded_ranges(doc: Doc, text: str, skip_boilerplate: bool) -> Ranges:
    ranges = [m.span() for rx in _EXCLUDED_TEXT for m in rx.finditer(text)]
    if skip_boilerplate and doc._.boilerplate:
        ranges.extend(tuple(x) for x in doc._.boilerplate)
    # Page furniture: a short line with no sentence punctuation ("5 min read", "Photo 3 of 12").
    for s, e in line_spans(text):
        stripped = text[s:e].strip()
        if stripped and len(_WORDS.findall(stripped)) < _FURNITURE_WORDS and stripped[-1] not in ".!?\"'”’:":
            ranges.append((s, e))
    return Ranges(ranges)


def _overlaps(start: int, end: int, ranges: Ranges) -> bool:
    return ranges.any_overlapping(start, end)


def _number_run(doc: Doc, i: int, r: FigureRules):
    """The tokens [start, end) of a number starting at token i, with its value; or None.

    Returns (start, end, value, implied_qualifier).
    """
    tok = doc[i]
    low = tok.lower_
    # "hundreds of homes", "tens of thousands of people": an order of magnitude, at least.
    for k in (range(min(r.max_vague, len(doc) - i), 0, -1) if low in r.vague_first else ()):
        key = tuple(t.lower_ for t in doc[i:i + k])
        if key in r.vague:
            nxt = doc[i + k] if i + k < len(doc) else None
            last = doc[i + k - 1]
            # "Thousands fled" counts; "test scores" does not: need "of" or a bare subject.
            v = r.vague[key]
            bare_subject = not v.get("needs_of") and last.dep_ in ("nsubj", "nsubjpass") and not any(
                c.dep_ in ("det", "amod", "poss") for c in last.children)
            if (nxt is not None and nxt.lower_ == "of") or bare_subject:
                return i, i + k, Decimal(str(v["value"])), v.get("qualifier")
    m_plain = _NUMBER.match(tok.text)
    m_suffix = None if m_plain else _NUMBER_SUFFIX.match(low)
    if m_plain or (m_suffix and (m_suffix.group(2) in r.multipliers or m_suffix.group(2) in r.currency_multipliers)):
        digits = m_plain.group(0) if m_plain else m_suffix.group(1)
        # "0143" (a phone or date part) is not a count; "0.5" and "0" are.
        if len(digits) > 1 and digits[0] == "0" and not digits.startswith("0."):
            return None
        try:
            value = Decimal(digits.replace(",", ""))
        except InvalidOperation:
            return None
        if m_suffix:
            suffix = m_suffix.group(2)
            if suffix in r.multipliers:
                value *= r.multipliers[suffix]
            else:  # "$5m": only with a currency sign before it (else "500m" may be metres)
                if not (i > 0 and doc[i - 1].text in r.before_units):
                    return None
                value *= r.currency_multipliers[suffix]
        j = i + 1
        while j < len(doc):
            nxt = doc[j].lower_
            if nxt in r.multipliers:
                value *= r.multipliers[nxt]
            elif nxt in r.currency_multipliers and i > 0 and doc[i - 1].text in r.before_units \
                    and doc[j].idx == doc[j - 1].idx + len(doc[j - 1].text):
                # "$3.5m" split by the tokenizer into "3.5" + "m" (glued, after a currency sign)
                value *= r.currency_multipliers[nxt]
            else:
                break
            j += 1
        return i, j, value, None
    # Spelled numbers: "two", "twenty-five", "a dozen", "one hundred and five", "half a million".
    starts_article = low in ("a", "an") and i + 1 < len(doc) and (
        doc[i + 1].lower_ in r.multipliers or doc[i + 1].lower_ in r.counts)
    starts_fraction = low in r.fractions and i + 2 < len(doc) and doc[i + 1].lower_ in ("a", "an") \
        and doc[i + 2].lower_ in r.multipliers
    if not (starts_article or starts_fraction or r.is_number_word(tok)):
        return None
    j = i + (3 if starts_fraction else 2 if starts_article else 1)
    while j < len(doc):
        t = doc[j]
        prev = doc[j - 1].lower_
        if r.is_number_word(t):
            j += 1
        elif t.text == "-" and j + 1 < len(doc) and r.is_number_word(doc[j + 1]) and t.whitespace_ == "" \
                and not doc[j - 1].whitespace_:
            j += 1  # "twenty-five"
        elif t.lower_ == "and" and j + 1 < len(doc) and r.is_number_word(doc[j + 1]) and prev in r.multipliers:
            j += 1  # "one hundred and five"
        elif t.lower_ == "and" and j + 3 < len(doc) and doc[j + 1].lower_ in ("a", "an") \
                and doc[j + 2].lower_ in r.fractions and doc[j + 3].lower_ in r.multipliers:
            j += 4  # "one and a half million"
        else:
            break
    words = tuple(t.lower_ for t in doc[i:j])
    if len(words) == 1 and words[0] in r.multipliers and not starts_article:
        return None  # a bare "million" without a number is not one
    value = r.words_value(words)
    if value is None:
        return None
    return i, j, value, None


def _figure(doc: Doc, text: str, start: int, end: int, value: Decimal, implied_qualifier: Optional[str],
            r: FigureRules, has_dep: bool, excluded: list) -> Optional[tuple[dict, Optional[Token], int]]:
    """Extend the number run [start, end) with currency, unit and qualifier; apply the
    exclusions; find the subject. Returns (figure dict, counted noun, first token) or None."""
    run = doc[start:end]
    if _overlaps(run.start_char, run.end_char, excluded):
        return None
    first, last = doc[start], doc[end - 1]
    unit: Optional[str] = None
    left, right = start, end  # token bounds of the figure's text
    # Currency sign before: "$500 million", "EGP 5 billion".
    if start > 0 and doc[start - 1].text in r.before_units:
        unit = r.before_units[doc[start - 1].text]
        left = start - 1
    # Unit after: "85%", "85 per cent", "six months", "2 million dollars", "six-month" (hyphenated).
    after_unit = _match_after(doc, end, r.after_units, r.max_after_unit)
    hyphen = end + 1 < len(doc) and doc[end].text == "-" and not last.whitespace_ and not doc[end].whitespace_
    if after_unit is None and hyphen:
        after_unit = _match_after(doc, end + 1, r.after_units, r.max_after_unit)
        if after_unit is not None:
            after_unit = (after_unit[0] + 1, after_unit[1])
        elif doc[end + 1].is_alpha and not any(c.isdigit() for c in first.text) \
                and (doc[end + 1].lower_,) not in r.after_qualifiers:
            # A spelled number glued to a noun names a kind, not a count: "the two-state
            # solution", "a one-sided deal". Digits stay figures: "a 20,000-strong force".
            return None
    if after_unit is not None:
        k, u = after_unit
        if unit is None or u not in r.durations:
            unit = unit or u
            right = end + k
    if doc[start].lower_ in r.pronoun_like and end - start == 1 and unit is None:
        # "one of the hostages", "no one": a pronoun unless it counts a noun ("one person").
        if not has_dep or first.dep_ != "nummod":
            return None
    if _is_date_part(doc, start, end, value, unit, r, has_dep):
        return None
    if first.ent_type_ == "ORDINAL" or last.ent_type_ == "ORDINAL":
        return None
    if _is_name_number(doc, start, end, unit, r, has_dep):
        return None
    # Qualifier before ("at least 248", "more than $500 million") or after ("200 or more").
    qualifier = implied_qualifier
    before = _match_before(doc, left, r.before_qualifiers, r.max_before)
    if before is not None:
        k, qualifier = before
        left -= k
    after_q = _match_after(doc, right, r.after_qualifiers, 2)
    if after_q is None and right + 1 < len(doc) and doc[right].text == "-" and not doc[right].whitespace_:
        after_q = _match_after(doc, right + 1, r.after_qualifiers, 1)  # "1,200-plus"
        after_q = (after_q[0] + 1, after_q[1]) if after_q else None
    if after_q is not None:
        k, qualifier = after_q[0], after_q[1]
        right += k
    fig_tokens = doc[left:right]
    counted, subject = (_subject(doc, text, fig_tokens, unit, r) if has_dep else (None, None))
    s, e = fig_tokens.start_char, fig_tokens.end_char
    fig = {
        "text": text[s:e],
        "span": (s, e),
        "value": _as_number(value),
        "unit": unit,
        "qualifier": qualifier,
        "subject": subject,
        "kind": figure_kind(unit, r),
    }
    return fig, counted, left


def figure_kind(unit: Optional[str], r: FigureRules) -> str:
    """What a figure measures, from its unit: money, percent, duration, measure (any other unit)
    or count (none)."""
    if unit is None:
        return "count"
    if unit in r.currencies:
        return "money"
    if unit in r.percent_units:
        return "percent"
    if unit in r.durations:
        return "duration"
    return "measure"


def _match_after(doc: Doc, j: int, table: dict, longest: int):
    """(number of tokens, value) of the longest phrase of ``table`` starting at token j."""
    for k in range(min(longest, len(doc) - j), 0, -1):
        key = tuple(t.lower_ for t in doc[j:j + k])
        if key in table:
            return k, table[key]
    return None


def _match_before(doc: Doc, j: int, table: dict, longest: int):
    """(number of tokens, value) of the longest phrase of ``table`` ending right before token j."""
    for k in range(min(longest, j), 0, -1):
        key = tuple(t.lower_ for t in doc[j - k:j])
        if key in table:
            return k, table[key]
    return None


@lru_cache(maxsize=1)
def _month_names() -> frozenset:
    return frozenset(rules.load("date_words.json")["months"])


def _is_month(token: Optional[Token]) -> bool:
    if token is None:
        return False
    # "Oct.", "May-2021" (the tokenizer keeps a hyphenated date in one token)
    return token.text.rstrip(".").split("-")[0] in _month_names()


def _is_date_part(doc: Doc, start: int, end: int, value: Decimal, unit: Optional[str],
                  r: FigureRules, has_dep: bool) -> bool:
    """Day numbers of dates, years and other DATE/TIME numbers that are not durations."""
    if unit in r.durations:
        return False  # "13 years", "11 days", "More than six months"
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.text == "." and start > 1:
        prev = doc[start - 2]
    nxt = doc[end] if end < len(doc) else None
    if nxt is not None and nxt.text == "-" and end + 1 < len(doc):
        nxt = doc[end + 1]
    # "May 21", "Oct. 7", "21 May", "30-May-2021"
    if unit is None and (_is_month(prev) or _is_month(nxt)):
        return True
    counted = _counted_noun(doc[start:end]) if has_dep else None
    counts_plural = counted is not None and counted.tag_ in ("NNS", "NNPS")
    # A four-digit whole number without a thousands comma in the range of years is a year
    # ("since 1979", "the 1967 border", "In 2014 Palestinians ..."): news style writes counts
    # as "2,000". Unless a qualifier says it is a count: "about 2000 people".
    text = doc[start].text
    if end - start == 1 and unit is None and len(text) == 4 and text.isdigit() and 1000 <= value <= 2100:
        return _match_before(doc, start, r.before_qualifiers, r.max_before) is None
    # NER says a lone number is (part of) a DATE/TIME and it counts nothing ("day 5 of the war",
    # "at 5 on Sunday"). Not for "34 thousand a year", which the model also calls a DATE.
    if end - start == 1 and unit is None and not counts_plural \
            and doc[start].ent_type_ in ("DATE", "TIME") and value < 1000:
        return True
    return False


def _is_name_number(doc: Doc, start: int, end: int, unit: Optional[str], r: FigureRules, has_dep: bool) -> bool:
    """A number that is part of a name: "Resolution 2334", "Channel 12", "Article 51"."""
    if unit is not None or start == 0:
        return False
    prev = doc[start - 1]
    if not (prev.pos_ == "PROPN" or (prev.is_title and prev.pos_ in ("NOUN", ""))):
        return False
    if doc[start].ent_type_ in r.name_labels:
        return True
    return has_dep and any(t.head == prev for t in doc[start:end])


def _counted_noun(tokens) -> Optional[Token]:
    """The noun a number modifies ("248" -> "Palestinians"), from the parse."""
    head = _span_head(tokens)
    if head is None:
        return None
    if head.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.head.i >= tokens.end \
            and head.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return head.head
    return None


def _span_head(tokens) -> Optional[Token]:
    """The token of ``tokens`` whose syntactic head lies outside them (the last, if several)."""
    inside = range(tokens.start, tokens.end)
    heads = [t for t in tokens if t.head.i not in inside or t.head == t]
    return heads[-1] if heads else None


def _subject(doc: Doc, text: str, fig_tokens, unit: Optional[str], r: FigureRules):
    """(counted noun token, subject text) for a figure, from the dependency parse."""
    if unit in r.durations:
        return None, None  # "six months", "11 days of fighting": a length of time, not a count
    noun = _counted_noun(fig_tokens)
    if noun is not None:
        if (noun.lower_,) in r.after_units or not _same_line(text, fig_tokens.end_char, noun.idx):
            return None, None
        return noun, _noun_phrase(doc, text, noun, fig_tokens.end)
    head = _span_head(fig_tokens)
    if head is None:
        return None, None
    # "85% of the enclave's population", "hundreds of homes", "248 of the victims"
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i >= fig_tokens.end:
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")
                    and _same_line(text, fig_tokens.end_char, c.idx)]
            if objs:
                return objs[0], _noun_phrase(doc, text, objs[0], child.i + 1)
    # "The death toll rose to 248", "The toll is 300": the verb's subject is what is counted.
    # Only when nothing else is (no object: "Egypt raised its pledge to $500 million" is not
    # about Egypt) and the subject is a common noun.
    verb = None
    if head.dep_ == "attr":
        verb = head.head
    elif head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.pos_ in ("VERB", "AUX"):
        verb = head.head.head
    if verb is not None and not any(c.dep_ == "dobj" for c in verb.children):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"
                    and _same_line(text, c.idx, fig_tokens.start_char)]
        if subjects:
            return subjects[0], _noun_phrase(doc, text, subjects[0], subjects[0].left_edge.i)
    return None, None


def _same_line(text: str, start: int, end: int) -> bool:
    """No line break between two offsets: the parser sometimes links a headline to the next
    line ("Has Only One Problem" / "Skyscrapers in Ramat Gan"), which is never a counted noun."""
    return not has_line_break(text[min(start, end):max(start, end)])


def _noun_phrase(doc: Doc, text: str, noun: Token, limit: int) -> str:
    """The noun with the modifiers written right before it, from token ``limit`` on at most:
    "Palestinian civilians", "enclave's population", "death toll" (no determiners)."""
    keep = {noun.i}
    i = noun.i - 1
    while i >= limit:
        t = doc[i]
        if t.dep_ in ("compound", "amod", "poss", "nmod") and t.head.i in keep:
            keep.add(i)
        elif t.dep_ == "case" and t.head.i in keep | {i - 1}:
            keep.add(i)
        elif t.dep_ == "punct" and t.text == "-" and i - 1 >= limit:
            keep.add(i)  # "long-term residents"
        else:
            break
        i -= 1
    first = min(keep)
    return text[doc[first].idx:noun.idx + len(noun.text)]


def _share_qualifiers(doc: Doc, found: list) -> None:
    """"at least 248 Palestinians and 12 Israelis": the qualifier covers both conjoined counts.

    A figure without a qualifier of its own takes the one of the figure before it when their
    counted nouns are conjoined: in the parse (the second noun is a ``conj`` of the first), or,
    as the small model often misparses this, on the surface ("<figure> <noun> and <figure>"),
    and neither has a unit. "killed nearly 900 fighters and wounded 3,100 others" shares
    nothing: the verbs are conjoined, not the counts.
    """
    for (prev, prev_noun, _), (fig, noun, start) in zip(found, found[1:]):
        if fig["qualifier"] is not None or not prev["qualifier"] or prev["unit"] or fig["unit"]:
            continue
        if noun is None or prev_noun is None:
            continue
        parsed = noun.dep_ == "conj" and noun.head == prev_noun
        written = start >= 2 and doc[start - 1].lower_ in ("and", "or", ",") and doc[start - 2] == prev_noun
        if parsed or written:
            fig["qualifier"] = prev["qualifier"]
