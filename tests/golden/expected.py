"""The golden cases and their expected files: which articles, how their claims are written, and
how a difference is shown to a person.

A case is an article and the file holding its expected claims:

- the repository's seeds, read in place: ``seeds/<stem>.txt`` -> ``tests/golden/seeds/<stem>.jsonl``
- the articles written for these tests: ``tests/golden/<name>.txt`` -> ``tests/golden/<name>.jsonl``

An expected file holds the claims exactly as ``claimx extract <path>`` prints them when run from the
repository root (one compact JSON object a line, keys in contract order), so ``doc.path`` is the
path relative to the root and the files do not depend on where the checkout lives. An article
without claims has an empty file.

Differences are shown with `readable_diff`: a unified diff of the claims written one field a line,
so a changed speaker or span reads as one changed line, not as two long JSON lines.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
SEEDS = ROOT / "seeds"
UPDATE_COMMAND = ".venv/bin/python -m tests.golden"


@dataclass(frozen=True)
class Case:
    """One golden article: its name (the test id), the article, and its expected claims."""

    name: str
    article: Path
    expected: Path

    @property
    def relative_path(self) -> str:
        """The article's path as ``claimx extract`` names it when run from the repository root."""
        return self.article.relative_to(ROOT).as_posix()


def cases() -> list[Case]:
    """Every golden article, the seeds first, each group sorted by name."""
    seeds = [Case(f"seeds/{p.stem}", p, GOLDEN / "seeds" / f"{p.stem}.jsonl") for p in sorted(SEEDS.glob("*.txt"))]
    own = [Case(p.stem, p, GOLDEN / f"{p.stem}.jsonl") for p in sorted(GOLDEN.glob("*.txt"))]
    return seeds + own


def stray_expected_files() -> list[Path]:
    """Expected files whose article is gone (a renamed or deleted article leaves one behind)."""
    wanted = {c.expected for c in cases()}
    return sorted(p for p in GOLDEN.rglob("*.jsonl") if p not in wanted)


def read_articles(selected: list[Case]):
    """The `claimx.inputs.Article` of each case, read the way ``claimx extract`` reads a file, with
    its path made relative to the repository root."""
    from claimx.inputs import Article, iter_inputs

    articles = list(iter_inputs([str(c.article) for c in selected]))
    for case, article in zip(selected, articles, strict=True):
        assert isinstance(article, Article), f"{case.article}: {article.message}"
        article.path = article.where = case.relative_path
    return articles


def extract_lines(nlp, selected: list[Case]) -> dict[str, list[str]]:
    """{case name: the JSON lines ``claimx extract`` writes for its article}, one pipeline run."""
    import io

    from claimx.pipeline import extract_articles
    from claimx.sinks import write_jsonl

    out = {}
    articles = read_articles(selected)
    for case, result in zip(selected, extract_articles(nlp, articles), strict=True):
        assert result.error is None, f"{case.article}: {result.error}"
        buf = io.BytesIO()
        write_jsonl(result.claims, buf)
        out[case.name] = split_lines(buf.getvalue().decode("utf-8"))
    return out


def split_lines(text: str) -> list[str]:
    """JSON Lines split at "\\n" only: a claim's text may hold U+2028 or U+0085 unescaped, which
    ``str.splitlines`` would break at."""
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n") if text else []


def read_expected(case: Case) -> list[str] | None:
    """The expected file's lines, or None when there is no such file yet."""
    if not case.expected.exists():
        return None
    return split_lines(case.expected.read_bytes().decode("utf-8"))


def write_expected(case: Case, lines: list[str]) -> None:
    case.expected.parent.mkdir(parents=True, exist_ok=True)
    case.expected.write_bytes("".join(line + "\n" for line in lines).encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# Showing a difference


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def claim_block(claim: dict) -> list[str]:
    """One claim, one field a line. The position in the id is left out (it comes from the order:
    one claim found or lost renumbers all that follow, which would hide the real change); the
    span heads the block instead."""
    speaker, cue = claim.get("speaker"), claim.get("cue")
    lines = [f"@ {claim['span']}  {claim['kind']}",
             f"    text:     {_json(claim['text'])}",
             f"    act:      {_json(claim.get('act'))}",
             f"    within:   {_json(claim.get('within'))}"]
    if speaker:
        lines.append(f"    speaker:  {_json(speaker['text'])} {speaker['span']} = {_json(speaker['name'])}"
                     f" ({speaker['type']}; title {_json(speaker['title'])})")
    else:
        lines.append("    speaker:  null")
    lines.append(f"    cue:      {_json(cue['text'])} ({cue['lemma']}) {cue['span']}" if cue else "    cue:      null")
    lines.append(f"    date:     {_json(claim.get('date'))}")
    for figure in claim.get("figures") or []:
        rest = {k: v for k, v in figure.items() if k not in ("text", "span")}
        lines.append(f"    figure:   {_json(figure['text'])} {figure['span']} {_json(rest)}")
    lines.append(f"    sentence: {_json(claim['sentence'])}")
    # anything a later schema adds still shows up
    known = {"id", "doc", "kind", "act", "text", "span", "speaker", "cue", "within", "date", "figures", "sentence"}
    lines.extend(f"    {key}: {_json(value)}" for key, value in claim.items() if key not in known)
    return lines


def readable_lines(lines: list[str]) -> list[str]:
    """Claim lines as a person reads them: the document once, then each claim's block."""
    claims = [json.loads(line) for line in lines]
    out = [f"doc: {_json(claims[0]['doc'])}"] if claims else []
    for claim in claims:
        if claim["doc"] != claims[0]["doc"]:
            out.append(f"doc: {_json(claim['doc'])}")
        out.extend(claim_block(claim))
    return out


def readable_diff(expected: list[str], actual: list[str], name: str) -> str:
    """A unified diff of two claim files, one field a line; the raw lines' diff when the blocks
    show no difference (ids alone)."""
    diff = list(difflib.unified_diff(readable_lines(expected), readable_lines(actual),
                                     f"expected {name}", f"actual {name}", lineterm="", n=4))
    if not diff:
        diff = list(difflib.unified_diff(expected, actual, f"expected {name}", f"actual {name}", lineterm=""))
    return "\n".join(diff)
