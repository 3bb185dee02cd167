"""The item pipeline's plain functions (pipeline.records), called directly on a real SQLite file."""

import hashlib

import pytest

from db import store
from db.schema import open_db
from pipeline import records
from scrapers.items import DocumentItem, MeetingItem, MinutesItem


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "promises.db")
    store.upsert_council(db, {"slug": "c", "name": "C County Council", "platform": "moderngov", "base_url": "https://c/"})
    return db


def document(body: bytes, **fields) -> DocumentItem:
    return DocumentItem(**{
        "id": "c/s1", "council": "c", "meeting": None, "agenda_item": None, "title": "Report", "kind": "report",
        "url": "https://c/documents/s1/Report.pdf", "body": body, "sha256": hashlib.sha256(body).hexdigest(),
        "content_type": "application/pdf", "etag": None, "last_modified": None, **fields})


MOTION = {
    "id": "c/20231212/5/ai9", "meeting": "c/20231212/5", "position": 1, "number": "9", "item_id": "9",
    "title": "Notice of Motions", "decision": "", "minutes_truncated": 1, "recorded_votes": [], "url": "u#AI9",
    "description": 'A Cole to move (Seconder: B Dray): - "Council asks the Cabinet to open two SEND units by 2026."',
    "minutes": "The motion was put to the vote and was ...",
}


def meeting() -> MeetingItem:
    return MeetingItem(id="c/20231212/5", council="c", committee=None, meeting_id="5", date="2023-12-12",
                       time="10:00", title="County Council", status="held", venue=None, url="u", items=[MOTION])


@pytest.mark.parametrize("body, reason", [(b"%PDF-1.4\nrubbish", "corrupt PDF"), (b"", "empty file")])
def test_document_that_cannot_be_read_is_kept_and_reported(db, body, reason):
    reported = []
    change = records.store_document(db, document(body), lambda url, why, *rest: reported.append(why))
    assert change == "new"
    assert len(reported) == 1 and reason in reported[0]
    row = store.get_row(db, "documents", "c/s1")
    assert row["status"] == "error" and reason in row["error"]


def test_unchanged_readable_document_is_not_extracted_again(db):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="The council will open two units.")
    body = bytes(pdf.output())
    assert records.store_document(db, document(body), lambda *a: None) == "new"
    db.conn.execute("update document_pages set text = 'marker'")
    assert records.store_document(db, document(body), lambda *a: None) == "unchanged"
    assert [row["text"] for row in db["document_pages"].rows] == ["marker"]


def test_motions_are_read_again_when_full_minutes_arrive(db):
    records.store_meeting(db, meeting())
    (motion,) = db["motions"].rows
    assert motion["mover"] == "A Cole" and motion["outcome"] is None
    records.store_full_minutes(db, MinutesItem(item_id=MOTION["id"],
                                               minutes="The motion was put to the vote and was CARRIED."))
    (motion,) = db["motions"].rows
    assert motion["outcome"] == "carried"
