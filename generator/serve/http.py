"""The preview server's HTTP side: the output folder, the livereload client and its websocket.

Only files under the output folder are served. Requests whose path could mean
something else once decoded or normalised — `..` or `.` segments (also
percent-encoded), encoded slashes, backslashes, NUL bytes, absolute paths — are
refused before the file system is touched, and every file is resolved with its
symlinks and must still lie inside the output folder.

Against DNS rebinding (a foreign site whose name is made to point at 127.0.0.1),
only requests whose `Host` names the address the server is bound to are
answered (421 otherwise), and the reload websocket accepts only the site's own
origin.
"""

from __future__ import annotations

import ipaddress
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from tornado import web

from generator.serve.overlay import error_page, inject

HTML = (".html", ".htm")


@dataclass
class PreviewState:
    """What the handlers share with the rebuild loop; one per server, touched only on the event loop."""

    output: Path
    problems: tuple[str, ...] = ()
    clients: set[ReloadSocket] = field(default_factory=set)
    hosts: frozenset[str] = frozenset()  # the `Host` values answered, lower case, with the port (see own_hosts)
    any_address: bool = False  # bound to 0.0.0.0 or ::, so any address literal of this machine may be used

    def answers(self, host: str) -> bool:
        """Whether a request with this `Host` (or an origin with this host and port) is for this server."""
        host = host.strip().lower()
        if host in self.hosts:
            return True
        if not self.any_address or not self.hosts:
            return False
        # A rebinding attack needs a name; an address literal with our port cannot be one.
        name, _, port = host.rpartition(":")
        port_ok = any(h.rpartition(":")[2] == port for h in self.hosts)
        return port_ok and _is_address(name.removeprefix("[").removesuffix("]"))

    def reload(self) -> int:
        """Tell every connected browser to reload the page it is on; returns how many were told."""
        # Path "*" with liveCSS/liveImg off makes livereload.js do location.reload(),
        # which keeps the URL and its hash (the slide).
        message = {"command": "reload", "path": "*", "liveCSS": False, "liveImg": False}
        for client in list(self.clients):
            client.send_message(message)
        return len(self.clients)


def own_hosts(host: str, port: int) -> frozenset[str]:
    """The `Host` values that name a server bound to `host` and `port`: loopback names and `host` itself."""
    names = {"127.0.0.1", "localhost", "[::1]", f"[{host}]" if ":" in host else host}
    return frozenset(f"{name.lower()}:{port}" for name in names)


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class _OwnHostOnly(web.RequestHandler):
    """Refuses requests whose `Host` is not this server's own (421 Misdirected Request)."""

    state: PreviewState

    def prepare(self) -> None:
        if not self.state.answers(self.request.headers.get("Host", "")):
            raise web.HTTPError(421, reason="Misdirected Request")


def refusal(raw_path: str) -> str | None:
    """Why a request path (still percent-encoded) is refused, or None if it may be looked up."""
    lowered = raw_path.lower()
    if "\\" in raw_path or "%5c" in lowered:
        return "backslash in path"
    if "%2f" in lowered:
        return "encoded slash in path"
    if "\x00" in raw_path or "%00" in lowered:
        return "NUL in path"
    decoded = unquote(raw_path)
    if not decoded.startswith("/") or decoded.startswith("//"):
        return "absolute or malformed path"
    if any(segment in (".", "..") for segment in decoded.split("/")):
        return "dot segment in path"
    return None


def inside(path: str, root: str) -> bool:
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


class OutputHandler(_OwnHostOnly, web.StaticFileHandler):
    """Static files from the output folder; HTML pages get the reload client and the overlay."""

    def initialize(self, path: str, state: PreviewState, default_filename: str | None = None) -> None:  # type: ignore[override]
        super().initialize(path=path, default_filename=default_filename)
        self.state = state
        self.injected = False

    def prepare(self) -> None:
        super().prepare()
        why = refusal(self.request.path)
        if why:
            raise web.HTTPError(403, why)
        if any(part.startswith(".") for part in unquote(self.request.path).split("/")):
            raise web.HTTPError(404)  # the marker file and anything hidden: not part of the site

    def validate_absolute_path(self, root: str, absolute_path: str) -> str | None:
        # Our own check, on the resolved path, before tornado's: it holds whatever tornado version is installed.
        if not inside(absolute_path, root):
            raise web.HTTPError(403, "outside the output folder")
        found = super().validate_absolute_path(root, absolute_path)
        if found is not None and not inside(found, root):
            raise web.HTTPError(403, "outside the output folder")
        return found

    async def get(self, path: str, include_body: bool = True) -> None:
        if not path.lower().endswith(HTML) and not _is_folder(path):
            await super().get(path, include_body)
            return
        self.path = self.parse_url_path(path)
        found = self.validate_absolute_path(self.root, self.get_absolute_path(self.root, self.path))
        if found is None:
            return  # redirected to the folder's URL with a trailing slash
        if not found.lower().endswith(HTML):
            await super().get(path, include_body)
            return
        try:
            page = Path(found).read_bytes()
        except OSError as exc:  # replaced by a build between the check and the read
            raise web.HTTPError(404) from exc
        self.absolute_path = found
        self.injected = True
        body = inject(page, self.state.problems)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        if include_body:
            self.finish(body)
        else:
            self.set_header("Content-Length", str(len(body)))
            self.finish()

    def compute_etag(self) -> str | None:
        # An injected page changes with the problems, not only with the file: no file-based etag for it.
        return None if self.injected else super().compute_etag()

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-cache")  # always revalidate: the file may be rebuilt any second

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.clear_header("Content-Range")
        if status_code == 421:  # not our visitor: not even the problems, which name files
            self.finish(b"421 Misdirected Request")
            return
        self.finish(error_page(status_code, self._reason, self.state.problems))


def _is_folder(path: str) -> bool:
    return path == "" or path.endswith("/")


class ReloadScript(_OwnHostOnly, LiveReloadJSHandler):
    def initialize(self, state: PreviewState) -> None:
        self.state = state


class ReloadSocket(_OwnHostOnly, LiveReloadHandler):
    """livereload's websocket protocol, with the connected browsers kept per server.

    livereload's own handler keeps them in a class attribute shared by every
    server in the process, and accepts any origin; this one does neither.
    """

    def initialize(self, state: PreviewState) -> None:
        self.state = state

    def prepare(self) -> None:
        super().prepare()
        # Checked here, for every request that has one: tornado's own check_origin is skipped when
        # the Origin merely matches the Host (whatever the scheme) or Sec-Fetch-Site says same-origin,
        # which is exactly what a browser says on a rebound name.
        origin = self.request.headers.get("Origin")
        if origin is not None and not self.check_origin(origin):
            raise web.HTTPError(403, "not the site's own origin")

    def check_origin(self, origin: str) -> bool:  # pyright: ignore[reportIncompatibleMethodOverride]  # livereload types it Literal[True]
        parts = urlsplit(origin)
        return parts.scheme == "http" and not parts.path.strip("/") and self.state.answers(parts.netloc)

    def on_message(self, message: str | bytes) -> None:
        try:
            command = json.loads(message).get("command")
        except (ValueError, AttributeError):
            return
        if command == "hello":
            self.send_message(
                {
                    "command": "hello",
                    "protocols": ["http://livereload.com/protocols/official-7"],
                    "serverName": "samling",
                }
            )
            self.state.clients.add(self)

    def on_close(self) -> None:
        self.state.clients.discard(self)


def application(state: PreviewState) -> web.Application:
    return web.Application(
        [
            (r"/livereload", ReloadSocket, {"state": state}),
            (r"/livereload\.js", ReloadScript, {"state": state}),
            (r"/(.*)", OutputHandler, {"path": str(state.output), "state": state, "default_filename": "index.html"}),
        ],
        log_function=_quiet,
    )


def _quiet(handler: web.RequestHandler) -> None:
    """No access log: it would drown the build messages. Tornado still logs refusals (403) and errors."""
