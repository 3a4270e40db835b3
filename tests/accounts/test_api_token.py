import pytest
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db


def test_a_signed_in_user_creates_a_token_shown_once_and_it_authenticates_the_api(client, school_counsellor):
    client.force_login(school_counsellor)
    response = client.post("/accounts/api-token/", {"action": "create"})
    token = Token.objects.get(user=school_counsellor)
    assert token.key in response.content.decode()
    assert token.key not in client.get("/accounts/api-token/").content.decode()

    client.logout()
    api = client.get("/api/v1/counties/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.status_code == 200


def test_replacing_a_token_invalidates_the_old_one(client, school_counsellor):
    client.force_login(school_counsellor)
    client.post("/accounts/api-token/", {"action": "create"})
    old = Token.objects.get(user=school_counsellor).key
    client.post("/accounts/api-token/", {"action": "create"})
    assert Token.objects.get(user=school_counsellor).key != old
    client.post("/accounts/api-token/", {"action": "delete"})
    assert not Token.objects.filter(user=school_counsellor).exists()


def test_anonymous_visitors_cannot_get_a_token(client):
    response = client.post("/accounts/api-token/", {"action": "create"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Token.objects.exists()
