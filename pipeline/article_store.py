"""Article copies to documents: one document per release, however many sites carried it.

A crawl keeps every article page it read as a row of `article_copies`. When it ends, copies whose texts
are near-duplicates (pipeline.syndication) are grouped, and each group is one document: the copy published
first (then the first URL) gives its id, title and text, the earliest date is its date, and every copy's
row names it. A group keeps its document id when later copies join it, so promise ids stay put.
"""

from pathlib import Path

import sqlite_utils

from db import store
from pipeline.archive import archive_path
from pipeline.syndication import group_copies

ARTICLE_KINDS = ("press_release", "news")
_UNDATED = "9999-12-31"


def collapse_articles(db: sqlite_utils.Database) -> dict[str, int]:
    """Group the stored copies into documents (idempotent); returns counts of copies, documents, copies
    that joined another's document (syndicated) and documents dropped because their copies joined another."""
    copies = {row["id"]: row for row in db.query("select * from article_copies")}
    groups = group_copies({key: copy["text"] or "" for key, copy in copies.items()})
    known = {row["id"] for row in db.query(
        f"select id from documents where kind in ({', '.join('?' * len(ARTICLE_KINDS))})", ARTICLE_KINDS)}
    heads = set()
    for group in groups:
        members = [copies[key] for key in group]
        head = _head(members, known)
        heads.add(head["id"])
        _store_document(db, head, members)
    dropped = sorted(known - heads)
    _drop_documents(db, dropped)
    return {"copies": len(copies), "documents": len(groups), "syndicated": len(copies) - len(groups),
            "dropped": len(dropped)}


def _head(members: list[dict], known: set[str]) -> dict:
    """The copy whose id the group's document has: the one already stored, else the first published."""
    stored = [copy for copy in members if copy["id"] in known]
    return min(stored or members, key=lambda copy: (copy["published"] or _UNDATED, copy["url"]))


def _store_document(db: sqlite_utils.Database, head: dict, members: list[dict]) -> None:
    dates = [copy["published"] for copy in members if copy["published"]]
    document = {
        "id": head["id"], "council": head["council"], "meeting": None, "agenda_item": None,
        "title": head["title"], "kind": head["kind"], "url": head["url"], "published": min(dates, default=None),
        "organisation": head["organisation"], "party": head["party"], "author": head["author"],
        "copies": len(members),
    }
    text = f"{head['title']}\n\n{head['text']}" if head["title"] else head["text"]
    version = {
        "sha256": head["sha256"], "size": len(text.encode()), "content_type": head["content_type"],
        "url": head["url"], "etag": None, "last_modified": None,
        "archive_path": str(archive_path(Path("archive"), head["sha256"])),
    }
    store.store_document(db, document, version, [text], None, store.get_row(db, "documents", head["id"]))
    with db.conn:
        db.conn.executemany("update article_copies set document = ? where id = ?",
                            [(head["id"], copy["id"]) for copy in members])


def _drop_documents(db: sqlite_utils.Database, ids: list[str]) -> None:
    """Remove documents whose copies now belong to another's, with their pages and commitments."""
    with db.conn:
        for document in ids:
            db.conn.execute("delete from tagged where source in (select id from document_pages where document = ?)",
                            [document])
            for table, column in (("commitments", "document"), ("document_pages", "document"),
                                  ("document_versions", "document"), ("documents", "id")):
                db.conn.execute(f"delete from [{table}] where [{column}] = ?", [document])
