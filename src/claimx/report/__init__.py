"""`claimx report`: one self-contained HTML page that shows how outlets reported each event.

    from claimx.claimfiles import read_claim_file_with_texts
    from claimx.report import ReportSettings, build_report, render_report

    report = build_report([read_claim_file_with_texts("claims.json")], ReportSettings())
    html = render_report(report)

- `claimx.report.texts`     where each article's text comes from (the claims document, the file in
                            ``doc.path``, or none) and whether the claims' offsets fit it
- `claimx.report.segments`  a text cut at every highlight's edges into nested nodes
- `claimx.report.build`     events, rows of outlets side by side, articles: the data the page shows
- `claimx.report.render`    the page: jinja2 template, inlined CSS and JS, embedded JSON

Claim files in, no spaCy (``tests/test_report.py`` checks that none is imported).
"""
from __future__ import annotations

from claimx.report.build import Report, ReportSettings, build_report
from claimx.report.render import render_report

__all__ = ["Report", "ReportSettings", "build_report", "render_report"]
