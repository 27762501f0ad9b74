#!/usr/bin/env python3
"""Time the whole pipeline on long and degenerate texts, per component, against a normal article.

    python benchmarks/long_texts.py                          # every text kind, 25k..200k, whole and in pieces
    python benchmarks/long_texts.py --kinds said_lines quote_marks --sizes 50000 100000
    python benchmarks/long_texts.py --mode pieces --sizes 1000000 --kinds news
    python benchmarks/long_texts.py --max-chars 10000 20000 40000     # compare piece sizes

Prints one row per (text kind, size, mode): microseconds per character for the whole pipeline, its ratio to a
normal article's per character (``x ref``) and per token (``x tok``: the model's own components
cost per token, so a text of one-letter words costs more per character whatever claimx does), and
microseconds per character for each component (each pipe of ``claimx.load()`` timed on its own, so the model's components run
unbatched), and the ratio to the reference: the same per-character cost on normal articles (the
PolNeAR dev articles, read from ../shared/eval/polnear/dev.jsonl and never written anywhere, or
the seeds when that file is not there). ``mode`` is ``doc`` (the whole text as one Doc) or
``pieces`` (cut by `claimx.pieces.split_pieces`, each piece its own Doc with the whole text's
header and chrome, as the runner does).

Times are CPU seconds of this process (``time.process_time``), so that other work on the machine
disturbs the comparison less. A run over ``--budget`` seconds (wall clock) is stopped (``>budget``) and the larger sizes of that kind and
mode are skipped. The texts are written here, for this benchmark: no other publisher's words.
"""
from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
SHORT = {"tok2vec": "t2v", "tagger": "tag", "claimx_article": "art", "parser": "parse",
         "attribute_ruler": "attr", "lemmatizer": "lemma", "ner": "ner", "claimx_quotes": "quote",
         "claimx_cues": "cues", "claimx_speakers": "spk", "claimx_figures": "fig", "claimx_dates": "date",
         "claimx_claims": "claim"}


# ---------------------------------------------------------------------------------------------
# Texts

def _fill(unit, size: int) -> str:
    """Repeat ``unit(i)`` (i = 0, 1, ...) until the text holds ``size`` characters."""
    parts, n, i = [], 0, 0
    while n < size:
        part = unit(i)
        parts.append(part)
        n += len(part)
        i += 1
    return "".join(parts)[:size]


def _article_body(text: str) -> str:
    """A seed up to its end marker ("Search Trends", "Related stories"): what follows one is read
    as site chrome to the end of the text, so a seed repeated whole would give no claims after it."""
    markers = json.loads((ROOT / "src" / "claimx" / "rules" / "chrome.json").read_text(encoding="utf-8"))["end_markers"]
    lines = text.split("\n")
    for k, line in enumerate(lines):
        low = line.strip().lower().rstrip(" :")
        if k >= 7 and any(low == m or low.startswith(m + " ") or low.startswith(m + ":") for m in markers):
            return "\n".join(lines[:k])
    return text


def news(size: int) -> str:
    """The seeds, each up to its end marker, again and again, a blank line between them."""
    seeds = [_article_body(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return _fill(lambda i: seeds[i % len(seeds)].rstrip("\n") + "\n\n", size)


def said_lines(size: int) -> str:
    verbs = ("said", "told reporters", "added", "said on Monday")
    return _fill(lambda i: f'"Something happened in district {i % 97}," he {verbs[i % 4]}.\n', size)


def quote_marks(size: int) -> str:
    """One line of marks: balanced pairs, curly pairs, and unbalanced, glued and stray marks."""
    units = ('"a" ', '"b" ', "“c” ", '"d e f g" ', 'h" ', '"i ', "j“k ", "”l ", "'' m `` ", "« n » ")
    return _fill(lambda i: units[i % len(units)], size)


def one_word_lines(size: int) -> str:
    words = ("Home", "World", "Rivers", "Subscribe", "Menu", "Sport", "Weather", "Contact")
    return _fill(lambda i: words[i % len(words)] + "\n", size)


def cue_verbs(size: int) -> str:
    """Thousands of cue verbs in one sentence: "Anna said Ben claimed Carla reported that ..."."""
    names = ("Anna", "Ben", "Carla", "Dov", "Elif", "the mayor", "officials", "a source")
    verbs = ("said", "claimed", "reported", "told reporters", "believes", "warned", "insisted", "added")
    body = _fill(lambda i: f"{names[i % 8]} {verbs[(i // 8) % 8]} ", size - 40)
    return body + "that the ferry will run again.\n"


def no_punct(size: int) -> str:
    """Very long sentences without punctuation."""
    words = ("the council voted to keep the school open and the parents who had collected "
             "signatures for months said they were glad and the mayor said the budget would "
             "allow it for another year while teachers asked for more time").split()
    return _fill(lambda i: words[i % len(words)] + " ", size)


def one_line_news(size: int) -> str:
    """News with every line break turned into a space: a whole article on one line."""
    return " ".join(news(size + 1000).split())[:size]


def figures_dates(size: int) -> str:
    """Numbers and dates everywhere, in one paragraph: "at least 248 people ... on Monday"."""
    units = ("At least {n} people were hurt on Monday, officials said. ",
             "The council spent $3.5 million, nearly 34% of its budget, last week. ",
             "About {n} homes and 12 schools lost power on May 21, 2024, the utility said. ",
             "Prices rose by two-thirds in six months, according to the ministry. ")
    return _fill(lambda i: units[i % 4].format(n=100 + i % 900), size)


def names_pronouns(size: int) -> str:
    """Many people, titles and back-references: "Finance Minister Jan Kowalski ... He said ..."."""
    names = ("Jan Kowalski", "Maria Lopez", "Oskar Lind", "Anna Berg", "Tomas Brenner")
    units = ("Finance Minister {a} met {b} on Tuesday. ", "{b} said the talks had gone well. ",
             "He said that the budget would be balanced. ", "The minister told reporters it was a good day. ",
             "It said in a statement that the plan was final. ", "She added that the harbour would reopen. ")
    return _fill(lambda i: units[i % 6].format(a=names[i % 5], b=names[(i + 2) % 5]), size)


def lower_sentences(size: int) -> str:
    """Sentences that start lower-case after their period ("... said. the mayor said. ..."):
    claimx_article forbids a sentence start at a lower-case word, so nothing ends them."""
    units = ("the mayor said the ferry was late. ", "officials said it would run again. ",
             "he told reporters that the pier was closed. ", "she added that boats must wait. ")
    return _fill(lambda i: units[i % 4], size)


KINDS = {"news": news, "one_line_news": one_line_news, "figures_dates": figures_dates,
         "names_pronouns": names_pronouns, "said_lines": said_lines, "quote_marks": quote_marks,
         "one_word_lines": one_word_lines, "cue_verbs": cue_verbs, "no_punct": no_punct,
         "lower_sentences": lower_sentences}


# ---------------------------------------------------------------------------------------------
# Timing

class Budget(Exception):
    pass


def _alarm(signum, frame):
    raise Budget()


def time_doc(nlp, text: str, times: dict[str, float], piece=None) -> int:
    """Run ``text`` through every pipe of ``nlp``, adding each one's seconds to ``times``; the
    number of tokens. ``piece``: (start, end, whole article's header) for a piece of a longer text."""
    t = time.process_time()
    doc = nlp.make_doc(text)
    if piece is not None:
        s, e, header = piece
        doc._.article = header.as_dict()
        doc._.boilerplate = [(max(a, s) - s, min(b, e) - s) for a, b in header.boilerplate if a < e and b > s]
    times["tokenizer"] = times.get("tokenizer", 0.0) + time.process_time() - t
    for name, proc in nlp.pipeline:
        t = time.process_time()
        doc = proc(doc)
        times[name] = times.get(name, 0.0) + time.process_time() - t
    return len(doc)


def time_text(nlp, text: str, mode: str, max_chars: int, budget: float) -> tuple[dict[str, float], int, int]:
    """(seconds per component, number of Docs, tokens); raises Budget past ``budget`` seconds."""
    times: dict[str, float] = {}
    header = None
    if mode == "doc":
        pieces = [(0, len(text))]
    else:
        from claimx.header import parse_header
        from claimx.pieces import split_pieces

        t = time.process_time()
        pieces = split_pieces(text, max_chars)
        header = parse_header(text)  # as the runner does: the whole article's header on every piece
        times["split"] = time.process_time() - t
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(max(1, int(budget)))
    tokens = 0
    try:
        for s, e in pieces:
            tokens += time_doc(nlp, text[s:e], times, header and (s, e, header))
    finally:
        signal.alarm(0)
    return times, len(pieces), tokens


def reference(nlp, every: int) -> tuple[float, float, int, int]:
    """(seconds per character, seconds per token, articles, characters) over normal articles,
    one Doc each."""
    if GOLD.exists():
        with GOLD.open(encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for line in f if line.strip()]
        texts = texts[::every]
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    time_doc(nlp, texts[0], {})  # warm up
    times: dict[str, float] = {}
    tokens = sum(time_doc(nlp, text, times) for text in texts)
    chars = sum(len(t) for t in texts)
    return sum(times.values()) / chars, sum(times.values()) / tokens, len(texts), chars


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kinds", nargs="+", default=list(KINDS), choices=list(KINDS))
    ap.add_argument("--sizes", nargs="+", type=int, default=[25_000, 50_000, 100_000, 200_000])
    ap.add_argument("--mode", choices=["doc", "pieces", "both"], default="both")
    ap.add_argument("--max-chars", nargs="+", type=int, default=None,
                    help="piece sizes to try (default: claimx.pieces.DEFAULT_MAX_CHARS)")
    ap.add_argument("--budget", type=float, default=120.0, help="seconds before a run is stopped")
    ap.add_argument("--ref-every", type=int, default=3, help="reference: every Nth PolNeAR dev article")
    args = ap.parse_args()

    import claimx

    nlp = claimx.load()
    nlp.max_length = max(nlp.max_length, max(args.sizes) + 1)
    ref, ref_tok, n_ref, ref_chars = reference(nlp, args.ref_every)
    print(f"reference: {n_ref} normal articles, {ref_chars / n_ref:,.0f} chars on average: "
          f"{ref * 1e6:.1f} us/char, {ref_tok * 1e6:.0f} us/token", flush=True)
    modes = ["doc", "pieces"] if args.mode == "both" else [args.mode]
    if "pieces" in modes and args.max_chars is None:
        from claimx.pieces import DEFAULT_MAX_CHARS

        args.max_chars = [DEFAULT_MAX_CHARS]
    runs = [("doc", 0)] * ("doc" in modes) + [("pieces", m) for m in (args.max_chars or []) if "pieces" in modes]
    names = list(SHORT)
    head = f"{'text':<16}{'chars':>9} {'mode':<13}{'docs':>5}{'us/char':>9}{'x ref':>7}{'x tok':>7}  " \
        + "".join(f"{SHORT[n]:>7}" for n in names)
    print(head)
    print("-" * len(head), flush=True)
    for kind in args.kinds:
        for mode, max_chars in runs:
            label = mode if mode == "doc" else f"pieces {max_chars // 1000}k"
            for size in args.sizes:
                text = KINDS[kind](size)
                try:
                    times, docs, tokens = time_text(nlp, text, mode, max_chars, args.budget)
                except Budget:
                    print(f"{kind:<16}{size:>9,} {label:<13}{'':>5}{'>budget':>9}  "
                          f"(over {args.budget:.0f} s; larger sizes skipped)", flush=True)
                    break
                total = sum(times.values()) / len(text)
                per_token = sum(times.values()) / tokens
                cells = "".join(f"{times.get(n, 0.0) / len(text) * 1e6:>7.1f}" for n in names)
                print(f"{kind:<16}{size:>9,} {label:<13}{docs:>5}{total * 1e6:>9.1f}{total / ref:>7.2f}{per_token / ref_tok:>7.2f}  {cells}",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
