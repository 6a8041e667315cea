"""Fuzz the API with schemathesis against its own OpenAPI document: no input may cause a 5xx."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from caseflow.api.openapi import DOCUMENT

# The document the app serves at /api/v1/openapi.json (test_api checks it matches the routes).
api_schema = schemathesis.openapi.from_dict(DOCUMENT)


@pytest.fixture
def bearer(client, demo_users):
    """A token for a clinic nurse: the fuzzer reaches past authentication into the services."""
    answer = client.post(
        "/api/v1/tokens", json={"username": "clinic.nurse", "password": "caseflow-demo"}
    )
    return {"Authorization": f"Bearer {answer.json['token']}"}


@api_schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_input_causes_a_server_error(app, case, bearer):
    response = case.call(app=app, headers=bearer)
    assert response.status_code < 500, (case.method, case.path, response.text[:500])
