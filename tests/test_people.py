"""Attendance, named votes, the member index and member pages: the parsers on small made-up pages
(the real markup is unverified, so the cases vary it), on the Demoshire pages, and on real pages."""

from collections import Counter
from datetime import date

import pytest
import yaml

from demo import people
from demo.faults import build_council
from demo.story import load_story
from scrapers.moderngov.people import (
    clean_name,
    parse_attendance,
    parse_member,
    parse_member_index,
    parse_named_votes,
)

BASE = "https://democracy.example.gov.uk/"
HOME_ADDRESS = "12 Quernstone Way"
HOME_PHONE = "01632 960271"
MOBILE = "07700 900271"


def modgov(content: str, subtitle: str = "Page subtitle") -> str:
    """A page with the standard ModernGov chrome around ``content``."""
    return (f'<html><body><div class="site">Council template <h2>Site news</h2></div><div id="modgov">'
            f'<div class="mgHeader"><h1 class="mgMainTitleTxt">Page type</h1></div>'
            f'<div class="mgSubTitle"><h2 class="mgSubTitleTxt">{subtitle}</h2></div>'
            f'<div class="mgContent">{content}</div></div></body></html>')


def table(headers, *rows) -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="mgStatsTable"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def link(uid: int, name: str) -> str:
    return f'<a href="mgUserInfo.aspx?UID={uid}">{name}</a>'


@pytest.fixture(scope="module")
def demo():
    return load_story()


@pytest.fixture(scope="module")
def roster():
    return yaml.safe_load(people.MEMBERS.read_text(encoding="utf-8"))["demoshire"]


# -- names -------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, name", [
    ("Councillor Ann Bee", "Ann Bee"),
    ("Cllr  Ann\xa0Bee", "Ann Bee"),
    ("Cllr. Ann Bee", "Ann Bee"),
    ("County Councillor Ann Bee", "Ann Bee"),
    ("  Ann   Bee MBE ", "Ann Bee MBE"),
    ("Councillorson Ann", "Councillorson Ann"),
])
def test_clean_name_strips_only_a_leading_title(raw, name):
    assert clean_name(raw) == name


# -- attendance --------------------------------------------------------------------------------

@pytest.mark.parametrize("columns", [
    (("Councillor", "name"), ("Role", "role"), ("Attendance", "attendance")),
    (("Attendance", "attendance"), ("Councillor", "name"), ("Role", "role")),
    (("Role", "role"), ("Attendance", "attendance"), ("Member", "name")),
    (("Name", "name"), ("Member role", "role"), ("Attendance status", "attendance")),
])
def test_attendance_reads_columns_by_header_text(columns):
    values = {"name": link(41, "Councillor Ann Bee"), "role": "Chair", "attendance": "Present"}
    page = modgov(table([header for header, _ in columns], [values[field] for _, field in columns]))
    assert parse_attendance(page, BASE + "mgMeetingAttendance.aspx?ID=9") == [
        {"member_id": "41", "name": "Ann Bee", "role": "Chair", "attendance": "present",
         "url": BASE + "mgUserInfo.aspx?UID=41"}]


@pytest.mark.parametrize("shown, normalised", [
    ("Present", "present"),
    ("Apologies", "apologies"),
    ("Apologies received", "apologies"),
    ("Sent apologies", "apologies"),
    ("Absent", "absent"),
    ("Expected", "expected"),
    ("Present as substitute", "present as substitute"),
    ("In attendance", "in attendance"),
    ("Present, as virtual", "present, as virtual"),
])
def test_attendance_wording_is_normalised_lower_case(shown, normalised):
    page = modgov(table(("Councillor", "Role", "Attendance"), (link(7, "Cllr Dee"), "Committee Member", shown)))
    assert parse_attendance(page, BASE)[0]["attendance"] == normalised


def test_attendance_row_without_member_link_has_no_id_or_url():
    page = modgov(table(("Councillor", "Role", "Attendance"),
                        ("Cllr Gwen Harte<br/>Co-opted member", "Co-optee", "Apologies received")))
    assert parse_attendance(page, BASE) == [
        {"member_id": None, "name": "Gwen Harte", "role": "Co-optee", "attendance": "apologies", "url": None}]


def test_attendance_ignores_tables_without_an_attendance_column():
    page = modgov(table(("Title", "Type", "Result"), ("Motion", "Resolution", "Carried")))
    assert parse_attendance(page, BASE) == []


# -- named votes -------------------------------------------------------------------------------

SHORT_VOTES = modgov(
    "<h3>7. Motions on notice</h3>"
    "<h4>Motion on bus passes:</h4><p><span class='mgLabel'>Resolution status: </span>Carried</p>"
    + table(("Councillor", "Vote"), (link(1, "Councillor Ann Bee"), "For"), (link(2, "Cllr Carl Dee"), "Against"),
            (link(3, "Councillor Eve Fox"), "Abstain"))
    + "<h4>Amendment by Councillor Fox</h4><p>Amendment status:Rejected</p>"
    + table(("Vote", "Councillor"), ("Against", link(1, "Councillor Ann Bee")), ("For", link(3, "Councillor Eve Fox"))),
    subtitle="Full Council - Thursday 5 March 2026 7:00 pm")

LONG_VOTES = modgov(
    "<h2>Full Council, Thursday, 14th March, 2024 1.00 pm</h2><h3>7. Budget 2024/25</h3>"
    "<h4>Budget - Green Amendment:</h4><p>Amendment status: Rejected</p>"
    + table(("Councillor", "Vote"), (link(1, "Ann Bee"), "For"))
    + "<h2>Full Council, Thursday, 16th May, 2024 2.00 pm</h2>"
    "<h4>Election of Chair</h4>"
    + table(("Councillor", "Vote"), (link(2, "Carl Dee"), "Aye")))

LANCASHIRE_VOTES = modgov(
    "<h4>Notice of Motion 1</h4><p>Motion status: Carried</p>"
    "<table><tr><td>Councillor</td><td>Vote</td></tr>"
    f"<tr><td>{link(5, 'County Councillor Ann Bee')}<td>For</td></td><td>For</td></tr>"
    "<tr><td>Carl Dee<td>Against</td></td><td>Against</td></tr></table>")


def test_short_named_votes_give_title_status_and_each_member():
    votes = parse_named_votes(SHORT_VOTES, BASE + "mgListRecordedVotesShort.aspx?AIID=5&MID=9")
    assert [(v["title"], v["status"], v["item_title"]) for v in votes] == [
        ("Motion on bus passes", "Carried", "7. Motions on notice"),
        ("Amendment by Councillor Fox", "Rejected", "7. Motions on notice")]
    assert votes[0]["votes"] == [{"member_id": "1", "name": "Ann Bee", "vote": "for"},
                                 {"member_id": "2", "name": "Carl Dee", "vote": "against"},
                                 {"member_id": "3", "name": "Eve Fox", "vote": "abstain"}]
    assert [v["vote"] for v in votes[1]["votes"]] == ["against", "for"], "columns read by header, not position"
    assert all("meeting_title" not in v for v in votes), "the page subtitle is chrome, not a meeting heading"


def test_long_named_votes_carry_meeting_and_item_until_the_next_meeting():
    votes = parse_named_votes(LONG_VOTES, BASE + "mgListRecordedVotes.aspx?UID=0&DR=01/01/2024-31/12/2024")
    assert [{k: v for k, v in vote.items() if k != "votes"} for vote in votes] == [
        {"title": "Budget - Green Amendment", "status": "Rejected",
         "meeting_title": "Full Council, Thursday, 14th March, 2024 1.00 pm", "item_title": "7. Budget 2024/25"},
        {"title": "Election of Chair", "status": "",
         "meeting_title": "Full Council, Thursday, 16th May, 2024 2.00 pm"}]
    assert votes[1]["votes"] == [{"member_id": "2", "name": "Carl Dee", "vote": "for"}]


def test_lancashire_nested_cells_give_clean_names_and_votes():
    votes = parse_named_votes(LANCASHIRE_VOTES, BASE)
    assert votes == [{"title": "Notice of Motion 1", "status": "Carried", "votes": [
        {"member_id": "5", "name": "Ann Bee", "vote": "for"},
        {"member_id": None, "name": "Carl Dee", "vote": "against"}]}]


@pytest.mark.parametrize("shown, normalised", [
    ("For", "for"), ("Aye", "for"), ("In favour", "for"), ("Against", "against"), ("No", "against"),
    ("Abstain", "abstain"), ("Abstention", "abstain"), ("Absent", "absent"), ("Did not vote", "did not vote"),
])
def test_vote_wording_is_normalised_lower_case(shown, normalised):
    page = modgov("<h4>Motion</h4>" + table(("Councillor", "Vote"), (link(1, "Ann Bee"), shown)))
    assert parse_named_votes(page, BASE)[0]["votes"][0]["vote"] == normalised


def test_caption_titles_a_vote_without_heading():
    page = modgov(table(("Member", "Vote"), (link(1, "Ann Bee"), "For")).replace(
        "<thead>", "<caption>Vote on the budget</caption><thead>"))
    assert parse_named_votes(page, BASE)[0]["title"] == "Vote on the budget"


def test_meeting_page_recorded_vote_summary_is_not_a_named_vote():
    summary = ('<table class="mgTableNoBorderFullWidth"><caption class="mgSectionTitle">Recorded Vote</caption>'
               '<thead><th scope="col">Title</th><th scope="col">Type</th><th scope="col">Recorded Vote text</th>'
               '<th scope="col">Result</th></th><tr><td>Motion</td><td>Resolution</td><td></td>'
               "<td><img alt='' src='mgImages/motions/MotionPositive.png' />Carried</td></tr></table>")
    assert parse_named_votes(modgov(summary), BASE) == []


# -- member index ------------------------------------------------------------------------------

@pytest.mark.parametrize("columns", [
    (("Councillor", "name"), ("Ward", "ward"), ("Party", "party")),
    (("Party", "party"), ("Councillor", "name"), ("Ward", "ward")),
    (("Ward", "ward"), ("Party", "party"), ("Councillor", "name")),
    (("Political group", "party"), ("Member", "name"), ("Division", "ward")),
])
def test_member_index_reads_columns_by_header_text(columns):
    values = {"name": f"<p>{link(88, 'Councillor Ann Bee')}</p><p>{HOME_ADDRESS}<br/>Demsbury</p>",
              "ward": "Castle Ward", "party": "Green Party"}
    page = modgov(table([header for header, _ in columns], [values[field] for _, field in columns]))
    members = parse_member_index(page, BASE + "mgMemberIndex.aspx")
    assert members == [{"member_id": "88", "name": "Ann Bee", "ward": "Castle Ward", "party": "Green Party",
                        "url": BASE + "mgUserInfo.aspx?UID=88"}]
    assert HOME_ADDRESS not in repr(members)


def test_member_index_name_without_link_is_its_first_line_only():
    page = modgov(table(("Picture", "Councillor", "Party", "Ward"),
                        ('<img alt="Ann Bee" src="x.jpg">', f"Cllr Ann Bee<br/>{HOME_ADDRESS}", "Labour", "Castle")))
    members = parse_member_index(page, BASE)
    assert members == [{"member_id": None, "name": "Ann Bee", "url": None, "ward": "Castle", "party": "Labour"}]


def test_member_index_list_view_gives_links_only():
    page = modgov(f'<ul class="mgBulletList"><li>{link(3, "Councillor Eve Fox")}</li>'
                  f'<li>{link(4, "Councillor Gus Hale")}</li></ul>')
    assert [(m["member_id"], m["name"], m["party"]) for m in parse_member_index(page, BASE)] == [
        ("3", "Eve Fox", ""), ("4", "Gus Hale", "")]


# -- member page -------------------------------------------------------------------------------

MEMBER_PAGE = modgov(
    '<div class="mgUserSideBar"><p><span class="mgLabel">Ward:&nbsp;</span>Castle Ward</p>'
    '<p><span class="mgLabel">Political group:</span> Green Party</p>'
    f'<p><span class="mgLabel">Address:</span><br/>Home address<br/>{HOME_ADDRESS}<br/>Demsbury DM9 9ZZ</p>'
    f'<p><span class="mgLabel">Phone:</span> Home: {HOME_PHONE}</p>'
    f'<p><span class="mgLabel">Mobile:</span> {MOBILE}</p>'
    '<p><span class="mgLabel">Email:</span> <a href="mailto:ann.bee@example.gov.uk">ann.bee@example.gov.uk</a></p>'
    '</div><div class="mgUserBody">'
    f'<h2 class="mgSectionTitle">Contact information</h2><ul><li>{HOME_ADDRESS}</li><li>{HOME_PHONE}</li></ul>'
    '<h2 class="mgSectionTitle">Posts</h2><ul class="mgBulletList"><li>Leader of the Green Group</li></ul>'
    '<h2 class="mgSectionTitle">Committee appointments</h2><ul class="mgBulletList">'
    '<li><a href="mgCommitteeDetails.aspx?ID=5">Cabinet</a>&nbsp;&#40;Chair&#41;</li>'
    '<li><a href="mgCommitteeDetails.aspx?ID=6">Audit Committee</a></li></ul>'
    '<h2 class="mgSectionTitle">Appointments to outside bodies</h2><ul><li>Demsbury Canal Trust</li></ul>'
    '<h2 class="mgSectionTitle">More information about this councillor</h2><ul class="mgBulletList">'
    '<li><a href="mgRofI.aspx?UID=88">Register of interests</a></li></ul></div>',
    subtitle="Councillor Ann Bee")


def test_member_page_reads_name_party_ward_and_roles():
    assert parse_member(MEMBER_PAGE, BASE + "mgUserInfo.aspx?UID=88") == {
        "member_id": "88", "name": "Ann Bee", "party": "Green Party", "ward": "Castle Ward",
        "roles": ["Leader of the Green Group", "Cabinet (Chair)", "Audit Committee", "Demsbury Canal Trust"]}


@pytest.mark.parametrize("private", [HOME_ADDRESS, "DM9 9ZZ", HOME_PHONE, MOBILE, "ann.bee@", "Home address"])
def test_member_page_never_returns_address_phone_or_email(private):
    assert private in MEMBER_PAGE
    assert private not in repr(parse_member(MEMBER_PAGE, BASE + "mgUserInfo.aspx?UID=88"))


def test_labels_sharing_one_paragraph_never_take_the_address_that_follows():
    page = modgov(f"<p><span class='mgLabel'>Party:</span> Labour<br/><span class='mgLabel'>Ward:</span> Hilltop<br/>"
                  f"<span class='mgLabel'>Home address:</span> {HOME_ADDRESS}<br/>"
                  "<span class='mgLabel'>Mobile:</span> 07700 900123</p>", subtitle="Cllr Gus Hale")
    found = parse_member(page, BASE + "mgUserInfo.aspx?UID=7")
    assert (found["party"], found["ward"]) == ("Labour", "Hilltop")
    assert HOME_ADDRESS not in repr(found) and "07700" not in repr(found)


def test_member_index_ward_cell_gives_its_first_line_only():
    page = modgov(table(("Councillor", "Ward", "Party"), (link(9, "Cllr Gus Hale"), f"Hilltop<br/>{HOME_ADDRESS}", "Labour")))
    (member,) = parse_member_index(page, BASE)
    assert (member["ward"], member["party"]) == ("Hilltop", "Labour")


def test_member_page_without_labels_gives_empty_fields():
    assert parse_member(modgov("<p>No details.</p>", subtitle="Cllr Gus Hale"), BASE + "mgUserInfo.aspx") == {
        "member_id": None, "name": "Gus Hale", "party": "", "ward": "", "roles": []}


# -- the Demoshire pages -------------------------------------------------------------------------

def test_every_demo_committee_member_has_one_roster_entry(demo, roster):
    names = [entry["name"] for entry in roster]
    uids = [entry["uid"] for entry in roster]
    assert len(set(names)) == len(names) and len(set(uids)) == len(uids)
    assert {name for c in demo.committees for name, _ in c.members} == set(names)


def test_demo_member_index_round_trips_the_roster(demo, roster):
    members = parse_member_index(people.member_index(demo), BASE + "mgMemberIndex.aspx?FN=ALPHA&VW=TABLE&PIC=0")
    assert sorted((m["member_id"], m["name"], m["party"], m["ward"]) for m in members) == sorted(
        (str(e["uid"]), e["name"], e["party"], e["ward"]) for e in roster)


def test_demo_member_pages_round_trip_and_keep_contact_details_out(demo, roster):
    trapped = 0
    for entry in roster:
        html = people.member_page(demo, entry["uid"])
        parsed = parse_member(html, BASE + f"mgUserInfo.aspx?UID={entry['uid']}")
        assert (parsed["member_id"], parsed["name"], parsed["party"], parsed["ward"]) == (
            str(entry["uid"]), entry["name"], entry["party"], entry["ward"])
        assert (entry["role"] in parsed["roles"]) if entry["role"] else True
        for private in (entry.get("home_address"), entry.get("phone"), entry.get("mobile")):
            if private:
                first_line = private.split(",")[0]
                assert first_line in html, "the page shows it: the trap is set"
                assert first_line not in repr(parsed)
                trapped += 1
    assert trapped >= 3


def test_demo_member_page_lists_committee_appointments(demo):
    parsed = parse_member(people.member_page(demo, 303), BASE + "mgUserInfo.aspx?UID=303")
    assert parsed["roles"] == ["Leader of the Council", "County Council (Leader of the Council)",
                               "Cabinet (Leader of the Council)"]


def test_demo_unknown_member_has_no_page(demo):
    assert people.member_page(demo, 999) is None


def test_demo_attendance_lists_the_committee_with_a_mix_of_statuses(demo):
    seen = Counter()
    for meeting in demo.all_meetings():
        rows = parse_attendance(people.attendance_page(demo, meeting), BASE)
        if meeting.cancelled:
            assert rows == []
            continue
        assert [r["name"] for r in rows] == [name for name, _ in meeting.committee.members]
        assert all(r["member_id"] and r["url"].endswith(f"UID={r['member_id']}") for r in rows)
        seen.update(r["attendance"] for r in rows)
    assert set(seen) == {"present", "apologies", "absent"}
    assert seen["present"] > seen["apologies"] + seen["absent"]


def test_demo_attendance_agrees_with_the_apologies_item(demo):
    meeting = demo.meeting(3477)
    rows = parse_attendance(people.attendance_page(demo, meeting), BASE)
    assert "Martin Overend and Idris Penhallow" in meeting.items[0].minutes[0]
    assert {r["name"] for r in rows if r["attendance"] == "apologies"} == {"Martin Overend", "Idris Penhallow"}


def test_demo_future_meeting_attendance_is_expected(demo):
    meeting = demo.meeting(4070)
    rows = parse_attendance(people.attendance_page(demo, meeting, today=date(2025, 7, 1)), BASE)
    assert rows and {r["attendance"] for r in rows} == {"expected"}


def test_demo_named_votes_agree_with_the_recorded_vote_result(demo):
    checked = 0
    for meeting in demo.all_meetings():
        present = {r["name"] for r in parse_attendance(people.attendance_page(demo, meeting), BASE)
                   if r["attendance"] == "present"}
        for item in meeting.items:
            html = people.named_votes_page(demo, meeting, item)
            if not item.votes:
                assert html is None
                continue
            votes = parse_named_votes(html, BASE + f"mgListRecordedVotesShort.aspx?AIID={item.aiid}&MID={meeting.mid}")
            assert [(v["title"], v["status"]) for v in votes] == [(v.title, v.result) for v in item.votes]
            for vote in votes:
                counts = Counter(v["vote"] for v in vote["votes"])
                assert set(counts) <= {"for", "against", "abstain", "absent"}
                assert {v["name"] for v in vote["votes"] if v["vote"] != "absent"} == present
                if vote["status"] == "Carried":
                    assert counts["for"] > counts["against"], vote["title"]
                else:
                    assert counts["against"] > counts["for"], vote["title"]
                checked += 1
    assert checked == 5


def test_council_without_roster_numbers_its_committee_members_by_name():
    council = build_council(0.0)
    assert [(m.uid, m.name) for m in people.members(council)] == [(1, "Ada Quill"), (2, "Bram Holt")]
    assert parse_member(people.member_page(council, 2), BASE + "mgUserInfo.aspx?UID=2")["name"] == "Bram Holt"


# -- real pages --------------------------------------------------------------------------------

@pytest.mark.realworld
def test_real_meeting_page_has_no_named_votes_or_attendance_rows(realworld):
    html = (realworld / "moderngov/kingston/Agenda_151.html").read_text(encoding="utf-8")
    url = "https://moderngov.kingston.gov.uk/ieListDocuments.aspx?CId=711&MId=10221&Ver=4"
    assert "Recorded Vote" in html
    assert parse_named_votes(html, url) == []
    assert parse_attendance(html, url) == []


@pytest.mark.realworld
def test_real_member_links_give_uid_and_plain_name(realworld):
    html = (realworld / "moderngov/kingston/CommitteeDetails.html").read_text(encoding="utf-8")
    members = parse_member_index(html, "https://moderngov.kingston.gov.uk/mgCommitteeDetails.aspx?ID=711")
    assert len(members) == 15
    assert members[0] == {"member_id": "2795", "name": "Olly Wehring", "ward": "", "party": "",
                          "url": "https://moderngov.kingston.gov.uk/mgUserInfo.aspx?UID=2795"}
