"""Commitments in a document (TAGGING.md §1): clauses that state a future action, target, plan,
resolution or expectation of an actor who can bind the council."""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from pipeline.outcomes import lost_regions
from pipeline.sentences import (
    LIST_ITEM,
    Span,
    all_sentences,
    is_boilerplate,
    list_introduction,
    trim,
)
from pipeline.vocabulary import any_of, flat, gate, vocabulary

_URL = re.compile(r"https?://\S+")
SENTENCE_SCOPE = ("duty", "not_binding")
_HEADING_WORDS = 5
_MIN_WORDS = 3
KINDS = ("resolution", "target", "plan", "pledge", "expectation")
CONFIDENCE = {"resolution": 0.85, "pledge": 0.8, "target": 0.8, "plan": 0.75, "expectation": 0.7}


@dataclass(frozen=True)
class Commitment:
    start: int
    end: int
    text: str
    kind: str
    confidence: float
    sentence: Span


@cache
def _verbs() -> str:
    return "|".join(vocabulary("verbs")["verbs"])


@cache
def _coordination() -> re.Pattern:
    verb = rf"(?:{_verbs()})\b"
    return re.compile(
        rf"\s*;\s*(?:and\s+)?|\s+[–—-]\s+and\s+|,?\s+(?:and|but)\s+"
        rf"|,\s+(?={verb}|including\b|rising to\b|with (?:the first|a decision|the aim of)\b|£\d)",
        re.IGNORECASE,
    )


@cache
def _coordinated_head() -> re.Pattern:
    verb = rf"(?:{_verbs()})(?:s|es|ing)?\b"
    return re.compile(
        rf"(?:to\s+)?{verb}|to\s+£|£\d|a (?:further|second|third|fourth|fifth)\b|another\b|of\b|(?:we|it|they)\b|the (?:council|county|cabinet)\b"
        rf"|(?:will|would|shall|is to|are to|intends|plans|agreed|aims)\b",
        re.IGNORECASE,
    )


@cache
def _content() -> re.Pattern:
    numbers = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|dozen|hundred"
    return re.compile(rf"\d|£|\b(?:{numbers})\b|^(?:to\s+)?(?:{_verbs()})\b", re.IGNORECASE)


@cache
def _cues() -> list[tuple[str, re.Pattern]]:
    cues = vocabulary("commitments")["cues"]
    return [(kind, any_of(cues[kind])) for kind in KINDS]


@cache
def _any_cue():
    cues = vocabulary("commitments")["cues"]
    return gate(tuple(pattern for kind in KINDS for pattern in cues[kind]))


@cache
def _negatives() -> re.Pattern:
    """Negatives read in the clause itself (past, forecast, noting, not a promise)."""
    groups = vocabulary("commitments")["negatives"]
    return any_of([p for name, group in groups.items() if name not in SENTENCE_SCOPE for p in group])


@cache
def _sentence_negatives() -> re.Pattern:
    """Negatives that reach every clause of their sentence: a legal duty, or a speaker who cannot
    bind the council."""
    groups = vocabulary("commitments")["negatives"]
    return any_of([p for name in SENTENCE_SCOPE for p in groups[name]])


@cache
def _imperative() -> re.Pattern:
    return re.compile(rf"^(?:{_verbs()})\b", re.IGNORECASE)


def clauses(sentence: Span) -> list[Span]:
    """The sentence cut where a coordinated clause starts a promise of its own: at semicolons, and at
    "and" or a comma when what follows starts with an action (a verb, "a further", a sum) or
    carries a commitment cue of its own."""
    text = sentence.text
    cuts = list(_coordination().finditer(text))
    pieces, begin = [], 0
    for i, cut in enumerate(cuts):
        following = text[cut.end():cuts[i + 1].start() if i + 1 < len(cuts) else len(text)]
        joined_by = cut.group(0)
        keep = ";" in joined_by or not re.search(r"\b(?:and|but)\b", joined_by) \
            or _coordinated_head().match(following) or ("," in joined_by and classify(following) is not None)
        if keep and cut.start() > begin:
            pieces.append(Span(sentence.start + begin, sentence.start + cut.start(), text[begin:cut.start()]))
            begin = cut.end()
    pieces.append(Span(sentence.start + begin, sentence.end, text[begin:]))
    return [piece for piece in (trim(p) for p in pieces) if piece and len(piece.text) > 3]


@lru_cache(maxsize=4096)
def classify(text: str) -> str | None:
    """The kind of commitment the text states, or None (no cue, or a negative such as a past
    achievement, forecast, legal duty or a demand by someone who cannot bind the council)."""
    text = flat(_URL.sub(" ", text) if "://" in text else text)
    if not _any_cue()(text):
        return None
    if _negatives().search(text) or _sentence_negatives().search(text):
        return None
    for kind, cue in _cues():
        if cue.search(text):
            return kind
    return None


def find_commitments(body: str) -> list[Commitment]:
    """Every commitment mention in a document body, in text order."""
    lost = lost_regions(body)
    found = []
    for sentence in all_sentences(body):
        if any(start <= sentence.start < end for start, end in lost):
            continue
        found.extend(_sentence_commitments(body, sentence))
    return found


def _sentence_commitments(body: str, sentence: Span) -> list[Commitment]:
    listed = _list_kind(body, sentence)
    if not (listed or _any_cue()(sentence.text) or _is_action_item(body, sentence)):
        return []
    if _introduces_list(body, sentence) or _is_heading(body, sentence) or is_boilerplate(sentence.text):
        return []
    blocked_from = _sentence_negative_end(sentence.text)
    result, previous = [], None
    for clause in clauses(sentence):
        if clause.end - sentence.start >= blocked_from:
            break
        kind = classify(clause.text)
        confidence = CONFIDENCE.get(kind, 0.0)
        if kind is None and not _negatives().search(flat(clause.text)):
            if previous is not None and _content().search(clause.text):
                kind, confidence = previous, CONFIDENCE[previous] * 0.9
            elif listed and clause.start == sentence.start:
                kind, confidence = listed, CONFIDENCE[listed] * 0.9
            elif clause.start == sentence.start and _is_action_item(body, sentence):
                kind, confidence = "plan", 0.7
        if kind and len(clause.text.split()) >= _MIN_WORDS:
            result.append(Commitment(clause.start, clause.end, clause.text, kind, round(confidence, 2), sentence))
        previous = kind
    return result


def _sentence_negative_end(text: str) -> float:
    """Where the first sentence-wide negative ends: no clause reaching past it is a commitment."""
    found = _sentence_negatives().search(flat(_URL.sub(" ", text) if "://" in text else text))
    return found.end() if found else float("inf")


def _introduces_list(body: str, sentence: Span) -> bool:
    """A sentence that ends with a colon ("RESOLVED that Cabinet:", "What we will do:") only
    introduces the commitments listed after it."""
    return body[sentence.end:sentence.end + 3].lstrip(" .").startswith(":")


def _is_heading(body: str, sentence: Span) -> bool:
    """A short line of its own with no full stop ("What we will do next", "Reasons for the decision")."""
    line_start = body.rfind("\n", 0, sentence.start) + 1
    line_end = body.find("\n", sentence.end)
    line = body[line_start:line_end if line_end >= 0 else len(body)]
    return len(line.split(None, _HEADING_WORDS)) <= _HEADING_WORDS and not line.rstrip().endswith((".", "?", "!", ";"))


def _list_kind(body: str, sentence: Span) -> str | None:
    """For a list item, the kind its introduction states ("RESOLVED that:", "The council will:")."""
    line_start = body.rfind("\n", 0, sentence.start) + 1
    if line_start == sentence.start and not LIST_ITEM.match(body, line_start):
        return None
    intro = list_introduction(body, line_start)
    return classify(intro) if intro else None


def _is_action_item(body: str, sentence: Span) -> bool:
    """An action-plan line: a list item that starts with an action verb ("Recruit 12 coordinators")."""
    line_start = body.rfind("\n", 0, sentence.start) + 1
    return line_start < sentence.start and bool(_imperative().match(sentence.text))
