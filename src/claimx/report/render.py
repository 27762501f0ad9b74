"""The page: one self-contained HTML file from a `claimx.report.build.Report`.

The jinja2 template (``templates/report.html.j2``, autoescaped) lays out the page and the events'
summary lines; each event's data (`EventView`) and the filter index are embedded as JSON in
``<script type="application/json">`` elements, written by jinja's ``tojson`` (``<``, ``>``, ``&``
and ``'`` escaped, so a claim holding ``</script>`` stays text); ``static/report.js`` renders an
event's comparison and articles from that JSON when the event is opened, so a report of a
thousand articles loads as fast as one of five. ``static/report.css`` and ``report.js`` are
inlined, and a Content-Security-Policy allows exactly those two (by their hashes) and nothing
from the network: the file can be mailed, archived and opened offline.

The same report gives the same bytes: nothing in the page depends on the time or the machine.
"""
from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources

import msgspec

from claimx import __version__
from claimx.report.build import ACTS, NO_ACT, Report

KIND_LABELS = {"direct": "quoted", "indirect": "reported", "mixed": "partly quoted",
               "according_to": "according to", "unattributed": "the outlet's own"}
SPEAKER_TYPES = ("person", "organization", "government", "media", "anonymous", "group", "place")


def _dumps(obj, **_kwargs) -> str:
    return msgspec.json.encode(obj).decode("utf-8")


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("claimx.report", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    # jinja's tojson escapes <, >, & and ' for HTML after encoding: msgspec encodes Structs fast
    env.policies["json.dumps_function"] = _dumps
    env.policies["json.dumps_kwargs"] = {}
    return env


@lru_cache(maxsize=None)
def static_text(name: str) -> str:
    """A file of ``claimx/report/static`` as text."""
    return resources.files("claimx.report").joinpath("static", name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_policy(css: str, js: str) -> str:
    """Only the inlined style and script run; nothing is fetched (no fonts, images, frames, requests)."""
    return (f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(js)}; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def render_report(report: Report) -> str:
    """The report as one HTML page."""
    from markupsafe import Markup

    css, js = static_text("report.css"), static_text("report.js")
    template = _environment().get_template("report.html.j2")
    return template.render(report=report, css=Markup(css), js=Markup(js), csp=content_policy(css, js),
                           version=__version__, kinds=KIND_LABELS, acts=[*ACTS, NO_ACT],
                           speaker_types=SPEAKER_TYPES)
