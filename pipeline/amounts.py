"""Money and counts in council text (TAGGING.md §4): "£8 million", "£1.2m a year", "eighty extra staff",
"340 new special school places", "65% of new EHC plans within 20 weeks".

`money_mentions` and `quantity_mentions` find every figure; `commitment_amount` and `commitment_quantity`
pick the one a commitment clause promises. Read them on the commitment clause itself, not on its whole
sentence: a sentence often holds two commitments, each with its own figure (benchmarks/amount_gold.py).
Rules for the ambiguous cases:

- A range gives its upper figure: "£2-3m" -> 3,000,000 and "20-30 places" -> 30, so that it agrees with
  "20 to 30 places" and "between 20 and 30 places", where only the upper number carries the unit.
- A change "from X to Y" promises Y: "from £9.5m to £17.5m" -> £17.5m, "from 110 to 160 places" -> 160.
  "increase ... by £8 million" / "expand ... by 50 places" promise the increment.
- "an additional £3m, bringing the total to £10m" promises the £3m: a running total is not the promise,
  nor is a comparison ("up from £5m", "compared with 40").
- A figure its own clause marks as delivered ("230 places created in the past two years", "£2m has been
  spent", "the 20 places already open") is not what the clause promises. Agreed or approved money still is.
- A figure that a consultation, report or review is about ("a consultation on opening a 16-place unit",
  "report on progress with the two new schools") is not promised: the consultation is.
- "£X a year" keeps the per-year figure and sets `per_year`.
- A count's unit is its noun phrase up to the first plural noun, without words that only describe the
  increment ("eighty extra staff" -> "staff", "the 12 busiest branch libraries" -> "branch libraries").
  "N-place X unit" is a capacity: "24-place SEMH unit" -> 24 "SEMH places".
- A percentage's unit keeps its "of" phrase and a per-case timescale that follows:
  "65% of new EHC plans are issued within 20 weeks" -> 65 "% of new EHC plans within 20 weeks".
- An elided count ("a further two", "1,100 more", "a capacity of 150", "by 320", "rising to 80%",
  "increase the number of coordinators to 15") takes the unit of the nearer of "the number of <X>" and the
  previous count (or percentage) in the same sentence, or else an empty unit.
- A count of one is promised only with "new", "additional", "extra", "more" or "further" ("one new school").
- "a dozen" is 12; "a couple of", "a few", "dozens", "hundreds of" and fractions ("a third", "halve") are
  not counts.
- Not counts: years (1900-2100), dates ("1 April", "April 1"), ages ("aged 14", "aged 5 to 16"), labels
  ("Year 9", "Key Stage 2", "paragraph 4", "Phase 5"), numbered paragraphs ("4.1 The ..."), times, ratios
  ("one in five", "8 out of 10"), names ("Five Acres School"), money. Lengths of time in months or years
  ("over the next two years") are deadlines, never a promised count; per-case timescales in days or weeks
  ("within 20 weeks") are, but rank after any other count in the clause.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from pipeline.vocabulary import flat, vocabulary


@dataclass(frozen=True)
class Money:
    """An amount of money in the text; `value` in pounds, `per_year` for "£5m a year"."""

    value: float
    text: str
    start: int
    end: int
    per_year: bool


@dataclass(frozen=True)
class Quantity:
    """A count and its unit noun phrase; `unit` is "" for an elided count with nothing to take a unit from."""

    value: float
    unit: str
    text: str
    start: int
    end: int


_UNITS = vocabulary("units")


def _words(key: str) -> frozenset[str]:
    return frozenset(_UNITS[key])


def _alternation(key: str) -> str:
    phrases = sorted(_UNITS[key], key=len, reverse=True)
    return "|".join(re.escape(phrase).replace(r"\ ", r"[ \t]+") for phrase in phrases)


_DROPPED, _INCREMENTS = _words("dropped_modifiers"), _words("increment_modifiers")
_PLURALS, _NOT_PLURALS = _words("plurals_without_s"), _words("not_plurals")
_MEASURES, _CONTAINERS, _STOP = _words("measure_heads"), _words("containers"), _words("stop_words")
_PERIODS, _TIMESCALES = _words("period_heads"), _words("timescale_heads")
_DURATIONS = _PERIODS | _TIMESCALES
_CAPACITY = _UNITS["capacity_compounds"]

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}

_NUMBER_WORD = "|".join(sorted([*_ONES, *_TENS], key=len, reverse=True))
_WORD_NUMBER = (
    rf"(?:\ba[ \t]+(?:dozen|hundred|thousand)|\b(?:{_NUMBER_WORD}))\b"
    rf"(?:(?:[ \t]+|-)(?:{_NUMBER_WORD}|hundred|thousand|million|dozen)\b"
    rf"|(?<=hundred)[ \t]+and[ \t]+(?:{_NUMBER_WORD})\b|(?<=thousand)[ \t]+and[ \t]+(?:{_NUMBER_WORD})\b)*"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})++(?!\d)|\d++)(?:\.\d++)?+"
_DIGITS_END = r"(?!\w|[.,:/]\d)"
_MULTIPLIER = r"(?:bn|billion|mn|m|million|k|thousand)\b"

_MONEY = re.compile(
    rf"""(?:£|\bGBP[ \t]?)[ \t]?(?P<a>{_DIGITS})(?:[ \t]?(?P<am>{_MULTIPLIER}))?
         (?:[ \t]?[-–][ \t]?£(?P<b>{_DIGITS})(?:[ \t]?(?P<bm>{_MULTIPLIER}))?
           |[-–](?P<c>{_DIGITS})(?:[ \t]?(?P<cm>{_MULTIPLIER}))?(?![\w/]))?
       |(?<![\w.,£$€])(?P<d>{_DIGITS})(?:[ \t]?(?P<dm>{_MULTIPLIER}))?[ \t]+pounds\b""",
    re.IGNORECASE | re.VERBOSE,
)
_PER_YEAR_AFTER = re.compile(
    r"[ \t]*(?:(?:a|an|per|each)[ \t]+[a-z]+[ \t]+)?"
    r"(?:(?:a|per|each|every)[ \t]+(?:year|annum)\b|annually\b|yearly\b|annual\b|recurr(?:ent|ing)\b|p\.?a\.?(?!\w))",
    re.IGNORECASE,
)
_PER_YEAR_BEFORE = re.compile(r"\b(?:annual|yearly|recurrent|recurring)[ \t]+$", re.IGNORECASE)

_COUNT = re.compile(
    rf"""(?<![\w.,/:£$€#])(?<!\d[-–])(?P<digits>{_DIGITS}){_DIGITS_END}\+?
         (?P<scale>[ \t]+(?:million|billion|thousand)\b)?
         (?:[ \t]?[-–][ \t]?(?P<upper>{_DIGITS}){_DIGITS_END})?
       |(?P<words>{_WORD_NUMBER})""",
    re.IGNORECASE | re.VERBOSE,
)
_PERCENT = re.compile(r"[ \t]?(?:%|per[ \t]?cent\b|percent\b)", re.IGNORECASE)
_MONTH = (
    r"(?-i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)
_NOT_A_COUNT_BEFORE = re.compile(
    rf"(?:\b(?:{_alternation('label_words')})\b\.?|\bage[ds]?(?:[ \t]+(?:of|between|from|up[ \t]+to|under|over))?)"
    rf"[ \t-]*(?:[\w.]+[ \t]*(?:to|and|or|-|–)[ \t]*)?$|\b{_MONTH}[ \t]*$|[£$€][ \t]*$"
    rf"|\b(?:\d{{1,3}}|{_NUMBER_WORD})[ \t]+(?:in|out[ \t]+of)[ \t]+$",
    re.IGNORECASE,
)
_NOT_A_COUNT_AFTER = re.compile(  # "1 April", "15 years old", "one in five", "8 out of 10"
    rf"[ \t]+(?:of[ \t]+)?{_MONTH}|[ \t]+years?[ \t]+old\b|-year-old"
    rf"|[ \t]+(?:in|out[ \t]+of)[ \t]+(?:\d{{1,3}}(?![\d,])|(?:{_NUMBER_WORD})\b)",
    re.IGNORECASE,
)
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")
_CAPITALISED_WORD = re.compile(r"[ \t]+[A-Z][a-z]")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;\n\"“‘'(–•*-])[ \t]*$")

# The next word; across a line break only in lower case (a capital after a break starts a new row or item).
_TOKEN = re.compile(r"(?:[ \t]+|[ \t]*\n[ \t]*(?=[a-z]))([A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_OF_THE = re.compile(r"[ \t]+of[ \t]+(?:the|its|their|our|these|those|his|her)(?=[ \t])", re.IGNORECASE)
_PERCENT_OF = re.compile(r"[ \t]+of(?:[ \t]+(?:the|all|its|their|our))?(?=[ \t])", re.IGNORECASE)
_COMPOUND = re.compile(r"-(?P<word>[a-z]+)s?\b", re.IGNORECASE)
_MEASURE_OF = re.compile(r"[ \t]+of[ \t]+([a-z]+)\b", re.IGNORECASE)
_WITHIN = re.compile(
    rf"(?:[ \t]+[A-Za-z]+){{0,4}}?[ \t]+within[ \t]+(?P<number>{_DIGITS}|{_WORD_NUMBER})"
    r"[ \t]+(?P<unit>(?:working[ \t]+|school[ \t]+|calendar[ \t]+)?(?:days|weeks|months))\b",
    re.IGNORECASE,
)
_ELLIPSIS_BEFORE = re.compile(
    r"\b(?:a[ \t]+further|another|the[ \t]+(?:first|remaining|other|last|final)|(?:capacity|total|maximum|minimum)"
    r"[ \t]+of|up[ \t]+to|at[ \t]+least|(?:more|fewer|less)[ \t]+than|by|(?:rising|rises|rise|increasing|reducing"
    r"|falling|growing)[ \t]+to|from[ \t]+[\d,.]+[ \t]+to)[ \t]+$",
    re.IGNORECASE,
)
_TO_BEFORE = re.compile(r"\bto[ \t]+$", re.IGNORECASE)
_NUMBER_OF = re.compile(r"\bnumbers?[ \t]+of(?=[ \t])", re.IGNORECASE)

_BASELINE_BEFORE = re.compile(
    r"\b(?:up[ \t]+from|down[ \t]+from|compared[ \t]+(?:with|to)|against)[ \t]+$", re.IGNORECASE,
)
_FROM_BEFORE = re.compile(r"\bfrom[ \t]+$", re.IGNORECASE)
_TO_AFTER = re.compile(r"[^.;:]{0,40}?\bto\b", re.IGNORECASE)
_TOTAL_BEFORE = re.compile(r"\b(?:total|bringing|brings|taking|takes)\b[^.;£\d]{0,30}?\bto[ \t]+$", re.IGNORECASE)
_PERIOD_BEFORE = re.compile(
    r"\b(?:over|during|for|in|within)[ \t]+the[ \t]+(?:next|past|last|coming|first|following)[ \t]+$"
    r"|\b(?:next|past|last|over|after|for)[ \t]+$",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[,;:.()–—]|\s-\s|\b(?:and|but)\b")
_PAST_MARKER = re.compile(rf"\b(?:{_alternation('past_markers')})\b", re.IGNORECASE)
_DELIVERED = re.compile(
    rf"\b(?P<auxiliary>(?:(?:have|has|had)[ \t]+been|was|were)[ \t]+)?(?:{_alternation('past_participles')})\b",
    re.IGNORECASE,
)
_ALREADY_BEFORE = re.compile(
    rf"\balready[ \t]+(?:been[ \t]+)?(?:{_alternation('past_participles')})[ \t]+(?:[\w'’-]+[ \t]+){{0,2}}$",
    re.IGNORECASE,
)
_TOPIC_BEFORE = re.compile(
    r"\b(?:consult(?:ation|ations|ing|s)?|report(?:s|ing)?|review|progress|update)[ \t]+"
    r"(?:on|about|into|with|regarding)\b[^,;.]*$",
    re.IGNORECASE,
)
_ALREADY = re.compile(r"\balready\b", re.IGNORECASE)
_WORD_BREAK = re.compile(r"[\s-]+")
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_TRAILING_NON_NOUN = ("ing", "ed", "ly")
_MAX_UNIT_WORDS = 6
_WINDOW = 60


def words_to_number(words: str) -> float | None:
    """The number that digits or English number words spell, or None: "1,800" -> 1800, "eighty" -> 80,
    "twenty-two" -> 22, "one hundred and ten" -> 110, "a dozen" -> 12, "Two thousand" -> 2000, "1.5 million"."""
    tokens = _WORD_BREAK.split(words.strip().lower().replace(",", ""))
    if _PLAIN_NUMBER.fullmatch(tokens[0]):
        if len(tokens) == 1:
            return float(tokens[0])
        return float(tokens[0]) * _SCALES[tokens[1]] if len(tokens) == 2 and tokens[1] in _SCALES else None
    return _spelled_number([token for token in tokens if token != "and"])


def _spelled_number(tokens: list[str]) -> float | None:
    if tokens[:1] == ["a"]:
        tokens = ["one", *tokens[1:]]
    total, current, previous = 0.0, 0.0, None
    for token in tokens:
        if token in _ONES or token in _TENS:
            small = _ONES.get(token, _TENS.get(token))
            if previous in ("ones", "tens") and not (previous == "tens" and token in _ONES and small < 10):
                return None
            current, previous = current + small, "tens" if token in _TENS else "ones"
        elif token in ("hundred", "dozen"):
            current, previous = (current or 1) * (100 if token == "hundred" else 12), "hundred"
        elif token in _SCALES:
            total, current, previous = total + (current or 1) * _SCALES[token], 0.0, "scale"
        else:
            return None
    return total + current if previous else None


def money_mentions(text: str) -> list[Money]:
    """Every amount of money in pounds, in text order: "£8 million", "£1.5m", "£750,000", "£2.5bn", "£640k",
    "8 million pounds", ranges ("£2-3m" -> the upper figure), with `per_year` for "£5m a year" and the like."""
    flattened = flat(text)  # a PDF's line break inside "£8\nmillion"; same offsets
    mentions = (_money(flattened, match) for match in _MONEY.finditer(flattened))
    return [replace(mention, text=text[mention.start:mention.end]) for mention in mentions]


def _money(text: str, match: re.Match) -> Money:
    if match["d"]:
        value = _float(match["d"]) * _MULTIPLIERS.get((match["dm"] or "").lower(), 1)
    elif match["b"] or match["c"]:
        upper, multiplier = (match["b"], match["bm"]) if match["b"] else (match["c"], match["cm"])
        value = _float(upper) * _MULTIPLIERS.get((multiplier or match["am"] or "").lower(), 1)
    else:
        value = _float(match["a"]) * _MULTIPLIERS.get((match["am"] or "").lower(), 1)
    start = match.start()
    per_year = bool(_PER_YEAR_AFTER.match(text, match.end()) or _PER_YEAR_BEFORE.search(text, _back(start), start))
    return Money(round(value, 2), match[0], start, match.end(), per_year)


def _float(digits: str) -> float:
    return float(digits.replace(",", ""))


def _back(position: int) -> int:
    """Where the look-behind window for a figure at position starts."""
    return max(0, position - _WINDOW)


def quantity_mentions(text: str) -> list[Quantity]:
    """Every count with its unit noun phrase, in text order: "80 staff", "eighty extra staff" (80, "staff"),
    "340 new special school places", "six of the SRPs", "a 24-place SEMH unit" (24, "SEMH places"),
    "65% of new EHC plans within 20 weeks", "10 working days", elided counts ("a further two"). Years, dates,
    ages, labels ("Year 9"), paragraph numbers and money are left out."""
    original, text = text, flat(text)
    money = [(mention.start, mention.end) for mention in money_mentions(text)]
    money_starts = [start for start, _ in money]
    found: list[Quantity] = []
    for match in _COUNT.finditer(text):
        if found and match.start() < found[-1].end:
            continue
        if _inside(money, money_starts, match.start()) or _not_a_count(text, match):
            continue
        quantity = _quantity(text, match, found)
        if quantity:
            found.append(quantity)
    return [replace(quantity, text=original[quantity.start:quantity.end]) for quantity in found]


def _inside(spans: list[tuple[int, int]], starts: list[int], position: int) -> bool:
    index = bisect_right(starts, position) - 1
    return index >= 0 and spans[index][1] > position


def _not_a_count(text: str, match: re.Match) -> bool:
    """Years, numbered paragraphs, names, labels ("Year 9"), ages, dates, ratios and currency figures."""
    start, digits = match.start(), match["digits"]
    if digits and digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100:
        return True
    if digits and "." in digits and _LINE_START.search(text, _back(start), start) \
            and _CAPITALISED_WORD.match(text, match.end()):
        return True  # "4.1 The panel ..."
    if match["words"] and match["words"][0].isupper() and not _SENTENCE_OPENING.search(text, _back(start), start):
        return True  # a name: "Five Acres School", "the Three Rivers area"
    return bool(_NOT_A_COUNT_BEFORE.search(text, _back(start), start) or _NOT_A_COUNT_AFTER.match(text, match.end()))


def _quantity(text: str, match: re.Match, found: list[Quantity]) -> Quantity | None:
    value = _count_value(match)
    if value is None:
        return None
    start, end = match.start(), match.end()
    percent = _PERCENT.match(text, end)
    if percent:
        unit, end = _percent_unit(text, percent.end())
        if unit == "%":
            unit = _previous_unit(text, start, found, percent=True)[1] or "%"
    elif text.startswith("-", end):
        unit, end = _capacity_unit(text, end)
    else:
        unit, end = _count_unit(text, end, value)
        if unit is None and value != 1 and _is_elided(text, start, match.end(), end):
            unit = _elided_unit(text, start, found)
    return None if unit is None else Quantity(value, unit, text[start:end], start, end)


def _count_value(match: re.Match) -> float | None:
    if match["words"]:
        return words_to_number(match["words"])
    value = _float(match["upper"] or match["digits"])
    return round(value * _SCALES[match["scale"].strip().lower()], 2) if match["scale"] else value


def _phrase(text: str, position: int) -> tuple[list[tuple[str, int]], bool]:
    """The words after position, each with its end, up to and including the first plural noun, and whether
    there is one. Function words and numbers end the phrase; plural nouns right after the first one stay
    ("special educational needs places"), and an abbreviation like FTE may be followed by the real head
    ("2.5 FTE educational psychologists")."""
    words: list[tuple[str, int]] = []
    end, head = position, -1
    while len(words) < _MAX_UNIT_WORDS:
        token = _TOKEN.match(text, end)
        lower = token[1].lower() if token else ""
        if not token or lower in _STOP or lower in _ONES or lower in _TENS:
            break
        plural = _is_plural(token[1]) and lower not in _DROPPED
        if head >= 0 and not plural and not (words[head][0].isupper() and not lower.endswith(_TRAILING_NON_NOUN)):
            break
        words.append((token[1], token.end()))
        end, head = token.end(), len(words) - 1 if plural else head
    return (words[:head + 1], True) if head >= 0 else (words, False)


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in _PLURALS:
        return True
    if lower in _NOT_PLURALS or lower.endswith(("ss", "us", "is", "'s", "’s", "s'", "s’")):
        return False
    if word[-1] == "s" and len(word) > 2 and word[:-1].isupper():
        return True  # SRPs, EHCPs
    return lower.endswith("s") and not word.isupper()


def _trimmed(words: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Words without trailing verbs and adverbs ("places opening" -> "places")."""
    while words and words[-1][0].lower().endswith(_TRAILING_NON_NOUN):
        words = words[:-1]
    return words


def _kept(words: list[tuple[str, int]]) -> list[str]:
    return [word for word, _ in words if word.lower() not in _DROPPED]


def _count_unit(text: str, position: int, value: float) -> tuple[str | None, int]:
    """The unit noun phrase of a count and where it ends; None when there is none."""
    of_the = _OF_THE.match(text, position) if value >= 2 else None
    words, has_head = _phrase(text, of_the.end() if of_the else position)
    if value == 1:
        words = _trimmed(words[:-1] if has_head else words)
        has_head = bool(_kept(words))
    if not has_head:  # "1,100 more": the text runs to the end of "more"
        increments_only = words and all(word.lower() in _INCREMENTS for word, _ in words)
        return None, words[-1][1] if increments_only else position
    unit, end = " ".join(_kept(words)), words[-1][1]
    measure_of = _MEASURE_OF.match(text, end) if words[-1][0].lower() in _MEASURES else None
    if measure_of and measure_of[1].lower() not in _STOP:
        unit, end = f"{unit} of {measure_of[1]}", measure_of.end()
    return unit, end


def _is_elided(text: str, start: int, number_end: int, end: int) -> bool:
    """A number with no noun after it that still counts something: "a further two", "1,100 more",
    "increase the number of coordinators to 15"."""
    window = _back(start)
    return end > number_end or bool(_ELLIPSIS_BEFORE.search(text, window, start)) \
        or bool(_TO_BEFORE.search(text, window, start)) and _number_of_unit(text, start)[0] >= 0


def _capacity_unit(text: str, position: int) -> tuple[str | None, int]:
    """ "24-place SEMH unit" -> "SEMH places"; other compounds ("two-storey", "four-week") are not counts."""
    compound = _COMPOUND.match(text, position)
    plural = _CAPACITY.get(compound["word"].lower()) if compound else None
    if plural is None:
        return None, position
    words, has_head = _phrase(text, compound.end())
    if not has_head:
        words = _trimmed(words)
    kept = _kept(words)
    if kept and kept[-1].lower() in _CONTAINERS:
        kept = kept[:-1]
    end = words[-1][1] if words else compound.end()
    return " ".join([*kept, plural]), end


def _percent_unit(text: str, position: int) -> tuple[str, int]:
    """ "% of <noun phrase>" with a following per-case timescale ("within 20 weeks"), or "%"."""
    of = _PERCENT_OF.match(text, position)
    words, has_head = _phrase(text, of.end()) if of else ([], False)
    words = words if has_head else _trimmed(words)
    if not words:
        return "%", position
    unit, end = "% of " + " ".join(word for word, _ in words), words[-1][1]
    within = _WITHIN.match(text, end)
    if within:
        timescale = " ".join(within["unit"].lower().split())
        unit, end = f"{unit} within {_format(words_to_number(within['number']))} {timescale}", within.end()
    return unit, end


def _format(value: float | None) -> str:
    return f"{value:g}" if value is not None else ""


def _elided_unit(text: str, start: int, found: list[Quantity]) -> str:
    """The unit of an elided count: the nearer of "the number of <noun>" and the previous count in the
    same sentence ("reduce the number of overdue assessments from 1,150 to fewer than 400" -> "overdue
    assessments"; "six SRPs in 2023 and a further two in 2024" -> "SRPs"); "" when there is neither."""
    return max(_number_of_unit(text, start), _previous_unit(text, start, found, percent=False))[1]


def _number_of_unit(text: str, start: int) -> tuple[int, str]:
    """(where, noun) of the last "the number of <noun>" in the sentence before start; (-1, "") if none."""
    last = None
    for last in _NUMBER_OF.finditer(text, _sentence_start(text, start), start):
        pass
    words, has_head = _phrase(text, last.end()) if last else ([], False)
    return (last.start(), " ".join(_kept(words))) if has_head else (-1, "")


def _previous_unit(text: str, start: int, found: list[Quantity], *, percent: bool) -> tuple[int, str]:
    """(where, unit) of the previous count (or percentage) with a unit in the same sentence; (-1, "") if none."""
    begin = _sentence_start(text, start)
    for quantity in reversed(found):
        if quantity.end < begin:
            break
        if quantity.unit.startswith("%") == percent and quantity.unit not in ("", "%") \
                and _head(quantity.unit) not in _DURATIONS:
            return quantity.start, quantity.unit
    return -1, ""


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=\S)|\n\s*\n|\n[ \t]*(?=[-•*·▪–][ \t])")


def _sentence_start(text: str, position: int) -> int:
    begin = max(0, position - 4 * _WINDOW)
    last = None
    for last in _SENTENCE_END.finditer(text, begin, position):
        pass
    return last.end() if last else begin


def _head(unit: str) -> str:
    """The head noun of a count's unit; "" for percentages and elided counts without a unit."""
    return "" if not unit or unit.startswith("%") else unit.split()[-1].lower()


def commitment_amount(text: str) -> Money | None:
    """The amount a commitment clause promises, or None: its first amount that is not a baseline
    ("from £9.5m to £17.5m" -> £17.5m), a comparison ("up from £5m"), a running total ("bringing the
    total to £10m") or a past figure ("£2m has been spent"). "£X a year" keeps the per-year figure."""
    for money in money_mentions(text):
        if not (_is_baseline(text, money.start, money.end) or _is_past(text, money.start, money.end)
                or _is_topic(text, money.start) or _TOTAL_BEFORE.search(text, _back(money.start), money.start)):
            return money
    return None


def commitment_quantity(text: str, preceding: str = "") -> Quantity | None:
    """The count a commitment clause promises, or None: its first count that is not a length of time in
    months or years (a deadline), a baseline ("from 110 to 160 places" -> 160), a past figure or the topic of
    a consultation or report, nor a count of one without "new"/"additional"/...; per-case timescales
    ("within 20 weeks") and elided counts without a unit only when nothing else is promised.

    `preceding` is the text of the same sentence before the clause; it is read only for the unit of an
    elided count ("six SRPs will open in 2023 and | a further two in 2024" -> 2 "SRPs")."""
    whole, offset = preceding + text, len(preceding)
    candidates = [quantity for quantity in quantity_mentions(whole)
                  if quantity.start >= offset and _promisable(whole, quantity)]
    best = min(candidates, key=lambda quantity: _head(quantity.unit) in _TIMESCALES or not quantity.unit,
               default=None)
    return best and replace(best, start=best.start - offset, end=best.end - offset)


def _promisable(text: str, quantity: Quantity) -> bool:
    head = _head(quantity.unit)
    if head in _PERIODS or head in _TIMESCALES and _PERIOD_BEFORE.search(text, _back(quantity.start), quantity.start):
        return False  # "over the next two years", "in the next 8 weeks": a deadline
    if _is_baseline(text, quantity.start, quantity.end) or _is_past(text, quantity.start, quantity.end) \
            or _is_topic(text, quantity.start):
        return False
    return quantity.value != 1 or any(word in _INCREMENTS for word in quantity.text.lower().split())


def _is_baseline(text: str, start: int, end: int) -> bool:
    """ "from X to Y" (X), "up from X", "compared with X"."""
    window = _back(start)
    return bool(_BASELINE_BEFORE.search(text, window, start)
                or _FROM_BEFORE.search(text, window, start) and _TO_AFTER.match(text, end))


def _is_topic(text: str, start: int) -> bool:
    """A figure that a consultation, report or review is about ("a consultation on opening a 16-place
    unit", "report on progress with the two new schools"): the clause promises the consultation."""
    return bool(_TOPIC_BEFORE.search(text, max(0, start - 3 * _WINDOW), start))


def _is_past(text: str, start: int, end: int) -> bool:
    """A figure whose own clause says it was already delivered: "230 places created in the past two years",
    "£2m has been spent", "the 30 places already open"."""
    clause = text[end:end + 2 * _WINDOW]
    clause_end = _CLAUSE_END.search(clause)
    clause = clause[:clause_end.start()] if clause_end else clause
    if _ALREADY.search(clause) or _ALREADY_BEFORE.search(text, _back(start), start):
        return True
    delivered = _DELIVERED.search(clause)
    return bool(delivered and (delivered["auxiliary"] or _PAST_MARKER.search(clause)))
