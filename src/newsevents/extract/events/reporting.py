"""reported_by: the subject of the speech verb whose complement holds the trigger, else
"according to X" / "as reported by X" (the quote's speaker is taken first, by the caller).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsevents.extract.events.arguments import in_background
from newsevents.extract.events.context import Candidate, Context
from newsevents.extract.events.parties import phrase_actors, subject_actors
from newsevents.extract.events.syntax import child_with, lemma_of
from newsevents.records import Quote


def speaker_of(ctx: Context, token: Token) -> list[str]:
    """The subject of the speech verb whose complement holds the token."""
    current = token
    for _ in range(8):
        dep, head = current.dep_, current.head
        if head.i == current.i:
            break
        if dep in ("ccomp", "parataxis") and lemma_of(head) in ctx.modality.speech_verbs:
            return subject_actors(ctx, head)
        if dep == "ROOT":
            break
        current = head
    # "..., police said": the parser often makes the speech verb the root.
    root = token.sent.root
    if root.i != token.i and lemma_of(root) in ctx.modality.speech_verbs:
        ancestors = set(t.i for t in token.ancestors)
        if root.i in ancestors:
            return subject_actors(ctx, root)
    return []


def according_to(ctx: Context, sent: Span) -> str | None:
    """ "according to X", "as reported by X" anywhere in the sentence."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end:
            nxt = token.doc[token.i + 1]
            for obj in nxt.children:
                if obj.dep_ == "pobj":
                    actors = phrase_actors(ctx, obj)
                    if actors:
                        return actors[0]
        if lemma_of(token) == "report" and token.dep_ == "advcl":
            agent = child_with(token, "agent")
            if agent is not None:
                actors = phrase_actors(ctx, child_with(agent, "pobj"))
                if actors:
                    return actors[0]
    return None


def speakers(ctx: Context, cand: Candidate, quotes: list[Quote]) -> list[str]:
    """Who reports the event: the speaker of the quote holding the trigger (``quotes`` in
    text order), else the subject of the speech verb over it; nobody for a nominal event
    told as background."""
    token = cand.token
    quote = next((q for q in quotes if q.start <= token.idx < q.end), None)
    speaker = [quote.speaker] if quote is not None and quote.speaker else speaker_of(ctx, token)
    if (
        cand.nominal
        and not cand.source
        and not cand.target
        and in_background(token, ctx.lexicon.background_nouns)
    ):
        return []
    return speaker
