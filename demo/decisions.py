"""Demo decision pages: the decision list (`mgDelegatedDecisions.aspx`) and decision details
(`ieDecisionDetails.aspx?ID=`), derived from the council model without changing it.

Every agenda item with decision text becomes a decision whose id is the item's ``aiid``, made by
its committee at its meeting: published the day after; key when its title, description or decision
mentions money ("£"), and then subject to call-in and effective five working days after publication
(otherwise effective on publication); reasons when the item has a report, alternatives when key. Each council story may add officer decisions, which have no meeting and no documents.
The detail page's labels follow a real page; the list's empty message is invented.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from demo.markup import attr, file_size, text, word_para
from demo.model import Document, Meeting
from demo.pages import modgov, page

ISSUE_OFFSET = 100_000
NO_DECISIONS = "No decisions have been published in this date range."
STATUS = "Recommendations Approved"
REASONS = "As set out in the report to the meeting."
ALTERNATIVES = "The report considered taking no action and explained why it was not recommended."


@dataclass(frozen=True)
class Decision:
    """One published decision; ``meeting`` is None for an officer decision."""

    id: int
    title: str
    maker: str
    decided: date
    published: date
    effective: date
    is_key: bool
    purpose: tuple[str, ...] = ()
    decision: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    meeting: Meeting | None = None
    issue_id: int | None = None
    documents: tuple[Document, ...] = ()

    @property
    def call_in(self) -> str:
        """The "Is subject to call in?" answer: key decisions are."""
        return "Yes" if self.is_key else "No"

    @property
    def call_in_status(self) -> str:
        """The list's Call-ins column."""
        return "Call-in period over" if self.is_key else "Not for call-in"


PHASING_PURPOSE = ("To agree the order in which the additional SEND posts approved by Cabinet on 17 July 2023 "
                   "will be recruited.")
PHASING_DECISION = (
    ("That the additional SEND posts be recruited in three rounds: caseworkers from August 2023, "
     "assessment coordinators from October 2023 and educational psychologists from January 2024."),
    "That the Executive Member for Education, Libraries and Skills be told of progress after each round.",
)
PHASING_REASONS = "Caseworkers can start reducing caseloads soonest; the other roles depend on them being in post."
OFFICER_DECISIONS = {
    "demoshire": (
        Decision(
            id=30017,
            title="SEND Improvement Programme: Phasing of Recruitment",
            maker="Director of Children's Services",
            decided=date(2023, 8, 9), published=date(2023, 8, 10), effective=date(2023, 8, 10),
            is_key=False,
            purpose=(PHASING_PURPOSE,),
            decision=PHASING_DECISION,
            reasons=(PHASING_REASONS,),
        ),
    ),
}


def decisions(council) -> list[Decision]:
    """Every decision of the council, newest publication first."""
    found = list(OFFICER_DECISIONS.get(council.slug, ()))
    for meeting in council.all_meetings():
        found += [_from_item(meeting, item) for item in meeting.items if item.decision]
    return sorted(found, key=lambda d: (d.published, d.id), reverse=True)


def decision(council, decision_id: int) -> Decision | None:
    """The decision with this id, or None."""
    for officer in OFFICER_DECISIONS.get(council.slug, ()):
        if officer.id == decision_id:
            return officer
    found = council.item(decision_id)
    return _from_item(*found) if found and found[1].decision else None


def too_long(start: date, end: date, limit_days: int | None) -> bool:
    """Whether an inclusive date range is longer than ``limit_days`` (never, when None): a site that
    times out on long ranges answers it with an error."""
    return limit_days is not None and (end - start).days + 1 > limit_days


def date_range(value: str) -> tuple[date, date] | None:
    """The ``DR`` parameter, "dd/mm/yyyy-dd/mm/yyyy" (already unquoted), as dates; None when malformed."""
    match = re.fullmatch(r"\s*(\d{1,2}/\d{1,2}/\d{4})\s*-\s*(\d{1,2}/\d{1,2}/\d{4})\s*", value or "")
    if not match:
        return None
    try:
        return tuple(datetime.strptime(part, "%d/%m/%Y").date() for part in match.groups())
    except ValueError:
        return None


def list_page(council, start: date, end: date) -> str:
    """``mgDelegatedDecisions.aspx``: decisions published from ``start`` to ``end`` inclusive."""
    shown = [d for d in decisions(council) if start <= d.published <= end]
    rows = "\n".join(
        f'<tr><td  class="mgMainTxt" ><a  href="ieDecisionDetails.aspx?ID={d.id}"  '
        f'title="{attr(f"Link to decision details for {d.title} ref: {d.id}")}">{text(d.title)}'
        f'<span  class="mgHide" > ref&#58; {d.id}</span></a></td>'
        f'<td  class="mgMainTxt" >{_slashes(d.published)}</td><td  class="mgMainTxt" >{_slashes(d.effective)}</td>'
        f'<td  class="mgMainTxt" >{text(d.call_in_status)}</td></tr>' for d in shown)
    table = (
        '<table class="mgTabTable tablesorter"  summary="Table of decision summary data">\n'
        '<caption  class="mgSectionTitle" >Decisions published</caption>\n'
        "<thead class='mgFilterHeaderRow'><tr>\n"
        "<th abbr='Title' scope='col'>Title</th>\n<th abbr='Published' scope='col'>Date</th>\n"
        "<th abbr='Applies' scope='col'>Effective from</th>\n<th abbr='Call-ins' scope='col'>Call-ins</th>\n"
        f"</tr></thead><tbody>\n{rows}\n</tbody></table>") if shown else f"<p>{NO_DECISIONS}</p>"
    subtitle = f"Decisions published from {_slashes(start)} to {_slashes(end)}"
    body = modgov("Decisions", subtitle, "", table)
    return page(council, "Decisions", body)


def detail_page(council, decision_id: int, size_of=None) -> str | None:
    """``ieDecisionDetails.aspx?ID=``: one decision, or None for an unknown id. ``size_of(doc)``
    gives a document's size in bytes for the file-size labels (none without it)."""
    found = decision(council, decision_id)
    if found is None:
        return None
    links = ""
    if found.issue_id is not None:
        links = (f'<li><a  href="mgIssueHistoryHome.aspx?IId={found.issue_id}&amp;Opt=0"  '
                 f'title="{attr("Link to issue history for " + found.title)}">Find out more about this issue</a></li>')
    lines = [_label("Decision Maker", text(found.maker)),
             _label("Decision status", f'<span  class="mgPlanItemInForce" >{STATUS}</span>'),
             _label("Is Key decision?", "Yes" if found.is_key else "No"),
             _label("Is subject to call in?", found.call_in)]
    for heading, paragraphs in (("Purpose", found.purpose), ("Decision", found.decision),
                                ("Reasons for the decision", found.reasons),
                                ("Alternative options considered", found.alternatives)):
        if paragraphs:
            lines.append(f'<h3 class="mgSubSubTitleTxt">{heading}:</h3>\n{word_para(paragraphs)}')
    lines += [_label("Publication date", _slashes(found.published)),
              _label("Date of decision", _slashes(found.decided)),
              _label("Effective from", _slashes(found.effective))]
    if found.meeting is not None:
        meeting = found.meeting
        lines.append(_label("Decided at meeting", (
            f'<a  href="ieListDocuments.aspx?CId={meeting.committee.cid}&amp;MID={meeting.mid}"  >'
            f'{_slashes(meeting.start.date())} - {text(meeting.committee.name)}</a>')))
    if found.documents:
        lines.append('<p class="mgLabel" >Accompanying Documents:</p>\n<ul  class="mgBulletList" >\n'
                     + "\n".join(_document_link(doc, size_of) for doc in found.documents) + "\n</ul>")
    body = modgov("Decision details", text(found.title), links, "\n".join(lines))
    return page(council, f"Decision details - {found.title}", body)


def _from_item(meeting: Meeting, item) -> Decision:
    documents = ((item.report,) if item.report else ()) + item.documents
    is_key = "£" in " ".join((item.title, *item.description, *item.decision))
    published = meeting.start.date() + timedelta(days=1)
    return Decision(
        id=item.aiid, title=item.title, maker=meeting.committee.name, decided=meeting.start.date(),
        published=published, effective=_working_days_after(published, 5) if is_key else published,
        is_key=is_key, purpose=item.description, decision=item.decision,
        reasons=(REASONS,) if item.report else (), alternatives=(ALTERNATIVES,) if is_key else (),
        meeting=meeting, issue_id=item.aiid + ISSUE_OFFSET, documents=documents)


def _working_days_after(day: date, count: int) -> date:
    while count:
        day += timedelta(days=1)
        count -= day.weekday() < 5
    return day


def _slashes(day: date) -> str:
    return f"{day:%d}&#47;{day:%m}&#47;{day:%Y}"


def _label(label: str, value_html: str) -> str:
    return f'<p><span  class="mgLabel" >{label}: </span>{value_html}</p>'


def _document_link(doc: Document, size_of) -> str:
    size = f'\n<span  class="mgFileSize" > {file_size(size_of(doc))}</span>' if size_of else ""
    return (f'<li><a  href="{html.escape(doc.href)}"   title="{attr("Link to file " + doc.title)}">'
            f'{text(doc.title)}{size} </a>  </li>')
