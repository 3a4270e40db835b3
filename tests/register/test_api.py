"""The public, read-only register API: counties and active centres, its schema and its docs."""

import pytest
import yaml

from register.models import Centre, County
from tests.factories import CentreFactory, api_key, county

pytestmark = pytest.mark.django_db

COUNTIES = "/api/v1/counties/"
CENTRES = "/api/v1/centres/"


def centre_url(centre):
    return f"{CENTRES}{centre.slug}/"


# counties


def test_anyone_gets_the_15_counties_in_number_order(client):
    response = client.get(COUNTIES)

    assert response.status_code == 200
    numbers = [c["number"] for c in response.json()]
    assert numbers == sorted(numbers)
    assert numbers == list(County.objects.order_by("number").values_list("number", flat=True))
    assert len(numbers) == 15
    assert {"number", "name", "slug", "population", "active_centre_count"} <= set(response.json()[0])


def test_each_county_counts_its_active_centres_only(client, centre, other_centre):
    CentreFactory(county=county("46"))
    CentreFactory(county=county("46"), is_active=False)

    counts = {c["number"]: c["active_centre_count"] for c in client.get(COUNTIES).json()}

    assert counts["03"] == 1
    assert counts["46"] == 2
    assert counts["56"] == 0


def test_one_county_by_number(client):
    response = client.get(f"{COUNTIES}46/")
    assert response.status_code == 200
    assert response.json()["name"] == "Vestland"
    assert client.get(f"{COUNTIES}99/").status_code == 404


# centres


def test_anyone_gets_the_active_centres_but_not_inactive_ones(client, centre, other_centre):
    closed = CentreFactory(is_active=False)

    response = client.get(CENTRES)

    assert response.status_code == 200
    slugs = {c["slug"] for c in response.json()["results"]}
    assert slugs == {centre.slug, other_centre.slug}
    assert closed.slug not in slugs
    assert response.json()["count"] == 2


def test_centres_filter_by_county_number(client, centre, other_centre):
    response = client.get(CENTRES, {"county": "46"})

    assert response.status_code == 200
    results = response.json()["results"]
    assert [c["slug"] for c in results] == [other_centre.slug]
    assert results[0]["county"] == "46"
    assert results[0]["county_name"] == "Vestland"


def test_an_unknown_county_number_is_a_400_with_a_message(client, centre):
    response = client.get(CENTRES, {"county": "99"})

    assert response.status_code == 400
    body = response.json()
    assert "county" in body
    assert body["county"][0]


def test_one_centre_by_slug(client, centre):
    response = client.get(centre_url(centre))

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == centre.name
    assert body["county"] == "03"
    assert body["postcode"] == centre.postcode


def test_an_inactive_centre_is_not_found_by_slug(client):
    closed = CentreFactory(is_active=False)
    assert client.get(centre_url(closed)).status_code == 404


def _centre_state():
    return list(Centre.objects.order_by("pk").values())


@pytest.mark.parametrize("persona", [None, "plain_user", "national_admin"])
def test_the_api_refuses_writes_and_changes_nothing(client, request, centre, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    before = _centre_state()
    payload = {"slug": "ny", "name": "Nytt senter", "county": "03"}

    responses = [
        client.post(CENTRES, payload, content_type="application/json"),
        client.put(centre_url(centre), payload, content_type="application/json"),
        client.patch(centre_url(centre), {"name": "Endret"}, content_type="application/json"),
        client.delete(centre_url(centre)),
        client.post(COUNTIES, {"number": "99", "name": "Ny"}, content_type="application/json"),
        client.delete(f"{COUNTIES}03/"),
    ]

    assert all(r.status_code in (403, 405) for r in responses), [r.status_code for r in responses]
    assert _centre_state() == before
    assert County.objects.count() == 15


# authentication


def test_a_valid_api_token_is_accepted(client, plain_user, centre):
    key = api_key(plain_user)

    response = client.get(CENTRES, headers={"Authorization": f"Token {key}"})

    assert response.status_code == 200
    assert response.wsgi_request.user == plain_user


def test_a_wrong_api_token_is_refused(client, centre):
    response = client.get(CENTRES, headers={"Authorization": "Token not-a-real-token"})
    # Token authentication comes first, so DRF answers 401 with the scheme to use.
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["detail"]


def test_a_logged_in_session_is_accepted(client, plain_user, centre):
    client.force_login(plain_user)

    response = client.get(CENTRES)

    assert response.status_code == 200
    assert response.wsgi_request.user == plain_user


# query budgets


def _list_queries(client, url, budget, django_assert_max_num_queries):
    with django_assert_max_num_queries(budget) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [CENTRES, COUNTIES, f"{CENTRES}?county=03"])
def test_list_query_count_does_not_grow_with_the_centres(client, url, django_assert_max_num_queries):
    CentreFactory.create_batch(2)
    few = _list_queries(client, url, 4, django_assert_max_num_queries)
    CentreFactory.create_batch(28)
    many = _list_queries(client, url, 4, django_assert_max_num_queries)
    assert Centre.objects.count() == 30
    assert many == few


# schema and docs


def test_the_schema_documents_counties_and_centres_but_not_the_cms(client):
    response = client.get("/api/v1/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {"/api/v1/counties/", "/api/v1/centres/", "/api/v1/centres/{slug}/"} <= paths
    assert not [p for p in paths if p.startswith("/cms/")]
    assert all(p.startswith("/api/") for p in paths)


def test_the_api_docs_page_uses_no_external_cdn(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    page = response.content.decode().lower()
    assert "swagger" in page
    for cdn in ("cdn.", "jsdelivr", "unpkg"):
        assert cdn not in page


def test_collections_still_answer_with_a_json_suffix(client):
    """/api/v1/counties.json worked under DRF's DefaultRouter before each app had its own routes."""
    response = client.get("/api/v1/counties.json")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert len(response.json()) == 15
