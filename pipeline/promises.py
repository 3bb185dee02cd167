"""Promises from commitment mentions (docs/tracking.md): the same undertaking repeated across documents
becomes one promise, judged by council, SEND sub-topic, time, TF-IDF similarity and agreeing numbers.

Grouping never compares all pairs: a mention is compared only with the open promises (mentioned in the
last OPEN_DAYS) of its own council and topic block.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from datetime import date
from functools import cache

from pipeline.vocabulary import any_of, vocabulary

SIMILAR = 0.3  # score a mention needs to join a promise
NUMBER_BONUS = 0.25  # added to the cosine for each agreeing quantity, amount or deadline
OPEN_DAYS = 3 * 365  # a promise not mentioned for this long takes no new mentions
TITLE_CHARACTERS = 120
_WORD = re.compile(r"[a-z][a-z']+")
_DIGITS = re.compile(r"(\d+)")
# A deadline counted from publication ("over the next four years") moves with each retelling, and a
# financial year ("into 2025/26") says when money is spent: neither revises a promise's deadline.
_NO_REVISION = re.compile(r"\bwithin\b|\bover\b|\b\d{4}/\d{2}\b", re.IGNORECASE)
_SPAN = re.compile(r"@(\d+)-(\d+)$")
_CLAUSE_GAP = 3  # characters between two clauses of one sentence ("staff, with all posts filled by ...")


@cache
def _topics() -> dict[str, re.Pattern]:
    return {name: any_of(patterns) for name, patterns in vocabulary("evidence")["topics"].items()}


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(vocabulary("evidence")["stopwords"])


def topic_block(text: str, amount_gbp: float | None = None, unit: str | None = None) -> str:
    """The SEND sub-topic of a commitment: "funding" when it names money, else the first topic of
    patterns/evidence.yml its quantity's unit matches ("340 special school places"), else the first its
    text matches, else "other"."""
    if amount_gbp:
        return "funding"
    for subject in (unit or "", text.replace("\n", " ")):
        found = next((name for name, pattern in _topics().items() if pattern.search(subject)), None)
        if found:
            return found
    return "other"


def topic_blocks(text: str) -> list[str]:
    """Every SEND sub-topic a statement matches (a progress report often covers several)."""
    text = text.replace("\n", " ")
    return [name for name, pattern in _topics().items() if pattern.search(text)] or ["other"]


def content_words(text: str) -> Counter:
    """Term counts of the words that tell undertakings apart (lower case, plural "s" dropped)."""
    stop = _stopwords()
    words = (word.strip("'") for word in _WORD.findall(text.lower()))
    return Counter(_stem(word) for word in words if len(word) > 2 and word not in stop)


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def cosine(first: Counter, second: Counter, idf: dict[str, float], default_idf: float = 1.0) -> float:
    """TF-IDF cosine of two term counts, rounded so that it does not depend on the order of a set
    (which follows string hashes): equal scores then stay equal in every process."""
    def weight(counts, word):
        return counts[word] * idf.get(word, default_idf)
    dot = math.fsum(weight(first, word) * weight(second, word) for word in first.keys() & second.keys())
    if not dot:
        return 0.0
    norm = (math.sqrt(math.fsum(weight(first, w) ** 2 for w in first))
            * math.sqrt(math.fsum(weight(second, w) ** 2 for w in second)))
    return round(dot / norm, 9)


def inverse_document_frequencies(documents: list[Counter]) -> dict[str, float]:
    """Smoothed IDF of every word over the documents."""
    frequency = Counter(word for counts in documents for word in counts)
    total = len(documents)
    return {word: math.log((1 + total) / (1 + count)) + 1 for word, count in frequency.items()}


def mention_order(mention: dict) -> tuple:
    """(published, id) with the numbers in the id compared as numbers, so clauses keep text order."""
    parts = _DIGITS.split(mention["id"])
    return mention["published"] or "", [int(part) if part.isdigit() else part for part in parts]


def promise_id(council: str, origin: str) -> str:
    """The stable id of the promise that starts with this mention."""
    return f"{council}/p{hashlib.sha1(origin.encode()).hexdigest()[:10]}"


def group_mentions(mentions: list[dict]) -> list[dict]:
    """Promises from mentions, deterministic: mentions are taken in (published, id) order; each joins the
    most similar open promise of the same council and topic block if similar enough and its quantities,
    amounts and deadlines agree, else starts a new promise. Returns one dict per promise:
    {"id": f"{council}/p{sha1(origin mention id)[:10]}", "council", "origin": mention id, "title": short
    text (the origin sentence trimmed), "topic": block key, "mentions": [mention ids in time order],
    "deadline": origin deadline, "revised_deadline": latest later deadline differing from it or None,
    "quantity_value", "quantity_unit", "amount_gbp", "first_published", "last_published"}.

    Where the origin has no deadline (a decision "to recruit eighty staff"), "deadline" is the first one a
    mention gives; "revised_on" is the date of the mention that gave the revised deadline."""
    ordered = sorted(mentions, key=mention_order)
    words = {mention["id"]: content_words(mention["text"]) for mention in ordered}
    idf = inverse_document_frequencies(list(words.values()))
    blocks: dict[tuple[str, str], list[dict]] = {}
    promises: list[dict] = []
    for mention in ordered:
        council = mention.get("council") or mention["id"].split("/")[0]
        key = (council, topic_block(mention["text"], mention.get("amount_gbp"), mention.get("quantity_unit")))
        candidates = blocks.setdefault(key, [])
        _close(candidates, mention["published"])
        target = _best(candidates, mention, words[mention["id"]], idf)
        if target is None and _reports(mention):
            target = _best(candidates, mention, words[mention["id"]], idf, numbers=False)
            if target is not None:
                _join(target, mention, words[mention["id"]], numbers=False)
                continue
        if target is None:
            target = _start(council, key[1], mention)
            candidates.append(target)
            promises.append(target)
        _join(target, mention, words[mention["id"]])
    return [_public(promise) for promise in promises]


def _close(candidates: list[dict], published: str) -> None:
    """Drop promises not mentioned for OPEN_DAYS from the block (they stay in the result)."""
    today = date.fromisoformat(published)
    candidates[:] = [p for p in candidates if (today - date.fromisoformat(p["last_published"])).days <= OPEN_DAYS]


def _best(candidates: list[dict], mention: dict, words: Counter, idf: dict, numbers: bool = True) -> dict | None:
    """The most similar promise (TF-IDF cosine plus NUMBER_BONUS per agreeing number) at or above
    SIMILAR whose numbers agree (unless `numbers` is False), or the one whose sentence the mention continues."""
    best, best_score = None, SIMILAR
    for promise in candidates:
        if numbers and not agrees(promise, mention):
            continue
        if _continues(promise, mention):
            return promise
        score = cosine(words, promise["_words"], idf) + (NUMBER_BONUS * shared_numbers(promise, mention) if numbers else 0)
        if score >= best_score:
            best, best_score = promise, score
    return best


def shared_numbers(promise: dict, mention: dict) -> int:
    """How many of quantity, amount and deadline the promise and the mention both give, equal."""
    pairs = [((promise["quantity_value"], _unit(promise["quantity_unit"])),
              (mention.get("quantity_value"), _unit(mention.get("quantity_unit")))),
             (promise["amount_gbp"], mention.get("amount_gbp")), (promise["deadline"], mention.get("deadline"))]
    return sum(1 for ours, theirs in pairs if _given(ours) and ours == theirs)


def _given(value) -> bool:
    return value[0] is not None if isinstance(value, tuple) else value is not None


def _reports(mention: dict) -> bool:
    """The mention reads as a report on an earlier promise ("the remaining 90 places are on track")."""
    from pipeline.evidence import stance_of  # evidence builds on this module
    return stance_of(mention["text"]) in {"delivered", "progress", "revised", "missed", "abandoned"}


def _continues(promise: dict, mention: dict) -> bool:
    """The mention is the next clause of a sentence whose earlier clause is in the promise."""
    last, earlier, later = promise["_last"], span_of(promise["_last"]["id"]), span_of(mention["id"])
    return (last["source"] == mention["source"] and earlier is not None and later is not None
            and 0 <= later[0] - earlier[1] <= _CLAUSE_GAP)


def span_of(mention_id: str) -> tuple[int, int] | None:
    """A mention's (start, end) in its source, from the "@start-end" that ends its id."""
    found = _SPAN.search(mention_id)
    return (int(found[1]), int(found[2])) if found else None


def agrees(promise: dict, mention: dict) -> bool:
    """Quantities (unit and value), amounts and deadlines do not contradict: a deadline differs only
    as a later revision (not one published the same day, and never an earlier one)."""
    quantities = [(promise["quantity_value"], _unit(promise["quantity_unit"])),
                  (mention.get("quantity_value"), _unit(mention.get("quantity_unit")))]
    if all(value is not None for value, _ in quantities) and quantities[0] != quantities[1]:
        return False
    if None not in (promise["amount_gbp"], mention.get("amount_gbp")) and promise["amount_gbp"] != mention["amount_gbp"]:
        return False
    deadline, given = promise["deadline"], mention.get("deadline")
    changed = bool(deadline and given and given != deadline and not _moves(mention))
    return not (changed and (given < deadline or mention["published"] == promise["_deadline_published"]))


def _unit(unit: str | None) -> str:
    return (unit or "").lower()


def _moves(mention: dict) -> bool:
    """The mention's deadline is a duration counted from its publication, or a financial year."""
    return bool(_NO_REVISION.search(mention.get("deadline_text") or ""))


def _start(council: str, topic: str, origin: dict) -> dict:
    return {
        "id": promise_id(council, origin["id"]), "council": council, "origin": origin["id"],
        "title": title_of(origin["text"]), "topic": topic, "mentions": [], "deadline": None,
        "revised_deadline": None, "revised_on": None, "quantity_value": None, "quantity_unit": None,
        "amount_gbp": None, "first_published": origin["published"], "last_published": origin["published"],
        "_words": Counter(), "_deadline_published": None, "_last": origin,
    }


def _join(promise: dict, mention: dict, words: Counter, numbers: bool = True) -> None:
    """Add the mention; a report joined despite its numbers (`numbers` False) does not change them."""
    promise["mentions"].append(mention["id"])
    promise["_words"].update(words)
    promise["_last"] = mention
    promise["last_published"] = mention["published"]
    if not numbers:
        return
    if promise["quantity_value"] is None and mention.get("quantity_value") is not None:
        promise["quantity_value"], promise["quantity_unit"] = mention["quantity_value"], mention.get("quantity_unit")
    if promise["amount_gbp"] is None and mention.get("amount_gbp") is not None:
        promise["amount_gbp"] = mention["amount_gbp"]
    given = mention.get("deadline")
    if not given:
        return
    if promise["deadline"] is None:
        promise["deadline"], promise["_deadline_published"] = given, mention["published"]
    elif given > max(promise["deadline"], promise["revised_deadline"] or "") and not _moves(mention):
        promise["revised_deadline"], promise["revised_on"] = given, mention["published"]


def _public(promise: dict) -> dict:
    return {key: value for key, value in promise.items() if not key.startswith("_")}


def title_of(text: str) -> str:
    """The origin sentence on one line, trimmed to about TITLE_CHARACTERS at a word boundary."""
    text = " ".join(text.split()).rstrip(" .;:,")
    if len(text) <= TITLE_CHARACTERS:
        return text
    return text[:TITLE_CHARACTERS].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
