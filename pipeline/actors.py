"""Who makes a commitment: a councillor quoted, a decision-making body, or the council."""

import re

_SPEAKER = re.compile(
    r"\b(?:Cllr|Councillor)\.? (?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3})[^.\n]{0,120}?\b(?:said|added|says)\b"
    r"|\b(?:said|added|says) (?:Cllr|Councillor) (?P<after>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3})"
)
_BODY = re.compile(
    r"\b(?P<body>Cabinet|Executive Board|Full Council|(?:[A-Z][\w,]* )+(?:Cabinet )?Panel|(?:[A-Z][\w]* )+Committee)\b"
)
_SPEAKER_REACH = 300
_BODY_REACH = 200


def actor(body: str, sentence_start: int, clause_start: int, council: str) -> str:
    """The councillor quoted just before the clause ("Cllr X said: ..."), else a decision-making body
    named just before it ("RESOLVED that Cabinet: ..."), else the council."""
    speakers = list(_SPEAKER.finditer(body, max(0, sentence_start - _SPEAKER_REACH), clause_start))
    if speakers:
        return f"Cllr {speakers[-1].group('name') or speakers[-1].group('after')}"
    bodies = list(_BODY.finditer(body, max(0, sentence_start - _BODY_REACH), clause_start))
    if bodies and council:
        return f"{council} ({bodies[-1].group('body').strip()})"
    return council
