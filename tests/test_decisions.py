"""Decisions: date windows, the decision list and detail pages (real Kirklees fragments and invented
markup), and the Demoshire decision pages read back by the same parsers."""

from datetime import date, timedelta
from itertools import pairwise
from urllib.parse import urljoin

import pytest
import scrapy

from demo import decisions as demo
from demo.markup import plain
from demo.pages import not_found, server_error
from demo.site import load_site
from scrapers.moderngov.decisions import (
    halve,
    is_decision_list,
    list_url,
    parse_decision,
    parse_decision_list,
    windows,
)
from scrapers.spiders.moderngov import document_id

BASE = "https://democracy.example.gov.uk/"
DETAIL_URL = BASE + "ieDecisionDetails.aspx?ID=5117"
D = date


def _lgsf(realworld, name: str) -> str:
    return (realworld / "moderngov" / "lgsf" / name).read_text(encoding="utf-8")


# Windows and halving

@pytest.mark.parametrize(("since", "until", "months", "expected"), [
    (D(2024, 2, 29), D(2024, 2, 29), 6, [(D(2024, 2, 29), D(2024, 2, 29))]),
    (D(2024, 3, 1), D(2024, 2, 29), 6, []),
    (D(2023, 8, 1), D(2024, 8, 31), 6,
     [(D(2024, 3, 1), D(2024, 8, 31)), (D(2023, 9, 1), D(2024, 2, 29)), (D(2023, 8, 1), D(2023, 8, 31))]),
    (D(2024, 1, 1), D(2024, 8, 30), 6, [(D(2024, 3, 1), D(2024, 8, 30)), (D(2024, 1, 1), D(2024, 2, 29))]),
    (D(2024, 1, 1), D(2025, 11, 20), 6,
     [(D(2025, 5, 21), D(2025, 11, 20)), (D(2024, 11, 21), D(2025, 5, 20)), (D(2024, 5, 21), D(2024, 11, 20)),
      (D(2024, 1, 1), D(2024, 5, 20))]),
    (D(2021, 1, 1), D(2022, 12, 31), 12, [(D(2022, 1, 1), D(2022, 12, 31)), (D(2021, 1, 1), D(2021, 12, 31))]),
    (D(2024, 1, 15), D(2024, 3, 31), 1,
     [(D(2024, 3, 1), D(2024, 3, 31)), (D(2024, 2, 1), D(2024, 2, 29)), (D(2024, 1, 15), D(2024, 1, 31))]),
])
def test_windows_cover_the_range_newest_first(since, until, months, expected):
    assert windows(since, until, months) == expected


def test_five_years_make_ten_contiguous_windows_of_at_most_six_months():
    found = windows(D(2021, 1, 1), D(2025, 12, 31))
    assert len(found) == 10
    assert found[0] == (D(2025, 7, 1), D(2025, 12, 31))
    assert found[-1] == (D(2021, 1, 1), D(2021, 6, 30))
    assert all(newer[0] - timedelta(days=1) == older[1] for newer, older in pairwise(found))
    assert all((end - start).days < 184 for start, end in found)


def test_a_window_needs_a_month():
    with pytest.raises(ValueError):
        windows(D(2024, 1, 1), D(2024, 12, 31), months=0)


@pytest.mark.parametrize(("window", "expected"), [
    ((D(2024, 2, 29), D(2024, 2, 29)), []),
    ((D(2024, 2, 28), D(2024, 2, 29)), [(D(2024, 2, 29), D(2024, 2, 29)), (D(2024, 2, 28), D(2024, 2, 28))]),
    ((D(2024, 1, 1), D(2024, 12, 31)), [(D(2024, 7, 2), D(2024, 12, 31)), (D(2024, 1, 1), D(2024, 7, 1))]),
    ((D(2025, 1, 1), D(2025, 1, 3)), [(D(2025, 1, 3), D(2025, 1, 3)), (D(2025, 1, 1), D(2025, 1, 2))]),
])
def test_halve_splits_a_window_newer_half_first(window, expected):
    assert halve(window) == expected


def test_halving_again_and_again_ends_in_single_days_covering_the_window():
    pending, days = [(D(2024, 2, 20), D(2024, 3, 5))], []
    while pending:
        window = pending.pop(0)
        halves = halve(window)
        pending += halves
        if not halves:
            days.append(window[0])
    assert sorted(days) == [D(2024, 2, 20) + timedelta(days=n) for n in range(15)]


def test_list_url_asks_for_the_range_in_summary_layout():
    assert list_url(D(2025, 1, 1), D(2025, 6, 30)) == (
        "mgDelegatedDecisions.aspx?XXR=0&DR=01%2f01%2f2025-30%2f06%2f2025&ACT=Find&RP=0&K=0&V=0&DM=0&HD=0"
        "&DS=2&Next=true&META=mgdelegateddecisions")


# Real decision lists

@pytest.mark.realworld
def test_decision_list_keeps_only_decision_rows(realworld):
    rows = parse_decision_list(_lgsf(realworld, "modgov_decisions_list.html"))
    assert [row["decision_id"] for row in rows] == ["13567", "13149"]
    assert [row["href"] for row in rows] == ["ieDecisionDetails.aspx?ID=13567", "ieDecisionDetails.aspx?ID=13149"]


@pytest.mark.realworld
def test_decision_list_row_has_title_without_hidden_ref_dates_and_call_in(realworld):
    row = parse_decision_list(_lgsf(realworld, "modgov_decisions_list.html"))[1]
    assert row == {"decision_id": "13149", "title": "Admission of the Public", "published": D(2025, 11, 3),
                   "effective": D(2025, 11, 3), "call_in": "Not for call-in", "href": "ieDecisionDetails.aspx?ID=13149"}
    first = parse_decision_list(_lgsf(realworld, "modgov_decisions_list.html"))[0]
    assert first["title"].endswith("Railway Street, Huddersfield")
    assert first["published"] == D(2025, 4, 1)


@pytest.mark.realworld
def test_officer_list_has_title_and_date_only(realworld):
    assert parse_decision_list(_lgsf(realworld, "modgov_officer_decisions_list.html")) == [
        {"decision_id": "13149", "title": "Admission of the Public", "published": D(2025, 11, 3),
         "effective": None, "call_in": "", "href": "ieDecisionDetails.aspx?ID=13149"}]


@pytest.mark.realworld
@pytest.mark.parametrize("name", ["modgov_decisions_list.html", "modgov_officer_decisions_list.html"])
def test_real_lists_are_decision_lists_bare_or_inside_a_page(realworld, name):
    table = _lgsf(realworld, name)
    page = f'<html><body><div class="site"><p>Menu</p></div><div id="modgov">{table}</div></body></html>'
    assert is_decision_list(table)
    assert is_decision_list(page)
    assert parse_decision_list(page) == parse_decision_list(table)


# Real decision details

KIRKLEES_DETAILS = {
    "modgov_decision_detail.html": {
        "decision_id": "5117", "title": "Minutes of Previous Meeting", "decision_maker": "",
        "status": "Recommendations Approved", "is_key": False, "call_in": "No",
        "published": D(2015, 10, 22), "decided": D(2015, 10, 19), "effective": None, "purpose": "",
        "decision": ("The Minutes of", 1),
        "reasons": "", "alternatives": "",
        "meeting_id": "4832", "meeting_date": D(2015, 10, 19), "meeting_title": "Policy Committee",
        "meeting_url": BASE + "ieListDocuments.aspx?CId=151&MID=4832",
        "issue_id": "6535", "issue_url": BASE + "mgIssueHistoryHome.aspx?IId=6535&Opt=0",
        "documents": [(BASE + "documents/s7942/polc2 - 23.09.2015.pdf", "polc2 - 23.09.2015")],
    },
    "modgov_decision_detail_no_documents.html": {
        "decision_id": "5117",
        "title": "To enable the Council's waste treatment contractor to consult on alternative processing arrangements",
        "decision_maker": "Strategic Director for Environment", "status": "Recommendations Approved",
        "is_key": True, "call_in": "Yes", "published": D(2026, 8, 5), "decided": D(2026, 8, 4), "effective": None,
        "purpose": ("To seek approval", 1),
        "decision": ("That approval be", 1),
        "reasons": "", "alternatives": "",
        "meeting_id": None, "meeting_date": None, "meeting_title": None, "meeting_url": None,
        "issue_id": None, "issue_url": None, "documents": [],
    },
    "modgov_decision_multi_paragraph.html": {
        "decision_id": "5117", "title": "Appointment of contractor to demolish Holme Park Court",
        "decision_maker": "Service Director - Homes & Neighbourhoods", "status": "Recommendations Approved",
        "is_key": False, "call_in": "No", "published": D(2025, 12, 10), "decided": D(2021, 7, 27), "effective": None,
        "purpose": "",
        "decision": ("The demolition of", 2),
        "reasons": "", "alternatives": "",
        "meeting_id": None, "meeting_date": None, "meeting_title": None, "meeting_url": None,
        "issue_id": None, "issue_url": None, "documents": [],
    },
}


@pytest.mark.realworld
@pytest.mark.parametrize("name", sorted(KIRKLEES_DETAILS))
def test_real_decision_detail_gives_every_field(realworld, name):
    found = parse_decision(_lgsf(realworld, name), DETAIL_URL)
    expected = KIRKLEES_DETAILS[name]
    assert found.keys() == expected.keys()
    for field, value in expected.items():
        if isinstance(value, tuple):  # prose: its opening words and its number of paragraphs
            opening, paragraphs = value
            assert found[field].startswith(opening) and len(found[field].split("\n\n")) == paragraphs, field
        else:
            assert found[field] == value, field


@pytest.mark.realworld
def test_document_link_keeps_its_raw_space_for_scrapy_to_encode(realworld):
    [(url, _)] = parse_decision(_lgsf(realworld, "modgov_decision_detail.html"), DETAIL_URL)["documents"]
    assert " " in url
    assert scrapy.Request(url).url == BASE + "documents/s7942/polc2%20-%2023.09.2015.pdf"
    assert document_id("kirklees", BASE, url) == "kirklees/s7942"


@pytest.mark.realworld
def test_officer_decision_has_no_meeting(realworld):
    found = parse_decision(_lgsf(realworld, "modgov_decision_detail_no_documents.html"), DETAIL_URL)
    assert found["decision_maker"] == "Strategic Director for Environment"
    assert found["purpose"].startswith("To seek approval")
    assert (found["meeting_id"], found["meeting_url"], found["documents"]) == (None, None, [])


@pytest.mark.realworld
def test_multi_paragraph_decision_keeps_paragraphs_and_drops_the_nbsp_spacer(realworld):
    text = parse_decision(_lgsf(realworld, "modgov_decision_multi_paragraph.html"), DETAIL_URL)["decision"]
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 2 and all(p.strip() == p and len(p) > 40 for p in paragraphs)
    assert paragraphs[1].startswith("This decision was") and "\xa0" not in text


# Invented markup: label tolerance, lists without headers, empty and error pages

ODD_LABELS = """<div id="modgov"><h2 class="mgSubTitleTxt">Closure of Fenmoor Depot</h2>
<div class="mgContent">
<p><span class="mgLabel">decision&nbsp;maker</span>Head of Fleet Services</p>
<p><span class="mgLabel">IS KEY DECISION?</span> yes</p>
<p><span class="mgLabel">Is subject to call-in?:</span>Yes &nbsp;</p>
<p><span class="mgLabel">Date of decision&#58;</span>03&#47;02&#47;2025</p>
<p><span class="mgLabel">Date comes into force if not called in: </span>11&#47;02&#47;2025</p>
<p><span class="mgLabel">Decided at meeting: </span><a href="ieListDocuments.aspx?CId=7&amp;MId=88">3 Feb 2025 - Fleet Board</a></p>
<h3 class="mgSubSubTitleTxt">Reasons for the decision</h3>
<p>An unrelated paragraph between heading and text.</p>
<div class="mgWordPara"><p>The depot&rsquo;s lease ends in March.</p></div>
<h3 class="mgSubSubTitleTxt">Alternative options considered:</h3>
<div class="mgWordPara"><p>Renewing the lease for five years.</p></div>
</div></div>"""


@pytest.mark.parametrize(("field", "expected"), [
    ("decision_maker", "Head of Fleet Services"),
    ("is_key", True),
    ("call_in", "Yes"),
    ("decided", D(2025, 2, 3)),
    ("effective", D(2025, 2, 11)),
    ("meeting_id", "88"),
    ("meeting_date", D(2025, 2, 3)),
    ("meeting_title", "Fleet Board"),
    ("reasons", "The depot\u2019s lease ends in March."),
    ("alternatives", "Renewing the lease for five years."),
    ("published", None),
    ("title", "Closure of Fenmoor Depot"),
])
def test_labels_match_without_case_colon_or_nbsp(field, expected):
    assert parse_decision(ODD_LABELS, BASE + "ieDecisionDetails.aspx?id=77")[field] == expected


def test_decision_id_comes_from_the_page_url():
    assert parse_decision(ODD_LABELS, BASE + "ieDecisionDetails.aspx?id=77")["decision_id"] == "77"


def test_list_without_headers_reads_columns_by_position():
    table = ('<table><tr><td><a href="ieDecisionDetails.aspx?ID=9">Gritting routes</a></td>'
             '<td>02/10/2024</td><td>09/10/2024</td><td>Called in</td></tr></table>')
    assert parse_decision_list(table) == [{"decision_id": "9", "title": "Gritting routes", "published": D(2024, 10, 2),
                                           "effective": D(2024, 10, 9), "call_in": "Called in",
                                           "href": "ieDecisionDetails.aspx?ID=9"}]


def test_list_inside_a_layout_table_gives_each_row_once():
    page = ('<div id="modgov"><table><tr><td><table><tr><th>Title</th><th>Date</th></tr>'
            '<tr><td><a href="ieDecisionDetails.aspx?ID=9">Gritting routes</a></td><td>02/10/2024</td></tr>'
            '</table></td></tr></table></div>')
    assert [(row["decision_id"], row["published"]) for row in parse_decision_list(page)] == [("9", D(2024, 10, 2))]


@pytest.mark.parametrize(("page", "expected"), [
    ('<div id="modgov"><p>No decisions have been published in this date range.</p></div>', True),
    ('<div id="modgov"><p>There are no decisions to display.</p></div>', True),
    ('<div id="modgov"><table summary="Table of decision summary data"><tr><th>Title</th></tr></table></div>', True),
    ('<div id="modgov"><h1>Error</h1><p>An error occurred. Please try again.</p></div>', False),
    ("<html><body><h1>Request timed out</h1></body></html>", False),
    ("", False),
])
def test_is_decision_list_tells_an_empty_list_from_an_error_page(page, expected):
    assert is_decision_list(page) is expected


# Demoshire decision pages

@pytest.fixture(scope="module")
def site():
    return load_site("demo")


def _expected(decision, base: str) -> dict:
    """What the detail page of a demo decision must parse to."""
    meeting = decision.meeting
    return {
        "decision_id": str(decision.id), "title": decision.title, "decision_maker": decision.maker,
        "status": "Recommendations Approved", "is_key": decision.is_key, "call_in": decision.call_in,
        "published": decision.published, "decided": decision.decided, "effective": decision.effective,
        **{field: "\n\n".join(plain(p) for p in getattr(decision, field))
           for field in ("purpose", "decision", "reasons", "alternatives")},
        "meeting_id": str(meeting.mid) if meeting else None,
        "meeting_date": meeting.start.date() if meeting else None,
        "meeting_title": meeting.committee.name if meeting else None,
        "meeting_url": urljoin(base, f"ieListDocuments.aspx?CId={meeting.committee.cid}&MID={meeting.mid}")
        if meeting else None,
        "issue_id": str(decision.issue_id) if decision.issue_id else None,
        "issue_url": urljoin(base, f"mgIssueHistoryHome.aspx?IId={decision.issue_id}&Opt=0")
        if decision.issue_id else None,
        "documents": [(urljoin(base, doc.href), doc.title) for doc in decision.documents],
    }


def test_every_decision_on_the_demo_list_parses_to_its_model(site):
    council = site.council
    listed = parse_decision_list(demo.list_page(council, D(2021, 1, 1), D(2025, 12, 31)))
    model = {str(d.id): d for d in demo.decisions(council)}
    assert [row["decision_id"] for row in listed] == list(model)
    for row in listed:
        decision = model[row["decision_id"]]
        assert (row["title"], row["published"], row["effective"], row["call_in"]) == (
            decision.title, decision.published, decision.effective, decision.call_in_status)
        page = demo.detail_page(council, decision.id, site.size)
        assert parse_decision(page, urljoin(BASE, row["href"])) == _expected(decision, BASE)


def test_demo_decisions_come_from_items_with_decision_text(site):
    found = {d.id: d for d in demo.decisions(site.council)}
    assert {22012, 22013, 22014, 23803, 23804, 23805, 24703, 24704} <= set(found)
    assert 22010 not in found  # apologies: no decision text
    assert found[22012].meeting.mid == 3655
    assert [doc.path for doc in found[22012].documents] == [
        "documents/s18120/SEND Additional Investment Cabinet Report.pdf",
        "documents/s18121/Appendix 1 - SEND Investment Breakdown.pdf"]


def test_demo_has_an_officer_decision_without_meeting_or_documents(site):
    officers = [d for d in demo.decisions(site.council) if d.meeting is None]
    assert officers
    for officer in officers:
        assert officer.maker not in {c.name for c in site.council.committees}
        assert officer.documents == ()
        assert D(2021, 11, 1) <= officer.decided <= officer.published <= D(2025, 7, 31)


@pytest.mark.parametrize(("aiid", "is_key", "published", "effective"), [
    (22012, True, D(2023, 7, 18), D(2023, 7, 25)),  # mentions £8 million; five working days on
    (22013, False, D(2023, 7, 18), D(2023, 7, 18)),
    (23804, True, D(2024, 10, 15), D(2024, 10, 22)),
    (24704, True, D(2025, 7, 15), D(2025, 7, 22)),
])
def test_demo_key_decisions_are_those_mentioning_money(site, aiid, is_key, published, effective):
    found = demo.decision(site.council, aiid)
    assert (found.is_key, found.published, found.effective) == (is_key, published, effective)


@pytest.mark.parametrize("decision_id", [1, 22010, 99999999])
def test_unknown_or_undecided_id_has_no_detail_page(site, decision_id):
    assert demo.detail_page(site.council, decision_id) is None


def test_demo_list_shows_only_decisions_published_in_the_range(site):
    rows = parse_decision_list(demo.list_page(site.council, D(2023, 7, 18), D(2023, 7, 18)))
    assert sorted(row["decision_id"] for row in rows) == ["22012", "22013", "22014"]


@pytest.mark.parametrize("page", ["empty", "not found", "server error"])
def test_demo_empty_list_is_a_list_and_error_pages_are_not(site, page):
    html = {"empty": lambda c: demo.list_page(c, D(2019, 1, 1), D(2019, 12, 31)),
            "not found": not_found, "server error": server_error}[page](site.council)
    assert is_decision_list(html) is (page == "empty")


def test_demo_file_size_labels_stay_out_of_document_titles(site):
    page = demo.detail_page(site.council, 22012, site.size)
    assert "mgFileSize" in page
    titles = [title for _, title in parse_decision(page, DETAIL_URL)["documents"]]
    assert titles == ["SEND Improvement: Additional Investment 2023/24 and 2024/25",
                      "Appendix 1 - SEND Investment Breakdown"]


@pytest.mark.parametrize(("start", "end", "limit", "expected"), [
    (D(2024, 1, 1), D(2024, 1, 1), 1, False),
    (D(2024, 1, 1), D(2024, 1, 2), 1, True),
    (D(2024, 1, 1), D(2024, 6, 30), 182, False),
    (D(2024, 1, 1), D(2024, 6, 30), 181, True),
    (D(2020, 1, 1), D(2025, 12, 31), None, False),
])
def test_too_long_counts_days_inclusively(start, end, limit, expected):
    assert demo.too_long(start, end, limit) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("01/01/2025-30/06/2025", (D(2025, 1, 1), D(2025, 6, 30))),
    ("1/1/2025 - 30/6/2025", (D(2025, 1, 1), D(2025, 6, 30))),
    ("31/02/2025-30/06/2025", None),
    ("", None),
    ("2025-01-01", None),
])
def test_date_range_reads_the_dr_parameter(value, expected):
    assert demo.date_range(value) == expected


def test_halving_too_long_windows_still_finds_every_demo_decision(site):
    """What the spider does against a site that fails on ranges over 40 days."""
    pending, found, failures = windows(D(2021, 1, 1), D(2025, 12, 31)), set(), 0
    while pending:
        start, end = pending.pop(0)
        if demo.too_long(start, end, 40):
            failures += 1
            pending += halve((start, end))
            continue
        page = demo.list_page(site.council, start, end)
        assert is_decision_list(page)
        found |= {row["decision_id"] for row in parse_decision_list(page)}
    assert failures >= 10
    assert found == {str(d.id) for d in demo.decisions(site.council)}
