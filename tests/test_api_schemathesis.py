"""Property-based tests of the API against its own OpenAPI document (schemathesis, in-process).

For generated valid and invalid requests to every operation: never a 5xx, and every response
(status code, content type, headers, body) is one the document declares.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from newswatch.api import create_app

# The app opens its store on first use, so collecting this module opens no file.
STORE_DIR = Path(tempfile.mkdtemp(prefix="newswatch-schemathesis-"))
APP = create_app(STORE_DIR / "api.duckdb", api_key="", rate_per_minute=None)
# A request over the body-size limit is refused with 413, which the negative-data check must accept.
CONFIG = SchemathesisConfig.from_dict(
    {"checks": {"negative_data_rejection": {"expected-statuses": [400, 401, 404, 405, 413, 415, 422, 429]}}})
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, config=CONFIG)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance, negative_data_rejection]


@pytest.fixture(scope="module", autouse=True)
def stored_example(example_brief):
    """Real rows for the read endpoints to return (and validate) besides empty pages."""
    services = APP.state.services
    services.with_store(lambda store: store.add_briefs([example_brief]))
    yield
    services.close()
    shutil.rmtree(STORE_DIR, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])
def test_every_response_conforms_to_the_openapi_document(case):
    case.call_and_validate(checks=CHECKS)
