"""`promises tag`: tag the texts in the database, incrementally, into the commitments table.

A source is one page of a document's current version, or one text field (description, decision,
minutes) of an agenda item. A source is tagged again only when its text changed or the tagger did.
"""

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Iterator

import sqlite_utils

from db import store
from pipeline.article_store import ARTICLE_KINDS
from pipeline.tagger import tag, tagger_version

ITEM_FIELDS = ("description", "decision", "minutes")


@dataclass
class Source:
    id: str
    text: str
    published: date | None
    council: str
    title: str
    url: str
    row: dict  # the columns that say where the text came from


def sources(db: sqlite_utils.Database) -> Iterator[Source]:
    """Every taggable text in the database."""
    pages = db.query("""
        select document_pages.id, document_pages.text, document_pages.page, document_pages.version,
               documents.id as document, documents.title, documents.url, documents.kind,
               coalesce(meetings.date, documents.published) as date, councils.name as council
        from document_pages join documents on documents.id = document_pages.document
        left join meetings on meetings.id = documents.meeting
        left join councils on councils.slug = documents.council
        where document_pages.version = documents.current_version""")
    for page in pages:
        yield Source(page["id"], page["text"] or "", _day(page["date"]), page["council"] or "", page["title"] or "",
                     page["url"] if page["kind"] in ARTICLE_KINDS else f"{page['url']}#page={page['page']}",
                     {"document": page["document"], "version": page["version"], "page": page["page"]})
    items = db.query("""
        select agenda_items.*, meetings.date, councils.name as council
        from agenda_items join meetings on meetings.id = agenda_items.meeting
        left join councils on councils.slug = meetings.council""")
    for item in items:
        for field in ITEM_FIELDS:
            if item[field]:
                yield Source(f"{item['id']}/{field}", item[field], _day(item["date"]), item["council"] or "",
                             item["title"] or "", item["url"], {"agenda_item": item["id"], "field": field})


def pending(db: sqlite_utils.Database, everything: bool = False) -> list[Source]:
    """The sources whose text or tagger changed since they were last tagged (all of them with everything)."""
    version = tagger_version()
    done = {row["source"]: row for row in db["tagged"].rows}
    return [
        source for source in sources(db)
        if everything or source.id not in done or done[source.id]["tagger_version"] != version
        or done[source.id]["fingerprint"] != _fingerprint(source.text)
    ]


def tag_source(db: sqlite_utils.Database, source: Source) -> int:
    """Replace the commitments of one source; returns how many were found."""
    version = tagger_version()
    found = tag(source.text, source.published, source.council, source.title)
    rows = [
        {
            "id": f"{source.id}@{item['start']}-{item['end']}", "source": source.id, **source.row,
            "start": item["start"], "end": item["end"], "text": item["text"], "kind": item["kind"],
            "is_send": int(item["is_send"]), "actor": item["actor"], "amount_gbp": item["amount_gbp"],
            "quantity_value": item["quantity"]["value"] if item["quantity"] else None,
            "quantity_unit": item["quantity"]["unit"] if item["quantity"] else None,
            "deadline": item["deadline"], "deadline_text": item["deadline_text"], "confidence": item["confidence"],
            "published": source.published.isoformat() if source.published else None, "url": source.url,
            "tagger_version": version,
        }
        for item in found
    ]
    with db.conn:
        db.conn.execute("delete from commitments where source = ?", [source.id])
        store.upsert(db, "commitments", rows)
        store.upsert(db, "tagged", [{"source": source.id, "fingerprint": _fingerprint(source.text),
                                     "tagger_version": version, "tagged": store.now(), "commitments": len(rows)}],
                     pk="source")
    return len(rows)


def _fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
