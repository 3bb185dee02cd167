"""The mgWebService.asmx parsers on real saved answers and small made-up ones, and the demo's web service
agreeing with its HTML pages."""

from datetime import date, time

import pytest
from scrapy.http import HtmlResponse, Request

from demo import pages
from demo import people as demo_people
from demo.story import load_story
from demo.webservice import RESTRICTED_ID_OFFSET, attachment_path, render
from scrapers.items import MeetingItem, MinutesItem
from scrapers.moderngov.webservice import (
    OPERATIONS,
    answers,
    parse_committees,
    parse_meeting,
    parse_meetings,
    service_url,
)
from scrapers.spiders.moderngov import ModernGovSpider, document_id

MANCHESTER = "https://democracy.manchester.gov.uk/"
DEMO_BASE = "http://127.0.0.1:8002/"
DEMO = load_story()
DEMO_COUNCIL = {"slug": "demoshire", "name": DEMO.name, "platform": "moderngov", "base_url": DEMO_BASE}


def lgsf(realworld, name: str) -> bytes:
    return (realworld / "moderngov/lgsf" / name).read_bytes()


# Real answers (Manchester, saved by DemocracyClub/LGSF)

@pytest.mark.realworld
def test_committees_answer_lists_each_committee_with_flags(realworld):
    committees = parse_committees(lgsf(realworld, "committees.xml"))
    assert [c["committee_id"] for c in committees] == ["312", "163", "144"]
    assert committees[2] == {"committee_id": "144", "name": "Audit Committee", "deleted": False, "expired": False,
                             "category": "Governance and Decision Making Committees"}
    assert committees[0]["expired"] is True
    assert committees[0]["name"] == "Appointment Sub Committee for Director of Adult Social Services"


@pytest.mark.realworld
def test_meetings_answer_gives_dates_times_and_raw_status(realworld):
    meetings = parse_meetings(lgsf(realworld, "meetings.xml"))
    assert meetings == [
        {"committee_id": "144", "committee_name": "Audit Committee", "meeting_id": "4966",
         "date": date(2026, 1, 13), "time": time(10, 0), "status": "Cancelled"},
        {"committee_id": "144", "committee_name": "Audit Committee", "meeting_id": "4967",
         "date": date(2026, 2, 10), "time": time(10, 0), "status": "Confirmed"},
    ]


@pytest.mark.realworld
def test_meeting_with_minutes_has_printed_numbers_minutes_and_absolute_documents(realworld):
    meeting = parse_meeting(lgsf(realworld, "meeting_with_minutes.xml"), MANCHESTER)
    assert (meeting["meeting_id"], meeting["agenda_id"], meeting["status"]) == ("4967", "4967", "Confirmed")
    assert (meeting["date"], meeting["time"]) == (date(2026, 2, 10), time(10, 0))
    assert meeting["venue"] == "Council Antechamber, Level 2, Town Hall Extension"
    assert [item["number"] for item in meeting["items"]] == ["1", "9"], "not agendaitemnumber 4 and 12"
    first, second = meeting["items"]
    assert (first["item_id"], first["title"]) == ("18831", "Minutes")
    assert first["description"].startswith("To approve") and first["description"].endswith("25 November 2025.")
    assert first["minutes"].startswith("To approve") and "\n" not in first["minutes"]
    assert first["decision"] == ""
    assert first["documents"] == [(f"{MANCHESTER}mgConvert2PDF.aspx?ID=60860",
                                   "6 - CHAIR APPROVED Minutes Audit Committee 25 Nov 2025")]
    assert second["minutes"].startswith("The Committee considered a report")
    assert second["documents"] == [(f"{MANCHESTER}mgConvert2PDF.aspx?ID=60909", "DRAFT WP FEBRUARY 2026")]


@pytest.mark.realworld
def test_meeting_attendee_carries_party_ward_and_lower_case_attendance(realworld):
    (attendee,) = parse_meeting(lgsf(realworld, "meeting_with_minutes.xml"), MANCHESTER)["attendees"]
    assert attendee == {"member_id": "192", "name": "Basil Curley", "role": "Committee Member",
                        "attendance": "expected", "party": "LAB", "ward": "Charlestown",
                        "url": f"{MANCHESTER}mgUserInfo.aspx?UID=192"}


@pytest.mark.realworld
def test_cancelled_meeting_has_status_venue_and_no_items(realworld):
    meeting = parse_meeting(lgsf(realworld, "meeting_no_minutes.xml"), MANCHESTER)
    assert meeting["status"] == "Cancelled"
    assert meeting["items"] == []
    assert meeting["venue"] == "Council Antechamber, Level 2, Town Hall Extension"
    assert [a["party"] for a in meeting["attendees"]] == ["LAB"]


@pytest.mark.realworld
@pytest.mark.parametrize("name, operation", [
    ("committees.xml", "GetCommittees"), ("meetings.xml", "GetMeetings"), ("meeting_with_minutes.xml", "GetMeeting"),
])
def test_real_answers_are_recognised_only_for_their_own_operation(realworld, name, operation):
    body = lgsf(realworld, name)
    assert [op for op, root in OPERATIONS.items() if answers(body, root)] == [operation]


# Made-up answers for quirks the saved ones do not show

QUIRKS = b"""<?xml version="1.0" encoding="utf-8"?>
<meeting>
  <meetingid>77</meetingid>
  <meetingdate>05/03/2025</meetingdate>
  <meetingstatus>Confirmed; Budget Council</meetingstatus>
  <meetingtime>7.30 pm</meetingtime>
  <meetinglocation>
  </meetinglocation>
  <agendaid>78</agendaid>
  <agendaitems>
    <agendaitem>
      <agendaitemid>501</agendaitemid>
      <agendaitemtitle>Roads &amp;amp; Bridges</agendaitemtitle>
      <agendatext><div class="WordSection1"><p>Raw <b>HTML</b> here.</p></div></agendatext>
      <agendaitemnumber>9</agendaitemnumber>
      <fulldisplaynumberformat>
      </fulldisplaynumberformat>
      <commentlabel1>Presented By</commentlabel1>
      <commenttext1>Councillor Ivo Trask</commenttext1>
      <commentlabel2>decision:</commentlabel2>
      <commenttext2>&lt;p&gt;RESOLVED that the plan be approved.&lt;/p&gt;&lt;p&gt;&amp;nbsp;&lt;/p&gt;&lt;p&gt;Carried.&lt;/p&gt;</commenttext2>
      <minutesnonemptyhtmlbody>&lt;p&gt;Draft minutes not yet agreed.&lt;/p&gt;</minutesnonemptyhtmlbody>
      <isminutepublished>False</isminutepublished>
      <isrestricted>False</isrestricted>
      <minutesitemnumber> 6 </minutesitemnumber>
      <linkeddocuments>
        <linkeddoc><attachmentid>5</attachmentid><title>Plan &amp;amp;amp; budget</title>
          <url>http://council.example.gov.uk/mgConvert2PDF.aspx?ID=5</url><isrestricted>False</isrestricted></linkeddoc>
        <linkeddoc><attachmentid>5</attachmentid><title>Plan &amp;amp; budget</title>
          <url>http://council.example.gov.uk/mgConvert2PDF.aspx?ID=5</url><isrestricted>False</isrestricted></linkeddoc>
        <linkeddoc><attachmentid>6</attachmentid><title>Exempt appendix</title>
          <url>mgConvert2PDF.aspx?ID=6</url><isrestricted>True</isrestricted></linkeddoc>
        <linkeddoc><attachmentid>7</attachmentid><title>Map</title>
          <url>mgConvert2PDF.aspx?ID=7</url><isrestricted>False</isrestricted></linkeddoc>
      </linkeddocuments>
    </agendaitem>
    <agendaitem>
      <agendaitemid>502</agendaitemid>
      <agendaitemtitle>Land Disposal</agendaitemtitle>
      <fulldisplaynumberformat>7.</fulldisplaynumberformat>
      <isrestricted>True</isrestricted>
    </agendaitem>
  </agendaitems>
  <attendees>
    <attendee memberid="12" name="Councillor  Nell Ashby" roledescription="Chair" attendance="Apologies"
              politicalparty="" ward="">
      <url>
      </url>
    </attendee>
  </attendees>
</meeting>
"""


def quirks_meeting(base_url: str = "https://council.example.gov.uk/") -> dict:
    return parse_meeting(QUIRKS, base_url)


def test_restricted_items_are_dropped():
    assert [item["item_id"] for item in quirks_meeting()["items"]] == ["501"]


@pytest.mark.parametrize("field, expected", [
    ("title", "Roads & Bridges"),
    ("number", "6"),  # fulldisplaynumberformat is whitespace only
    ("description", "Raw HTML here."),  # raw HTML inside the XML element
    ("decision", "RESOLVED that the plan be approved.\n\nCarried."),
    ("minutes", ""),  # isminutepublished False
])
def test_quirky_item_field_is_read(field, expected):
    assert quirks_meeting()["items"][0][field] == expected


def test_documents_skip_restricted_and_repeat_once_with_titles_unescaped():
    assert quirks_meeting()["items"][0]["documents"] == [
        ("https://council.example.gov.uk/mgConvert2PDF.aspx?ID=5", "Plan & budget"),
        ("https://council.example.gov.uk/mgConvert2PDF.aspx?ID=7", "Map"),
    ]


def test_document_urls_stay_http_when_the_site_is_http():
    documents = quirks_meeting("http://council.example.gov.uk/")["items"][0]["documents"]
    assert [url for url, _ in documents] == ["http://council.example.gov.uk/mgConvert2PDF.aspx?ID=5",
                                             "http://council.example.gov.uk/mgConvert2PDF.aspx?ID=7"]


def test_whitespace_only_elements_read_as_empty_and_status_stays_raw():
    meeting = quirks_meeting()
    assert meeting["venue"] is None
    assert meeting["status"] == "Confirmed; Budget Council"
    assert (meeting["date"], meeting["time"]) == (date(2025, 3, 5), time(19, 30))
    assert meeting["attendees"] == [{"member_id": "12", "name": "Nell Ashby", "role": "Chair",
                                     "attendance": "apologies", "party": "", "ward": "", "url": ""}]


@pytest.mark.parametrize("body", [
    b"",
    b"   \r\n",
    (b"<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head>"
     b"<body><h2>404 - File or directory not found.</h2></body></html>"),
    b"The resource cannot be found.",
    b"<html><head><title>Runtime Error</title></head><body><h1>Server Error in '/' Application.</h1>",
    (b"<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title></head>"
     b"<body><noscript>Enable JavaScript and cookies to continue</noscript></body></html>"),
], ids=["empty", "blank", "404 page", "plain text", "html error", "waf challenge"])
def test_error_pages_are_not_web_service_answers(body):
    assert not any(answers(body, root) for root in OPERATIONS.values())


def test_meetings_answer_with_spaced_counts_is_read_and_windowed():
    body = b"""<getmeetings><meetingscount> 3</meetingscount><committee><committeeid>9</committeeid>
      <committeetitle>Cabinet</committeetitle><committeemeetings>
      <meeting><meetingid>1</meetingid><meetingdate>31/12/2024</meetingdate><meetingtime>2.00 pm</meetingtime>
        <meetingstatus>Confirmed</meetingstatus></meeting>
      <meeting><meetingid>2</meetingid><meetingdate>01/01/2025</meetingdate><meetingtime>
        </meetingtime><meetingstatus>Confirmed</meetingstatus></meeting>
      <meeting><meetingid>3</meetingid><meetingdate>
        </meetingdate><meetingstatus>Confirmed</meetingstatus></meeting>
      </committeemeetings></committee></getmeetings>"""
    meetings = parse_meetings(body)
    assert [(m["meeting_id"], m["date"], m["time"]) for m in meetings] == [
        ("1", date(2024, 12, 31), time(14, 0)), ("2", date(2025, 1, 1), None), ("3", None, None)]


@pytest.mark.parametrize("operation, params, expected", [
    ("GetCommittees", {}, "https://x.gov.uk/mgWebService.asmx/GetCommittees"),
    ("GetMeetings", {"lCommitteeId": 0, "sFromDate": date(2026, 1, 2), "sToDate": date(2026, 3, 31)},
     "https://x.gov.uk/mgWebService.asmx/GetMeetings?lCommitteeId=0&sFromDate=02/01/2026&sToDate=31/03/2026"),
    ("GetMeeting", {"lMeetingId": 4967}, "https://x.gov.uk/mgWebService.asmx/GetMeeting?lMeetingId=4967"),
])
def test_service_url_writes_dates_day_first(operation, params, expected):
    assert service_url("https://x.gov.uk/", operation, **params) == expected


# The demo council's web service

def html_meeting(meeting) -> tuple[MeetingItem, dict[str, set[str]]]:
    """The meeting as the HTML spider reads its page, with the document ids of each agenda item."""
    url = f"{DEMO_BASE}ieListDocuments.aspx?CId={meeting.committee.cid}&MId={meeting.mid}&Ver=4"
    body = pages.meeting_page(DEMO, meeting, lambda doc: 50_000).encode("utf-8")
    response = HtmlResponse(url=url, body=body, encoding="utf-8", request=Request(url))
    output = list(ModernGovSpider(council=DEMO_COUNCIL).parse(response, committee=str(meeting.committee.cid)))
    (parsed,) = [o for o in output if isinstance(o, MeetingItem)]
    documents: dict[str, set[str]] = {}
    for request in output:
        document = request.cb_kwargs.get("document") if isinstance(request, Request) else None
        if document and document["agenda_item"]:
            documents.setdefault(document["agenda_item"], set()).add(document["id"])
    return parsed, documents


def full_minutes(meeting, item) -> str:
    """Minutes from the item page (mgAi.aspx), which the spider reads when the meeting page cuts them short."""
    url = f"{DEMO_BASE}mgAi.aspx?ID={item.aiid}"
    body = pages.item_page(DEMO, meeting, item, lambda doc: 50_000).encode("utf-8")
    response = HtmlResponse(url=url, body=body, encoding="utf-8", request=Request(url))
    (found,) = ModernGovSpider(council=DEMO_COUNCIL).parse_full_minutes(response, item_id="x")
    assert isinstance(found, MinutesItem)
    return found.minutes


def xml_meeting(meeting, **options) -> dict:
    body = render(DEMO, "GetMeeting", {"lMeetingId": str(meeting.mid)}, base_url=DEMO_BASE, **options)
    assert answers(body, OPERATIONS["GetMeeting"])
    return parse_meeting(body, DEMO_BASE)


@pytest.mark.parametrize("meeting", list(DEMO.all_meetings()), ids=lambda m: str(m.mid))
def test_demo_web_service_and_meeting_page_give_the_same_items(meeting):
    from_html, html_documents = html_meeting(meeting)
    from_xml = xml_meeting(meeting)
    fields = ("item_id", "number", "title", "description", "decision")
    assert [{f: item[f] for f in fields} for item in from_xml["items"]] == \
           [{f: item[f] for f in fields} for item in from_html.items]
    for xml_item, html_item, model_item in zip(from_xml["items"], from_html.items, meeting.items):
        expected = full_minutes(meeting, model_item) if html_item["minutes_truncated"] else html_item["minutes"]
        assert xml_item["minutes"] == expected
        assert {document_id("demoshire", DEMO_BASE, url) for url, _ in xml_item["documents"]} == \
               html_documents.get(html_item["id"], set())
    assert (from_xml["venue"], from_xml["date"].isoformat()) == (from_html.venue, from_html.date)


def test_demo_has_truncated_minutes_so_the_full_text_comparison_is_exercised():
    assert any(item.truncate for meeting in DEMO.all_meetings() for item in meeting.items)


def test_demo_restricted_document_is_served_and_skipped():
    meeting = next(m for m in DEMO.all_meetings() if any(i.report or i.documents for i in m.items))
    item = next(i for i in meeting.items if i.report or i.documents)
    exempt = f"mgConvert2PDF.aspx?ID={RESTRICTED_ID_OFFSET + item.aiid}"
    assert exempt.encode() in render(DEMO, "GetMeeting", {"lMeetingId": str(meeting.mid)})
    parsed = {i["item_id"]: i for i in xml_meeting(meeting)["items"]}[str(item.aiid)]
    assert parsed["documents"] and not any(exempt in url for url, _ in parsed["documents"])


def test_demo_attachment_path_serves_convert_urls():
    assert attachment_path(DEMO, 14210) == "documents/s14210/SEND Strategy 2022-25 Panel Report.pdf"
    assert attachment_path(DEMO, RESTRICTED_ID_OFFSET + 20104) is None


@pytest.mark.parametrize("today, held", [(date(2030, 1, 1), True), (date(2000, 1, 1), False)])
def test_demo_attendees_are_those_of_the_attendance_page(today, held):
    meeting = next(m for m in DEMO.all_meetings() if not m.cancelled)
    attendees = xml_meeting(meeting, today=today)["attendees"]
    page = demo_people.attendance(DEMO, meeting, today)
    assert [(a["name"], a["attendance"]) for a in attendees] == [(name, status.lower()) for name, _, _, status in page]
    assert ("expected" in {a["attendance"] for a in attendees}) != held
    assert all(a["party"] and a["ward"] for a in attendees)


def test_demo_committees_answer_lists_every_committee():
    committees = parse_committees(render(DEMO, "GetCommittees", {}))
    assert [(c["committee_id"], c["name"]) for c in committees] == [(str(c.cid), c.name) for c in DEMO.committees]


@pytest.mark.parametrize("params", [
    {"lCommitteeId": "0", "sFromDate": "15/11/2021", "sToDate": "17/07/2023"},
    {"lcommitteeid": "0", "sfromdate": "2021-11-15", "stodate": "2023-07-17"},
])
def test_demo_meetings_answer_honours_the_inclusive_date_range(params):
    meetings = parse_meetings(render(DEMO, "GetMeetings", params))
    expected = [m for m in DEMO.all_meetings() if date(2021, 11, 15) <= m.start.date() <= date(2023, 7, 17)]
    assert sorted(m["meeting_id"] for m in meetings) == sorted(str(m.mid) for m in expected)
    assert {m["date"] for m in meetings} >= {date(2021, 11, 15), date(2023, 7, 17)}


def test_demo_meetings_answer_for_one_committee_marks_cancelled_meetings():
    cancelled = next(m for m in DEMO.all_meetings() if m.cancelled)
    meetings = parse_meetings(render(DEMO, "GetMeetings", {"lCommitteeId": str(cancelled.committee.cid)}))
    assert {m["committee_id"] for m in meetings} == {str(cancelled.committee.cid)}
    assert len(meetings) == len(DEMO.meetings_of(cancelled.committee.cid))
    assert {m["meeting_id"]: m["status"] for m in meetings}[str(cancelled.mid)] == "Cancelled"


@pytest.mark.parametrize("operation, params", [
    ("GetCouncillorsByWard", {}),
    ("GetMeeting", {"lMeetingId": "1"}),
    ("GetMeeting", {}),
    ("GetMeetings", {"lCommitteeId": "999"}),
    ("GetMeetings", {"lCommitteeId": "0", "sFromDate": "31/02/2024"}),
])
def test_demo_web_service_answers_none_for_unknown_operations_and_ids(operation, params):
    assert render(DEMO, operation, params) is None
