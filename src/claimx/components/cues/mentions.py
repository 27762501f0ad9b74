"""Who speaks through a cue verb: the speaker mention's head and its extent.

`find_speaker` climbs from a cue verb to the token heading its speaking mention (the subject,
an agent, a shared subject up a chain of verbs, a name the parser hung elsewhere); `mention_range`
gives the mention around that head. Also the shapes of a cue set into its own clause
(`interrupts`, `comma_aside`, `inverted_aside`), which decide both the speaker and the content.
"""
from __future__ import annotations

from spacy.tokens import Token

from claimx.components.cues.lexicon import lexicon, plausible_source, pronoun_sets
from claimx.components.syntax import child_of, count_words, sent_of, sent_start_of

# Children that end a speaker mention: "A diplomatic source, speaking anonymously to KAN, suggested"
_MENTION_STOP = {"relcl", "acl", "advcl", "parataxis", "ccomp", "cc", "conj"}


def mention_range(head: Token) -> tuple[int, int]:
    """The speaker mention around ``head``, with its apposition, without relative clauses."""
    left = head.i
    for child in head.lefts:
        if child.dep_ in _MENTION_STOP or child.is_punct:
            continue
        left = min(left, child.left_edge.i)
        break
    right = head.i
    for child in head.rights:
        if child.dep_ in _MENTION_STOP:
            break
        if child.dep_ == "punct":
            continue
        if child.dep_ == "appos":
            # "Al-Qahera, a private news channel": keep the apposition, not its relative clause
            r = child.i
            for gc in child.rights:
                if gc.dep_ in _MENTION_STOP:
                    break
                if gc.dep_ != "punct":
                    r = gc.right_edge.i
            right = max(right, r)
            continue
        right = max(right, child.right_edge.i)
    doc = head.doc
    while right > left and (doc[right].is_punct or doc[right].is_space or doc[right].dep_ in ("cc", "case")):
        right -= 1  # a possessor speaks without its "'s": "Trump's call for ..."
    while left < right and (doc[left].is_punct or doc[left].is_space or doc[left].dep_ == "cc"):
        left += 1
    return left, right + 1


def interrupts(verb: Token) -> bool:
    """A cue set into the clause it reports: "The goal, he said, is ...", "..., as she put it"."""
    if verb.head == verb:
        return False
    if verb.dep_ == "parataxis":
        return True
    # "as he said", "as she put it" -- not "as Mr. Kerry continues to pursue diplomacy"
    mark = child_of(verb, "mark")
    return mark is not None and mark.lower_ == "as" \
        and not any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > verb.i for c in verb.children)


def comma_aside(verb: Token, lex) -> tuple[int, int] | None:
    """"This sort of opining, CNN claimed, violates its code": a verb of saying and its subject set
    off by commas inside the clause they report, however the parser hung the rest. The aside's
    token range, or None."""
    doc = verb.doc
    subj = child_of(verb, "nsubj")
    if verb.lemma_.lower() not in lex["clause"] or subj is None or subj.i > verb.i or subj.right_edge.i != verb.i - 1:
        return None
    start = subj.left_edge.i
    sent = sent_of(verb)
    if start - 1 <= sent.start or doc[start - 1].text != "," or verb.i + 1 >= sent.end or doc[verb.i + 1].text != ",":
        return None
    if count_words(doc, sent.start, start - 1) < 2 or count_words(doc, verb.i + 2, sent.end) < 2:
        return None
    return start, verb.i + 1


def inverted_aside(verb: Token) -> tuple[Token, int, int] | None:
    """"A fair reading, said Michael Kofman, an expert, would see it as ...": the parser takes the
    front of the clause as the subject of "said" and the speaker as the subject of the rest.
    Returns the speaker and the token range of the aside ("said ... ,")."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != ",":
        return None
    # the speaker right after the cue: the subject of "said" itself, or of the rest of the clause
    after = [c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i]
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if not after and comp is not None and child_of(verb, "nsubj") is not None:
        after = [c for c in comp.children if c.dep_ == "nsubj"]
    speaker = after[0] if after else None
    if speaker is None or speaker.left_edge.i != verb.i + 1:
        return None
    end = mention_range(speaker)[1]
    if end >= len(doc) or doc[end].text != ",":
        return None
    return speaker, verb.i, end + 1


def parenthetical_subject(verb: Token) -> Token | None:
    """"The source, union members say, is ...": the parser hangs the speaker on the words before."""
    doc = verb.doc
    i, start = verb.i - 1, sent_start_of(verb)
    while i > start and not doc[i].is_punct:
        i -= 1
    if doc[i].text != "," or i == verb.i - 1:
        return None
    inside = range(i + 1, verb.i)
    for t in doc[i + 1:verb.i]:
        if t.head.i not in inside and t.pos_ in ("NOUN", "PROPN", "PRON"):
            return t
    return None


def find_speaker(verb: Token, depth: int = 0) -> Token | None:
    """The token that heads the speaking mention of a cue verb, climbing shared subjects."""
    aside = inverted_aside(verb) if depth == 0 else None
    if aside is not None:
        return aside[0]
    subj = child_of(verb, "nsubj")
    if verb.dep_ == "parataxis" and depth == 0:
        near = parenthetical_subject(verb)
        if near is not None and (subj is None or subj.i < near.i):
            return near
    if subj is not None and subj.lower_ == "it" and verb.lemma_.lower() in lexicon()["it_speech"] \
            and child_of(verb, "auxpass") is None:
        return subj  # "It said in a statement ...": a company, a paper, a report
    if subj is not None and subj.lower_ not in ("it", "there"):
        if _says_nothing(subj, verb):
            return None
        # (a relative "who" is resolved to verb.head by the speakers component)
        return subj
    agent = child_of(verb, "agent")
    if agent is not None:
        pobj = child_of(agent, "pobj")
        if pobj is not None:
            return pobj
    passive = child_of(verb, "nsubjpass")
    if passive is not None and has_said(verb):
        return passive  # "he's said the same thing": the parser reads "'s" as "is"
    if passive is not None or depth >= 3:
        return None
    head = verb.head
    if head == verb:
        return name_right_before(verb) if depth == 0 else None
    # "quoted an unnamed source as saying that ...": the quoted one speaks
    if verb.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_ in ("quote", "cite"):
        return child_of(head.head, "dobj")
    if verb.dep_ in ("conj", "advcl", "xcomp", "pcomp"):
        if head.pos_ == "ADP":
            head = head.head
        if verb.dep_ in ("xcomp", "pcomp") and head.pos_ == "VERB" and _controlled_by_object(verb, head):
            return None
        if verb.dep_ == "conj" and _infinitive(verb) and child_of(head, "nsubj") is not None:
            # "ordered Israel to ensure that its forces stop and to confirm that ...": an infinitive
            # the parser joined to a finite clause goes with the infinitive above that clause
            up = head
            while up.head != up and not _infinitive(up):
                up = up.head
            return find_speaker(up, depth + 1) if _infinitive(up) else None
        if verb.tag_ == "VBN" and (verb.dep_ == "xcomp" or verb.dep_ == "advcl" and (
                verb.lemma_.lower() in lexicon()["asking"] or verb.lemma_.lower() in lexicon()["accusing"])):
            # "Israel stands accused of ...", "Asked about the levy, 46 percent said ...": the subject
            # is accused or asked (but "Worried the target might be missed, the government
            # proposed ..." is the government's worry)
            return None
        # "In addition to stating that ..., Clinton has vowed ...": up through the fronted phrase;
        # "has a long history of blaming others": up through the object the phrase hangs on
        hops = 0
        while verb.dep_ == "pcomp" and head.pos_ in ("NOUN", "ADP") and head.dep_ in ("pobj", "prep", "dobj") and hops < 3:
            head, hops = head.head, hops + 1
        # "were quick to condemn the outcome": up through an adjective of eagerness (not "unable to")
        if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
            if head.lower_ not in lexicon()["eager"] or child_of(head.head, "neg") is not None:
                return None
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            found = find_speaker(head, depth + 1)
            # "said the quay was unsafe, citing two reports": a participle hung on the reported clause
            # belongs to the one who reports it, not to the clause's subject
            if verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "ccomp" and head.head.pos_ == "VERB" \
                    and (found is None or not plausible_source(found)) and depth < 3:
                return find_speaker(head.head, depth + 2)
            return found
    # "a separate Hamas statement said" is nsubj; "a statement saying ..." is acl of the noun;
    # "anyone expecting a change" of the pronoun
    if verb.dep_ == "acl" and (head.pos_ in ("NOUN", "PROPN") or head.pos_ == "PRON" and verb.tag_ == "VBG"
                               and plausible_source(head)):  # not "nothing suggesting that ..."
        return head
    return name_right_before(verb) if depth == 0 else None


def _controlled_by_object(verb: Token, head: Token) -> bool:
    """"The court ordered the ministry to ensure that ...", "accused the mayor of claiming that ...":
    the one who is to do (or is said to have done) what the verb says is the head's object, who is
    ordered or accused; the head's subject does not say it, and the object says nothing by being
    its object. Only after verbs of asking (an infinitive) and of accusing (a gerund after "of" or
    "with"): "used his speech to call for ...", "distanced himself by saying ..." share the
    subject (``rules/cues/mentions.json`` accusing_verbs)."""
    if not any(c.dep_ in ("dobj", "dative") and c.i < verb.i for c in head.children):
        return False
    lemma = head.lemma_.lower()
    if verb.dep_ == "xcomp":
        return lemma in lexicon()["asking"]
    prep = verb.head
    return prep.pos_ == "ADP" and prep.lower_ in ("of", "with") and lemma in lexicon()["accusing"]


def _says_nothing(subj: Token, verb: Token) -> bool:
    """"Who said the war is over?", "Nobody said ...", "No official claimed ...": a question's
    wh-word (in a sentence that asks: a relative "who" or "which" speaks for its noun) or a
    negative subject."""
    low = subj.lower_
    if low in ("who", "whom", "which", "what"):
        return subj.tag_ in ("WP", "WDT") and any(t.text == "?" for t in sent_of(verb)[-2:])
    det = child_of(subj, "det")
    return low in lexicon()["no_speakers"] or det is not None and det.lower_ == "no"


def _infinitive(tok: Token) -> bool:
    return tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def has_said(verb: Token) -> bool:
    """"he's said the same thing", "she's wanted the job": a perfect the parser took for a passive
    ("'s" read as "is"). Only with an object, and not for a verb whose object is the hearer: "he's
    told that ...", "she's asked about ..." are passives; "he's said to be angry" is hearsay."""
    aux = child_of(verb, "auxpass")
    subj = child_of(verb, "nsubjpass")
    lex = lexicon()
    return aux is not None and subj is not None and aux.lower_ in lex["apostrophe_s"] and aux.i == verb.i - 1 \
        and verb.tag_ in ("VBN", "VBD") and subj.pos_ == "PRON" and subj.lower_ in lex["speaking_pronouns"] \
        and child_of(verb, "dobj") is not None and child_of(verb, "xcomp") is None \
        and verb.lemma_.lower() not in lex["addressee"]


def name_right_before(verb: Token) -> Token | None:
    """"In a meeting with the editorial board of the Post Trump said ...": the parser hangs the name
    on the phrase before it; a name right before a finite verb of saying is its subject."""
    doc = verb.doc
    if verb.i == sent_start_of(verb) or verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.lemma_.lower() not in lexicon()["clause"]:
        return None
    prev = doc[verb.i - 1]
    if prev.ent_type_ in ("PERSON", "ORG") and (prev.ent_iob_ != "B" or prev.pos_ == "PROPN"):
        if prev.dep_ in ("pobj", "compound", "dobj", "appos", "conj") and prev.head.i < verb.i:
            return prev
    return None


def same_speaker(a: Token, b: Token) -> bool:
    """Do two cues have one speaker: the same word, or a pronoun of the right number for it?"""
    sa, sb = find_speaker(a), find_speaker(b)
    if sa is None or sb is None:
        return False
    if sa.lower_ == sb.lower_:
        return True
    singular, plural = pronoun_sets()
    many = sb.tag_ in ("NNS", "NNPS") or sb.lower_ in plural
    return sa.lower_ in singular and not many or sa.lower_ in plural and many
