"""Regenerate the golden expected files: ``.venv/bin/python -m tests.golden`` (from the repository root).

Runs the current extractor over every golden article, prints what changed (one field a line, as
the test shows it) and writes every expected file; a stray expected file, whose article is gone, is
named (delete it by hand). ``--check`` writes nothing and exits 1 when a file would change.
Review the result with ``git diff tests/golden`` before committing it.
"""
from __future__ import annotations

import argparse
import sys

from tests.golden.expected import (ROOT, cases, extract_lines, read_expected, readable_diff, stray_expected_files,
                                   write_expected)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    parser.add_argument("--model", default=None, help="spaCy model (default: claimx's default)")
    parser.add_argument("--quiet", action="store_true", help="name the changed files, without their diffs")
    args = parser.parse_args(argv)

    import claimx

    nlp = claimx.load(args.model or claimx.DEFAULT_MODEL)
    selected = cases()
    actual = extract_lines(nlp, selected)
    changed = 0
    for case in selected:
        expected = read_expected(case)
        if expected == actual[case.name]:
            continue
        changed += 1
        where = case.expected.relative_to(ROOT)
        if expected is None:
            print(f"new: {where} ({len(actual[case.name])} claims)")
        else:
            print(f"changed: {where} ({len(expected)} -> {len(actual[case.name])} claims)")
            if not args.quiet:
                print(readable_diff(expected, actual[case.name], case.name))
        if not args.check:
            write_expected(case, actual[case.name])
    for path in stray_expected_files():
        print(f"stray: {path.relative_to(ROOT)} has no article (delete it)")
    total = sum(len(lines) for lines in actual.values())
    verb = "would change" if args.check else "written"
    print(f"{len(selected)} golden articles, {total} claims; {changed} files {verb}", file=sys.stderr)
    return 1 if args.check and (changed or stray_expected_files()) else 0


if __name__ == "__main__":
    sys.exit(main())
