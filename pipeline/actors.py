"""Who makes a commitment: a councillor quoted, a decision-making body, or the council."""

import re

from pipeline.sentences import list_introduction

_SPEAKER = re.compile(
    r"\b(?:Cllr|Councillor)\.? (?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3})[^.\n]{0,120}?\b(?:said|added|says)\b"
    r"|\b(?:said|added|says) (?:Cllr|Councillor) (?P<after>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3})"
)
_BODY = re.compile(
    r"\b(?P<body>Cabinet|Executive Board|Full Council|(?:[A-Z][\w,]* )*(?:Cabinet )?Panel|(?:[A-Z][\w]* )*Committee)\b"
)
_SPEAKER_REACH = 300
_SUBJECT_WORDS = 5


def actor(body: str, sentence_start: int, clause_start: int, council: str) -> str:
    """The councillor quoted just before the clause ("Cllr X said: ..."), else a decision-making body
    named as its subject (in its sentence up to the clause's first words), or in the introduction of
    the list it belongs to ("RESOLVED that Cabinet: ..."), else the council."""
    speakers = list(_SPEAKER.finditer(body, max(0, sentence_start - _SPEAKER_REACH), clause_start))
    if speakers:
        return f"Cllr {speakers[-1].group('name') or speakers[-1].group('after')}"
    subject_end = _subject_end(body, clause_start)
    bodies = list(_BODY.finditer(body, sentence_start, subject_end)) or list(_BODY.finditer(_intro(body, sentence_start)))
    if bodies:
        name = bodies[-1].group("body").strip()
        return f"{council} ({name})" if council else name
    return council


def _subject_end(body: str, clause_start: int) -> int:
    """The end of the clause's first few words, where its subject stands."""
    words = body[clause_start:clause_start + 120].split(" ")[:_SUBJECT_WORDS]
    return clause_start + len(" ".join(words))


def _intro(body: str, sentence_start: int) -> str:
    """The colon-ended introduction of the list a sentence is an item of, or ""."""
    line_start = body.rfind("\n", 0, sentence_start) + 1
    if line_start == sentence_start:
        return ""
    intro = list_introduction(body, line_start)
    return intro if intro and intro.endswith(":") else ""
