"""Writes to the promises database: idempotent upserts keyed by source-derived ids.

These run for every request and item of a crawl, so they are plain SQL on tables that
db.schema has created: sqlite-utils' table methods read the schema again on every call.
"""

import hashlib
import json
from datetime import datetime, timezone

import sqlite_utils


def now() -> str:
    """The current UTC time as an ISO 8601 string (seconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def get_row(db: sqlite_utils.Database, table: str, key: str, column: str = "id") -> dict | None:
    """One row by its key column as a dict, or None."""
    cursor = db.conn.execute(f"select * from [{table}] where [{column}] = ?", [key])
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row)) if row else None


def upsert(db: sqlite_utils.Database, table: str, rows: list[dict], pk: str = "id") -> None:
    """Insert rows, or update the given columns of rows whose key exists (in the caller's transaction)."""
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f"[{c}]" for c in columns)
    updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c != pk)
    sql = (f"insert into [{table}] ({names}) values ({', '.join('?' * len(columns))}) "
           f"on conflict([{pk}]) do {'update set ' + updates if updates else 'nothing'}")
    db.conn.executemany(sql, [[row[c] for c in columns] for row in rows])


def upsert_council(db: sqlite_utils.Database, council: dict) -> None:
    """Insert or update a council from its registry entry."""
    with db.conn:
        upsert(db, "councils", [{
            "slug": council["slug"], "name": council["name"], "platform": council["platform"],
            "base_url": council["base_url"], "verified": int(bool(council.get("verified"))),
        }], pk="slug")


def upsert_committee(db: sqlite_utils.Database, committee: dict) -> None:
    """Insert or update a committee."""
    with db.conn:
        upsert(db, "committees", [committee])


def upsert_meeting(db: sqlite_utils.Database, meeting: dict, items: list[dict]) -> None:
    """Insert or update a meeting and its agenda items; first_seen survives re-crawls."""
    seen = now()
    existing = get_row(db, "meetings", meeting["id"])
    rows = []
    for item in items:
        row = {**item, "recorded_votes": json.dumps(item.get("recorded_votes") or [])}
        if item.get("minutes_truncated"):
            # Full minutes fetched earlier from mgAi.aspx must not be replaced by the truncated text.
            previous = get_row(db, "agenda_items", item["id"])
            if previous and not previous["minutes_truncated"]:
                row.update(minutes=previous["minutes"], minutes_truncated=0)
        rows.append(row)
    if meeting.get("source") == "xml":  # the votes come from the meeting page, which is read afterwards
        for row in rows:
            previous = get_row(db, "agenda_items", row["id"])
            row["recorded_votes"] = previous["recorded_votes"] if previous else "[]"
    if existing and meeting.get("listing") is None:  # reached from "What's new", not from a meeting list
        meeting = {**meeting, "listing": existing["listing"]}
    with db.conn:
        upsert(db, "meetings", [{**meeting, "first_seen": existing["first_seen"] if existing else seen,
                                 "last_seen": seen}])
        upsert(db, "agenda_items", rows)
        if meeting.get("source") != "xml":
            for item in items:
                _set_vote_rows(db, meeting["id"], item["id"], item.get("recorded_votes") or [])


def update_recorded_votes(db: sqlite_utils.Database, item_id: str, votes: list[dict]) -> bool:
    """Set an agenda item's Recorded Vote rows; False when the item is not stored."""
    item = get_row(db, "agenda_items", item_id)
    if item is None:
        return False
    with db.conn:
        db.conn.execute("update agenda_items set recorded_votes = ? where id = ?", [json.dumps(votes), item_id])
        _set_vote_rows(db, item["meeting"], item_id, votes)
    return True


def _set_vote_rows(db: sqlite_utils.Database, meeting: str, item_id: str, votes: list[dict]) -> None:
    """The item's Recorded Vote rows as its meeting page shows them now; rows past the last go."""
    upsert(db, "recorded_votes", [
        {"id": f"{item_id}/v{position}", "meeting": meeting, "agenda_item": item_id, "position": position,
         "title": vote["title"], "type": vote["type"], "text": vote["text"], "result": vote["result"]}
        for position, vote in enumerate(votes, 1)
    ])
    stale = "select id from recorded_votes where agenda_item = ? and position > ?"
    db.conn.execute(f"delete from member_votes where recorded_vote in ({stale})", [item_id, len(votes)])
    db.conn.execute(f"delete from recorded_votes where id in ({stale})", [item_id, len(votes)])


def replace_attendance(db: sqlite_utils.Database, meeting: str, rows: list[dict]) -> None:
    """Store who attended a meeting, replacing what an earlier crawl stored."""
    with db.conn:
        db.conn.execute("delete from attendance where meeting = ?", [meeting])
        upsert(db, "attendance", rows)


def store_named_votes(db: sqlite_utils.Database, agenda_item: dict, url: str, votes: list[dict]) -> None:
    """Store each councillor's vote on the recorded votes of an agenda item, with the totals.

    A vote is matched to the item's Recorded Vote row by title, then by position, and keeps the
    title, position and result the meeting page gave it; a vote the page did not show gets a row
    of its own after the others.
    """
    cursor = db.conn.execute("select id, title from recorded_votes where agenda_item = ? order by position",
                             [agenda_item["id"]])
    known = cursor.fetchall()
    by_title = {_fold(title): vote_id for vote_id, title in known}
    with db.conn:
        for position, vote in enumerate(votes, 1):
            vote_id = by_title.get(_fold(vote["title"])) or (known[position - 1][0] if position <= len(known) else None)
            ballots = vote["votes"]
            row = {"url": url, **{column: sum(ballot["vote"] == kind for ballot in ballots) for column, kind in (
                ("votes_for", "for"), ("votes_against", "against"), ("abstentions", "abstain"))}}
            if vote_id is None:
                vote_id = f"{agenda_item['id']}/v{position}"
                row.update(meeting=agenda_item["meeting"], agenda_item=agenda_item["id"], position=position,
                           title=vote["title"], result=vote.get("status") or None)
            upsert(db, "recorded_votes", [{"id": vote_id, **row}])
            db.conn.execute("delete from member_votes where recorded_vote = ?", [vote_id])
            upsert(db, "member_votes", [
                {"id": f"{vote_id}/{_ballot_key(ballot)}", "recorded_vote": vote_id, "member": ballot["member"],
                 "name": ballot["name"], "vote": ballot["vote"], "url": url}
                for ballot in ballots
            ])


def _ballot_key(ballot: dict) -> str:
    """u<member id> when the councillor is known by id, else their name as a slug."""
    return (ballot["member"] or "").rsplit("/", 1)[-1] or name_slug(ballot["name"])


def upsert_member(db: sqlite_utils.Database, member: dict) -> None:
    """Insert or update a councillor."""
    with db.conn:
        upsert(db, "members", [{**member, "last_seen": now()}])


def upsert_decision(db: sqlite_utils.Database, decision: dict, documents: list[dict]) -> None:
    """Insert or update a published decision and its document links; first_seen survives re-crawls."""
    seen = now()
    existing = get_row(db, "decisions", decision["id"])
    with db.conn:
        upsert(db, "decisions", [{**decision, "first_seen": existing["first_seen"] if existing else seen,
                                  "last_seen": seen}])
        db.conn.execute("delete from decision_documents where decision = ?", [decision["id"]])
        upsert(db, "decision_documents", documents)


def _fold(text: str) -> str:
    return " ".join((text or "").lower().split())


def name_slug(text: str) -> str:
    """A person's name as an id part: lower case, words joined by hyphens."""
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def update_minutes(db: sqlite_utils.Database, item_id: str, minutes: str) -> None:
    """Replace an agenda item's truncated minutes with the full text."""
    with db.conn:
        db.conn.execute("update agenda_items set minutes = ?, minutes_truncated = 0 where id = ?", [minutes, item_id])


def replace_motions(db: sqlite_utils.Database, item: dict, motions: list[dict]) -> None:
    """Store the motions parsed from one agenda item, replacing any parsed before."""
    with db.conn:
        db.conn.execute("delete from motions where agenda_item = ?", [item["id"]])
        upsert(db, "motions", [
            {"id": f"{item['id']}/m{position}", "meeting": item["meeting"], "agenda_item": item["id"],
             "position": position, "url": item["url"], **motion}
            for position, motion in enumerate(motions, 1)
        ])


def store_document(
    db: sqlite_utils.Database, document: dict, version: dict, pages: list[str] | None, error: str | None,
    existing: dict | None,
) -> str:
    """Record one fetched document; returns "new", "changed" or "unchanged".

    `existing` is the document's row as it stands (None when never seen). A body whose sha256
    differs from the current version's becomes a new version; old versions and their page text are kept.
    """
    checked = now()
    if existing is None:
        change = "new"
    elif existing["sha256"] == version["sha256"]:
        change = "unchanged"
    else:
        change = "changed"
    version_id = f"{document['id']}@{version['sha256'][:16]}"
    row = {
        **document, "current_version": version_id, "sha256": version["sha256"],
        "content_type": version["content_type"], "size": version["size"],
        "status": "error" if error else "ok", "error": error, "last_checked": checked,
        "first_seen": existing["first_seen"] if existing else checked,
    }
    if pages is not None or change != "unchanged":
        row["pages"] = len(pages) if pages is not None else None
    with db.conn:
        upsert(db, "documents", [row])
        if change != "unchanged":
            upsert(db, "document_versions", [{**version, "id": version_id, "document": document["id"],
                                              "fetched": checked}])
        if pages is not None:
            upsert(db, "document_pages", [
                {"id": f"{version_id}/p{n}", "document": document["id"], "version": version_id, "page": n, "text": text}
                for n, text in enumerate(pages, 1)
            ])
    return change


def upsert_news_source(db: sqlite_utils.Database, source: dict) -> None:
    """Insert or update a news source."""
    with db.conn:
        upsert(db, "news_sources", [source])


def upsert_article_copy(db: sqlite_utils.Database, copy: dict) -> None:
    """Insert or update one copy of an article; first_seen and its document survive re-crawls."""
    seen = now()
    existing = get_row(db, "article_copies", copy["id"])
    with db.conn:
        upsert(db, "article_copies", [{**copy, "document": existing["document"] if existing else None,
                                       "first_seen": existing["first_seen"] if existing else seen, "last_seen": seen}])


def touch_article_copy(db: sqlite_utils.Database, copy_id: str) -> None:
    """Note that an unchanged article copy was seen again."""
    with db.conn:
        db.conn.execute("update article_copies set last_seen = ? where id = ?", [now(), copy_id])


def record_error(
    db: sqlite_utils.Database, run: int | None, target: str, key: str, url: str, spider: str,
    reason: str, severity: str = "error",
) -> None:
    """Record a problem with one URL; the same problem at the same place is kept once."""
    error_id = hashlib.sha1(f"{target}\n{key}\n{reason}".encode()).hexdigest()[:16]
    with db.conn:
        upsert(db, "crawl_errors", [{"id": error_id, "run": run, "target": target, "url": url, "spider": spider,
                                     "severity": severity, "reason": reason, "time": now()}])


def start_run(db: sqlite_utils.Database, target: str) -> int:
    """Open a crawl_runs row and return its id."""
    with db.conn:
        cursor = db.conn.execute("insert into crawl_runs (started, target, status) values (?, ?, 'running')",
                                 [now(), target])
    return cursor.lastrowid


def finish_run(db: sqlite_utils.Database, run: int, figures: dict) -> None:
    """Close a crawl_runs row with its figures."""
    with db.conn:
        upsert(db, "crawl_runs", [{"id": run, **figures, "finished": now()}])


def run_errors(db: sqlite_utils.Database, run: int) -> int:
    """How many crawl_errors rows a run left."""
    return db.conn.execute("select count(*) from crawl_errors where run = ?", [run]).fetchone()[0]


def put_fetch(db: sqlite_utils.Database, row: dict) -> None:
    """Remember the validators and archive hash of a 200 response."""
    with db.conn:
        upsert(db, "fetches", [row], pk="key")
