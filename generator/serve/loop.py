"""`samling serve`: build, serve the output, rebuild on every save and reload the browser.

livereload supplies the browser side (livereload.js and its websocket
protocol, see generator/serve/http.py). Its `Server.serve()` is not used: it
cannot report the port it picked for port 0, ignores changes within 3 s of the
previous reload (a quick second save would be lost), reports only the first
changed file of a folder, and keeps its state in class attributes. So the
watching (generator/serve/watch.py), debouncing and rebuilding are done here, on
one asyncio loop, with builds in a worker thread so pages keep being served while
a build runs; a build there never forks (generator/incremental/parallel.py).

Bad content, a broken template or any exception in a build never stops the
server: the last good site stays on disk and every page shows the problems.
"""

from __future__ import annotations

import asyncio
import ipaddress
import signal
import socket
import sys
import time
import traceback
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from generator.core.errors import ContentError, visible
from generator.incremental.builder import Builder, BuildResult
from generator.render.theme import DEFAULT_THEME
from generator.serve.http import PreviewState, application, own_hosts
from generator.serve.watch import NotifyWatcher
from generator.write.staging import OutputRefused, check_output_folder

QUIET = 0.1  # seconds without a further change before a batch of changes is built


def watch_roots(content: Path) -> list[Path]:
    """The content folder (site.yaml is in it), the default theme, and the site themes beside the content."""
    roots = [content, DEFAULT_THEME, content.parent / "themes"]
    # Drop a root inside another, e.g. themes/default when themes/ is watched, so no file is seen twice.
    return [r for r in roots if not any(o != r and r.is_relative_to(o) for o in roots)]


def is_loopback(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


def _is_unspecified(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


class Preview:
    """The rebuild loop: watch, debounce, build in a worker thread, publish problems, reload the browsers."""

    def __init__(self, content: Path, output: Path, poll: float = 0.1) -> None:
        self.content = content
        self.builder = Builder(content, output)
        self.state = PreviewState(output)
        self.watcher = NotifyWatcher(watch_roots(content))
        self.poll = poll
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samling-build")
        self.theme: str | None = None

    async def build(self, changed: set[Path] | None) -> None:
        started = time.perf_counter()
        loop = asyncio.get_running_loop()
        problems, result = await loop.run_in_executor(self.pool, self._build, changed)
        ms = (time.perf_counter() - started) * 1000
        self.state.problems = problems
        self.theme = None  # unknown until a build succeeds: after a failure every theme change may be the fix
        if result is not None:
            self.theme = result.site.config.theme
            counts = ", ".join(f"{v} {k}" for k, v in result.counts.items())
            for notice in result.notices:
                print(notice, file=sys.stderr)
            print(f"built {result.pages} pages in {ms:.0f} ms ({counts})", flush=True)
        else:
            for line in problems:
                print(line, file=sys.stderr)
            n = len(problems)
            print(
                f"samling: {n} problem{'s' if n != 1 else ''}; still serving the last good site, every page shows them",
                file=sys.stderr,
                flush=True,
            )
        told = self.state.reload()
        if told:
            print(f"reloaded {told} browser{'s' if told != 1 else ''}", flush=True)

    def _build(self, changed: set[Path] | None) -> tuple[tuple[str, ...], BuildResult | None]:
        """Runs in the worker thread; never raises, whatever the content or the templates do."""
        try:
            before = self.builder.manifest or {}
            result = self.builder.build(changed)
            remove_empty_folders(self.state.output, before.keys() - (self.builder.manifest or {}).keys())
            return (), result
        except ContentError as exc:
            return tuple(str(p) for p in exc.problems), None
        except OutputRefused as exc:
            return (f"{self.state.output}: {exc}",), None
        except Exception as exc:
            traceback.print_exc()
            return (f"{type(exc).__name__}: {exc} — an error inside Samling; the traceback is in the terminal",), None

    def relevant(self, path: Path) -> bool:
        """Changes in site themes other than the active one do not need a rebuild."""
        themes = self.content.parent / "themes"
        if self.theme is None or not path.is_relative_to(themes) or path.is_relative_to(DEFAULT_THEME):
            return True
        return path.relative_to(themes).parts[0] == self.theme

    async def watch(self) -> None:
        pending: set[Path] = set()
        last_change = 0.0
        while True:
            # Where folders are polled, a big site makes a scan costly: poll less often then (~20 % of a core).
            await asyncio.sleep(max(self.poll, 5 * self.watcher.cost))
            try:
                pending, last_change = await self._tick(pending, last_change)
            except Exception:  # a bug here must not silently end the live preview
                traceback.print_exc()
                pending = set()

    async def _tick(self, pending: set[Path], last_change: float) -> tuple[set[Path], float]:
        changed = {p for p in self.watcher.changes() if self.relevant(p)}
        now = time.monotonic()
        if changed:
            return pending | changed, now
        if pending and now - last_change >= QUIET:
            shown = visible(", ".join(sorted(_short(p, self.content) for p in pending)[:3]))  # a name may hold ESC
            print(f"changed: {shown}{' …' if len(pending) > 3 else ''}", flush=True)
            await self.build(pending)
            return set(), last_change
        return pending, last_change


def remove_empty_folders(output: Path, gone: Iterable[str]) -> None:
    """The folders that held files a build removed in place (a gathering renamed), once empty.

    Only folders this build emptied, from the file up to the output folder; rmdir never removes a
    folder that still holds anything, and a link is never followed.
    """
    for path in sorted(gone, key=lambda p: -p.count("/")):
        folder = (output / path).parent
        while folder != output and folder.is_relative_to(output) and not folder.is_symlink():
            try:
                folder.rmdir()
            except OSError:  # not empty, or already gone
                break
            folder = folder.parent


def _short(path: Path, content: Path) -> str:
    try:
        return path.relative_to(content.parent).as_posix()
    except ValueError:
        return str(path)


async def run(content: Path, output: Path, host: str, sockets: list[socket.socket]) -> int:
    preview = Preview(content, output)
    preview.watcher.start()  # before the first build: a save during it is seen
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    server = HTTPServer(application(preview.state))
    watching: asyncio.Task[None] | None = None
    try:
        first = asyncio.ensure_future(preview.build(None))
        await asyncio.wait([first, asyncio.ensure_future(stop.wait())], return_when=asyncio.FIRST_COMPLETED)
        if not stop.is_set():
            bound = sockets[0].getsockname()[1]
            preview.state.hosts = own_hosts(host, bound)
            preview.state.any_address = _is_unspecified(host)
            server.add_sockets(sockets)
            shown = f"[{host}]" if ":" in host else host
            print(f"serving http://{shown}:{bound}/index.html — watching {content}; Ctrl-C stops", flush=True)
            watching = asyncio.ensure_future(preview.watch())
            await stop.wait()
        print("stopping…", flush=True)
    finally:
        server.stop()
        for s in sockets:
            s.close()
        for client in list(preview.state.clients):
            client.close()
        if watching is not None:
            watching.cancel()
        preview.watcher.stop()
        # Let a build in progress finish: its temporary folder is then swapped in, not left behind.
        await loop.run_in_executor(None, preview.pool.shutdown, True)
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
    return 0


def serve(content: Path, output: Path, host: str = "127.0.0.1", port: int = 0, allow_remote: bool = False) -> int:
    """The `samling serve` command; returns the exit code."""
    if not 0 <= port <= 65535:
        print(f"samling: {port} is not a port — use a number from 0 to 65535 (0: a free one)", file=sys.stderr)
        return 2
    if not is_loopback(host):
        if not allow_remote:
            print(
                f"samling: {host!r} is not a loopback address — others on the network could read the site; "
                "add --allow-remote if that is what you want",
                file=sys.stderr,
            )
            return 2
        print(
            f"samling: WARNING: serving on {host}: anyone who can reach this machine can read the site",
            file=sys.stderr,
        )
    content = content.resolve()
    output = check_output_folder(output, content)  # never serve (or build into) a folder that is not ours
    try:
        sockets = bind_sockets(port, host)
    except OSError as exc:
        print(
            f"samling: cannot listen on {host} port {port}: {exc.strerror or exc} — try another --port", file=sys.stderr
        )
        return 2
    return asyncio.run(run(content, output, host, sockets))
