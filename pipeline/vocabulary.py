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
def _compiled(patterns: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def any_of(patterns) -> re.Pattern:
    """One case-insensitive regex matching any of the patterns."""
    return _compiled(tuple(patterns))
