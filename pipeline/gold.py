"""Documents in the gold format (TAGGING.md §6): `key: value` header lines, a blank line, the body."""

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HEADER_LINE = re.compile(r"^[a-z_]+: ")


@dataclass
class GoldDocument:
    name: str
    header: dict
    body: str
    labels: list[dict] = field(default_factory=list)

    @property
    def published(self) -> date | None:
        return parse_published(self.header.get("published", ""))


def split_header(text: str) -> tuple[dict | None, str]:
    """(header, body) for a gold-format text, or (None, text) for plain text."""
    head, sep, body = text.partition("\n\n")
    lines = head.splitlines()
    if not sep or not lines or not all(HEADER_LINE.match(line) for line in lines):
        return None, text
    header = dict(line.split(": ", 1) for line in lines)
    return (header, body) if "published" in header else (None, text)


def parse_published(value: str) -> date | None:
    """The date at the start of a `published` header value ("2023-12-15 (meeting date)")."""
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    return date(*map(int, match.groups())) if match else None


def load_gold(folder: Path) -> list[GoldDocument]:
    """Every NNN.txt with its NNN.labels.json in a gold folder; each label gets `start` and `end`."""
    documents = []
    for path in sorted(Path(folder).glob("*.txt")):
        labels_path = path.with_name(f"{path.stem}.labels.json")
        if not labels_path.exists():
            continue
        header, body = split_header(path.read_text(encoding="utf-8"))
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        for label in labels:
            label["start"] = body.find(label["text"])
            label["end"] = label["start"] + len(label["text"])
        documents.append(GoldDocument(path.stem, header or {}, body, labels))
    return documents
