"""Where a document reports a motion or amendment that was lost: nothing in it binds the council."""

import re

_OUTCOME = re.compile(
    r"\b(?P<subject>substantive motion|motion|amendment)s?\b[^.;]{0,120}?\b(?:was|were|is|has been)\b[^.;]{0,80}?"
    r"\b(?P<outcome>carried|agreed|approved|lost|defeated|rejected|fell|not carried|withdrawn)\b",
    re.IGNORECASE,
)
_AMENDMENT_START = re.compile(r"\b(?:moved|proposed)\b[^.\n]{0,120}\bamendment\b", re.IGNORECASE)
_LOST = {"lost", "defeated", "rejected", "fell", "not carried", "withdrawn"}
_MOTION_START = re.compile(
    r"\b(?:it was )?(?:moved|proposed) by\b|\bto move \(|\bnotice of motion\b|^\s*motion [a-z0-9]\b",
    re.IGNORECASE | re.MULTILINE,
)
_LOOK_BACK = 4000


def lost_regions(body: str) -> list[tuple[int, int]]:
    """Spans of text belonging to motions or amendments recorded as lost, defeated or withdrawn.

    A lost motion (or amendment) runs back from the outcome to where it was moved, after the
    previous outcome; it is only the outcome sentence when the text does not say where it was moved.
    """
    regions, previous_end = [], 0
    for outcome in _OUTCOME.finditer(body):
        sentence_start = max(body.rfind(".", 0, outcome.start()), body.rfind("\n", 0, outcome.start())) + 1
        sentence_end = _sentence_end(body, outcome.end())
        if outcome.group("outcome").lower() in _LOST:
            floor = max(previous_end, outcome.start() - _LOOK_BACK)
            marker = _AMENDMENT_START if outcome.group("subject").lower() == "amendment" else _MOTION_START
            start = _motion_start(marker, body, floor, sentence_start)
            regions.append((start, sentence_end))
        previous_end = sentence_end
    return regions


def _motion_start(marker: re.Pattern, body: str, floor: int, sentence_start: int) -> int:
    starts = [match.start() for match in marker.finditer(body, floor, sentence_start)]
    return starts[-1] if starts else sentence_start


def _sentence_end(body: str, position: int) -> int:
    ends = [i for i in (body.find(".", position), body.find("\n", position)) if i >= 0]
    return min(ends) + 1 if ends else len(body)
