"""Source and target: subject and object, swapped for passives (agent "by X"); prepositional
partners ("with", "to", "against", "between" ...); possessives and actor modifiers of nouns
("Putin's agreement", "U.S. military support"); coordinated actors are all kept. A nominal
event that is the object of a verb such as "face", "draw" ("faced criticism from X") has
that verb's subject as its target; one that is the passive subject of a light or causative
verb ("sanctions were imposed by X") takes the agent as its source. Also: whether the
sentence names the doer itself (then the reporting speaker is not lent), and whether an
event is told as background ("after", "in response to").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from newsevents.extract.events.context import Candidate, Context
from newsevents.extract.events.parties import (
    np_actors,
    other_actors,
    phrase_actors,
    subject_actors,
    token_actor,
)
from newsevents.extract.events.syntax import (
    RELATIVE_PRONOUNS,
    TARGET_PREPS,
    agent_phrase,
    child_with,
    direct_object,
    is_named,
    is_passive,
    lemma_of,
    nominal_governor,
    outer_noun,
    prep_phrase_objects,
    prep_words,
    unique,
)
from newsevents.kb.lexicons import load_lexicons

# Prepositions (and nouns) that put an event in the background of another ("after five
# days of fighting", "in the wake of the killing"): such a mention borrows no actors.
BACKGROUND_PREPS = frozenset({"after", "since", "before", "amid", "despite", "following"})


# Verbal interactions: a nominal one with no party named ("the talks", "a warning") is
# likely the reporting speaker's own ("X said the talks went well").
_SPOKEN_TYPES = load_lexicons().event_traits["spoken"]  # kb/event_types.tsv


# Types whose arguments are symmetric partners.
SYMMETRIC_TYPES = load_lexicons().event_traits["symmetric"]  # kb/event_types.tsv


# Types where "of X" on a nominal trigger is the one acted upon ("the arrest of X").
_OF_IS_TARGET = load_lexicons().event_traits["of_target"]  # kb/event_types.tsv


def names_own_agent(cand: Candidate) -> bool:
    """The sentence names who did it (a noun phrase, not a pronoun), or tells the event as a
    happening, so it must not borrow the reporting speaker as its source: in "the sides
    agreed, an official said" the official did not agree; in "five men were arrested,
    the paper said" the paper arrested no one."""
    token = cand.token
    if not cand.nominal:
        if is_passive(token):
            return True
        return is_named(agent_phrase(token))
    if any(c.dep_ == "poss" for c in token.children) or "by" in prep_words(token):
        return True
    if cand.governor is not None and not is_passive(cand.governor):
        agent = agent_phrase(cand.governor)
        if agent is not None and agent.pos_ == "PRON" and agent.lower_ not in RELATIVE_PRONOUNS:
            return False  # "it is ready to declare a curfew": the speaker, likely
        if is_named(agent):
            return True
    # "X said the talks went well": X likely took part. "X said the fighting went on",
    # "a curfew was imposed, X said": the one who tells of it did not fight.
    return cand.sense.type not in _SPOKEN_TYPES


def verbal_arguments(ctx: Context, cand: Candidate) -> None:
    verb = cand.token
    source = subject_actors(ctx, verb)
    target: list[str] = []
    patient = direct_object(verb)
    target += other_actors(ctx, patient, source)
    for obj in prep_phrase_objects(verb, TARGET_PREPS):
        target += other_actors(ctx, obj, source)
    # The content clause: "urged him to", "demanded that China drop", "threatened to ban X".
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp"):
            if child.dep_ == "ccomp":
                target += np_actors(ctx, child_with(child, "nsubj", "nsubjpass"))
            target += phrase_actors(ctx, child_with(child, "dobj"))
            for obj in prep_phrase_objects(child, frozenset({"to", "with", "against", "on"})):
                target += np_actors(ctx, obj)
    # A response to someone's move: "proposed by Trump and swiftly accepted by Putin".
    if not target and verb.dep_ == "conj":
        other = subject_actors(ctx, verb.head)
        target += [a for a in other if a not in source]
    cand.source = unique(source)
    cand.target = [a for a in unique(target) if a not in cand.source]


def _phrase_preps(noun: Token, word: str) -> Iterable[Token]:
    """Prepositions `word` inside the noun's prepositional phrases, one level down ("protests
    in the suburbs against X")."""
    for child in noun.children:
        if child.dep_ != "prep" or child.lower_ == word:
            continue
        for obj in child.children:
            if obj.dep_ == "pobj":
                for grandchild in obj.children:
                    if grandchild.dep_ == "prep" and grandchild.lower_ == word:
                        yield grandchild


def nominal_arguments(ctx: Context, cand: Candidate) -> None:
    noun = cand.token
    source: list[str] = []
    target: list[str] = []
    of_is_target = cand.sense.type in _OF_IS_TARGET
    for child in noun.children:
        dep = child.dep_
        if dep == "poss":
            source += np_actors(ctx, child)
        elif dep in ("compound", "amod", "nmod") and child.i < noun.i:
            actor = token_actor(ctx, child)
            if actor:
                source.append(actor)
        elif dep == "prep":
            word = child.lower_
            objects = [o for o in child.children if o.dep_ == "pobj"]
            for obj in objects:
                actors = phrase_actors(ctx, obj)
                if word in ("by", "from"):
                    source += actors
                elif word == "of":
                    (target if of_is_target else source).extend(actors)
                elif word in ("with", "to", "against", "on", "toward", "towards", "between",
                              "among", "at", "into", "over", "for"):  # fmt: skip
                    target += actors
        elif dep == "acl":
            target += phrase_actors(ctx, child_with(child, "dobj"))
    if not target:
        # "protests in the suburbs against the government": the parser often hangs the
        # "against" phrase on the nearer noun.
        for prep in _phrase_preps(noun, "against"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    target += phrase_actors(ctx, obj)
    cand.own_parties = bool(source or target)
    governor = nominal_governor(noun)
    passive_of = None  # "sanctions were imposed by the EU", "the expulsion was ordered by X"
    if governor is None and noun.dep_ == "nsubjpass" and noun.head.pos_ == "VERB":
        verb_lemma = lemma_of(noun.head)
        if verb_lemma in ctx.lexicon.light_verbs or verb_lemma in ctx.lexicon.causative_verbs:
            governor = passive_of = noun.head
    outer = outer_noun(noun, ctx.lexicon.container_nouns)
    if (
        governor is None
        and outer.dep_ == "pobj"
        and outer.head.lower_ in cand.sense.governed_by
        and outer.head.head.pos_ in ("VERB", "AUX")
    ):
        governor = outer.head.head  # "troops remained on alert": the preposition is the predicate's
    cand.governor = governor
    if passive_of is not None:
        if lemma_of(passive_of) in ctx.lexicon.causative_verbs:
            source = subject_actors(ctx, passive_of) + source  # the agent ordered it
        elif not source:
            source = subject_actors(ctx, passive_of)  # the agent did it
        for obj in prep_phrase_objects(passive_of, frozenset({"on", "against", "with", "to"})):
            target += np_actors(ctx, obj)
    elif (
        governor is not None
        and not is_passive(governor)
        and lemma_of(governor) in ctx.lexicon.causative_verbs
    ):
        # "the government ordered patrols by police": the one who orders it is its source.
        source = subject_actors(ctx, governor) + source
    if (
        governor is not None
        and not is_passive(governor)
        and lemma_of(governor) in ctx.lexicon.recipient_verbs
    ):
        # "X faced criticism from Y", "drew fire from Y": X is on the receiving end.
        target = subject_actors(ctx, governor) + target
        if not source:
            for obj in prep_phrase_objects(governor, frozenset({"from", "by"})):
                source += phrase_actors(ctx, obj)
    elif (
        not source
        and governor is not None
        and not is_passive(governor)
        # "X resigned after protests": X did not protest
        and not in_background(noun, ctx.lexicon.cause_nouns)
    ):
        source = subject_actors(ctx, governor)
    if governor is not None and noun.dep_ == "dobj" and noun.head.i == governor.i:
        # The parser often hangs the partner on the verb: "imposed sanctions on Iran".
        for obj in prep_phrase_objects(
            governor, frozenset({"to", "on", "against", "with", "toward"})
        ):
            target += np_actors(ctx, obj)
        for other in governor.children:  # "gave the junta an ultimatum": the recipient
            if other.dep_ in ("dobj", "dative") and other.i < noun.i and other.pos_ != "ADP":
                target += np_actors(ctx, other)
    cand.source = unique(source)
    cand.target = [a for a in unique(target) if a not in cand.source]


def in_background(token: Token, nouns: frozenset[str]) -> bool:
    """A nominal trigger told as the background of another event ("after five days of
    fighting", "in response to recent unrest")."""
    current = token
    for _ in range(4):
        dep, head = current.dep_, current.head
        if dep != "pobj" or head.i == current.i:
            return False
        word = head.lower_
        if word in BACKGROUND_PREPS:
            return True
        prep_head = head.head
        if word in ("of", "to") and lemma_of(prep_head) in nouns:
            return True
        if word != "of" or prep_head.pos_ not in ("NOUN", "PROPN", "NUM"):
            return False
        current = prep_head
    return False


def borrow_actors(
    cand: Candidate, previous: list[tuple[int, Candidate]], sentence: int, speaker: list[str]
) -> None:
    """Actors for a nominal trigger with none of its own: those of the last event of the
    same type in this or the previous sentence, else the reporting speaker, unless the
    sentence names the doer itself."""
    if cand.nominal and not cand.source and not cand.target:
        # The same kind of event just named is this one ("... will meet, following a
        # recent phone call"), even in the background.
        for sent_index, earlier in reversed(previous):
            if sent_index < sentence - 1:
                break
            if earlier.sense.type == cand.sense.type and (earlier.source or earlier.target):
                cand.source, cand.target = list(earlier.source), list(earlier.target)
                cand.borrowed = True
                cand.rules.append("actors of an earlier event of the type")
                break
    if not cand.source and speaker and not names_own_agent(cand):
        cand.source = [s for s in speaker if s not in cand.target][:1] or []
        cand.borrowed = cand.borrowed or bool(cand.source)
        if cand.source:
            cand.rules.append("source: the reporting speaker")
