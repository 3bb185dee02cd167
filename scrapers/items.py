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
