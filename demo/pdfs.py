"""Deterministic PDFs made with fpdf2 core fonts: reports and printed meeting papers.

Every builder takes ``(doc, meeting, council)`` and returns bytes. The creation date is
the document's publication time, so the same model always gives the same bytes.
"""

from __future__ import annotations

from datetime import timezone

from fpdf import FPDF

from demo.markup import clock, long_date, plain

_LATIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u00a0": " "})


def latin(value: str) -> str:
    """Text that core PDF fonts can draw: curly quotes and dashes made plain."""
    return value.translate(_LATIN).encode("latin-1", "replace").decode("latin-1")


class _Paper(FPDF):
    """A4 page with a centred "Page n of m" footer."""

    def footer(self):
        self.set_y(-14)
        self.set_font("helvetica", size=8)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")


def _paper(title: str, council, published) -> _Paper:
    pdf = _Paper(format="A4")
    pdf.set_creation_date(published.replace(tzinfo=timezone.utc))
    pdf.set_title(latin(title))
    pdf.set_author(latin(council.name))
    pdf.set_creator("Council Promises demo site")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=20)
    return pdf


def _write(pdf: FPDF, paragraphs) -> None:
    """Paragraphs: "# " heading, "## " sub-heading, otherwise body text with **bold**."""
    for paragraph in paragraphs:
        if paragraph.startswith("# "):
            pdf.set_font("helvetica", "B", 14)
            pdf.multi_cell(0, 7, latin(plain(paragraph[2:])), new_x="LMARGIN", new_y="NEXT")
        elif paragraph.startswith("## "):
            pdf.set_font("helvetica", "B", 11)
            pdf.multi_cell(0, 6, latin(plain(paragraph[3:])), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("helvetica", size=10.5)
            pdf.multi_cell(0, 5.5, latin(paragraph), markdown=True, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)


def report_pdf(doc, meeting, council) -> bytes:
    """A report or appendix: one PDF page per entry of ``doc.pages``."""
    pdf = _paper(doc.title, council, doc.published)
    for paragraphs in doc.pages:
        pdf.add_page()
        _write(pdf, paragraphs)
    return bytes(pdf.output())


def _masthead(meeting, council, heading: str) -> list[str]:
    when = meeting.start
    return [f"# {council.name}", f"## {meeting.committee.name}", f"# {heading}",
            f"Date: {long_date(when)}", f"Time: {clock(when)}", f"Venue: {meeting.venue}"]


def agenda_pdf(doc, meeting, council) -> bytes:
    """Agenda frontsheet: meeting details, membership and every item with its purpose."""
    members = ", ".join(name + (f" ({role})" if role else "") for name, role in meeting.committee.members)
    paragraphs = _masthead(meeting, council, "AGENDA")
    paragraphs.append(f"Membership: Councillors {members}." if members else "")
    for item in meeting.items:
        paragraphs.append(f"## {item.number} {item.title}")
        paragraphs.extend(item.description)
    return _printed(doc, meeting, council, paragraphs)


def minutes_pdf(doc, meeting, council) -> bytes:
    """Printed minutes: every item's full minutes and recorded votes."""
    members = ", ".join(name + (f" ({role})" if role else "") for name, role in meeting.committee.members)
    paragraphs = _masthead(meeting, council, "MINUTES")
    paragraphs.append(f"PRESENT: Councillors {members}." if members else "")
    for item in meeting.items:
        if not item.minutes:
            continue
        paragraphs.append(f"## {item.number} {item.title.upper()}")
        paragraphs.extend(item.minutes)
        paragraphs.extend(f"Recorded vote - {vote.title}: {vote.result}" for vote in item.votes)
    paragraphs.append("CHAIRMAN ____________________")
    return _printed(doc, meeting, council, paragraphs)


def decisions_pdf(doc, meeting, council) -> bytes:
    """Printed decisions: the Decision text of each item that has one."""
    paragraphs = _masthead(meeting, council, "DECISIONS")
    for item in meeting.items:
        if item.decision:
            paragraphs.append(f"## {item.number} {item.title}")
            paragraphs.extend(item.decision)
    return _printed(doc, meeting, council, paragraphs)


def _printed(doc, meeting, council, paragraphs) -> bytes:
    pdf = _paper(f"{doc.title} - {meeting.committee.name} - {long_date(meeting.start)}", council, doc.published)
    pdf.add_page()
    _write(pdf, [p for p in paragraphs if p])
    return bytes(pdf.output())


BUILDERS = {"report": report_pdf, "agenda": agenda_pdf, "minutes": minutes_pdf, "decisions": decisions_pdf}
