"""Pages about people on a demo council site: the member index, member pages, meeting attendance
and named votes.

Councillors come from ``demo/members.yml`` (keyed by council slug); a council without an entry
there gets members made from its committee lists, numbered in name order. The markup of these
pages is not confirmed against a real install (MODERNGOV.md §18): it uses ModernGov's usual
``table.mgStatsTable`` with ``th`` headers and ``mgUserInfo.aspx?UID=`` links.

Attendance and votes are deterministic. A held meeting marks as Apologies the members named by
its "Apologies for Absence" item (or, without one, a few picked by a hash of meeting and member)
and a few others Absent, but never an office holder nor anyone its minutes name; a future meeting
lists everyone as Expected; a cancelled meeting lists no one. In a named vote the largest group
votes with the result, the second largest against it (but for its own motions and amendments),
the others abstain and members not present are Absent, so a Carried vote has more For than Against.
"""

from __future__ import annotations

import functools
import re
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from demo.markup import attr, clock, long_date, text
from demo.pages import modgov, page

MEMBERS = Path(__file__).with_name("members.yml")
INDEX_HREF = "mgMemberIndex.aspx?FN=ALPHA&amp;VW=TABLE&amp;PIC=0"
APOLOGIES_TITLE = "Apologies for Absence"
# Titles of the votes on other groups' own proposals, which they support even when they lose.
PROPOSALS = re.compile(r"notice of motion|amendment", re.IGNORECASE)
PASSED = ("carried", "agreed")


@dataclass(frozen=True)
class Member:
    """A councillor. ``home_address``, ``phone`` and ``mobile`` are shown on the member page only."""

    uid: int
    name: str
    party: str = ""
    ward: str = ""
    role: str = ""
    home_address: str = ""
    phone: str = ""
    mobile: str = ""

    @property
    def href(self) -> str:
        """Relative link to the member page."""
        return f"mgUserInfo.aspx?UID={self.uid}"

    @property
    def surname(self) -> str:
        """The last word of the name, as minutes write it ("Councillor Ashdown-Kerr")."""
        return self.name.split()[-1]


@functools.lru_cache(maxsize=1)
def _roster(path: Path = MEMBERS) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=16)
def members(council) -> tuple[Member, ...]:
    """The council's councillors, from members.yml or, failing that, its committee lists."""
    listed = _roster().get(council.slug)
    if listed:
        return tuple(Member(**entry) for entry in listed)
    names = sorted({name for committee in council.committees for name, _ in committee.members})
    return tuple(Member(uid=index, name=name) for index, name in enumerate(names, 1))


def member(council, uid: int | None) -> Member | None:
    """The councillor with this UID, or None."""
    return next((m for m in members(council) if m.uid == uid), None)


def member_index(council) -> str:
    """``mgMemberIndex.aspx?FN=ALPHA&VW=TABLE&PIC=0``: every councillor, by surname, as a table."""
    rows = []
    for index, person in enumerate(sorted(members(council), key=lambda m: (m.surname, m.name))):
        row_class = "mgTableOddRow" if index % 2 == 0 else "mgTableEvenRow"
        address = f"<p>{_address_lines(person.home_address)}</p>" if person.home_address else ""
        rows.append(f'<tr class="{row_class}">\n<td><p>{_member_link(person)}</p>{address}</td>\n'
                    f"<td>{text(person.party)}</td>\n<td>{text(person.ward)}</td>\n</tr>")
    table = ('<table class="mgStatsTable" summary="Table of councillors">\n'
             '<caption class="mgSectionTitle">Councillors</caption>\n<thead><tr>'
             '<th scope="col">Councillor</th><th scope="col">Party</th><th scope="col">Division</th>'
             f'</tr></thead>\n<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table>')
    links = '<li><a  href="mgMemberIndex.aspx?FN=ALPHA&amp;VW=LIST&amp;PIC=0" >View as a list</a></li>'
    body = modgov("Your Councillors", "Councillors by surname", links, table)
    return page(council, "Your Councillors", body)


def member_page(council, uid: int | None) -> str | None:
    """``mgUserInfo.aspx?UID=<uid>``: party, division, contact details, posts and committees;
    None for an unknown UID."""
    person = member(council, uid)
    if person is None:
        return None
    side = "".join(f'<p><span class="mgLabel">{label}:&nbsp;</span>{text(value)}</p>\n'
                   for label, value in (("Division", person.ward), ("Party", person.party)) if value)
    contact = []
    if person.home_address:
        contact.append(f'<p><span class="mgLabel">Home address:</span><br />{_address_lines(person.home_address)}</p>')
    if person.phone:
        contact.append(f'<p><span class="mgLabel">Phone:&nbsp;</span>Home: {text(person.phone)}</p>')
    if person.mobile:
        contact.append(f'<p><span class="mgLabel">Mobile:&nbsp;</span>{text(person.mobile)}</p>')
    email = f"cllr.{person.surname.lower()}@{council.slug}.example"
    contact.append(f'<p><span class="mgLabel">Email:&nbsp;</span><a href="mailto:{email}">{email}</a></p>')
    sections = ['<h2 class="mgSectionTitle">Contact information</h2>', *contact]
    if person.role:
        sections.append(f'<h2 class="mgSectionTitle">Posts</h2>\n<ul class="mgBulletList">'
                        f"<li>{text(person.role)}</li></ul>")
    appointments = [
        f'<li><a  href="mgCommitteeDetails.aspx?ID={committee.cid}" >{text(committee.name)}</a>'
        f'{"&nbsp;&#40;" + text(role) + "&#41;" if role else ""}</li>'
        for committee in council.committees for name, role in committee.members if name == person.name]
    if appointments:
        sections.append('<h2 class="mgSectionTitle">Committee appointments</h2>\n'
                        f'<ul class="mgBulletList">\n{chr(10).join(appointments)}\n</ul>')
    content = (f'<div class="mgUserSideBar">\n{side}</div>\n'
               f'<div class="mgUserBody">\n{chr(10).join(sections)}\n</div>')
    links = f'<li><a  href="{INDEX_HREF}" >View all councillors</a></li>'
    body = modgov("Councillor details", f"Councillor {text(person.name)}", links, content)
    return page(council, f"Councillor {person.name}", body, [("Councillors", INDEX_HREF.replace("&amp;", "&"))])


def attendance(council, meeting, today: date | None = None) -> list[tuple[str, Member | None, str, str]]:
    """(name, member or None, role, status) for each member of the meeting's committee."""
    if meeting.cancelled:
        return []
    by_name = {person.name: person for person in members(council)}
    expected = meeting.start.date() > (today or date.today())
    apologies = " ".join(" ".join(item.minutes) for item in meeting.items if item.title == APOLOGIES_TITLE)
    minutes = " ".join(" ".join(item.minutes) for item in meeting.items if item.title != APOLOGIES_TITLE)
    has_apologies_item = any(item.title == APOLOGIES_TITLE for item in meeting.items)
    rows = []
    for name, role in meeting.committee.members:
        person = by_name.get(name)
        pick = zlib.crc32(f"{meeting.mid}/{name}".encode()) % 11
        surely_there = role or re.search(rf"\b{re.escape(name.split()[-1])}\b", minutes)
        if expected:
            status = "Expected"
        elif name in apologies or (pick == 0 and not has_apologies_item and not surely_there):
            status = "Apologies"
        elif pick == 1 and not surely_there:
            status = "Absent"
        else:
            status = "Present"
        rows.append((name, person, role or "Committee Member", status))
    return rows


def attendance_page(council, meeting, today: date | None = None) -> str:
    """``mgMeetingAttendance.aspx?ID=<mid>``: the committee's members with Present, Apologies,
    Absent or (for a meeting after ``today``) Expected; no rows for a cancelled meeting."""
    rows = [f'<tr><td>{_member_link(person) if person else "Councillor " + text(name)}</td>'
            f"<td>{text(role)}</td><td>{status}</td></tr>"
            for name, person, role, status in attendance(council, meeting, today)]
    if rows:
        content = ('<table class="mgStatsTable" summary="Attendance details for the meeting">\n'
                   '<caption class="mgSectionTitle">Attendance details</caption>\n<thead><tr>'
                   '<th scope="col">Councillor</th><th scope="col">Role</th><th scope="col">Attendance</th>'
                   f'</tr></thead>\n<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table>')
    else:
        content = "<p>There are no attendance details for this meeting.</p>"
    body = modgov("Attendance details", _meeting_heading(meeting), _meeting_link(meeting), content)
    return page(council, f"Attendance details - {meeting.committee.name}", body)


def named_votes(council, meeting, item) -> list[tuple]:
    """(vote, [(name, member or None, "For" | "Against" | "Abstain" | "Absent")]) per recorded vote."""
    attendees = attendance(council, meeting)
    sizes: dict[str, int] = {}
    for _, person, _, _ in attendees:
        party = person.party if person else ""
        sizes[party] = sizes.get(party, 0) + 1
    largest, second = [*sorted(sizes, key=lambda party: (-sizes[party], party)), None, None][:2]
    result = []
    for vote in item.votes:
        passed = vote.result.lower() in PASSED
        rows = []
        for name, person, _, status in attendees:
            party = person.party if person else ""
            if status != "Present":
                choice = "Absent"
            elif party == largest:
                choice = "For" if passed else "Against"
            elif party == second:
                choice = "For" if PROPOSALS.search(vote.title) or not passed else "Against"
            else:
                choice = "Abstain"
            rows.append((name, person, choice))
        result.append((vote, rows))
    return result


def named_votes_page(council, meeting, item) -> str | None:
    """``mgListRecordedVotesShort.aspx?AIID=<aiid>&MID=<mid>``: each recorded vote of the item as
    an h4 title, a status line and a Councillor / Vote table; None for an item without votes."""
    if not item.votes:
        return None
    blocks = [f'<h3 class="mgSubSectionTitle">{text(item.number)} {text(item.title)}</h3>']
    for vote, rows in named_votes(council, meeting, item):
        cells = "\n".join(f'<tr><td>{_member_link(person) if person else "Councillor " + text(name)}</td>'
                          f"<td>{choice}</td></tr>" for name, person, choice in rows)
        blocks.append(f"<h4>{text(vote.title)}</h4>\n"
                      f'<p><span class="mgLabel">{text(vote.type)} status:&nbsp;</span>{text(vote.result)}</p>\n'
                      f'<table class="mgStatsTable" summary="Recorded vote">\n<thead><tr>'
                      f'<th scope="col">Councillor</th><th scope="col">Vote</th></tr></thead>\n'
                      f"<tbody>\n{cells}\n</tbody>\n</table>")
    body = modgov("Recorded votes", _meeting_heading(meeting), _meeting_link(meeting), "\n".join(blocks))
    return page(council, f"Recorded votes - {item.title}", body)


def _member_link(person: Member) -> str:
    return (f'<a  href="{person.href}"  title="{attr("Link to user information for Councillor " + person.name)}">'
            f"Councillor {text(person.name)}</a>")


def _address_lines(address: str) -> str:
    return "<br />".join(text(part.strip()) for part in address.split(","))


def _meeting_heading(meeting) -> str:
    return text(f"{meeting.committee.name} - {long_date(meeting.start)} {clock(meeting.start)}")


def _meeting_link(meeting) -> str:
    href = f"ieListDocuments.aspx?CId={meeting.committee.cid}&amp;MId={meeting.mid}&amp;Ver=4"
    return (f'<li><a  href="{href}"  title="{attr("Link to the meeting")}">'
            f"View the agenda, decisions and minutes for this meeting</a></li>")

