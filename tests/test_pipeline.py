"""claimx.pipeline: how articles are batched and run, in one process or several, whole or in pieces.

- batches hold at most a number of articles and of characters (the model's memory follows them);
- ``-j 2`` gives the same bytes as ``-j 1``, whatever the batches and however the work is dealt;
- what the workers send back (msgpack) decodes to the results themselves;
- an article longer than ``max_chars`` gives the claims of its pieces, each extracted as an article
  of its own with the whole article's metadata, moved to the article's offsets.
"""
from __future__ import annotations

import msgspec
import pytest

from claimx.inputs import Article, Meta, iter_inputs
from claimx.pieces import split_pieces
from claimx.pipeline import BATCH_CHARS, Extractor, _encode_results, _results_decoder, batches, extract_articles
from tests.conftest import ROOT, SEEDS, assert_offsets


def article(n: int, chars: int) -> Article:
    return Article(id=f"a{n}", path=None, text="x" * chars)


@pytest.mark.parametrize("lengths, size, max_chars, expected", [
    pytest.param([10] * 5, 2, 100, [[10, 10], [10, 10], [10]], id="by-count"),
    pytest.param([40, 40, 40, 40], 8, 100, [[40, 40], [40, 40]], id="never-over-the-characters"),
    pytest.param([50, 50, 10], 8, 100, [[50, 50], [10]], id="full-at-the-characters"),
    pytest.param([10, 300, 10, 10], 8, 100, [[10], [300], [10, 10]], id="a-long-article-alone"),
    pytest.param([300, 300], 8, 100, [[300], [300]], id="long-ones-one-by-one"),
    pytest.param([], 8, 100, [], id="nothing"),
])
def test_batches(lengths, size, max_chars, expected):
    got = batches((article(n, k) for n, k in enumerate(lengths)), size, max_chars)
    assert [[len(a.text) for a in b] for b in got] == expected


def test_batches_hold_at_most_batch_chars_by_default():
    got = list(batches((article(n, 7_000) for n in range(10)), 8))
    assert all(sum(len(a.text) for a in b) <= BATCH_CHARS for b in got)
    assert sum(len(b) for b in got) == 10


def corpus() -> list[Article]:
    paths = [str(SEEDS), str(ROOT / "tests" / "golden")]
    articles = [a for a in iter_inputs(paths) if isinstance(a, Article)]
    assert len(articles) >= 12
    return articles


def as_bytes(results) -> list[bytes]:
    return [msgspec.json.encode([r.doc, r.claims, r.error]) for r in results]


@pytest.mark.parametrize("batch_size", [1, 2, 8])
def test_two_processes_give_the_same_bytes_as_one(nlp, batch_size):
    articles = corpus()
    one = as_bytes(extract_articles(nlp, articles, batch_size=batch_size, n_process=1))
    two = as_bytes(extract_articles(nlp, articles, batch_size=batch_size, n_process=2))
    assert len(one) == len(articles)
    assert two == one
    three = as_bytes(extract_articles(nlp, articles, batch_size=batch_size, n_process=3))
    assert three == one


def test_a_consumer_that_stops_early_stops_the_workers(nlp):
    results = extract_articles(nlp, corpus(), batch_size=1, n_process=2)
    first = next(results)
    results.close()
    assert first.error is None


def test_what_workers_send_decodes_to_the_results(nlp):
    articles = corpus()[:3] + [Article(id="empty", path=None, text="", meta=Meta(outlet="Harbour Post"))]
    results = Extractor(nlp).run(articles)
    assert sum(len(r.claims) for r in results) >= 10
    assert _results_decoder().decode(_encode_results(results)) == results


def test_a_long_article_gives_its_pieces_claims(nlp):
    bodies = [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in sorted((ROOT / "tests" / "golden").glob("*.txt"))]
    text = "Harbour news of the week\n\n" + "\n\n".join(b.strip() for b in bodies) + "\n"
    meta = Meta(title="Harbour news of the week", outlet="Harbour Post", published="2024-05-02")
    max_chars = 1_500
    pieces = split_pieces(text, max_chars)
    assert len(pieces) >= 4

    (whole,) = Extractor(nlp, max_chars=max_chars).run([Article(id="long", path=None, text=text, meta=meta)])
    expected, count = [], 0
    for start, end in pieces:
        (part,) = Extractor(nlp, max_chars=len(text)).run(
            [Article(id="long", path=None, text=text[start:end], meta=meta)])
        for c in part.claims:
            shifted = msgspec.json.decode(msgspec.json.encode(c))
            shifted["id"] = f"long#{count + int(c.id.split('#')[1])}"
            if c.within is not None:
                shifted["within"] = f"long#{count + int(c.within.split('#')[1])}"
            for obj in [shifted, shifted["speaker"], shifted["cue"], *shifted["figures"]]:
                if obj is not None:
                    obj["span"] = [obj["span"][0] + start, obj["span"][1] + start]
            expected.append(shifted)
        count += len(part.claims)
    got = msgspec.json.decode(msgspec.json.encode(whole.claims))
    assert len(got) >= 20
    assert got == expected
    for claim in got:
        assert_offsets(text, claim)
