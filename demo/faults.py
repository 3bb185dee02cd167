"""The "faults" council: a tiny ModernGov-shaped site whose documents and pages misbehave,
for testing how the crawler copes with bad input.

Meeting 1 links one good PDF and every faulty document; meeting 2's page is a broken
WAF-style page without ``#modgov``; meeting 3 is a normal meeting with one good PDF.
`FAULTS` maps each kind of fault to the relative URL that shows it.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from fpdf import FPDF

from demo.model import Committee, Council, Document, Item, Meeting, noon
from demo.pdfs import latin

FAULTS = {
    "404": "documents/s9001/Missing report.pdf",
    "500": "documents/s9002/Broken report.pdf",
    "slow": "documents/s9003/Slow appendix.pdf",
    "redirect_loop": "documents/s9004/Looping report.pdf",
    "corrupt_pdf": "documents/s9005/Corrupt scan.pdf",
    "encrypted_pdf": "documents/s9006/Protected report.pdf",
    "empty_pdf": "documents/s9007/Empty upload.pdf",
    "cp1252_html": "documents/s9008/Old minutes 1998.htm",
    "oversize": "documents/s9009/Huge appendix.pdf",
    "malformed_page": "ieListDocuments.aspx?CId=900&MId=9102&Ver=4",
}
GOOD_DOCUMENTS = ("documents/s9000/Budget report.pdf", "documents/s9010/Annual report.pdf")
ENCRYPTED_PASSWORD = "faults-demo"
OVERSIZE_BYTES = 3 * 1024 * 1024

MALFORMED_PAGE = (
    b"<html><head><title>Request Rejected</title></head><body>\r\n"
    b"<h1>Request Rejected</h1><p>The requested URL was rejected by the security gateway. "
    b"Please quote reference 7781-2231-0093 if you contact the site owner.</p>\r\n"
    b"<p><a href=\"javascript:history.back();\">[Go Back]</a></p>\r\n"
    b"<div class=\"mgCon\xff\xfe\x00\x00tent\"><table><tr><td>Agenda it"
)

_PROSE = (
    "# {title}",
    "This paper was published for the meeting of the Full Council. It sets out the figures "
    "behind the proposals and the reasons for the recommendations.",
    "The Council will publish a further update by September 2024.",
)


def build_council(slow_seconds: float = 5.0) -> Council:
    """The faults council; the slow document waits ``slow_seconds`` before answering."""
    committee = Committee(cid=900, name="Full Council", section="Council",
                          venue="Council Chamber, Town Hall, Faultbury",
                          purpose=("The meeting of all councillors.",),
                          members=(("Ada Quill", "Mayor"), ("Bram Holt", "")),
                          contact="Committee Services")
    starts = [datetime(2024, 1, 16, 19, 0), datetime(2024, 3, 12, 19, 0), datetime(2024, 5, 14, 19, 0)]

    def doc(sid, filename, start, kind="report", **extra):
        title = filename.rsplit(".", 1)[0]
        return Document(folder=f"s{sid}", filename=filename, title=title, kind=kind,
                        published=noon(start, -7), pages=(tuple(p.format(title=title) for p in _PROSE),),
                        **extra)

    first, second, third = starts
    faulty = (
        doc(9001, "Missing report.pdf", first, status=404),
        doc(9002, "Broken report.pdf", first, status=500),
        doc(9003, "Slow appendix.pdf", first, delay=slow_seconds),
        doc(9004, "Looping report.pdf", first, status=302),
        doc(9005, "Corrupt scan.pdf", first, kind="corrupt"),
        doc(9006, "Protected report.pdf", first, kind="encrypted"),
        doc(9007, "Empty upload.pdf", first, kind="empty"),
        doc(9008, "Old minutes 1998.htm", first, kind="cp1252_html"),
        doc(9009, "Huge appendix.pdf", first, kind="oversize"),
    )
    apologies = ("Apologies for absence were received from Councillor Bram Holt.",)
    meetings = [
        Meeting(9101, committee, 9201, first, committee.venue, items=(
            Item(91011, "1.", "Apologies for Absence", minutes=apologies),
            Item(91012, "2.", "Budget Report", description=("To consider the budget.",),
                 report=doc(9000, "Budget report.pdf", first),
                 minutes=("The Council agreed the budget.",)),
            Item(91013, "3.", "Background Papers", description=("Papers supplied for reference.",),
                 documents=faulty, minutes=("The papers were noted.",)),
        )),
        Meeting(9102, committee, 9202, second, committee.venue, malformed=True, items=(
            Item(91021, "1.", "Apologies for Absence", minutes=apologies),
        )),
        Meeting(9103, committee, 9203, third, committee.venue, items=(
            Item(91031, "1.", "Annual Report", description=("To receive the annual report.",),
                 report=doc(9010, "Annual report.pdf", third),
                 minutes=("The annual report was received.",)),
        )),
    ]
    return Council("Faultbury Borough Council", "faults", [committee], meetings)


def corrupt_pdf(doc, meeting, council) -> bytes:
    """A PDF header followed by deterministic garbage."""
    noise = b"".join(hashlib.sha256(f"{doc.path}:{n}".encode()).digest() for n in range(128))
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + noise


def encrypted_pdf(doc, meeting, council) -> bytes:
    """A report that opens only with `ENCRYPTED_PASSWORD` (RC4)."""
    pdf = FPDF()
    pdf.set_creation_date(doc.published.replace(tzinfo=timezone.utc))
    pdf.set_encryption(owner_password="owner-" + ENCRYPTED_PASSWORD, user_password=ENCRYPTED_PASSWORD)
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, latin(" ".join(doc.pages[0][1:])))
    return bytes(pdf.output())


def empty_pdf(doc, meeting, council) -> bytes:
    """A zero-byte upload."""
    return b""


def cp1252_html(doc, meeting, council) -> bytes:
    """Old Word-exported minutes in Windows-1252, served as text/html without a charset."""
    page = ("<html><head><title>Minutes 1998</title></head><body>\r\n"
            "<h1>Minutes of the Full Council, 14 July 1998</h1>\r\n"
            "<p>Members debated the council\u2019s plan for the town centre.</p>\r\n"
            "<p>The Council will spend \u00a38 million over two years on new school buildings.</p>\r\n"
            "</body></html>\r\n")
    return page.encode("cp1252")


def oversize_pdf(doc, meeting, council) -> bytes:
    """A valid PDF padded with an uncompressed attachment to exactly `OVERSIZE_BYTES`."""
    padding = OVERSIZE_BYTES
    for _ in range(4):
        body = _padded_pdf(doc, padding)
        if len(body) == OVERSIZE_BYTES:
            return body
        padding += OVERSIZE_BYTES - len(body)
    raise AssertionError("could not pad the oversize PDF to size")


def _padded_pdf(doc, padding: int) -> bytes:
    when = doc.published.replace(tzinfo=timezone.utc)
    pdf = FPDF()
    pdf.set_creation_date(when)
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, "Huge appendix: the full data tables are attached to this file.")
    row = b"division,year,measure,value\n"
    pdf.embed_file(bytes=(row * (padding // len(row) + 1))[:max(padding, 0)], basename="tables.csv",
                   modification_date=when, creation_date=when, compress=False)
    return bytes(pdf.output())


BUILDERS = {"corrupt": corrupt_pdf, "encrypted": encrypted_pdf, "empty": empty_pdf,
            "cp1252_html": cp1252_html, "oversize": oversize_pdf}
