"""The message texts of `claimx query`, `diff` and `schema` (exit codes: `claimx.cli.messages`).

Kept apart from `messages.py`, which the `extract` side owns; the codes are shared:
3 (`EXIT_INVALID_INPUT`) for a line that is not a claim, 4 (`EXIT_FATAL`) when there is no usable
input, 1 (`EXIT_PARTIAL`) when some inputs could not be read, 2 for bad usage.
"""
from __future__ import annotations

INVALID_CLAIM = "{path}:{line}: not a claim: {reason} (--skip-invalid skips such lines)"
SKIPPED_INVALID = "skipped {count} line(s) that are not claims; the first: {path}:{line}: {reason}"
NO_CLAIM_INPUT = ("no input: give claim files, or pipe claims in "
                  "(claimx extract seeds/ | claimx {command} ...)")
CLAIMS_FOLDER = "{path}: a folder; query reads claim files (run: claimx extract {path} | claimx query ...)"
STDIN_TWICE = "standard input (-) can be read only once"
BAD_DATE = "{value!r} is not a date like 2024, 2024-05 or 2024-05-02"
BAD_REGEX = "{value!r} is not a regular expression: {reason}"
REGEX_WITHOUT_TEXT = "--regex needs --text PATTERN"
MIN_OVER_MAX = "--min-value {low} is above --max-value {high}"
DIFF_SOURCES = ("diff compares two sources: give A and B (claim files, or folders of articles), "
                "or one or more claim files with --by outlet|doc")
DIFF_ONE_SOURCE = "only one {by} in the input ({name}): nothing to compare"
EXTRACT_UNAVAILABLE = "{path}: cannot extract claims from articles here: {reason}"
EXTRACT_FAILED = "{path}: extraction failed: {reason}"
DIFF_SUMMARY = ("{shared} shared, {conflict} conflict, {attribution} attribution, "
                "{only_a} only in A, {only_b} only in B{pairs}")
