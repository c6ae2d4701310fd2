"""Small questions about the dependency parse that every pass asks: a token's lemma and
offsets, its subject, object, prepositions and auxiliaries, the verb governing a noun.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

# Prepositions whose object is a partner or target of the event.
TARGET_PREPS = frozenset(
    {"with", "to", "against", "on", "at", "into", "toward", "towards", "upon", "between",
     "among", "from", "over", "for", "of", "in"}
)  # fmt: skip

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})

RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def token_span(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


def child_with(token: Token, *deps: str) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def is_passive(token: Token) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in token.children):
        return True
    if token.tag_ == "VBN" and token.dep_ == "acl":
        # "the town captured by rebels", but not "reports that its jets had bombed"
        return not any(c.dep_ in ("nsubj", "aux") for c in token.children)
    return token.tag_ == "VBN" and token.dep_ == "conj" and is_passive(token.head)


def direct_object(token: Token) -> Token | None:
    """The direct object of a verb; for a passive its subject, or the noun it modifies."""
    if is_passive(token):
        subject = child_with(token, "nsubjpass")
        if subject is not None:
            return subject
        if token.dep_ == "acl":
            return token.head
        return None
    return child_with(token, "dobj")


def prep_words(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("prep", "prt", "agent", "dative")}


def outer_noun(token: Token, containers: frozenset[str]) -> Token:
    """The noun a trigger is the "of" complement of, through container nouns ("on the
    highest level of combat readiness", "a state of emergency"), else the trigger."""
    current = token
    for _ in range(3):
        head = current.head
        if not (current.dep_ == "pobj" and head.lower_ == "of"):
            break
        if lemma_of(head.head) not in containers:
            break
        current = head.head
    return current


def objects_of(verb: Token) -> Iterable[Token]:
    """The verb's direct objects and the objects of its "on" / "into" phrases ("staged
    protests", "went on strike", "broke into protest")."""
    for child in verb.children:
        if child.dep_ == "dobj":
            yield child
        elif child.dep_ == "prep" and child.lower_ in ("on", "into"):
            yield from (o for o in child.children if o.dep_ == "pobj")


def purpose_clause(token: Token) -> bool:
    """A to-infinitive adverbial clause without a subject of its own ("... to demand X")."""
    return (
        token.dep_ == "advcl"
        and token.pos_ == "VERB"
        and any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children)
        and child_with(token, "nsubj", "nsubjpass") is None
    )


def agent_phrase(verb: Token, depth: int = 0) -> Token | None:
    """The word that names the doer of the verb (its subject, the agent of a passive, or the
    phrase it inherits them from), whether or not it is a known actor; None if unsaid."""
    if is_passive(verb):
        agent = child_with(verb, "agent")
        return child_with(agent, "pobj") if agent is not None else None
    subject = child_with(verb, *SUBJECT_DEPS)
    if subject is not None:
        return subject
    if depth >= 3:
        return None
    head = verb.head
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        return head
    if verb.dep_ == "xcomp":
        controller = child_with(head, "dobj") or child_with(head, "nsubjpass")
        return controller if controller is not None else agent_phrase(head, depth + 1)
    if verb.dep_ in ("conj", "advcl", "acomp"):
        return agent_phrase(head, depth + 1)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        return agent_phrase(head.head, depth + 1)
    return None


def is_named(phrase: Token | None) -> bool:
    return (
        phrase is not None
        and phrase.pos_ in ("NOUN", "PROPN")
        and phrase.lower_ not in RELATIVE_PRONOUNS
    )


def prep_phrase_objects(token: Token, words: frozenset[str]) -> Iterable[Token]:
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in words:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield obj
        elif child.dep_ == "dative" and child.pos_ != "ADP":
            yield child


def nominal_governor(token: Token) -> Token | None:
    """The verb a nominal trigger is the object of, through "of"/"for" chains ("held
    talks", "dangles the idea of an ultimatum", "announcement of a summit")."""
    current, steps = token, 0
    while steps < 5:
        dep, head = current.dep_, current.head
        if dep in ("dobj", "attr", "oprd", "dative", "conj", "appos"):
            pass
        elif dep == "pobj":
            if head.lower_ not in ("of", "for", "with", "in", "to", "at"):
                return None
        elif dep == "prep":
            if head.pos_ not in ("NOUN", "PROPN", "VERB", "AUX"):
                return None
        else:
            return None
        if head.pos_ in ("VERB", "AUX") and dep != "conj":
            return head
        if head.i == current.i:
            return None
        current = head
        steps += 1
    return None


def unique(ids: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for i in ids:
        if i not in seen:
            seen.append(i)
    return seen


def aux_words(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


def present_tense(verb: Token) -> bool:
    """A present-tense clause ("they demobilize", "demands are met"): after "until" or
    "before", a condition still to be fulfilled."""
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if tags & {"VBD", "MD"}:
        return False
    return bool(tags & {"VBP", "VBZ"}) or (verb.tag_ == "VB" and not aux_words(verb))


def phrasal_lemma(token: Token) -> str:
    """The lemma with its particle, if any: "rule out", "call off"."""
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    return f"{lemma_of(token)} {particle}" if particle else lemma_of(token)


def clause_marks(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ == "mark"}
