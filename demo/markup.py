"""Small text helpers that make output look like ModernGov's: Word-exported paragraphs,
entity-encoded attributes and the date formats used in titles, lists and links."""

from __future__ import annotations

import html
import re
import textwrap
from datetime import datetime

from demo.model import DAYS, MONTHS

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_NAMED = {"\u2019": "&rsquo;", "\u2018": "&lsquo;", "\u201c": "&ldquo;", "\u201d": "&rdquo;",
          "\u2013": "&ndash;", "\u2014": "&mdash;", "\u00a3": "&pound;"}
_ATTR = {" ": "&#32;", ":": "&#58;", "/": "&#47;", "&": "&#38;", "(": "&#40;", ")": "&#41;",
         "'": "&#39;", '"': "&quot;", "<": "&lt;", ">": "&gt;"}


def text(value: str) -> str:
    """Escape text for element content, writing typographic characters as named entities."""
    escaped = html.escape(value, quote=False)
    return "".join(_NAMED.get(ch, ch) for ch in escaped)


def attr(value: str) -> str:
    """Encode an attribute value the ModernGov way (``Link&#32;to&#32;...``)."""
    return "".join(_ATTR.get(ch, _NAMED.get(ch, ch)) for ch in value)


def inline(paragraph: str) -> str:
    """One paragraph of source text as HTML: escaped, ``**bold**`` as ``<b>``."""
    return _BOLD.sub(r"<b>\1</b>", text(paragraph))


def plain(paragraph: str) -> str:
    """One paragraph of source text without markup."""
    return _BOLD.sub(r"\1", paragraph)


def word_para(paragraphs, tail: str = "") -> str:
    """Paragraphs as a Word-exported ``div.mgWordPara`` with hard-wrapped lines and
    ``&nbsp;`` spacer paragraphs; ``tail`` is raw HTML appended to the last paragraph."""
    parts = []
    for index, paragraph in enumerate(paragraphs):
        if index:
            parts.append('<p class="MsoNormal">&nbsp;</p>')
        wrapped = textwrap.fill(inline(paragraph), width=66,
                                break_long_words=False, break_on_hyphens=False)
        end = tail if index == len(paragraphs) - 1 else ""
        parts.append(f'<p class="MsoNormal">{wrapped}{end}</p>')
    inner = "\n".join(parts)
    return f'<div class="mgWordPara"><div class="WordSection1">\n{inner}\n</div>\n</div>'


def shorten(paragraphs, limit: int) -> list[str]:
    """The leading paragraphs up to ``limit`` characters, cutting the last at a word."""
    kept, used = [], 0
    for paragraph in paragraphs:
        flat = plain(paragraph)
        if used + len(flat) <= limit:
            kept.append(paragraph)
            used += len(flat)
            continue
        cut = flat[: max(0, limit - used)].rsplit(" ", 1)[0]
        if cut:
            kept.append(cut)
        break
    return kept


def clock(when: datetime) -> str:
    """12-hour clock as ModernGov prints it: "10:00 am", "7:30 pm"."""
    hour = when.hour % 12 or 12
    return f"{hour}:{when:%M} {'am' if when.hour < 12 else 'pm'}"


def long_date(when: datetime) -> str:
    """"Tuesday 12 December 2023"."""
    return f"{DAYS[when.weekday()]} {when.day} {MONTHS[when.month - 1]} {when.year}"


def short_date(when: datetime) -> str:
    """"12 Dec 2023"."""
    return f"{when.day} {MONTHS[when.month - 1][:3]} {when.year}"


def slash_date(when: datetime) -> str:
    """"12/12/2023"."""
    return f"{when:%d/%m/%Y}"


def list_stamp(when: datetime) -> str:
    """Meeting-list link text: ``12 Dec 2023&nbsp;10&#58;00 am``."""
    return f"{short_date(when)}&nbsp;{clock(when).replace(':', '&#58;')}"


def d_param(when: datetime) -> str:
    """The ``D=`` parameter of Earlier/Later links: yyyymmddhhmm."""
    return f"{when:%Y%m%d%H%M}"


def file_size(size: int, kind: str = "PDF") -> str:
    """File size label as in ``span.mgFileSize``: "PDF 161 KB", "PDF 3 MB"."""
    if size >= 1024 * 1024:
        return f"{kind} {round(size / (1024 * 1024))} MB"
    return f"{kind} {-(-size // 1024)} KB"
