"""The examples in examples/ run as a user would run them, and print what they promise."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Both examples, side by side (each loads the model once)."""
    cwd = tmp_path_factory.mktemp("examples")
    procs = {name: subprocess.Popen([sys.executable, str(EXAMPLES / name)], cwd=cwd, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
             for name in ("library.py", "own_pipeline.py")}
    out = {}
    for name, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr
        out[name] = stdout
    return out


def test_library_example(outputs):
    lines = outputs["library.py"].splitlines()
    assert lines == [
        "indirect      town council: that the sauna would be free for residents until the summer",
        "              date: 2024-03-14; figures: -",
        "direct        Liisa Aho (Mayor): We wanted a warm place by the lake that belongs to everyone",
        "              date: 2024-03-14; figures: -",
        "according_to  council's budget office: The building cost $1.2 million",
        "              date: 2024-03-14; figures: $1.2 million = 1200000 USD",
    ]


def test_own_pipeline_example(outputs):
    lines = outputs["own_pipeline.py"].splitlines()
    pipeline = lines[0].removeprefix("pipeline: ").split(" -> ")
    assert pipeline.index("claimx_article") < pipeline.index("parser")
    assert pipeline[-7:] == ["ner", "claimx_quotes", "claimx_cues", "claimx_speakers", "claimx_figures",
                             "claimx_dates", "claimx_claims"]
    assert lines[1:] == [
        "title: Night trains return to the northern line",
        "quotes: ['Passengers asked for sleeper cars for years, and now they have them,']",
        "cues: ['said', 'said']",
        "claim: direct | assertion | Jonas Berg | Passengers asked for sleeper cars for years, and now they have them",
        "claim: indirect | assertion | operator | Tickets will cost $90 per berth",
    ]


def test_own_pipeline_example_does_not_import_claimx():
    source = (EXAMPLES / "own_pipeline.py").read_text(encoding="utf-8")
    imports = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert imports == ["import spacy"]
