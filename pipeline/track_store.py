"""`promises track` and `promises status`: promises, their evidence and their status, in the database.

Tracking reads what `promises tag` stored (SEND commitments and every taggable text) and rebuilds the
promise tables in one transaction. Grouping is deterministic and in time order, so promise ids stay
the same when later documents arrive; re-running it changes nothing unless the commitments did.
"""

from datetime import date

import sqlite_utils

from db import store
from pipeline.evidence import find_evidence
from pipeline.promises import group_mentions
from pipeline.status import status_on, timeline
from pipeline.tag_store import sources

TABLES = ("promise_events", "evidence", "promise_mentions", "promises")


def mentions(db: sqlite_utils.Database) -> list[dict]:
    """The dated SEND commitments, each with its council's slug; not those in the text of a motion that
    was lost, which the council never undertook (an article of unknown date cannot be placed in a
    promise's history, so its commitments stay in the commitments table only)."""
    lost = [_fold(row["text"]) for row in db.query("select text from motions where outcome = 'lost'")]
    rows = db.query("select * from commitments where is_send = 1 and published is not null order by published, id")
    return [{**row, "council": row["id"].split("/", 1)[0]} for row in rows
            if not any(_fold(row["text"]) in motion for motion in lost)]


def _fold(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def texts(db: sqlite_utils.Database) -> list[dict]:
    """Every taggable text, as `find_evidence` reads them."""
    return [
        {"source": source.id, "document": source.row.get("document"), "page": source.row.get("page"),
         "agenda_item": source.row.get("agenda_item"), "text": source.text,
         "published": source.published.isoformat() if source.published else None, "url": source.url,
         "council": source.id.split("/", 1)[0], "title": source.title}
        for source in sources(db)
    ]


def track(db: sqlite_utils.Database, today: date | None = None) -> dict[str, int]:
    """Group mentions into promises, find their evidence, compute statuses and store it all.

    Returns the row counts written, by table.
    """
    found = mentions(db)
    by_id = {mention["id"]: mention for mention in found}
    promises = group_mentions(found)
    evidence = find_evidence(texts(db), promises, by_id)
    as_of = (today or date.today()).isoformat()
    rows = {table: [] for table in TABLES}
    for promise in promises:
        own = [row for row in evidence if row["promise"] == promise["id"]]
        now = status_on(promise, own, as_of)
        events = timeline(promise, own)
        rows["promises"].append({
            **{key: promise[key] for key in ("id", "council", "origin", "title", "topic", "deadline",
                                             "revised_deadline", "revised_on", "quantity_value", "quantity_unit",
                                             "amount_gbp", "first_published", "last_published")},
            "deadline_year": _year(now["deadline"]),
            "mentions": len(promise["mentions"]), "status": now["status"], "status_reason": now["reason"],
            "status_evidence": now["evidence"], "url": by_id[promise["origin"]]["url"],
            "status_since": next((event["date"] for event in reversed(events) if event["status"] == now["status"]
                                  and event["date"] <= as_of), None),
        })
        rows["promise_mentions"] += [
            {"commitment": mention_id, "promise": promise["id"], "position": position,
             "published": by_id[mention_id]["published"], "text": by_id[mention_id]["text"],
             "url": by_id[mention_id]["url"]}
            for position, mention_id in enumerate(promise["mentions"], 1)
        ]
        rows["promise_events"] += [
            {"id": f"{promise['id']}/{event['date']}/{event['status']}", "promise": promise["id"], **event}
            for event in events
        ]
    rows["evidence"] = evidence
    with db.conn:
        for table in TABLES:
            db.conn.execute(f"delete from [{table}]")
        for table in reversed(TABLES):
            store.upsert(db, table, rows[table], pk="commitment" if table == "promise_mentions" else "id")
    return {table: len(rows[table]) for table in TABLES}


def _year(day: str | None) -> int | None:
    return int(day[:4]) if day else None


def statuses(db: sqlite_utils.Database, as_of: str, council: str | None = None,
             status: str | None = None) -> list[dict]:
    """Each stored promise with its status on `as_of`, computed from the evidence published by then."""
    evidence: dict[str, list[dict]] = {}
    for row in db["evidence"].rows:
        evidence.setdefault(row["promise"], []).append(row)
    found = []
    for promise in db.query("select * from promises order by first_published, id"):
        if council and promise["council"] != council or promise["first_published"] > as_of:
            continue
        promise = {**promise, "mentions": [row["commitment"] for row in db.query(
            "select commitment from promise_mentions where promise = ? order by position", [promise["id"]])]}
        now = status_on(promise, evidence.get(promise["id"], []), as_of)
        if status is None or now["status"] == status:
            found.append({"id": promise["id"], "council": promise["council"], "title": promise["title"],
                          "deadline": now["deadline"], "status": now["status"], "reason": now["reason"],
                          "evidence": now["evidence"], "url": promise["url"]})
    return found
