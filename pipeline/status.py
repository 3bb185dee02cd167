"""A promise's status on any date, from its deadlines and the evidence published up to that date (the
rules are in docs/tracking.md, in the order status_on applies them)."""

from __future__ import annotations

from datetime import date, timedelta

STATUSES = ("not_yet_due", "in_progress", "delivered", "partly_delivered", "delayed", "overdue", "broken", "unclear")
QUOTE_CHARACTERS = 100
_TERMINAL = {"delivered": "delivered", "abandoned": "broken", "missed": "broken"}


def status_on(promise: dict, evidence: list[dict], as_of: str) -> dict:
    """{"status", "reason" (one line citing the dated source: e.g. 'Reported "all eighty posts filled" on
    2024-09-16 (SEND Improvement Programme: Progress Report)'), "evidence": id or None, "deadline": the
    deadline in force}. Uses only evidence published on or before as_of."""
    known = sorted((item for item in evidence if item.get("promise", promise["id"]) == promise["id"]
                    and item["published"] <= as_of), key=lambda item: (item["published"], item["id"]))
    original = promise.get("deadline")
    deadline, revision = _in_force(promise, known, as_of)
    terminal = _settled(known)
    if terminal:
        return _result(_TERMINAL[terminal["stance"]], _reported(terminal), terminal, deadline)
    passed = deadline is not None and as_of > deadline
    if deadline and original and deadline > original and not passed:
        if revision is not None:
            return _result("delayed", _reported(revision), revision, deadline)
        return _result("delayed", f"Deadline moved from {original} to {deadline} on {promise.get('revised_on')}",
                       None, deadline)
    counted = next((item for item in reversed(known) if item.get("quantity_value") is not None
                    and item["stance"] in ("progress", "restated", "revised")), None)
    if passed:
        promised = promise.get("quantity_value")
        if counted and promised and counted["quantity_value"] < promised:
            return _result("partly_delivered", f"{_reported(counted)}: {counted['quantity_value']:g} of {promised:g} "
                           f"by the {deadline} deadline", counted, deadline)
        latest = known[-1] if known else None
        reason = f"Due by {deadline}, no report of delivery by {as_of}"
        return _result("overdue", f"{reason}; last {_reported(latest)}" if latest else f"{reason} ({_promised(promise)})",
                       latest, deadline)
    moving = next((item for item in reversed(known) if item["stance"] in ("progress", "revised")), None)
    if moving:
        return _result("in_progress", _reported(moving), moving, deadline)
    if deadline:
        return _result("not_yet_due", f"Due by {deadline} ({_promised(promise)})", None, deadline)
    latest = known[-1] if known else None
    if latest:
        return _result("unclear", f"No deadline; {_reported(latest)}", latest, None)
    return _result("unclear", f"No deadline and no report of delivery ({_promised(promise)})", None, None)


def _settled(known: list[dict]) -> dict | None:
    """The first report of the final outcome (delivered, or abandoned / missed), if any: the earliest of
    the last run of reports with that outcome."""
    terminals = [item for item in known if item["stance"] in _TERMINAL]
    if not terminals:
        return None
    first = terminals[-1]
    for item in reversed(terminals):
        if _TERMINAL[item["stance"]] != _TERMINAL[first["stance"]]:
            break
        first = item
    return first


def _in_force(promise: dict, known: list[dict], as_of: str) -> tuple[str | None, dict | None]:
    """The deadline in force on as_of and the evidence that set it (None when it is the promise's own):
    the latest revision by date, evidence winning over a mention of the same day."""
    revisions = [(item["published"], 1, item["new_deadline"], item) for item in known if item.get("new_deadline")]
    revised_on = promise.get("revised_on") or promise.get("last_published")
    if promise.get("revised_deadline") and revised_on and revised_on <= as_of:
        revisions.append((revised_on, 0, promise["revised_deadline"], None))
    if not revisions:
        return promise.get("deadline"), None
    _, _, deadline, item = max(revisions, key=lambda revision: revision[:2])
    return deadline, item


def _result(status: str, reason: str, item: dict | None, deadline: str | None) -> dict:
    return {"status": status, "reason": reason, "evidence": item["id"] if item else None, "deadline": deadline}


def _reported(item: dict) -> str:
    quote = item["quote"] if len(item["quote"]) <= QUOTE_CHARACTERS else item["quote"][:QUOTE_CHARACTERS].rsplit(" ", 1)[0] + "…"
    source = f" ({item['title']})" if item.get("title") else ""
    return f'Reported "{quote}" on {item["published"]}{source}'


def _promised(promise: dict) -> str:
    return f'promised on {promise["first_published"]}: "{promise["title"]}"'


def timeline(promise: dict, evidence: list[dict]) -> list[dict]:
    """Every change of status: [{"date", "status", "reason", "evidence"}] from the origin date on (statuses
    that only change by the passing of a deadline get that deadline's next day as their date)."""
    start = promise["first_published"]
    deadlines = [promise.get("deadline"), promise.get("revised_deadline")] + [item.get("new_deadline") for item in evidence]
    days = {start, promise.get("revised_on")} | {item["published"] for item in evidence}
    days |= {(date.fromisoformat(day) + timedelta(days=1)).isoformat() for day in deadlines if day}
    changes: list[dict] = []
    for day in sorted(day for day in days if day and day >= start):
        now = status_on(promise, evidence, day)
        if not changes or now["status"] != changes[-1]["status"]:
            changes.append({"date": day, "status": now["status"], "reason": now["reason"], "evidence": now["evidence"]})
    return changes
