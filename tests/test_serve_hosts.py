"""`samling serve` against DNS rebinding: real requests to a running preview on 127.0.0.1.

A foreign page whose name is made to resolve to 127.0.0.1 sends its own name as `Host` and as
the websocket's `Origin`; the preview answers neither. Also: folders emptied by a rename go.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from tests.test_serve import GATHERING, PAGE, Served, site, start, stop_for_good  # noqa: F401  (site: a fixture)


@pytest.fixture
def server(site: Path, tmp_path: Path) -> Iterator[Served]:  # noqa: F811
    served = start(site, tmp_path / "published" / "output")
    try:
        yield served
    finally:
        stop_for_good(served.proc)


def status_of(server: Served, host: str | None, target: str = PAGE) -> tuple[int, bytes]:
    head = f"Host: {host}\r\n" if host is not None else ""
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\n{head}Connection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    status, _, body = data.partition(b"\r\n\r\n")
    return int(status.split()[1]), body


def test_only_the_bound_address_is_answered(server: Served) -> None:
    port = server.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        assert status_of(server, host)[0] == 200, host
    for host in (
        f"evil.example:{port}",
        "evil.example",
        "127.0.0.1",  # port 80 is another server
        f"127.0.0.1:{port + 1}",
        f"localhost.evil.example:{port}",
        f"127.0.0.1:{port}@evil.example",
        "",
        None,
    ):
        status, body = status_of(server, host)
        assert status in (400, 421), (host, status)  # 400: tornado finds the Host malformed
        assert b"facilitator" not in body.lower() and GATHERING.encode() not in body, host
    for target in ("/livereload.js", "/index.html", "/assets/style.css", "/finnes-ikke.html"):
        assert status_of(server, f"rebound.example:{port}", target)[0] == 421, target


async def _socket(port: int, host: str, origin: str | None) -> str:
    headers = {"Host": host} | ({"Origin": origin} if origin else {})
    request = HTTPRequest(f"ws://127.0.0.1:{port}/livereload", headers=headers)
    try:
        conn = await asyncio.wait_for(websocket_connect(request), 5)
    except HTTPClientError as error:
        return str(error.code)
    try:
        conn.write_message(
            json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]})
        )
        hello = json.loads(await asyncio.wait_for(conn.read_message(), 5) or "{}")
        return str(hello.get("command"))
    finally:
        conn.close()


def test_the_reload_socket_accepts_only_the_sites_own_origin(server: Served) -> None:
    port = server.port
    own = f"127.0.0.1:{port}"
    cases = [
        (own, f"http://{own}", "hello"),
        (f"localhost:{port}", f"http://localhost:{port}", "hello"),
        (own, None, "hello"),  # no browser page: nothing to rebind
        (own, f"http://evil.example:{port}", "403"),
        (f"evil.example:{port}", f"http://evil.example:{port}", "421"),  # a rebound name, Host and Origin alike
        (own, "null", "403"),
        (own, f"https://{own}", "403"),
        (own, f"http://127.0.0.1:{port + 1}", "403"),
    ]
    for host, origin, expected in cases:
        assert in_thread(lambda h=host, o=origin: asyncio.run(_socket(port, h, o))) == expected, (host, origin)


def in_thread(work: Callable[[], str]) -> str:
    """asyncio.run in a thread of its own: a browser test may have left an event loop in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(work).result()


def test_folders_emptied_by_a_rename_are_removed(server: Served, site: Path) -> None:  # noqa: F811
    old = server.output / GATHERING
    assert (old / "sessions" / "program.html").is_file()
    # Answers files and the programme name the gathering's folder: they follow it first (the build
    # fails meanwhile and serves the last good site), then the folder itself is renamed.
    shutil.rmtree(site / GATHERING / "responses")
    programme = site / "programme.yaml"
    programme.write_text(programme.read_text("utf-8").replace(GATHERING, "omdomme"), "utf-8")
    (site / GATHERING).rename(site / "omdomme")
    new_page = server.output / "omdomme" / "sessions" / "program.html"
    deadline = time.monotonic() + 30
    while not (new_page.is_file() and not old.exists()):
        assert time.monotonic() < deadline, f"{old} is still there:\n" + "".join(server.lines)
        time.sleep(0.1)
    assert server.proc.poll() is None
