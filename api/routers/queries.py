"""The named read-only Cypher queries, on the Neo4j store. No client-supplied Cypher."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel

from catalog import named_queries as nq
from catalog.errors import StoreUnavailable
from catalog.stores.neo4j_store import Neo4jStore

from ..deps import Cached, EngineDep
from ..problems import ERROR_RESPONSES
from ..security import QueriesScope

router = APIRouter(prefix="/queries", tags=["named queries"], responses=ERROR_RESPONSES)


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


@router.get(
    "", response_model=list[NamedQueryInfo], summary="The named Cypher queries and their parameters"
)
def list_queries(engine: EngineDep, _: QueriesScope) -> list[NamedQueryInfo]:
    available = isinstance(engine.store, Neo4jStore)
    return [NamedQueryInfo(**q.to_json(), available=available) for q in nq.load_all().values()]


@router.get(
    "/{name}",
    response_model=QueryResult,
    summary="Run a named query; its parameters are the query-string parameters",
    description="Runs in a read transaction on the Neo4j store; 503 on the embedded store.",
)
def run_query(
    request: Request,
    name: Annotated[str, Path(max_length=80, pattern=r"^[a-z0-9-]+$", examples=["erasure-notify"])],
    engine: EngineDep,
    _: QueriesScope,
    __: Cached,
) -> QueryResult:
    query = nq.get(name)
    params = nq.bind(query, dict(request.query_params))
    store = engine.store
    if not isinstance(store, Neo4jStore):
        raise StoreUnavailable(
            "named Cypher queries run on the Neo4j store; start the API with --store neo4j"
        )

    def work(tx: Any) -> tuple[list[str], list[list[Any]]]:
        result = tx.run(query.text, params)
        return list(result.keys()), [nq.plain(list(r.values())) for r in result]

    columns, rows = store.read(work)
    return QueryResult(
        query=name,
        params=params,
        columns=columns,
        rows=[dict(zip(columns, r, strict=True)) for r in rows],
    )
