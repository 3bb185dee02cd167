"""Is a commitment about SEND? (TAGGING.md §2), from the vocabulary in patterns/send.yml."""

import math
import re
from functools import cache

from pipeline.vocabulary import any_of, flat, vocabulary

# A heading: a short line without a full stop, e.g. "Priority area 1: Timeliness of EHC assessments".
_HEADING = re.compile(r"^[^\n.]{3,120}$")
_FOCUS_CHARACTERS = 600


@cache
def _pattern(name: str) -> re.Pattern:
    return any_of(vocabulary("send")[name])


def mentions_send(text: str) -> bool:
    """True when the text uses a SEND term (weak ones such as "autism" included)."""
    text = flat(text)
    return bool(_pattern("terms").search(text) or _pattern("weak_terms").search(text))


def send_focus(body: str) -> bool:
    """A document about SEND as a whole: SEND terms throughout (at least one in every 600 characters)."""
    needed = max(1, math.ceil(len(body) / _FOCUS_CHARACTERS))
    return any(count >= needed for count, _ in enumerate(_pattern("terms").finditer(flat(body)), 1))


def is_send(clause: str, sentence: str, context: str, focused=False) -> bool:
    """Is a commitment about SEND? Its clause names SEND; else (unless the clause is about another
    service, or its sentence about adults) its sentence, its section context, or a document about
    SEND as a whole (`focused`: a bool, or a function asked only when needed). In an adult context
    only strong terms count ("autistic adults" is not SEND)."""
    clause, sentence, context = flat(clause), flat(sentence), flat(context)
    if _pattern("terms").search(clause):
        return True
    if _pattern("not_send").search(sentence):
        return False
    if _pattern("weak_terms").search(clause):
        return True
    if _pattern("other_topics").search(clause):
        return False
    return mentions_send(sentence) or mentions_send(context) or (focused() if callable(focused) else focused)


def section_context(body: str, position: int, reach: int = 600) -> str:
    """The headings and list introductions above a position: the lines before it, back to `reach`
    characters, that look like headings or end with a colon."""
    lines = body[max(0, position - reach):position].split("\n")[:-1]
    return "\n".join(line for line in lines if _HEADING.match(line.strip()) or line.rstrip().endswith(":"))
