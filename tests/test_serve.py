"""`samling serve` as a user runs it: a real process on a free loopback port, edited content, Ctrl-C."""

from __future__ import annotations

import asyncio
import html
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.request import urlopen

import pytest
from tornado.websocket import websocket_connect

from generator.commands.build import check
from generator.core.errors import ContentError

ROOT = Path(__file__).resolve().parents[1]
GATHERING = "nettverk-omdomme-2013-03"
PAGE = f"/{GATHERING}/sessions/program.html"
OVERLAY = 'id="samling-problems" role="alert"'


@dataclass
class Served:
    proc: subprocess.Popen[str]
    output: Path
    lines: list[str] = field(default_factory=list)
    port: int = 0

    def wait_for_line(self, pattern: str, timeout: float = 30) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.lines):
                if m := re.search(pattern, line):
                    return m
            if self.proc.poll() is not None and not self.reader_alive():
                break
            time.sleep(0.05)
        raise AssertionError(f"no line matching {pattern!r}; output so far:\n" + "".join(self.lines))

    def reader_alive(self) -> bool:
        return any(t.name == f"serve-reader-{self.proc.pid}" and t.is_alive() for t in threading.enumerate())

    def get(self, path: str) -> str:
        with urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as response:
            return response.read().decode("utf-8")

    def poll_page(self, path: str, ok: Callable[[str], bool], timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        while True:
            status, page = _status_body(self, path)
            if status == 200 and ok(page):
                return page
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} never got there within {timeout} s; output:\n" + "".join(self.lines))
            time.sleep(0.1)


def buildable(content: Path) -> Path:
    # The seed's sessions name decks and worksheets that are still being written; the server is under test here.
    for session in (content / GATHERING / "sessions").glob("*.md"):
        text = session.read_text("utf-8")
        session.write_text(re.sub(r"(?m)^(decks|worksheets):.*\n", "", text), "utf-8")
    return content


@pytest.fixture
def site(content_copy: Path) -> Path:
    content = buildable(content_copy)
    check(content)  # a broken fixture would make every assertion below meaningless
    return content


def start(content: Path, output: Path) -> Served:
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--content", str(content), "--output", str(output)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: the test can prove nothing is left running
    )
    served = Served(proc, output)
    assert proc.stdout is not None
    stdout = proc.stdout
    threading.Thread(
        target=lambda: served.lines.extend(iter(stdout.readline, "")), name=f"serve-reader-{proc.pid}", daemon=True
    ).start()
    served.port = int(served.wait_for_line(r"serving http://127\.0\.0\.1:(\d+)/index\.html").group(1))
    return served


@pytest.fixture
def server(site: Path, tmp_path: Path) -> Iterator[Served]:
    served = start(site, tmp_path / "published" / "output")
    try:
        yield served
    finally:
        stop_for_good(served.proc)


def stop_for_good(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


async def _expect_reload(port: int, action: Callable[[], None], timeout: float) -> dict[str, object]:
    conn = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    try:
        conn.write_message(
            json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]})
        )
        hello = json.loads(await asyncio.wait_for(conn.read_message(), 5) or "{}")
        assert hello.get("command") == "hello", hello
        action()
        message = await asyncio.wait_for(conn.read_message(), timeout)
        assert message is not None, "the server closed the livereload socket"
        return json.loads(message)
    finally:
        conn.close()


def expect_reload(server: Served, action: Callable[[], None], timeout: float = 10) -> dict[str, object]:
    """Connect as livereload.js does, do `action`, and return the next message the server pushes."""
    # A thread of its own: Playwright's sync API keeps an event loop running in the main thread
    # once any browser test has run, and asyncio.run refuses to start inside it.
    outcome: list[dict[str, object] | BaseException] = []

    def run() -> None:
        try:
            outcome.append(asyncio.run(_expect_reload(server.port, action, timeout)))
        except BaseException as error:  # handed to the test's thread below
            outcome.append(error)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_saved_session_is_rebuilt_and_the_browser_told_to_reload(server: Served, site: Path) -> None:
    before = server.get(PAGE)
    assert "<h1>Program</h1>" in before and '<script src="/livereload.js"></script>' in before
    assert OVERLAY not in before

    session = site / GATHERING / "sessions" / "program.md"
    message = expect_reload(server, lambda: edit(session, "title: Program\n", "title: Programmet for kvelden\n"))

    assert message["command"] == "reload"
    # The signal comes after the files are on disk: the reload the browser does now gets the new page.
    assert "Programmet for kvelden" in server.get(PAGE)
    assert "Programmet for kvelden" in server.get(f"/{GATHERING}/2013-03-11.html")  # the day's agenda too
    assert not list((server.output / "nettverk-omdomme-2013-03").glob("*.tmp*"))


def test_quick_successive_saves_all_reach_the_site(server: Served, site: Path) -> None:
    # Saves closer together than a build: the system's watcher hears each, the last one wins.
    session = site / GATHERING / "sessions" / "program.md"
    for n in range(5):
        edit(session, "title: Program" + ("\n" if n == 0 else f" {n - 1}\n"), f"title: Program {n}\n")
    page = server.poll_page(PAGE, lambda page: "Program 4" in page)
    assert "Program 4" in page and OVERLAY not in page


def test_broken_yaml_shows_on_every_page_over_the_last_good_site_until_fixed(server: Served, site: Path) -> None:
    gathering = site / GATHERING / "gathering.yaml"
    good = gathering.read_text("utf-8")
    expect_reload(server, lambda: edit(gathering, "venue: Gardermoen\n", "venue: [Gardermoen\n"))

    with pytest.raises(ContentError) as caught:
        check(site)
    expected = [str(p) for p in caught.value.problems]  # exactly what `samling check` prints
    assert any(re.match(rf"content/{GATHERING}/gathering\.yaml:\d+: ", line) for line in expected)
    for path in ("/index.html", "/", PAGE, f"/{GATHERING}/", "/no-such-page.html"):
        page = html.unescape(server.get(path) if path != "/no-such-page.html" else _status_body(server, path)[1])
        assert OVERLAY in page, path
        for line in expected:
            assert line in page, (path, line)
    assert "<h1>Program</h1>" in server.get(PAGE)  # still the last good build
    assert "still serving the last good site" in "".join(server.lines)

    message = expect_reload(server, lambda: gathering.write_text(good, "utf-8"))
    assert message["command"] == "reload"
    assert OVERLAY not in server.get(PAGE) and OVERLAY not in server.get("/index.html")


def test_an_exception_in_a_site_template_is_shown_and_the_server_lives_on(server: Served, site: Path) -> None:
    # The site theme lives beside the content folder; a Python error inside a template is not a TemplateError.
    templates = site.parent / "themes" / "kommune" / "templates"
    templates.mkdir(parents=True)
    (templates / "session.html").write_text('{% extends "base.html" %}{% block main %}{{ 1 // 0 }}{% endblock %}')
    message = expect_reload(server, lambda: edit(site / "site.yaml", "theme: default", "theme: kommune"))
    assert message["command"] == "reload"
    page = html.unescape(server.get(PAGE))
    assert OVERLAY in page and "ZeroDivisionError" in page and "<h1>Program</h1>" in page
    assert server.proc.poll() is None

    (templates / "session.html").write_text('{% extends "default/session.html" %}')
    page = server.poll_page(PAGE, lambda page: OVERLAY not in page)
    assert "<h1>Program</h1>" in page


def test_a_first_build_that_fails_still_serves_the_problems(site: Path, tmp_path: Path) -> None:
    gathering = site / GATHERING / "gathering.yaml"
    edit(gathering, "venue: Gardermoen\n", "venue: [Gardermoen\n")
    served = start(site, tmp_path / "output")
    try:
        status, body = _status_body(served, "/")
        assert status == 404 and OVERLAY in body and f"content/{GATHERING}/gathering.yaml:" in body
        edit(gathering, "venue: [Gardermoen\n", "venue: Gardermoen\n")
        page = served.poll_page("/index.html", lambda page: OVERLAY not in page)
        assert "Saman om ein betre kommune" in page
    finally:
        stop_for_good(served.proc)


def _status_body(server: Served, target: str, host: str = "") -> tuple[int, str]:
    """A raw HTTP/1.0 request: nothing between the test and the server rewrites the path (or the Host)."""
    host = host or f"127.0.0.1:{server.port}"
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(f"GET {target} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode("utf-8", "replace")


ESCAPES = [
    "/../secret.txt",
    "/../../../../etc/passwd",
    "/%2e%2e/secret.txt",
    "/%2E%2E/%2E%2E/etc/passwd",
    "/.%2e/secret.txt",
    "/..%2fsecret.txt",
    "/assets%2f..%2f..%2fsecret.txt",
    "/assets/../../secret.txt",
    "//etc/passwd",
    "/%2fetc/passwd",
    "/..\\secret.txt",
    "/%5c..%5csecret.txt",
    "/assets/%00../../secret.txt",
    "/.samling-output.json",
    "/leak.txt",
    "/linked/secret.txt",
    "http://127.0.0.1/../secret.txt",
    "../secret.txt",
]


def test_only_files_under_the_output_folder_are_served(server: Served) -> None:
    secret = server.output.parent / "secret.txt"
    secret.write_text("TOP SECRET", "utf-8")
    (server.output / "leak.txt").symlink_to(secret)
    (server.output / "linked").symlink_to(server.output.parent, target_is_directory=True)
    assert _status_body(server, "/assets/style.css")[0] == 200  # the site itself is served
    for target in ESCAPES:
        status, body = _status_body(server, target)
        assert status in (400, 403, 404), (target, status)
        assert "TOP SECRET" not in body and "root:" not in body, target
    assert server.proc.poll() is None


def test_ctrl_c_stops_cleanly_even_during_a_build(server: Served, site: Path) -> None:
    edit(site / GATHERING / "sessions" / "program.md", "title: Program\n", "title: Siste endring\n")
    server.wait_for_line(r"^changed: ", timeout=10)
    server.proc.send_signal(signal.SIGINT)  # usually while the rebuild is running
    assert server.proc.wait(timeout=15) in (0, 130)
    with pytest.raises(ProcessLookupError):
        os.killpg(server.proc.pid, 0)  # nothing of its process group is left
    beside = [p.name for p in server.output.parent.iterdir()]
    assert not [n for n in beside if n.startswith(".output.")], beside
    assert (server.output / "index.html").is_file()


def test_a_non_loopback_host_needs_allow_remote(site: Path, tmp_path: Path) -> None:
    from generator.cli import main

    assert main(["serve", "--content", str(site), "--output", str(tmp_path / "o"), "--host", "0.0.0.0"]) == 2
    assert not (tmp_path / "o").exists()  # refused before building or binding anything


def test_problem_text_is_escaped_in_the_overlay() -> None:
    from generator.serve.overlay import inject

    page = b"<html><body><p>side</p></body></html>"
    shown = inject(page, ["content/x.yaml:3: '<script>alert(1)</script>' is not a facilitator \u2014 add it"]).decode()
    assert "<script>alert(1)" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert shown.index(OVERLAY) > shown.index("<p>side</p>") and shown.endswith("</body></html>")
    assert inject(page, []) == page.replace(b"</body>", b'<script src="/livereload.js"></script></body>')


def test_loopback_is_told_apart_from_other_addresses() -> None:
    from generator.serve.loop import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("") and not is_loopback("192.0.2.1")
