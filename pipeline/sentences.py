"""Sentences of a document with character offsets, list markers trimmed and boilerplate left out."""

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.vocabulary import gate, vocabulary

# A sentence ends at . ! ? (and any closing quote or bracket) followed by space and a capital,
# digit, quote or bracket; not after a title or initial ("Cllr. Jones", "S. K. Jarvis").
_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9£])")
_NOT_AN_END = re.compile(
    r"(?:\b(?:Cllr|Mr|Mrs|Ms|Dr|St|No|Nos|Cl|para|paras|approx|e\.g|i\.e|etc|vs|Co|Ltd"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z]|^\s*\d{1,2}(?:\.\d{1,2})*)\.$"
)
_LINE_BREAK = re.compile(r"\n")
_MARKER = re.compile(
    r"^\s*(?:[-•*·▪–]\s+|\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})\)\s*|\d{1,2}(?:\.\d{1,2})+\.?\s+|\d{1,2}\.\s+)"
)
_TRAILING_WORD = re.compile(r"(?:^|\s)(?:and|or)$")
_LONGEST_ABBREVIATION = 12
_WRAPPED_LINE = 70
# A list item's marker at the start of a line: "- ", "(a)", "ii)", "7. ", "1.1 ".
LIST_ITEM = re.compile(
    r"^\s*(?:[-•*·▪–]\s|\(?(?:\d{1,2}(?:\.\d{1,2})*|[a-z]|[ivx]{1,4})\)|\d{1,2}(?:\.\d{1,2})*\.\s|\d{1,2}\.\d{1,2}\s)",
    re.MULTILINE,
)
_INTRO_LINES = 12
_INTRO_WORDS = 12


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def is_boilerplate(text: str) -> bool:
    """True for cookie banners, navigation, sign-up prompts, signature lines and the like."""
    return gate(tuple(vocabulary("boilerplate")["patterns"]))(text)


def lines_of(body: str) -> list[Span]:
    """Non-empty lines of a body, with offsets."""
    spans, offset = [], 0
    for line in body.split("\n"):
        if line.strip():
            spans.append(Span(offset, offset + len(line), line))
        offset += len(line) + 1
    return spans


def repeated_lines(body: str, times: int = 3) -> set[str]:
    """Lines that recur at least `times` times (page headers and footers of a PDF's text)."""
    counts = Counter(line.text.strip() for line in lines_of(body) if len(line.text.strip()) < 120)
    return {line for line, count in counts.items() if count >= times}


def paragraphs(body: str) -> list[Span]:
    """Runs of lines that belong together. A line joins the one before it only when that looks like
    a hard-wrapped line of the same sentence (PDF text): not after a blank line, not a list item, and
    either starting in lower case or following a long line that does not end a sentence."""
    result, current = [], []
    for line in lines_of(body):
        previous = current[-1] if current else None
        joined = previous is not None and line.start == previous.end + 1 and not LIST_ITEM.match(line.text) \
            and not previous.text.rstrip().endswith((".", ":", "?", "!", ";", '"', "”")) \
            and (line.text.lstrip()[:1].islower() or len(previous.text.strip()) >= _WRAPPED_LINE)
        if not joined and current:
            result.append(_merge(body, current))
            current = []
        current.append(line)
    if current:
        result.append(_merge(body, current))
    return result


def sentences(body: str) -> list[Span]:
    """Sentences with offsets into body, list markers and trailing punctuation trimmed, boilerplate
    and repeated page furniture left out."""
    return [sentence for sentence in all_sentences(body) if not is_boilerplate(sentence.text)]


def all_sentences(body: str) -> list[Span]:
    """Like sentences(), boilerplate included: for callers that rule most sentences out on cheaper
    grounds first and ask is_boilerplate() only of the rest."""
    furniture = repeated_lines(body)
    result = []
    for paragraph in paragraphs(body):
        if paragraph.text.strip() in furniture:
            continue
        result.extend(trimmed for trimmed in (trim(sentence) for sentence in _split(paragraph)) if trimmed)
    return result


def trim(span: Span) -> Span | None:
    """The span without a leading list marker, surrounding quotes or trailing punctuation/conjunction."""
    text, start = span.text, span.start
    marker = _MARKER.match(text)
    if marker:
        text, start = text[marker.end():], start + marker.end()
    lead = len(text) - len(text.lstrip(" \t\"'“‘"))
    text, start = text[lead:], start + lead
    text = _strip_trailing(text).rstrip(" \t\"'”’")
    return Span(start, start + len(text), text) if text.strip() else None


def _strip_trailing(text: str) -> str:
    """Without trailing punctuation (; , : .) or a dangling "and"/"or"."""
    previous = None
    while text != previous:
        previous = text
        text = text.rstrip().rstrip(";,:.")
        tail = text[-4:]
        dangling = _TRAILING_WORD.search(tail)
        if dangling:
            text = text[:len(text) - len(tail) + dangling.start()]
    return text


def _merge(body: str, lines: list[Span]) -> Span:
    return Span(lines[0].start, lines[-1].end, body[lines[0].start:lines[-1].end])


def _split(paragraph: Span) -> list[Span]:
    pieces, begin = [], 0
    text = paragraph.text
    for match in _END.finditer(text):
        if _NOT_AN_END.search(text, max(0, match.start() - _LONGEST_ABBREVIATION), match.start()):
            continue
        pieces.append(Span(paragraph.start + begin, paragraph.start + match.start(), text[begin:match.start()]))
        begin = match.end()
    pieces.append(Span(paragraph.start + begin, paragraph.end, text[begin:]))
    return [piece for piece in pieces if piece.text.strip()]


def list_introduction(body: str, line_start: int) -> str | None:
    """For a list item starting its line at line_start, the line that introduces the list: the nearest
    line above ending with a colon (numbered or not, "2.3 The Board agreed:"), or the nearest line
    that is not itself an item when it is a short heading."""
    position = line_start
    for _ in range(_INTRO_LINES):
        if position <= 0:
            return None
        previous_start = body.rfind("\n", 0, position - 1) + 1
        line = body[previous_start:position].strip()
        position = previous_start
        if line.endswith(":"):
            return line
        if not line or LIST_ITEM.match(line):
            continue
        heading = len(line.split()) <= _INTRO_WORDS and not line.endswith((".", "?", "!", ";"))
        return line if heading else None
    return None
