"""Markup inside a text: HTML tags, comments, scripts and styles, masked so they are never prose.

Corpus exports often carry an article's HTML in their text column (``<p class="lead">The mayor
said ...``), and a page may be pasted into a text file. Attributes there (``alt="The pier, as seen
from the harbour"``, ``title="Read more"``) look like quotations and speakers to the rules. The
offsets must stay those of the text as read, so markup is not removed but replaced by spaces of
the same length before the text is parsed (`mask_markup`); every claim's text fields are then
taken back from the original text at the same offsets (`claimx.pipeline`).

Only tags with an HTML element name are markup: "a < b and c > d" is left alone.
"""
from __future__ import annotations

import re

_ELEMENTS = (
    "a|abbr|article|aside|audio|b|blockquote|body|br|button|caption|cite|code|dd|del|details|div|dl|dt|em|"
    "embed|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|label|li|"
    "link|main|mark|meta|nav|noscript|ol|option|p|picture|pre|q|s|section|select|small|source|span|strong|"
    "sub|summary|sup|table|tbody|td|textarea|tfoot|th|thead|time|title|tr|u|ul|video|wbr"
)
# whole blocks whose content is never prose, then comments, then single tags
_MARKUP = re.compile(
    r"<(script|style)\b[^>]*>.*?</\1\s*>"
    r"|<!--.*?-->"
    r"|</?(?:" + _ELEMENTS + r")(?:\s[^<>]*)?/?>",
    re.IGNORECASE | re.DOTALL,
)


def markup_spans(text: str) -> list[tuple[int, int]]:
    """The character ranges of markup in ``text``, in order."""
    if "<" not in text:
        return []
    return [m.span() for m in _MARKUP.finditer(text)]


def mask_markup(text: str) -> str:
    """``text`` with every markup range replaced by as many spaces (line breaks kept, so lines and
    paragraphs stay where they were); the text itself when it has none."""
    spans = markup_spans(text)
    if not spans:
        return text
    out, pos = [], 0
    for s, e in spans:
        out.append(text[pos:s])
        out.append("".join(c if c in "\r\n" else " " for c in text[s:e]))
        pos = e
    out.append(text[pos:])
    return "".join(out)
