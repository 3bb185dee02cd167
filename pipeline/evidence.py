"""Evidence (docs/tracking.md): statements in later texts that report on a promise, even when they are not
commitments: delivered, progress, revised, abandoned, missed or restated (vocabulary in
patterns/evidence.yml).

A statement is compared only with the promises of its council and of the SEND sub-topics it names, made
before the text was published; it links to the most similar of each topic when similar enough.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from datetime import date
from functools import cache

from pipeline.amounts import words_to_number
from pipeline.deadlines import find_deadline
from pipeline.promises import (
    content_words,
    cosine,
    inverse_document_frequencies,
    span_of,
    topic_blocks,
)
from pipeline.sentences import Span, sentences
from pipeline.vocabulary import any_of, flat, vocabulary

STANCES = ("abandoned", "missed", "delivered", "revised", "progress", "restated")  # first match wins
LINK = 0.3  # score a statement with a stance needs to link to a promise
RESTATES = 0.6  # score a statement without one needs (it must also repeat a number of the promise)
NUMBER_BONUS = 0.25  # added when the statement repeats the promise's quantity or deadline
QUOTE_CHARACTERS = 300
_NUMBER_WORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|"
                r"seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)")
_NUMBER = rf"(?:\d[\d,]*(?:\.\d+)?|{_NUMBER_WORD})"
_OF_THE = re.compile(rf"\b({_NUMBER}) of the (?:more than |at least |additional |)({_NUMBER})\b", re.IGNORECASE)
_ALL = re.compile(r"\ball (?:the |of the )?", re.IGNORECASE)
_ALL_OF = re.compile(rf"\ball (?:the |of the )?({_NUMBER})\b", re.IGNORECASE)  # "all 12 posts are now filled"
_COUNT = re.compile(rf"(?<![£\d.,/-])\b({_NUMBER})\b(?!\s*%|\.\d|,\d|/)(?! per cent)", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    r"[;:]\s+|,\s+(?:and|but|while|whereas|although)\s+|,\s+(?=that\s)|\s+and\s+(?=that\s)"
    r"|\s+(?:and|but|while)\s+(?=(?:that\s+)?(?:the\s+|\d|[a-z]+ of the\s))", re.IGNORECASE)
_MONTHS = re.compile(r"^\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)


@cache
def _stance_patterns() -> list[tuple[str, re.Pattern]]:
    stances = vocabulary("evidence")["stances"]
    return [(stance, any_of(stances[stance])) for stance in STANCES]


@cache
def _not_evidence() -> re.Pattern:
    return any_of(vocabulary("evidence")["not_evidence"])


def stance_of(text: str) -> str | None:
    """The first stance (in STANCES order) whose vocabulary the statement uses, or None."""
    found = _stance_match(text)
    return found[0] if found else None


def _partial(text: str) -> bool:
    """The statement counts part of a whole: "45 of the 80"."""
    return any((number_of(m.group(1)) or 0) < (number_of(m.group(2)) or 0) for m in _OF_THE.finditer(flat(text)))


def _stance_match(text: str) -> tuple[str, re.Match] | None:
    text = flat(text)
    for stance, pattern in _stance_patterns():
        match = pattern.search(text)
        if match:
            return ("progress" if stance == "delivered" and _partial(text) else stance), match
    return None


def statement_clauses(sentence: Span) -> list[Span]:
    """A sentence cut where it turns to another subject (", and that", "; ", ", while"...), so that each
    part's stance goes with the topic it names."""
    result, start = [], 0
    for match in _CLAUSE_BREAK.finditer(sentence.text):
        if match.start() > start:
            result.append(Span(sentence.start + start, sentence.start + match.start(), sentence.text[start:match.start()]))
        start = match.end()
    result.append(Span(sentence.start + start, sentence.end, sentence.text[start:]))
    return [clause for clause in result if clause.text.strip()]


def number_of(word: str) -> float | None:
    """A count written in digits or words ("46", "1,200", "forty-six")."""
    if word[0].isdigit():
        return float(word.replace(",", ""))
    return words_to_number(word.lower().replace("-", " "))


def reported_quantity(text: str, promised: float | None, stance: str | None) -> float | None:
    """The number a statement reports against the promised one: X in "X of the <promised>"; the promised
    number itself for "all (the) ..." delivered; else the first other count below the promised one
    (not a year, a day of a month, a percentage or money)."""
    if promised is None:
        return None
    for match in _OF_THE.finditer(text):
        if number_of(match.group(2)) == promised:
            return number_of(match.group(1))
    counts = list(_counts(text))
    if stance == "delivered" and _ALL.search(text) and all(value == promised for value in counts):
        return promised
    if stance == "delivered" and any(number_of(match.group(1)) == promised for match in _ALL_OF.finditer(text)):
        return promised
    return next((value for value in counts if value < promised), None)


def _counts(text: str):
    """The counts in a text: not years, days of a month, percentages or money."""
    for match in _COUNT.finditer(text):
        value = number_of(match.group(1))
        if value is not None and not 1900 <= value <= 2100 and not _MONTHS.match(text[match.end():match.end() + 5]):
            yield value


def _mentions_number(text: str, value: float | None) -> bool:
    return value is not None and value in _counts(text)


def find_evidence(texts: list[dict], promises: list[dict], mentions: dict[str, dict]) -> list[dict]:
    """texts: {"source", "document", "page", "agenda_item", "text", "published", "url", "council"}.
    Statements that report on a promise, dated after its origin, even when they are not commitments.
    Each: {"id": f"{promise_id}/e{sha1(source+start)[:10]}", "promise", "source", "document", "page",
    "agenda_item", "start", "end", "quote", "published", "stance": one of delivered | progress | revised |
    abandoned | restated | missed, "new_deadline" (ISO or None), "quantity_value" (reported number or None),
    "confidence": 0..1, "url"}."""
    words = {promise["id"]: sum((content_words(mentions[m]["text"]) for m in promise["mentions"] if m in mentions),
                                Counter()) or content_words(promise["title"]) for promise in promises}
    idf = inverse_document_frequencies([content_words(mention["text"]) for mention in mentions.values()])
    blocks: dict[tuple[str, str], list[dict]] = {}
    for promise in promises:
        blocks.setdefault((promise["council"], promise["topic"]), []).append(promise)
    claimed = _claims(promises, mentions)
    found: dict[tuple[str, str], dict] = {}
    for text in sorted((text for text in texts if text.get("published")), key=lambda text: (text["published"], text["source"])):
        for sentence in sentences(text["text"]):
            for item in _links(text, sentence, blocks, words, idf, claimed):
                # The same statement printed twice (agenda minutes and their PDF) is one piece of evidence.
                found.setdefault((item["promise"], item["quote"].lower()), item)
    return sorted(found.values(), key=lambda item: (item["published"], item["promise"], item["source"], item["start"]))


def _links(text: dict, sentence: Span, blocks: dict, words: dict, idf: dict, claimed: dict) -> list[dict]:
    """The evidence one sentence gives: for each of its clauses, the best promise in each topic it names."""
    result = []
    for clause in statement_clauses(Span(sentence.start, sentence.end, flat(sentence.text))):
        statement = content_words(clause.text)
        if not statement or _not_evidence().search(clause.text):
            continue
        found = _stance_match(clause.text)
        stance = found[0] if found else None
        deadline = _deadline(clause.text[found[1].start():] if found else clause.text, text["published"])
        owner = _owner(claimed, text["source"], clause)
        topics = topic_blocks(clause.text)
        # A statement with a stance may name its promise in other words ("the hydrotherapy pool ... has
        # been scrapped because the costs rose" reads as funding): other topics, at the stricter bar.
        others = [topic for (council, topic) in blocks if council == text["council"] and topic not in topics]
        linked = False
        for topic in topics + (others if stance else []):
            best, best_score = None, 0.0
            for promise in blocks.get((text["council"], topic), ()):
                if promise["first_published"] >= text["published"] or owner not in (None, promise["id"]):
                    continue
                if _counts_something_else(clause.text, promise["quantity_value"]):
                    continue
                shared = (_mentions_number(clause.text, promise["quantity_value"])
                          + (deadline is not None and deadline in (promise["deadline"], promise.get("revised_deadline"))))
                score = cosine(statement, words[promise["id"]], idf) + NUMBER_BONUS * shared
                needed = LINK if stance and topic in topics and topic != "other" else RESTATES
                if score >= needed and (stance or shared) and score > best_score:
                    best, best_score = promise, score
            if best is not None and not (linked and topic not in topics):
                result.append(_evidence(text, clause, best, stance or "restated", deadline, best_score))
                linked = True
    return result


def _counts_something_else(text: str, promised: float | None) -> bool:
    """The statement reports "X of the Y" for a Y that is not the promise's count."""
    return any(number_of(match.group(2)) != promised for match in _OF_THE.finditer(text))


def _claims(promises: list[dict], mentions: dict[str, dict]) -> dict[str, list[tuple[int, int, str]]]:
    """Where each promise's mentions sit: source -> [(start, end, promise id)] from the ids' "@start-end"."""
    claimed: dict[str, list[tuple[int, int, str]]] = {}
    for promise in promises:
        for mention_id in promise["mentions"]:
            span = span_of(mention_id)
            if span and mention_id in mentions:
                claimed.setdefault(mentions[mention_id]["source"], []).append((*span, promise["id"]))
    return claimed


def _owner(claimed: dict, source: str, clause: Span) -> str | None:
    """The promise a clause is a mention of, if any: such a clause is evidence for that promise only."""
    return next((owner for start, end, owner in claimed.get(source, ()) if start < clause.end and clause.start < end), None)


def _deadline(sentence: str, published: str) -> str | None:
    found = find_deadline(sentence, date.fromisoformat(published))
    return found.date.isoformat() if found and found.date else None


def _evidence(text: dict, sentence, promise: dict, stance: str, deadline: str | None, score: float) -> dict:
    quantity = reported_quantity(sentence.text, promise["quantity_value"], stance)
    if stance == "delivered" and quantity is not None and quantity < promise["quantity_value"]:
        stance = "progress"
    new_deadline = deadline if stance == "revised" and deadline and deadline > (promise["deadline"] or "") else None
    quote = " ".join(sentence.text.split())
    return {
        "id": f"{promise['id']}/e{hashlib.sha1((text['source'] + str(sentence.start)).encode()).hexdigest()[:10]}",
        "promise": promise["id"], "source": text["source"], "document": text.get("document"), "page": text.get("page"),
        "agenda_item": text.get("agenda_item"), "start": sentence.start, "end": sentence.end,
        "quote": quote if len(quote) <= QUOTE_CHARACTERS else quote[:QUOTE_CHARACTERS].rsplit(" ", 1)[0] + "…",
        "published": text["published"], "stance": stance, "new_deadline": new_deadline, "quantity_value": quantity,
        "confidence": round(min(1.0, score), 3), "url": text.get("url"), "title": text.get("title"),
    }

