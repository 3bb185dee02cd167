"""End-to-end crawls: `promises` in a subprocess against real HTTP servers on 127.0.0.1."""

import hashlib
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from db.schema import open_db
from demo.faults import FAULTS, GOOD_DOCUMENTS
from demo.server import serve
from demo.site import Response, Site, load_site
from demo.story import load_story
from tests.conftest import run_promises

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_START_DELAY=0", "-s", "PROMISES_PROGRESS_INTERVAL=0"]


def demo_run(data_dir):
    result = run_promises("demo", "--no-serve", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    return open_db(data_dir / "promises.db")


def last_run(db, target: str = "demoshire") -> dict:
    return next(db.query("select * from crawl_runs where target = ? order by id desc limit 1", [target]))


def counts(db) -> dict:
    """Rows by table, the last meetings and news runs, and the documents of meetings only."""
    return {table: db[table].count for table in db.table_names()} | {
        "run": last_run(db), "news_run": last_run(db, "demoshire/news"),
        "meeting_documents": db["documents"].count_where("kind not in ('press_release', 'news')")}


@pytest.fixture(scope="module")
def demo_twice(tmp_path_factory):
    """The demo database after one run, with its counts; then after a second run on the same folder."""
    data_dir = tmp_path_factory.mktemp("demo")
    first = counts(demo_run(data_dir))
    db = demo_run(data_dir)
    return db, first, counts(db)


def test_demo_holds_meetings_of_three_committees_with_items(demo_twice):
    db, first, _ = demo_twice
    assert first["meetings"] >= 9
    assert db["committees"].count >= 3
    assert first["agenda_items"] >= 30
    statuses = {row["status"] for row in db["meetings"].rows}
    assert "cancelled" in statuses


def test_demo_motions_carry_their_outcomes(demo_twice):
    db, _, _ = demo_twice
    outcomes = {row["outcome"] for row in db.query(
        "select outcome from motions join meetings on meetings.id = motions.meeting where meetings.date = '2023-12-12'")}
    assert {"carried", "lost"} <= outcomes
    carried = next(db.query("select * from motions where outcome = 'carried' and votes_for is not null"))
    assert carried["mover"] and carried["seconder"] and carried["votes_for"] > carried["votes_against"]


def test_demo_pdfs_have_text_by_page(demo_twice):
    db, _, _ = demo_twice
    pdfs = list(db.query("select * from documents where content_type = 'application/pdf' and status = 'ok'"))
    assert len(pdfs) >= 3
    longest = max(pdfs, key=lambda row: row["pages"])
    assert longest["pages"] >= 3
    pages = [row["page"] for row in db["document_pages"].rows_where("version = ?", [longest["current_version"]])]
    assert pages == list(range(1, longest["pages"] + 1))
    hits = list(db.query("select * from document_pages where text like '%£8 million%'"))
    assert hits


def test_demo_minutes_are_whole_from_the_web_service(demo_twice):
    db, _, _ = demo_twice
    assert db["agenda_items"].count_where("minutes_truncated = 1") == 0
    assert db["fetches"].count_where("key like '%mgAi.aspx%'") == 0, "the web service never truncates minutes"


def test_demo_first_run_counts_every_document_as_new_without_errors(demo_twice):
    db, first, _ = demo_twice
    run = first["run"]
    assert run["documents_new"] == first["meeting_documents"] > 0
    assert run["errors"] == 0 and run["status"] == "finished"
    assert run["requests"] > run["documents_new"] and run["bytes"] > 0
    news = first["news_run"]
    assert news["documents_new"] == first["article_copies"] == 12 and news["errors"] == 0


def test_second_demo_run_downloads_no_document_body(demo_twice):
    _, first, second = demo_twice
    for run, copies in ((second["run"], first["meeting_documents"]), (second["news_run"], first["article_copies"])):
        assert (run["documents_new"], run["documents_changed"], run["documents_downloaded"]) == (0, 0, 0)
        assert run["documents_unchanged"] == copies


def test_second_demo_run_adds_no_rows(demo_twice):
    _, first, second = demo_twice
    for table in ("meetings", "agenda_items", "motions", "documents", "document_versions", "document_pages",
                  "crawl_errors", "committees", "recorded_votes", "member_votes", "members", "attendance",
                  "decisions", "decision_documents", "article_copies", "news_sources"):
        assert second[table] == first[table], table
    assert second["crawl_runs"] == first["crawl_runs"] + 2  # meetings and news


def test_demo_meetings_come_from_the_web_service_with_printed_pdfs_and_votes(demo_twice):
    db, _, _ = demo_twice
    assert {row["source"] for row in db["meetings"].rows} == {"xml"}
    assert db["documents"].count_where("kind = 'minutes'") >= 5, "printed minutes come from the meeting pages"
    assert db["recorded_votes"].count_where("result = 'Carried'") >= 2


def test_demo_attendance_has_party_ward_and_status(demo_twice):
    db, _, _ = demo_twice
    rows = list(db.query("select attendance.*, members.party as member_party from attendance "
                         "join members on members.id = attendance.member"))
    assert rows and all(row["party"] == row["member_party"] and row["ward"] for row in rows)
    assert {"present", "apologies", "absent"} <= {row["attendance"] for row in rows}


def test_demo_named_votes_add_up_to_the_recorded_result(demo_twice):
    db, _, _ = demo_twice
    votes = list(db["recorded_votes"].rows_where("votes_for is not null"))
    assert len(votes) == db["recorded_votes"].count >= 4
    for vote in votes:
        named = {row["vote"]: row["n"] for row in db.query(
            "select vote, count(*) as n from member_votes where recorded_vote = ? group by vote", [vote["id"]])}
        assert named.get("for", 0) == vote["votes_for"] and named.get("against", 0) == vote["votes_against"]
        assert (vote["votes_for"] > vote["votes_against"]) == (vote["result"] == "Carried"), vote["title"]


def test_demo_members_are_stored_without_addresses_or_phones(demo_twice):
    db, _, _ = demo_twice
    members = {row["name"]: row for row in db["members"].rows}
    assert len(members) >= 16 and all(row["party"] and row["ward"] for row in members.values())
    assert "Leader of the Council" in members["Gareth Pellow"]["roles"]
    listed = yaml.safe_load(Path("demo/members.yml").read_text())
    secrets = [part.strip() for person in listed["demoshire"] for key in ("home_address", "phone", "mobile")
               for part in str(person.get(key) or "").split(",") if any(c.isdigit() for c in part)]
    assert len(secrets) >= 6
    data_dir = Path(db.conn.execute("pragma database_list").fetchone()[2]).parent
    stored = b"".join(path.read_bytes() for path in data_dir.rglob("*") if path.is_file())
    assert not [secret for secret in secrets if secret.encode() in stored]


def test_demo_decisions_carry_their_fields_and_links(demo_twice):
    db, _, _ = demo_twice
    decisions = {row["decision_id"]: row for row in db["decisions"].rows}
    assert len(decisions) >= 5
    key = next(row for row in decisions.values() if row["is_key"] == 1)
    assert key["decision_maker"] == "Cabinet" and key["decided"] < key["published"] <= key["effective"]
    assert db["meetings"].count_where("id = ?", [key["meeting"]]) == 1, "decided at a crawled meeting"
    assert key["issue_id"] and key["decision"].startswith("RESOLVED")
    officer = next(row for row in decisions.values() if row["meeting"] is None)
    assert officer["decision_maker"] and officer["purpose"]
    links = list(db["decision_documents"].rows)
    assert links and all(db["documents"].count_where("id = ?", [link["document"]]) for link in links)


# Bad input: each fault leaves one crawl_errors row and everything else is stored.

@pytest.fixture(scope="module")
def faults_crawl(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("faults")
    with serve(load_site("faults", slow_seconds=3)) as server:
        result = run_promises(
            "crawl", server.url, "--data-dir", str(data_dir), "--since", "2020-01-01", "--max-document-mb", "1",
            *FAST, "-s", "DOWNLOAD_TIMEOUT=1", "-s", "RETRY_TIMES=1",
        )
        assert result.returncode == 0, result.stderr
        return open_db(data_dir / "promises.db"), server.url, result


@pytest.mark.parametrize("fault, reason", [
    ("404", "HTTP 404"),
    ("500", "HTTP 500"),
    ("slow", "timeout"),
    ("redirect_loop", "redirect loop"),
    ("corrupt_pdf", "corrupt PDF"),
    ("encrypted_pdf", "encrypted PDF"),
    ("empty_pdf", "empty file"),
    ("cp1252_html", "windows-1252"),
    ("oversize", "size cap"),
    ("malformed_page", "no #modgov"),
])
def test_each_fault_gives_one_crawl_error_row(faults_crawl, fault, reason):
    db, base_url, _ = faults_crawl
    rows = list(db["crawl_errors"].rows_where("url = ?", [base_url + FAULTS[fault].replace(" ", "%20")]))
    assert len(rows) == 1, rows
    assert reason in rows[0]["reason"]
    assert rows[0]["spider"] == "moderngov" and rows[0]["time"]


def test_faults_crawl_keeps_everything_else(faults_crawl):
    db, base_url, _ = faults_crawl
    assert db["meetings"].count == 2  # the malformed third page is the only one missing
    good = {row["url"] for row in db["documents"].rows_where("status = 'ok'")}
    assert {base_url + path.replace(" ", "%20") for path in GOOD_DOCUMENTS} <= good
    assert db["crawl_errors"].count == len(FAULTS) + 1
    assert db["crawl_errors"].count_where("reason like 'web service unavailable (HTTP 404)%'") == 1, "none here"


def test_windows_1252_document_text_is_decoded_not_lost(faults_crawl):
    db, base_url, _ = faults_crawl
    document = next(db["documents"].rows_where("url = ?", [base_url + FAULTS["cp1252_html"].replace(" ", "%20")]))
    text = next(db["document_pages"].rows_where("document = ?", [document["id"]]))["text"]
    assert "£8 million" in text and "council’s" in text


def test_corrupt_pdf_keeps_its_raw_bytes(faults_crawl):
    db, base_url, _ = faults_crawl
    document = next(db["documents"].rows_where("url = ?", [base_url + FAULTS["corrupt_pdf"].replace(" ", "%20")]))
    assert document["status"] == "error" and document["size"] > 0
    assert db["document_versions"].count_where("document = ?", [document["id"]]) == 1


def test_crawl_prints_a_summary(faults_crawl):
    _, _, result = faults_crawl
    summary = result.stderr.strip().splitlines()[-1]
    assert "requests" in summary and "errors" in summary and "documents" in summary


def test_resume_continues_an_interrupted_crawl(tmp_path):
    with serve(load_site("demo")) as server:
        common = ("crawl", server.url, "--data-dir", str(tmp_path), "--since", "2020-01-01", *FAST)
        stopped = run_promises(*common, "-s", "CLOSESPIDER_PAGECOUNT=6")
        assert stopped.returncode == 0, stopped.stderr
        resumed = run_promises(*common, "--resume")
        assert resumed.returncode == 0, resumed.stderr
        fresh_dir = tmp_path / "fresh"
        fresh = run_promises("crawl", server.url, "--data-dir", str(fresh_dir), "--since", "2020-01-01", *FAST)
        assert fresh.returncode == 0, fresh.stderr
    db, whole = open_db(tmp_path / "promises.db"), open_db(fresh_dir / "promises.db")
    runs = list(db.query("select * from crawl_runs order by id"))
    assert runs[0]["status"] == "closespider_pagecount"
    assert runs[1]["requests"] < last_run(whole, runs[0]["target"])["requests"], "the resumed crawl did not start over"
    for table in ("meetings", "agenda_items", "documents"):
        assert db[table].count == whole[table].count, table


def test_crawl_of_an_unknown_slug_is_a_usage_error(tmp_path):
    result = run_promises("crawl", "atlantis", "--data-dir", str(tmp_path))
    assert result.returncode == 2 and "unknown council 'atlantis'" in result.stderr


class Recording:
    """A demo site that remembers each request's target and headers, and can be given other answers."""

    def __init__(self, site):
        self.site, self.requests, self.answers = site, [], {}

    def get(self, target, headers=None):
        self.requests.append((target, dict(headers or {})))
        answer = self.answers.get(unquote(urlsplit(target).path).lstrip("/"))
        return answer or self.site.get(target, headers)


REPORT = "documents/s14210/SEND Strategy 2022-25 Panel Report.pdf"


def crawl(server, data_dir):
    result = run_promises("crawl", server.url, "--data-dir", str(data_dir), "--since", "2020-01-01", *FAST)
    assert result.returncode == 0, result.stderr
    return open_db(data_dir / "promises.db")


def test_crawler_names_itself_and_obeys_robots_txt(tmp_path):
    site = Recording(Site(load_story()))  # the HTML pages link documents by their path
    site.answers["robots.txt"] = Response(200, {"Content-Type": "text/plain"},
                                          f"User-agent: *\nDisallow: /{REPORT}\n".encode())
    with serve(site) as server:
        db = crawl(server, tmp_path)
    agents = {headers.get("User-Agent") for _, headers in site.requests}
    assert len(agents) == 1 and agents.pop().startswith("CouncilPromises/")
    assert not any(unquote(target).lstrip("/").startswith(REPORT) for target, _ in site.requests)
    (row,) = db["crawl_errors"].rows_where("url like ?", ["%s14210%"])
    assert "Forbidden by robots.txt" in row["reason"]


def test_changed_document_becomes_a_new_version_and_the_old_one_is_kept(tmp_path):
    site = Recording(Site(load_story()))
    with serve(site) as server:
        crawl(server, tmp_path)
        original = site.site.get(REPORT)
        revised = original.body + b"%% revised\n"
        headers = {**original.headers, "ETag": f'"{hashlib.sha256(revised).hexdigest()[:16]}"'}
        site.answers[REPORT] = Response(200, headers, revised)
        db = crawl(server, tmp_path)
    run = next(db.query("select * from crawl_runs order by id desc limit 1"))
    assert (run["documents_new"], run["documents_changed"], run["documents_downloaded"]) == (0, 1, 1)
    (document,) = db["documents"].rows_where("url like ?", ["%s14210%"])
    versions = list(db["document_versions"].rows_where("document = ?", [document["id"]]))
    assert len(versions) == 2
    assert document["sha256"] == hashlib.sha256(revised).hexdigest()
    assert db["document_pages"].count_where("document = ?", [document["id"]]) == 2 * document["pages"]


def test_gzip_encoded_document_is_archived_and_extracted_decoded(tmp_path):
    import gzip

    from pipeline.archive import read_archived

    site = Recording(Site(load_story()))
    original = site.site.get(REPORT)
    site.answers[REPORT] = Response(200, {**original.headers, "Content-Encoding": "gzip"}, gzip.compress(original.body))
    with serve(site) as server:
        db = crawl(server, tmp_path)
    (document,) = db["documents"].rows_where("url like ?", ["%s14210%"])
    assert document["status"] == "ok" and document["pages"] >= 1
    assert document["size"] == len(original.body)
    assert read_archived(tmp_path / "archive", document["sha256"]) == original.body


def test_a_site_that_refuses_the_crawler_says_so_clearly(tmp_path):
    site = Recording(load_site("demo"))
    refusal = Response(403, {"Content-Type": "text/html"}, b"<html><title>Access denied</title></html>")
    site.answers.update({"mgListCommittees.aspx": refusal, "mgWebService.asmx/GetCommittees": refusal})
    with serve(site) as server:
        result = run_promises("crawl", server.url, "--data-dir", str(tmp_path), *FAST)
    assert result.returncode == 0, result.stderr
    assert "the site may be blocking this client" in result.stderr
    db = open_db(tmp_path / "promises.db")
    (row,) = db["crawl_errors"].rows
    assert row["reason"] == "HTTP 403: blocked, the site refuses this client"
    assert row["url"].endswith("mgListCommittees.aspx?bcr=1")
