"""The bundled demo council sites, served over real HTTP on 127.0.0.1."""

from __future__ import annotations

import hashlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urljoin

import lxml.html
import pypdfium2
import pytest

from demo import news
from demo.faults import ENCRYPTED_PASSWORD, FAULTS, GOOD_DOCUMENTS, OVERSIZE_BYTES
from demo.server import serve
from demo.site import DECISIONS, MEMBER_INDEX, WHATS_NEW, load_site

ROOT = Path(__file__).resolve().parents[1]
DEC_2023 = "ieListDocuments.aspx?CId=120&MId=3730&Ver=4"
DEC_MINUTES = "documents/g3745/Printed minutes Tuesday 12-Dec-2023 10.00 County Council.pdf?T=1"
STRATEGY_REPORT = "documents/s14210/SEND Strategy 2022-25 Panel Report.pdf"
CABINET_REPORT = "documents/s18120/SEND Additional Investment Cabinet Report.pdf"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(server, target: str, headers=None, method: str = "GET"):
    """GET (or HEAD) a relative target; spaces are percent-encoded. Returns status, headers, body."""
    request = urllib.request.Request(urljoin(server.url, quote(target, safe="/?=&%")),
                                     headers=headers or {}, method=method)
    try:
        with _OPENER.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def raw_get(server, target: str) -> bytes:
    """Send a request line exactly as given (raw spaces included) and return the response."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(f"GET /{target} HTTP/1.1\r\nHost: demo\r\nConnection: close\r\n\r\n".encode("latin-1"))
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def modgov(body: bytes):
    """The parsed ``div#modgov`` of a page."""
    return lxml.html.fromstring(body).cssselect("#modgov")[0]


def pdf_text(body: bytes, password=None) -> tuple[int, str]:
    """Page count and text of a PDF."""
    document = pypdfium2.PdfDocument(body, password=password)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    return len(document), re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def demo():
    with serve("demo") as server:
        yield server


@pytest.fixture(scope="module")
def faults():
    with serve(load_site("faults", slow_seconds=0.5)) as server:
        yield server


# -- navigation -------------------------------------------------------------------


def test_robots_txt_disallows_only_rss(demo):
    status, headers, body = fetch(demo, "robots.txt")
    assert status == 200
    assert body.decode().splitlines() == ["User-agent: *", "Disallow: /mgRss.aspx"]


def test_committee_list_links_every_committee_details_page(demo):
    _, _, body = fetch(demo, "mgListCommittees.aspx?bcr=1")
    links = {a.get("href"): a.text_content() for a in modgov(body).cssselect("div.mgContent ul.mgBulletList > li > a")}
    assert links == {
        "mgCommitteeDetails.aspx?ID=120": "County Council",
        "mgCommitteeDetails.aspx?ID=121": "Cabinet",
        "mgCommitteeDetails.aspx?ID=134": "Education, Libraries and Skills Cabinet Panel",
    }


@pytest.mark.parametrize("cid", [120, 121, 134])
def test_committee_details_links_to_its_meeting_list(demo, cid):
    _, _, body = fetch(demo, f"mgCommitteeDetails.aspx?ID={cid}")
    links = {a.text_content(): a.get("href") for a in modgov(body).cssselect("ul.mgActionList a")}
    assert links["Browse meetings and agendas for this committee"] == f"ieListMeetings.aspx?CommitteeId={cid}"


def _listed(body: bytes):
    """(MId, link text, text after the link) of each meeting in a meeting list."""
    rows = []
    for li in modgov(body).cssselect("ul.mgNonBulletTableList > li"):
        link = li.cssselect("a.mgMeetingTableLnk")[0]
        rows.append((int(re.search(r"MId=(\d+)", link.get("href")).group(1)), link.text_content(), link.tail))
    return rows


@pytest.mark.parametrize("target, mids", [
    ("ieListMeetings.aspx?CommitteeId=120", [3960, 3850, 3730]),
    ("ieListMeetings.aspx?CId=120", [3960, 3850, 3730]),
    ("ieListMeetings.aspx?CommitteeId=121", [4070, 3890, 3655]),
    ("ieListMeetings.aspx?CommitteeId=134", [4120, 4015, 3940]),
    ("ieListMeetings.aspx?CId=134&Year=2023", [3702, 3598]),
    ("ieListMeetings.aspx?CId=120&Year=2025", [3960]),
    ("ieListMeetings.aspx?hCommitteeId=134&MD=ielistmeetings&YearSelect=2023&Submit=Go", [3702, 3598]),
    ("ieListMeetings.aspx?CId=121&Year=2022", []),
])
def test_meeting_list_shows_meetings_newest_first(demo, target, mids):
    status, _, body = fetch(demo, target)
    assert status == 200
    assert [mid for mid, _, _ in _listed(body)] == mids


def test_meeting_list_rows_say_date_time_and_what_is_published(demo):
    _, _, body = fetch(demo, "ieListMeetings.aspx?CommitteeId=134")
    assert _listed(body) == [
        (4120, "17 Nov 2025\xa010:00 am", " - Agenda, Minutes"),
        (4015, "16 Jun 2025\xa010:00 am", " - Agenda, Minutes"),
        (3940, "13 Jan 2025\xa010:00 am", " - CANCELLED"),
    ]
    _, _, body = fetch(demo, "ieListMeetings.aspx?CommitteeId=121")
    assert _listed(body)[-1] == (3655, "17 Jul 2023\xa02:00 pm", " - Agenda, Decisions, Minutes")
    assert 'href="ieListDocuments.aspx?CId=121&amp;MId=3655&amp;Ver=4"' in body.decode()


def test_earlier_meetings_chain_reaches_the_2021_meeting(demo):
    target, seen, later_links = "ieListMeetings.aspx?CommitteeId=134", [], 0
    while target:
        _, _, body = fetch(demo, target)
        seen.extend(mid for mid, _, _ in _listed(body))
        nav = {a.text_content(): a.get("href") for a in modgov(body).cssselect("a.mgTableNextLnk")}
        later_links += "Later meetings" in nav
        target = nav.get("Earlier meetings")
        if target:
            assert re.fullmatch(r"ieListMeetings\.aspx\?Act=earlier&CId=134&D=\d{12}&MD=ielistmeetings", target)
    assert seen == [4120, 4015, 3940, 3871, 3702, 3598, 3477, 3391]
    assert later_links == 2


def test_later_link_returns_to_the_newer_meetings(demo):
    _, _, body = fetch(demo, "ieListMeetings.aspx?Act=later&CId=134&D=202311271000&MD=ielistmeetings")
    assert [mid for mid, _, _ in _listed(body)] == [4015, 3940, 3871]


# -- meeting pages ------------------------------------------------------------------


@pytest.mark.parametrize("target, date, heading, numbers", [
    ("ieListDocuments.aspx?CId=134&MId=3391&Ver=4", "2021-11-15",
     "Education, Libraries and Skills Cabinet Panel - Monday 15 November 2021 10:00 am", ["1.", "2.", "3.", "4.", "5."]),
    ("ieListDocuments.aspx?CId=121&MId=3655&Ver=4", "2023-07-17",
     "Cabinet - Monday 17 July 2023 2:00 pm", ["1.", "2.", "3.", "4.", "5."]),
    (DEC_2023, "2023-12-12", "County Council - Tuesday 12 December 2023 10:00 am", ["1.", "2.", "3.", "4.", "5.", "6.", "6A."]),
])
def test_meeting_page_has_dc_date_heading_and_item_rows(demo, target, date, heading, numbers):
    _, headers, body = fetch(demo, target)
    page = lxml.html.fromstring(body)
    assert page.cssselect('meta[name="DC.date"]')[0].get("content") == date
    assert page.cssselect('meta[name="DC.date"]')[0].get("scheme") == "W3CDTF"
    root = modgov(body)
    assert root.cssselect("div.mgSubTitle > h2.mgSubTitleTxt")[0].text_content() == heading
    cells = root.cssselect("table.mgItemTable tr > td.mgItemNumberCell > p.mgAiTitleTxt")
    assert [cell.text_content() for cell in cells] == numbers
    assert all(cell.cssselect('a[name^="AI"]') for cell in cells)
    assert headers["Content-Type"] == "text/html; charset=utf-8"


def test_motion_item_quotes_mover_seconder_and_motion_text(demo):
    _, _, body = fetch(demo, DEC_2023)
    row = modgov(body).cssselect('a[name="AI22805"]')[0].getparent().getparent().getparent()
    text = " ".join(row.text_content().split())
    assert "NOTICE OF MOTIONS - STANDING ORDER 9 (6)" in text
    assert 'R M Thwaite to move (Seconder: I D Penhallow): - "Council notes that' in text
    assert 'S Marchbank to move (Seconder: O Garroway): - "Council notes that' in text
    assert "£588" in text and "£884" in text


def test_cabinet_item_has_report_additional_documents_decision_and_minutes(demo):
    _, _, body = fetch(demo, "ieListDocuments.aspx?CId=121&MId=3655&Ver=4")
    cell = modgov(body).cssselect('a[name="AI22012"]')[0].getparent().getparent().getnext()
    title = cell.cssselect("p.mgAiTitleTxt > a.mgAiTitleLnk")[0]
    assert title.get("href") == CABINET_REPORT
    assert re.fullmatch(r" PDF \d+ KB", title.cssselect("span.mgFileSize")[0].text_content())
    labels = [p.text_content() for p in cell.cssselect("p.mgSubItemTitleTxt")]
    assert labels == ["Additional documents:", "Decision:", "Minutes:"]
    extra = cell.cssselect("ul.mgBulletList a")[0]
    assert extra.get("href") == "documents/s18121/Appendix 1 - SEND Investment Breakdown.pdf"
    assert extra.cssselect("span.mgHide")[0].text_content() == ", item 3."
    decision = " ".join(cell.cssselect("div.mgWordPara")[1].text_content().split())
    assert "£8 million over two years (2023/24 and 2024/25)" in decision


def test_printed_documents_live_under_agenda_id_not_meeting_id(demo):
    _, _, body = fetch(demo, "ieListDocuments.aspx?CId=121&MId=3655&Ver=4")
    hrefs = [a.get("href") for a in modgov(body).cssselect("ul.mgActionList a")]
    assert hrefs == [
        "mgMeetingAttendance.aspx?ID=3655",
        "documents/g3668/Agenda frontsheet Monday 17-Jul-2023 14.00 Cabinet.pdf?T=0",
        "documents/g3668/Decisions Monday 17-Jul-2023 14.00 Cabinet.pdf?T=2",
        "documents/g3668/Printed minutes Monday 17-Jul-2023 14.00 Cabinet.pdf?T=1",
    ]


def test_cancelled_meeting_page_says_cancelled(demo):
    _, _, body = fetch(demo, "ieListDocuments.aspx?CId=134&MId=3940&Ver=4")
    root = modgov(body)
    assert root.cssselect("h2.mgSubTitleTxt")[0].text_content().endswith(", CANCELLED")
    content = root.cssselect("div.mgContent")[0].text_content()
    assert "No documents are available for this meeting" in content
    assert "Proposed venue: " in content
    assert not root.cssselect("table.mgItemTable")
    assert [a.get("href") for a in root.cssselect("ul.mgActionList a")] == ["mgMeetingAttendance.aspx?ID=3940"]


def test_truncated_minutes_link_to_the_full_text_on_the_item_page(demo):
    _, _, body = fetch(demo, DEC_2023)
    link = modgov(body).cssselect('a[href="mgAi.aspx?ID=22805"]')[0]
    assert link.text_content().strip() == "view the full minutes text for item 5."
    assert "LOST (For: 29" not in body.decode()
    status, _, body = fetch(demo, link.get("href"))
    root = modgov(body)
    assert status == 200
    assert root.cssselect("h2.mgSubTitleTxt")[0].text_content() == "NOTICE OF MOTIONS - STANDING ORDER 9 (6)"
    label = [p for p in root.cssselect("p.mgSubItemTitleTxt") if p.text_content() == "Minutes:"][0]
    minutes = " ".join(label.getnext().text_content().split())
    assert label.getnext().get("class") == "mgWordPara"
    assert "The motion was put to the vote and was CARRIED (For: 38, Against: 27, Abstentions: 2)." in minutes
    assert "The motion was put to the vote and was LOST (For: 29, Against: 36, Abstentions: 2)." in minutes
    assert "view the full minutes text" not in minutes


def test_recorded_vote_table_lists_each_motion_result(demo):
    _, _, body = fetch(demo, DEC_2023)
    table = [t for t in modgov(body).cssselect("table") if t.cssselect("caption")[0].text_content() == "Recorded Vote"][0]
    rows = [[" ".join(td.text_content().split()) for td in tr.cssselect("td")] for tr in table.cssselect("tr")]
    assert rows == [
        ["Notice of Motion (a) - SEND improvement and fair funding: Motion", "Resolution", "", "Carried"],
        ["Notice of Motion (b) - EHCP timeliness figures and independent review: Motion", "Resolution", "", "Lost"],
    ]


def test_pages_link_only_relative_urls(demo):
    for target in ("mgListCommittees.aspx?bcr=1", DEC_2023, "ieListMeetings.aspx?CommitteeId=134", "mgAi.aspx?ID=22805"):
        _, _, body = fetch(demo, target)
        hrefs = lxml.html.fromstring(body).xpath("//@href | //@src")
        assert hrefs and not [h for h in hrefs if "://" in h or h.startswith("//")], target


@pytest.mark.parametrize("target", [
    "ieListDocuments.aspx?MId=3730&CId=120&Ver=4",
    "ieListDocuments.aspx?cid=120&mid=3730&ver=4",
    "ieListDocuments.aspx?CID=120&MID=3730",
    "IELISTDOCUMENTS.ASPX?MId=3730",
])
def test_query_parameters_are_case_insensitive_and_in_any_order(demo, target):
    assert fetch(demo, target)[2] == fetch(demo, DEC_2023)[2]


@pytest.mark.parametrize("target", [
    "nothing-here.aspx",
    "",
    "mgRss.aspx?CID=120",
    "mgCommitteeDetails.aspx?ID=999",
    "ieListMeetings.aspx?CommitteeId=abc",
    "ieListDocuments.aspx?CId=120&MId=999999&Ver=4",
    "ieListDocuments.aspx?CId=121&MId=3730&Ver=4",
    "mgAi.aspx?ID=1",
    "documents/s14210/Wrong name.pdf",
    "documents/g3745/",
])
def test_unknown_paths_answer_404(demo, target):
    assert fetch(demo, target)[0] == 404


# -- documents --------------------------------------------------------------------


def test_raw_space_and_percent_encoded_document_paths_both_work(demo):
    _, _, encoded = fetch(demo, DEC_MINUTES)
    raw = raw_get(demo, DEC_MINUTES)
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and body == encoded and body.startswith(b"%PDF")
    assert load_site("demo").get(DEC_MINUTES).body == encoded


def test_document_has_validators_and_pages_do_not(demo):
    _, headers, _ = fetch(demo, STRATEGY_REPORT)
    assert re.fullmatch(r'"[0-9a-f]{32}"', headers["ETag"])
    assert headers["Last-Modified"] == "Mon, 08 Nov 2021 12:00:00 GMT"
    assert headers["Content-Type"] == "application/pdf"
    _, headers, _ = fetch(demo, DEC_MINUTES)
    assert headers["Last-Modified"] == "Wed, 13 Dec 2023 12:00:00 GMT"
    _, headers, _ = fetch(demo, DEC_2023)
    assert "ETag" not in headers and "Last-Modified" not in headers


@pytest.mark.parametrize("conditional, status", [
    ({"If-None-Match": "{etag}"}, 304),
    ({"If-None-Match": 'W/{etag}, "other"'}, 304),
    ({"If-None-Match": "*"}, 304),
    ({"If-None-Match": '"not-the-etag"'}, 200),
    ({"If-Modified-Since": "Mon, 08 Nov 2021 12:00:00 GMT"}, 304),
    ({"If-Modified-Since": "Tue, 01 Jan 2030 00:00:00 GMT"}, 304),
    ({"If-Modified-Since": "Mon, 08 Nov 2021 11:59:59 GMT"}, 200),
    ({"If-Modified-Since": "not a date"}, 200),
    ({"If-None-Match": '"not-the-etag"', "If-Modified-Since": "Tue, 01 Jan 2030 00:00:00 GMT"}, 200),
])
def test_document_answers_conditional_requests(demo, conditional, status):
    _, headers, full = fetch(demo, STRATEGY_REPORT)
    asked = {name: value.format(etag=headers["ETag"]) for name, value in conditional.items()}
    got, got_headers, body = fetch(demo, STRATEGY_REPORT, asked)
    assert got == status
    assert body == (b"" if status == 304 else full)
    assert got_headers["ETag"] == headers["ETag"]


def test_document_answers_304_when_etag_matches(demo):
    _, headers, _ = fetch(demo, DEC_MINUTES)
    assert fetch(demo, DEC_MINUTES, {"If-None-Match": headers["ETag"]})[0] == 304


def test_head_returns_headers_without_body(demo):
    _, _, body = fetch(demo, CABINET_REPORT)
    status, headers, head_body = fetch(demo, CABINET_REPORT, method="HEAD")
    assert status == 200 and head_body == b"" and int(headers["Content-Length"]) == len(body)


@pytest.mark.parametrize("target, pages, phrases", [
    (STRATEGY_REPORT, 3, ["The Council will launch the SEND Strategy 2022-25 in January 2022",
                          "from £9.5m to £17.5m", "investment of £1.5m", "230 new places in special schools",
                          "A further 70 places", "more than 340 new special school places",
                          "at least 200 special resource provision (SRP) places",
                          "children with autism and communication difficulties", "27,565 pupils"]),
    (CABINET_REPORT, 3, ["£8 million over two years (2023/24 and 2024/25)", "The Council will recruit eighty",
                         "by September 2024", "no significant service improvements are expected until summer 2024"]),
    ("documents/s14211/Appendix A - SEND Strategy 2022-25.pdf", 2, ["We will create more than 340"]),
    ("documents/s20455/SEND Improvement Progress September 2024.pdf", 2,
     ["All eighty additional posts were filled by 2 September 2024", "planned for April 2025"]),
    ("documents/s22310/SEND Improvement Update June 2025.pdf", 2, ["went live on 7 April 2025"]),
    ("documents/s18840/SEND Inspection Outcome and Action Plan.pdf", 2, ["widespread and systemic failings"]),
    (DEC_MINUTES, 2, ["CARRIED (For: 38, Against: 27, Abstentions: 2)", "LOST (For: 29, Against: 36, Abstentions: 2)"]),
    ("documents/g3668/Decisions Monday 17-Jul-2023 14.00 Cabinet.pdf?T=2", 1, ["£8 million over two years"]),
])
def test_pdfs_have_promised_page_counts_and_text(demo, target, pages, phrases):
    status, headers, body = fetch(demo, target)
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    count, text = pdf_text(body)
    assert count == pages
    for phrase in phrases:
        assert phrase in text


def test_every_linked_url_resolves_and_is_a_site_key():
    site = load_site("demo")
    # The spider's ways in; issue pages are linked from decisions but are not part of the demo.
    queue, reached = ["mgListCommittees.aspx?bcr=1", MEMBER_INDEX, DECISIONS, WHATS_NEW], set()
    while queue:
        target = queue.pop()
        if target in reached:
            continue
        reached.add(target)
        response = site.get(target)
        assert response.status == 200, target
        if response.headers["Content-Type"].startswith("text/html"):
            queue.extend(h for h in lxml.html.fromstring(response.body).xpath("//a/@href") if (
                h.endswith(".pdf") or ".aspx" in h or "documents/" in h) and "mgIssueHistoryHome" not in h)
    keys = set(site)
    # Decision pages link meetings with "MID=" and the member index links its list view, as ModernGov does.
    assert {r for r in reached if "&MID=" not in r and "VW=LIST" not in r} <= keys
    unlinked = {k for k in keys - reached if "Year=" not in k and not k.startswith("mgAi.aspx") and not news.owns(k)}
    assert unlinked == {"robots.txt"}


def test_two_builds_are_byte_identical():
    first, second = load_site("demo"), load_site("demo")
    keys = list(first)
    assert keys == list(second)
    for key in keys:
        assert first[key] == second[key], key


def test_builds_are_byte_identical_across_processes():
    script = ("import hashlib; from demo.site import load_site\n"
              "for name in ('demo', 'faults'):\n"
              "    s = load_site(name, slow_seconds=0); h = hashlib.sha256()\n"
              "    for k in s: h.update(k.encode() + s.get(k).body)\n"
              "    print(name, h.hexdigest())\n")
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=120, check=True)
        digests.add(run.stdout)
    assert len(digests) == 1


def test_server_handles_concurrent_requests(demo):
    targets = [k for k in load_site("demo") if k.startswith(("documents/", "ieListDocuments"))][:32]
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda t: fetch(demo, t), targets))
    assert [status for status, _, _ in results] == [200] * len(targets)


def test_server_command_line_prints_url_and_serves():
    process = subprocess.Popen([sys.executable, "-m", "demo.server", "--site", "demo", "--port", "0"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
        with urllib.request.urlopen(url + "robots.txt", timeout=30) as response:
            assert response.status == 200
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert process.stderr.read() == ""


# -- faults site ------------------------------------------------------------------


def test_faults_meeting_links_every_faulty_document(faults):
    _, _, body = fetch(faults, "ieListDocuments.aspx?CId=900&MId=9101&Ver=4")
    hrefs = set(modgov(body).cssselect("table.mgItemTable")[0].xpath(".//a/@href"))
    expected = {path for kind, path in FAULTS.items() if kind != "malformed_page"} | {GOOD_DOCUMENTS[0]}
    assert hrefs == expected


def _pdf_opens(body, password=None) -> bool:
    try:
        pypdfium2.PdfDocument(body, password=password)
    except pypdfium2.PdfiumError:
        return False
    return True


def _check_redirect(status, headers, body):
    return status == 302 and headers["Location"] == "/" + quote(FAULTS["redirect_loop"])


FAULT_CHECKS = {
    "404": lambda status, headers, body: status == 404,
    "500": lambda status, headers, body: status == 500,
    "slow": lambda status, headers, body: status == 200 and _pdf_opens(body),
    "redirect_loop": _check_redirect,
    "corrupt_pdf": lambda status, headers, body: body.startswith(b"%PDF-1.4") and not _pdf_opens(body),
    "encrypted_pdf": lambda status, headers, body: not _pdf_opens(body) and _pdf_opens(body, ENCRYPTED_PASSWORD),
    "empty_pdf": lambda status, headers, body: status == 200 and body == b"" and headers["Content-Length"] == "0",
    "cp1252_html": lambda status, headers, body: (headers["Content-Type"] == "text/html"
                                                  and b"\xa38 million" in body and b"council\x92s plan" in body),
    "oversize": lambda status, headers, body: (len(body) == OVERSIZE_BYTES == int(headers["Content-Length"])
                                               and _pdf_opens(body)),
    "malformed_page": lambda status, headers, body: status == 200 and b"modgov" not in body,
}


@pytest.mark.parametrize("kind", sorted(FAULTS))
def test_faults_site_answers_each_fault_as_specified(faults, kind):
    started = time.monotonic()
    assert FAULT_CHECKS[kind](*fetch(faults, FAULTS[kind]))
    assert (time.monotonic() - started >= 0.5) == (kind == "slow")


def test_cp1252_document_is_not_valid_utf8(faults):
    body = fetch(faults, FAULTS["cp1252_html"])[2]
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert "the council\u2019s plan" in body.decode("cp1252")


@pytest.mark.parametrize("path", GOOD_DOCUMENTS)
def test_faults_site_good_documents_open(faults, path):
    status, headers, body = fetch(faults, path)
    assert status == 200 and "ETag" in headers and pdf_text(body)[0] == 1


def test_faults_meeting_list_has_three_meetings_and_no_earlier_link(faults):
    _, _, body = fetch(faults, "ieListMeetings.aspx?CommitteeId=900")
    assert [mid for mid, _, _ in _listed(body)] == [9103, 9102, 9101]
    assert not modgov(body).cssselect("a.mgTableNextLnk")


# -- bench site -------------------------------------------------------------------


def test_bench_site_spreads_meetings_over_twenty_committees_and_years():
    site = load_site("bench:400")
    council = site.council
    assert len(council.committees) == 20
    meetings = list(council.all_meetings())
    assert len(meetings) == 400
    assert meetings[-1].start.year - meetings[0].start.year >= 5
    held = [m for m in meetings if not m.cancelled]
    assert all(len(m.items) == 5 and any(d.path.endswith(".pdf") for d in m.documents) for m in held)


def test_bench_site_pages_and_documents_render_on_request():
    with serve("bench:2000") as server:
        _, _, body = fetch(server, "ieListMeetings.aspx?CommitteeId=207")
        first = _listed(body)[0][0]
        _, _, body = fetch(server, f"ieListDocuments.aspx?CId=207&MId={first}&Ver=4")
        root = modgov(body)
        assert len(root.cssselect("td.mgItemNumberCell")) == 5
        report = root.cssselect("a.mgAiTitleLnk")[0].get("href")
        status, _, pdf = fetch(server, report)
        assert status == 200 and "The Council will" in pdf_text(pdf)[1]


def test_bench_documents_are_deterministic():
    first, second = load_site("bench:60"), load_site("bench:60")
    docs = [k for k in first if k.startswith("documents/")][:12]
    assert [hashlib.sha256(first[k].body).digest() for k in docs] == \
        [hashlib.sha256(second[k].body).digest() for k in docs]
