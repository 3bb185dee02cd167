"""The ModernGov spider's parsing, on real saved pages (realworld) and on small made-up cases."""

from datetime import date

import pytest
from scrapy.http import HtmlResponse, Request

from scrapers.items import AttendanceItem, CrawlErrorItem, DecisionItem, DocumentItem, MeetingItem
from scrapers.spiders.moderngov import ModernGovSpider, describe_failure, document_id

KINGSTON = {"slug": "kingston", "name": "Kingston", "platform": "moderngov",
            "base_url": "https://moderngov.kingston.gov.uk/"}


def spider(**window) -> ModernGovSpider:
    return ModernGovSpider(council=KINGSTON, **window)


def page(path, url: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=path.read_bytes(), encoding="utf-8", request=Request(url))


def kingston_meeting(realworld, name: str, mid: str) -> tuple[MeetingItem, list]:
    url = f"https://moderngov.kingston.gov.uk/ieListDocuments.aspx?CId=711&MId={mid}&Ver=4"
    output = list(spider().parse(page(realworld / "moderngov/kingston" / name, url), committee="711"))
    meetings = [o for o in output if isinstance(o, MeetingItem)]
    assert len(meetings) == 1
    return meetings[0], [o for o in output if isinstance(o, Request)]


@pytest.mark.realworld
def test_committee_structure_yields_each_committee_once(realworld):
    url = "https://moderngov.kingston.gov.uk/mgListCommittees.aspx?bcr=1"
    output = list(spider().parse_committees(page(realworld / "moderngov/kingston/CommitteeStructure.html", url)))
    committees = [o for o in output if not isinstance(o, Request)]
    ids = [c.committee_id for c in committees]
    assert len(ids) == len(set(ids)) > 5
    assert "711" in ids
    lists = [r.url for r in output if isinstance(r, Request)]
    assert "https://moderngov.kingston.gov.uk/ieListMeetings.aspx?CId=711" in lists


@pytest.mark.realworld
def test_meeting_list_requests_meetings_in_window_including_cancelled(realworld):
    url = "https://moderngov.kingston.gov.uk/ieListMeetings.aspx?CId=711"
    response = page(realworld / "moderngov/kingston/BrowseMeetings.html", url)
    output = list(spider(since=date(2025, 11, 1), until=date(2026, 1, 31))
                  .parse_meeting_list(response, committee="711", direction="both"))
    urls = [r.url for r in output]
    assert "https://moderngov.kingston.gov.uk/ieListDocuments.aspx?CId=711&MId=10161&Ver=4" in urls  # cancelled
    assert "https://moderngov.kingston.gov.uk/ieListDocuments.aspx?CId=711&MId=10221&Ver=4" in urls
    assert not any("MId=10337" in u for u in urls), "15 Jun 2026 is after --until"
    assert not any("Act=earlier" in u for u in urls), "the page already reaches before --since"


@pytest.mark.realworld
def test_meeting_list_follows_earlier_meetings_when_window_reaches_back(realworld):
    url = "https://moderngov.kingston.gov.uk/ieListMeetings.aspx?CId=711"
    response = page(realworld / "moderngov/kingston/BrowseMeetings.html", url)
    output = list(spider(since=date(2020, 1, 1)).parse_meeting_list(response, committee="711", direction="both"))
    earlier = [r for r in output if "Act=earlier" in r.url]
    assert len(earlier) == 1
    assert earlier[0].cb_kwargs["direction"] == "earlier"


@pytest.mark.realworld
def test_cancelled_meeting_has_status_venue_and_no_items(realworld):
    meeting, _ = kingston_meeting(realworld, "Agenda_412.html", "10161")
    assert meeting.status == "cancelled"
    assert meeting.date == "2025-12-04"
    assert meeting.time == "19:30"
    assert meeting.venue.startswith("Guildhall, Kingston upon Thames")
    assert meeting.items == []
    assert meeting.id == "kingston/20251204/10161"


@pytest.mark.realworld
def test_meeting_page_items_have_numbers_titles_and_blocks(realworld):
    meeting, _ = kingston_meeting(realworld, "Agenda_151.html", "10221")
    numbers = [item["number"] for item in meeting.items]
    assert numbers == [str(n) for n in range(54, 66)]
    item = {i["number"]: i for i in meeting.items}["59"]
    assert item["title"] == "Petition Regarding the Introduction of Traffic Management Measures On Manorgate Road"
    assert item["item_id"] == "51902"
    assert item["id"] == "kingston/20260115/10221/ai51902"
    assert item["description"].startswith("To address a petition received")
    assert item["decision"].startswith("RESOLVED that:")
    assert item["minutes_truncated"] == 1
    assert "view the full minutes text" not in item["minutes"]
    assert [vote["result"] for vote in item["recorded_votes"]] == ["Carried", "Carried"]
    assert sum(1 for i in meeting.items if i["minutes"]) == 12


@pytest.mark.realworld
def test_meeting_page_requests_truncated_minutes_and_every_document(realworld):
    _, requests = kingston_meeting(realworld, "Agenda_151.html", "10221")
    urls = [r.url for r in requests]
    assert "https://moderngov.kingston.gov.uk/mgAi.aspx?ID=51902" in urls
    assert ("https://moderngov.kingston.gov.uk/documents/g10230/Printed%20minutes%20Thursday%2015-Jan-2026%2019.30"
            "%20Kingston%20and%20North%20Kingston%20Neighbourhood%20Committee.pdf?T=1") in urls
    documents = {r.cb_kwargs["document"]["id"]: r.cb_kwargs["document"] for r in requests if "document" in r.cb_kwargs}
    assert documents["kingston/g10230-t1"]["kind"] == "minutes"
    assert documents["kingston/g10230-t2"]["kind"] == "decisions"
    assert documents["kingston/g10230-t0"]["kind"] == "agenda"
    annexes = [d for d in documents.values() if d["agenda_item"] == "kingston/20260115/10221/ai51902"]
    assert {d["title"] for d in annexes} >= {"Annex 1 - Wolverton Avenue", "Petition Regarding the Introduction "
                                             "of Traffic Management Measures On Manorgate Road"}
    assert len(annexes) == 5
    assert not any("mgChooseDocPack" in u for u in urls), "packs repeat the individual reports"


@pytest.mark.realworld
def test_heading_date_wins_over_a_disagreeing_dublin_core_date(realworld):
    # This saved page's heading and DC.title say 18 November 2025 but its DC.date says 2025-11-05.
    url = "https://moderngov.kingston.gov.uk/ieListDocuments.aspx?CId=711&MId=10220&Ver=4"
    output = list(spider().parse(page(realworld / "moderngov/kingston/Agenda_Irrelevant.html", url), committee="711"))
    (meeting,) = [o for o in output if isinstance(o, MeetingItem)]
    assert (meeting.date, meeting.time) == ("2025-11-18", "19:30")
    (warning,) = [o for o in output if isinstance(o, CrawlErrorItem)]
    assert warning.severity == "warning" and "2025-11-05" in warning.reason


def test_page_without_modgov_is_recorded_not_parsed():
    url = "https://moderngov.kingston.gov.uk/ieListDocuments.aspx?CId=1&MId=2&Ver=4"
    response = HtmlResponse(url=url, body=b"<html><title>Just a moment...</title>", encoding="utf-8")
    output = list(spider().parse(response, committee="1"))
    assert len(output) == 1 and isinstance(output[0], CrawlErrorItem)
    assert "no #modgov" in output[0].reason


@pytest.mark.parametrize("url, expected", [
    ("https://x.gov.uk/documents/s112217/Petition%20Report.pdf", "c/s112217"),
    ("https://x.gov.uk/documents/g10230/Printed%20minutes.pdf?T=1", "c/g10230-t1"),
    ("https://x.gov.uk/mgConvert2PDF.aspx?ID=112217", "c/s112217"),
])
def test_document_id_comes_from_the_attachment_or_agenda_id(url, expected):
    assert document_id("c", "https://x.gov.uk/", url) == expected


def test_document_id_of_other_urls_ignores_host_and_port():
    first = document_id("c", "http://127.0.0.1:8001/", "http://127.0.0.1:8001/Data/Cabinet/2023/Agenda/a.pdf")
    second = document_id("c", "http://127.0.0.1:9999/", "http://127.0.0.1:9999/Data/Cabinet/2023/Agenda/a.pdf")
    assert first == second
    assert first.startswith("c/u")


def test_document_response_becomes_an_item_with_validators():
    document = {"id": "c/s1", "council": "c", "meeting": "m", "agenda_item": None, "title": "T", "kind": "report",
                "url": "https://x.gov.uk/documents/s1/T.pdf"}
    request = Request(document["url"], meta={"sha256": "f00d"})  # set by the archiving middleware
    response = HtmlResponse(url=document["url"], body=b"%PDF-1.4", request=request,
                            headers={"ETag": '"abc"', "Content-Type": "application/pdf"})
    (item,) = spider().parse_document(response, document=document)
    assert isinstance(item, DocumentItem)
    assert item.etag == '"abc"' and item.content_type == "application/pdf" and item.body == b"%PDF-1.4"
    assert item.sha256 == "f00d" and not item.not_modified


def test_http_error_failure_names_the_status():
    from scrapy.spidermiddlewares.httperror import HttpError
    from twisted.python.failure import Failure

    response = HtmlResponse(url="https://x.gov.uk/a", status=500, body=b"")
    assert describe_failure(Failure(HttpError(response, "Ignoring non-200 response"))) == "HTTP 500"


def html_response(url: str, body: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=body.encode(), encoding="utf-8", request=Request(url))


@pytest.mark.parametrize("body", [
    "<html><body><h1>Just a moment...</h1></body></html>",
    "<html><body><div id='modgov'><p>There are no attendance details for this meeting.</p></div></body></html>",
])
def test_an_attendance_page_without_rows_yields_no_attendance(body):
    url = "https://moderngov.kingston.gov.uk/mgMeetingAttendance.aspx?ID=5"
    output = list(spider().parse_attendance(html_response(url, body), meeting_key="kingston/20260115/5"))
    assert not [o for o in output if isinstance(o, AttendanceItem)]


def test_a_decision_page_reached_without_an_id_takes_the_list_id():
    url = "https://moderngov.kingston.gov.uk/ieDecisionDetails.aspx?AIId=77"
    body = ("<html><body><div id='modgov'><h2 class='mgSubTitleTxt'>SEND transport</h2>"
            "<p><span class='mgLabel'>Decision status: </span>Approved</p></div></body></html>")
    output = list(spider().parse_decision(html_response(url, body), listed={"decision_id": "41", "title": "T"}))
    (decision,) = [o for o in output if isinstance(o, DecisionItem)]
    assert (decision.id, decision.title) == ("kingston/d41", "SEND transport")
    errors = list(spider().parse_decision(html_response(url, body.replace("SEND transport", "")), listed={}))
    assert [type(o) for o in errors] == [CrawlErrorItem]
