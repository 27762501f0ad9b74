"""The cue lexicon: every word list the cue finders read, loaded once from ``rules/cues.json``.

Also what makes a mention a plausible source (`plausible_source`: a name, a pronoun, a source,
group or organization noun) and a piece of evidence (`is_evidence`: a poll, a survey, records).
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from claimx import rules


@lru_cache(maxsize=1)
def lexicon() -> dict:
    data = rules.load("cues.json")
    lex = {
        "clause": set(data["clause_verbs"]),
        "infinitive": set(data["infinitive_verbs"]),
        "object": set(data["object_verbs"]),
        "prep": {k: set(v) for k, v in data["prep_verbs"].items()},
        "quote_only": set(data["quote_only_verbs"]),
        "raising": set(data["raising_verbs"]),
        "setting": set(data["setting_nouns"]) | set(data["platform_nouns"]),
        "platform": set(data["platform_nouns"]),
        # objects that say nothing by themselves: "denied it" (content only with a complement:
        # "called him a liar"), "shared nothing" (never)
        "bare_pronoun": set(data["bare_objects"]["pronouns"]),
        "bare": set(data["bare_objects"]["pronouns"]) | set(data["bare_objects"]["empty"]),
        "nominal_preps": dict(data["nominal_preps"]),
        "evidence": set(data["evidence_verbs"]),
        "evidence_nouns": set(data["evidence_nouns"]),
        "finding": set(data["finding_verbs"]),
        "light": set(data["light_verbs"]),
        "particle": {k: set(v) for k, v in data["particle_verbs"].items()},
        "poll_nouns": set(data["poll_nouns"]),
        "view_nouns": set(data["view_nouns"]),
        "line_labels": set(data["line_labels"]),
        "label_topics": set(data["label_topics"]),
        "headline_verbs": set(data["headline_verbs"]),
        "answers": set(data["answers"]),
        "lemma_forms": dict(data["lemma_forms"]),
        "report_verbs": set(data["report_verbs"]),
        "noun_cue_verbs": set(data["noun_cue_verbs"]),
        "asking": set(data["asking_verbs"]),
        "recipient_verbs": set(data["recipient_verbs"]),
        "not_source_entities": set(data["not_source_entities"]),
        "tail_stops": set(data["tail_stops"]),
        "headline_adverbs": set(data["headline_adverbs"]),
        "as": set(data["as_verbs"]),
        "object_nouns": {k: set(v) for k, v in data["object_nouns"].items()},
        "nominal": {k: set(v) for k, v in data["nominal_cues"].items()},
        "stance": {k: set(v) for k, v in data["stance_adjectives"].items()},
        "refusal": set(data["refusal_verbs"]),
        "it_speech": set(data["it_speech_verbs"]),
        "not_that_cues": set(data["not_that_cues"]),
        "stance_verbs": set(data["stance_verbs"]),
        "person_objects": set(data["bare_objects"]["persons"]),
        "eager": set(data["eager_adjectives"]),
        "addressee": set(data["addressee_verbs"]),
        "apostrophe_s": set(data["apostrophe_s"]),
        "speaking_pronouns": set(data["speaking_pronouns"]),
        "not_content": set(data["not_content_objects"]),
        "according_to": [tuple(p) for p in data["according_to"]],
    }
    # every verb that is a cue in some frame, computed once
    lex["verbs"] = lex["clause"] | lex["infinitive"] | lex["object"] | set(lex["prep"]) | lex["quote_only"] \
        | lex["evidence"] | lex["as"] | set(lex["particle"])
    lex["speech_verbs"] = lex["clause"] | lex["infinitive"] | lex["object"] | set(lex["prep"]) | lex["quote_only"]
    lex["saying"] = lex["clause"] | set(lex["prep"]) | lex["quote_only"]  # verbs of saying itself
    return lex


@lru_cache(maxsize=1)
def source_words() -> frozenset[str]:
    data = rules.load("sources.json")
    outlets = rules.load("outlets.json")
    return frozenset(data["anonymous_nouns"] + data["document_nouns"] + data["organization_nouns"] + data["quantity_nouns"]
                     + data["group_nouns"] + data["role_nouns"] + data["person_nouns"] + data["person_pronouns"]
                     + data["plural_pronouns"] + data["relative_pronouns"] + outlets["media_nouns"])


@lru_cache(maxsize=1)
def source_nouns() -> frozenset[str]:
    """Nouns that name a source by what it is: a report, officials, the media."""
    data = rules.load("sources.json")
    return frozenset(data["anonymous_nouns"] + data["document_nouns"] + rules.load("outlets.json")["media_nouns"])


def plausible_source(tok: Token) -> bool:
    """Can this mention speak? A name, a pronoun, or a source, group or organization noun."""
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ == "PROPN":
        return True
    words = source_words()
    return tok.lower_ in words or tok.lemma_.lower() in words


def is_evidence(tok: Token | None, lex) -> bool:
    """A poll, a survey, records: a text whose findings are reported."""
    return tok is not None and (tok.lower_ in lex["evidence_nouns"] or tok.lemma_.lower() in lex["evidence_nouns"])


@lru_cache(maxsize=1)
def pronoun_sets() -> tuple[frozenset[str], frozenset[str]]:
    data = rules.load("sources.json")
    return frozenset(data["person_pronouns"]), frozenset(data["plural_pronouns"])
