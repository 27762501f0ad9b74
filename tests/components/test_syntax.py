"""claimx.components.syntax: the look-ups every stage shares (the text of a Doc, token strings)."""
from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, LOWER, POS, TAG

from claimx.components.syntax import forget_text, remember_text, text_of, token_strings


@pytest.mark.parametrize("text", ["", " ", "Hello", "Two  spaces\n\nand a break ", "\ufeffA mark « here »."])
def test_text_of_is_the_doc_text(text):
    doc = spacy.blank("en")(text)
    assert text_of(doc) == doc.text == text
    assert text_of(doc) is text_of(doc)  # joined once
    forget_text(doc)
    assert text_of(doc) == text


def test_a_remembered_text_that_does_not_fit_is_not_used():
    doc = spacy.blank("en")("The quay reopened.")
    remember_text(doc, "something else")
    assert text_of(doc) == "The quay reopened."


@pytest.mark.parametrize("attr, name", [(LOWER, "lower_"), (TAG, "tag_"), (POS, "pos_"), (DEP, "dep_"),
                                        (LEMMA, "lemma_")])
def test_token_strings_are_the_tokens(model_nlp, attr, name):
    doc = model_nlp("The Harbour Board said on Monday that 1,200 boats had used the port.\n\nIt's true.")
    assert token_strings(doc, attr) == [getattr(t, name) for t in doc]
    blank = spacy.blank("en")("Not tagged at all.")
    assert token_strings(blank, attr) == [getattr(t, name) for t in blank]
    assert token_strings(spacy.blank("en")(""), attr) == []
