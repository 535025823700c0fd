"""A small HTTP/1.1 load generator: N keep-alive connections on loopback, each sending GETs
back to back for a fixed time; latencies, status codes and errors recorded per request.

It speaks just enough HTTP for the benchmark (Content-Length and chunked bodies) and runs on
uvloop where installed, so that on a two-core machine it is not the bottleneck it measures.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        return percentile(self.latencies, q)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _read_response(reader: asyncio.StreamReader) -> int:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("the server closed the connection")
    status = int(status_line.split(b" ", 2)[1])
    length, chunked = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status


async def _worker(
    host: str, port: int, paths: list[str], offset: int, stop: float, result: LoadResult
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    requests = [f"GET {p} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode() for p in paths]
    i = offset
    try:
        while time.perf_counter() < stop:
            started = time.perf_counter()
            writer.write(requests[i % len(requests)])
            i += 1
            try:
                status = await _read_response(reader)
            except (ConnectionError, asyncio.IncompleteReadError, ValueError) as exc:
                result.errors.append(repr(exc))
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            result.latencies.append(time.perf_counter() - started)
            result.statuses[status] += 1
    finally:
        writer.close()


async def _run(host: str, port: int, paths: list[str], clients: int, seconds: float) -> LoadResult:
    result = LoadResult(seconds=seconds)
    started = time.perf_counter()
    stop = started + seconds
    await asyncio.gather(*(_worker(host, port, paths, n, stop, result) for n in range(clients)))
    result.seconds = time.perf_counter() - started
    return result


def run(host: str, port: int, paths: list[str], *, clients: int, seconds: float) -> LoadResult:
    try:
        import uvloop

        return uvloop.run(_run(host, port, paths, clients, seconds))
    except ImportError:
        return asyncio.run(_run(host, port, paths, clients, seconds))
