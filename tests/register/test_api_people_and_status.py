"""The competence register API (/api/v1/): anonymous and public endpoints, me, status and a centre's network of
counsellors — the same rules as the pages, from both sides.
"""

import datetime

import pytest

from register import services
from register.models import (
    CompetenceStatement,
    CounsellorProfile,
    CPDActivity,
    CreditEntry,
    RequirementSet,
    Role,
    WorkplaceType,
)
from tests import personas
from tests.factories import today
from tests.register.api_competence_support import (
    AREAS,
    COUNSELLORS,
    CPD,
    CREDITS,
    LAST_MONTH,
    ME,
    REQUIREMENTS,
    STATEMENTS,
    STATUS,
    as_user,
    credit_state,
    credit_url,
    log_credit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def other_counsellor(centre):
    return personas.counsellor(home_centre=centre, email="annen@example.org")


@pytest.fixture
def other_verifier(other_centre):
    return personas.centre_staff(other_centre, Role.VERIFIER, email="godkjenner.vest@example.org")


# anonymous and public

PRIVATE = [
    ("get", ME),
    ("patch", ME),
    ("get", CREDITS),
    ("post", CREDITS),
    ("get", CPD),
    ("post", CPD),
    ("get", STATUS),
    ("get", COUNSELLORS),
    ("get", STATEMENTS),
    ("post", STATEMENTS),
]


@pytest.mark.parametrize(("method", "url"), PRIVATE)
def test_anonymous_visitors_are_refused_on_private_endpoints(api, method, url):
    response = getattr(api, method)(url, {}, format="json")
    assert response.status_code in (401, 403)
    assert CreditEntry.objects.count() == CPDActivity.objects.count() == CompetenceStatement.objects.count() == 0


def test_anonymous_visitors_cannot_touch_an_entry_by_id(api, school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    before = credit_state()
    for response in (
        api.get(credit_url(entry)),
        api.patch(credit_url(entry), {"title": "Endret"}, format="json"),
        api.delete(credit_url(entry)),
        api.post(credit_url(entry, "verify/"), {}, format="json"),
        api.post(credit_url(entry, "reject/"), {"reason": "Nei"}, format="json"),
    ):
        assert response.status_code in (401, 403)
    assert credit_state() == before


def test_anyone_reads_the_competence_areas_in_order(api, areas):
    response = api.get(AREAS)
    assert response.status_code == 200
    assert [a["number"] for a in response.json()] == list(range(1, 8))
    assert response.json()[0]["name_nb"] == "Veiledningsprosesser og relasjoner"


def test_anyone_reads_the_requirement_sets_in_force_today_with_their_areas(api, requirements, areas):
    future = RequirementSet.objects.create(
        workplace_type=WorkplaceType.NAV,
        name="Framtidig krav",
        effective_from=today() + datetime.timedelta(days=100),
        min_credits=30,
    )

    response = api.get(REQUIREMENTS)

    assert response.status_code == 200
    body = response.json()
    assert len(body) == len(WorkplaceType.values)
    assert future.pk not in {s["id"] for s in body}
    nav = next(s for s in body if s["workplace_type"] == WorkplaceType.NAV)
    assert nav["min_credits"] == "60.0"
    assert [a["number"] for a in nav["required_areas"]] == [1]


# me


def test_me_shows_my_account_profile_and_roles(school_counsellor, centre):
    response = as_user(school_counsellor).get(ME)

    assert response.status_code == 200
    body = response.json()
    assert body["email"] == "skole@example.org"
    assert body["counsellor_profile"]["home_centre"] == centre.slug
    assert body["counsellor_profile"]["county"] == "03"
    assert body["memberships"] == []


def test_me_for_a_verifier_lists_their_role(verifier, centre):
    body = as_user(verifier).get(ME).json()
    assert body["counsellor_profile"] is None
    assert body["memberships"] == [{"centre": centre.slug, "role": "verifier"}]


def test_patch_me_changes_my_profile_but_not_my_home_centre(school_counsellor, centre, other_centre):
    response = as_user(school_counsellor).patch(
        ME, {"workplace_name": "Bergen katedralskole", "county": "46", "home_centre": other_centre.slug}, format="json"
    )

    assert response.status_code == 200
    profile = CounsellorProfile.objects.get(user=school_counsellor)
    assert profile.workplace_name == "Bergen katedralskole"
    assert profile.county.number == "46"
    assert profile.home_centre == centre
    assert response.json()["counsellor_profile"]["county"] == "46"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"position_percentage": 0}, "position_percentage"),
        ({"position_percentage": 101}, "position_percentage"),
        ({"county": "99"}, "county"),
        ({"workplace_type": "circus"}, "workplace_type"),
        ({"workplace_name": ""}, "workplace_name"),
    ],
)
def test_patch_me_with_bad_input_is_a_400_at_the_field_and_changes_nothing(school_counsellor, payload, field):
    before = CounsellorProfile.objects.filter(user=school_counsellor).values().get()

    response = as_user(school_counsellor).patch(ME, payload, format="json")

    assert response.status_code == 400
    assert response.json()[field][0]
    assert CounsellorProfile.objects.filter(user=school_counsellor).values().get() == before


def test_patch_me_creates_a_profile_through_the_service(plain_user):
    client = as_user(plain_user)

    incomplete = client.patch(ME, {"workplace_name": "NAV Grünerløkka"}, format="json")
    assert incomplete.status_code == 400
    assert "county" in incomplete.json()
    assert not CounsellorProfile.objects.filter(user=plain_user).exists()

    response = client.patch(
        ME, {"workplace_type": "nav", "workplace_name": "NAV Grünerløkka", "county": "03"}, format="json"
    )
    assert response.status_code == 200
    assert CounsellorProfile.objects.get(user=plain_user).workplace_type == "nav"


# status


def test_status_is_my_own_against_the_set_in_force(school_counsellor, other_counsellor, verifier, requirements, areas):
    services.credit_verify(credit=log_credit(other_counsellor, [areas[0]], credits="60"), verifier=verifier)
    log_credit(school_counsellor, [areas[0]], credits="20")

    body = as_user(school_counsellor).get(STATUS).json()

    assert body["requirement_set"]["id"] == requirements[WorkplaceType.UPPER_SECONDARY].pk
    assert body["verified_credits"] == "0.0"
    assert body["pending_credits"] == "20.0"
    assert body["missing_credits"] == "60.0"
    assert body["meets"] is False


def test_status_without_a_profile_says_no_requirement_applies(plain_user, requirements):
    body = as_user(plain_user).get(STATUS).json()
    assert body["requirement_set"] is None
    assert body["meets"] is False


# counsellors (a centre's network)


@pytest.fixture
def network(centre, other_centre, school_counsellor, other_counsellor, verifier, hr_officer, requirements, areas):
    """Two counsellors at ``centre`` (one meeting the requirement), one at the other centre, one staff member."""
    for credits, area in (("30", areas[0]), ("30", areas[1])):
        services.credit_verify(credit=log_credit(other_counsellor, [area], credits=credits), verifier=verifier)
    services.cpd_create(owner=other_counsellor, title="Fagdager", date=LAST_MONTH, hours="25", kind="course")
    log_credit(school_counsellor, [areas[0]], credits="10")
    elsewhere = personas.counsellor(
        home_centre=other_centre, email="vest@example.org", workplace_type=WorkplaceType.NAV, county_number="46"
    )
    staff_counsellor = personas.counsellor(
        home_centre=None, email="ansatt@example.org", workplace_type=WorkplaceType.CAREER_CENTRE
    )
    services.membership_grant(user=staff_counsellor, centre=centre, role=Role.ORGANISER, actor=None)
    return {"meets": other_counsellor, "pending": school_counsellor, "elsewhere": elsewhere, "staff": staff_counsellor}


def emails(response):
    return {row["email"] for row in response.json()["results"]}


@pytest.mark.parametrize("persona", ["verifier", "centre_admin"])
def test_centre_staff_see_their_affiliated_counsellors_and_staff_only(request, network, persona):
    response = as_user(request.getfixturevalue(persona)).get(COUNSELLORS)

    assert response.status_code == 200
    assert emails(response) == {"skole@example.org", "annen@example.org", "ansatt@example.org"}
    rows = {row["email"]: row for row in response.json()["results"]}
    assert rows["annen@example.org"]["meets_requirement"] is True
    assert rows["annen@example.org"]["verified_credits"] == "60.0"
    assert rows["skole@example.org"]["has_pending"] is True
    assert rows["skole@example.org"]["pending_credits"] == "10.0"
    assert rows["ansatt@example.org"]["staff_roles"] == [{"centre": "karriere-oslo-test", "role": "organiser"}]


def test_hr_sees_the_centres_own_staff_and_no_affiliated_counsellor(hr_officer, network):
    response = as_user(hr_officer).get(COUNSELLORS)

    assert response.status_code == 200
    # skole@ and annen@ have the centre as home centre only: HR checks them through a statement code.
    assert emails(response) == {"ansatt@example.org"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"meets_requirement": "true"}, {"annen@example.org"}),
        ({"meets_requirement": "false"}, {"skole@example.org", "ansatt@example.org"}),
        ({"has_pending": "true"}, {"skole@example.org"}),
        ({"has_pending": "false"}, {"annen@example.org", "ansatt@example.org"}),
        ({"meets_requirement": "false", "has_pending": "true"}, {"skole@example.org"}),
        ({"workplace_type": "career_centre"}, {"ansatt@example.org"}),
        ({"county": "03"}, {"skole@example.org", "annen@example.org", "ansatt@example.org"}),
        ({"county": "46"}, set()),
    ],
)
def test_the_counsellor_list_filters(verifier, network, query, expected):
    response = as_user(verifier).get(COUNSELLORS, query)
    assert response.status_code == 200
    assert emails(response) == expected


def test_the_other_centres_verifier_sees_only_their_own_network(other_verifier, network):
    response = as_user(other_verifier).get(COUNSELLORS)
    assert emails(response) == {"vest@example.org"}


def test_an_unknown_county_filter_is_a_400(verifier, network):
    response = as_user(verifier).get(COUNSELLORS, {"county": "99"})
    assert response.status_code == 400
    assert response.json()["county"][0]


def test_a_national_admin_sees_every_centres_counsellors_as_on_the_pages(national_admin, network):
    outsider = personas.counsellor(home_centre=None, email="utenfor@example.org")

    response = as_user(national_admin).get(COUNSELLORS)

    assert response.status_code == 200
    assert emails(response) >= {"skole@example.org", "annen@example.org", "ansatt@example.org", outsider.email}


@pytest.mark.parametrize("persona", ["school_counsellor", "organiser", "plain_user"])
def test_people_without_a_network_role_get_403(request, network, persona):
    response = as_user(request.getfixturevalue(persona)).get(COUNSELLORS)
    assert response.status_code == 403
