"""Serve a demo site over HTTP on the loopback interface.

In code: ``with serve("demo") as server: fetch(server.url + "mgListCommittees.aspx?bcr=1")``.
From a shell: ``python -m demo.server --site demo --port 8123`` (runs until Ctrl-C).
"""

from __future__ import annotations

import argparse
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from demo.site import Site, load_site


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self):
        return "DemoModernGov/1.0"

    def parse_request(self):
        # ModernGov links hold raw spaces; accept a request line that sends them unencoded.
        words = self.raw_requestline.rstrip(b"\r\n").split(b" ")
        if len(words) > 3 and words[-1].startswith(b"HTTP/"):
            self.raw_requestline = b" ".join([words[0], b"%20".join(words[1:-1]), words[-1]]) + b"\r\n"
        return super().parse_request()

    def do_GET(self):
        self._answer(send_body=True)

    def do_HEAD(self):
        self._answer(send_body=False)

    def _answer(self, send_body: bool):
        response = self.server.site.get(self.path, self.headers)
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        if response.status != 304:
            self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if send_body and response.status != 304:
            self.wfile.write(response.body)

    def log_message(self, format, *args):
        if self.server.verbose:
            super().log_message(format, *args)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128

    def handle_error(self, request, client_address):
        if self.verbose:
            super().handle_error(request, client_address)


class DemoServer:
    """A site served by a threaded HTTP server in a daemon thread; stop() or use `with`."""

    def __init__(self, site: Site, host: str, port: int, verbose: bool = False):
        self.site = site
        self._httpd = _HTTPServer((host, port), _Handler)
        self._httpd.site = site
        self._httpd.verbose = verbose
        self.host = host
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                        name=f"demo-server-{self.port}", daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        """The bound port (the real one when 0 was asked for)."""
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        """Base URL with a trailing slash, e.g. ``http://127.0.0.1:54321/``."""
        return f"http://{self.host}:{self.port}/"

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def __enter__(self) -> DemoServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def serve(site: Site | str, host: str = "127.0.0.1", port: int = 0, *, verbose: bool = False) -> DemoServer:
    """Start serving ``site`` (a `Site` or a `load_site` name) and return the running server."""
    if isinstance(site, str):
        site = load_site(site)
    return DemoServer(site, host, port, verbose)


def main(argv=None) -> None:
    """Command line: serve a site in the foreground until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m demo.server", description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="demo", help="demo, faults or bench:N (default demo)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8123, help="0 picks a free port")
    parser.add_argument("--slow-seconds", type=float, default=5.0, help="delay of the faults site's slow document")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)
    run_until_interrupted(serve(load_site(args.site, slow_seconds=args.slow_seconds), args.host, args.port,
                                verbose=args.verbose))


def run_until_interrupted(server: DemoServer) -> None:
    """Print a running server's URL and serve until Ctrl-C, then stop it."""
    print(server.url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
