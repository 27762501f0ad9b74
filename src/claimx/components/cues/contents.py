"""What a reporting verb says: its content, found by an ordered list of named strategies.

`CONTENT_STRATEGIES` lists the ways the content of a cue verb is found, first to last: an
inverted aside, a clausal complement, the parser's misreadings of one, an answer, a prepositional
object ("called for ..."), "see X as Y", an object, a passive's subject, a poll's finding, a cue
set into the clause it reports, the words after a colon. The first that answers decides.

Contents: an object runs on through what the verb hangs after it, up to a comma, a time or a
setting (*demanded safeguards for every crossing* | *in an interview*); a clause runs on through a
second "that" clause or a condition. A cue set into its clause (*The goal, he said, is to ...*)
reports both pieces; so does a cue after a fronted relative (*the shipyard, which she says she will
keep open*: "the shipyard, which" and "she will keep open").
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Token

from claimx.components.cues.frame import CharRange
from claimx.components.cues.lexicon import is_evidence
from claimx.components.cues.mentions import (comma_aside, find_speaker, interrupts, inverted_aside,
                                              mention_range, same_speaker)
from claimx.components.syntax import (child_of, count_words, noun_start, sent_end_of, sent_of, sent_start_of,
                                      subtree_range, token_chars)

def cut_trailing_cues(comp: Token, s: int, e: int, lex) -> int:
    """End a content before a participial cue clause that closes it: "X said A, noting B" says A;
    "noting B" is a claim of its own."""
    verbs = lex["verbs"]
    cue = comp.head
    while cue.dep_ != "ROOT" and cue.pos_ not in ("VERB", "AUX"):
        cue = cue.head
    for tok in comp.subtree:
        # "announced that he was in therapy and vowed to ...": a second cue of the same speaker
        second = tok.dep_ == "conj" and tok.tag_ == cue.tag_ and tok.tag_ in ("VBD", "VBZ") and tok.head != cue \
            and child_of(tok, "nsubj") is None and same_speaker(tok, cue)
        if tok.dep_ in ("advcl", "conj") and (tok.tag_ == "VBG" or second) and tok.lemma_.lower() in verbs \
                and tok.right_edge.i + 1 >= e and tok.left_edge.i > s:
            cut = tok.left_edge.i
            while cut > s and (comp.doc[cut - 1].is_punct or comp.doc[cut - 1].dep_ == "cc"):
                cut -= 1
            return max(cut, s + 1)
    return e


def extend_object(verb: Token, comp: Token, e: int, lex) -> int:
    """An object content goes on with what the verb hangs after it, up to a comma or a new clause:
    "demanded safeguards for every transfer", "called for the allies to send troops"; not a time
    or a setting ("... on Monday", "... in an interview")."""
    doc = verb.doc
    anchor = comp if comp.head == verb else comp.head
    for c in verb.rights:
        if c.i <= anchor.i or c.left_edge.i < e:
            continue
        if any(t.is_punct for t in doc[e:c.left_edge.i]) or c.left_edge.i > e:
            break
        if c.dep_ == "prep":
            obj = child_of(c, "pobj", "pcomp")  # "accused her of lying": a pcomp
            if obj is None or obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in lex["setting"]:
                break
        elif c.dep_ in ("xcomp", "ccomp", "oprd", "dative", "acomp", "attr") or c.dep_ == "advcl" and c.tag_ == "VB" \
                and child_of(c, "mark") is None and child_of(c, "aux") is not None:
            pass
        elif c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN") and child_of(c, "mark") is None and child_of(c, "nsubj") is None \
                and c.lemma_.lower() not in lex["verbs"]:
            pass  # "decried a rash of speech bubbling to the surface": a participle the parser hung on the verb
        else:
            break
        e = c.right_edge.i + 1
    return e


def extend_tail(verb: Token, comp: Token, e: int, lex) -> int:
    """Past a comma, a content after its verb goes on through the rest of what the verb governs
    ("compared her plight to that of Al Gore, when he ...", "offered a slogan straight out of the
    1990s", "insisted it was a dip, reflecting ..."), up to a coordinated verb, a clause of its own,
    a quotation, another cue or "according to"; a time or a setting is left out ("... on Monday",
    "... in an interview")."""
    doc = verb.doc
    for c in verb.rights:
        if c.i <= comp.i or c.right_edge.i < e or c.dep_ == "punct":
            continue
        sub = doc[c.left_edge.i:c.right_edge.i + 1]
        mark = child_of(c, "mark")
        if c.lower_ in lex["tail_stops"] or mark is not None and mark.lower_ in lex["tail_stops"] \
                or doc[c.left_edge.i].lower_ in lex["tail_stops"]:
            break  # "..., although the cause remains unknown": the writer's own clause
        # another cue with a content of its own ("..., noting that ..."), not "preparing for the debate"
        if c.dep_ in ("conj", "cc", "parataxis", "ccomp") or any(
                t.is_quote or t.lower_ == "according" or t.pos_ == "VERB" and t.lemma_.lower() in lex["verbs"]
                and (t.lemma_.lower() in lex["clause"] or t.lemma_.lower() in lex["prep"] or t.lemma_.lower() in lex["quote_only"]
                     or any(x.dep_ in ("ccomp", "xcomp", "dobj") for x in t.children)) for t in sub):
            break
        obj = child_of(c, "pobj", "pcomp") if c.dep_ == "prep" else c
        if c.dep_ in ("prep", "npadvmod", "advmod") and obj is not None and (
                obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in lex["setting"]):
            break
        e = c.right_edge.i + 1
    return e


def clause_child(verb: Token) -> Token | None:
    """The verb's clausal complement: the one after it when there are two, and not one before it
    across a colon or a semicolon ("It was no abstract concern: he had declared that ...")."""
    doc = verb.doc
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    after = [c for c in comps if c.i > verb.i]
    if after:
        return after[0]
    for c in comps:
        if not any(t.text in (":", ";") for t in doc[c.right_edge.i + 1:verb.i]):
            return c
    return None


def extend_clause(verb: Token, comp: Token, e: int) -> int:
    """A reported clause goes on with a second "that" clause or a condition the parser hung on the
    cue verb: "said A, but that B"; "promised to act should he win", "... if elected"."""
    doc = verb.doc
    for c in verb.rights:
        if c.i <= comp.i or c.left_edge.i < e or c.dep_ in ("punct", "cc"):
            continue
        between = doc[e:c.left_edge.i]
        if any(not (t.is_punct or t.dep_ == "cc") for t in between) or any(t.text in (".", ";", ":") for t in between):
            break
        mark = child_of(c, "mark")
        first = doc[c.left_edge.i]
        conditional = c.dep_ == "advcl" and (mark is not None and mark.lower_ in ("if", "unless")
                                             or first.tag_ == "MD" and first.i < c.i)
        second = c.dep_ in ("conj", "ccomp") and mark is not None and mark.lower_ == "that"
        # "promising to meet and in some cases exceed his goals": a second infinitive the parser
        # hung on the cue ("promising ... exceed" cannot be one verb and its conjunct)
        infinitive = comp.dep_ == "xcomp" and comp.tag_ == "VB" and c.dep_ == "conj" and c.tag_ in ("VB", "VBP") \
            and verb.tag_ not in ("VB", "VBP") and child_of(c, "nsubj") is None and any(t.dep_ == "cc" for t in between)
        if not (conditional or second or infinitive):
            break
        e = c.right_edge.i + 1
    return e



# ---------------------------------------------------------------------------------------------
# Strategies


def inverted_aside_pieces(verb: Token, lemma: str, lex) -> Token | list[CharRange] | None:
    doc = verb.doc
    aside = inverted_aside(verb) if lemma in lex["clause"] else None
    if aside is not None:
        sent = sent_of(verb)
        return [c for c in (token_chars(doc, sent.start, aside[1]), token_chars(doc, aside[2], sent.end)) if c]


def clause_complement(verb: Token, lemma: str, lex) -> Token | list[CharRange] | None:
    if not (lemma in lex["clause"] or lemma in lex["infinitive"]):
        return None
    return clause_child(verb)


def xcomp_clause(verb: Token, lemma: str, lex) -> Token | list[CharRange] | None:
    if not (lemma in lex["infinitive"] or lemma in lex["clause"]):
        return None
    # "He said legalizing it could ...": the parser often hangs the clause as an xcomp
    return child_of(verb, "xcomp")


def subject_taken_for_object(verb: Token, lemma: str, lex) -> Token | list[CharRange] | None:
    doc = verb.doc
    if not (lemma in lex["clause"]):
        return None
    # "analysts saying a strong reading will cement ...": the parser takes the clause's subject
    # for an object of "say" and hangs its verb elsewhere
    obj = child_of(verb, "dobj")
    nxt = doc[obj.right_edge.i + 1] if obj is not None and obj.right_edge.i + 1 < sent_end_of(verb) else None
    if nxt is not None and obj.i > verb.i and nxt.tag_ in ("VBD", "VBZ", "VBP", "MD") \
            and not any(t.text == "," for t in doc[obj.left_edge.i:obj.right_edge.i + 1]):
        pred = nxt.head if nxt.dep_ in ("aux", "auxpass") else nxt
        if pred.i >= nxt.i and not (obj.left_edge.i <= pred.head.i <= obj.right_edge.i):
            s, e = obj.left_edge.i, pred.right_edge.i + 1
            e = cut_trailing_cues(pred, s, e, lex)
            got = token_chars(doc, s, e)
            return [got] if got else []


def clause_after_setting(verb: Token, lemma: str, lex) -> Token | list[CharRange] | None:
    if not (lemma in lex["clause"]):
        return None
    # "said in a statement that ...", "said in one of a series of posts that ...": the parser
    # hangs the clause on the statement
    for prep in verb.rights:
        for c in (prep.subtree if prep.dep_ == "prep" else ()):
            mark = child_of(c, "mark")
            if c.dep_ in ("acl", "relcl", "ccomp") and mark is not None and mark.lower_ == "that" \
                    and mark.i < c.i and mark.i == c.left_edge.i:
                return c


def clause_taken_for_adverbial(verb: Token, lemma: str, lex) -> Token | list[CharRange] | None:
    doc = verb.doc
    if not (lemma in lex["clause"]):
        return None
    # "said after the meeting he would not ...": the parser takes the clause for an adverbial one
    return next((c for c in verb.rights if c.dep_ == "advcl" and child_of(c, "mark") is None
                 and child_of(c, "nsubj") is not None and c.tag_ in ("VBD", "VBZ", "VBP", "VB")
                 and (c.tag_ != "VB" or child_of(c, "aux") is not None)
                 # not "when someone dies", "as polls closed"
                 and not any(t.head == c and t.dep_ in ("advmod", "mark") or t.tag_ in ("WRB", "WDT", "WP")
                             for t in doc[c.left_edge.i:child_of(c, "nsubj").left_edge.i + 1])), None)


def answer_or_as_much(verb: Token, lemma: str, lex) -> Token | list[CharRange] | None:
    doc = verb.doc
    if not (lemma in lex["clause"]):
        return None
    # "46 percent of voters said yes": an answer is what was said
    # "said as much", "thinks so": a reference back to what was said before
    nxt = doc[verb.i + 1:verb.i + 3]
    answer = next((c for c in verb.rights if c.dep_ in ("intj", "dobj", "advmod") and c.lower_ in lex["answers"]
                   and c.i == verb.i + 1), None)
    if answer is not None:
        got = token_chars(doc, answer.i, answer.i + 1)
        return [got] if got else []
    if len(nxt) == 2 and nxt.text.lower() == "as much" and nxt[0].head in (verb, nxt[1]) \
            and not (nxt.end < len(doc) and doc[nxt.end].lower_ == "as"):  # not "as much as he could"
        got = token_chars(doc, nxt.start, nxt.end)
        return [got] if got else []


def preposition_object(verb: Token, lemma: str, lex) -> Token | list[CharRange] | None:
    doc = verb.doc
    if not (lemma in lex["prep"]):
        return None
    for c in verb.children:
        if c.dep_ in ("prep", "prt") and c.lower_ in lex["prep"][lemma]:
            obj = child_of(c, "pobj", "pcomp")
            if obj is not None:
                return obj
        # "called for the allies to send troops": the parser makes "for" the mark of a clause
        if c.dep_ in ("advcl", "ccomp", "xcomp") and c.i > verb.i:
            mark = child_of(c, "mark")
            if mark is not None and mark.i == c.left_edge.i and mark.lower_ in lex["prep"][lemma]:
                s, e = mark.i + 1, c.right_edge.i + 1
                e = cut_trailing_cues(c, s, e, lex)
                got = token_chars(doc, s, e)
                return [got] if got else []


def seen_as(verb: Token, lemma: str, lex) -> Token | list[CharRange] | None:
    doc = verb.doc
    if not (lemma in lex["as"] and child_of(verb, "dobj") is not None):
        return None
    # "experts see the vote as a test of the new law", "view it as a test": the object and what
    # it is seen as
    obj = child_of(verb, "dobj")
    as_ = [t for t in obj.subtree if t.dep_ == "prep" and t.lower_ == "as"] + \
          [c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "as"]
    if as_ and (obj.lower_ not in lex["bare"] or obj.lower_ in lex["bare_pronoun"]):
        s, e = obj.left_edge.i, max(obj.right_edge.i, as_[0].right_edge.i) + 1
        got = token_chars(doc, s, cut_trailing_cues(obj, s, e, lex)) if not s <= verb.i < e else None
        return [got] if got else []


def object_content(verb: Token, lemma: str, lex) -> Token | list[CharRange] | None:
    doc = verb.doc
    if not (lemma in lex["object"] or lemma in lex["particle"] and any(
            c.dep_ == "prt" and c.lower_ in lex["particle"][lemma] for c in verb.children)):
        return None
    obj = child_of(verb, "dobj")
    pred = child_of(verb, "oprd")
    if pred is not None and obj is None:
        obj = child_of(verb, "dative")  # the parser's other reading of "called him a liar"
    noun = verb.head
    # (not "the candidate that Democrats supported", nor "The tax cut, which Republicans backed, added
    # $1 trillion": a restrictive relative, or one set into the sentence's subject)
    if obj is not None and obj.tag_ in ("WDT", "WP") and obj.i < verb.i and verb.dep_ == "relcl" \
            and (doc[obj.i - 1].text == "," or pred is not None) and noun.dep_ not in ("nsubj", "nsubjpass") \
            and noun.pos_ in ("NOUN", "PROPN") and noun.i < obj.i and noun.lemma_.lower() not in lex["not_content"] \
            and noun.lemma_.lower() not in lex["setting"] \
            and (lemma not in lex["object_nouns"] or noun.lemma_.lower() in lex["object_nouns"][lemma]):
        # "the Mexican War, which most Whigs opposed": what the relative stands for, and what it
        # is called ("$2.9 billion, which Mr. Trump called a disgrace")
        pieces = [token_chars(doc, noun_start(noun), obj.i + 1)]
        if pred is not None and pred.i > verb.i:
            pieces.append(token_chars(doc, pred.left_edge.i, pred.right_edge.i + 1))
        return [p for p in pieces if p]
    if obj is not None and obj.lower_ in lex["bare_pronoun"] and pred is not None and pred.i > obj.i:
        # "called him a political opportunist": the object and what it is called
        s, e = obj.left_edge.i, pred.right_edge.i + 1
        got = token_chars(doc, s, cut_trailing_cues(pred, s, e, lex))
        return [got] if got else []
    # "issued a statement" says nothing, "condemned the speech" does
    setting = obj is not None and (obj.lemma_.lower() in lex["platform"]
                                   or lemma in lex["light"] and obj.lemma_.lower() in lex["setting"])
    # "endorsed him", "voters are rejecting her": a stance toward a person is content even as a pronoun
    person = obj is not None and obj.lower_ in lex["person_objects"] and lemma in lex["stance_verbs"]
    if obj is not None and (obj.lower_ not in lex["bare"] or person) and not setting \
            and obj.lemma_.lower() not in lex["not_content"] \
            and (lemma not in lex["object_nouns"] or obj.lemma_.lower() in lex["object_nouns"][lemma]) \
            and not (lemma in lex["light"] and obj.lemma_.lower() in lex["nominal"]  # the noun is the cue
                     and (lemma not in lex["object"] or lemma in lex["noun_cue_verbs"])):
        return obj  # "raised questions about ...", not "raised $20 million"


def passive_agent(verb: Token, lemma: str, lex) -> Token | list[CharRange] | None:
    doc = verb.doc
    if not ((lemma in lex["object"] or lemma in lex["as"] or lemma in lex["clause"])
            and child_of(verb, "agent") is not None):
        return None
    # "The plan was rejected by the mayor", "the remarks, first reported by the Times, ...": the
    # passive subject, or the noun the participle describes, is what the agent said or did
    target = child_of(verb, "nsubjpass")
    if target is None and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        target = verb.head
    # "a statement released by the council" says no more than "the council released a statement"
    setting = target is not None and (target.lemma_.lower() in lex["platform"]
                                      or lemma in lex["light"] and target.lemma_.lower() in lex["setting"])
    if target is not None and target.lower_ not in lex["bare"] and target.pos_ != "PRON" and not setting:
        s, e = target.left_edge.i, target.right_edge.i + 1
        pieces = []
        if s <= verb.i < e:
            e = verb.left_edge.i
            # "Starr's remarks, first reported by the Times, suggested a tinge of regret": what
            # the sentence goes on to say of them is the report too
            main = target.head
            after = verb.right_edge.i + 1
            if lemma in lex["report_verbs"] and target.dep_ == "nsubj" and main.pos_ in ("VERB", "AUX") and main.i > verb.i \
                    and (main.lemma_.lower() in lex["clause"] or main.lemma_.lower() == "be") and child_of(main, "auxpass") is None \
                    and after < len(doc) and doc[after].text == ",":
                pieces.append(token_chars(doc, after + 1, main.right_edge.i + 1))
        got = token_chars(doc, s, e)
        return [p for p in [got] + pieces if p] if got else []


def evidence_object(verb: Token, lemma: str, lex) -> Token | list[CharRange] | None:
    if not (lemma in lex["evidence"] and is_evidence(find_speaker(verb), lex)):
        return None
    # "the poll shows Clinton with a lead", "a survey puts him at 40 percent"
    return child_of(verb, "dobj")


def complement_contents(verb: Token, comp: Token, lemma: str, lex) -> list[CharRange]:
    """The content a strategy's complement stands for: its subtree, with what the verb hangs after
    it (an object's tail, a second clause, a condition), without a cue that closes it or what
    comes after a semicolon; a fronted relative or a clause before a comma aside as a piece of its
    own."""
    doc = verb.doc
    s, e = subtree_range(comp)
    fronted = None
    if s < verb.i < comp.i:
        # "a mine, which he says he is keeping open": the fronted "which" is not what he says,
        # but the thing it stands for is what it is about: a piece of its own, "a mine, which"
        if doc[s].tag_ in ("WDT", "WP") and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") \
                and verb.head.i < s and verb.head.dep_ not in ("nsubj", "nsubjpass"):
            noun = verb.head
            fronted = token_chars(doc, noun_start(noun), s + 1)
        s = verb.i + 1
        while s < comp.i and (doc[s].dep_ in ("prt", "punct") or doc[s].head.i == verb.i
                              and doc[s].dep_ in ("dobj", "dative", "prep", "npadvmod", "advmod")):
            s = doc[s].right_edge.i + 1 if doc[s].dep_ != "punct" else s + 1
    if comp.dep_ == "advcl" and child_of(comp, "nsubj") is not None:
        s = max(s, child_of(comp, "nsubj").left_edge.i)  # not "after the convention"
    if comp.dep_ == "xcomp" and comp.i > verb.i and lemma in lex["asking"]:
        # "asked Comey to turn over the file", "called on others to return the money": who is asked
        # is part of what is asked
        obj = next((c for c in verb.rights if c.i < comp.i and (c.dep_ in ("dobj", "dative")
                    or c.dep_ == "prep" and c.lower_ == "on" and child_of(c, "pobj") is not None)), None)
        if obj is not None and obj.right_edge.i + 1 == comp.left_edge.i:
            s = min(s, obj.left_edge.i if obj.dep_ != "prep" else child_of(obj, "pobj").left_edge.i)
    if comp.dep_ in ("dobj", "pobj", "pcomp"):
        e = extend_tail(verb, comp, extend_object(verb, comp, e, lex), lex)
        # "praised Franklin Graham, who has vowed ...": a person, not what a clause says of them
        who = next((c for c in comp.rights if c.dep_ == "relcl" and doc[c.left_edge.i - 1].text in (",", "—", "–", "--")
                    and any(t.lower_ in ("who", "whom", "whose") for t in doc[c.left_edge.i:c.i])), None)
        if who is not None and (comp.ent_type_ == "PERSON" or comp.pos_ == "PROPN") and who.right_edge.i + 2 >= e:
            e = min(e, who.left_edge.i - 1)
    elif comp.dep_ in ("ccomp", "xcomp"):
        e = extend_clause(verb, comp, e)
        if comp.i > verb.i:
            e = extend_tail(verb, comp, e, lex)
    e = cut_trailing_cues(comp, s, e, lex)
    # "say the United States has more billionaires; Wealth-X tallies 585 ...": a semicolon ends
    # what the cue reports
    e = next((t.i for t in doc[max(s, verb.i + 1):e] if t.text == ";"), e)
    c = token_chars(doc, s, e)
    aside = comma_aside(verb, lex) if comp.i > verb.i and fronted is None else None
    if aside is not None and any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in doc[sent_start_of(verb):aside[0]]):
        # "The quay had become so unsafe, she noted, that the ferries stopped": the clause before
        # too (not "In both cases, he said, ...")
        fronted = token_chars(doc, sent_start_of(verb), aside[0])
    return [x for x in (fronted, c) if x] if c else []


def interrupted_clause(verb: Token, lemma: str, lex) -> Token | list[CharRange] | None:
    doc = verb.doc
    # "... is strong, he said, and ...": the cue interrupts the content it reports
    aside = comma_aside(verb, lex)
    if interrupts(verb) or aside is not None:
        sent = sent_of(verb)
        speaker = find_speaker(verb)
        start = mention_range(speaker)[0] if speaker is not None and speaker.i < verb.i else verb.left_edge.i
        while start > sent.start and doc[start - 1].head == verb and doc[start - 1].dep_ in ("mark", "advmod"):
            start -= 1  # "..., as the mayor said"
        hole = (min(start, verb.i), verb.right_edge.i + 1) if aside is None else aside
        pieces = []
        for s, e in ((sent.start, hole[0]), (hole[1], sent.end)):
            # "The goal, he said, is to ...": a piece before the cue may be short, not a bare "Now,"
            if count_words(doc, s, e) >= 2 or e > s and s < hole[0] and any(
                    t.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "VERB") for t in doc[s:e]):
                c = token_chars(doc, s, e)
                if c:
                    pieces.append(c)
        return pieces


def after_colon(verb: Token, lemma: str, lex) -> Token | list[CharRange] | None:
    doc = verb.doc
    # He said: the words after the colon
    colon = next((t for t in verb.rights if t.text == ":"), None)
    if colon is not None and colon.i + 1 < sent_end_of(verb):
        c = token_chars(doc, colon.i + 1, sent_end_of(verb))
        return [c] if c else []
    return None


# The ways a reporting verb's content is found, in the order they are tried. Each takes the verb,
# its lemma and the lexicon and answers None (not this way: try the next), a token (the complement
# whose subtree is the content: see `complement_contents`) or a list of character ranges (the
# content itself, final, possibly empty).
CONTENT_STRATEGIES: tuple[Callable[[Token, str, dict], Token | list[CharRange] | None], ...] = (
    inverted_aside_pieces,        # "A fair reading, said Kofman, would ..."
    clause_complement,            # "said (that) the quay was unsafe"
    xcomp_clause,                 # "said legalizing it could ...", "vowed to rebuild"
    subject_taken_for_object,     # "analysts saying a strong reading will cement ..."
    clause_after_setting,         # "said in a statement that ..."
    clause_taken_for_adverbial,   # "said after the meeting he would not ..."
    answer_or_as_much,            # "said yes", "said as much"
    preposition_object,           # "called for a ban", "called for the allies to send troops"
    seen_as,                      # "see the vote as a test"
    object_content,               # "denied the report", "called him a liar"
    passive_agent,                # "the plan was rejected by the mayor"
    evidence_object,              # "the poll shows Clinton with a lead"
    interrupted_clause,           # "The goal, he said, is to ..."
    after_colon,                  # "He said: ..."
)


def verb_contents(verb: Token, lex) -> list[CharRange]:
    """The clause(s) a reporting verb governs, as character ranges: the first strategy that
    answers decides."""
    lemma = verb.lemma_.lower()
    for strategy in CONTENT_STRATEGIES:
        found = strategy(verb, lemma, lex)
        if found is None:
            continue
        if isinstance(found, list):
            return found
        return complement_contents(verb, found, lemma, lex)
    return []
