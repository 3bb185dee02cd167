"""From crawled items to database rows: the work behind the Scrapy item pipeline, as plain functions."""

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Callable

import sqlite_utils

from db import store
from pipeline.archive import archive_path
from pipeline.articles import ArticleRefused, extract_article
from pipeline.motions import is_motion_item, parse_motions
from pipeline.text import ExtractionError, extract_text


def store_council(db: sqlite_utils.Database, item) -> None:
    """Upsert a council."""
    store.upsert_council(db, asdict(item))


def store_committee(db: sqlite_utils.Database, item) -> None:
    """Upsert a committee."""
    store.upsert_committee(db, asdict(item))


def store_meeting(db: sqlite_utils.Database, item) -> None:
    """Upsert a meeting with its agenda items, and the motions found in them."""
    meeting = asdict(item)
    items = meeting.pop("items")
    store.upsert_meeting(db, meeting, items)
    for agenda_item in items:
        derive_motions(db, store.get_row(db, "agenda_items", agenda_item["id"]))


def store_full_minutes(db: sqlite_utils.Database, item) -> None:
    """Replace truncated minutes with the full text from the item page, and re-read its motions."""
    store.update_minutes(db, item.item_id, item.minutes)
    derive_motions(db, store.get_row(db, "agenda_items", item.item_id))


def store_recorded_votes(db: sqlite_utils.Database, item) -> str | None:
    """Add an agenda item's Recorded Vote rows, and re-read its motions with them; a problem, or None."""
    if not store.update_recorded_votes(db, item.agenda_item, item.votes):
        return f"recorded votes of agenda item {item.agenda_item}, which is not stored"
    derive_motions(db, store.get_row(db, "agenda_items", item.agenda_item))
    return None


def store_attendance(db: sqlite_utils.Database, item) -> None:
    """Replace a meeting's attendance rows (from its attendance page or the web service)."""
    council = item.meeting.split("/", 1)[0]
    rows = [
        {"id": f"{item.meeting}/{_person_key(row)}", "meeting": item.meeting,
         "member": member_key(council, row.get("member_id")), "name": row["name"], "role": row.get("role"),
         "attendance": row.get("attendance"), "party": row.get("party"), "ward": row.get("ward"),
         "url": row.get("url")}
        for row in item.attendees
    ]
    store.replace_attendance(db, item.meeting, list({row["id"]: row for row in rows}.values()))


def store_named_votes(db: sqlite_utils.Database, item) -> str | None:
    """Store how each councillor voted on an agenda item's recorded votes; a problem, or None."""
    agenda_item = store.get_row(db, "agenda_items", item.agenda_item)
    if agenda_item is None:
        return f"named votes of agenda item {item.agenda_item}, which is not stored"
    council = item.agenda_item.split("/", 1)[0]
    votes = [
        {**vote, "votes": [{"member": member_key(council, ballot.get("member_id")), "name": ballot["name"],
                            "vote": ballot["vote"]} for ballot in vote["votes"]]}
        for vote in item.votes
    ]
    store.store_named_votes(db, agenda_item, item.url, votes)
    return None


def store_member(db: sqlite_utils.Database, item) -> None:
    """Upsert a councillor (name, party, ward, roles and page only)."""
    member = asdict(item)
    store.upsert_member(db, {**member, "roles": "; ".join(member["roles"])})


def store_decision(db: sqlite_utils.Database, item) -> None:
    """Upsert a published decision and the documents it links to."""
    store.upsert_decision(
        db, {"id": item.id, "council": item.council, "decision_id": item.decision_id, "title": item.title,
             "url": item.url, **item.fields},
        [{"id": f"{item.id}/{link['document'].rsplit('/', 1)[-1]}", "decision": item.id, **link}
         for link in item.documents],
    )


def member_key(council: str, member_id: str | None) -> str | None:
    """The members-table id of a councillor, or None when the page gave no member id."""
    return f"{council}/u{member_id}" if member_id else None


def _person_key(row: dict) -> str:
    return f"u{row['member_id']}" if row.get("member_id") else store.name_slug(row["name"])


def derive_motions(db: sqlite_utils.Database, agenda_item: dict | None) -> None:
    """(Re)parse the motions of a motions item from its stored text."""
    if not agenda_item or not is_motion_item(agenda_item["title"] or ""):
        return
    motions = parse_motions(
        agenda_item["title"] or "", agenda_item["description"] or "",
        minutes=agenda_item["minutes"] or "", decision=agenda_item["decision"] or "",
        recorded_votes=json.loads(agenda_item["recorded_votes"] or "[]"),
    )
    store.replace_motions(db, agenda_item, [asdict(motion) for motion in motions])


def store_document(db: sqlite_utils.Database, item, record_error: Callable[..., None]) -> str:
    """Extract a fetched (and already archived) document's text by page and store it as a version.

    Returns "new", "changed" or "unchanged". An extraction failure is recorded with record_error
    and the document is kept, raw bytes included, with status "error".
    """
    sha256 = item.sha256
    existing = store.get_row(db, "documents", item.id)
    pages = error = None
    if not (existing and existing["sha256"] == sha256 and existing["status"] == "ok"):
        try:
            extracted = extract_text(item.body, item.content_type, item.url)
        except ExtractionError as failure:
            error = str(failure)
            record_error(item.url, error)
        else:
            pages = extracted.pages
            if extracted.warning:
                record_error(item.url, extracted.warning, "warning")
    document = {
        "id": item.id, "council": item.council, "meeting": item.meeting, "agenda_item": item.agenda_item,
        "title": item.title, "kind": item.kind, "url": item.url,
    }
    if existing:  # a document reached first from its meeting keeps that link when a decision reaches it
        document.update(meeting=document["meeting"] or existing["meeting"],
                        agenda_item=document["agenda_item"] or existing["agenda_item"])
    version = {
        "sha256": sha256, "size": len(item.body), "content_type": item.content_type, "url": item.url,
        "etag": item.etag, "last_modified": item.last_modified,
        "archive_path": str(archive_path(Path("archive"), sha256)),
    }
    return store.store_document(db, document, version, pages, error, existing)


def store_news_source(db: sqlite_utils.Database, item) -> None:
    """Upsert a council's news source (registry entry) with how its articles were found."""
    source = item.source
    store.upsert_news_source(db, {
        "id": f"{item.council}/{source['id']}", "council": item.council, "source": source["id"],
        "name": source.get("name") or source["id"], "organisation": source.get("organisation"),
        "kind": source.get("kind", "news"), "party": source.get("party"), "url": source.get("url"),
        "method": item.method, "verified": int(bool(source.get("verified"))), "last_crawled": store.now(),
    })


def store_article(db: sqlite_utils.Database, item, record_error: Callable[..., None]) -> str:
    """Extract a fetched article page and keep it as a copy; returns "new", "changed", "unchanged" or "refused".

    Copies become documents when the crawl ends (pipeline.article_store.collapse_articles), one per
    syndicated release. A paywall or consent wall is recorded as an error and stored as nothing (its raw
    bytes stay in the archive); an article with no date is kept, date unknown, with a warning.
    """
    existing = store.get_row(db, "article_copies", item.id)
    if existing and existing["sha256"] == item.sha256:
        store.touch_article_copy(db, item.id)
        return "unchanged"
    try:
        article = extract_article(item.body, item.url, item.content_type, item.hint_title,
                                  date.fromisoformat(item.hint_date) if item.hint_date else None, item.hint_source)
    except ArticleRefused as refusal:
        record_error(item.url, str(refusal))
        return "refused"
    if article.published is None:
        record_error(item.url, "no publication date on the page or in its feed, sitemap or listing: kept, date "
                               "unknown", "warning")
    source = item.source
    store.upsert_article_copy(db, {
        "id": item.id, "council": item.council, "source": f"{item.council}/{source['id']}",
        "kind": source.get("kind", "news"), "organisation": source.get("organisation"),
        "party": source.get("party"), "url": item.url, "title": article.title, "author": article.author,
        "published": article.published.isoformat() if article.published else None,
        "date_source": article.date_source, "text": article.text, "sha256": item.sha256,
        "content_type": item.content_type,
    })
    return "changed" if existing else "new"
