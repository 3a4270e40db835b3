"""The error answers, from both sides: every operation documents them, and what the API sends matches.

One component, ``Error`` (``{"detail": ...}``), for 401/403/404/415/429 and one, ``ValidationError`` (field ->
messages), for 400; ``core.api.document_errors`` puts them on every operation.
"""

import jsonschema
import pytest
import yaml
from django.core.cache import cache
from django.utils import translation
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from core.api import wait_message
from register.models import Role
from tests import personas
from tests.factories import api_key

pytestmark = pytest.mark.django_db

METHODS = {"get", "put", "post", "patch", "delete"}


@pytest.fixture
def schema(client):
    return yaml.safe_load(client.get("/api/v1/schema/").content)


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def documented(schema, path, method, status):
    """The JSON schema documented for ``status`` of the operation, with the components to resolve it."""
    content = schema["paths"][path][method]["responses"][str(status)]["content"]["application/json"]["schema"]
    return {**content, "components": schema["components"]}


def test_every_operation_documents_401_403_429_and_503_with_the_error_component(schema):
    for path, method, operation in operations(schema):
        responses = operation["responses"]
        for status in ("401", "403", "429", "503"):
            assert status in responses, f"{method.upper()} {path} does not document {status}"
        assert responses["401"]["headers"]["WWW-Authenticate"]["required"] is True
        assert "Retry-After" in responses["429"]["headers"]
        assert responses["503"]["headers"]["Retry-After"]["required"] is True
        assert responses["401"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


def test_operations_with_a_path_parameter_document_404_and_those_taking_input_document_400(schema):
    for path, method, operation in operations(schema):
        parameters = operation.get("parameters", [])
        if any(parameter["in"] == "path" for parameter in parameters):
            assert "404" in operation["responses"], f"{method.upper()} {path} does not document 404"
        if "requestBody" in operation or method != "get":
            assert "400" in operation["responses"], f"{method.upper()} {path} does not document 400"
        if "requestBody" in operation:
            assert "415" in operation["responses"], f"{method.upper()} {path} does not document 415"


def test_the_error_components_say_detail_and_field_messages(schema):
    components = schema["components"]["schemas"]
    assert components["Error"]["required"] == ["detail"]
    assert components["ValidationError"]["properties"]["non_field_errors"]["items"] == {"type": "string"}


def test_an_anonymous_request_is_a_401_with_www_authenticate_and_a_documented_body(schema):
    response = APIClient().get("/api/v1/credits/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "not_authenticated"
    jsonschema.validate(response.json(), documented(schema, "/api/v1/credits/", "get", 401))


def test_a_missing_object_is_a_404_with_a_documented_body_in_norwegian_or_english(schema, school_counsellor):
    client = APIClient()
    client.force_authenticate(school_counsellor)

    norwegian = client.get("/api/v1/credits/999999/")
    english = client.get("/api/v1/credits/999999/", HTTP_ACCEPT_LANGUAGE="en")

    assert norwegian.status_code == english.status_code == 404
    assert norwegian.json() == {"detail": "Ikke funnet.", "code": "not_found"}
    assert english.json() == {"detail": "Not found.", "code": "not_found"}
    jsonschema.validate(norwegian.json(), documented(schema, "/api/v1/credits/{id}/", "get", 404))


def test_an_address_under_the_api_that_no_route_matches_is_the_api_s_json_404_for_any_method(schema):
    client = APIClient()
    # Not of the token's form, so no API route matches; the CMS's page pattern must not answer either.
    for response in (
        client.get("/api/v1/guidance/questions/by-token/bø/"),
        client.post("/api/v1/guidance/questions/by-token/bø/rate/", {"helpful": True}, format="json"),
    ):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["code"] == "not_found"
        jsonschema.validate(
            response.json(), documented(schema, "/api/v1/guidance/questions/by-token/{token}/", "get", 404)
        )


def test_an_address_without_its_slash_still_redirects(client):
    assert client.get("/api/v1/counties").status_code == 301


def test_a_forbidden_request_is_a_403_with_a_documented_body(schema, school_counsellor):
    client = APIClient()
    client.force_authenticate(school_counsellor)

    response = client.get("/api/v1/counsellors/")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    jsonschema.validate(response.json(), documented(schema, "/api/v1/counsellors/", "get", 403))


def test_staff_without_mfa_get_403_mfa_required_with_a_documented_body(schema, settings, centre):
    settings.REQUIRE_STAFF_MFA = True
    verifier = personas.centre_staff(centre, Role.VERIFIER, email="godkjenner-uten-mfa@example.org")
    client = APIClient(HTTP_AUTHORIZATION=f"Token {api_key(verifier)}")

    response = client.get("/api/v1/counties/")

    assert response.status_code == 403
    assert response.json()["code"] == "mfa_required"
    assert (
        "two-factor"
        in APIClient(HTTP_AUTHORIZATION=f"Token {api_key(verifier)}", HTTP_ACCEPT_LANGUAGE="en")
        .get("/api/v1/counties/")
        .json()["detail"]
    )
    jsonschema.validate(response.json(), documented(schema, "/api/v1/counties/", "get", 403))


def test_refused_input_is_a_400_with_field_messages_matching_the_documented_component(schema, school_counsellor):
    client = APIClient()
    client.force_authenticate(school_counsellor)

    response = client.post("/api/v1/statements/", {"valid_days": 0}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["valid_days"]
    jsonschema.validate(response.json(), documented(schema, "/api/v1/statements/", "post", 400))


def test_a_429_is_documented_and_answered_with_retry_after_and_the_error_body(schema, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1/min", "user": "1/min"})
    cache.clear()  # fetching the schema counted too
    client = APIClient()
    assert client.get("/api/v1/counties/").status_code == 200

    refused = client.get("/api/v1/counties/")

    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    with translation.override("nb"):
        assert refused.json() == {"detail": wait_message(wait), "code": "throttled"}
    jsonschema.validate(refused.json(), documented(schema, "/api/v1/counties/", "get", 429))
    header = schema["paths"]["/api/v1/counties/"]["get"]["responses"]["429"]["headers"]["Retry-After"]
    jsonschema.validate(wait, header["schema"])


@pytest.mark.django_db
def test_a_browser_gets_the_json_the_schema_documents_not_an_html_page(client):
    browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/api/v1/counties/", HTTP_ACCEPT=browser_accept)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert isinstance(response.json(), list)
