"""The named read-only Cypher queries, on the Neo4j store. No client-supplied Cypher."""

from __future__ import annotations

import inspect
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field

from api.deps import Cached, DeclaredOnly, EngineDep
from api.problems import ERROR_RESPONSES
from api.security import QueriesScope
from catalog.errors import StoreUnavailable
from catalog.queries.engine import QueryEngine
from catalog.stores.neo4j import named as nq
from catalog.stores.neo4j.store import Neo4jStore

router = APIRouter(
    route_class=DeclaredOnly, prefix="/queries", tags=["named queries"], responses=ERROR_RESPONSES
)


class NamedQueryInfo(BaseModel):
    name: str
    description: str
    params: dict[str, str]
    available: bool


class QueryResult(BaseModel):
    query: str
    params: dict[str, str]
    columns: list[str]
    rows: list[dict[str, Any]]
    note: str | None = Field(default=None, description="What an empty answer means, in words")


@router.get(
    "", response_model=list[NamedQueryInfo], summary="The named Cypher queries and their parameters"
)
def list_queries(engine: EngineDep, _: QueriesScope) -> list[NamedQueryInfo]:
    available = isinstance(engine.store, Neo4jStore)
    return [NamedQueryInfo(**q.to_json(), available=available) for q in nq.load_all().values()]


def _run(engine: QueryEngine, query: nq.NamedQuery, given: dict[str, str]) -> QueryResult:
    store = engine.store
    if not isinstance(store, Neo4jStore):
        message = "named Cypher queries run on the Neo4j store; start the API with --store neo4j"
        raise StoreUnavailable(message, message)
    return QueryResult(**nq.run(store, query, given, engine.resolve).to_json())


def _route(query: nq.NamedQuery) -> None:
    """One documented endpoint per named query, its parameters declared as required strings."""

    def endpoint(
        request: Request, engine: EngineDep, _: QueriesScope, __: Cached, **given: str
    ) -> QueryResult:
        return _run(engine, query, dict(request.query_params))

    parameters = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request),
        inspect.Parameter("engine", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=EngineDep),
        inspect.Parameter("_", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=QueriesScope),
        inspect.Parameter("__", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Cached),
    ] + [
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            annotation=Annotated[str, Query(min_length=1, max_length=300, description=description)],
        )
        for name, description in query.params.items()
    ]
    # FastAPI reads an endpoint's parameters from its signature; a function type does not
    # declare `__signature__`, which inspect honours.
    endpoint.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    router.add_api_route(
        f"/{query.name}",
        endpoint,
        methods=["GET"],
        response_model=QueryResult,
        summary=query.description,
        description="Runs in a read transaction on the Neo4j store; 503 on the embedded store. "
        "Unknown parameters are refused.",
        name=f"query_{query.name.replace('-', '_')}",
    )


for _query in nq.load_all().values():
    _route(_query)


@router.get("/{name}", include_in_schema=False)
def unknown_query(
    name: Annotated[str, Path(max_length=80, pattern=r"^[a-z0-9-]+$")],
    _: QueriesScope,
) -> None:
    nq.get(name)  # raises NotFound, with the names of the queries there are
