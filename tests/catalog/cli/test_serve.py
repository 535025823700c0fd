"""`datamap serve` on a port another server holds: one line naming the port and how to choose
another, before any banner, and a non-zero exit (issue 29: it printed the banner, then
uvicorn's `[Errno 98]`, while a health check reached the other server)."""

from __future__ import annotations

import socket


def test_a_taken_port_is_one_clear_line_before_any_banner(cli) -> None:
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    port = holder.getsockname()[1]
    try:
        result = cli("serve", "--port", str(port))
    finally:
        holder.close()
    assert result.code == 1
    assert f"port {port} on 127.0.0.1 is in use" in result.err
    assert "--port" in result.err and "DATAMAP_API_PORT" in result.err
    assert "datamap API on" not in result.err + result.out  # no banner for a server that is not
    assert "Traceback" not in result.err and "Errno" not in result.err
