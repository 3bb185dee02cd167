"""The real spider crawling a local mirror of the real saved ModernGov files (tests/mirror.py)."""

import pytest

from db.schema import open_db
from demo.server import serve
from tests.conftest import run_promises
from tests.mirror import Mirror

pytestmark = pytest.mark.realworld
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")


@pytest.fixture(scope="module")
def mirror(tmp_path_factory):
    from tests.conftest import REALWORLD

    if not REALWORLD.is_dir():
        pytest.skip(f"{REALWORLD} is not here")
    site = Mirror(REALWORLD / "moderngov")
    with serve(site) as server:
        site.origin = server.url
        yield server, site


def crawl(mirror, tmp_path_factory, folder: str, *args):
    server, site = mirror
    data_dir = tmp_path_factory.mktemp(folder)
    result = run_promises("crawl", server.url + folder + "/", "--data-dir", str(data_dir), *args, *FAST)
    assert result.returncode == 0, result.stderr
    return open_db(data_dir / "promises.db"), server.url + folder + "/", result


@pytest.fixture(scope="module")
def kingston(mirror, tmp_path_factory):
    return crawl(mirror, tmp_path_factory, "kingston", "--committee", "711",
                 "--since", "2025-12-01", "--until", "2026-01-20")


@pytest.fixture(scope="module")
def manchester(mirror, tmp_path_factory):
    return crawl(mirror, tmp_path_factory, "manchester", "--since", "2026-01-01", "--until", "2026-03-01")


def rows(db, sql, *params):
    return [dict(row) for row in db.query(sql, params)]


def test_kingston_meetings_include_the_cancelled_one(kingston):
    db, _, _ = kingston
    meetings = {row["meeting_id"]: row for row in rows(db, "select * from meetings")}
    assert set(meetings) == {"10221", "10161"}
    assert meetings["10161"]["status"] == "cancelled"
    assert meetings["10221"]["date"] == "2026-01-15" and meetings["10221"]["time"] == "19:30"
    assert meetings["10221"]["listing"] == "Agenda, Decisions, Minutes"
    assert meetings["10221"]["source"] == "html"


def test_kingston_items_hold_decision_and_minutes_text(kingston):
    db, _, _ = kingston
    items = {row["number"]: row for row in rows(db, "select * from agenda_items where item_id != ''")}
    assert [str(n) for n in range(54, 66)] == sorted(items, key=int)
    petition = items["59"]
    assert "Manorgate" in petition["title"]
    assert petition["decision"] and petition["minutes"]
    assert sum(bool(row["decision"]) for row in items.values()) == 3


def test_kingston_recorded_vote_results_are_rows(kingston):
    db, _, _ = kingston
    votes = rows(db, "select * from recorded_votes")
    assert votes and all(vote["result"] for vote in votes)
    assert any("Manorgate" in vote["title"] and vote["result"] == "Carried" for vote in votes)


def test_kingston_printed_pdfs_and_reports_are_stored_with_text(kingston):
    db, _, _ = kingston
    kinds = {row["kind"] for row in rows(db, "select kind from documents where meeting like '%/10221'")}
    assert {"agenda", "minutes", "decisions", "report"} <= kinds
    petition = rows(db, "select * from documents where id like '%/s112217'")[0]
    assert petition["status"] == "ok" and petition["pages"] >= 1
    text = " ".join(r["text"] for r in rows(db, "select text from document_pages where document = ?", petition["id"]))
    assert "Manorgate" in text


def test_kingston_decisions_have_every_field(kingston):
    db, url, _ = kingston
    decisions = {row["decision_id"]: row for row in rows(db, "select * from decisions")}
    assert set(decisions) == {"13149", "13567"}, "the list's issue row is not a decision"
    minutes = decisions["13149"]
    assert minutes["title"] == "Minutes of Previous Meeting" and minutes["call_in"] == "No"
    assert minutes["status"] == "Recommendations Approved" and minutes["is_key"] == 0
    assert minutes["effective"] == "2025-11-03", "from the list: the page has no effective date"
    assert minutes["decided"] == "2015-10-19" and minutes["published"]
    assert minutes["meeting"].endswith("/20151019/4832") and minutes["issue_id"] == "6535"
    assert minutes["issue_url"].startswith(url) and minutes["decision"]
    demolition = decisions["13567"]
    assert demolition["decision_maker"].startswith("Service Director") and "\n" in demolition["decision"]
    documents = rows(db, "select documents.* from decision_documents join documents "
                         "on documents.id = decision_documents.document where decision = ?", minutes["id"])
    assert len(documents) == 1 and "%20" in documents[0]["url"] and documents[0]["kind"] == "decision"


def test_kingston_web_service_being_off_is_a_warning_and_html_is_read(kingston):
    db, _, _ = kingston
    warnings = rows(db, "select * from crawl_errors where url like '%mgWebService.asmx%'")
    assert len(warnings) == 1 and warnings[0]["severity"] == "warning" and "HTTP 404" in warnings[0]["reason"]


def test_kingston_pages_the_mirror_lacks_are_recorded_not_lost(kingston):
    db, _, _ = kingston
    missing = {row["url"].rsplit("/", 1)[1] for row in rows(db, "select url from crawl_errors where severity = 'error'")}
    assert "mgMeetingAttendance.aspx?ID=10221" in missing
    assert any(url.startswith("mgListRecordedVotesShort.aspx?AIID=51902") for url in missing)


def test_manchester_web_service_gives_meetings_items_and_attendees(manchester):
    db, _, _ = manchester
    meetings = {row["meeting_id"]: row for row in rows(db, "select * from meetings")}
    assert set(meetings) == {"4966", "4967"}
    assert meetings["4966"]["status"] == "cancelled" and meetings["4967"]["source"] == "xml"
    assert meetings["4967"]["title"].startswith("Audit Committee - Tuesday 10 February 2026 10:00 am")
    items = rows(db, "select * from agenda_items where meeting = ?", meetings["4967"]["id"])
    assert len(items) == 2 and all(item["number"] for item in items)
    assert any("minutes of the meeting" in item["minutes"].lower() for item in items)
    attendees = rows(db, "select * from attendance where meeting = ?", meetings["4967"]["id"])
    assert [(a["name"], a["party"], a["ward"], a["member"]) for a in attendees] == [
        ("Basil Curley", "LAB", "Charlestown", meetings["4967"]["council"] + "/u192")]


def test_manchester_linked_documents_are_fetched_from_the_mirror(manchester):
    db, url, _ = manchester
    documents = rows(db, "select * from documents where meeting like '%/4967'")
    assert {d["id"].rsplit("/", 1)[1] for d in documents} >= {"s60860", "s60909"}
    assert all(d["url"].startswith(url) and d["status"] == "ok" for d in documents)

