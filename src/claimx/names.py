"""Speaker names across documents: which names are one speaker, and the name each goes by.

Every speaker name is folded (`name_tokens`: case, accents, "the", possessive "'s"; for a person
also the titles and honorifics before the name and middle initials: `person_tokens`, so "Mr.
Trump", "President-elect Donald J. Trump" and "Donald Trump" are "donald trump" / "trump") and the
names are clustered (`cluster_speakers`):

- a person's surname alone is the full name ("Haniyeh" = "Ismail Haniyeh") when the last words
  match and every word of the shorter name is in the longer one; "Ismail" is not "Ismail Haniyeh";
- group, organisation, government, media and place names match by word-set containment ("Egyptian
  security officials" ~ "Senior Egyptian security officials"; one generic word like "officials"
  is not enough) or as an acronym ("UN" = "United Nations");
- a person never matches anything but a person;
- name words may differ in spelling ("Haniyeh" ~ "Haniya"): see `NAME_THRESHOLD`.

Each cluster is named by its fullest name, the *speaker key* (`speaker_keys`), which `query
--group-by speaker`, `diff` and `report` all use, so one speaker has one name everywhere.
No spaCy here.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from rapidfuzz.distance import JaroWinkler

from claimx import rules
from claimx.claimfiles import as_claims
from claimx.folding import words
from claimx.schema import Claim

# Jaro-Winkler similarity (0..1) at which two spellings of a name word are one ("Haniyeh" ~
# "Haniya", "Mohammed" ~ "Mohammad"); 1 accepts only identical words (after folding). The default
# of `claimx diff --name-threshold`.
NAME_THRESHOLD = 0.9

# Speaker types that can name the same source ("Egypt" may be typed a government in one article
# and a place in another). A person is only ever a person.
FAMILY = {"person": "person", "organization": "body", "government": "body", "media": "body",
          "place": "body", "group": "group", "anonymous": "group"}
_NAME_NOISE = frozenset(("the", "a", "an", "s"))
_ACRONYM_SKIP = frozenset(("of", "the", "for", "and"))
_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.IGNORECASE)


def _title_words() -> frozenset[str]:
    data = rules.load("sources.json")
    return frozenset(w for phrase in (*data["honorifics"], *data["role_nouns"], *data["name_titles"])
                     for w in words(phrase))


_TITLES = _title_words()


def person_tokens(tokens: Sequence[str]) -> tuple[str, ...]:
    """A person's folded name without the titles before it and middle initials: ("president",
    "elect", "donald", "j", "trump") -> ("donald", "trump"); ("mr", "trump") -> ("trump",);
    ("hamas", "spokesman", "hazem", "qassem") -> ("hazem", "qassem"): everything up to a title
    word that two words still follow goes. The last word (the surname) is always kept."""
    toks = list(tokens)
    last = max((i for i, t in enumerate(toks[:-2]) if t in _TITLES), default=None)
    if last is not None:                 # "Egyptian Foreign Minister Sameh Shoukry" -> "Sameh Shoukry"
        toks = toks[last + 1:]
    while len(toks) > 1 and toks[0] in _TITLES:
        del toks[0]
    if len(toks) > 2:
        toks = [t for t in toks[:-1] if len(t) > 1] + toks[-1:]
    return tuple(toks)


def without_titles(name: str) -> str:
    """A person's name as written, without the titles before it: "President-elect Donald Trump"
    -> "Donald Trump", "Sen. Bernie Sanders" -> "Bernie Sanders", "Hamas spokesman Hazem Qassem"
    -> "Hazem Qassem" (as `person_tokens`)."""
    parts = name.split()
    titled = [i for i, part in enumerate(parts[:-2]) if any(w in _TITLES for w in words(part))]
    if titled:
        parts = parts[titled[-1] + 1:]
    while len(parts) > 2 and all(w in _TITLES for w in words(parts[0])):
        del parts[0]                     # a name of one word keeps its title: "Prince Harry", "Mr. Trump"
    return " ".join(parts)


def _folded(name: str, family: str) -> tuple[str, ...]:
    toks = name_tokens(name)
    return person_tokens(toks) if family == "person" else toks


def speaker_family(type_: str) -> str:
    """The family of a speaker type: names match only within one family."""
    return FAMILY.get(type_, type_)


def name_tokens(name: str) -> tuple[str, ...]:
    """Folded name words without articles or possessive 's: "The Egypt's army" -> (egypt, army)."""
    return tuple(w for w in words(name) if w not in _NAME_NOISE)


def same_name_word(x: str, y: str, threshold: float = NAME_THRESHOLD) -> bool:
    """One name word, allowing for transliteration ("Haniyeh" ~ "Haniya", "Mohammed" ~
    "Mohammad"): words of four letters or more that begin with the same two letters, with a
    Jaro-Winkler similarity (which weighs the start of a word most) of at least ``threshold``."""
    return x == y or (min(len(x), len(y)) >= 4 and x[:2] == y[:2]
                      and JaroWinkler.similarity(x, y) >= threshold)


def _tokens_within(short: Sequence[str], long: Sequence[str], threshold: float) -> bool:
    """Every token of ``short`` matches a distinct token of ``long``."""
    free = list(long)
    for tok in short:
        for i, cand in enumerate(free):
            if same_name_word(tok, cand, threshold):
                del free[i]
                break
        else:
            return False
    return True


def acronym(tokens: Sequence[str]) -> str:
    """The initials of a folded name, without "of", "the", "for", "and": United Nations -> un."""
    return "".join(t[0] for t in tokens if t not in _ACRONYM_SKIP)


def same_speaker(a: tuple[str, ...], b: tuple[str, ...], family: str,
                 threshold: float = NAME_THRESHOLD) -> bool:
    """Whether two folded names (`name_tokens`) of one speaker family can be one source."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = (a, b) if (len(a), a) <= (len(b), b) else (b, a)
    if family == "person":
        # Surname = full name: the last words must match, and every word of the shorter name.
        return same_name_word(short[-1], long[-1], threshold) and _tokens_within(short, long, threshold)
    if len(short) == 1 and len(long) > 1 and short[0] == acronym(long):
        return True
    if len(short) == 1:
        # "officials" is not "Egyptian security officials": one word alone must be the name.
        return len(long) == 1 and same_name_word(short[0], long[0], threshold)
    return _tokens_within(short, long, threshold)


def spelling_rank(name: str) -> tuple:
    """Which spelling of one folded name to show: the longest, then the most capitalised
    ("Regional Transport Office" over "regional transport office"), then by code point."""
    return (len(name), sum(ch.isupper() for ch in name), name)


def cluster_speakers(names: Iterable[tuple[str, str]],
                     threshold: float = NAME_THRESHOLD) -> dict[tuple[str, str], str]:
    """Map each (name, type) to the name its cluster goes by (its fullest name).

    Complete linkage: a name joins a cluster only if it matches every name already in it, and
    only if exactly one cluster will have it ("Netanyahu" between "Benjamin Netanyahu" and "Yair
    Netanyahu" stays alone). Names are taken longest first, then alphabetically: deterministic.
    """
    names = list(names)
    distinct: dict[tuple[str, tuple[str, ...]], str] = {}  # folded name -> the spelling to show
    for name, type_ in names:
        family = speaker_family(type_)
        key = (family, _folded(name, family))
        shown = _ARTICLE.sub("", name.strip())
        if family == "person":
            shown = without_titles(shown)
        if key not in distinct or _shown_rank(shown, key[1]) > _shown_rank(distinct[key], key[1]):
            distinct[key] = shown
    clusters: list[tuple[str, list[tuple[str, ...]], str]] = []  # (family, members, display name)
    cluster_of: dict[tuple[str, tuple[str, ...]], int] = {}
    # Names that can match share a word's first two letters, or one is the other's acronym:
    # only clusters sharing such a key are candidates (the same answer, without comparing every
    # name with every cluster).
    index: dict[tuple[str, str], list[int]] = {}
    for family, toks in sorted(distinct, key=lambda k: (k[0], -len(k[1]), k[1])):
        keys = {(family, t[:2]) for t in toks}
        if len(toks) == 1:
            keys.add((family, "acronym:" + toks[0]))
        candidates = sorted({i for k in keys for i in index.get(k, ())})
        fits = [i for i in candidates
                if all(same_speaker(toks, m, family, threshold) for m in clusters[i][1])]
        if len(fits) == 1:
            target = fits[0]
            clusters[target][1].append(toks)
        else:
            clusters.append((family, [toks], distinct[(family, toks)]))
            target = len(clusters) - 1
        cluster_of[(family, toks)] = target
        if len(toks) > 1:
            keys.add((family, "acronym:" + acronym(toks)))
        for k in keys:
            bucket = index.setdefault(k, [])
            if not bucket or bucket[-1] != target:
                bucket.append(target)
    return {(name, type_): clusters[cluster_of[(speaker_family(type_), _folded(name, speaker_family(type_)))]][2]
            for name, type_ in names}


def _shown_rank(name: str, folded: tuple[str, ...]) -> tuple:
    """Of the spellings of one folded name, show one without a title ("Donald Trump" over
    "President-elect Donald Trump"), then by `spelling_rank`."""
    return (len(name_tokens(name)) == len(folded), *spelling_rank(name))


def speaker_keys(claims: Iterable[Claim | dict], threshold: float = NAME_THRESHOLD) -> dict[str, str]:
    """Claim id -> the name its speaker goes by across all these claims (unattributed: absent)."""
    claims = as_claims(claims)
    pairs = [(c.speaker.name, c.speaker.type) for c in claims if c.speaker is not None]
    names = cluster_speakers(pairs, threshold)
    return {c.id: names[(c.speaker.name, c.speaker.type)] for c in claims if c.speaker is not None}
