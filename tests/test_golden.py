"""Golden articles: the extractor's whole output on each article in tests/golden/README.md, against the
expected file a person reviewed. Any change in what is extracted fails here, showing a diff of the
claims one field a line; when the change is wanted, regenerate with ``.venv/bin/python -m tests.golden``
and review ``git diff tests/golden``.
"""
from __future__ import annotations

import json

import pytest

from tests.conftest import assert_offsets
from tests.golden.expected import (UPDATE_COMMAND, cases, extract_lines, read_articles, read_expected,
                                   readable_diff, stray_expected_files)

CASES = cases()


@pytest.fixture(scope="module")
def actual(nlp) -> dict[str, list[str]]:
    """Every golden article through the pipeline once: {case name: claim lines}."""
    return extract_lines(nlp, CASES)


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    """{case name: the article's text as claimx reads it}."""
    return {case.name: article.text for case, article in zip(CASES, read_articles(CASES))}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_output_is_the_reviewed_output(case, actual):
    expected = read_expected(case)
    assert expected is not None, f"{case.expected} is missing: run {UPDATE_COMMAND}"
    if expected != actual[case.name]:
        pytest.fail(f"{case.name}: the claims differ from {case.expected.name}.\n"
                    f"If the change is wanted: {UPDATE_COMMAND}  (then review: git diff tests/golden)\n\n"
                    + readable_diff(expected, actual[case.name], case.name), pytrace=False)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_offsets_point_at_their_text(case, actual, texts):
    # the reviewed file and today's output both: a file edited by hand cannot drift from its article
    text = texts[case.name]
    for line in (read_expected(case) or []) + actual[case.name]:
        claim = json.loads(line)
        assert claim["doc"]["path"] == case.relative_path
        assert_offsets(text, claim)


def test_every_expected_file_has_its_article():
    assert not stray_expected_files(), f"delete them, or restore their articles: {stray_expected_files()}"


def test_own_articles_cover_every_kind():
    # the written articles exist to exercise every form; one kind vanishing from all of them is a loss
    kinds = {json.loads(line)["kind"] for c in CASES if not c.name.startswith("seeds/")
             for line in read_expected(c) or []}
    assert kinds == {"direct", "indirect", "mixed", "according_to", "unattributed"}
