"""Saved web pages (claimx.inputs.html): main text and metadata via trafilatura, from real files.

The pages are written here for the tests (a made-up local paper), with the chrome a saved news page
carries: a cookie banner, a menu, related stories, scripts, a footer.
"""
from __future__ import annotations

import codecs
import gzip
import socket
import sys

import pytest

from claimx import errors
from claimx.inputs import Article, Meta, Problem
from claimx.inputs.html import declared_charset, read_html, read_html_file
from tests.conftest import assert_offsets

PARAGRAPHS = [
    "The Harbour town council voted 7 to 2 on Thursday to build a concrete flood wall along the old "
    "quay, ending a dispute that has dragged on for almost four years.",
    "The wall will cost $14 million and is expected to protect about 600 homes from the spring storm "
    "surges that flooded the lower town twice in the past decade.",
    "“This is the day the lower town has been waiting for,” said Mayor Helen Brandt, who had "
    "campaigned on the project. “Nobody should have to bail out their kitchen every March.”",
    "According to the council's engineering report, construction will begin in September and take "
    "roughly eighteen months to complete.",
    "Opponents argued that the wall would cut the harbour off from the town centre. Councillor Dev "
    "Patel said the council had ignored cheaper options such as raised walkways and tidal gates.",
    "The regional environment agency is expected to approve the final design by the end of the "
    "summer, officials said.",
]
HEADLINE = "Harbour council approves flood wall after long delay"
CANONICAL = "https://www.lakesidecourier.example/news/2024/05/02/flood-wall"
# Words that only the page's chrome holds: none may reach the text.
CHROME_WORDS = ["cookie", "Accept all", "Subscribe today", "Weather", "Related stories", "Ferry timetable",
                "Market square", "Copyright", "All rights reserved", "Privacy policy", "dataLayer",
                "trackPageview", "analytics", "position: fixed", "<p>", "</", "Mira Okonjo"]


def news_page(paragraphs=PARAGRAPHS, head_extra="", published="2024-05-02T13:05:00-04:00",
              charset="utf-8", body_attrs="", canonical=CANONICAL, og_url=CANONICAL + "?utm_source=share") -> str:
    body = "\n".join(f"    <p>{p}</p>" for p in paragraphs)
    published_meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    canonical_link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    og_url_meta = f'<meta property="og:url" content="{og_url}">' if og_url else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="{charset}">
<title>{HEADLINE} | The Lakeside Courier</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="The Lakeside Courier">
<meta property="og:title" content="{HEADLINE}">
<meta property="og:type" content="article">
{og_url_meta}
{published_meta}
<meta name="author" content="Mira Okonjo">
{canonical_link}
{head_extra}
<script>window.dataLayer = window.dataLayer || []; function trackPageview() {{ dataLayer.push({{event: "pageview"}}); }}</script>
<style>.cookie-banner {{ position: fixed; }}</style>
</head>
<body{body_attrs}>
<div class="cookie-banner" id="cookie-consent">
  <p>We use cookies to improve your experience. By continuing you accept our cookie policy.</p>
  <button>Accept all cookies</button>
</div>
<header class="site-header">
  <a class="logo" href="/">The Lakeside Courier</a>
  <nav class="main-nav">
    <ul>
      <li><a href="/news">News</a></li>
      <li><a href="/sport">Sport</a></li>
      <li><a href="/weather">Weather</a></li>
      <li><a href="/subscribe">Subscribe today</a></li>
    </ul>
  </nav>
</header>
<main>
<article class="story">
  <h1 class="headline">{HEADLINE}</h1>
  <p class="byline">By <span class="author">Mira Okonjo</span></p>
  <div class="story-body">
{body}
  </div>
</article>
<aside class="related-stories">
  <h2>Related stories</h2>
  <ul>
    <li><a href="/news/ferry-timetable">Ferry timetable changes announced for summer season</a></li>
    <li><a href="/news/market-square">Market square parking fees to rise next month</a></li>
  </ul>
</aside>
</main>
<footer class="site-footer">
  <p>Copyright 2024 The Lakeside Courier Media Group. All rights reserved.</p>
  <ul><li><a href="/privacy">Privacy policy</a></li></ul>
</footer>
<script src="/static/analytics.js"></script>
<script>trackPageview();</script>
</body>
</html>
"""


NO_ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Page not found | The Lakeside Courier</title>
<meta property="og:site_name" content="The Lakeside Courier">
<script>var tracking = "code";</script></head>
<body>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept all cookies</button></div>
<header><nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li></ul></nav></header>
<main><div class="gallery"><img src="/a.jpg" alt=""><img src="/b.jpg" alt=""></div></main>
<footer class="site-footer"><p>Copyright 2024 The Lakeside Courier Media Group. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy policy</a></li></ul></footer>
</body></html>
"""


@pytest.fixture(scope="module")
def page_article(tmp_path_factory) -> Article:
    path = tmp_path_factory.mktemp("html") / "flood-wall.html"
    path.write_text(news_page(), encoding="utf-8")
    got = read_html_file(path, str(path), "flood-wall")
    assert isinstance(got, Article), got
    return got


def test_text_is_the_article_paragraphs_one_a_line(page_article):
    assert page_article.text == "\n".join(PARAGRAPHS)


def test_headline_is_metadata_not_text(page_article):
    assert page_article.meta.title == HEADLINE
    assert HEADLINE not in page_article.text


@pytest.mark.parametrize("word", CHROME_WORDS)
def test_chrome_gives_no_text(page_article, word):
    assert word.lower() not in page_article.text.lower()


def test_metadata(page_article):
    assert page_article.meta == Meta(title=HEADLINE, outlet="The Lakeside Courier", author="Mira Okonjo",
                                     published="2024-05-02T13:05:00", url=CANONICAL)
    assert page_article.id == "flood-wall"
    assert page_article.encoding is None and page_article.warnings == []
    assert page_article.path.endswith("flood-wall.html") and page_article.where == page_article.path


@pytest.mark.parametrize("kwargs, field, expected", [
    # a date without a time stays a date
    ({"published": "2024-05-02"}, "published", "2024-05-02"),
    # no published metadata: the date in the canonical URL is the page's own
    ({"published": None}, "published", "2024-05-02"),
    # nothing in the markup or the URL: null, never guessed from "Copyright 2024" or the text
    ({"published": None, "canonical": "https://www.lakesidecourier.example/news/flood-wall", "og_url": None},
     "published", None),
    # no canonical link: og:url
    ({"canonical": None, "og_url": "https://lakesidecourier.example/a/1"}, "url",
     "https://lakesidecourier.example/a/1"),
    # a relative canonical link has no host in a saved page: og:url instead
    ({"canonical": "/news/flood-wall", "og_url": "https://lakesidecourier.example/a/1"}, "url",
     "https://lakesidecourier.example/a/1"),
])
def test_metadata_variants(kwargs, field, expected):
    got = read_html(news_page(**kwargs).encode("utf-8"), "p.html", "p")
    assert isinstance(got, Article), got
    assert getattr(got.meta, field) == expected


def test_page_without_article_text_is_a_problem(tmp_path):
    path = tmp_path / "404.html"
    path.write_text(NO_ARTICLE_PAGE, encoding="utf-8")
    assert read_html_file(path, "404.html", "404") == Problem("404.html", errors.HTML_NO_TEXT.format(path="404.html"))


@pytest.mark.parametrize("data", [b"<html><body></body></html>", b"<html><head><title>Only a title</title></head></html>"])
def test_empty_pages_are_problems(data):
    assert read_html(data, "e.html", "e") == Problem("e.html", errors.HTML_NO_TEXT.format(path="e.html"))


BRIEF_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Ferry strike ends as union accepts pay offer - Coastline Daily</title>
<meta property="og:site_name" content="Coastline Daily"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/travel">Travel</a></nav>
<div id="content"><div class="article-body">
<h1>Ferry strike ends as union accepts pay offer</h1>
<figure><img src="/ferry.jpg"><figcaption>The morning ferry at Port Vale. Photo: Coastline Daily</figcaption></figure>
<p>Ferry crews on the <a href="/tags/vale">Port Vale</a> route returned to work on Monday, the union said.</p>
</div></div>
<div class="related"><h3>More from Travel</h3><ul><li><a href="/a">Airport parking prices double</a></li>
<li><a href="/b">New cycle path opens on the coast</a></li></ul></div>
<footer>Coastline Daily 2024</footer></body></html>
"""


@pytest.mark.parametrize("page, text", [
    (BRIEF_PAGE, "Ferry crews on the Port Vale route returned to work on Monday, the union said."),
    # trafilatura keeps the byline of this brief (a byline gives no claims); nothing else of the page
    (news_page(paragraphs=PARAGRAPHS[:1]), "By Mira Okonjo\n" + PARAGRAPHS[0]),
])
def test_short_article_keeps_only_its_text(page, text):
    """A brief of one paragraph: without favor_precision trafilatura falls back to the whole page
    (menu, caption, related headlines)."""
    got = read_html(page.encode("utf-8"), "brief.html", "brief")
    assert isinstance(got, Article), got
    assert got.text == text


def test_consent_class_on_body_does_not_lose_the_page():
    page = news_page(body_attrs=' class="gdpr-consent-pending has-cookie-banner"')
    got = read_html(page.encode("utf-8"), "p.html", "p")
    assert got.text == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize("charset, data_codec, encoding", [
    ("windows-1252", "cp1252", "cp1252"),
    ("iso-8859-1", "cp1252", "cp1252"),   # as browsers read it
    ("utf-8", "cp1252", "cp1252"),        # declared wrongly: detected
])
def test_legacy_encoded_pages(charset, data_codec, encoding):
    data = news_page(charset=charset).encode(data_codec)
    got = read_html(data, "old.html", "old")
    assert isinstance(got, Article), got
    assert got.text == "\n".join(PARAGRAPHS)  # curly quotes decoded, not mojibake
    assert got.encoding == encoding
    assert got.warnings == [errors.DECODED_AS.format(path="old.html", encoding=encoding)]


def test_declared_charset_beyond_cp1252():
    text = "Премьер-министр заявил, что закон вступит в силу в понедельник, сообщили в правительстве."
    page = news_page(paragraphs=[text] * 3, charset="koi8-r").replace("“", '"').replace("”", '"')
    got = read_html(page.encode("koi8-r"), "ru.html", "ru")
    assert isinstance(got, Article), got
    assert got.encoding == "koi8-r"
    assert text in got.text


def test_xml_declaration_naming_another_encoding():
    page = '<?xml version="1.0" encoding="iso-8859-1"?>\n' + news_page()
    got = read_html(page.encode("utf-8"), "x.html", "x")  # the bytes are UTF-8 all the same
    assert got.text == "\n".join(PARAGRAPHS)


def test_utf16_page_with_bom():
    got = read_html(codecs.BOM_UTF16_LE + news_page().encode("utf-16-le"), "w.html", "w")
    assert got.text == "\n".join(PARAGRAPHS)
    assert got.encoding == "utf-16-le"


@pytest.mark.parametrize("head, expected", [
    (b'<meta charset="windows-1251">', "windows-1251"),
    (b"<META CHARSET=koi8-r>", "koi8-r"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "ISO-8859-1"),
    (b'<?xml version="1.0" encoding="Shift_JIS"?><html>', "Shift_JIS"),
    (b"<html><head><title>none</title>", None),
])
def test_declared_charset(head, expected):
    assert declared_charset(b"<!DOCTYPE html>" + head if not head.startswith(b"<?xml") else head) == expected


def test_gzipped_page(tmp_path):
    path = tmp_path / "saved.html.gz"
    path.write_bytes(gzip.compress(news_page().encode("utf-8")))
    got = read_html_file(path, "saved.html.gz", "saved")
    assert isinstance(got, Article), got
    assert got.text == "\n".join(PARAGRAPHS)


@pytest.mark.parametrize("name, data, message", [
    ("empty.html", b"", errors.EMPTY_FILE),
    ("logo.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", errors.BINARY_FILE),
])
def test_problem_files(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    assert read_html_file(path, name, "x") == Problem(name, message.format(path=name))


def test_missing_file(tmp_path):
    got = read_html_file(tmp_path / "gone.html", "gone.html", "gone")
    assert got == Problem("gone.html", errors.UNREADABLE.format(path="gone.html", reason="No such file or directory"))


def test_stdin_page():
    got = read_html(news_page().encode("utf-8"), "-", "stdin")
    assert isinstance(got, Article)
    assert got.path is None and got.where == "-" and got.id == "stdin"


def test_no_network(monkeypatch):
    """Nothing is fetched, even with a canonical URL and images on the page."""
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise OSError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    got = read_html(news_page().encode("utf-8"), "p.html", "p")
    assert isinstance(got, Article)
    assert calls == []


def test_without_trafilatura(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura -> ImportError
    got = read_html(news_page().encode("utf-8"), "p.html", "p")
    assert got == Problem("p.html", errors.NEEDS_EXTRA.format(path="p.html", what="HTML pages", extra="html"))


def test_nothing_printed(capfd):
    """trafilatura's own logging never reaches the user's terminal."""
    read_html(NO_ARTICLE_PAGE.encode("utf-8"), "404.html", "404")
    read_html(b"<p>x</p>", "frag.html", "frag")
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_claims_from_a_page(page_article, nlp):
    """Through the pipeline: the quote's speaker is found and every offset is into the extracted text."""
    import claimx

    text = page_article.text
    claims = claimx.extract(text, nlp=nlp, doc_id=page_article.id, **page_article.meta.as_dict())
    assert claims
    for claim in claims:
        assert_offsets(text, claim)
        assert claim["doc"]["outlet"] == "The Lakeside Courier"
        assert claim["doc"]["url"] == CANONICAL
        assert "<" not in claim["text"]
    quote = [c for c in claims if c["kind"] == "direct" and c["speaker"]
             and c["speaker"]["name"].endswith("Helen Brandt")]
    assert quote, [(c["kind"], c["speaker"], c["text"]) for c in claims]
    assert quote[0]["text"] == "This is the day the lower town has been waiting for"
    according = [c for c in claims if c["kind"] == "according_to"]
    assert according and according[0]["text"].startswith("construction will begin in September")
