"""claimx.components.entity_gate: the model's ner, run only near names, numbers and date words,
finds the entities the whole-Doc run finds, and claimx gives the same claims and speakers with it.
"""
from __future__ import annotations

import pickle

import pytest
import spacy

import claimx
from claimx.components.entity_gate import EntityGate, gate_entities
from tests.conftest import MODEL, ROOT, SEEDS


def articles() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "golden").glob("*.txt"))]
    return texts


def entities(doc) -> list[tuple[int, int, str]]:
    return [(e.start, e.end, e.label_) for e in doc.ents]


@pytest.fixture(scope="module")
def gated_model():
    nlp = spacy.load(MODEL)
    assert gate_entities(nlp)
    return nlp


@pytest.fixture(scope="module")
def ungated():
    """claimx's pipeline with the model's ner run over every token, as before the gate."""
    nlp = claimx.load(MODEL)
    for k, (name, proc) in enumerate(nlp._components):
        if isinstance(proc, EntityGate):
            nlp._components[k] = (name, proc.ner)
    return nlp


# ---------------------------------------------------------------------------------------------
# Where it runs


@pytest.mark.parametrize("text, outside", [
    pytest.param("the council voted to keep the school open and the parents who had collected signatures for "
                 "weeks said they were glad and that the budget would allow it again",
                 "the council voted to keep the school open and the parents that the budget would allow it again",
                 id="five-tokens-around-a-date-word"),
    pytest.param("the mayor said the ferry was late again and officials said it would run once the pier was "
                 "mended and the harbour was clear", "the mayor said the ferry was late again and the harbour was clear",
                 id="around-an-ordinal-word"),
    pytest.param("It said that the water was low. The mayor agreed that the pier should wait until it rose "
                 "again and that nobody should sail",
                 "It said that the water was low . The mayor agreed that the pier should wait until it rose "
                 "again and that nobody should sail", id="sentence-openers-are-no-names"),
    pytest.param("Lopez said that the water was low and that the pier should wait until it rose again",
                 "low and that the pier should wait until it rose again", id="a-name"),
    pytest.param("he said the toll rose to $5m in 2024", "he said", id="numbers"),
])
def test_the_tokens_left_out(gated_model, text, outside):
    doc = gated_model(text)
    gate = gated_model.get_pipe("ner")
    inside = {i for a, b in gate.windows(doc) for i in range(a, b)}
    assert " ".join(t.text for t in doc if t.i not in inside) == outside
    assert all(t.ent_iob_ == "O" for t in doc if t.i not in inside)  # annotated: outside any entity
    assert doc.has_annotation("ENT_IOB")


@pytest.mark.parametrize("text", articles())
def test_the_same_entities_as_the_whole_doc(model_nlp, gated_model, text):
    assert entities(gated_model(text)) == entities(model_nlp(text))


def test_the_same_entities_in_batches(model_nlp, gated_model):
    texts = articles() + ["", "\n\n", "Oslo."]
    assert [entities(d) for d in gated_model.pipe(texts, batch_size=4)] == \
        [entities(d) for d in model_nlp.pipe(texts, batch_size=4)]


# ---------------------------------------------------------------------------------------------
# What claimx makes of them


SENTENCES = [
    "Maria Lopez runs the bakery on Elm Street. Lopez said that the price of bread had doubled since March.",
    'Oskar Lind opened the new school on Monday. "Every child in the valley can now walk to class," he said.',
    "Finance Minister Jan Kowalski met the unions on Tuesday. The minister told reporters that the budget "
    "would be balanced by 2026.",
    "The harbour board said in a statement that 1,200 boats had used the port last year, about 30 percent more.",
    "According to the Norwegian Coastal Administration, the ferry will run twice a day from May 21.",
    "Egypt's foreign ministry spokesman, Ambassador Ahmed Hafez, said Cairo would host the talks.",
    "officials said the pier would reopen once the storm had passed, and the mayor agreed that it should.",
    "It said in a statement that the third quarter had been the best in a decade for the union.",
    "Two sources told the paper that the council had voted for the levy, a claim the mayor denied on Friday.",
]


@pytest.mark.parametrize("text", SENTENCES + articles())
def test_the_same_claims_and_speakers(nlp, ungated, text):
    assert claimx.extract(text, nlp=nlp) == claimx.extract(text, nlp=ungated)


def test_claimx_pipeline_is_gated(nlp):
    assert isinstance(nlp.get_pipe("ner"), EntityGate)
    assert "ner" in nlp.pipe_names


def test_the_gate_keeps_the_pipe_s_name_labels_and_saving(gated_model, model_nlp, tmp_path):
    gate = gated_model.get_pipe("ner")
    assert gated_model.pipe_names == model_nlp.pipe_names
    assert gate.labels == model_nlp.get_pipe("ner").labels
    assert gated_model.config.to_str() == model_nlp.config.to_str()
    gated_model.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")  # a saved pipeline is spaCy's own: ner over every token
    assert not isinstance(again.get_pipe("ner"), EntityGate)
    text = articles()[0]
    assert entities(again(text)) == entities(model_nlp(text))
    assert not gate_entities(gated_model)  # once is enough


def test_the_pipeline_pickles_and_gives_the_same_claims(nlp):
    again = pickle.loads(pickle.dumps(nlp))
    assert isinstance(again.get_pipe("ner"), EntityGate)
    for text in SENTENCES[:3]:
        assert claimx.extract(text, nlp=again) == claimx.extract(text, nlp=nlp)
