"""Tables of the promises database, created with sqlite-utils.

Every table keyed by a source-derived id has a text primary key, so a re-crawl upserts in place.
"""

import sqlite_utils

TABLES = {
    "councils": (
        {"slug": str, "name": str, "platform": str, "base_url": str, "verified": int},
        {"pk": "slug"},
    ),
    "committees": (
        {"id": str, "council": str, "committee_id": str, "name": str, "url": str},
        {"pk": "id", "foreign_keys": [("council", "councils", "slug")]},
    ),
    "meetings": (
        {
            "id": str, "council": str, "committee": str, "meeting_id": str, "date": str,
            "time": str, "title": str, "status": str, "venue": str, "url": str, "source": str,
            "listing": str, "first_seen": str, "last_seen": str,
        },
        {"pk": "id", "foreign_keys": [("council", "councils", "slug"), ("committee", "committees", "id")]},
    ),
    "agenda_items": (
        {
            "id": str, "meeting": str, "position": int, "number": str, "item_id": str,
            "title": str, "description": str, "decision": str, "minutes": str,
            "minutes_truncated": int, "recorded_votes": str, "url": str,
        },
        {"pk": "id", "foreign_keys": [("meeting", "meetings", "id")]},
    ),
    "motions": (
        {
            "id": str, "meeting": str, "agenda_item": str, "position": int, "title": str,
            "mover": str, "seconder": str, "text": str, "outcome": str,
            "votes_for": int, "votes_against": int, "abstentions": int, "url": str,
        },
        {"pk": "id", "foreign_keys": [("meeting", "meetings", "id"), ("agenda_item", "agenda_items", "id")]},
    ),
    "recorded_votes": (
        {
            "id": str, "meeting": str, "agenda_item": str, "position": int, "title": str, "type": str,
            "text": str, "result": str, "votes_for": int, "votes_against": int, "abstentions": int,
            "url": str,
        },
        {"pk": "id", "foreign_keys": [("meeting", "meetings", "id"), ("agenda_item", "agenda_items", "id")]},
    ),
    "member_votes": (
        {"id": str, "recorded_vote": str, "member": str, "name": str, "vote": str, "url": str},
        {"pk": "id", "foreign_keys": [("recorded_vote", "recorded_votes", "id")]},
    ),
    "members": (
        {
            "id": str, "council": str, "member_id": str, "name": str, "party": str, "ward": str,
            "roles": str, "url": str, "last_seen": str,
        },
        {"pk": "id", "foreign_keys": [("council", "councils", "slug")]},
    ),
    "attendance": (
        {
            "id": str, "meeting": str, "member": str, "name": str, "role": str, "attendance": str,
            "party": str, "ward": str, "url": str,
        },
        {"pk": "id", "foreign_keys": [("meeting", "meetings", "id")]},
    ),
    "decisions": (
        {
            "id": str, "council": str, "decision_id": str, "title": str, "decision_maker": str,
            "status": str, "is_key": int, "call_in": str, "published": str, "decided": str,
            "effective": str, "purpose": str, "decision": str, "reasons": str, "alternatives": str,
            "meeting": str, "meeting_url": str, "issue_id": str, "issue_url": str, "url": str,
            "first_seen": str, "last_seen": str,
        },
        {"pk": "id", "foreign_keys": [("council", "councils", "slug")]},
    ),
    "decision_documents": (
        {"id": str, "decision": str, "document": str, "title": str, "url": str},
        {"pk": "id", "foreign_keys": [("decision", "decisions", "id")]},
    ),
    "documents": (
        {
            "id": str, "council": str, "meeting": str, "agenda_item": str, "title": str,
            "kind": str, "url": str, "current_version": str, "sha256": str,
            "content_type": str, "size": int, "pages": int, "status": str, "error": str,
            "first_seen": str, "last_checked": str, "published": str, "organisation": str, "party": str,
            "author": str, "copies": int,
        },
        {
            "pk": "id",
            "foreign_keys": [
                ("council", "councils", "slug"), ("meeting", "meetings", "id"),
                ("agenda_item", "agenda_items", "id"),
            ],
        },
    ),
    "document_versions": (
        {
            "id": str, "document": str, "sha256": str, "size": int, "content_type": str,
            "url": str, "fetched": str, "etag": str, "last_modified": str, "archive_path": str,
        },
        {"pk": "id", "foreign_keys": [("document", "documents", "id")]},
    ),
    "document_pages": (
        {"id": str, "document": str, "version": str, "page": int, "text": str},
        {"pk": "id", "foreign_keys": [("document", "documents", "id"), ("version", "document_versions", "id")]},
    ),
    "news_sources": (
        {
            "id": str, "council": str, "source": str, "name": str, "organisation": str, "kind": str,
            "party": str, "url": str, "method": str, "verified": int, "last_crawled": str,
        },
        {"pk": "id", "foreign_keys": [("council", "councils", "slug")]},
    ),
    "article_copies": (
        {
            "id": str, "document": str, "council": str, "source": str, "kind": str, "organisation": str,
            "party": str, "url": str, "title": str, "author": str, "published": str, "date_source": str,
            "text": str, "sha256": str, "content_type": str, "first_seen": str, "last_seen": str,
        },
        {"pk": "id", "foreign_keys": [("council", "councils", "slug"), ("source", "news_sources", "id")]},
    ),
    "commitments": (
        {
            "id": str, "source": str, "document": str, "version": str, "page": int, "agenda_item": str,
            "field": str, "start": int, "end": int, "text": str, "kind": str, "is_send": int, "actor": str,
            "amount_gbp": float, "quantity_value": float, "quantity_unit": str, "deadline": str,
            "deadline_text": str, "confidence": float, "published": str, "url": str, "tagger_version": str,
        },
        {
            "pk": "id",
            "foreign_keys": [
                ("document", "documents", "id"), ("version", "document_versions", "id"),
                ("agenda_item", "agenda_items", "id"),
            ],
        },
    ),
    "promises": (
        {
            "id": str, "council": str, "origin": str, "title": str, "topic": str, "deadline": str,
            "deadline_year": int, "revised_deadline": str, "revised_on": str, "quantity_value": float,
            "quantity_unit": str, "amount_gbp": float,
            "first_published": str, "last_published": str, "mentions": int, "status": str, "status_reason": str,
            "status_evidence": str, "status_since": str, "url": str,
        },
        {"pk": "id", "foreign_keys": [("council", "councils", "slug")]},
    ),
    "promise_mentions": (
        {"commitment": str, "promise": str, "position": int, "published": str, "text": str, "url": str},
        {"pk": "commitment", "foreign_keys": [("promise", "promises", "id")]},  # tag may replace commitments
    ),
    "evidence": (
        {
            "id": str, "promise": str, "source": str, "document": str, "page": int, "agenda_item": str,
            "start": int, "end": int, "quote": str, "published": str, "stance": str, "new_deadline": str,
            "quantity_value": float, "confidence": float, "url": str, "title": str,
        },
        {"pk": "id", "foreign_keys": [("promise", "promises", "id")]},
    ),
    "promise_events": (
        {"id": str, "promise": str, "date": str, "status": str, "reason": str, "evidence": str},
        {"pk": "id", "foreign_keys": [("promise", "promises", "id"), ("evidence", "evidence", "id")]},
    ),
    "tagged": (
        {"source": str, "fingerprint": str, "tagger_version": str, "tagged": str, "commitments": int},
        {"pk": "source"},
    ),
    "fetches": (
        {
            "key": str, "url": str, "sha256": str, "content_type": str, "etag": str,
            "last_modified": str, "fetched": str,
        },
        {"pk": "key"},
    ),
    "crawl_errors": (
        {
            "id": str, "run": int, "target": str, "url": str, "spider": str, "severity": str,
            "reason": str, "time": str,
        },
        {"pk": "id"},
    ),
    "crawl_runs": (
        {
            "id": int, "started": str, "finished": str, "target": str, "status": str,
            "requests": int, "bytes": int, "meetings": int, "documents_new": int,
            "documents_changed": int, "documents_unchanged": int, "documents_downloaded": int,
            "errors": int,
        },
        {"pk": "id"},
    ),
}


def open_db(path) -> sqlite_utils.Database:
    """Open (creating if needed) the promises database with every table in place."""
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create missing tables and add columns that a database made by an older version lacks."""
    for name, (columns, options) in TABLES.items():
        table = db[name]
        if not table.exists():
            table.create(columns, **options)
            continue
        for column, kind in columns.items():
            if column not in table.columns_dict:
                table.add_column(column, kind)
