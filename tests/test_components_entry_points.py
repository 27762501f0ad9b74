"""The claimx components are usable by name in someone else's spaCy pipeline, with no `import claimx`:
spaCy finds the factories through the [project.entry-points.spacy_factories] of pyproject.toml.

Runs in a fresh interpreter so that nothing imported by the rest of the suite registers the factories.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import MODEL, ROOT, assert_offsets

SCRIPT = textwrap.dedent(f"""
    import json, sys
    import msgspec
    import spacy

    nlp = spacy.load({MODEL!r})
    nlp.add_pipe("claimx_article", before="parser")
    for name in ("claimx_quotes", "claimx_cues", "claimx_speakers", "claimx_figures", "claimx_dates",
                 "claimx_claims"):
        nlp.add_pipe(name)
    text = ('Tide tables go online\\n'
            '"The new tide gauge measures the water level every ten seconds," said Mira Koskinen.\\n'
            'The gauge cost $40,000, according to the harbour board.\\n')
    doc = nlp(text)
    print(json.dumps({{"pipe_names": nlp.pipe_names, "claims": msgspec.to_builtins(doc._.claims),
                      "quotes": [s.text for s in doc.spans["claimx_quotes"]], "text": text}}))
""")


def test_factories_are_declared_as_entry_points():
    tomllib = pytest.importorskip("tomllib")  # Python >= 3.11
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    factories = project["project"]["entry-points"]["spacy_factories"]
    assert set(factories) == {"claimx_article", "claimx_quotes", "claimx_cues", "claimx_speakers",
                              "claimx_figures", "claimx_dates", "claimx_claims"}
    for name, target in factories.items():
        module, func = target.split(":")
        assert module == f"claimx.components.{name.removeprefix('claimx_')}"
        assert func == f"make_{name.removeprefix('claimx_')}"


def test_components_by_name_in_a_fresh_interpreter(tmp_path):
    run = subprocess.run([sys.executable, "-c", SCRIPT], cwd=tmp_path, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert "claimx" not in SCRIPT.replace('"claimx_', "")  # the script never names the package
    names = out["pipe_names"]
    assert names.index("claimx_article") < names.index("parser")
    assert names[-6:] == ["claimx_quotes", "claimx_cues", "claimx_speakers", "claimx_figures", "claimx_dates",
                          "claimx_claims"]
    assert out["quotes"] == ["The new tide gauge measures the water level every ten seconds,"]
    claims = out["claims"]
    assert [(c["kind"], c["speaker"]["name"] if c["speaker"] else None) for c in claims] == [
        ("direct", "Mira Koskinen"), ("according_to", "harbour board")]
    for c in claims:
        assert_offsets(out["text"], c)
    assert [f["value"] for f in claims[1]["figures"]] == [40000]
