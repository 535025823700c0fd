"""`datamap serve`: the query API over the same engine; `datamap version`."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from catalog import __version__
from catalog.cli.state import StoreFlag, state_of


def serve(
    ctx: typer.Context,
    host: Annotated[
        str | None, typer.Option(help="Address to bind [env DATAMAP_API_HOST; default 127.0.0.1]")
    ] = None,
    port: Annotated[
        int | None, typer.Option(help="Port [env DATAMAP_API_PORT; default 8000]")
    ] = None,
    store: StoreFlag = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level")] = "info",
) -> None:
    """Serve the query API with uvicorn (docs at /docs, OpenAPI at /openapi.json)."""
    # uvicorn and FastAPI, only for this command.
    from api.main import create_app
    from api.server import bind
    from api.server import serve as run_server

    state = state_of(ctx, store)
    settings = state.settings.replace(
        **{k: v for k, v in {"api_host": host, "api_port": port}.items() if v is not None}
    )
    app_ = create_app(settings)  # an invalid inventory stops here, with one line per problem
    sock = bind(settings)  # so does a taken port, before any banner
    try:
        public = not ipaddress.ip_address(settings.api_host).is_loopback
    except ValueError:
        public = settings.api_host not in ("localhost",)
    if public and not settings.api_keys:
        state.err.print(
            f"warning: serving on {settings.api_host} without API keys; anyone who can reach this "
            "port can read the catalogue. Set DATAMAP_API_KEYS.",
            markup=False,
        )
    state.err.print(
        f"datamap API on http://{settings.api_host}:{settings.api_port} ({settings.store} store); "
        f"docs at /docs. Try: curl http://{settings.api_host}:{settings.api_port}/categories/payment-information/recipients",
        markup=False,
    )
    # With the limits uvicorn lacks: head size, head and body timeouts, connections.
    run_server(app_, settings, log_level=log_level, sock=sock)


def version(ctx: typer.Context) -> None:
    """Print the datamap version."""
    state_of(ctx).out.print(f"datamap {__version__}")
