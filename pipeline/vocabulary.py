"""The tagger's vocabularies, kept as data in pipeline/patterns/*.yml."""

import re
from functools import cache
from pathlib import Path

import yaml

PATTERNS = Path(__file__).with_name("patterns")


@cache
def vocabulary(name: str) -> dict:
    """The parsed pipeline/patterns/<name>.yml."""
    return yaml.safe_load((PATTERNS / f"{name}.yml").read_text(encoding="utf-8"))


@cache
def _compiled(patterns: tuple[str, ...], flags: int = re.IGNORECASE) -> re.Pattern:
    # Python's re tries an alternation entry by entry at every position, unless all entries start
    # with the same token: entries that start with \b share one, which rejects most positions at once.
    bounded = [p[2:] for p in patterns if p.startswith("\\b") and not _alternates(p)]
    others = [p for p in patterns if not p.startswith("\\b") or _alternates(p)]
    parts = [f"\\b(?:{'|'.join(f'(?:{p})' for p in bounded)})"] if bounded else []
    return re.compile("|".join(parts + [f"(?:{p})" for p in others]), flags)


def _alternates(pattern: str) -> bool:
    """True when the pattern has a | outside any group (so its leading \\b covers one branch only)."""
    depth, escaped = 0, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def any_of(patterns) -> re.Pattern:
    """One case-insensitive regex matching any of the patterns."""
    return _compiled(tuple(patterns))


@cache
def gate(patterns: tuple[str, ...]):
    """A fast yes/no test for "does any of these patterns occur?": the case-insensitive entries run
    on lower-cased text without re.IGNORECASE (entries are written in lower case), the entries that
    need capitals ("(?-i:...)") on the text as it is."""
    exact = tuple(p for p in patterns if "(?-i:" in p)
    folded = _compiled(tuple(p for p in patterns if "(?-i:" not in p), flags=0)
    exact_pattern = _compiled(exact, flags=0) if exact else None

    def occurs(text: str) -> bool:
        text = flat(text)
        return bool(folded.search(text.lower()) or (exact_pattern and exact_pattern.search(text)))

    return occurs


def flat(text: str) -> str:
    """The text with line breaks as spaces (same length, same offsets): PDF text keeps the line
    breaks of its layout inside sentences, and vocabulary entries are written with spaces."""
    return text.replace("\n", " ")
