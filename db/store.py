"""Writes to the promises database: idempotent upserts keyed by source-derived ids."""

import hashlib
import json
from datetime import datetime, timezone

import sqlite_utils


def now() -> str:
    """The current UTC time as an ISO 8601 string (seconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def get_row(db: sqlite_utils.Database, table: str, key: str) -> dict | None:
    """One row by primary key as a dict, or None."""
    try:
        return db[table].get(key)
    except sqlite_utils.db.NotFoundError:
        return None


def upsert_council(db: sqlite_utils.Database, council: dict) -> None:
    """Insert or update a council from its registry entry."""
    db["councils"].upsert(
        {
            "slug": council["slug"], "name": council["name"], "platform": council["platform"],
            "base_url": council["base_url"], "verified": int(bool(council.get("verified"))),
        },
        pk="slug",
    )


def upsert_committee(db: sqlite_utils.Database, committee: dict) -> None:
    """Insert or update a committee."""
    db["committees"].upsert(committee, pk="id")


def upsert_meeting(db: sqlite_utils.Database, meeting: dict, items: list[dict]) -> None:
    """Insert or update a meeting and its agenda items; first_seen survives re-crawls."""
    seen = now()
    existing = get_row(db, "meetings", meeting["id"])
    row = {**meeting, "first_seen": existing["first_seen"] if existing else seen, "last_seen": seen}
    with db.conn:
        db["meetings"].upsert(row, pk="id")
        for item in items:
            row = {**item, "recorded_votes": json.dumps(item.get("recorded_votes") or [])}
            if item.get("minutes_truncated"):
                # Full minutes fetched earlier from mgAi.aspx must not be replaced by the truncated text.
                previous = db.execute(
                    "select minutes from agenda_items where id = ? and minutes_truncated = 0", [item["id"]]
                ).fetchone()
                if previous:
                    row.update(minutes=previous[0], minutes_truncated=0)
            db["agenda_items"].upsert(row, pk="id")


def update_minutes(db: sqlite_utils.Database, item_id: str, minutes: str) -> None:
    """Replace an agenda item's truncated minutes with the full text."""
    db["agenda_items"].update(item_id, {"minutes": minutes, "minutes_truncated": 0})


def replace_motions(db: sqlite_utils.Database, item: dict, motions: list[dict]) -> None:
    """Store the motions parsed from one agenda item, replacing any parsed before."""
    with db.conn:
        db["motions"].delete_where("agenda_item = ?", [item["id"]])
        for position, motion in enumerate(motions, 1):
            db["motions"].insert(
                {
                    "id": f"{item['id']}/m{position}", "meeting": item["meeting"],
                    "agenda_item": item["id"], "position": position, "url": item["url"], **motion,
                },
                pk="id",
            )


def store_document(
    db: sqlite_utils.Database, document: dict, version: dict, pages: list[str] | None, error: str | None
) -> str:
    """Record one fetched document; returns "new", "changed" or "unchanged".

    A body whose sha256 differs from the current version's becomes a new version; old versions and
    their page text are kept.
    """
    checked = now()
    existing = get_row(db, "documents", document["id"])
    if existing is None:
        change = "new"
    elif existing["sha256"] == version["sha256"]:
        change = "unchanged"
    else:
        change = "changed"
    version_id = f"{document['id']}@{version['sha256'][:16]}"
    with db.conn:
        row = {
            **document, "current_version": version_id, "sha256": version["sha256"],
            "content_type": version["content_type"], "size": version["size"],
            "status": "error" if error else "ok", "error": error, "last_checked": checked,
            "first_seen": existing["first_seen"] if existing else checked,
        }
        if pages is not None or change != "unchanged":
            row["pages"] = len(pages) if pages is not None else None
        db["documents"].upsert(row, pk="id")
        if change != "unchanged":
            db["document_versions"].upsert(
                {**version, "id": version_id, "document": document["id"], "fetched": checked}, pk="id"
            )
        if pages is not None:
            db["document_pages"].upsert_all(
                [
                    {"id": f"{version_id}/p{n}", "document": document["id"], "version": version_id,
                     "page": n, "text": text}
                    for n, text in enumerate(pages, 1)
                ],
                pk="id",
            )
    return change


def record_error(
    db: sqlite_utils.Database, run: int | None, target: str, key: str, url: str, spider: str,
    reason: str, severity: str = "error",
) -> None:
    """Record a problem with one URL; the same problem at the same place is kept once."""
    error_id = hashlib.sha1(f"{target}\n{key}\n{reason}".encode()).hexdigest()[:16]
    db["crawl_errors"].upsert(
        {"id": error_id, "run": run, "target": target, "url": url, "spider": spider,
         "severity": severity, "reason": reason, "time": now()},
        pk="id",
    )


def start_run(db: sqlite_utils.Database, target: str) -> int:
    """Open a crawl_runs row and return its id."""
    return db["crawl_runs"].insert({"started": now(), "target": target, "status": "running"}).last_pk


def finish_run(db: sqlite_utils.Database, run: int, figures: dict) -> None:
    """Close a crawl_runs row with its figures."""
    db["crawl_runs"].update(run, {**figures, "finished": now()})


def run_errors(db: sqlite_utils.Database, run: int) -> int:
    """How many crawl_errors rows a run left."""
    return db["crawl_errors"].count_where("run = ?", [run])


def put_fetch(db: sqlite_utils.Database, row: dict) -> None:
    """Remember the validators and archive hash of a 200 response."""
    db["fetches"].upsert(row, pk="key")
