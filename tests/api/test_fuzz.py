"""Schemathesis against the API's own OpenAPI document: generated requests for every operation
(bounded), no 5xx, and every response as the document says: status, content type, schema.

The named Cypher queries run only on the Neo4j store (on the embedded one they are a documented
503), so they are fuzzed against an app serving a synced Bolt server."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig

from api.main import create_app
from catalog.settings import Settings

FUZZ = settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))


# Invalid requests must be refused with a 4xx. Beyond the statuses schemathesis expects by
# default, the request limits answer 413 and 414 before routing.
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "negative_data_rejection": {
                "expected-statuses": [400, 401, 403, 404, 406, 413, 414, 422]
            }
        }
    }
)


def validate(case) -> None:
    case.call_and_validate()


embedded = schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings()), config=CONFIG)


@embedded.exclude(path_regex="^/queries/").parametrize()
@FUZZ
def test_every_response_is_as_documented(case) -> None:
    validate(case)


def test_named_queries_answer_as_documented_on_neo4j(shared_synced_store, bolt_server) -> None:
    app = create_app(bolt_server.settings(), store=shared_synced_store)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG).include(
        path_regex="^/queries/"
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @FUZZ
        def fuzz(case) -> None:
            validate(case)

        fuzz()
