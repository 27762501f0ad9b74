"""The cue lexicon: every word list the cue finders read, loaded once from ``rules/cues/``: one
file per cue form (verbs, phrases, nominal, stance, fronted, findings, lines) and the lists several
forms share (contents: objects, settings, tails; mentions: who speaks).

Also what makes a mention a plausible source (`plausible_source`: a name, a pronoun, a source,
group or organization noun) and a piece of evidence (`is_evidence`: a poll, a survey, records).
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from claimx import rules


@lru_cache(maxsize=1)
def lexicon() -> dict:
    verbs = rules.load("cues/verbs.json")
    phrases = rules.load("cues/phrases.json")
    nominal = rules.load("cues/nominal.json")
    stance = rules.load("cues/stance.json")
    fronted = rules.load("cues/fronted.json")
    findings = rules.load("cues/findings.json")
    lines = rules.load("cues/lines.json")
    contents = rules.load("cues/contents.json")
    mentions = rules.load("cues/mentions.json")
    bare = contents["bare_objects"]
    lex = {
        # verb cues
        "clause": set(verbs["clause_verbs"]),
        "infinitive": set(verbs["infinitive_verbs"]),
        "object": set(verbs["object_verbs"]),
        "prep": {k: set(v) for k, v in verbs["prep_verbs"].items()},
        "quote_only": set(verbs["quote_only_verbs"]),
        "as": set(verbs["as_verbs"]),
        "particle": {k: set(v) for k, v in verbs["particle_verbs"].items()},
        "raising": set(verbs["raising_verbs"]),
        "refusal": set(verbs["refusal_verbs"]),
        "not_that_cues": set(verbs["not_that_cues"]),
        "lemma_forms": dict(verbs["lemma_forms"]),
        # source phrases: word tuples for the PhraseMatcher
        "according_to": [tuple(p) for p in phrases["according_to"]],
        # nominal cues
        "nominal": {k: set(v) for k, v in nominal["nominal_cues"].items()},
        "nominal_preps": dict(nominal["nominal_preps"]),
        "light": set(nominal["light_verbs"]),
        "noun_cue_verbs": set(nominal["noun_cue_verbs"]),
        # stance adjectives
        "stance": {k: set(v) for k, v in stance["stance_adjectives"].items()},
        # fronted phrases
        "recipient_verbs": set(fronted["recipient_verbs"]),
        "view_nouns": set(fronted["view_nouns"]),
        "poll_nouns": set(fronted["poll_nouns"]),
        # findings
        "evidence_nouns": set(findings["evidence_nouns"]),
        "evidence": set(findings["evidence_verbs"]),
        "finding": set(findings["finding_verbs"]),
        # line cues
        "line_labels": set(lines["line_labels"]),
        "label_topics": set(lines["label_topics"]),
        "not_source_entities": set(lines["not_source_entities"]),
        "headline_verbs": set(lines["headline_verbs"]),
        "headline_adverbs": set(lines["headline_adverbs"]),
        # contents, shared by the forms
        "object_nouns": {k: set(v) for k, v in contents["object_nouns"].items()},
        "not_content": set(contents["not_content_objects"]),
        "setting": set(contents["setting_nouns"]) | set(contents["platform_nouns"]),
        "platform": set(contents["platform_nouns"]),
        # objects that say nothing by themselves: "denied it" (content only with a complement:
        # "called him a liar"), "shared nothing" (never)
        "bare_pronoun": set(bare["pronouns"]),
        "bare": set(bare["pronouns"]) | set(bare["empty"]),
        "person_objects": set(bare["persons"]),
        "stance_verbs": set(contents["stance_verbs"]),
        "answers": set(contents["answers"]),
        "asking": set(contents["asking_verbs"]),
        "report_verbs": set(contents["report_verbs"]),
        "tail_stops": set(contents["tail_stops"]),
        # mentions: who speaks
        "it_speech": set(mentions["it_speech_verbs"]),
        "addressee": set(mentions["addressee_verbs"]),
        "apostrophe_s": set(mentions["apostrophe_s"]),
        "speaking_pronouns": set(mentions["speaking_pronouns"]),
        "eager": set(mentions["eager_adjectives"]),
        "accusing": set(mentions["accusing_verbs"]),
        "no_speakers": set(mentions["no_speakers"]),
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
