"""Shared fixtures: the real saved pages in ../shared/realworld, demo servers, and running `promises`."""

import subprocess
import sys
from pathlib import Path

import pytest

REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld"


@pytest.fixture
def realworld() -> Path:
    """The folder of real saved ModernGov pages; the test is skipped when it is absent."""
    if not REALWORLD.is_dir():
        pytest.skip(f"{REALWORLD} is not here")
    return REALWORLD


def run_promises(*args: str, timeout: float = 300, env: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
    """Run the `promises` command in a subprocess (one Scrapy crawl per process) and return its result."""
    return subprocess.run(
        [sys.executable, "-m", "promises.cli", *args], capture_output=True, text=True, timeout=timeout, env=env,
        cwd=cwd,
    )
