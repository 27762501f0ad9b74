"""Text folding: the one way `query`, `diff` and `report` normalise text before comparing it.

Folding drops case and accents (``"Ismaïl HANIYEH"`` -> ``"ismail haniyeh"``); `words` splits the
folded text into words (letters and digits; punctuation and apostrophes split words);
`contains_words` is the whole-word match of the name-like `query` filters; `content_words` drops
function words ("the", "would", "said", ...), so that two wordings compare on what they say.

Plain Python: no spaCy, no third-party import.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")

# Function words carry no content: "X said that the talks would ..." vs "the talks will ...".
STOPWORDS = frozenset("""
a an the and or but nor of to in on at for from by with without as into onto over under about
after before since until than then so if that this these those there here it its is are was were
be been being am has have had having do does did will would shall should can could may might must
not no he she they we i you his her their our them us him me my your who whom whose which what
when where while also just very more most some any all such only said says say told according
""".split())


def fold(text: str) -> str:
    """Case- and accent-insensitive form: NFKD, combining marks dropped, casefolded.

    >>> fold("Ismaïl HANIYEH")
    'ismail haniyeh'
    """
    if text.isascii():                   # nothing to decompose: the common case, and 10x faster
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The folded words of a text (letters and digits; punctuation and apostrophes split words).

    >>> words("Egypt's army, 2024")
    ['egypt', 's', 'army', '2024']
    """
    return _WORD.findall(fold(text))


def contains_words(haystack: str | None, needle: str) -> bool:
    """True if the folded words of ``needle`` occur, in order and adjacent, among those of
    ``haystack``: ``haniyeh`` is in "Ismail Haniyeh", ``ali`` is not in "Khalil al-Hayya"."""
    if not haystack:
        return False
    return _contains(haystack, needle)


@lru_cache(maxsize=1 << 16)
def _contains(haystack: str, needle: str) -> bool:
    """`contains_words`, remembered: a query asks of the same names over and over."""
    want = _word_tuple(needle)
    have = _word_tuple(haystack)
    if not want:
        return True
    n = len(want)
    return any(have[i:i + n] == want for i in range(len(have) - n + 1))


@lru_cache(maxsize=1 << 16)
def _word_tuple(text: str) -> tuple[str, ...]:
    """`words`, remembered: names (speakers, outlets, subjects) repeat across claims."""
    return tuple(words(text))


def content_words(text: str) -> list[str]:
    """The folded words of a text without function words (`STOPWORDS`)."""
    return [w for w in words(text) if w not in STOPWORDS]
