"""The item pipeline's plain functions (pipeline.records), called directly on a real SQLite file."""

import hashlib

import pytest

from db import store
from db.build import build_database
from db.schema import open_db
from pipeline import records
from scrapers.items import (
    AttendanceItem,
    DecisionItem,
    DocumentItem,
    MeetingItem,
    MinutesItem,
    NamedVotesItem,
)


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


VOTES = [{"title": "Motion: SEND units", "type": "Resolution", "text": "", "result": "Carried"},
         {"title": "Amendment: timetable", "type": "Amendment", "text": "", "result": "Lost"}]


def stored_meeting(db, votes) -> None:
    records.store_meeting(db, MeetingItem(**{**meeting().__dict__, "items": [{**MOTION, "recorded_votes": votes}]}))


def test_a_recorded_vote_the_page_no_longer_shows_goes_with_its_named_votes(db):
    stored_meeting(db, VOTES)
    records.store_named_votes(db, NamedVotesItem(agenda_item=MOTION["id"], url="v", votes=[
        {"title": "Amendment: timetable", "status": "Rejected", "votes": [
            {"member_id": "7", "name": "A Cole", "vote": "against"}]}]))
    amendment = db["recorded_votes"].get(MOTION["id"] + "/v2")
    assert (amendment["votes_against"], amendment["result"], amendment["position"]) == (1, "Lost", 2)
    stored_meeting(db, VOTES[:1])
    assert [row["title"] for row in db["recorded_votes"].rows] == ["Motion: SEND units"]
    assert db["member_votes"].count == 0


def test_named_votes_of_an_unstored_item_are_reported_not_lost_silently(db):
    problem = records.store_named_votes(db, NamedVotesItem(agenda_item="c/20990101/1/ai1", url="v", votes=[]))
    assert problem and "not stored" in problem


def test_attendance_is_replaced_not_added_to(db):
    stored_meeting(db, [])
    first = [{"member_id": "7", "name": "A Cole", "role": "Chair", "attendance": "present"},
             {"member_id": None, "name": "B Dray", "role": "", "attendance": "apologies"}]
    records.store_attendance(db, AttendanceItem(meeting="c/20231212/5", attendees=first))
    records.store_attendance(db, AttendanceItem(meeting="c/20231212/5", attendees=first[:1]))
    assert [(row["id"], row["member"]) for row in db["attendance"].rows] == [("c/20231212/5/u7", "c/u7")]


def test_a_document_reached_again_through_a_decision_keeps_its_meeting(db):
    stored_meeting(db, [])
    records.store_document(db, document(b"text", meeting="c/20231212/5", content_type="text/plain"), print)
    records.store_document(db, document(b"text", content_type="text/plain"), print)
    assert db["documents"].get("c/s1")["meeting"] == "c/20231212/5"


def test_build_links_a_decision_only_document_to_the_decision_meeting(tmp_path, db):
    stored_meeting(db, [])
    records.store_document(db, document(b"text", content_type="text/plain"), print)
    records.store_decision(db, DecisionItem(id="c/d3", council="c", decision_id="3", title="SEND units", url="d",
                                            fields={"meeting": "c/20231212/5"},
                                            documents=[{"document": "c/s1", "title": "Report", "url": "r"}]))
    build_database(tmp_path / "promises.db")
    assert db["documents"].get("c/s1")["meeting"] == "c/20231212/5"


def test_a_meeting_reached_without_a_list_entry_keeps_the_one_it_had(db):
    records.store_meeting(db, MeetingItem(**{**meeting().__dict__, "listing": "Agenda, Minutes"}))
    records.store_meeting(db, meeting())
    assert db["meetings"].get("c/20231212/5")["listing"] == "Agenda, Minutes"
