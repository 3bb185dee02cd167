"""Load a council's story from YAML (``demo/council.yml``) into the site model.

Routine agenda items are written as ``standard: apologies`` (or ``minutes``,
``petitions``, ``announcements``) and expanded here; any field given in the YAML
overrides the standard text.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import yaml

from demo.markup import long_date
from demo.model import Committee, Council, Document, Item, Meeting, Vote, noon

STORY = Path(__file__).with_name("council.yml")


def paragraphs(block) -> tuple[str, ...]:
    """Split a YAML text block into paragraphs at blank lines, joining wrapped lines.
    A line starting with "#" (a PDF heading) is always a paragraph of its own."""
    if not block:
        return ()
    if isinstance(block, list):
        return tuple(p for part in block for p in paragraphs(part))
    result, current = [], []
    for line in [*str(block).strip().splitlines(), ""]:
        line = line.strip()
        if current and (not line or line.startswith("#")):
            result.append(" ".join(current))
            current = []
        if line.startswith("#"):
            result.append(line)
        elif line:
            current.append(line)
    return tuple(result)


def load_story(path: Path = STORY) -> Council:
    """Read a story file and build the `Council` it describes."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    committees = {spec["id"]: _committee(spec) for spec in data["committees"]}
    specs = sorted(data["meetings"], key=lambda spec: _when(spec["when"]))
    last_held: dict[int, datetime] = {}
    meetings = []
    for spec in specs:
        committee = committees[spec["committee"]]
        meeting = _meeting(spec, committee, last_held.get(committee.cid))
        if not meeting.cancelled:
            last_held[committee.cid] = meeting.start
        meetings.append(meeting)
    council = data["council"]
    return Council(council["name"], council["slug"], committees.values(), meetings)


def _when(value: str) -> datetime:
    return datetime.strptime(str(value), "%Y-%m-%d %H:%M")


def _committee(spec: dict) -> Committee:
    return Committee(
        cid=spec["id"], name=spec["name"], section=spec["section"], venue=spec["venue"],
        purpose=paragraphs(spec.get("purpose")),
        members=tuple((name, role) for name, role in spec.get("members", [])),
        contact=spec.get("contact", ""))


def _meeting(spec: dict, committee: Committee, previous: datetime | None) -> Meeting:
    start = _when(spec["when"])
    cancelled = spec.get("status") == "cancelled"
    items = () if cancelled else tuple(_item(i, start, previous) for i in spec.get("items", []))
    return Meeting(mid=spec["id"], committee=committee, agenda_id=spec["agenda"], start=start,
                   venue=spec.get("venue", committee.venue), items=items, cancelled=cancelled)


def _standard(kind: str, spec: dict, previous: datetime | None) -> dict:
    if kind == "apologies":
        names = spec.get("names", [])
        listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + (names[-1] if names else "")
        text = (f"Apologies for absence were received from Councillor{'s' if len(names) > 1 else ''} {listed}."
                if names else "There were no apologies for absence.")
        return {"title": "Apologies for Absence", "minutes": text}
    if kind == "minutes":
        held = long_date(_when(spec["previous"]) if "previous" in spec else previous)
        return {"title": "Minutes",
                "description": f"To confirm the Minutes of the meeting held on {held}.",
                "minutes": f"The Minutes of the meeting held on {held} were confirmed as a correct "
                           "record and signed by the Chairman."}
    if kind == "petitions":
        return {"title": "Public Petitions",
                "description": "To receive any petitions presented under the Council's Petitions Scheme.",
                "minutes": "No petitions had been received for this meeting."}
    if kind == "announcements":
        return {"title": "Chairman's Announcements",
                "description": "To receive any announcements from the Chairman.",
                "minutes": "The Chairman had no announcements."}
    raise ValueError(f"unknown standard item {kind!r}")


def _item(spec: dict, start: datetime, previous: datetime | None) -> Item:
    fields = _standard(spec["standard"], spec, previous) if "standard" in spec else {}
    fields.update({k: spec[k] for k in ("title", "description", "minutes", "decision") if k in spec})
    report = spec.get("report")
    return Item(
        aiid=spec["id"], number=spec["num"], title=fields["title"],
        description=paragraphs(fields.get("description")),
        report=_document(report, fields["title"], start) if report else None,
        documents=tuple(_document(doc, doc["title"], start) for doc in spec.get("documents", [])),
        decision=paragraphs(fields.get("decision")),
        minutes=paragraphs(fields.get("minutes")),
        truncate=spec.get("truncate", 0),
        votes=tuple(Vote(*row) for row in spec.get("votes", [])))


def _document(spec: dict, title: str, start: datetime) -> Document:
    filename = spec.get("file", title)
    return Document(
        folder=f"s{spec['id']}", filename=f"{filename}.pdf", title=spec.get("title", title),
        kind="report", published=noon(start, -7),
        pages=tuple(paragraphs(page) for page in spec["pages"]))
