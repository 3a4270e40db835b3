"""API tokens (django-rest-knox, ``accounts.ApiToken``): the owner makes named tokens on the token page, sees the
key once, lists and revokes them; nobody else can, the admin never shows a key, and the API refuses expired and
revoked tokens with 401."""

import datetime
import re

import pytest
from django.contrib import admin
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import services
from accounts.models import ApiToken
from accounts.services import LAST_USED_PRECISION
from tests.factories import api_key

pytestmark = pytest.mark.django_db

PAGE = "/accounts/api-token/"
ME = "/api/v1/me/"


def shown_key(response):
    """The key in the page's read-only token field, or None."""
    match = re.search(r'id="new-token" type="text" value="([^"]+)"', response.content.decode())
    return match and match.group(1)


def api_as(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def revoke_url(token):
    return reverse("api_token_revoke", args=[token.pk])


# the owner's side


def test_a_signed_in_user_makes_a_named_token_whose_key_is_shown_once_and_works(client, school_counsellor):
    client.force_login(school_counsellor)

    response = client.post(PAGE, {"name": "Rapportskriptet"})

    key = shown_key(response)
    token = ApiToken.objects.get(user=school_counsellor)
    assert token.name == "Rapportskriptet"
    assert key and len(key) == 64
    # Only knox's hash is stored: the key is in no column.
    assert key not in {token.digest, token.token_key} and token.digest != key
    assert all(key not in str(value) for value in ApiToken.objects.values_list().get())
    page_after = client.get(PAGE).content.decode()
    assert "Rapportskriptet" in page_after
    assert key not in page_after and shown_key(client.get(PAGE)) is None

    client.logout()
    assert api_as(key).get(ME).status_code == 200


def test_a_person_has_several_tokens_listed_newest_first_with_expiry_and_last_use(client, school_counsellor, settings):
    settings.API_TOKEN_TTL_DAYS = 30
    first = api_key(school_counsellor, name="Første")
    api_key(school_counsellor, name="Andre")
    api_as(first).get(ME)
    client.force_login(school_counsellor)

    response = client.get(PAGE)

    tokens = list(response.context["tokens"])
    assert [t.name for t in tokens] == ["Andre", "Første"]
    assert all(abs(t.expiry - t.created - datetime.timedelta(days=30)) < datetime.timedelta(seconds=5) for t in tokens)
    assert tokens[1].last_used is not None and tokens[0].last_used is None
    assert "A token works for 30 days after it is made." in client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "En nøkkel virker i 30 dager etter at den er laget." in response.content.decode()


def test_the_token_lifetime_comes_from_the_setting(school_counsellor, settings):
    settings.API_TOKEN_TTL_DAYS = 7
    token, _key = services.api_token_create(user=school_counsellor, name="Kort")
    assert datetime.timedelta(days=7) - (token.expiry - timezone.now()) < datetime.timedelta(seconds=5)


def test_a_token_needs_a_name(client, school_counsellor):
    client.force_login(school_counsellor)

    response = client.post(PAGE, {"name": "   "})

    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert shown_key(response) is None
    assert not ApiToken.objects.exists()


def test_one_person_has_at_most_the_allowed_number_of_live_tokens(client, school_counsellor, settings):
    settings.API_TOKENS_PER_PERSON = 2
    api_key(school_counsellor)
    api_key(school_counsellor)
    client.force_login(school_counsellor)

    response = client.post(PAGE, {"name": "Tredje"})

    assert response.context["form"].non_field_errors()
    assert ApiToken.objects.filter(user=school_counsellor).count() == 2


def test_the_owner_revokes_a_token_and_it_stops_working_at_once(client, school_counsellor):
    key = api_key(school_counsellor, name="Gammelt")
    kept = api_key(school_counsellor, name="Nytt")
    token = ApiToken.objects.get(name="Gammelt")
    client.force_login(school_counsellor)

    response = client.post(revoke_url(token))

    assert response.status_code == 302
    assert list(ApiToken.objects.values_list("name", flat=True)) == ["Nytt"]
    refused = api_as(key).get(ME)
    assert refused.status_code == 401
    assert api_as(kept).get(ME).status_code == 200


def test_revoking_is_a_post(client, school_counsellor):
    api_key(school_counsellor)
    client.force_login(school_counsellor)

    assert client.get(revoke_url(ApiToken.objects.get())).status_code == 405
    assert ApiToken.objects.exists()


# the other side


def test_another_person_cannot_revoke_my_token_nor_see_it(client, school_counsellor, plain_user):
    key = api_key(school_counsellor, name="Mitt skript")
    token = ApiToken.objects.get()
    client.force_login(plain_user)

    assert client.post(revoke_url(token)).status_code == 404
    assert "Mitt skript" not in client.get(PAGE).content.decode()
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert api_as(key).get(ME).status_code == 200


def test_anonymous_visitors_cannot_make_a_token(client):
    response = client.post(PAGE, {"name": "Skript"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not ApiToken.objects.exists()


def test_an_expired_token_is_refused_with_401_and_deleted(school_counsellor):
    key = api_key(school_counsellor)
    ApiToken.objects.update(expiry=timezone.now() - datetime.timedelta(seconds=1))

    response = api_as(key).get(ME)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert not ApiToken.objects.exists()


def test_an_expired_token_is_marked_on_the_page(client, school_counsellor):
    api_key(school_counsellor, name="Utløpt")
    ApiToken.objects.update(expiry=timezone.now() - datetime.timedelta(days=1))
    client.force_login(school_counsellor)

    html = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Expired" in html


def test_a_wrong_key_with_a_real_tokens_first_characters_is_refused(school_counsellor):
    key = api_key(school_counsellor)
    forged = key[:15] + ("0" if key[15] != "0" else "1") + key[16:]
    assert api_as(forged).get(ME).status_code == 401


def test_a_token_of_a_deactivated_person_is_refused(school_counsellor):
    key = api_key(school_counsellor)
    school_counsellor.is_active = False
    school_counsellor.save(update_fields=["is_active"])
    assert api_as(key).get(ME).status_code == 401


def test_last_used_is_written_at_most_once_an_hour(school_counsellor):
    key = api_key(school_counsellor)
    client = api_as(key)
    client.get(ME)
    first = ApiToken.objects.get().last_used
    assert first is not None

    client.get(ME)
    assert ApiToken.objects.get().last_used == first

    ApiToken.objects.update(last_used=first - LAST_USED_PRECISION)
    client.get(ME)
    assert ApiToken.objects.get().last_used > first - LAST_USED_PRECISION


# the admin


@pytest.fixture
def superuser(db):
    from accounts.models import User

    return User.objects.create_superuser("root@example.org", "pw")


def test_the_admin_lists_owner_name_and_dates_but_no_key(client, superuser, school_counsellor):
    key = api_key(school_counsellor, name="Integrasjon")
    token = ApiToken.objects.get()
    client.force_login(superuser)

    changelist = client.get(reverse("admin:accounts_apitoken_changelist"))
    detail = client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))

    assert changelist.status_code == 200 and detail.status_code == 200
    for page in (changelist.content.decode(), detail.content.decode()):
        assert "Integrasjon" in page
        assert key not in page and token.digest not in page and token.token_key not in page
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403


def test_drf_and_knox_token_admins_are_gone():
    registered = {model._meta.label for model in admin.site._registry}
    assert "accounts.ApiToken" in registered
    assert not {"authtoken.Token", "authtoken.TokenProxy", "knox.AuthToken"} & registered


@override_settings(REQUIRE_STAFF_MFA=False)
def test_deleting_the_account_deletes_its_tokens(school_counsellor):
    from register.services import account_delete

    api_key(school_counsellor)
    account_delete(user=school_counsellor)
    assert not ApiToken.objects.exists()


# the move from DRF's plain-text tokens


class _Editor:
    """The one piece of a schema editor the data migration uses (SQLite's real one refuses to open in a test's
    transaction)."""

    def __init__(self, connection):
        self.connection = connection

    def execute(self, sql):
        with self.connection.cursor() as cursor:
            cursor.execute(sql)


def test_drf_tokens_are_moved_hashed_expiring_and_keep_working(school_counsellor, settings):
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    settings.API_TOKEN_TTL_DAYS = 90
    migration = importlib.import_module("accounts.migrations.0004_hash_drf_tokens")
    key = "0123456789abcdef0123456789abcdef01234567"
    made = timezone.now() - datetime.timedelta(days=400)
    stamp = "timestamp with time zone" if connection.vendor == "postgresql" else "datetime"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, created {stamp}, user_id bigint)")
        cursor.execute("INSERT INTO authtoken_token VALUES (%s, %s, %s)", [key, made, school_counsellor.pk])
    state = MigrationExecutor(connection).loader.project_state(("accounts", "0004_hash_drf_tokens"))

    migration.hash_drf_tokens(state.apps, _Editor(connection))

    assert "authtoken_token" not in connection.introspection.table_names()
    token = ApiToken.objects.get()
    assert token.user == school_counsellor and token.name == ""
    assert abs(token.created - made) < datetime.timedelta(seconds=1)
    assert datetime.timedelta(days=89) < token.expiry - timezone.now() <= datetime.timedelta(days=90)
    assert key not in {token.digest, token.token_key}
    assert api_as(key).get(ME).status_code == 200
