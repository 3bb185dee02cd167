"""A synthetic council of any size for benchmarks ("bench:N").

Meeting ``i`` (0 <= i < N) belongs to committee ``i % 20`` and is built on request from
its number alone, so memory stays small whatever N is. Each held meeting has five items,
one report PDF and a printed agenda and minutes; every 25th meeting is cancelled.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta

from demo.markup import long_date
from demo.model import MONTHS, Committee, Council, Document, Item, Meeting, noon

NAMES = ("County Council", "Cabinet", "Planning Committee", "Licensing Committee", "Audit Committee",
         "Pensions Committee", "Health and Wellbeing Board", "Children's Services Scrutiny Committee",
         "Adult Care Scrutiny Committee", "Highways Panel", "Education Panel", "Environment Panel",
         "Resources Panel", "Standards Committee", "Fire Authority", "Police and Crime Panel",
         "Development Control Committee", "Employment Committee", "Schools Forum", "Community Safety Panel")
TOPICS = (
    ("SEND Casework", "The Council will recruit {n} additional SEND caseworkers by {due}."),
    ("Road Maintenance", "The Council will resurface {n} miles of road by {due}."),
    ("Library Opening Hours", "The Council will extend opening hours at {n} libraries by {due}."),
    ("Special School Places", "The Council will open {n} new special school places by {due}."),
    ("Budget Monitoring", "The Council will reduce the forecast overspend by £{n} million by {due}."),
)
FIRST = datetime(2019, 1, 7)
MID, AGENDA, AIID, SID = 100_000, 500_000, 1_000_000, 2_000_000


class BenchCouncil(Council):
    """``n`` meetings over up to 20 committees, spread over at least six years."""

    def __init__(self, n: int):
        if n < 1:
            raise ValueError("bench site needs at least one meeting")
        self.name, self.slug, self.n = "Benchmark County Council", "bench", n
        self.committees = tuple(
            Committee(cid=200 + k, name=NAMES[k], section="Committees", venue=f"Room {k + 1}, Civic Centre",
                      purpose=(f"The {NAMES[k]} of the benchmark council.",),
                      members=((f"Member {k}A", "Chairman"), (f"Member {k}B", "")),
                      contact="Committee Services")
            for k in range(min(len(NAMES), n)))
        self._committees = {c.cid: c for c in self.committees}
        self._span = max(6 * 365, -(-n // len(self.committees)) * 7)
        self.meeting = functools.lru_cache(maxsize=2048)(self._build)

    def _build(self, mid: int) -> Meeting | None:
        """The meeting with this id, or None."""
        i = mid - MID
        if not 0 <= i < self.n:
            return None
        committee = self.committees[i % len(self.committees)]
        start = FIRST + timedelta(days=i * self._span // self.n, hours=(10, 14, 18)[i % 3], minutes=30 * (i % 2))
        if i % 25 == 24:
            return Meeting(mid, committee, AGENDA + i, start, committee.venue, cancelled=True)
        return Meeting(mid, committee, AGENDA + i, start, committee.venue, items=self._items(i, start))

    def _items(self, i: int, start: datetime) -> tuple[Item, ...]:
        topic, promise = TOPICS[i % len(TOPICS)]
        due = start + timedelta(days=365)
        pledge = promise.format(n=10 + i % 90, due=f"{MONTHS[due.month - 1]} {due.year}")
        report = Document(folder=f"s{SID + i}", filename=f"{topic} Report {i}.pdf", title=f"{topic} Report",
                          kind="report", published=noon(start, -7),
                          pages=((f"# {topic} Report", f"Report for the meeting on {long_date(start)}.", pledge,
                                  "Progress will be reported to the committee every six months."),))
        base = AIID + i * 10
        return (
            Item(base, "1.", "Apologies for Absence", minutes=("There were no apologies for absence.",)),
            Item(base + 1, "2.", "Minutes", description=("To confirm the Minutes of the previous meeting.",),
                 minutes=("The Minutes of the previous meeting were confirmed as a correct record.",)),
            Item(base + 2, "3.", f"{topic} Report", description=(f"To consider the {topic.lower()} report.",),
                 report=report, minutes=(f"The committee considered the report. {pledge}",)),
            Item(base + 3, "4.", "Performance Monitoring", description=("To note performance.",),
                 minutes=("The committee noted the performance figures.",)),
            Item(base + 4, "5.", "Urgent Business", minutes=("There was no urgent business.",)),
        )

    def meetings_of(self, cid: int) -> list[Meeting]:
        """The committee's meetings, oldest first."""
        k, step = cid - 200, len(self.committees)
        if not 0 <= k < step:
            return []
        return [self.meeting(MID + i) for i in range(k, self.n, step)]

    def item(self, aiid: int):
        """The agenda item with this id and its meeting, or None."""
        i, j = divmod(aiid - AIID, 10)
        meeting = self.meeting(MID + i) if aiid >= AIID else None
        if meeting is None or j >= len(meeting.items):
            return None
        return meeting, meeting.items[j]

    def document(self, path: str):
        """The document at this decoded path and its meeting, or None."""
        parts = path.split("/")
        if len(parts) != 3 or parts[1][:1] not in ("s", "g") or not parts[1][1:].isdigit():
            return None
        number = int(parts[1][1:])
        meeting = self.meeting(MID + number - (SID if parts[1][0] == "s" else AGENDA))
        matches = [doc for doc in meeting.documents if doc.path == path] if meeting else []
        return (meeting, matches[0]) if matches else None

    def all_meetings(self):
        """Every meeting, in id order."""
        return (self.meeting(MID + i) for i in range(self.n))
