"""A built site served on 127.0.0.1 under a sub-path, as GitHub Pages serves a project site.

`/repo/x/` is `site/x/index.html`; a missing file gets the site's 404.html with status 404;
anything outside the sub-path is a plain 404. Threaded, so a browser's parallel requests
do not queue.
"""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.parse
from pathlib import Path


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, *args) -> None:  # quiet: pytest shows failures, not access logs
        pass

    def translate_path(self, path: str) -> str:
        clean = urllib.parse.urlsplit(path).path
        if clean.rstrip("/") == self.prefix.rstrip("/"):
            clean = self.prefix
        if not clean.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_sub_path__")  # no such file: a 404
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class SiteServer:
    """Serves `directory` at http://127.0.0.1:PORT{prefix} from a background thread; the port
    is known before the site is built, so the build can use the address as its site_url."""

    def __init__(self, directory: Path, prefix: str = "/repo/") -> None:
        self.directory = Path(directory)
        self.prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        handler = functools.partial(type("Handler", (_SiteHandler,), {"prefix": self.prefix}),
                                    directory=str(self.directory))
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.prefix}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> SiteServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
