"""Why an actor is coded as it is: the knowledge-base, dictionary or role-noun entry behind
its id, country and sector (the contract's optional ``why``).

Actors are resolved by many rules (``resolve.py``), and each id names the table it came
from: a KB person or organisation id is that entry, ``gov:``/``country:`` a country of
``countries.yaml``, ``anon:`` a group described by a role noun (``roles.tsv``, else the
field's ``agents.tsv``), ``person:``/``org:`` slugs a name the KB lacks, coded by the field
dictionaries (``kb/field/``), an organisation word (``org_words.tsv``) or spaCy's entities.
"""

from __future__ import annotations

from datetime import date

from newsevents.records import Actor, Why
from newsevents.resolve import Key, Lexicon, field_org, field_person, fold, org_words

_LONGEST_ROLE = 4  # words of the longest role phrase tried in a mention


def actor_why(actor: Actor, lex: Lexicon, day: date) -> Why:
    """What coded the actor: the rule and the entry it came from."""
    kind, _, key = actor.id.partition(":")
    person = lex.people.get(actor.id)
    if person is not None:
        return {"rule": "knowledge-base person", "entry": f"{person.source} {person.id}"}
    org = lex.orgs.get(actor.id)
    if org is not None:
        return {"rule": "knowledge-base organisation", "entry": f"{org.source} {org.id}"}
    if kind in ("gov", "country"):
        rule = "government of a country" if kind == "gov" else "country"
        return {"rule": rule, "entry": f"countries.yaml {key}"}
    if kind == "anon":
        return _group_why(actor, lex)
    if kind == "person" and field_person(actor.name, day) is not None:
        return {"rule": "field dictionary person", "entry": f"field/people.tsv.gz {actor.name}"}
    if kind in ("org", "media") and field_org(actor.name, day) is not None:
        entry = f"field/organizations.tsv.gz {actor.name}"
        return {"rule": "field dictionary organisation", "entry": entry}
    last = fold(actor.name.split()[-1]).rstrip(".") if actor.name.split() else ""
    if kind in ("org", "media") and last in org_words():
        sector = org_words()[last][0]
        return {"rule": "organisation word", "entry": f"org_words.tsv {last} ({sector})"}
    return {"rule": "named entity the knowledge base lacks"}


def _group_why(actor: Actor, lex: Lexicon) -> Why:
    """An unnamed group: the role noun of one of its mentions ("officials" -> GOV)."""
    for mention in actor.mentions:
        words = tuple(fold(w).strip(".,'\"") for w in mention.text.split())
        for phrase in _phrases(words):
            role = lex.roles.get(phrase)
            if role is not None:
                return {"rule": "role noun", "entry": f"roles.tsv {role.phrase} ({role.sector})"}
            role = lex.field_roles.get(phrase)
            if role is not None:
                entry = f"field/agents.tsv {role.phrase} ({role.sector})"
                return {"rule": "field dictionary role noun", "entry": entry}
    return {"rule": "group described by its country or people"}


def _phrases(words: Key) -> list[Key]:
    """Every run of up to four words, longest first, later runs first (the head noun ends
    the phrase: "senior Russian officials")."""
    runs = [
        words[i : i + n]
        for n in range(min(_LONGEST_ROLE, len(words)), 0, -1)
        for i in range(len(words) - n, -1, -1)
    ]
    return runs
