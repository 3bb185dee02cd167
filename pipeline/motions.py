"""Motions on notice from Full Council agenda items, with outcomes from minutes, decisions and recorded votes.

ModernGov has no motion object: a motion is an agenda item (or part of one), its text is in the item
description, and what happened to it is told in the Minutes / Decision blocks or a Recorded Vote table.
All functions take plain text (see ``pipeline.text.html_to_text``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TITLE_LENGTH = 80
_HEADING_LENGTH = 120

_ITEM_NUMBER = re.compile(r"^\s*\d+[A-Za-z]?\s*[-–—.:)]\s*")
_MOTION_ITEM_TITLES = (
    re.compile(r"\bnotices?\s+of\s+motions?\b", re.IGNORECASE),
    re.compile(r"\bmotions?\s+on\s+notice\b", re.IGNORECASE),
    re.compile(r"^\W*motions?\W*$", re.IGNORECASE),
)
_SINGLE_MOTION_TITLES = (
    re.compile(r"^(?i:motion)\s+(?:[A-Z]|\d{1,2})\s*[-–—:.)]"),  # "Motion A - Bus services"
    re.compile(r"^motions?\s+(?:from|by|submitted\s+by|proposed\s+by|in\s+the\s+name\s+of)\b", re.IGNORECASE),
)

# Names as councils print them: "S K Jarvis", "Councillor Ann O'Neill", "Cllr J. van Dyke".
_STOP_WORDS = r"(?:And|To|The|This|That|Council|Seconded|Seconder|Proposed|Proposer|Moved|Mover)\b"
_NAME_TOKEN = rf"(?!{_STOP_WORDS})[A-Z](?:\.|[\w'’\-]*)"
_PARTICLE = r"(?:de|da|di|du|van|von|der|den|la|le)"
_HONORIFIC = r"(?i:(?:county\s+|borough\s+|district\s+)?(?:councillor|cllr)\.?)"
_NAME = rf"(?:{_HONORIFIC}[ \t]+)?(?:{_NAME_TOKEN}[ \t]+(?:{_PARTICLE}[ \t]+)?){{0,7}}{_NAME_TOKEN}"
_NAME_AT_END = re.compile(rf"(?<![\w'’\-])(?P<name>{_NAME})[ \t]*$")
_LEADING_HONORIFIC = re.compile(rf"^{_HONORIFIC}[ \t]+")

# Hertfordshire: S K Jarvis to move (Seconder: S B A F H Giles-Medhurst): - "Council notes that …"
_TO_MOVE = re.compile(
    r"\bto\s+move\s*\(\s*(?:seconder|seconded\s+by)\s*:?\s*(?P<seconder>[^)]*?)\s*\)\s*[:;,]?\s*(?:[-–—]\s*)?",
    re.IGNORECASE,
)
_PROPOSED = rf"(?i:(?:proposed|moved)[ \t]+by[ \t]*:?|proposer[ \t]*:|mover[ \t]*:)[ \t]*(?P<mover>{_NAME})"
_SECONDED = rf"(?i:seconded[ \t]+by[ \t]*:?|seconder[ \t]*:)[ \t]*(?P<seconder>{_NAME})"
_PROPOSER_CLAUSE = re.compile(rf"{_PROPOSED}(?:[ \t]*[,;]?\s*(?i:and[ \t]+)?{_SECONDED})?[ \t]*[.;,]?")
_SECONDER_CLAUSE = re.compile(rf"{_SECONDED}[ \t]*[.;,]?")
_CLAUSE_AT_END = re.compile(rf"(?:{_PROPOSED}|{_SECONDED})$")
_LETTER_MARKER = re.compile(r"\((?P<letter>[A-Z])\)[ \t]+")
_HEADING = re.compile(
    r"^(?:\([A-Za-z0-9]{1,2}\)|[A-Za-z0-9]{1,2}[.)]|(?i:motion)\s+[A-Z0-9]{1,2}\b)\s*[-–—:.]?\s*(?P<title>.*)$"
)
_OPENING_QUOTE = re.compile(r"(?:^|(?<=[\s:–—-]))(?P<quote>[\"“'‘])")
_CLOSING_QUOTES = {'"': '"”', "“": '”"', "'": "'’", "‘": "’'"}
_NO_MOTIONS = re.compile(r"^\W*(?:no\s+(?:notices?\s+of\s+)?motions?\b|none\s+received\b)", re.IGNORECASE)
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s|$)", re.DOTALL)

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])(?<!\b[A-Z]\.)(?<!Cllr\.)\s+|\n+")
_OUTCOME_WORD = re.compile(
    r"\b(?P<negated>not\s+(?:been\s+)?)?(?P<word>carried|agreed|approved|passed|adopted|resolved|lost|fell|falls"
    r"|defeated|rejected|withdrawn|withdrew|amended)\b",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"\b(?P<subject>motion|amendment)s?\b", re.IGNORECASE)
_AS_AMENDED = re.compile(r"\bas\s+amended\b|\bamended\s+(?:form|motion)\b", re.IGNORECASE)
_VOTE_CONTEXT = re.compile(r"\bvot(?:e|es|ed|ing)\b", re.IGNORECASE)
_WORD_OUTCOMES = {
    "carried": "carried", "agreed": "carried", "approved": "carried", "passed": "carried",
    "adopted": "carried", "resolved": "carried",
    "lost": "lost", "fell": "lost", "falls": "lost", "defeated": "lost", "rejected": "lost",
    "withdrawn": "withdrawn", "withdrew": "withdrawn", "amended": "amended",
}

_COUNT_LABEL = r"(?P<label>for|in\s+favour|against|abstentions?|abstain(?:ed|ing)?)"
_LABEL_THEN_COUNT = re.compile(rf"\b{_COUNT_LABEL}\b[ \t]*[:=–—-]?[ \t]*(?P<count>\d+)\b", re.IGNORECASE)
_COUNT_THEN_LABEL = re.compile(
    rf"\b(?P<count>\d+)[ \t]+(?:(?:votes?|members?|councillors?)[ \t]+)?(?:(?:were|voted)[ \t]+)?{_COUNT_LABEL}\b",
    re.IGNORECASE,
)
_VOTES_TO = re.compile(r"\b(?P<for>\d+)\s+votes?\s+to\s+(?P<against>\d+)\b", re.IGNORECASE)
_NO_ABSTENTIONS = re.compile(r"\bno\s+abstentions\b", re.IGNORECASE)


@dataclass
class Motion:
    """One motion on notice and, when the record says, what became of it."""

    title: str
    mover: str | None = None
    seconder: str | None = None
    text: str = ""
    outcome: str | None = None  # "carried", "lost", "withdrawn" or "amended" (carried as amended)
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None


def is_motion_item(title: str) -> bool:
    """Whether an agenda item title introduces motions on notice or is one motion ("Motion A - …")."""
    title = _ITEM_NUMBER.sub("", title).strip()
    patterns = _MOTION_ITEM_TITLES + _SINGLE_MOTION_TITLES
    return any(pattern.search(title) for pattern in patterns)


def normalise_outcome(text: str) -> str | None:
    """Map a result such as "AGREED", "fell" or "Carried as amended" to carried/lost/withdrawn/amended."""
    match = _OUTCOME_WORD.search(text)
    if not match:
        return None
    outcome = "lost" if match["negated"] else _WORD_OUTCOMES[match["word"].lower()]
    if outcome == "carried" and _AS_AMENDED.search(text):
        return "amended"
    return outcome


def parse_motions(
    title: str,
    description: str,
    minutes: str = "",
    decision: str = "",
    recorded_votes: list[dict] | None = None,
) -> list[Motion]:
    """Split an agenda item into motions and attach outcomes and vote counts.

    The description is split on "<Mover> to move (Seconder: <Seconder>): - "…"" or on lettered motions
    "(A) <title> '<text>' Proposed by … Seconded by …"; otherwise it is one motion. Outcomes come from the
    minutes, then the decision text (matched to motions by mover name, else by order), then Recorded Vote
    rows (``{"title", "type", "result"}``).
    """
    if _NO_MOTIONS.search(description):
        return []
    motions = _to_move_motions(title, description) or _lettered_motions(title, description)
    if not motions and (description.strip() or minutes.strip() or decision.strip()):
        motions = [_single_motion(title, description)]
    for record in (minutes, decision):
        _attach_outcomes(motions, record)
    _attach_recorded_votes(motions, recorded_votes or [])
    return motions


def _to_move_motions(item_title: str, description: str) -> list[Motion]:
    anchors = list(_TO_MOVE.finditer(description))
    if not anchors:
        return []
    starts = [_mover_start(description, anchor) for anchor in anchors]
    _, heading = _take_heading(description[: starts[0][0]])
    motions = []
    for index, anchor in enumerate(anchors):
        end = starts[index + 1][0] if index + 1 < len(anchors) else len(description)
        text, next_heading = _body_and_next_heading(description[anchor.end() : end])
        motions.append(
            Motion(
                title=_motion_title(heading, text, item_title),
                mover=starts[index][1],
                seconder=_clean_name(anchor["seconder"]),
                text=text,
            )
        )
        heading = next_heading
    return motions


def _mover_start(text: str, anchor: re.Match) -> tuple[int, str | None]:
    """Where the mover's name before "to move" begins, and the name."""
    line_start = text.rfind("\n", 0, anchor.start()) + 1
    match = _NAME_AT_END.search(text, line_start, anchor.start())
    if not match:
        return anchor.start(), None
    return match.start(), _clean_name(match["name"])


def _body_and_next_heading(segment: str) -> tuple[str, str | None]:
    """Motion text from a segment, and the heading of the next motion if the segment ends with one."""
    quoted = _quoted(segment)
    if not quoted:
        return _take_heading(segment)
    _, inside, after = quoted
    rest, heading = _take_heading(after)
    return "\n\n".join(part for part in (inside, rest) if part), heading


def _take_heading(text: str) -> tuple[str, str | None]:
    """Split a trailing "(b) Title" / "Motion 2 - Title" paragraph off text."""
    head, _, last = text.strip().rpartition("\n")
    last = last.strip()
    match = _HEADING.match(last)
    if not match or len(last) > _HEADING_LENGTH or last.endswith((".", ";")):
        return text.strip(), None
    return head.strip(), match["title"].strip(" -–—:") or None


def _lettered_motions(item_title: str, description: str) -> list[Motion]:
    markers = _letter_markers(description)
    bounds = [marker.start() for marker in markers[1:]] + [len(description)]
    return [_lettered_motion(item_title, description[marker.end() : end]) for marker, end in zip(markers, bounds)]


def _letter_markers(text: str) -> list[re.Match]:
    """The "(A)", "(B)", … markers that open a paragraph or sentence, in unbroken sequence from A."""
    markers = []
    for match in _LETTER_MARKER.finditer(text):
        if match["letter"] != chr(ord("A") + len(markers)):
            continue
        before = text[max(0, match.start() - _HEADING_LENGTH) : match.start()].rstrip(" \t")
        if (
            not before
            or before.endswith(("\n", ".", ":", ";", "!", "?", '"', "'", "”", "’"))
            or _CLAUSE_AT_END.search(before)
        ):
            markers.append(match)
    return markers


def _lettered_motion(item_title: str, segment: str) -> Motion:
    mover, seconder = _proposers(segment)
    cleaned = _strip_proposers(segment)
    quoted = _quoted(cleaned)
    if quoted:
        before, text, _ = quoted
        heading = before.strip(" \t\n:;-–—") or None
    else:
        heading, text = _heading_paragraph(cleaned)
    return Motion(title=_motion_title(heading, text, item_title), mover=mover, seconder=seconder, text=text)


def _heading_paragraph(text: str) -> tuple[str | None, str]:
    """A short first paragraph followed by more text is the motion's title."""
    first, _, rest = text.strip().partition("\n")
    if rest.strip() and len(first) <= _HEADING_LENGTH and not first.endswith("."):
        return first.strip(), rest.strip()
    return None, text.strip()


def _single_motion(item_title: str, body: str) -> Motion:
    mover, seconder = _proposers(body)
    cleaned = _strip_proposers(body)
    quoted = _quoted(cleaned)
    text = quoted[1] if quoted else cleaned
    return Motion(
        title=_motion_title(_specific_title(item_title), text, item_title),
        mover=mover or _mover_from_title(item_title),
        seconder=seconder,
        text=text,
    )


def _specific_title(item_title: str) -> str | None:
    """An item title naming one motion ("Motion A - Bus services") is that motion's lettered title."""
    title = _ITEM_NUMBER.sub("", item_title).strip()
    return title if any(pattern.search(title) for pattern in _SINGLE_MOTION_TITLES) else None


def _mover_from_title(item_title: str) -> str | None:
    match = re.search(rf"\b(?i:from|by)[ \t]+(?P<name>{_NAME})", item_title)
    return _clean_name(match["name"]) if match else None


def _proposers(text: str) -> tuple[str | None, str | None]:
    clause = _PROPOSER_CLAUSE.search(text)
    seconder_clause = _SECONDER_CLAUSE.search(text)
    mover = _clean_name(clause["mover"]) if clause else None
    seconder = clause["seconder"] if clause and clause["seconder"] else None
    if seconder is None and seconder_clause:
        seconder = seconder_clause["seconder"]
    return mover, _clean_name(seconder)


def _strip_proposers(text: str) -> str:
    return _SECONDER_CLAUSE.sub("", _PROPOSER_CLAUSE.sub("", text)).strip(" \t\n:;,-–—")


def _clean_name(name: str | None) -> str | None:
    if not name:
        return None
    name = _LEADING_HONORIFIC.sub("", " ".join(name.split())).strip(" .,;:")
    return name or None


def _quoted(text: str) -> tuple[str, str, str] | None:
    """(before, inside, after) when most of text is one quotation; apostrophes are not closing quotes."""
    opening = _OPENING_QUOTE.search(text)
    if not opening:
        return None
    closers = re.escape(_CLOSING_QUOTES[opening["quote"]])
    closings = list(re.finditer(rf"[{closers}](?=[\s.,;:)\]]|$)", text[opening.end() :]))
    if not closings:
        return None
    close_at = opening.end() + closings[-1].start()
    inside = text[opening.end() : close_at].strip()
    if len(inside) * 2 < len(text.strip()):
        return None
    return text[: opening.start()], inside, text[close_at + 1 :]


def _motion_title(heading: str | None, text: str, item_title: str) -> str:
    """The lettered title if there is one, else the motion's first sentence shortened, else the item title."""
    if heading:
        return heading
    if not text.strip():
        return item_title.strip()
    match = _FIRST_SENTENCE.match(text.strip())
    sentence = " ".join((match.group(1) if match else text).split()).rstrip(".")
    if len(sentence) <= _TITLE_LENGTH:
        return sentence
    return sentence[:_TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _attach_outcomes(motions: list[Motion], record: str) -> None:
    """Fill outcomes (and vote counts) still unknown from one minutes or decision text."""
    if not record.strip() or not motions:
        return
    for motion, chunk in zip(motions, _record_chunks(motions, record)):
        if motion.outcome is None and chunk:
            outcome, tally = _outcome_in(_sentences(chunk))
            motion.outcome = outcome
            if outcome and tally:
                motion.votes_for, motion.votes_against, motion.abstentions = tally


def _record_chunks(motions: list[Motion], record: str) -> list[str]:
    """The part of the record about each motion: by where movers are named, else by order of outcomes."""
    if len(motions) == 1:
        return [record]
    return _chunks_by_mover(motions, record) or _chunks_by_order(record, len(motions))


def _chunks_by_mover(motions: list[Motion], record: str) -> list[str] | None:
    positions = []
    for motion in motions:
        surname = motion.mover.split()[-1] if motion.mover else None
        found = re.search(rf"\b{re.escape(surname)}\b", record) if surname else None
        if not found:
            return None
        positions.append(found.start())
    if len(set(positions)) < len(positions):
        return None
    ordered = sorted(positions)
    ends = {start: end for start, end in zip(ordered, ordered[1:] + [len(record)])}
    return [record[start : ends[start]] for start in positions]


def _chunks_by_order(record: str, count: int) -> list[str]:
    chunks, current = [], []
    for sentence in _sentences(record):
        current.append(sentence)
        if any(subject == "motion" for subject, _ in _statements(sentence)):
            chunks.append(" ".join(current))
            current = []
    if len(chunks) != count:
        return [""] * count
    chunks[-1] = " ".join([chunks[-1], *current])
    return chunks


def _sentences(text: str) -> list[str]:
    return [sentence.strip() for sentence in _SENTENCE_BREAK.split(text) if sentence.strip()]


def _outcome_in(sentences: list[str]) -> tuple[str | None, tuple[int, int, int | None] | None]:
    """The motion's final outcome in these sentences and the vote tally told with it."""
    outcome, tally, amendment_carried = None, None, False
    for index, sentence in enumerate(sentences):
        for subject, result in _statements(sentence):
            if subject == "amendment":
                amendment_carried = amendment_carried or result in ("carried", "amended")
                continue
            outcome, tally = result, _nearby_tally(sentences, index)
    if outcome == "carried" and amendment_carried:
        outcome = "amended"
    return outcome, tally


def _nearby_tally(sentences: list[str], index: int) -> tuple[int, int, int | None] | None:
    """The tally in the outcome sentence, else the one before it, else a tally-only sentence after it."""
    tally = _tally(sentences[index]) or (_tally(sentences[index - 1]) if index else None)
    if tally is None and index + 1 < len(sentences) and not _statements(sentences[index + 1]):
        tally = _tally(sentences[index + 1])
    return tally


def _statements(sentence: str) -> list[tuple[str, str]]:
    """(subject, outcome) pairs in a sentence that reports a result: "the amendment was LOST" → amendment/lost."""
    statements = []
    for match in _OUTCOME_WORD.finditer(sentence):
        if not _reports_result(sentence, match):
            continue
        result = "lost" if match["negated"] else _WORD_OUTCOMES[match["word"].lower()]
        subject = _subject_of(sentence, match)
        if subject == "motion" and result == "carried" and _AS_AMENDED.search(sentence):
            result = "amended"
        statements.append((subject, result))
    return statements


def _reports_result(sentence: str, match: re.Match) -> bool:
    """Tell "the motion was CARRIED" from "council notes that 300 jobs were lost"."""
    word = match["word"]
    if word.lower() == "resolved":
        return word.isupper() or match.start() == 0
    return (
        word.isupper()
        or len(sentence.split()) <= 4
        or bool(_SUBJECT.search(sentence))
        or bool(_VOTE_CONTEXT.search(sentence))
    )


def _subject_of(sentence: str, match: re.Match) -> str:
    before = list(_SUBJECT.finditer(sentence, 0, match.start()))
    if before:
        return before[-1]["subject"].lower()
    after = _SUBJECT.search(sentence, match.end())
    return after["subject"].lower() if after else "motion"


def _tally(sentence: str) -> tuple[int, int, int | None] | None:
    """(for, against, abstentions) from "For: 38, Against: 27, Abstentions: 2", "38 votes to 27" and the like."""
    counts = _labelled_counts(_LABEL_THEN_COUNT, sentence)
    if not {"for", "against"} <= counts.keys():
        # "For 38 Against 27" must not be read as "38 Against", so this order is only the fallback.
        counts = _labelled_counts(_COUNT_THEN_LABEL, sentence)
    votes_to = _VOTES_TO.search(sentence)
    if votes_to:
        counts |= {"for": int(votes_to["for"]), "against": int(votes_to["against"])}
    if not {"for", "against"} <= counts.keys():
        return None
    abstentions = counts.get("abstentions", 0 if _NO_ABSTENTIONS.search(sentence) else None)
    return counts["for"], counts["against"], abstentions


def _labelled_counts(pattern: re.Pattern, sentence: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for match in pattern.finditer(sentence):
        label = match["label"].lower()
        key = "for" if label == "for" or label.startswith("in") else "against" if label == "against" else "abstentions"
        counts.setdefault(key, int(match["count"]))
    return counts


def _attach_recorded_votes(motions: list[Motion], rows: list[dict]) -> None:
    """Outcomes from Recorded Vote rows for motions the minutes and decision left open."""
    resolutions = [row for row in rows if str(row.get("type", "")).lower() != "amendment"]
    for index, motion in enumerate(motions):
        if motion.outcome is not None:
            continue
        if len(motions) == 1:
            mine = rows
        else:
            mine = [row for row in rows if _row_names_motion(row, motion)]
            if not mine and len(resolutions) == len(motions):
                mine = [resolutions[index]]
        motion.outcome = _outcome_of_rows(mine)


def _row_names_motion(row: dict, motion: Motion) -> bool:
    row_title = str(row.get("title", ""))
    surname = motion.mover.split()[-1] if motion.mover else None
    if surname and re.search(rf"\b{re.escape(surname)}\b", row_title):
        return True
    return bool(motion.title) and motion.title.rstrip("…").lower() in row_title.lower()


def _outcome_of_rows(rows: list[dict]) -> str | None:
    outcome, amendment_carried = None, False
    for row in rows:
        result = normalise_outcome(str(row.get("result", "")))
        if str(row.get("type", "")).lower() == "amendment":
            amendment_carried = amendment_carried or result == "carried"
        elif result:
            outcome = result
    return "amended" if outcome == "carried" and amendment_carried else outcome
