"""The web service and HTML paths give the same rows; an incremental re-crawl visits only what can have changed."""

from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

from db.schema import open_db
from demo import decisions as demo_decisions
from demo.server import serve
from demo.site import Response, Site, load_site
from demo.story import load_story
from tests.conftest import run_promises
from tests.test_crawl import FAST, Recording

MEETINGS = len(list(load_story().all_meetings()))
MEETING_COLUMNS = "id, committee, meeting_id, date, time, title, status, venue"
ITEM_COLUMNS = "id, meeting, position, number, item_id, title, description, decision, minutes, recorded_votes"


def crawl(site, data_dir, *args):
    with serve(site) as server:
        return crawl_served(server, data_dir, *args)


def crawl_served(server, data_dir, *args):
    result = run_promises("crawl", server.url, "--data-dir", str(data_dir), "--since", "2020-01-01", *args, *FAST)
    assert result.returncode == 0, result.stderr
    return open_db(data_dir / "promises.db")


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The demo council crawled through its HTML pages only, and through its web service."""
    html = crawl(Site(load_story()), tmp_path_factory.mktemp("html"), "--html-only")
    xml = crawl(load_site("demo"), tmp_path_factory.mktemp("xml"))
    return html, xml


def table(db, sql):
    """Rows with the council's slug (made from the server's port) replaced by "{council}"."""
    slug = next(db.query("select slug from councils"))["slug"]
    return sorted(tuple(value.replace(slug, "{council}") if isinstance(value, str) else value
                        for value in row.values()) for row in db.query(sql))


def test_paths_read_their_own_source(both):
    html, xml = both
    assert {row["source"] for row in html["meetings"].rows} == {"html"}
    assert {row["source"] for row in xml["meetings"].rows} == {"xml"}
    assert html["fetches"].count_where("key like '%mgWebService%'") == 0
    assert html["fetches"].count_where("key like '%mgAi.aspx%'") >= 1, "truncated minutes completed"


@pytest.mark.parametrize("sql", [
    f"select {MEETING_COLUMNS} from meetings",
    f"select {ITEM_COLUMNS} from agenda_items",
    "select id, title, type, result, votes_for, votes_against, abstentions from recorded_votes",
    "select id, recorded_vote, member, name, vote from member_votes",
    "select id, meeting, member, name, role, attendance from attendance",
    "select id, meeting, agenda_item, title, kind from documents",
    "select id, meeting, agenda_item, position, mover, seconder, text, outcome, votes_for from motions",
    "select id, name, party, ward, roles from members",
    "select id, title, decision_maker, status, is_key, published, decided, effective, decision, meeting from decisions",
])
def test_html_and_web_service_paths_store_the_same_rows(both, sql):
    html, xml = both
    rows = table(html, sql)
    assert rows and rows == table(xml, sql)


def test_web_service_attendees_carry_the_party_the_member_pages_give(both):
    _, xml = both
    rows = list(xml.query("select attendance.party, members.party as listed from attendance "
                          "join members on members.id = attendance.member"))
    assert rows and all(row["party"] == row["listed"] for row in rows)


def test_web_service_skips_restricted_documents(both):
    _, xml = both
    assert xml["documents"].count_where("title like 'Exempt appendix%'") == 0


@pytest.fixture(scope="module")
def incremental(tmp_path_factory):
    """A full crawl of the HTML site, one meeting's list entry made stale, then an incremental re-crawl."""
    data_dir = tmp_path_factory.mktemp("incremental")
    site = Recording(Site(load_story()))
    with serve(site) as server:
        db = crawl_served(server, data_dir, "--html-only")
        full = len(site.requests)
        stale = next(db.query("select * from meetings where listing like '%Minutes%' order by date desc limit 1"))
        with db.conn:
            db.conn.execute("update meetings set listing = 'Agenda' where id = ?", [stale["id"]])
        before = {table: db[table].count for table in db.table_names() if table not in ("crawl_runs", "fetches")}
        site.requests.clear()
        db = crawl_served(server, data_dir, "--html-only", "--incremental")
    return db, full, [unquote(target) for target, _ in site.requests], stale, before


def test_incremental_recrawl_makes_far_fewer_requests(incremental):
    db, full, again, _, _ = incremental
    runs = list(db.query("select requests from crawl_runs order by id"))
    assert len(again) * 4 < full
    assert runs[1]["requests"] < runs[0]["requests"]


def test_incremental_recrawl_revisits_a_meeting_whose_listing_changed(incremental):
    db, _, again, stale, _ = incremental
    meeting_pages = [target for target in again if "ieListDocuments.aspx" in target]
    assert meeting_pages == [f"/ieListDocuments.aspx?CId={stale['committee'].rsplit('c', 1)[1]}"
                             f"&MId={stale['meeting_id']}&Ver=4"]
    assert db["meetings"].get(stale["id"])["listing"] == stale["listing"]


def test_incremental_recrawl_loses_no_rows(incremental):
    db, _, _, _, before = incremental
    after = {table: db[table].count for table in db.table_names() if table not in ("crawl_runs", "fetches")}
    assert after == before and after["meetings"] == MEETINGS


class Overloaded(Recording):
    """The demo site, failing (HTTP 500) any decisions list asked for more than `limit_days` at once."""

    def __init__(self, site, limit_days: int):
        super().__init__(site)
        self.limit_days = limit_days

    def get(self, target, headers=None):
        window = demo_decisions.date_range(dict(parse_qsl(urlsplit(target).query)).get("DR", ""))
        if "mgDelegatedDecisions" in target and window and demo_decisions.too_long(*window, self.limit_days):
            self.requests.append((target, dict(headers or {})))
            return Response(500, {"Content-Type": "text/html"}, b"<html><body>Request timed out</body></html>")
        return super().get(target, headers)


def test_decision_ranges_that_fail_are_asked_for_in_halves(tmp_path):
    site = Overloaded(load_site("demo"), limit_days=60)
    db = crawl(site, tmp_path)
    assert db["decisions"].count == len(demo_decisions.decisions(site.site.council))
    halved = db["crawl_errors"].count_where("severity = 'warning' and reason like '%asking for the range in halves'")
    assert halved >= 10 and db["crawl_errors"].count_where("severity = 'error'") == 0


def test_a_meeting_the_web_service_fails_is_read_from_its_page(tmp_path):
    site = Recording(load_site("demo"))
    site.answers["mgWebService.asmx/GetMeeting"] = Response(200, {"Content-Type": "text/html"}, b"<html>Busy</html>")
    db = crawl(site, tmp_path)
    assert db["meetings"].count == MEETINGS and {row["source"] for row in db["meetings"].rows} == {"html"}
    warnings = list(db["crawl_errors"].rows_where("reason like '%reading the meeting page instead'"))
    assert len(warnings) == MEETINGS and all("GetMeeting?lMeetingId=" in row["url"] for row in warnings)
    assert db["crawl_errors"].count_where("severity = 'error'") == 0


def test_incremental_web_service_crawl_revisits_what_whats_new_names(tmp_path):
    site = Recording(load_site("demo"))
    whats_new = ('<html><body><div id="modgov"><ul class="mgBulletList"><li><a href="ieListDocuments.aspx?'
                 'CId=121&amp;MId=3655&amp;Ver=4">Cabinet, 17 Jul 2023</a></li></ul></div></body></html>')
    with serve(site) as server:
        crawl_served(server, tmp_path)
        site.answers["mgWhatsNew.aspx"] = Response(200, {"Content-Type": "text/html"}, whats_new.encode())
        site.requests.clear()
        db = crawl_served(server, tmp_path, "--incremental")
    again = [unquote(target) for target, _ in site.requests]
    assert [t for t in again if "GetMeeting?" in t] == ["/mgWebService.asmx/GetMeeting?lMeetingId=3655"]
    assert sum("GetMeetings?" in t for t in again) >= 5, "the whole window is listed, a year a request"
    assert len(again) < 30 and db["meetings"].count == MEETINGS
