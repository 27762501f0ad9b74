"""A real headless browser for the report: Debian's chromium, driven by playwright.

Nothing is downloaded: playwright launches the chromium found on PATH (``apt-get install
chromium``), never one of its own. Without it these tests are skipped, except in CI (the
environment variable ``CI`` set), where they fail: CI installs chromium (.ci/run).

`open_page` opens a file and watches it: every console error, page error, dialog and request that
is not for a local file fails the test when it ends (requests leaving the file are aborted too).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


def _unavailable(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{why}, and CI is set: the report's browser tests must run here")
    pytest.skip(f"{why}: the report's browser tests are skipped")


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium")
    if chromium is None:
        _unavailable("chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium)
        yield launched
        launched.close()


class Watched:
    """A page and what went wrong on it."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type in ("error", "warning") and self.problems.append(f"console {m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("request", lambda r: self.requests.append(r.url))
        page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file://", "data:")):
            route.continue_()
        else:
            self.problems.append(f"request leaving the file: {url}")
            route.abort()

    def open(self, path: Path):
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("html[data-ready]")
        return self.page


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    w = Watched(context.new_page())
    yield w
    context.close()
    outside = [u for u in w.requests if not u.startswith(("file://", "data:"))]
    assert not w.problems and not outside, (w.problems, outside)
