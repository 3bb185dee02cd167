"""How the published site is run: the same Datasette options for `promises serve` and `promises publish`."""

import shlex
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
METADATA = ROOT / "metadata.yml"
WEB = ROOT / "web"

# Limits that keep a public, read-only site responsive whatever SQL a visitor sends.
SETTINGS = {
    "sql_time_limit_ms": 2000,
    "facet_time_limit_ms": 500,
    "max_returned_rows": 1000,
    "default_page_size": 50,
    "allow_csv_stream": False,
}
# Datasette plugins the site uses; `publish` installs them where the site is deployed.
PLUGINS = ("datasette-atom", "datasette-block-robots")


def site_options() -> list[str]:
    """Metadata, our plugin, templates and style sheet: what makes plain Datasette the Council Promises site."""
    return ["--metadata", str(METADATA), "--plugins-dir", str(WEB / "plugins"),
            "--template-dir", str(WEB / "templates"), "--static", f"assets:{WEB / 'static'}"]


def setting_options() -> list[str]:
    """`--setting NAME VALUE` for each of SETTINGS."""
    return [part for name, value in SETTINGS.items() for part in ("--setting", name, _setting_word(value))]


def _setting_word(value) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def settle(database: Path) -> None:
    """Move everything written to the write-ahead log into the database file: Datasette opens it immutable,
    and an immutable reader does not look at the log."""
    with closing(sqlite3.connect(database)) as connection:
        busy, _, _ = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise RuntimeError(f"{database} is being written to; try again when the other process has finished")


def serve_command(database: Path, port: int, host: str = "127.0.0.1") -> list[str]:
    """`datasette serve` of the database, read-only (immutable), with the site's options and limits."""
    return [sys.executable, "-m", "datasette", "serve", "-i", str(database), "--host", host, "--port", str(port),
            *site_options(), *setting_options()]


def publish_command(database: Path, publisher: str, extra: tuple[str, ...] = ()) -> list[str]:
    """`datasette package` (a Docker image) or `datasette publish PUBLISHER` of the database with the site's
    options, plugins and limits; Datasette serves published databases immutable."""
    verb = ["package"] if publisher == "package" else ["publish", publisher]
    installs = [part for plugin in PLUGINS for part in ("--install", plugin)]
    return [sys.executable, "-m", "datasette", *verb, str(database), *site_options(), *installs,
            "--extra-options", shlex.join(setting_options()), *extra]
