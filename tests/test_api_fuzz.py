"""Fuzz the API with schemathesis against its generated OpenAPI document.

No input may cause a 5xx, every answer must match the document's schema for its status, and
every status must be one the document declares. CI runs 200 examples per operation.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from caseflow.api.openapi import document

# The document the app serves at /api/v1/openapi.json (test_api checks it matches the routes).
api_schema = schemathesis.openapi.from_dict(document())
EXAMPLES = 200 if os.environ.get("CI") == "true" else 25
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]


@pytest.fixture
def bearer(client, demo_users):
    """A token for a clinic nurse: the fuzzer reaches past authentication into the services."""
    answer = client.post(
        "/api/v1/tokens", json={"username": "clinic.nurse", "password": "caseflow-demo"}
    )
    return {"Authorization": f"Bearer {answer.json['token']}"}


@api_schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_input_breaks_the_contract(app, case, bearer):
    response = case.call(app=app, headers=bearer)
    assert response.status_code < 500, (case.method, case.path, response.text[:500])
    case.validate_response(response, checks=CHECKS)
