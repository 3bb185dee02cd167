"""Meeting dates and times as ModernGov writes them (titles, link text, XML fields, decision labels)."""

from __future__ import annotations

import datetime
import html
import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DAY = r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_DATE_PATTERNS = (
    re.compile(rf"{_DAY}(?:\s+of)?[\s,-]+{_MONTH}[\s,-]+{_YEAR}", re.IGNORECASE),  # 14th March, 2024
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.IGNORECASE),  # March 14, 2024
    re.compile(rf"{_DAY}/(?P<month>\d{{1,2}})/{_YEAR}"),  # 10/02/2026
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),  # 2026-01-15
)
_TIME = re.compile(
    r"""(?<![\d.:/])(?:
        (?P<hour12>\d{1,2})(?:[.:](?P<minute12>\d{2}))?\s*(?P<meridiem>[ap])\.?\s?m\b\.?
      | (?:12(?:[.:]00)?\s*)?(?P<noon>noon|midday)\b
      | (?P<hour24>\d{1,2})(?P<separator>[.:])(?P<minute24>\d{2})(?!\d)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# What may sit between a date and its time: "15 Jan 2026 7:30 pm", "3 Aug 2026 - 10:00", "2026-01-15T19:30".
_DATE_TIME_GAP = re.compile(r"[\s,;@–—-]*(?:at\s+|T)?", re.IGNORECASE)


def parse_meeting_datetime(text: str) -> tuple[datetime.date | None, datetime.time | None]:
    """Find a meeting date and time in ModernGov text; ``(None, None)`` when there is neither.

    Accepts entity-encoded text, weekday names, ordinals, "7:30 pm" / "7.30pm" / "19.30" / "12 noon",
    and day-month-year dates written with month names, slashes or ISO dashes, anywhere in the string.
    """
    cleaned = _clean(text)
    found = _find_date(cleaned)
    if found is None:
        return None, _find_time(cleaned)
    date, start, end = found
    near = _time_right_after(cleaned[end:])
    return date, near or _find_time(cleaned[:start] + " " + cleaned[end:])


def _clean(text: str) -> str:
    # Unescape until stable: ModernGov XML titles can be escaped twice (&amp;#47;).
    for _ in range(3):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return text.replace("\xa0", " ")


def _find_date(text: str) -> tuple[datetime.date, int, int] | None:
    """The earliest valid date in text, with its span."""
    candidates = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            date = _date_from(match)
            if date:
                candidates.append((match.start(), match.end(), date))
                break
    if not candidates:
        return None
    start, end, date = min(candidates, key=lambda candidate: candidate[0])
    return date, start, end


def _date_from(match: re.Match) -> datetime.date | None:
    month = match["month"]
    month_number = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
    try:
        return datetime.date(int(match["year"]), month_number, int(match["day"]))
    except ValueError:
        return None


def _time_right_after(text: str) -> datetime.time | None:
    match = _TIME.match(text, _DATE_TIME_GAP.match(text).end())
    return _time_from(match) if match else None


def _find_time(text: str) -> datetime.time | None:
    """A time anywhere in text; "5.10" on its own is too likely an item number to count."""
    for match in _TIME.finditer(text):
        if match["hour24"] is not None and match["separator"] == ".":
            continue
        time = _time_from(match)
        if time:
            return time
    return None


def _time_from(match: re.Match) -> datetime.time | None:
    if match["noon"]:
        return datetime.time(12, 0)
    if match["meridiem"]:
        hour, minute = int(match["hour12"]), int(match["minute12"] or 0)
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["meridiem"].lower() == "p" else 0)
    else:
        hour, minute = int(match["hour24"]), int(match["minute24"])
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


def iso_day(value: str | None) -> datetime.date | None:
    """The date an ISO 8601 date or timestamp starts with ("2024-03-04T10:00:00+00:00"), or None."""
    try:
        return datetime.date.fromisoformat(value.strip()[:10]) if value else None
    except ValueError:
        return None
