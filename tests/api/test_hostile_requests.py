"""Requests written as an attacker would write them, against the server `datamap serve` runs
(its own process, over raw sockets): bodies that never end, with or without a key; a header
of 40 MiB; connections that send half a request, or half a body, and wait; more connections
than the server takes; a forged Host in a redirect. Each is refused in bounded time and
memory, as problem details where there is a request to answer."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI

from api.main import create_app
from catalog.dev.arcadedb import free_port, stop_process
from catalog.settings import Settings
from catalog.stores.embedded import EmbeddedStore

KEY = "dpo-key-91bc2d77"
TIMEOUT = 1.0  # the head and body timeouts of the served API
CONNECTIONS = 4  # the connections it serves at once
MIB = 1024 * 1024


@dataclass
class Served:
    port: int
    process: subprocess.Popen[str]

    def connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=10)
        sock.settimeout(10)
        return sock

    def kib(self, field: str) -> int:
        """A field of the server process's /proc status (VmRSS, VmHWM), in KiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
        raise AssertionError(f"no {field} in /proc/{self.process.pid}/status")

    def reset_peak(self) -> None:
        """Set the process's high-water mark of resident memory back to what it holds now."""
        Path(f"/proc/{self.process.pid}/clear_refs").write_text("5")


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    """`datamap serve` with keys on, 1 s head and body timeouts and 4 connections at most."""
    port = free_port()
    env = {
        **os.environ,
        "DATAMAP_API_KEYS": KEY,
        "DATAMAP_API_HEADER_TIMEOUT": str(TIMEOUT),
        "DATAMAP_API_BODY_TIMEOUT": str(TIMEOUT),
        "DATAMAP_API_MAX_CONNECTIONS": str(CONNECTIONS),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "catalog", "serve", "--port", str(port), "--log-level", "warning"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    api = Served(port, process)
    deadline = time.monotonic() + 60
    while True:
        try:
            with api.connect() as sock:
                sock.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                if status(read_answer(sock)) == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop_process(process, timeout=10)
            out = process.stdout.read() if process.stdout else ""
            raise RuntimeError(f"datamap serve did not start:\n{out}")
        time.sleep(0.2)
    yield api
    stop_process(process, timeout=20)


def read_answer(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (or 10 s pass). A reset
    after the answer (the server closed with the client's bytes unread) keeps what came."""
    got = b""
    try:
        while chunk := sock.recv(65536):
            got += chunk
    except (ConnectionResetError, TimeoutError):
        pass
    return got


def status(answer: bytes) -> int | None:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else None


def problem_of(answer: bytes) -> dict:
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"content-type: application/problem+json" in head.lower(), head
    return json.loads(body)


def send_until_refused(sock: socket.socket, head: bytes, piece: bytes, total: int) -> int:
    """Send `head`, then `piece` until `total` bytes or the server stops reading; the bytes
    of `piece` sent."""
    sent = 0
    try:
        sock.sendall(head)
        while sent < total:
            sock.sendall(piece)
            sent += len(piece)
    except (BrokenPipeError, ConnectionResetError):
        pass
    return sent


# -- bodies: the key before the body, and the body counted as it arrives ---------------------

CHUNK = b"x" * 65536
CHUNKED = b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK)
POST = (
    b"POST /can-share HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
    b"Transfer-Encoding: chunked\r\n"
)


@pytest.mark.parametrize(
    ("key", "expected"),
    [(b"", 401), (b"X-API-Key: " + KEY.encode() + b"\r\n", 413)],
    ids=["without a key", "with a key"],
)
def test_a_50_mib_chunked_body_is_refused_unread(served: Served, key: bytes, expected: int) -> None:
    served.reset_peak()
    before = served.kib("VmRSS")
    started = time.monotonic()
    with served.connect() as sock:
        sent = send_until_refused(sock, POST + key + b"\r\n", CHUNKED, 50 * MIB)
        answer = read_answer(sock)
    elapsed = time.monotonic() - started
    assert status(answer) == expected, answer[:300]
    assert problem_of(answer)["status"] == expected
    assert sent < 50 * MIB  # the server stopped reading: the client could not send it all
    assert elapsed < 5
    grown_mib = (served.kib("VmHWM") - before) / 1024
    assert grown_mib < 30, f"the server's resident memory grew by {grown_mib:.0f} MiB"


def test_a_body_within_the_limit_is_answered(served: Served) -> None:
    body = json.dumps(
        {"flows": [{"category": "payment-information", "recipient": "shipping-providers"}]}
    ).encode()
    with served.connect() as sock:
        sock.sendall(
            POST + b"X-API-Key: " + KEY.encode() + b"\r\nConnection: close\r\n\r\n"
            b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
        )
        answer = read_answer(sock)
    assert status(answer) == 200, answer[:300]
    assert json.loads(answer.partition(b"\r\n\r\n")[2])["flows"][0]["verdict"] == "named"


class Body:
    """An ASGI receive that hands out 1 KiB pieces of a body, `pieces` of them at most, and
    counts how many the app took."""

    def __init__(self, pieces: int = 1000) -> None:
        self.pieces, self.taken = pieces, 0

    async def __call__(self) -> dict:
        self.taken += 1
        more = self.taken < self.pieces
        return {"type": "http.request", "body": b"{" * 1024, "more_body": more}


def post(app: FastAPI, headers: list[tuple[bytes, bytes]], body: Body) -> tuple[int, dict]:
    """POST /can-share through the whole ASGI app (no socket): the status and problem."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/can-share",
        "raw_path": b"/can-share",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"t"), (b"content-type", b"application/json"), *headers],
        "server": ("t", 80),
        "client": ("127.0.0.1", 50000),
    }
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(app(scope, body, send))
    return sent[0]["status"], json.loads(b"".join(m.get("body", b"") for m in sent[1:]))


@pytest.mark.parametrize(
    "framing",
    [[(b"transfer-encoding", b"chunked")], [(b"content-length", b"10")]],
    ids=["chunked", "a Content-Length that lies"],
)
def test_a_body_is_counted_as_it_arrives(graph, framing) -> None:
    app = create_app(Settings(api_max_body_bytes=10_000), store=EmbeddedStore(graph))
    body = Body()
    code, problem = post(app, framing, body)
    assert code == 413 and problem["detail"].endswith("the limit is 10000")
    assert body.taken <= 11  # no piece read past the one that crossed the limit


def test_without_a_valid_key_no_byte_of_the_body_is_read(graph) -> None:
    app = create_app(Settings(api_keys=KEY), store=EmbeddedStore(graph))
    for key in ([], [(b"x-api-key", b"not-the-key")]):
        body = Body()
        code, problem = post(app, [(b"transfer-encoding", b"chunked"), *key], body)
        assert code == 401 and problem["status"] == 401
        assert body.taken == 0


# -- the request's head: size and time -------------------------------------------------------


def test_a_40_mib_header_is_refused_without_being_kept(served: Served) -> None:
    served.reset_peak()
    before = served.kib("VmRSS")
    started = time.monotonic()
    with served.connect() as sock:
        head = b"GET /health HTTP/1.1\r\nHost: t\r\nX-Big: "
        sent = send_until_refused(sock, head, b"a" * 65536, 40 * MIB)
        answer = read_answer(sock)
    assert status(answer) == 431, answer[:300]
    assert "the limit is 16,384" in problem_of(answer)["detail"]
    assert sent < 40 * MIB and time.monotonic() - started < 5
    assert (served.kib("VmHWM") - before) / 1024 < 30


def test_a_header_just_over_the_limit_is_refused(served: Served) -> None:
    with served.connect() as sock:  # all of it in one read: measured when parsed
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * 16_400 + b"\r\n\r\n")
        answer = read_answer(sock)
    assert status(answer) == 431 and problem_of(answer)["status"] == 431
    with served.connect() as sock:  # behind another request in the same read: measured too
        sock.sendall(
            b"GET /health HTTP/1.1\r\nHost: t\r\n\r\n"
            b"GET /health HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * 16_400 + b"\r\n\r\n"
        )
        answer = read_answer(sock)
    assert status(answer) == 200 and b"HTTP/1.1 431 " in answer
    with served.connect() as sock:  # and a head within the limit is answered
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * 8000 + b"\r\n\r\n")
        assert status(sock.recv(65536)) == 200


def closed_after(sock: socket.socket) -> tuple[float, bytes]:
    """Seconds until the server closes the connection, and what it sent before."""
    started = time.monotonic()
    answer = read_answer(sock)
    return time.monotonic() - started, answer


def test_half_a_request_line_then_silence_is_cut_off(served: Served) -> None:
    with served.connect() as sock:
        sock.sendall(b"GET /hea")
        seconds, answer = closed_after(sock)
    assert seconds < TIMEOUT + 2, f"still open after {seconds:.1f} s"
    assert status(answer) == 408 and problem_of(answer)["status"] == 408


def test_a_head_sent_a_byte_at_a_time_is_cut_off(served: Served) -> None:
    request = b"GET /health HTTP/1.1\r\nHost: t\r\nX-Slow: " + b"a" * 100
    started = time.monotonic()
    with served.connect() as sock:
        try:
            for byte in request:  # a byte every 0.1 s: the whole head would take 14 s
                sock.sendall(bytes([byte]))
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = read_answer(sock)
    assert time.monotonic() - started < TIMEOUT + 2
    assert status(answer) == 408


def test_many_stalled_connections_are_all_closed(served: Served) -> None:
    socks = [served.connect() for _ in range(50)]
    try:
        for i, sock in enumerate(socks):
            if i % 2:
                sock.sendall(b"POST /can-share HTT")  # the other half send nothing at all
        deadline = time.monotonic() + TIMEOUT + 3
        for sock in socks:
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            read_answer(sock)
            assert time.monotonic() < deadline, "a stalled connection was still open"
    finally:
        for sock in socks:
            sock.close()


def test_a_stalled_body_is_answered_408(served: Served) -> None:
    with served.connect() as sock:
        sock.sendall(
            b"POST /can-share HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            b"X-API-Key: " + KEY.encode() + b"\r\nContent-Length: 1000\r\n\r\n" + b'{"flows": ['
        )
        seconds, answer = closed_after(sock)
    assert seconds < TIMEOUT + 2
    assert status(answer) == 408
    assert "did not arrive within 1 s" in problem_of(answer)["detail"]


# -- connections -------------------------------------------------------------------------------


def test_a_request_past_the_connection_limit_is_answered_503(served: Served) -> None:
    held = [served.connect() for _ in range(CONNECTIONS)]
    try:
        with served.connect() as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
            answer = read_answer(sock)  # and closed
        assert status(answer) == 503, answer[:300]
        assert b"retry-after: 1" in answer.lower()
        assert "limit of 4 connections" in problem_of(answer)["detail"]
    finally:
        for sock in held:
            sock.close()
    deadline = time.monotonic() + 5
    while True:  # the server sees the closes shortly, and serves again
        with served.connect() as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            if status(read_answer(sock)) == 200:
                break
        assert time.monotonic() < deadline
        time.sleep(0.1)


# -- the trailing-slash redirect ----------------------------------------------------------------


def test_a_forged_host_never_reaches_a_redirect(make_client) -> None:
    evil = {"Host": "evil.example"}
    keyed = make_client(api_keys=KEY)
    refused = keyed.get("/sold/", headers=evil, follow_redirects=False)
    assert refused.status_code == 401 and "location" not in refused.headers  # the key first
    for client, headers in ((keyed, {**evil, "X-API-Key": KEY}), (make_client(), evil)):
        moved = client.get("/sold/?regime=ccpa", headers=headers, follow_redirects=False)
        assert moved.status_code == 307
        assert moved.headers["location"] == "/sold?regime=ccpa"  # relative: no host in it
