"""claimx.components.model_rules: the model's attribute_ruler and lemmatizer, run faster, annotate
every token exactly as spaCy's own do.

Compared attribute by attribute (tag, part of speech, morphology, lemma, dependency) with the bare
model over whole articles (the seeds, the golden articles) and sentences written for the rules the
ruler carries (contractions, "gonna", "there is", whitespace tokens, pronouns as objects).
"""
from __future__ import annotations

import pickle

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from claimx.components.model_rules import FastAttributeRuler, FastRuleLemmatizer, speed_up_rules
from tests.conftest import MODEL, ROOT, SEEDS

ATTRS = [TAG, POS, MORPH, LEMMA, DEP]

SENTENCES = [
    "They're gonna tell us that it ain't over, y'all.",
    "Let's see: c'mon, we gotta go, he said.",
    "There is a quay, and there are two piers; there's nothing left.",
    "She told me that you and I had been nothin' but trouble.",
    "Give it to them; they gave it to me and to you.",
    "He did not do it, nor does he have to.  \n\n  The council\tvoted.",
    "The ministers' statements were, if anything, unclear whether the levy would rise.",
    "What he has done is what they had asked; those who do will have gets and got.",
    "“Never,” he said — twice — and left at 5 p.m. on Oct. 7, 2024.",
    "",
    "\n",
]


def articles() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "golden").glob("*.txt"))]
    return texts


@pytest.fixture(scope="module")
def fast_nlp():
    nlp = spacy.load(MODEL)
    assert speed_up_rules(nlp) == ["attribute_ruler", "lemmatizer"]
    return nlp


def annotations(doc) -> list:
    return [doc.to_array(ATTRS).tolist(), [str(t.morph) for t in doc], [t.lemma_ for t in doc]]


@pytest.mark.parametrize("text", SENTENCES + articles())
def test_the_same_annotations_as_spacy(model_nlp, fast_nlp, text):
    assert annotations(fast_nlp(text)) == annotations(model_nlp(text))


def test_the_same_annotations_in_batches(model_nlp, fast_nlp):
    texts = SENTENCES + articles()
    assert [annotations(d) for d in fast_nlp.pipe(texts, batch_size=3)] == \
        [annotations(d) for d in model_nlp.pipe(texts, batch_size=3)]


def test_the_pipes_keep_their_names_config_and_data(model_nlp, fast_nlp):
    assert fast_nlp.pipe_names == model_nlp.pipe_names
    assert isinstance(fast_nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(fast_nlp.get_pipe("lemmatizer"), FastRuleLemmatizer)
    assert fast_nlp.config.to_str() == model_nlp.config.to_str()
    for name in ("attribute_ruler", "lemmatizer"):  # (the vocab holds whatever strings each has met)
        assert fast_nlp.get_pipe(name).to_bytes(exclude=["vocab"]) == \
            model_nlp.get_pipe(name).to_bytes(exclude=["vocab"])


def test_a_saved_pipeline_loads_as_spacy_s_own(fast_nlp, tmp_path):
    fast_nlp.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    assert type(again.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    text = SENTENCES[0]
    assert annotations(again(text)) == annotations(fast_nlp(text))


def test_a_pickled_pipeline_annotates_the_same(fast_nlp):
    text = articles()[0]
    expected = annotations(fast_nlp(text))
    again = pickle.loads(pickle.dumps(fast_nlp))
    assert isinstance(again.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert annotations(again(text)) == expected


def test_a_pattern_added_later_is_used():
    nlp = spacy.load(MODEL)
    speed_up_rules(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    text = "The quay reopened."
    before = nlp(text)
    ruler.add([[{"LOWER": "quay"}]], {"LEMMA": "wharf", "TAG": "NNP"})
    after = nlp(text)
    assert (before[1].lemma_, after[1].lemma_, after[1].tag_) == ("quay", "wharf", "NNP")
    plain = spacy.load(MODEL)
    plain.get_pipe("attribute_ruler").add([[{"LOWER": "quay"}]], {"LEMMA": "wharf", "TAG": "NNP"})
    assert annotations(plain(text)) == annotations(after)


def test_a_pattern_it_cannot_read_leaves_the_ruler_as_it_was():
    nlp = spacy.load(MODEL)
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "quay", "OP": "+"}]], {"LEMMA": "wharf"})
    assert speed_up_rules(nlp) == ["lemmatizer"]
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    assert nlp("The quay quay reopened.")[2].lemma_ == "wharf"
