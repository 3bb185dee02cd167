"""The `promises` command's contract: help, data folder, clear errors."""

import os
from datetime import date

import pytest

from promises.cli import years_before
from tests.conftest import run_promises


@pytest.mark.parametrize("command", ["crawl", "build", "serve", "demo"])
def test_every_subcommand_explains_itself_and_takes_data_dir(command):
    result = run_promises(command, "--help")
    assert result.returncode == 0
    assert "--data-dir" in result.stdout and "PROMISES_DATA" in result.stdout


def test_promises_data_environment_variable_chooses_the_data_folder(tmp_path):
    result = run_promises("build", env={**os.environ, "PROMISES_DATA": str(tmp_path / "elsewhere")})
    assert result.returncode == 1
    assert f"no database at {tmp_path / 'elsewhere' / 'promises.db'}" in result.stderr


def test_bad_since_date_is_a_usage_error(tmp_path):
    result = run_promises("crawl", "hertfordshire", "--since", "12/12/2023", "--data-dir", str(tmp_path))
    assert result.returncode == 2 and "not a date in the form YYYY-MM-DD" in result.stderr


def test_crawl_list_shows_the_registry():
    result = run_promises("crawl", "--list")
    assert result.returncode == 0
    assert "hertfordshire" in result.stdout and "https://democracy.hertfordshire.gov.uk/" in result.stdout
    assert "(unverified)" in result.stdout
    assert "15 news sources" in next(line for line in result.stdout.splitlines() if line.startswith("hertfordshire"))


@pytest.mark.parametrize("args, message", [
    (("--org", "Herts Lib Dems", "hertfordshire"), "--org and --kind describe a --feed"),
    (("essex",), "only ModernGov meetings can be crawled yet (its news can: --only news)"),
    ((), "or give --feed URL"),
    (("hertfordshire", "--only", "everything"), "'everything' is not one of 'meetings', 'news'"),
])
def test_crawl_options_that_do_not_fit_together_are_usage_errors(tmp_path, args, message):
    result = run_promises("crawl", *args, "--data-dir", str(tmp_path))
    assert result.returncode == 2 and message in result.stderr
    assert not (tmp_path / "promises.db").exists()


@pytest.mark.parametrize("day, expected", [
    (date(2026, 11, 22), date(2021, 11, 22)),
    (date(2028, 2, 29), date(2023, 2, 28)),
])
def test_default_crawl_window_starts_five_years_back_even_from_a_leap_day(day, expected):
    assert years_before(day, 5) == expected
