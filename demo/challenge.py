"""A demo site behind a firewall-like browser check, for trying `promises crawl --browser`.

Every request without the ``challenge=passed`` cookie gets a 403 "Just a moment..." page whose
script sets that cookie and reloads, so a real browser passes after one reload and a scripted
client gets 403 on everything. robots.txt is served without the check.

In code: ``with serve_challenged("demo") as server: ...``; ``server.site.requests`` lists what was asked.
From a shell: ``python -m demo.challenge --port 8124`` (runs until Ctrl-C).
"""

from __future__ import annotations

import argparse
import time
from http.cookies import CookieError, SimpleCookie
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from demo.server import DemoServer, run_until_interrupted, serve
from demo.site import HTML, Response, Site, load_site

COOKIE = ("challenge", "passed")
CHALLENGE_PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Just a moment...</title></head>
<body>
<h1>Checking your browser before you reach Demoshire's democracy pages</h1>
<p>This takes a second. Enable JavaScript and cookies to continue.</p>
<script>
setTimeout(function () {
  document.cookie = "challenge=passed; path=/; SameSite=Lax";
  location.reload();
}, 200);
</script>
</body></html>
"""


class Seen(NamedTuple):
    """One request as the server saw it: target, path (no leading slash), headers, status answered, time."""

    target: str
    path: str
    headers: dict
    status: int
    time: float


class Challenged:
    """A site (anything with `get(target, headers)`) behind the check; `requests` records each request.

    ``robots`` replaces the site's robots.txt when given.
    """

    def __init__(self, site, robots: bytes | None = None):
        self.site = site
        self.robots = robots
        self.requests: list[Seen] = []

    def get(self, target: str, headers=None) -> Response:
        """Answer like the wrapped site, or with the challenge page when the cookie is missing."""
        path = unquote(urlsplit(target).path).lstrip("/")
        if path == "robots.txt" and self.robots is not None:
            response = Response(200, {"Content-Type": "text/plain; charset=utf-8"}, self.robots)
        elif path == "robots.txt" or passed(headers):
            response = self.site.get(target, headers)
        else:
            response = Response(403, {"Content-Type": HTML, "Cache-Control": "no-store"}, CHALLENGE_PAGE)
        self.requests.append(Seen(target, path, dict(headers or {}), response.status, time.monotonic()))
        return response


def passed(headers) -> bool:
    """True when the request carries the cookie the challenge page sets."""
    try:
        cookies = SimpleCookie((headers or {}).get("Cookie") or "")
    except CookieError:
        return False
    name, value = COOKIE
    return name in cookies and cookies[name].value == value


def serve_challenged(site: Site | str = "demo", host: str = "127.0.0.1", port: int = 0, *,
                     robots: bytes | None = None) -> DemoServer:
    """Serve ``site`` (a `Site` or a `load_site` name) behind the check; ``server.site`` is the `Challenged`."""
    if isinstance(site, str):
        site = load_site(site)
    return serve(Challenged(site, robots), host, port)


def main(argv=None) -> None:
    """Command line: serve a challenged site in the foreground until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m demo.challenge", description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="demo", help="demo, faults or bench:N (default demo)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8124, help="0 picks a free port")
    args = parser.parse_args(argv)
    run_until_interrupted(serve_challenged(args.site, args.host, args.port))


if __name__ == "__main__":
    main()
