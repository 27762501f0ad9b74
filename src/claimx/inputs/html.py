"""A saved web page (``.html``, ``.htm``, and the same gzipped): the article's main text and its metadata.

    read_html_file(path, shown, doc_id)  ->  Article | Problem
    read_html(data, shown, doc_id)       ->  Article | Problem

**Decoding.** The page's bytes are decoded by `claimx.inputs.decode`, which also honours the
encoding the page declares (``<meta charset>``, ``http-equiv`` Content-Type, an XML declaration)
when the bytes are not UTF-8.

**Text.** trafilatura finds the main text, with ``favor_precision``: on a typical news page it
keeps the same article as the defaults, but on a short one (a brief of one paragraph) the
defaults fall back to the whole page, menu, captions and related headlines included, and on a page
with no article they return its menu or cookie banner as text. Cookie and consent banners are
pruned before extraction (trafilatura keeps one when nothing else is left). Navigation, related
links, scripts and footers are trafilatura's job to leave out. One
paragraph, heading or list item is one line of the text: claimx reads a line break as the end of
a sentence. This extracted text is ``Article.text``: every claim offset points into it, not into
the page. The headline is metadata (``doc.title``), not text: where trafilatura puts it on the
first line, that line is dropped, so the headline's words give no second copy of the body's
claims and the article's own text starts at its first paragraph.

**Metadata** (``Article.meta``), as the page states it: ``title``; ``outlet`` from the site name
(``og:site_name`` and the like, else the site's host name, as trafilatura reads it); ``author``;
``url`` the canonical link (``<link rel=canonical>``, else ``og:url``); ``published`` from the
page's markup and its URL, never guessed from dates in the text or a copyright line (htmldate's
extensive search is off), as ``YYYY-MM-DD``, or ``YYYY-MM-DDTHH:MM:SS`` when the page's published
time states one for that day (offset dropped, wall-clock kept, as for corpus columns).

**Offline.** Nothing is fetched: trafilatura is handed the decoded page and no URL.
trafilatura is imported only here, when a page is read; without it the page is a Problem naming
the ``html`` extra.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Optional

from claimx import errors
from claimx.inputs import Article, Meta, Problem
from claimx.inputs.decode import decode_bytes
from claimx.inputs.textfile import gunzip_if_gzip, read_file_bytes

CHARSET_WINDOW = 4096  # a page declares its encoding near the top (the HTML standard says 1024 bytes)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml\b[^>]*\?>", re.IGNORECASE)
# the page's own statement of its publication time, looked up to add the time of day to the date
_PUBLISHED_XPATH = ("//meta[@property='article:published_time' or @name='article:published_time' "
                    "or @property='og:published_time' or @itemprop='datePublished' "
                    "or @name='pubdate' or @name='publish-date' or @name='date']/@content")
_SPACE = re.compile(r"\s+")
# Cookie and consent banners (class or id naming them): never article text. Not an element that
# holds the page (sites mark <body class="cookie-consent-pending"> while the banner shows).
_BANNER_XPATH = " | ".join(
    f"//*[not(self::html or self::body or self::main or self::article)]"
    f"[not(.//article or .//main or .//h1)]"
    f"[contains(translate(concat(@class, ' ', @id), '{word.upper()}', '{word}'), '{word}')]"
    for word in ("cookie", "consent", "gdpr"))


def read_html_file(path: Path, shown: str, doc_id: str) -> Article | Problem:
    """The article in a saved page; ``shown`` names it in messages, ``doc_id`` is its id."""
    data = read_file_bytes(path, shown)
    if isinstance(data, Problem):
        return data
    return read_html(data, shown, doc_id)


def read_html(data: bytes, shown: str, doc_id: str) -> Article | Problem:
    """The article in a page's bytes (standard input's when ``shown`` is ``-``)."""
    try:
        import trafilatura
        from trafilatura.utils import load_html
    except ImportError:
        return Problem(shown, errors.NEEDS_EXTRA.format(path=shown, what="HTML pages", extra="html"))
    data = gunzip_if_gzip(data, shown, by_suffix=False)
    if isinstance(data, Problem):
        return data
    decoded = decode_bytes(data, shown, declared=declared_charset(data))
    if isinstance(decoded, Problem):
        return decoded
    # The page is already text: an XML declaration naming its old encoding would make lxml
    # re-read the text as bytes in that encoding.
    page = _XML_DECLARATION.sub("", decoded.text, count=1)
    try:
        tree = load_html(page)
        if tree is None:
            return Problem(shown, errors.HTML_NO_TEXT.format(path=shown))
        canonical = _canonical_url(tree)
        published_times = [str(v) for v in tree.xpath(_PUBLISHED_XPATH)]
        # no url: trafilatura fetches nothing; dates only from markup and URL, not guessed from text
        doc = trafilatura.bare_extraction(
            tree, with_metadata=True, favor_precision=True, include_comments=False, include_tables=True,
            prune_xpath=_BANNER_XPATH,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as err:  # noqa: BLE001 - one odd page costs that page, never the run
        return Problem(shown, errors.UNREADABLE.format(path=shown, reason=f"HTML not parsed ({errors.one_line(err)})"))
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    title = _clean(getattr(doc, "title", None))
    text = _without_headline(text, title)
    if not text.strip():
        return Problem(shown, errors.HTML_NO_TEXT.format(path=shown))
    meta = Meta(
        title=title,
        outlet=_clean(getattr(doc, "sitename", None)),
        author=_clean(getattr(doc, "author", None)),
        published=_published(getattr(doc, "date", None), published_times),
        url=canonical or _absolute(getattr(doc, "url", None)),
    )
    return Article(id=doc_id, text=text, path=None if shown == "-" else shown, meta=meta,
                   encoding=decoded.encoding, where=shown, warnings=list(decoded.warnings))


def declared_charset(data: bytes) -> Optional[str]:
    """The encoding a page names for itself near its top (``<meta charset>``, a Content-Type
    ``http-equiv`` meta, an XML declaration), or None."""
    head = data[:CHARSET_WINDOW]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def _without_headline(text: str, title: Optional[str]) -> str:
    """``text`` without a first line that is the headline (the title is in ``doc.title``)."""
    if not title:
        return text
    first, sep, rest = text.partition("\n")
    if sep and _fold(first) == _fold(title):
        return rest
    return text


def _canonical_url(tree: Any) -> Optional[str]:
    for href in tree.xpath("//head//link[@href][contains(concat(' ', normalize-space(translate("
                           "@rel, 'CANONICAL', 'canonical')), ' '), ' canonical ')]/@href"):
        url = _absolute(str(href))
        if url:
            return url
    return None


def _absolute(url: Optional[str]) -> Optional[str]:
    """An absolute http(s) URL (``//host/path`` completed with https), else None: a relative link
    in a saved page has no host to be read against."""
    if not url:
        return None
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    return url if re.match(r"https?://[^/\s]+", url, re.IGNORECASE) else None


def _published(date: Optional[str], stated: list[str]) -> Optional[str]:
    """The page's publication date (htmldate's ``YYYY-MM-DD``) as ISO 8601, with the time of day
    where the page's own published-time metadata gives one for the same day."""
    from claimx.inputs.corpus import published_iso  # one convention for every reader

    day = published_iso(date) if date else None
    if day is None:
        return None
    for value in stated:
        iso = published_iso(value)
        if iso and iso[:10] == day[:10] and len(iso) > 10:
            return iso
    return day


def _clean(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    value = _SPACE.sub(" ", str(value)).strip()
    return value or None


def _fold(value: str) -> str:
    return _SPACE.sub(" ", value).strip().casefold()
