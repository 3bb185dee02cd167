"""The database layer and the archive: upserts never duplicate, versions are kept, nothing is lost."""

import pytest

from db import store
from db.build import build_database
from db.schema import open_db
from pipeline.archive import archive_bytes, archive_path, read_archived


COUNCIL = {"slug": "c", "name": "C County Council", "platform": "moderngov", "base_url": "https://c/"}


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "promises.db")
    store.upsert_council(db, COUNCIL)
    return db


def meeting(**changes):
    return {"id": "c/20231212/5", "council": "c", "committee": None, "meeting_id": "5", "date": "2023-12-12",
            "time": "10:00", "title": "County Council", "status": "held", "venue": "Hall", "url": "u", **changes}


def item(**changes):
    return {"id": "c/20231212/5/ai9", "meeting": "c/20231212/5", "position": 1, "number": "9", "item_id": "9",
            "title": "Motions", "description": "d", "decision": "", "minutes": "full text", "minutes_truncated": 0,
            "recorded_votes": [], "url": "u#AI9", **changes}


def save(db, data: bytes, pages, error=None):
    """store_document as the item pipeline calls it, with the row as it stands."""
    return store.store_document(db, DOCUMENT, version(data), pages, error, store.get_row(db, "documents", DOCUMENT["id"]))


def version(data: bytes, **changes):
    import hashlib
    return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "content_type": "application/pdf",
            "url": "u", "etag": None, "last_modified": None, "archive_path": "a", **changes}


DOCUMENT = {"id": "c/s1", "council": "c", "meeting": None, "agenda_item": None, "title": "Report",
            "kind": "report", "url": "u"}


def test_archive_stores_bytes_once_under_their_sha256(tmp_path):
    first = archive_bytes(tmp_path, b"hello")
    assert archive_bytes(tmp_path, b"hello") == first
    assert archive_path(tmp_path, first).read_bytes() == b"hello"
    assert read_archived(tmp_path, first) == b"hello"
    assert read_archived(tmp_path, "0" * 64) is None
    assert len(list(tmp_path.rglob("*"))) == 3  # two folder levels and one file


def test_upserting_a_meeting_twice_keeps_one_row_and_first_seen(db):
    store.upsert_meeting(db, meeting(), [item()])
    first_seen = db["meetings"].get("c/20231212/5")["first_seen"]
    store.upsert_meeting(db, meeting(status="held", venue="New hall"), [item()])
    assert db["meetings"].count == 1 and db["agenda_items"].count == 1
    row = db["meetings"].get("c/20231212/5")
    assert row["venue"] == "New hall" and row["first_seen"] == first_seen


def test_truncated_minutes_do_not_overwrite_full_minutes(db):
    store.upsert_meeting(db, meeting(), [item(minutes="short ...", minutes_truncated=1)])
    store.update_minutes(db, "c/20231212/5/ai9", "the whole text")
    store.upsert_meeting(db, meeting(), [item(minutes="short ...", minutes_truncated=1)])
    row = db["agenda_items"].get("c/20231212/5/ai9")
    assert row["minutes"] == "the whole text" and row["minutes_truncated"] == 0


@pytest.mark.parametrize("second, expected", [(b"one", "unchanged"), (b"two", "changed")])
def test_document_change_is_told_by_its_bytes(db, second, expected):
    assert save(db, b"one", ["p1"]) == "new"
    assert save(db, second, ["p1"] if expected == "changed" else None) == expected


def test_changed_document_keeps_old_version_and_its_pages(db):
    save(db, b"one", ["old page one", "old page two"])
    save(db, b"two", ["new page"])
    assert db["document_versions"].count == 2
    assert db["document_pages"].count == 3
    current = db["documents"].get("c/s1")
    assert current["pages"] == 1 and current["current_version"].endswith(version(b"two")["sha256"][:16])


def test_failed_extraction_keeps_the_document_with_its_error(db):
    save(db, b"%PDF-broken", None, "corrupt PDF (Data format error)")
    row = db["documents"].get("c/s1")
    assert row["status"] == "error" and row["error"].startswith("corrupt PDF")
    assert db["document_versions"].count == 1


def test_same_error_twice_is_one_row(db):
    for run in (1, 2):
        store.record_error(db, run, "c", "c:documents/s1/x.pdf", "http://h/documents/s1/x.pdf", "moderngov", "HTTP 404")
    rows = list(db["crawl_errors"].rows)
    assert len(rows) == 1 and rows[0]["run"] == 2


def test_build_creates_search_and_views_and_can_run_twice(tmp_path):
    db = open_db(tmp_path / "promises.db")
    store.upsert_council(db, COUNCIL)
    store.upsert_meeting(db, meeting(), [item(minutes="the council will open 200 special school places")])
    save(db, b"one", ["eighty caseworkers by September"])
    for _ in range(2):
        build_database(tmp_path / "promises.db")
    db = open_db(tmp_path / "promises.db")
    hits = list(db.query("select rowid from agenda_items_fts where agenda_items_fts match 'special'"))
    assert len(hits) == 1
    pages = list(db.query("select * from document_text where text like '%caseworkers%'"))
    assert len(pages) == 1
    assert {"meeting_overview", "motion_outcomes", "document_text"} <= set(db.view_names())
