"""With REQUIRE_STAFF_MFA on, staff without MFA reach no page and no API endpoint but the MFA setup.

Every URL the project routes is tried: the pages through the middleware, the API through the
whole stack (session and token). From the other side, the same people with MFA set up, and
counsellors without a staff role, are let through.
"""

import pytest
from django.contrib.admindocs.views import extract_views_from_urlpatterns, simplify_regex
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import get_resolver, reverse
from rest_framework.test import APIClient

from accounts.models import ApiToken
from register.middleware import StaffMFAMiddleware
from tests.accounts.test_mfa import enable_totp, sent_to_mfa_setup
from tests.factories import api_key

pytestmark = pytest.mark.django_db

STAFF = ["centre_admin", "verifier", "hr_officer", "organiser", "moderator", "e_guidance_counsellor", "national_admin"]

# Every page a staff person without MFA may still open: nothing in it shows anyone's data.
OPEN_WITHOUT_MFA = {
    "/accounts/2fa/",
    "/accounts/2fa/authenticate/",
    "/accounts/2fa/reauthenticate/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/2fa/recovery-codes/download/",
    "/accounts/2fa/recovery-codes/generate/",
    "/accounts/2fa/totp/activate/",
    "/accounts/2fa/totp/deactivate/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/1/",
    "/accounts/email/",
    "/accounts/login/",
    "/accounts/login/code/confirm/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/accounts/reauthenticate/code/",
    "/accounts/reauthenticate/code/confirm/",
    "/healthz/",
    "/i18n/setlang/",
    "/readyz/",
}


def routed_paths():
    """One concrete path for every URL pattern of the project (each parameter 1, each format json)."""
    paths = set()
    for _view, regex, _namespace, _name in extract_views_from_urlpatterns(get_resolver().url_patterns):
        path = simplify_regex(regex)
        while "<" in path:
            start = path.index("<")
            path = path[:start] + "1" + path[path.index(">", start) + 1 :]
        paths.add(path.replace("\\.1/", ".json/"))
    return sorted(paths)


PATHS = routed_paths()
PAGES = [path for path in PATHS if not path.startswith("/api/")]
# Less the catch-all that answers the API's JSON 404 where no API route matches (config/urls.py): no endpoint.
API = [path for path in PATHS if path.startswith("/api/") and path != "/api/./"]


@pytest.fixture
def staff_mfa_required(settings):
    settings.REQUIRE_STAFF_MFA = True


def passes_middleware(user, path):
    request = RequestFactory().get(path)
    request.user = user
    request._messages = _NoMessages()
    return StaffMFAMiddleware(lambda request: HttpResponse("the view"))(request).content == b"the view"


class _NoMessages(list):
    def add(self, level, message, extra_tags=""):
        self.append(message)


def test_the_project_routes_pages_and_api_endpoints_to_check():
    assert len(PAGES) > 300 and len(API) > 40
    assert {"/staff/", "/kompetanse/", "/e-veiledning/", "/arrangementer/staff/", "/accounts/api-token/"} <= set(PAGES)


@pytest.mark.parametrize("persona", STAFF)
def test_staff_without_mfa_pass_to_no_page_but_the_mfa_setup(staff_mfa_required, request, persona):
    user = request.getfixturevalue(persona)

    open_pages = {path for path in PAGES if passes_middleware(user, path)}

    assert open_pages == OPEN_WITHOUT_MFA


@pytest.mark.parametrize("persona", STAFF)
def test_staff_with_mfa_pass_to_every_page(staff_mfa_required, request, persona):
    user = request.getfixturevalue(persona)
    enable_totp(user)

    assert [path for path in PAGES if not passes_middleware(user, path)] == []


def test_counsellors_without_a_staff_role_pass_to_every_page_without_mfa(staff_mfa_required, school_counsellor):
    assert [path for path in PAGES if not passes_middleware(school_counsellor, path)] == []


def test_with_the_requirement_off_staff_without_mfa_pass_to_every_page(settings, hr_officer):
    settings.REQUIRE_STAFF_MFA = False

    assert [path for path in PAGES if not passes_middleware(hr_officer, path)] == []


def refusal_code(response):
    """The code of DRF's error (the API's HTML docs page renders the same error as a page)."""
    return getattr(response.data.get("detail"), "code", None)


def api_answers(client, path):
    return {method: getattr(client, method)(path) for method in ("get", "post")}


@pytest.mark.parametrize("way_in", ["session", "token"])
def test_staff_without_mfa_are_refused_by_every_api_endpoint(staff_mfa_required, hr_officer, way_in):
    client = APIClient()
    if way_in == "session":
        client.force_login(hr_officer)
    else:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(hr_officer)}")

    answered = {}
    for path in API:
        for method, response in api_answers(client, path).items():
            if response.status_code != 403 or refusal_code(response) != "mfa_required":
                answered[f"{method.upper()} {path}"] = response.status_code

    assert answered == {}


@pytest.mark.parametrize("way_in", ["session", "token"])
def test_a_verifier_with_mfa_reads_the_counsellors_through_the_api(
    staff_mfa_required, verifier, school_counsellor, way_in
):
    enable_totp(verifier)
    client = APIClient()
    if way_in == "session":
        client.force_login(verifier)
    else:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(verifier)}")

    response = client.get("/api/v1/counsellors/")

    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_hr_without_mfa_gets_the_reason_in_norwegian(staff_mfa_required, hr_officer):
    client = APIClient(HTTP_ACCEPT_LANGUAGE="nb")
    client.force_login(hr_officer)

    response = client.get("/api/v1/counsellors/")

    assert response.status_code == 403
    assert "tofaktor" in response.json()["detail"].lower()


def test_a_counsellor_uses_the_api_by_token_without_mfa(staff_mfa_required, school_counsellor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(school_counsellor)}")

    assert client.get("/api/v1/me/").status_code == 200


def test_staff_without_mfa_get_no_api_token(staff_mfa_required, client, hr_officer):
    client.force_login(hr_officer)

    response = client.post(reverse("api_token"), {"name": "Lønnssystemet"})

    assert sent_to_mfa_setup(response)
    assert not ApiToken.objects.filter(user=hr_officer).exists()


def test_staff_with_mfa_get_an_api_token(staff_mfa_required, client, hr_officer):
    enable_totp(hr_officer)
    client.force_login(hr_officer)

    response = client.post(reverse("api_token"), {"name": "Lønnssystemet"})

    assert response.status_code == 200
    assert ApiToken.objects.filter(user=hr_officer, name="Lønnssystemet").exists()
