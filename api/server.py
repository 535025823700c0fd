"""The HTTP server `datamap serve` runs: uvicorn, with the limits it lacks on each connection.

uvicorn bounds neither the size of a request's head nor the time a client may take to send it
or its body: a 40 MiB header was read whole and answered 200, and connections that sent half a
request line stayed open for good. So each connection here has

- a head of at most `api_max_header_bytes` (request line and headers): more is answered 431,
  counted as the bytes arrive, so an endless header is cut short, not kept;
- `api_header_timeout` seconds to send a request's head, from the connection's start or from
  its first byte on a kept-alive connection (idle kept-alive connections close after uvicorn's
  5 s): then 408, or only a close when nothing was sent;
- `api_body_timeout` seconds to send a body once its head is in: then 408 and a close;
- a place among at most `api_max_connections`: a request on one more is answered 503.

The refusals are problem details, like the app's, and close the connection. Bodies are limited
by the app (`max_body_size`, counted as they arrive) and keys checked before a body is read
(api/security.py): this module guards the bytes before there is a request to give the app.

It subclasses uvicorn's httptools protocol, the one uvicorn picks itself and its fastest; a
request that respects the limits costs a few attribute checks more, a small part of the CPU a
kept answer takes (measured by feeding the protocol the same GET, and with bench/loadgen.py on
both servers).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import sys
from dataclasses import dataclass
from typing import Any, ClassVar

import uvicorn
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from api.problems import PROBLEM_JSON, problem
from catalog.errors import DatamapError
from catalog.settings import Settings

log = logging.getLogger("datamap.api")

# What uvicorn.run exits with when the server never started (the port taken, say).
STARTUP_FAILURE = 3


@dataclass(frozen=True)
class ConnectionLimits:
    max_header_bytes: int
    header_timeout: float
    body_timeout: float
    max_connections: int

    @classmethod
    def of(cls, settings: Settings) -> ConnectionLimits:
        return cls(
            settings.api_max_header_bytes,
            settings.api_header_timeout,
            settings.api_body_timeout,
            settings.api_max_connections,
        )


def _refusal(status: int, detail: str, headers: dict[str, str] | None = None) -> ASGIApp:
    """An app that answers only this problem, and closes the connection after it."""

    async def refuse(scope: Scope, receive: Receive, send: Send) -> None:
        response = problem(status, detail, Request(scope))
        response.headers.update({"Connection": "close", **(headers or {})})
        await response(scope, receive, send)

    return refuse


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a bounded head, head and body timeouts and a bounded
    number of connections. `limits` is set on the subclass `protocol` makes for a server."""

    limits: ClassVar[ConnectionLimits]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The connection bound is ours (below): uvicorn's answers a plain-text 503 and counts
        # the asking connection against the limit too, so N would serve N - 1.
        self.limit_concurrency = None
        self._in_head = True  # waiting for (the rest of) a request's head
        self._began = False  # ... and its first byte has come
        # Bytes read while waiting for the head, and whether they count it from its first byte
        # (it began at the start of a read), so that a head that fits is not measured again.
        self._head_bytes = 0
        self._head_exact = False
        self._head_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None

    # -- the connection ----------------------------------------------------------------------

    # uvicorn hands its protocols a socket's Transport (its own declare the same narrowing of
    # asyncio.Protocol's BaseTransport).
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        # uvicorn times a connection only once it has answered on it: one that never sends a
        # byte would stay open for good.
        self._head_timer = self.loop.call_later(self.limits.header_timeout, self._head_timed_out)

    def connection_lost(self, exc: Exception | None) -> None:
        for timer in (self._head_timer, self._body_timer):
            if timer is not None:
                timer.cancel()
        self._head_timer = self._body_timer = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._in_head:
            if not self._began:  # the next head starts with this read
                self._head_bytes, self._head_exact = 0, True
            self._head_bytes += len(data)
        # By name rather than super(): this runs for every read, and super() costs.
        HttpToolsProtocol.data_received(self, data)
        if self._in_head:
            # The head is incomplete: it is not kept past the limit, nor waited for past the
            # timeout. (A read that completes a head is checked in on_headers_complete.)
            if self._head_bytes > self.limits.max_header_bytes:
                if not self.transport.is_closing():
                    self._head_too_large()
            elif (self._began or self._head_bytes) and self._head_timer is None:
                self._head_timer = self.loop.call_later(
                    self.limits.header_timeout, self._head_timed_out
                )
        elif self._body_timer is None:
            self._body_timer = self.loop.call_later(self.limits.body_timeout, self._body_timed_out)

    # -- the parser's events -----------------------------------------------------------------

    def on_message_begin(self) -> None:
        HttpToolsProtocol.on_message_begin(self)
        self._began = True

    def on_headers_complete(self) -> None:
        # Measured only when what was read might not fit: a head that began within a read
        # (after another request) was not counted from its start.
        measure = not self._head_exact or self._head_bytes > self.limits.max_header_bytes
        self._in_head = self._began = self._head_exact = False
        self._head_bytes = 0
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None
        refusal = self._refusal(measure)
        if refusal is None:
            HttpToolsProtocol.on_headers_complete(self)
            return
        # uvicorn starts the request with `self.app`: this one is answered by the refusal.
        app, self.app = self.app, refusal
        try:
            HttpToolsProtocol.on_headers_complete(self)
        finally:
            self.app = app

    def on_message_complete(self) -> None:
        HttpToolsProtocol.on_message_complete(self)
        self._in_head = True
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None

    def _refusal(self, measure: bool) -> ASGIApp | None:
        limits = self.limits
        if measure:
            size = len(self.url) + sum(len(name) + len(value) for name, value in self.headers)
            if size > limits.max_header_bytes:
                return _refusal(431, self._too_large(size))
        if (
            len(self.connections) > limits.max_connections
            or len(self.tasks) >= limits.max_connections
        ):
            log.warning("more than %d connections: a request answered 503", limits.max_connections)
            return _refusal(
                503,
                f"the server is serving its limit of {limits.max_connections} connections; "
                "try again shortly",
                {"Retry-After": "1"},
            )
        return None

    # -- refusals before there is a request ------------------------------------------------

    def _too_large(self, size: int, *, complete: bool = True) -> str:
        return (
            f"the request line and headers are {'' if complete else 'at least '}{size:,} bytes; "
            f"the limit is {self.limits.max_header_bytes:,}"
        )

    def _answering(self) -> bool:
        """Is a response to an earlier request still on its way on this connection?"""
        return self.cycle is not None and not self.cycle.response_complete

    def _head_too_large(self) -> None:
        if self._answering():
            self.transport.close()  # no answer of ours in the middle of another
        else:
            self._write_problem(431, self._too_large(self._head_bytes, complete=False))

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or not self._in_head:
            return
        if self._answering():
            # The client sent part of its next request early, while this one is answered:
            # the clock starts when the answer is done.
            self._head_timer = self.loop.call_later(
                self.limits.header_timeout, self._head_timed_out
            )
        elif self._began or self._head_bytes:
            self._write_problem(
                408,
                f"the request line and headers did not arrive within "
                f"{self.limits.header_timeout:g} s",
            )
        else:
            self.transport.close()

    def _body_timed_out(self) -> None:
        self._body_timer = None
        if self.transport.is_closing() or self._in_head:
            return
        cycle = self.cycle
        if self.pipeline or cycle.response_started:
            self.transport.close()  # answered already (the body unread), or queued behind another
            return
        # The app, waiting for the body, is told the client left; what it sends is dropped.
        cycle.disconnected = True
        cycle.message_event.set()
        self._write_problem(
            408, f"the request body did not arrive within {self.limits.body_timeout:g} s"
        )

    def _write_problem(self, status: int, detail: str) -> None:
        body = problem(status, detail).body
        head = [STATUS_LINE[status]]
        head += [
            name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers
        ]
        head += [
            b"content-type: " + PROBLEM_JSON.encode() + b"\r\n",
            b"content-length: " + str(len(body)).encode() + b"\r\n",
            b"connection: close\r\n\r\n",
        ]
        self.transport.write(b"".join(head) + body)
        self.transport.close()


def protocol(settings: Settings) -> type[GuardedProtocol]:
    """The protocol class for a server with these settings' limits."""
    return type("GuardedProtocol", (GuardedProtocol,), {"limits": ConnectionLimits.of(settings)})


def server(app: ASGIApp, settings: Settings, *, log_level: str = "info") -> uvicorn.Server:
    """The server `datamap serve` runs, on `settings.api_host` and `api_port`; the end-to-end
    tests run the same, in a thread."""
    config = uvicorn.Config(
        app,
        host=settings.api_host,
        port=settings.api_port,
        log_level=log_level,
        server_header=False,
        http=protocol(settings),
        ws="none",  # the API has no WebSocket endpoint: no upgrade to accept
    )
    return uvicorn.Server(config)


class PortTaken(DatamapError):
    exit_code = 1


def bind(settings: Settings) -> socket.socket:
    """The listening socket, bound before anything is printed: a port another server holds is
    one line that says which and how to choose another, not a banner followed by uvicorn's
    `[Errno 98]` (while a health check reaches the other server)."""
    host, port = settings.api_host, settings.api_port
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        why = "is in use" if exc.errno in (98, 48) else f"cannot be bound ({exc.strerror})"
        raise PortTaken(
            f"port {port} on {host} {why}: choose another with --port or DATAMAP_API_PORT "
            "(and the address with --host or DATAMAP_API_HOST)"
        ) from None
    return sock


def serve(
    app: ASGIApp, settings: Settings, *, log_level: str = "info", sock: socket.socket | None = None
) -> None:
    """Serve until interrupted, as `uvicorn.run` does (on `sock` when it is already bound)."""
    running = server(app, settings, log_level=log_level)
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn re-raises the signal it stopped on
        running.run(sockets=[sock] if sock is not None else None)
    if not running.started:
        sys.exit(STARTUP_FAILURE)
