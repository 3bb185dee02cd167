"""The data a demo council site is rendered from: committees, meetings, items, documents.

The classes hold plain data; `Council` indexes it for the page and document routes.
Subclasses (see `demo.bench`) may compute the same objects on demand instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# Printed whole-meeting documents: kind -> (file name prefix, link text, T value).
PRINTED = {
    "agenda": ("Agenda frontsheet", "Agenda frontsheet", 0),
    "decisions": ("Decisions", "Printed decisions", 2),
    "minutes": ("Printed minutes", "Printed minutes", 1),
}


@dataclass(frozen=True)
class Document:
    """One file under ``documents/``: a report, a printed meeting document or a fault.

    ``kind`` names the builder that makes its bytes; ``status`` and ``delay`` let the
    faults site answer with an error, a redirect or slowly.
    """

    folder: str
    filename: str
    title: str
    kind: str
    published: datetime
    pages: tuple[tuple[str, ...], ...] = ()
    query: str = ""
    status: int = 200
    delay: float = 0.0

    @property
    def path(self) -> str:
        """Path relative to the site root, with raw spaces (as ModernGov links it)."""
        return f"documents/{self.folder}/{self.filename}"

    @property
    def href(self) -> str:
        """Link target as written in pages: the path plus any ``?T=`` query."""
        return f"{self.path}?{self.query}" if self.query else self.path

    @property
    def content_type(self) -> str:
        """MIME type from the extension; legacy HTML gets no charset, like old uploads."""
        return "text/html" if self.filename.lower().endswith((".htm", ".html")) else "application/pdf"


@dataclass(frozen=True)
class Vote:
    """One row of a Recorded Vote table."""

    title: str
    type: str
    result: str


@dataclass(frozen=True)
class Item:
    """An agenda item. Text fields are tuples of paragraphs (``**bold**`` allowed)."""

    aiid: int
    number: str
    title: str
    description: tuple[str, ...] = ()
    report: Document | None = None
    documents: tuple[Document, ...] = ()
    decision: tuple[str, ...] = ()
    minutes: tuple[str, ...] = ()
    truncate: int = 0
    votes: tuple[Vote, ...] = ()


@dataclass(frozen=True)
class Committee:
    """A committee with its list-page section, purpose text and membership."""

    cid: int
    name: str
    section: str
    venue: str
    purpose: tuple[str, ...] = ()
    members: tuple[tuple[str, str], ...] = ()
    contact: str = ""


@dataclass(frozen=True)
class Meeting:
    """One meeting of a committee; ``agenda_id`` names its ``documents/g<id>/`` folder."""

    mid: int
    committee: Committee
    agenda_id: int
    start: datetime
    venue: str
    items: tuple[Item, ...] = ()
    cancelled: bool = False
    malformed: bool = False

    @property
    def printed(self) -> tuple[Document, ...]:
        """Agenda frontsheet, printed decisions and printed minutes that exist for it."""
        if self.cancelled:
            return ()
        kinds = ["agenda"]
        if any(item.decision for item in self.items):
            kinds.append("decisions")
        if any(item.minutes for item in self.items):
            kinds.append("minutes")
        stamp = file_stamp(self.start)
        docs = []
        for kind in kinds:
            prefix, title, t = PRINTED[kind]
            offset = -7 if kind == "agenda" else 1
            docs.append(Document(
                folder=f"g{self.agenda_id}",
                filename=f"{prefix} {stamp} {self.committee.name}.pdf",
                title=title, kind=kind, query=f"T={t}",
                published=noon(self.start, offset)))
        return tuple(docs)

    @property
    def documents(self) -> tuple[Document, ...]:
        """Every document linked from the meeting page, printed ones first."""
        docs = list(self.printed)
        for item in self.items:
            if item.report:
                docs.append(item.report)
            docs.extend(item.documents)
        return tuple(docs)

    @property
    def published(self) -> str:
        """What the meeting list says is published: "Agenda, Decisions, Minutes" or "CANCELLED"."""
        if self.cancelled:
            return "CANCELLED"
        names = {"agenda": "Agenda", "decisions": "Decisions", "minutes": "Minutes"}
        return ", ".join(names[doc.kind] for doc in self.printed)


def noon(start: datetime, days: int) -> datetime:
    """Noon on the day ``days`` after ``start`` (negative for before): a publication time."""
    return (start + timedelta(days=days)).replace(hour=12, minute=0)


def file_stamp(when: datetime) -> str:
    """Date and time as in printed-document file names: "Tuesday 12-Dec-2023 10.00"."""
    return f"{DAYS[when.weekday()]} {when.day:02d}-{MONTHS[when.month - 1][:3]}-{when.year} {when:%H.%M}"


class Council:
    """A council site's content, indexed by committee, meeting, item and document path."""

    def __init__(self, name: str, slug: str, committees, meetings):
        self.name = name
        self.slug = slug
        self.committees = tuple(committees)
        self._committees = {c.cid: c for c in self.committees}
        ordered = sorted(meetings, key=lambda m: (m.start, m.mid))
        self._meetings = {m.mid: m for m in ordered}
        self._by_committee = {c.cid: [] for c in self.committees}
        self._items = {}
        self._documents = {}
        for meeting in ordered:
            self._by_committee[meeting.committee.cid].append(meeting)
            for item in meeting.items:
                self._items[item.aiid] = (meeting, item)
            for doc in meeting.documents:
                self._documents[doc.path] = (meeting, doc)

    def committee(self, cid: int) -> Committee | None:
        """The committee with this id, or None."""
        return self._committees.get(cid)

    def meetings_of(self, cid: int) -> list[Meeting]:
        """The committee's meetings, oldest first."""
        return self._by_committee.get(cid, [])

    def meeting(self, mid: int) -> Meeting | None:
        """The meeting with this id, or None."""
        return self._meetings.get(mid)

    def item(self, aiid: int) -> tuple[Meeting, Item] | None:
        """The agenda item with this id and its meeting, or None."""
        return self._items.get(aiid)

    def document(self, path: str) -> tuple[Meeting, Document] | None:
        """The document at this decoded path (no query) and its meeting, or None."""
        return self._documents.get(path)

    def all_meetings(self):
        """Every meeting, oldest first."""
        return iter(self._meetings.values())
