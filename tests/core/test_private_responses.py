"""No answer to a signed-in person is kept by a shared cache or the browser: ``private, no-store``.

The rule is by request (core.middleware.PrivateResponsesMiddleware), so it is tested on the
pages and API answers that hold personal data, and from the other side on public pages.
"""

import pytest
from rest_framework.test import APIClient

from tests.factories import api_key, pdf_upload
from tests.register.centre_support import log_credit

pytestmark = pytest.mark.django_db


def cache_directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


COUNSELLOR_PAGES = [
    "/kompetanse/",
    "/profil/",
    "/min-side/",
    "/kompetanse/erklaeringer/",
    "/accounts/api-token/",
    "/notifications/",
    "/api/v1/me/",
    "/api/v1/credits/",
    "/api/v1/status/",
]


@pytest.mark.parametrize("path", COUNSELLOR_PAGES)
def test_a_counsellors_own_pages_and_api_answers_are_private_and_not_stored(client, school_counsellor, path):
    client.force_login(school_counsellor)

    response = client.get(path)

    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_directives(response)


def test_the_centre_network_its_csv_and_evidence_are_private_and_not_stored(
    client, centre, verifier, school_counsellor, areas
):
    entry = log_credit(school_counsellor, [areas[0]], evidence=pdf_upload())
    client.force_login(verifier)

    for path in [
        f"/staff/sentre/{centre.slug}/nettverk/",
        f"/staff/sentre/{centre.slug}/nettverk/?format=csv",
        f"/dokumentasjon/studiepoeng/{entry.pk}/",
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert {"private", "no-store"} <= cache_directives(response), path


def test_api_answers_to_a_token_are_private_and_not_stored(school_counsellor):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {api_key(school_counsellor)}")

    response = api.get("/api/v1/me/")

    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_directives(response)


@pytest.mark.parametrize("path", ["/sentre/", "/api/v1/counties/"])
def test_public_answers_to_anonymous_visitors_are_not_marked_private(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert "private" not in cache_directives(response)
