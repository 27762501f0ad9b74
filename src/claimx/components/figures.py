"""The ``claimx_figures`` component: numbers in the text, with value, unit, qualifier, subject, kind.

Sets ``doc._.figures``: a list of contract figure dicts over the whole document, sorted by start::

    {"text": "at least 248", "span": (start, end), "value": 248, "unit": None,
     "qualifier": "at_least", "subject": "Palestinians", "kind": "count"}

``text``/``span`` cover the qualifier, the currency sign, the number and a unit written right after
it ("at least 248", "$500 million", "nearly 34,600", "85%", "six months", "120 mph", "5km");
``doc.text[start:end] == text`` always. The thing counted (``subject``) is not part of the span: it
is read from the dependency parse (the noun the number modifies, the object of "of" in "85% of the
population" / "hundreds of homes", or the subject of "the death toll rose to 248"), never from a
word list. The claims component picks the figures whose span lies inside a claim.

Units and kinds (``rules/units.json``): money is an ISO 4217 code (signs, codes and words; "$" is
USD unless the sentence names a dollar country: "The Canadian firm earned $4 million" -> CAD);
physical units are pint expressions, named by pint (`claimx.units`: "kilometres" -> "kilometer",
"mph" -> "mile_per_hour"); "38 points" is a score. The kind follows from the unit's family:
money, percent, duration, measure, other; no unit is a count ("two sides": 2, subject "sides").

Ranges and changes (`_join_ranges`): "between 30 and 40 percent", "30-40%", "5,000 to 7,000" are two
figures, the low end ``at_least`` and the high end ``at_most``; "from 4.1% to 4.5%" and "fell 3
points to 28%" are two plain figures; a unit or multiplier written once counts for both ("$2-3
million"). Fractions ("a third of", "half of", "two thirds of") have unit "fraction" and kind
percent; multiples ("doubled", "three times higher") unit "times" and kind other. A footnote mark
("12,000[3]") is left out of the figure; "minus 12°C" is -12.

What is *not* a figure: years ("since 1979", "the 1967 border"), day numbers of dates ("May 21",
"Oct. 7", "30-May-2021"), times ("22:47", "10 a.m."), phone numbers, ordinals ("21st", "first"),
numbers that are part of a name ("Resolution 2334", "Channel 12", "Windows 11", "G7", "5G",
"COVID-19"), addresses ("221 Baker Street"), compounds that name a kind ("the two-state
solution"), numbers in page furniture (site chrome reported by ``claimx_article`` in
``doc._.boilerplate``, and very short lines such as "5 min read").

Spelled numbers are read by text2num ("thirty-four thousand six hundred"); the rest of the
vocabulary is data in ``rules/``: ``qualifiers.json``, ``units.json``, ``number_words.json``
("a dozen", "hundreds of", "$5m", "half a million", range words, change verbs). Works without
``ner`` and without the parser (then subjects are None and fewer names are recognised).
"""
from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.attrs import DEP, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token

from claimx import rules
from claimx.components.syntax import Ranges, text_of, token_strings
from claimx.extensions import register_extensions
from claimx.header import has_line_break, line_spans
from claimx.units import canonical_unit

register_extensions()

RULE_FILES = {"qualifiers": "qualifiers.json", "units": "units.json", "number_words": "number_words.json"}

# "34,600", "248", "1.2", "0.5": digits with optional thousands commas and decimals.
_NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# "1.2bn", "3m": a number with an abbreviated multiplier glued on (the tokenizer keeps "1.2bn").
_NUMBER_SUFFIX = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z]+)$")
# "12,000[3]": a number with a footnote mark glued on.
_FOOTNOTE = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\[\d{1,3}\]?$")
# "HK$480", "R$20bn": a currency sign glued before the number.
_SIGNED = re.compile(r"^([^\d\s]{1,4}?)(?=\d)")
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
# A list item's number at the start of a line: "1. Ben Carson", "4) Jobs".
_LIST_MARKER = re.compile(r"^[ \t]*\d{1,2}[.)](?=[ \t])", re.MULTILINE)
_EXCLUDED_TEXT = (_TIME, _PHONE, _NUMERIC_DATE, _LIST_MARKER)
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


@dataclass(frozen=True)
class UnitForm:
    """What a unit written next to a number is: its family ("length", "currency"), the pint
    expression or code it stands for, whether pint names it, and a factor to the canonical unit
    ("20 cents" -> 0.20 USD)."""

    family: str
    expression: str
    resolve: bool = True
    factor: Decimal = Decimal(1)


@dataclass
class Run:
    """A number found in the tokens [start, end): its value; a qualifier it implies ("hundreds
    of"); a unit it carries ("HK$480" glued, "a third of" a fraction); and, when the number's
    text stops inside its last token ("12,000[3]" with a footnote mark), where it ends."""

    start: int
    end: int
    value: Decimal
    qualifier: Optional[str] = None
    unit: Optional[UnitForm] = None
    end_char: Optional[int] = None
    footnote: bool = False             # a footnote mark follows: no unit or qualifier after it
    scale: Decimal = Decimal(1)        # "1.2 million", "$3bn": the multiplier written
    sign: Optional[str] = None         # the glued sign ("HK$")


_FRACTION = UnitForm("fraction", "fraction", resolve=False)   # "a third of": value 0.3333
_MULTIPLE = UnitForm("multiple", "times", resolve=False)      # "doubled", "three times higher"


# Between a number and its unit: nothing, a space or a hyphen ("40 km", "5km", "400-pound").
_UNIT_GAP = re.compile(r"[ \u00a0]?-?|-")


def _unit_pattern(table: dict) -> tuple:
    """Two regexes over the surfaces of a unit table, longest first: surfaces written with a capital
    or a sign, or of two letters or fewer, match as written ("GB", "°C", "mg"); the others ignore
    case ("Kilometres"). A unit is not followed by a letter or digit ("5 kmh" is not "km")."""
    def alternation(surfaces):
        if not surfaces:
            return None
        parts = []
        for surface in sorted(surfaces, key=len, reverse=True):
            parts.append(r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", surface)))
        return "(?:" + "|".join(parts) + r")(?![^\W_])"
    exact = [k for k in table if not (k.isalpha() and k.islower() and len(k) > 2) and " " not in k]
    folded = [k for k in table if k not in exact]
    return (re.compile(alternation(exact)) if exact else None,
            re.compile(alternation(folded), re.IGNORECASE) if folded else None)


def _fold_key(written: str, table: dict) -> Optional[str]:
    """The table key a case-insensitive match stands for ("Kilometres" -> "kilometres",
    "square  kilometres" -> "square kilometres")."""
    low = re.sub(r"[\s-]+", " ", written.lower())
    for key in (low, low.replace(" ", "-")):
        if key in table:
            return key
    for key in table:
        if re.sub(r"[\s-]+", " ", key.lower()) == low:
            return key
    return None


class FigureRules:
    """The rule data of one component instance, with the look-ups derived from it."""

    def __init__(self, data: dict):
        self.data = data
        q = data["qualifiers"]
        self.before_qualifiers = _phrase_table(q["before"])
        self.after_qualifiers = _phrase_table(q["after"])
        u = data["units"]
        self.definitions = tuple(u["pint_definitions"])
        self.families = dict(u["families"])
        # signs and codes before the number: "$500", "EGP 5 billion"
        self.before_units = {**{c: c for c in u["currency_codes"]}, **u["currency_signs"]}
        self.currency_signs = dict(u["currency_signs"])
        self.dollar_places = _phrase_table(u["dollar_places"])
        self.max_place = max(len(k) for k in self.dollar_places)
        self.us_words = _phrase_table({w: True for w in u["us_words"]})
        self.max_us = max(len(k) for k in self.us_words)
        # after the number: surface -> UnitForm
        after: dict[str, UnitForm] = {}
        for family, table in u["measures"].items():
            for surface, expression in table.items():
                after[surface] = UnitForm(family, expression)
        for surface, name in u["score_units"].items():
            after[surface] = UnitForm("score", name, resolve=False)
        for code in u["currency_codes"]:
            after[code] = UnitForm("currency", code, resolve=False)
        for surface, code in u["currency_words"].items():
            after[surface] = UnitForm("currency", code, resolve=False)
        for surface, minor in u["minor_currency"].items():
            after[surface] = UnitForm("currency", minor["currency"], resolve=False,
                                      factor=Decimal(str(minor["factor"])))
        self.after_units = after
        for form in after.values():  # named by pint now, once: forked workers share the registry
            self.unit_name(form)
        self.after_pattern = _unit_pattern(after)
        self.scaled_units = {k: UnitForm("currency", v, resolve=False) for k, v in u["scaled_currency_words"].items()}
        self.scaled_pattern = _unit_pattern(self.scaled_units)
        w = data["number_words"]
        self.multipliers = {k.lower(): Decimal(str(v)) for k, v in w["multipliers"].items()}
        self.currency_multipliers = {k.lower(): Decimal(str(v)) for k, v in w["currency_multipliers"].items()}
        self.counts = {k.lower(): Decimal(str(v)) for k, v in w["counts"].items()}
        self.fractions = {k.lower(): Decimal(str(v)) for k, v in w["fractions"].items()}
        self.fraction_nouns = {k.lower(): Decimal(str(v)) for k, v in w["fraction_nouns"].items()}
        self.multiple_verbs = {k.lower(): Decimal(str(v)) for k, v in w["multiple_verbs"].items()}
        self.idiom_particles = {x.lower() for x in w["idiom_particles"]}
        self.sign_words = {k.lower(): Decimal(str(v)) for k, v in w["sign_words"].items()}
        self.range_links = set(w["range_links"])
        self.range_openers = {x.lower() for x in w["range_openers"]}
        self.change_openers = {x.lower() for x in w["change_openers"]}
        self.change_verbs = {x.lower() for x in w["change_verbs"]}
        self.comparatives = {x.lower() for x in w["comparatives"]}
        self.place_nouns = {x.lower() for x in w["place_nouns"]}
        self.share_links = {tuple(x.lower().split()) for x in w["share_link"]}
        self.phone_verbs = {x.lower() for x in w["phone_verbs"]}
        self.vague = _phrase_table(w["vague"])
        self.pronoun_like = {x.lower() for x in w["pronoun_like"]}
        self.name_labels = set(w["name_entity_labels"])
        self.max_before = max(len(k) for k in self.before_qualifiers)
        self.max_vague = max(len(k) for k in self.vague)
        self.vague_first = {k[0] for k in self.vague}
        # the words that may start a number other than by their shape (see `may_start_number`)
        self.start_words = self.vague_first | {"a", "an", "one", "half"} | set(self.fractions) \
            | set(self.multipliers) | set(self.counts) | set(self.multiple_verbs)

    def unit_name(self, form: "UnitForm") -> str:
        """The canonical name of a unit: pint's for physical units ("kilometres" -> "kilometer"),
        the ISO 4217 code for money, the rule file's own for scores, fractions and multiples."""
        return canonical_unit(form.expression, self.definitions) if form.resolve else form.expression

    def kind_of(self, family: Optional[str]) -> str:
        return "count" if family is None else self.families.get(family, "other")

    def titled_unit(self, text: str, pos: int) -> bool:
        """A unit word written as a title right after ``pos`` ("98 Degrees")."""
        m = _UNIT_GAP.match(text, pos)
        folded = self.after_pattern[1]
        hit = folded.match(text, m.end()) if m is not None and folded is not None else None
        return hit is not None and hit.group(0).istitle() and len(hit.group(0)) > 1

    def unit_after(self, text: str, pos: int, scaled: bool = False, titles: bool = False,
                   glued_only: bool = False) -> Optional[tuple[int, "UnitForm"]]:
        """(end offset, unit) of the unit written at ``pos`` right after a number: spaced ("40 km"),
        glued ("5km", "12°C") or hyphenated ("a 400-pound tuna"); the longest surface wins. A unit
        word written as a title ("98 Degrees") is none, unless ``titles`` (a headline in title case:
        "Temperatures Hit 45 Degrees"). A one-letter unit ("38C") only glued to the number, and
        never when ``glued_only`` is set (the number follows a capitalised word: "Seat 12C")."""
        m = _UNIT_GAP.match(text, pos)
        if m is None:
            return None
        at = m.end()
        best = None
        for table, (exact, folded) in ((self.scaled_units, self.scaled_pattern),) * scaled + \
                ((self.after_units, self.after_pattern),):
            for rx in (exact, folded):
                hit = rx.match(text, at) if rx is not None else None
                if hit is not None and rx is folded and hit.group(0).istitle() and len(hit.group(0)) > 1 \
                        and not titles:
                    hit = None  # "98 Degrees", "Seven Years in Tibet": a title, not a unit
                if hit is not None and len(hit.group(0)) == 1 and hit.group(0).isalpha() \
                        and (at != pos or glued_only):
                    hit = None  # "38C" is a temperature; "Group 5 C", "Seat 12C" are not
                if hit is not None and (best is None or hit.end() > best[0]):
                    key = hit.group(0)
                    form = table.get(key) or table.get(_fold_key(key, table))
                    if form is not None:
                        best = (hit.end(), form)
            if best is not None:
                return best
        return best

    @classmethod
    def default(cls) -> "FigureRules":
        return cls({key: rules.load(name) for key, name in RULE_FILES.items()})

    # -- reading numbers --------------------------------------------------------------------

    def may_start_number(self, low: str, tag: str, dep: str) -> bool:
        """Can a token with this lower-case text, tag and dependency start a number
        (`_number_run`)? True for every one that can: a digit in it ("12", "HK$480"), a word of
        the tables ("a third of", "doubled"), or a spelled number's shape (`is_number_word`)."""
        return low in self.start_words or any(ch.isdigit() for ch in low) or (
            low.isalpha() and len(low) >= 3 and (not tag or tag == "CD" or dep == "nummod"))

    def is_number_word(self, token: Token) -> bool:
        """A spelled cardinal ("two", "thirty", "million"), not "o", "tens" or "first"."""
        low = token.lower_
        if low in self.multipliers or low in self.counts:
            return True
        # the tagger's CD; "Eleven people" is sometimes tagged JJ, but it still modifies a noun
        if not low.isalpha() or len(low) < 3 or (token.tag_ and token.tag_ != "CD" and token.dep_ != "nummod"):
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

@dataclass
class Found:
    """A figure with what the passes after it need: its counted noun, its token bounds [left,
    right), its unit's family and the multiplier its number carried ("2 million" -> 10**6)."""

    fig: dict
    noun: Optional[Token]
    left: int
    right: int
    family: Optional[str]
    scale: Decimal


def find_figures(doc: Doc, r: FigureRules, *, skip_boilerplate: bool = True) -> list[dict]:
    """Every figure in ``doc`` (contract dicts with ``span`` as a tuple), sorted by start."""
    text = text_of(doc)
    excluded = _excluded_ranges(doc, text, skip_boilerplate)
    has_dep = doc.has_annotation("DEP")
    found: list[Found] = []
    i, n = 0, len(doc)
    lowers, tags, deps = token_strings(doc, LOWER), token_strings(doc, TAG), token_strings(doc, DEP)
    while i < n:
        if not r.may_start_number(lowers[i], tags[i], deps[i]):
            i += 1  # (no Token object for the words that cannot start a number: most of them)
            continue
        try:
            run = _number_run(doc, i, r)
            fig = _figure(doc, text, run, r, has_dep, excluded) if run is not None else None
        except Exception:  # messy text costs this candidate, never the article
            run = fig = None
        if fig is not None:
            found.append(fig)
        i = run.end if run is not None else i + 1
    _join_ranges(doc, text, found, r)
    _share_qualifiers(doc, found)
    return [f.fig for f in found]


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
    """The number (a `Run`) starting at token i, or None."""
    tok = doc[i]
    low = tok.lower_
    nxt_low = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    # "a third of the budget", "one quarter of", "half of the respondents": a share.
    if low in ("a", "an", "one") and nxt_low in r.fraction_nouns and i + 2 < len(doc) and doc[i + 2].lower_ == "of":
        return _fraction_run(doc, i, i + 2, r.fraction_nouns[nxt_low], r)
    prev = doc[i - 1] if i > 0 else None
    if low == "half" and nxt_low == "of" and not (prev is not None and prev.tag_ in ("DT", "JJ", "PRP$", "POS")):
        # "half of the voters", not "the first half of the century"
        return _fraction_run(doc, i, i + 1, r.fraction_nouns["half"], r)
    # "one in five adults", "1 in 3 voters", "three out of four": a share.
    share = _share_run(doc, i, r)
    if share is not None:
        return share
    # "prices doubled", "the number tripled": a multiple.
    if low in r.multiple_verbs and (not tok.tag_ or tok.tag_.startswith("VB")) and nxt_low not in r.idiom_particles:
        return Run(i, i + 1, r.multiple_verbs[low], unit=_MULTIPLE)
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
                return Run(i, i + k, Decimal(str(v["value"])), v.get("qualifier"))
    m_plain = _NUMBER.match(tok.text)
    # "12,000[3]": a footnote mark glued on (the number's text stops before it)
    m_note = None if m_plain else _FOOTNOTE.match(tok.text)
    if m_note:
        m_plain = m_note
    # "HK$480", "R$20": a currency sign glued on
    m_signed = None if m_plain else _SIGNED.match(tok.text)
    sign_unit = None
    if m_signed and m_signed.group(1) in r.currency_signs:
        sign_unit = UnitForm("currency", r.currency_signs[m_signed.group(1)], resolve=False)
        low = tok.text[len(m_signed.group(1)):].lower()
        m_plain = _NUMBER.match(low)
    m_suffix = None if m_plain else _NUMBER_SUFFIX.match(low)
    glued_unit = None
    if m_suffix and m_suffix.group(2) not in r.multipliers and m_suffix.group(2) not in r.currency_multipliers:
        # "5km", "128GB", "50p": a unit glued on, kept in the token by the tokenizer
        digits_end = len(tok.text) - len(m_suffix.group(2))
        hit = r.unit_after(tok.text, digits_end)
        if hit is not None and hit[0] == len(tok.text):
            glued_unit = tok.idx + digits_end
            m_plain, m_suffix = _NUMBER.match(m_suffix.group(1)), None
    if m_plain or (m_suffix and (m_suffix.group(2) in r.multipliers or m_suffix.group(2) in r.currency_multipliers)):
        digits = (m_plain.group(1) if m_note else m_plain.group(0)) if m_plain else m_suffix.group(1)
        # "0143" (a phone or date part) is not a count; "0.5" and "0" are.
        if len(digits) > 1 and digits[0] == "0" and not digits.startswith("0."):
            return None
        try:
            value = Decimal(digits.replace(",", ""))
        except InvalidOperation:
            return None
        scale = Decimal(1)
        signed = sign_unit is not None or (i > 0 and doc[i - 1].text in r.before_units)
        if m_suffix:
            suffix = m_suffix.group(2)
            if suffix in r.multipliers:
                scale *= r.multipliers[suffix]
            else:  # "$5m": only with a currency sign before it (else "500m" may be metres)
                if not signed:
                    return None
                scale *= r.currency_multipliers[suffix]
        j = i + 1
        while j < len(doc) and not m_note:
            nxt = doc[j].lower_
            if nxt in r.multipliers:
                scale *= r.multipliers[nxt]
            elif nxt in r.currency_multipliers and signed and doc[j].idx == doc[j - 1].idx + len(doc[j - 1].text):
                # "$3.5m" split by the tokenizer into "3.5" + "m" (glued, after a currency sign)
                scale *= r.currency_multipliers[nxt]
            else:
                break
            j += 1
        end_char = tok.idx + len(m_note.group(1)) if m_note else glued_unit
        return Run(i, j, value * scale, unit=sign_unit, end_char=end_char, footnote=m_note is not None,
                   scale=scale, sign=m_signed.group(1) if sign_unit is not None else None)
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
    # "two thirds of the members": a spelled count of a fraction noun
    if j + 1 < len(doc) and doc[j].lower_ in r.fraction_nouns and doc[j + 1].lower_ == "of" and value <= 10:
        return _fraction_run(doc, i, j + 1, value * r.fraction_nouns[doc[j].lower_], r)
    scale = next((r.multipliers[w] for w in reversed(words) if w in r.multipliers), Decimal(1))
    return Run(i, j, value, scale=scale)


def _small_count(word: str) -> Optional[int]:
    """A whole number written as digits ("3", "10") or spelled ("five"), or None."""
    if word.isascii() and word.isdigit():  # (not "²³": digits to str.isdigit, not to int)
        return int(word) if len(word) <= 4 else None
    return spelled_number(word) if word.isalpha() else None


def _share_run(doc: Doc, i: int, r: FigureRules) -> Optional[Run]:
    """"one in five", "1 in 3", "three out of four" from token i: the smaller number, a share link
    (``share_link``), the larger one, at most 1,000: a share (value N/M, unit "fraction")."""
    a = _small_count(doc[i].lower_)
    if a is None:
        return None
    for link in r.share_links:
        k = i + 1 + len(link)
        if k < len(doc) and tuple(t.lower_ for t in doc[i + 1:k]) == link:
            b = _small_count(doc[k].lower_)
            if b is not None and 0 < a < b <= 1000:
                value = (Decimal(a) / Decimal(b)).quantize(Decimal("0.0001"))
                return Run(i, k + 1, value, unit=_FRACTION)
    return None


def _fraction_run(doc: Doc, start: int, end: int, value: Decimal, r: FigureRules) -> Run:
    """A fraction [start, end) before "of": a share ("a third of the budget": 0.3333, unit
    "fraction"), or a part of what follows "of a": "a quarter of a million dollars" (250000, its
    unit read after "million"), "a quarter of a percentage point" (0.25, unit read after "a")."""
    k = end + 1                                   # the token after "of"
    if k + 1 < len(doc) and doc[k].lower_ in ("a", "an"):
        nxt = doc[k + 1].lower_
        if nxt in r.multipliers:
            return Run(start, k + 2, value * r.multipliers[nxt], scale=r.multipliers[nxt])
        hit = r.unit_after(text_of(doc), doc[k].idx + len(doc[k].text))
        if hit is not None and hit[1].family != "currency":
            return Run(start, k + 1, value)
    return Run(start, end, value, unit=_FRACTION)


def _figure(doc: Doc, text: str, run: Run, r: FigureRules, has_dep: bool, excluded) -> Optional[Found]:
    """Extend the number run with currency, unit and qualifier; apply the exclusions; find the
    subject. Returns the `Found` figure or None."""
    start, end, value = run.start, run.end, run.value
    first, last = doc[start], doc[end - 1]
    right_char = run.end_char if run.end_char is not None else last.idx + len(last.text)
    if _overlaps(first.idx, right_char, excluded):
        return None
    form: Optional[UnitForm] = run.unit
    sign = run.sign
    left, right = start, end  # token bounds of the figure's text
    # Currency sign before: "$500 million", "EGP 5 billion".
    if form is None and start > 0 and doc[start - 1].text in r.before_units:
        sign = doc[start - 1].text
        form = UnitForm("currency", r.before_units[sign], resolve=False)
        left = start - 1
    # Unit after: "85%", "85 per cent", "six months", "40 km", "12°C", "2 million dollars",
    # "six-month" and "a 400-pound tuna" (hyphenated). Not after a footnote mark.
    # In a title-case headline ("Temperatures Hit 45 Degrees") a capitalised unit is a unit.
    headline = left > 0 and doc[left - 1].is_title and not doc[left - 1].is_sent_start
    hit = r.unit_after(text, right_char, scaled=run.scale > 1, titles=headline,
                       glued_only=start > 0 and doc[start - 1].is_title) if not run.footnote else None
    if hit is not None:
        stop = _token_end(doc, end - 1, hit[0])
        if stop is not None and (form is None or (hit[1].family == "currency" and form.family == "currency")):
            form = form or hit[1]
            right, right_char = stop, hit[0]
    hyphen = end + 1 < len(doc) and doc[end].text == "-" and not last.whitespace_ and not doc[end].whitespace_
    if hit is None and hyphen and doc[end + 1].is_alpha and not any(c.isdigit() for c in first.text) \
            and (doc[end + 1].lower_,) not in r.after_qualifiers:
        # A spelled number glued to a noun names a kind, not a count: "the two-state
        # solution", "a one-sided deal". Digits stay figures: "a 20,000-strong force".
        return None
    # "98 Degrees", "Seven Years in Tibet": a unit word written as a title makes the number part
    # of a name
    if hit is None and not run.footnote and not headline and r.titled_unit(text, right_char):
        return None
    # "5G", "4x4": a number glued to letters that are not a unit is part of a name
    if hit is None and not run.footnote and not last.whitespace_ and end < len(doc) and doc[end].is_alpha \
            and any(c.isdigit() for c in last.text):
        return None
    # "three times higher", "five times as many": a multiple, not a count of occasions.
    if form is None and right < len(doc) - 1 and doc[right].lower_ == "times" \
            and doc[right + 1].lower_ in r.comparatives:
        form, right = _MULTIPLE, right + 1
        right_char = doc[right - 1].idx + len(doc[right - 1].text)
    if form is not None and form.family == "currency" and sign == "$":
        form = UnitForm("currency", _dollar_code(doc, start, r), resolve=False)
    # The near end of a range takes the unit of its far end: "3-5 years", "30-40%".
    partner = _range_partner(doc, text, start, end, r) if form is None else None
    family = (form or partner).family if (form or partner) is not None else None
    if doc[start].lower_ in r.pronoun_like and end - start == 1 and form is None:
        # "one of the hostages", "no one": a pronoun unless it counts a noun ("one person").
        if not has_dep or first.dep_ != "nummod":
            return None
    if _is_date_part(doc, start, end, value, form.family if form is not None else None,
                     partner.family if partner is not None else None, r, has_dep, excluded):
        return None
    if family != "fraction" and (first.ent_type_ == "ORDINAL" or last.ent_type_ == "ORDINAL"):
        return None
    if _is_name_number(doc, start, end, value, family, r, has_dep):
        return None
    # "call 911", "dial 999": a number to call, not a figure
    if form is None and left > 0 and doc[left - 1].lower_ in r.phone_verbs:
        return None
    # "minus 12°C"
    if left > 0 and doc[left - 1].lower_ in r.sign_words and \
            not (left > 2 and doc[left - 2].lower_ == "or" and doc[left - 3].lower_ == "plus"):
        value *= r.sign_words[doc[left - 1].lower_]   # not "plus or minus 3 points" (a margin)
        left -= 1
    # Qualifier before ("at least 248", "more than $500 million") or after ("200 or more").
    qualifier = run.qualifier
    before = _match_before(doc, left, r.before_qualifiers, r.max_before)
    if before is not None:
        k, qualifier = before
        left -= k
    if not run.footnote and right_char == doc[right - 1].idx + len(doc[right - 1].text):
        after_q = _match_after(doc, right, r.after_qualifiers, 2)
        if after_q is None and right + 1 < len(doc) and doc[right].text == "-" and not doc[right].whitespace_:
            after_q = _match_after(doc, right + 1, r.after_qualifiers, 1)  # "1,200-plus"
            after_q = (after_q[0] + 1, after_q[1]) if after_q else None
        if after_q is not None and right + after_q[0] < len(doc) and doc[right + after_q[0]].lower_ == "than":
            after_q = None  # "44 and more than 70 percent": "more" belongs to the next figure
        if after_q is not None:
            k, qualifier = after_q[0], after_q[1]
            right += k
            right_char = doc[right - 1].idx + len(doc[right - 1].text)
    if form is not None:
        value *= form.factor
    fig_tokens = doc[left:right]
    counted, subject = (_subject(doc, text, fig_tokens, family, r) if has_dep else (None, None))
    s, e = doc[left].idx, right_char
    fig = {
        "text": text[s:e],
        "span": (s, e),
        "value": _as_number(value),
        "unit": r.unit_name(form) if form is not None else None,
        "qualifier": qualifier,
        "subject": subject,
        "kind": r.kind_of(form.family if form is not None else None),
    }
    return Found(fig, counted, left, right, form.family if form is not None else None, run.scale)


def _token_end(doc: Doc, j: int, end_char: int) -> Optional[int]:
    """The token index just after the token that ends at ``end_char`` (from token j on), or None
    when ``end_char`` falls inside a token. A period the tokenizer kept on a unit at the end of
    a sentence ("250 km/h.") does not count."""
    while j < len(doc) and doc[j].idx < end_char:
        if doc[j].idx + len(doc[j].text) == end_char or \
                (doc[j].text.endswith(".") and doc[j].idx + len(doc[j].text) - 1 == end_char):
            return j + 1
        j += 1
    return None


def _dollar_code(doc: Doc, i: int, r: FigureRules) -> str:
    """What "$" is in the sentence of token i: USD, unless the sentence names a dollar country and
    not the US ("The Canadian firm earned $1.1 billion" -> CAD)."""
    sent = doc[i].sent if doc.has_annotation("SENT_START") else doc[max(0, i - 40):i + 40]
    words = [t.lower_ for t in sent]
    if any(tuple(words[k:k + n]) in r.us_words for k in range(len(words)) for n in range(1, r.max_us + 1)):
        return "USD"
    for k in range(len(words)):
        for n in range(min(r.max_place, len(words) - k), 0, -1):
            code = r.dollar_places.get(tuple(words[k:k + n]))
            if code is not None:
                return code
    return "USD"


def _range_partner(doc: Doc, text: str, start: int, end: int, r: FigureRules) -> Optional[UnitForm]:
    """The unit of the far end of a range or change whose near end is the tokens [start, end):
    "3-5 years" -> years, "between 30 and 40 percent" -> percent, "from 4.1 to 4.5%"."""
    if end + 1 >= len(doc) or doc[end].lower_ not in r.range_links:
        return None
    opener = doc[start - 1].lower_ if start > 0 else ""
    if doc[end].lower_ == "and" and opener not in r.range_openers:
        return None
    other = _number_run(doc, end + 1, r)
    if other is None:
        return None
    if other.unit is not None:
        return other.unit
    if other.footnote:
        return None
    stop = doc[other.end - 1]
    hit = r.unit_after(text, stop.idx + len(stop.text), scaled=other.scale > 1)
    return hit[1] if hit is not None and _token_end(doc, other.end - 1, hit[0]) is not None else None


def _after_change_verb(doc: Doc, i: int, r: FigureRules) -> bool:
    """Token i follows a verb of change, directly or through "by" ("fell by 3", "rose 12")."""
    j = i - 1
    if j >= 0 and doc[j].lower_ == "by":
        j -= 1
    if j < 0:
        return False
    verb = doc[j]
    return (verb.lemma_ or verb.lower_).lower() in r.change_verbs or verb.lower_ in r.change_verbs


def _join_ranges(doc: Doc, text: str, found: list[Found], r: FigureRules) -> None:
    """Two figures joined as a range or a change share what only one of them wrote.

    "between 30 and 40 percent", "30-40%", "5,000 to 7,000 people": a range, the low end
    ``at_least``, the high end ``at_most`` (when neither has a qualifier of its own); "between"
    joins the low end's text. "from 4.1% to 4.5%": a change, two plain figures. Either way a
    unit or a multiplier written once counts for both ("$2-3 million" -> 2 and 3 million USD).
    A hyphen between a larger and a smaller number is a score ("won 3-1"), not a range.
    """
    for a, b in zip(found, found[1:]):
        link = doc[a.right:b.left]
        if len(link) != 1 or link[0].lower_ not in r.range_links:
            continue
        opener = doc[a.left - 1].lower_ if a.left > 0 else ""
        if link[0].lower_ == "and" and opener not in r.range_openers:
            continue
        fa, fb = a.fig, b.fig
        if link[0].lower_ == "to" and _after_change_verb(doc, a.left, r):
            continue  # "fell 3 points to 28%": the change, then the new level
        if fa["unit"] is not None and fb["unit"] is not None and fa["unit"] != fb["unit"]:
            continue  # "12 percent to $3.4 billion": two different things
        if fa["unit"] is None and fb["unit"] is not None and a.family is None:
            fa["unit"], fa["kind"], a.family = fb["unit"], fb["kind"], b.family
        elif fb["unit"] is None and fa["unit"] is not None and b.family is None:
            fb["unit"], fb["kind"], b.family = fa["unit"], fa["kind"], a.family
        va, vb = Decimal(str(fa["value"])), Decimal(str(fb["value"]))
        if a.scale == 1 and b.scale > 1 and va * b.scale <= vb:
            fa["value"] = _as_number(va * b.scale)       # "between 1 and 2 million"
        elif b.scale == 1 and a.scale > 1 and vb < va <= vb * a.scale:
            fb["value"] = _as_number(vb * a.scale)       # "$2 million-3"
        if opener in r.change_openers or not fa["value"] < fb["value"]:
            continue
        if fa["qualifier"] is None and fb["qualifier"] is None:
            fa["qualifier"], fb["qualifier"] = "at_least", "at_most"
            if opener in r.range_openers and a.left > 0:
                s = doc[a.left - 1].idx
                fa["span"] = (s, fa["span"][1])
                fa["text"] = text[s:fa["span"][1]]


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


def _is_date_part(doc: Doc, start: int, end: int, value: Decimal, unit: Optional[str], partner: Optional[str],
                  r: FigureRules, has_dep: bool, excluded) -> bool:
    """Day numbers of dates, years and other DATE/TIME numbers that are not durations. ``unit``
    is the family of the figure's own unit, ``partner`` that of the far end of its range ("3-5
    years")."""
    if unit == "time":
        return False  # "13 years", "11 days", "More than six months"
    if unit is None and _range_end_is_date(doc, start, end, r, excluded):
        return True  # "November 1-2", "2008-9", "between 10-11 a.m."
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
            and doc[start].ent_type_ in ("DATE", "TIME") and value < 1000 and partner != "time" \
            and not _in_range(doc, start, end, r):
        return True
    return False


def _range_end_is_date(doc: Doc, start: int, end: int, r: FigureRules, excluded) -> bool:
    """The other end of a range the number [start, end) belongs to is a day of a month, a year or
    a time: "November 1-2", "Sept. 19 to 22", "the 2008-9 crisis", "between 10-11 a.m."."""
    others = []
    if start >= 2 and doc[start - 1].lower_ in r.range_links:
        others.append(start - 2)
    if end + 1 < len(doc) and doc[end].lower_ in r.range_links:
        others.append(end + 1)
    for k in others:
        t = doc[k]
        if not t.like_num:
            continue
        prev = doc[k - 1] if k > 0 else None
        if prev is not None and prev.text == "." and k > 1:
            prev = doc[k - 2]
        if _is_month(prev) or (k + 1 < len(doc) and _is_month(doc[k + 1])):
            return True
        if len(t.text) == 4 and t.text.isdigit() and 1000 <= int(t.text) <= 2100:
            return True
        if _overlaps(t.idx, t.idx + len(t.text), excluded):
            return True
    return False


def _in_range(doc: Doc, start: int, end: int, r: FigureRules) -> bool:
    """The number [start, end) is one end of a range of two numbers ("between 40 and 60", "3-5"),
    which NER often calls a DATE ("Between 40 and 60 boats")."""
    def number(i: int) -> bool:
        return 0 <= i < len(doc) and (doc[i].like_num or r.is_number_word(doc[i]))
    before = start >= 2 and doc[start - 1].lower_ in r.range_links and number(start - 2)
    after = end + 1 < len(doc) and doc[end].lower_ in r.range_links and number(end + 1)
    if not (before or after):
        return False
    if (before and doc[start - 1].lower_ == "and") or (after and doc[end].lower_ == "and"):
        first = start - 2 if before else start
        while first > 0 and number(first - 1):
            first -= 1
        return first > 0 and doc[first - 1].lower_ in r.range_openers
    return True


def _is_name_number(doc: Doc, start: int, end: int, value: Decimal, unit: Optional[str], r: FigureRules,
                    has_dep: bool) -> bool:
    """A number that is part of a name: "Resolution 2334", "Channel 12", "Article 51", "Windows
    11", "221 Baker Street". ``unit`` is the family of the figure's unit."""
    if unit is not None:
        return False
    # "221 Baker Street": a number before a capitalised name ending in a street word is an address
    k = end
    while k < len(doc) and doc[k].is_title and doc[k].lower_.rstrip(".") not in r.place_nouns:
        k += 1
    if k > end and k < len(doc) and doc[k].is_title and doc[k].lower_.rstrip(".") in r.place_nouns:
        return True
    if start == 0:
        return False
    prev = doc[start - 1]
    # "the Windows 11 update": after a name, a number above one that modifies a singular noun
    # counts nothing (a count takes a plural: "Boeing's 737 jets" is rare, "two Boeing jets" usual)
    counted = _counted_noun(doc[start:end]) if has_dep else None
    if counted is not None and counted.tag_ in ("NN", "NNP") and value > 1 and prev.pos_ == "PROPN" \
            and doc[start].dep_ == "nummod":
        return True
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
    """(counted noun token, subject text) for a figure, from the dependency parse. ``unit`` is
    the family of the figure's unit."""
    if unit == "time":
        return None, None  # "six months", "11 days of fighting": a length of time, not a count
    noun = _counted_noun(fig_tokens)
    if noun is not None:
        if noun.lower_ in r.after_units or noun.text in r.after_units \
                or not _same_line(text, fig_tokens.end_char, noun.idx):
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


def _share_qualifiers(doc: Doc, found: list[Found]) -> None:
    """"at least 248 Palestinians and 12 Israelis": the qualifier covers both conjoined counts.

    A figure without a qualifier of its own takes the one of the figure before it when their
    counted nouns are conjoined: in the parse (the second noun is a ``conj`` of the first), or,
    as the small model often misparses this, on the surface ("<figure> <noun> and <figure>"),
    and neither has a unit. "killed nearly 900 fighters and wounded 3,100 others" shares
    nothing: the verbs are conjoined, not the counts.
    """
    for p, f in zip(found, found[1:]):
        prev, prev_noun, fig, noun, start = p.fig, p.noun, f.fig, f.noun, f.left
        if fig["qualifier"] is not None or not prev["qualifier"] or prev["unit"] or fig["unit"]:
            continue
        if noun is None or prev_noun is None:
            continue
        parsed = noun.dep_ == "conj" and noun.head == prev_noun
        written = start >= 2 and doc[start - 1].lower_ in ("and", "or", ",") and doc[start - 2] == prev_noun
        if parsed or written:
            fig["qualifier"] = prev["qualifier"]
