"""Deadlines of commitments (TAGGING.md §3): find the deadline phrase in a clause and resolve it to the
last day of its period, against the publication date or a date the text itself anchors to.

A small UK calendar of regular expressions does the work (vocabulary in patterns/deadlines.yml); it is
run only on the clause it is given, so it stays fast. Rules for the cases the contract leaves open:

- A period named without a year (a month, season, term: "in January", "this autumn", "by the winter")
  is its first occurrence that has not ended at publication, so a month or season that is under way
  counts ("in March" published 12 March is that March). "next <month|season>" is the first one that
  starts after publication; in a clause told in the past ("had fallen from 1,150 in March") it is a past
  one, so no deadline. "until X" and "from X" give the end of X, like "by X"; "before X" and "ahead of X"
  give the day before X starts, and "by the start of X" means the next X that has not started.
- Academic years: "for / from / by / ready for the 2026/27 academic year" is its September start
  (30 September); "in", "during" and "by the end of" it mean 31 August. Two consecutive years written
  "2024/25" or "2024-25" are a financial year (31 March), and so is "2024-2025" next to money words
  ("budget", "£"); other pairs are spans of calendar years ("2022-25", "2024 to 2029": 31 December).
- "Q3 2025" is a calendar quarter; "Q2 2020/21", "financial Q2" or "(financial year)" make it a
  financial quarter (Q1 April-June ... Q4 January-March). "By year end" is the financial year end.
- Numeric dates are day/month/year. "Sept 25" (an abbreviated month and two digits near the publication
  year, as timetables write it) is September 2025; "September 25" is a day.
- Durations ("within six months", "over the next two years", "within 20 weeks" = 140 days) run from the
  anchor when there is one, else from publication: a day-precise start gives a day-precise deadline, a
  month or year start gives the end of the month. Calendar words ("next year", "this spring") always
  read from publication; back-references ("over the same period", "from then", "the following year",
  "within six months of the change") read from the anchor (find_anchor supplies the date referred to).
- A per-case timescale is a quantity, not a deadline: a duration counted from an event of each case
  ("within 10 working days of the request"), or a duration in days or weeks that follows a rate or
  threshold ("60% of plans ... within 20 weeks", "waiting longer than") or the items processed ("EHC
  plans issued within 20 weeks"; not a one-off batch: "the overdue assessments within 12 weeks").
  A duration in years is always a deadline, and so is "the review will report within 20 weeks".
- When a clause holds several dates, the latest one wins (the end of the whole promise: "open from
  September 2025 ... full by 2029"; a condition "if approved on 9 February" or a superseded date is
  earlier), preferring dates not before publication. Dates that ended more than a month before
  publication are past events, and past dates that say when a decision was made ("In September 2022,
  Cabinet approved") are anchors: neither is a deadline. Vague timing ("shortly", "as soon as
  possible") counts only when no date is given.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import math
import re
import string
from dataclasses import dataclass

from pipeline.vocabulary import vocabulary

Date = datetime.date
_DAY = datetime.timedelta(days=1)
_STALE = datetime.timedelta(days=31)  # a date that ended longer before publication is a past event
_V = vocabulary("deadlines")


@dataclass(frozen=True)
class Anchor:
    """A date the text gives for relative phrases; for "month" and "year" precision only the month or year counts."""

    date: Date
    precision: str  # "day" | "month" | "year"


@dataclass(frozen=True)
class Deadline:
    """A deadline phrase (`text == clause[start:end]`) and its resolved last day (None when vague)."""

    text: str
    start: int
    end: int
    date: Date | None
    basis: str


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    date: Date | None
    precision: str
    basis: str
    kind: str  # "date" | "vague" | "per-case"


@dataclass(frozen=True)
class _Period:
    first: Date
    last: Date
    precision: str  # "day" | "month" | "year"
    name: str


# ---------------------------------------------------------------- regular expressions
# Patterns run on the text lower-cased in ASCII (same offsets), which is several times faster than
# IGNORECASE; word lists become prefix trees ("jan(?:uary)?") for the same reason.

_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _lower(text: str) -> str:
    """The text in lower case with the same offsets (str.lower can lengthen a few non-ASCII letters)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else text.translate(_LOWER)


def _trie(words) -> str:
    """A regex alternation of literal words, as a prefix tree; a space in a word matches any whitespace."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word.lower():
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [(r"\s+" if char == " " else re.escape(char)) + build(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        group = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return group
        return f"(?:{group})?" if len(branches) == 1 and len(group) > 1 else group + "?"

    return build(tree)


def _regex(patterns) -> str:
    return "|".join(f"(?:{pattern})" for pattern in patterns)


_MONTHS = _V["months"]
_WEEKDAYS = _V["weekdays"]
_NUMBERS = _V["numbers"]
_UNITS = [word for word, value in _NUMBERS.items() if 1 <= value <= 9 and word not in ("a", "an")]
_TENS = [word for word, value in _NUMBERS.items() if value >= 20]

_MONTH = rf"\b(?P<m>{_trie(_MONTHS)})\b\.?"
_WEEKDAY = rf"\b(?P<wd>{_trie(_WEEKDAYS)})\b\.?"
_YEAR = r"(?<![\d£$.,/])(?:19|20)\d\d(?![\d%]|[.,/]\d)"
_NUM = rf"(?:\d{{1,3}}|(?:{_trie(_TENS)})(?:[-\s](?:{_trie(_UNITS)}))?|{_trie(_NUMBERS)})\b"
# What may stand before a date and belongs to its phrase: "by the end of", "until at least", "in early",
# "next", "Saturday", "financial year". It is matched backwards from each date, so that every pattern
# below starts with a distinctive token (a digit, a month, a season...) and scans fast.
_PRE_BEFORE = re.compile(
    rf"(?:(?<![\w-])(?P<label>{_trie(_V['field_labels'])})\s*)?"
    rf"(?<![\w-])(?:(?P<pre>{_trie(_V['prepositions'])})\s+)?(?:the\s+)?"
    r"(?:(?P<edge>end(?!\s+of\b)|(?:end|close|start|beginning|middle|first\s+half|second\s+half)(?=\s+of\b))"
    r"\s+(?:of\s+)?"
    r"(?:(?:the|this|its|our|their)\s+[a-z-]+\s+in\s+)?(?:the\s+)?)?"
    r"(?:(?P<part>early|mid|late|later)[-\s]+)?"
    rf"(?:{_WEEKDAY},?\s+)?(?:(?P<kw1>financial|fiscal|academic|school)\s+year\s+|(?P<fy>fy)\s*"
    r"|(?P<fin1>financial|fiscal)\s+)?(?:(?P<rel>this|next|last|coming|following|current|new)\s+)?\Z"
)
_PRE_REACH = 80
_YEAR_REL = r"(?:\s+(?P<yrel>last|this|next)\s+year\b)?"
_CORES = {
    "day_dmy": rf"(?<![\d.,£])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH}(?:,?\s+(?P<y>{_YEAR}))?",
    "day_mdy": rf"{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y>{_YEAR})|(?=\s*(?:[,.;:)]|$)))",
    "day_numeric": r"(?<![\d/.])(?:(?P<d>\d{1,2})/(?P<mo>\d{1,2})/(?P<y>\d{4}|\d{2})"
                   r"|(?P<d2>\d{1,2})\.(?P<mo2>\d{1,2})\.(?P<y2>\d{4})"
                   r"|(?P<y3>(?:19|20)\d\d)-(?P<mo3>\d\d)-(?P<d3>\d\d))(?![\d/]|\.\d)",
    "month_year": rf"{_MONTH}(?:,?\s+(?P<y>{_YEAR})|\s*[-'’]\s*(?P<yy>\d\d)(?![\d/]))",
    "season_year": r"\b(?P<s>spring|summer|autumn|winter)(?:\s+(?P<term>term))?(?:\s+of)?\s+(?P<y>(?:19|20)\d\d)(?!\d)"
                   r"(?:\s*[/-]\s*(?:19|20)?\d\d(?!\d))?",
    "quarter": r"(?:\bq(?P<q>[1-4])|\bquarter\s+(?P<qn>[1-4]|one|two|three|four)"
               r"|\b(?P<qw>first|second|third|fourth|final|last)\s+quarter)\b\s*(?:of\s+)?"
               r"(?:(?:the\s+)?(?P<fin2>financial|fiscal)\s+year\s*)?(?P<y>(?<![\d£$.,/])(?:19|20)?\d\d(?!\d))?"
               r"(?:\s*[/-]\s*(?P<y2>(?:19|20)?\d\d)(?!\d))?(?:\s*\(\s*(?P<fin3>financial|fiscal)\s+year\s*\))?",
    "year_pair": r"(?<![\d/£$.,])(?P<y1>(?:19|20)?\d\d)(?P<sep>\s*/\s*|\s*[-–—]\s*|\s+to\s+|\s+until\s+|\s+and\s+)"
                 r"(?P<y2>(?:19|20)?\d\d)(?![\d%]|[/.,]\d)(?:\s+(?P<kw2>financial|fiscal|academic|school)\s+year)?",
    "year": rf"(?P<y>{_YEAR})",
    "month_rel": rf"{_MONTH}(?!\s*,?\s*\d){_YEAR_REL}",
    "season_rel": rf"\b(?P<s>spring|summer|autumn|winter)(?:\s+(?P<term>term|holidays?))?"
                  rf"(?!\s*(?:of\s+)?(?:19|20)\d\d){_YEAR_REL}",
    "unit_rel": r"\b(?P<unit>(?:calendar\s+|financial\s+|fiscal\s+|academic\s+|school\s+)?year|month|quarter|term|week"
                r"|decade)(?![\w-])",
    "christmas": rf"\bchristmas(?:\s+(?P<y>{_YEAR}))?",
    "year_end": r"\byear[-\s]end\b",
}
_COMPILED = {name: re.compile(pattern) for name, pattern in _CORES.items()}
_ORDINAL_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}
_DURATION = re.compile(
    rf"(?<![\w-])(?P<pre>within|over|in|during|for|across|inside)\s+(?:the\s+)?(?:(?P<rel>next|coming|following)\s+)?"
    rf"(?:(?P<n>{_NUM}(?:\s*(?:-|–|to|or)\s*{_NUM})?)\s*)?"
    r"(?P<unit>(?:working|school|calendar)\s+days?|days?|weeks?|fortnights?|months?|years?)(?:['’]s?)?(?:\s+time)?"
    r"(?:\s+(?P<ofw>of|from|after|following)\s+(?P<ref>(?:(?:the|a|an|this|that|their|its|his|her|each|every|any)\s+)?"
    r"[\w'’-]+)(?=(?P<more>(?:\s+[\w'’-]+){0,2})))?"
)
_LATER = re.compile(rf"(?<![\w-])(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+later\b")
_YEAR_AFTER = re.compile(r"(?<![\w-])the\s+year\s+after(?P<next>\s+next)?\b")
_FOLLOWING = re.compile(r"\bthe\s+following\s+(?:year|month|quarter|spring|summer|autumn|winter|term)\b")
_POINTER_WORDS = re.compile(r"\b(?:then|same|that|later|following|after|of\s+th(?:e|is|at))\b")
_THIS_TIME_NEXT_YEAR = re.compile(r"(?<![\w-])(?:by\s+)?this\s+time\s+next\s+year\b")
_BACK_REFERENCE = re.compile(rf"(?<![\w-])(?:{_regex(_V['back_references'])})(?![\w-])")
_VAGUE = re.compile(rf"(?<![\w-])(?:{_regex(_V['vague'])})(?![\w-])")
_FINANCIAL_CONTEXT = re.compile(_trie(_V["financial_context"]))
_THE_NEXT_UNIT = re.compile(r"\bthe\s+(?:next|coming)\s+(?:year|month|week)\b")
_CONNECTOR = re.compile(r"\s*(-|–|—|to\b|until\b|till\b|and\b|through(?:\s+to)?\b)?\s*")

# Cheap tests that say which patterns can match at all, so that most are never run on a clause.
_GATES = {name: re.compile(pattern) for name, pattern in {
    "digit": r"\d", "numeric": r"\d[/.-]\d\d?[/.-]\d", "month": _MONTH,
    "season": r"\b(?:spring|summer|autumn|winter)\b",
    "unit": r"\b(?:year|month|week|day|term|quarter|decade|fortnight)",
    "quarter": r"\bq[1-4]\b|quarter", "christmas": "christmas", "later": r"\blater\b", "year after": "year after",
    "back": r"\b(?:then|same|that)\b", "this time": "this time",
}.items()}
_SCANS = tuple((name, _COMPILED[name], frozenset(needs)) for name, needs in (
    ("day_dmy", ("digit", "month")), ("day_mdy", ("digit", "month")), ("day_numeric", ("numeric",)),
    ("month_year", ("digit", "month")), ("season_year", ("digit", "season")), ("quarter", ("quarter",)),
    ("year_pair", ("digit",)), ("year", ("digit",)), ("month_rel", ("month",)), ("season_rel", ("season",)),
    ("unit_rel", ("unit",)), ("christmas", ("christmas",)), ("year_end", ("unit",)))) + (
    ("duration", _DURATION, frozenset({"unit"})), ("later", _LATER, frozenset({"later"})),
    ("year_after", _YEAR_AFTER, frozenset({"year after"})), ("back_reference", _BACK_REFERENCE, frozenset({"back"})),
    ("this_time", _THIS_TIME_NEXT_YEAR, frozenset({"this time"})), ("vague", _VAGUE, frozenset()))

_PER_CASE = _V["per_case"]
_PER_CASE_ITEMS = re.compile(
    rf"\b(?:{_trie(_PER_CASE['items'])})\b(?:\s+(?:are|is|were|be|being|to\s+be))?(?:\s+[a-z]+ed)?\s*$"
)
_PER_CASE_RATES = re.compile(_regex(_PER_CASE["rates"]))
_ONE_OFF = re.compile(rf"\b(?:{_trie(_PER_CASE['one_off'])})\b")
_CLAUSE_BREAK = re.compile(r"[;:()–—]|\s-\s|,\s*(?:which|who|and|but|while)\b|[.!?]\s")
# The last auxiliary before a date tells its tense: "had fallen from 1,150 in March" (past), "that was due to
# open next month will not now open until January" (future).
_AUXILIARY = re.compile(r"\b(had|was|were|did|has|have|will|shall|would|is|are|am|be|to|can|could|may|might|must"
                        r"|should)\b(?!\s+to\b)")
_SHORT_UNITS = ("day", "week", "fortnight")

_DECISION = re.compile(rf"(?<![\w-])(?:{_trie(_V['decision_words'])})(?![\w-])")
_PAST_DATES = (
    re.compile(_CORES["day_dmy"]),
    re.compile(rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y>{_YEAR}))?"),
    re.compile(r"(?<![\d/.])(?P<d>\d{1,2})/(?P<mo>\d{1,2})/(?P<y>\d{4})(?![\d/])"),
    re.compile(rf"(?:\b(?:back\s+|earlier\s+|last\s+)?in\s+)?{_MONTH},?\s+(?P<y>{_YEAR})"),
    re.compile(rf"\b(?:back\s+|earlier\s+)?in\s+{_MONTH}(?!\s*,?\s*\d)"),
    re.compile(rf"\b(?:back\s+)?in\s+(?P<y>{_YEAR})"),
    re.compile(rf"\b(?:on|last)\s+{_WEEKDAY}"),
    re.compile(r"\b(?P<word>yesterday|today|this\s+morning|(?:earlier\s+)?this\s+week|last\s+month|last\s+year"
               r"|earlier\s+this\s+month)\b"),
)
# "agreed | by the cabinet | at its meeting | on ...": what may stand between a decision word and its date.
_DECIDED_THEN = re.compile(r"(?:\s+(?:by|of)(?:\s+[\w'’-]+){1,5}?)?"
                           r"(?:,?\s+at\s+(?:its|a|the|their)(?:\s+[\w'’-]+){0,4}?\s+meeting)?"
                           r",?\s*(?:on|in|at|during|last)?\s*")
_CLAUSE_AFTER_DATE = re.compile(r"[;.!?]\s|\b(?:will|shall|would|to\s+be|is\s+to|are\s+to)\b")
_NOT_YET_DECIDED = re.compile(r"\b(?:if|once|when|unless|until|be|being|subject\s+to)\s+(?:[\w'’-]+\s+){0,2}$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9£])|\n\s*")


# ---------------------------------------------------------------- calendar


def _month_end(year: int, month: int) -> Date:
    return Date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: Date, months: int) -> Date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return Date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _span(year: int, month: int, last_year: int, last_month: int, name: str, precision: str = "month") -> _Period:
    return _Period(Date(year, month, 1), _month_end(last_year, last_month), precision, name)


def _month(year: int, month: int) -> _Period:
    return _span(year, month, year, month, f"{calendar.month_name[month]} {year}")


def _year(year: int) -> _Period:
    return _span(year, 1, year, 12, str(year), "year")


def _financial_year(year: int) -> _Period:
    return _span(year, 4, year + 1, 3, f"financial year {year}/{(year + 1) % 100:02d}")


def _academic_year(year: int) -> _Period:
    return _span(year, 9, year + 1, 8, f"academic year {year}/{(year + 1) % 100:02d}")


def _season(name: str, year: int, table: str = "seasons") -> _Period:
    first, last = _V[table][name]
    label = f"{name} term {year}" if table == "terms" else f"{name} {year}"
    if last < first:
        label += f"/{(year + 1) % 100:02d}"
    return _span(year, first, year + (last < first), last, label)


def _quarter(year: int, quarter: int, financial: bool) -> _Period:
    if financial:
        start = _add_months(Date(year, 4, 1), 3 * (quarter - 1))
        last = _add_months(start, 2)
        name = f"financial Q{quarter} {year}/{(year + 1) % 100:02d}"
        return _span(start.year, start.month, last.year, last.month, name)
    return _span(year, 3 * quarter - 2, year, 3 * quarter, f"Q{quarter} {year}")


def _occurrence(make, published: Date, after: bool) -> _Period:
    """The first period from make(year) not ended at `published` (or, with after, starting after it)."""
    for year in range(published.year - 1, published.year + 3):
        period = make(year)
        if (period.first > published) if after else (period.last >= published):
            return period
    raise ValueError(published)


def _months_of(period: _Period) -> list[tuple[int, int]]:
    months, (year, month) = [], (period.first.year, period.first.month)
    while (year, month) <= (period.last.year, period.last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _norm(words: str | None) -> str:
    return " ".join((words or "").lower().split())


def _from_its_start(hit: _Hit) -> bool:
    """True for "by the start of X", "from the beginning of X", "before X": X's start must be still to come."""
    return hit["edge"] in ("start", "beginning") or _norm(hit["pre"]) in _V["before"]


def _resolve(period: _Period, hit: _Hit, academic: bool = False) -> tuple[Date, str]:
    """The deadline a period gives with its preposition and modifiers ("by the end of", "early", "before")."""
    pre, edge, part = (_norm(hit[key]) for key in ("pre", "edge", "part"))
    if period.precision == "day":
        return (period.first - _DAY if pre in _V["before"] else period.first), "day"
    months = _months_of(period)
    single = len(months) == 1

    def month_end(index: int) -> tuple[Date, str]:
        return _month_end(*months[index]), "month"

    if edge in ("end", "close", "second half") or part in ("late", "later"):
        return period.last, "month" if part else period.precision
    if edge == "first half":
        return month_end(len(months) // 2 - 1)
    if edge == "middle" or part == "mid":
        return (period.first.replace(day=15), "day") if single else month_end((len(months) - 1) // 2)
    if part == "early":
        return (period.first.replace(day=10), "day") if single else month_end(math.ceil(len(months) / 4) - 1)
    if edge in ("start", "beginning"):
        return (period.first, "day") if single else month_end(0)
    if academic and pre in _V["academic_start"]:
        return month_end(0)
    if pre in _V["before"]:
        return period.first - _DAY, "day" if single else period.precision
    return period.last, period.precision


# ---------------------------------------------------------------- reading one phrase


class _Hit:
    """A matched date phrase: its span and groups, with the preposition and modifiers found before it."""

    def __init__(self, start: int, end: int, groups: dict):
        self.start, self.end, self.groups = start, end, groups

    def __getitem__(self, name: str) -> str | None:
        return self.groups.get(name)

    @classmethod
    def of(cls, match: re.Match, lower: str | None = None, day: bool = False) -> _Hit:
        """The hit for a match; with the lower-cased text, extended back over "by the end of" and the like
        (but not over a field label such as "Timescale:", nor over "on" unless the date is a day)."""
        groups, start = match.groupdict(), match.start()
        before = _PRE_BEFORE.search(lower, max(0, start - _PRE_REACH), start) if lower is not None else None
        if before:
            groups.update(before.groupdict())
            start = before.start()
            if groups["pre"] == "on" and not day:
                groups["pre"] = None
                start = before.end("pre")
            elif groups["label"]:
                start = before.end("label")
            while lower[start].isspace():
                start += 1
        return cls(start, match.end(), groups)


def _number(words: str) -> int | None:
    """The largest number in "six", "18", "twenty-four", "12 to 18"."""
    values = []
    for piece in re.split(r"\s*(?:-(?=\s*\d)|–|\bto\b|\bor\b)\s*", words.lower().strip()):
        if piece.isdigit():
            values.append(int(piece))
            continue
        parts = re.split(r"[-\s]+", piece)
        if " ".join(parts) in _NUMBERS:
            values.append(_NUMBERS[" ".join(parts)])
        elif all(part in _NUMBERS for part in parts):
            values.append(sum(_NUMBERS[part] for part in parts))
    return max(values) if values else None


def _year_from(text: str, reference: int) -> int:
    year = int(text)
    return year if year >= 100 else reference // 100 * 100 + year


def _day_period(day: Date) -> _Period:
    return _Period(day, day, "day", day.isoformat())


def _next_day(month: int, day: int, published: Date) -> Date | None:
    """The day's next occurrence on or after publication."""
    for year in (published.year, published.year + 1):
        try:
            candidate = Date(year, month, day)
        except ValueError:
            continue
        if candidate >= published:
            return candidate
    return None


class _Reader:
    """Reads the deadline phrases of one text against a publication date and an optional anchor."""

    def __init__(self, text: str, published: Date, anchor):
        self.text, self.lower, self.published, self._anchor = text, _lower(text), published, anchor

    @functools.cached_property
    def anchor(self) -> Anchor | None:
        """The anchor, found only when a phrase needs it if the caller gave a function."""
        return self._anchor() if callable(self._anchor) else self._anchor

    def found(self) -> list[_Found]:
        """Every deadline phrase (dated, vague or per-case), longest first where they overlap, in text order."""
        lower, raw = self.lower, []
        present = {name for name, gate in _GATES.items() if gate.search(lower)}
        for name, pattern, needs in _SCANS:
            if needs <= present:
                read = getattr(self, "_read_" + name)
                for match in pattern.finditer(lower):
                    hit = _Hit.of(match, lower if name in _CORES else None, name.startswith("day"))
                    raw.append(self._found(hit, read(hit)))
        kept: list[_Found] = []
        for item in sorted(filter(None, raw), key=lambda f: (f.start - f.end, f.start)):
            overlapping = [other for other in kept if item.start < other.end and other.start < item.end]
            if not overlapping:
                kept.append(item)
            elif len(overlapping) == 1 and not overlapping[0].start <= item.start < item.end <= overlapping[0].end:
                kept[kept.index(overlapping[0])] = _overlap(overlapping[0], item)
        return _merge_ranges(lower, sorted(kept, key=lambda f: f.start))

    def _found(self, hit: _Hit, result) -> _Found | None:
        if result is None:
            return None
        date, precision, basis, kind = result
        start, end = hit.start, hit.end
        while end > start and self.text[end - 1] in " \t\n,.":
            end -= 1
        article = re.match(r"the\s+(?=\d)", self.lower[start:end])
        start += article.end() if article else 0
        phrase = " ".join(self.text[start:end].split())
        return _Found(start, end, date, precision, basis.replace("{phrase}", phrase), kind)

    # -- explicit and published-relative periods

    def _explicit(self, period: _Period, hit: _Hit, academic: bool = False):
        date, precision = _resolve(period, hit, academic)
        return date, precision, f"explicit: {{phrase}} = {period.name}", "date"

    def _relative(self, period: _Period, hit: _Hit, academic: bool = False, base: str | None = None):
        date, precision = _resolve(period, hit, academic)
        base = base or f"published {self.published.isoformat()}"
        return date, precision, f"{base}: {{phrase}} = {period.name}", "date"

    def _read_day_dmy(self, hit):
        return self._day(hit, _MONTHS[hit["m"]], int(hit["d"]), hit["y"])

    def _read_day_mdy(self, hit):
        number, short_year = int(hit["d"]), self.published.year % 100
        if not (hit["y"] or hit["wd"]) and len(hit["m"]) <= 4 and hit["m"] not in ("may", "june", "july") \
                and short_year - 1 <= number <= short_year + 5:
            return self._explicit(_month(_year_from(hit["d"], self.published.year), _MONTHS[hit["m"]]), hit)
        return self._read_day_dmy(hit)  # "Sept 25" in a timetable is September 2025; "September 25" a day

    def _read_day_numeric(self, hit):
        day, month, year = (hit["d"], hit["mo"], hit["y"]) if hit["d"] else (
            (hit["d2"], hit["mo2"], hit["y2"]) if hit["d2"] else (hit["d3"], hit["mo3"], hit["y3"]))
        return self._day(hit, int(month), int(day), str(_year_from(year, self.published.year)))

    def _day(self, hit, month: int, day: int, year: str | None):
        if year:
            try:
                return self._explicit(_day_period(Date(int(year), month, day)), hit)
            except ValueError:
                return None
        date = _next_day(month, day, self.published)
        return self._relative(_day_period(date), hit) if date and not self._told_as_past(hit) else None

    def _told_as_past(self, hit) -> bool:
        """True when a date without a year sits in a clause told in the past ("had fallen from 1,150 in March"),
        so it names a past month, not the next one."""
        window = self.lower[max(0, hit.start - 60):hit.start]
        breaks = list(_CLAUSE_BREAK.finditer(window))
        verbs = _AUXILIARY.findall(window[breaks[-1].end():] if breaks else window)
        return bool(verbs) and verbs[-1] in ("had", "was", "were", "did", "has", "have")

    def _read_month_year(self, hit):
        year = int(hit["y"]) if hit["y"] else _year_from(hit["yy"], self.published.year)
        return self._explicit(_month(year, _MONTHS[hit["m"]]), hit)

    def _read_season_year(self, hit):
        return self._explicit(_season(hit["s"], int(hit["y"]), "terms" if hit["term"] else "seasons"), hit)

    def _read_quarter(self, hit):
        quarter = int(hit["q"] or 0) or _number(hit["qn"] or "") or _ORDINAL_QUARTERS[hit["qw"]]
        financial = bool(hit["fin1"] or hit["fin2"] or hit["fin3"] or hit["y2"]) \
            or hit["kw1"] in ("financial", "fiscal")
        if hit["y"]:
            return self._explicit(_quarter(_year_from(hit["y"], self.published.year), quarter, financial), hit)
        if not (hit["pre"] or hit["edge"]):
            return None
        return self._relative(_occurrence(lambda year: _quarter(year, quarter, financial), self.published, False), hit)

    def _read_year_pair(self, hit):
        if len(hit["y1"]) == 2 and not (hit["fy"] or (hit["sep"].strip() == "/" and (hit["pre"] or hit["kw1"]))):
            return None  # "24/25" alone is too often something else; "in 24/25", "FY24/25" are years
        first, separator, second = _year_from(hit["y1"], self.published.year), _norm(hit["sep"]), hit["y2"]
        if separator in ("to", "until", "and") and len(second) == 2:
            return None
        second = _year_from(second, first)
        if not first < second <= first + 20:
            return None
        keyword = hit["kw1"] or hit["kw2"]
        consecutive = second == first + 1
        if consecutive and keyword in ("academic", "school"):
            return self._explicit(_academic_year(first), hit, academic=True)
        if consecutive and (keyword in ("financial", "fiscal") or hit["fy"] or separator == "/" or (
                separator in ("-", "–", "—") and (len(hit["y2"]) == 2 or self._financial_context(hit)))):
            return self._explicit(_financial_year(first), hit)
        return self._explicit(_span(first, 1, second, 12, f"{first} to {second}", "year"), hit)

    def _financial_context(self, hit) -> bool:
        return bool(_FINANCIAL_CONTEXT.search(self.lower, max(0, hit.start - 60), hit.end + 30))

    def _read_year(self, hit):
        if not (hit["pre"] or hit["edge"] or hit["part"] or hit["label"]):
            return None
        return self._explicit(_year(int(hit["y"])), hit)

    def _read_month_rel(self, hit):
        if not (hit["pre"] or hit["rel"] or hit["edge"] or hit["part"]):
            return None
        month = _MONTHS[hit["m"]]
        return self._named_period(hit, lambda year: _month(year, month))

    def _read_season_rel(self, hit):
        if not (hit["pre"] or hit["rel"]):
            return None
        table, name = "terms" if hit["term"] == "term" else "seasons", hit["s"]
        return self._named_period(hit, lambda year: _season(name, year, table))

    def _named_period(self, hit, make):
        """A month or season named without a year: "in January", "next summer", "in March next year"."""
        relation = _norm(hit["rel"])
        if relation == "last" or hit["yrel"] == "last" or (relation != "next" and self._told_as_past(hit)):
            return None
        if hit["yrel"]:
            year = self.published.year + (hit["yrel"] == "next")
            return self._relative(min((make(y) for y in (year - 1, year) if make(y).last.year == year),
                                      key=lambda p: p.first), hit)
        if relation == "following" and self.anchor:
            return self._relative(_occurrence(make, self.anchor.date, True), hit, base=self._anchor_base())
        after = relation in ("next", "following") or _from_its_start(hit)
        return self._relative(_occurrence(make, self.published, after), hit)

    def _read_unit_rel(self, hit):
        words = _norm(hit["unit"]).split()
        unit, qualifier = words[-1], words[0] if len(words) == 2 else "calendar"
        relation = _norm(hit["rel"])
        if relation == "last" or _THE_NEXT_UNIT.search(self.lower, hit.start, hit.end) or not (
                relation or hit["edge"] or hit["part"] or (
                    qualifier in ("financial", "fiscal", "academic", "school")
                    and _norm(hit["pre"]) in ("during", "within", "throughout", "in", "over", "for"))):
            return None  # "over the next year" is a duration
        step = 0 if relation in ("", "this", "current") else 1
        if not relation and unit in ("year", "term") and _from_its_start(hit):
            step = 1  # "by the start of the academic year" published in June: the coming one
        base, basis = self.published, None
        if relation == "following" and self.anchor:
            base, basis = self.anchor.date, self._anchor_base()
        if unit == "year" and qualifier in ("financial", "fiscal"):
            period = _financial_year(base.year - (base.month < 4) + step)
        elif unit == "year" and qualifier in ("academic", "school"):
            period = _academic_year(base.year - (base.month < 9) + step)
            return self._relative(period, hit, academic=True, base=basis)
        elif unit == "year":
            period = _month(base.year + 1, 1) if relation == "new" else _year(base.year + step)
        elif unit == "month":
            start = _add_months(base.replace(day=1), step)
            period = _month(start.year, start.month)
        elif unit == "quarter":
            start = _add_months(Date(base.year, 3 * ((base.month - 1) // 3) + 1, 1), 3 * step)
            period = _quarter(start.year, (start.month + 2) // 3, False)
        elif unit == "term":
            terms = [lambda year, name=name: _season(name, year, "terms") for name in _V["terms"]]
            period = min((_occurrence(make, base, step > 0) for make in terms), key=lambda p: p.first)
        elif unit == "week":
            period = _day_period(base + datetime.timedelta(days=6 - base.weekday() + 7 * step))
        else:  # decade
            period = _year(base.year // 10 * 10 + 9)
        return self._relative(period, hit, base=basis)

    def _read_year_end(self, hit):
        """"By year end", "at the year-end": a council's year ends with its financial year."""
        return self._relative(_financial_year(self.published.year - (self.published.month < 4)), hit)

    def _read_christmas(self, hit):
        if not hit["pre"]:
            return None
        if hit["y"]:
            return self._explicit(_day_period(Date(int(hit["y"]), 12, 25)), hit)
        return self._relative(_day_period(_next_day(12, 25, self.published)), hit)

    def _read_this_time(self, hit):
        return _add_months(self.published, 12), "day", f"published {self.published.isoformat()}: {{phrase}}", "date"

    @staticmethod
    def _read_vague(hit):
        return None, "", "vague: no date", "vague"

    # -- durations and back-references

    def _start(self) -> tuple[Date, str, str]:
        if self.anchor:
            return self.anchor.date, self.anchor.precision, self._anchor_base()
        return self.published, "day", f"published {self.published.isoformat()}"

    def _anchor_base(self) -> str:
        date, precision = self.anchor.date, self.anchor.precision
        return "anchor " + {"day": date.isoformat(), "month": date.isoformat()[:7], "year": str(date.year)}[precision]

    def _read_duration(self, hit):
        unit, relation = _norm(hit["unit"]), hit["rel"]
        if hit["n"]:
            count = _number(hit["n"])
        elif relation and not unit.endswith("s"):
            count = 1
        elif relation:
            return self._read_vague(hit)
        else:
            return None
        if hit["pre"] == "for" and not relation:
            return None
        if count is None:
            return None
        if self._per_case(hit, unit):
            return None, "", "per-case timescale: {phrase}", "per-case"
        start, precision, basis = self._start()
        date, precision = _after(start, precision, count, unit)
        return date, precision, f"{basis}: {{phrase}}", "date"

    def _per_case(self, hit, unit: str) -> bool:
        """A statutory or per-case timescale: from an event of each case, a rate, or a processing speed."""
        name = unit.split()[-1].rstrip("s")
        if name != "year" and _counts_from_each_case(hit["ref"], hit["more"]):
            return True
        if name not in _SHORT_UNITS:
            return False
        window = self.lower[max(0, hit.start - 100):hit.start]
        breaks = list(_CLAUSE_BREAK.finditer(window))
        window = window[breaks[-1].end():] if breaks else window
        if _PER_CASE_RATES.search(window):
            return True
        return not _ONE_OFF.search(window) and bool(_PER_CASE_ITEMS.search(window))

    def _read_later(self, hit):
        start, precision, basis = self._start()
        date, precision = _after(start, precision, _number(hit["n"]), _norm(hit["unit"]))
        return date, precision, f"{basis}: {{phrase}}", "date"

    def _read_year_after(self, hit):
        if hit["next"]:
            return self._relative(_year(self.published.year + 2), hit)
        start, _, basis = self._start()
        return self._relative(_year(start.year + 1), hit, base=basis)

    def _read_back_reference(self, hit):
        if not self.anchor:
            return None, "", "vague: {phrase} with no date to refer to", "vague"
        date, precision = self.anchor.date, self.anchor.precision
        if precision == "month":
            date = _month_end(date.year, date.month)
        elif precision == "year":
            date = Date(date.year, 12, 31)
        return date, precision, f"{self._anchor_base()}: {{phrase}}", "date"


def _counts_from_each_case(reference: str | None, more: str | None) -> bool:
    """True when "within N weeks of <reference> <more>" counts from an event of each case ("of a request",
    "of receiving", "of the plan being issued"), not from one event ("of the change")."""
    words = _norm(reference).split()
    return bool(words) and (words[0] in _PER_CASE["determiners"] or any(
        word.strip("'’") in _PER_CASE["events"] for word in words + _norm(more).split()))


def _after(start: Date, precision: str, count: int, unit: str) -> tuple[Date, str]:
    """start + count units; from a month or year start, the end of the month reached."""
    if precision == "month":
        start = _month_end(start.year, start.month)
    elif precision == "year":
        start = Date(start.year, 12, 31)
    words = unit.split()
    name = words[-1].rstrip("s")
    if name == "year":
        date = _add_months(start, 12 * count)
    elif name == "month":
        date = _add_months(start, count)
    elif name in ("week", "fortnight"):
        date = start + datetime.timedelta(days=count * (7 if name == "week" else 14))
    elif words[0] in ("working", "school"):
        date = start
        while count:
            date += _DAY
            count -= date.weekday() < 5
    else:
        date = start + datetime.timedelta(days=count)
    if precision == "day":
        return date, "day"
    return _month_end(date.year, date.month), "month"


def _overlap(first: _Found, second: _Found) -> _Found:
    """One phrase for two that share words ("this financial year 2025/26"): the explicit date, else the later."""
    if first.kind != "date" or second.kind != "date":
        return first if first.kind == "date" else second
    best = max((first, second), key=lambda f: (f.basis.startswith("explicit"), f.date))
    return _Found(min(first.start, second.start), max(first.end, second.end), best.date, best.precision, best.basis,
                  "date")


def _merge_ranges(lower: str, found: list[_Found]) -> list[_Found]:
    """Join "late 2024 to summer 2025", "between 2023/24 and 2025/26" into one phrase ending with the later date."""
    merged: list[_Found] = []
    for item in found:
        previous = merged[-1] if merged else None
        joined = _CONNECTOR.fullmatch(lower, previous.end, item.start) if previous else None
        if joined and previous.kind == item.kind == "date" and (
                joined.group(1) or _CONNECTOR.match(lower, item.start).group(1)):
            later = max(previous, item, key=lambda f: f.date)
            merged[-1] = _Found(previous.start, item.end, later.date, later.precision, later.basis, "date")
        else:
            merged.append(item)
    return merged


# ---------------------------------------------------------------- anchors


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, begin = [], 0
    for match in _SENTENCE_BREAK.finditer(text):
        if text[begin:match.start()].strip():
            spans.append((begin, match.start()))
        begin = match.end()
    if text[begin:].strip():
        spans.append((begin, len(text)))
    return spans


def _past_date(match: re.Match, published: Date) -> Anchor | None:
    """The date a past-time expression names ("back in July", "on Thursday"), if on or before publication."""
    groups = match.groupdict()
    if groups.get("word"):
        word = _norm(groups["word"])
        if word in ("yesterday", "today", "this morning"):
            return Anchor(published - _DAY * (word == "yesterday"), "day")
        if word.endswith("this week"):
            return Anchor(published - _DAY * published.weekday(), "day")
        if word == "last year":
            return Anchor(Date(published.year - 1, 1, 1), "year")
        return Anchor(_add_months(published.replace(day=1), -(word == "last month")), "month")
    if groups.get("d"):
        month = int(groups["mo"]) if groups.get("mo") else _MONTHS[groups["m"]]
        try:
            date = Date(int(groups["y"]) if groups.get("y") else published.year, month, int(groups["d"]))
            if not groups.get("y") and date > published:
                date = date.replace(year=published.year - 1)
        except ValueError:
            return None
        return Anchor(date, "day") if date <= published else None
    if groups.get("m"):
        month = _MONTHS[groups["m"]]
        date = Date(int(groups["y"]) if groups.get("y") else published.year - (month > published.month), month, 1)
        return Anchor(date, "month") if date <= published else None
    if groups.get("wd"):
        weekday = _WEEKDAYS[groups["wd"]]
        back = (published.weekday() - weekday) % 7 or (7 if match.group(0).startswith("last") else 0)
        return Anchor(published - datetime.timedelta(days=back), "day")
    year = int(groups["y"])
    return Anchor(Date(year, 1, 1), "year") if year <= published.year else None


def _decision_dates(lower: str, published: Date) -> list[tuple[int, int, int, Anchor]]:
    """(gap, start, end, anchor) for each past date tied to a decision word, closest first: "agreed on Thursday",
    "approved by Cabinet at its meeting on 15 November", "In September 2022, Cabinet approved"; not "agreed to
    hold an event on 25 January" nor "if approved on 9 February"."""
    decisions = [match for match in _DECISION.finditer(lower)
                 if not _NOT_YET_DECIDED.search(lower, max(0, match.start() - 20), match.start())]
    if not decisions:
        return []
    dates: list[tuple[int, int, Anchor]] = []
    for pattern in _PAST_DATES:
        for match in pattern.finditer(lower):
            anchor = _past_date(match, published)
            if anchor and all(match.end() <= start or match.start() >= end for start, end, _ in dates):
                dates.append((match.start(), match.end(), anchor))
    pairs = []
    for decision in decisions:
        for start, end, anchor in dates:
            if start >= decision.end():
                gap = lower[decision.end():start]
                tied = _DECIDED_THEN.fullmatch(gap)
            elif end <= decision.start():
                gap = lower[end:decision.start()]
                tied = len(gap) <= 120 and not _CLAUSE_AFTER_DATE.search(gap)
            else:
                continue
            if tied:
                pairs.append((len(gap), start, end, anchor))
    return sorted(pairs, key=lambda pair: pair[0])


def _points_back(lower: str, start: int) -> int | None:
    """Where the first phrase after `start` that refers to an earlier date begins ("from then", "the following
    year", "within six months of the change"), or None."""
    if not _POINTER_WORDS.search(lower, start):
        return None
    found = [match.start() for pattern in (_BACK_REFERENCE, _LATER, _FOLLOWING)
             for match in [pattern.search(lower, start)] if match]
    found += [match.start() for match in _YEAR_AFTER.finditer(lower, start) if not match["next"]][:1]
    for match in _DURATION.finditer(lower, start):
        if _norm(match["ref"]).split()[:1] in (["the"], ["this"], ["that"]) and not _counts_from_each_case(
                match["ref"], match["more"]):
            found.append(match.start())
    return min(found, default=None)


def find_anchor(text: str, published: Date) -> Anchor | None:
    """The date relative phrases of the last sentence of `text` count from, or None (then use `published`).

    `text` is the document up to and including the clause (say, its paragraph or the two sentences before
    it). When the clause points back ("over the same period", "from then", "the following year", "within
    six months of the change"), the anchor is the nearest date before that phrase ("by March 2024",
    "from September", "in 2027"). Otherwise it is the date a decision was made, in the clause's sentence
    or the nearest sentence before it: "Back in July, the council agreed" (month, the latest July on or
    before publication), "On Monday, November 15, the strategy was approved" (day), "Cabinet agreed on
    Thursday" (the latest Thursday on or before publication). Other dates are not anchors.
    """
    sentences = _sentences(text)
    if not sentences:
        return None
    lower = _lower(text)
    pointer = _points_back(lower, sentences[-1][0])
    if pointer is not None:
        before = [f for f in _Reader(text[:pointer], published, None).found() if f.kind == "date"]
        if before:
            nearest = max(before, key=lambda f: f.start)
            return Anchor(_normalise(nearest.date, nearest.precision), nearest.precision)
    decisions = [match.start() for match in _DECISION.finditer(lower)]
    for start, end in reversed(sentences):
        pairs = _decision_dates(lower[start:end], published) if any(start <= at < end for at in decisions) else []
        if pairs:
            return pairs[0][3]
    return None


def _normalise(date: Date, precision: str) -> Date:
    return {"day": date, "month": date.replace(day=1), "year": Date(date.year, 1, 1)}[precision]


# ---------------------------------------------------------------- deadlines


def find_deadline(text: str, published: Date, anchor=None) -> Deadline | None:
    """The deadline of the commitment in `text` (a clause, sentence or table row), or None.

    Dates resolve to the last day of their period (TAGGING.md §3) against `published`; durations and
    back-references against `anchor` when given (see find_anchor): an Anchor, or a function that
    returns one, called only when a phrase needs it. Vague timing gives a Deadline whose
    date is None; per-case timescales ("EHC plans issued within 20 weeks") and frequencies are not
    deadlines. With several dates the latest wins (module docstring).
    """
    reader = _Reader(text, published, anchor)
    found = reader.found()
    dated = [f for f in found if f.kind == "date" and f.date >= published - _STALE]
    if dated:
        decided = [(start, end) for _, start, end, _ in _decision_dates(reader.lower, published)]
        dated = [f for f in dated if not any(f.start < end and start < f.end for start, end in decided)]
    if dated:
        best = max(dated, key=lambda f: (f.date >= published, f.date, f.start))
    else:
        best = next((f for f in found if f.kind == "vague"), None)
        if best is None:
            return None
    return Deadline(text[best.start:best.end], best.start, best.end, best.date, best.basis)
