"""The tagger: every commitment in a text with its kind, SEND topic, actor, money, quantity and
deadline, in the output form of TAGGING.md §5."""

import hashlib
from datetime import date
from functools import cache, lru_cache

from pipeline.actors import actor
from pipeline.amounts import commitment_amount, commitment_quantity
from pipeline.commitments import Commitment, find_commitments
from pipeline.deadlines import find_anchor, find_deadline
from pipeline.topics import is_send, section_context, send_focus
from pipeline.vocabulary import PATTERNS

RULES_VERSION = "1"
_ANCHOR_REACH = 600
_FIELDS_REACH = 200


@cache
def tagger_version() -> str:
    """A version that changes whenever the rules or the vocabulary change (so `promises tag` knows
    to re-tag everything)."""
    digest = hashlib.sha256(RULES_VERSION.encode())
    for path in sorted(PATTERNS.glob("*.yml")):
        digest.update(path.read_bytes())
    return f"{RULES_VERSION}-{digest.hexdigest()[:8]}"


def tag(body: str, published: date | None, council: str = "", title: str = "") -> list[dict]:
    """Commitments in a text, in text order; offsets index into `body` (text == body[start:end])."""
    focused = lru_cache(maxsize=1)(lambda: send_focus(body))
    return [_describe(body, commitment, published, council, title, focused) for commitment in find_commitments(body)]


def _describe(body: str, commitment: Commitment, published, council: str, title: str, focused) -> dict:
    sentence = commitment.sentence
    send = is_send(commitment.text, sentence.text, section_context(body, sentence.start) + "\n" + title, focused)
    money = commitment_amount(commitment.text)
    quantity = commitment_quantity(commitment.text, body[sentence.start:commitment.start])
    deadline = _deadline(body, commitment, published)
    return {
        "text": commitment.text, "start": commitment.start, "end": commitment.end, "kind": commitment.kind,
        "is_send": send, "topics": ["send"] if send else [],
        "actor": actor(body, sentence.start, commitment.start, council),
        "amount_gbp": _number(money.value) if money else None,
        "quantity": {"value": _number(quantity.value), "unit": quantity.unit} if quantity else None,
        "deadline": deadline.date.isoformat() if deadline and deadline.date else None,
        "deadline_text": deadline.text if deadline else None,
        "confidence": commitment.confidence,
    }


def _deadline(body: str, commitment: Commitment, published):
    """The deadline stated in the clause, else in what follows the sentence on its line, up to a
    field's length (an action plan's "Lead: ... Timescale: ..." fields)."""
    if published is None:
        return None
    anchor = lru_cache(maxsize=1)(
        lambda: find_anchor(body[max(0, commitment.sentence.start - _ANCHOR_REACH):commitment.end], published)
    )
    found = find_deadline(commitment.text, published, anchor)
    if found is None:
        line_end = body.find("\n", commitment.sentence.end, commitment.sentence.end + _FIELDS_REACH)
        rest = body[commitment.sentence.end:line_end if line_end >= 0 else commitment.sentence.end + _FIELDS_REACH]
        found = find_deadline(rest, published, anchor) if rest.strip() else None
    return found


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
