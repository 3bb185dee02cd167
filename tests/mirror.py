"""A local mirror of the real saved ModernGov files in ../shared/realworld/moderngov.

Two sites under one server, each in a sub-folder (as some councils' installs are):

- ``kingston/``: Kingston's HTML pages (committees, meeting list, two meetings, report PDFs) with
  Kirklees's decision pages standing in for its decisions; the web service is off (404).
- ``manchester/``: Manchester's web service answers (committees, meetings, two meetings); its
  HTML pages are not saved, so they answer 404.

Files are read at request time and never copied into the project. The saved decision files are
fragments (the ``#modgov`` div or a bare table), so they are served inside a bare page, as a
council's template would; absolute links to the real hosts are rewritten to the mirror, as a
mirroring tool does. Documents that were not saved are answered with a small generated PDF that
says so.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from fpdf import FPDF

from demo.site import Response

HTML = {"Content-Type": "text/html; charset=utf-8"}
XML = {"Content-Type": "text/xml; charset=utf-8"}
PDF = {"Content-Type": "application/pdf"}
ROBOTS = b"User-agent: *\nDisallow: /kingston/mgRss.aspx\n"

KINGSTON = {
    "mglistcommittees.aspx": lambda q: "kingston/CommitteeStructure.html",
    "mgcommitteedetails.aspx": lambda q: q.get("id") == "711" and "kingston/CommitteeDetails.html",
    "ielistmeetings.aspx": lambda q: (q.get("cid") or q.get("committeeid")) == "711" and not q.get("act")
    and "kingston/BrowseMeetings.html",
    "ielistdocuments.aspx": lambda q: {"10221": "kingston/Agenda_151.html",
                                       "10161": "kingston/Agenda_412.html"}.get(q.get("mid", "")),
    "mgdelegateddecisions.aspx": lambda q: "lgsf/modgov_decisions_list.html",
    "iedecisiondetails.aspx": lambda q: {"13149": "lgsf/modgov_decision_detail.html",
                                         "13567": "lgsf/modgov_decision_multi_paragraph.html"}.get(q.get("id", "")),
}
KINGSTON_PDFS = {
    "documents/s112217/": "kingston/ManorgatePetition.pdf",
    "documents/s112215/": "kingston/ZebraCrossing.pdf",
}
MANCHESTER = {
    "mgwebservice.asmx/getcommittees": lambda q: "lgsf/committees.xml",
    "mgwebservice.asmx/getmeetings": lambda q: "lgsf/meetings.xml",
    "mgwebservice.asmx/getmeeting": lambda q: {"4967": "lgsf/meeting_with_minutes.xml",
                                               "4966": "lgsf/meeting_no_minutes.xml"}.get(
        q.get("lmeetingid", "")),
}
REAL_HOSTS = re.compile(rb"https?://democracy\.manchester\.gov\.uk/")


class Mirror:
    """Answers ModernGov URLs under /kingston/ and /manchester/ from the saved files in `folder`."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.origin = ""  # set once the server's address is known, for rewriting absolute links
        self.requests: list[str] = []

    def get(self, target: str, headers=None) -> Response:
        """Answer one GET request target (path and query)."""
        self.requests.append(target)
        parts = urlsplit(target)
        path = unquote(parts.path).lstrip("/")
        query = {key.lower(): value for key, value in parse_qsl(parts.query)}
        if path == "robots.txt":
            return Response(200, {"Content-Type": "text/plain"}, ROBOTS)
        site, _, page = path.partition("/")
        if site == "kingston":
            return self._kingston(page, query)
        if site == "manchester":
            return self._manchester(page, query)
        return _missing()

    def _kingston(self, page: str, query: dict) -> Response:
        for prefix, name in KINGSTON_PDFS.items():
            if page.startswith(prefix):
                return Response(200, PDF, (self.folder / name).read_bytes())
        if page.startswith("documents/"):
            return Response(200, PDF, placeholder_pdf(page))
        name = KINGSTON.get(page.lower(), lambda q: None)(query)
        if not name:
            return _missing()
        body = (self.folder / name).read_bytes()
        if b"<html" not in body[:2000].lower():
            body = b"<html><head><meta charset='utf-8'></head><body><div id='modgov'>" + body + b"</div></body></html>"
        return Response(200, HTML, body)

    def _manchester(self, page: str, query: dict) -> Response:
        if page.lower() == "mgconvert2pdf.aspx":
            return Response(200, PDF, placeholder_pdf(f"attachment {query.get('id')}"))
        name = MANCHESTER.get(page.lower(), lambda q: None)(query)
        if not name:
            return _missing()
        body = REAL_HOSTS.sub(f"{self.origin}manchester/".encode(), (self.folder / name).read_bytes())
        return Response(200, XML, body)


def placeholder_pdf(what: str) -> bytes:
    """A one-page PDF standing in for a document the mirror does not hold."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, f"Test mirror placeholder for {what[:80]}: the real file was not saved.")
    return bytes(pdf.output())


def _missing() -> Response:
    return Response(404, HTML, b"<html><body><h1>Page not found</h1></body></html>")
