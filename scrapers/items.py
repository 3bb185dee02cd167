"""What the spiders yield. Item pipelines turn these into database rows."""

from dataclasses import dataclass, field


@dataclass
class CouncilItem:
    slug: str
    name: str
    platform: str
    base_url: str
    verified: bool = False


@dataclass
class CommitteeItem:
    id: str
    council: str
    committee_id: str
    name: str
    url: str


@dataclass
class MeetingItem:
    id: str
    council: str
    committee: str
    meeting_id: str
    date: str
    time: str | None
    title: str
    status: str
    venue: str | None
    url: str
    items: list[dict] = field(default_factory=list)
    source: str = "html"  # or "xml": the web service
    listing: str | None = None  # what the meeting list said was published ("Agenda, Minutes")


@dataclass
class AttendanceItem:
    """Who attended a meeting: rows with member_id, name, role, attendance, party, ward, url."""

    meeting: str
    attendees: list[dict]


@dataclass
class RecordedVotesItem:
    """The Recorded Vote rows of an agenda item, read from its meeting page when the meeting came from
    the web service (which has no votes)."""

    agenda_item: str
    votes: list[dict]  # {"title", "type", "text", "result"}


@dataclass
class NamedVotesItem:
    """How each councillor voted on the recorded votes of one agenda item."""

    agenda_item: str
    url: str
    votes: list[dict]  # {"title", "status", "votes": [{"member_id", "name", "vote"}]}


@dataclass
class MemberItem:
    """A councillor: never an address or a phone number."""

    id: str
    council: str
    member_id: str
    name: str
    party: str
    ward: str
    roles: list[str]
    url: str


@dataclass
class DecisionItem:
    """A published decision (ieDecisionDetails.aspx), with the fields of the decisions table."""

    id: str
    council: str
    decision_id: str
    title: str
    url: str
    fields: dict = field(default_factory=dict)
    documents: list[dict] = field(default_factory=list)  # {"document", "title", "url"}


@dataclass
class MinutesItem:
    """The full minutes of an agenda item whose meeting page showed them truncated."""

    item_id: str
    minutes: str


@dataclass
class DocumentItem:
    id: str
    council: str
    meeting: str | None
    agenda_item: str | None
    title: str
    kind: str
    url: str
    body: bytes
    sha256: str  # the body's key in the raw archive
    content_type: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool = False  # the server answered 304 and the body came from the archive


@dataclass
class CrawlErrorItem:
    url: str
    reason: str
    severity: str = "error"


@dataclass
class NewsSourceItem:
    """A news source of a council (registry `news:` entry) as the crawl reads it."""

    council: str
    source: dict
    method: str | None  # feed, sitemap or listing: how its articles were found


@dataclass
class ArticleItem:
    """One fetched article page, with what the feed, sitemap or listing said about it."""

    id: str  # council/source/slug, from the URL
    council: str
    source: dict  # the registry entry: id, organisation, kind, party...
    url: str
    body: bytes
    sha256: str
    content_type: str | None
    hint_title: str | None = None
    hint_date: str | None = None  # ISO date from the feed, sitemap or listing
    hint_source: str | None = None  # feed, sitemap or listing
    not_modified: bool = False
