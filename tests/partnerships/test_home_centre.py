"""The home-centre page shows a counsellor the agreements in force with their workplace: what they are for and
whom to contact, never amounts, obligations, documents or reviews."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from partnerships import services
from partnerships.models import AgreementStatus, PartnerType
from register import services as register_services
from register.models import WorkplaceType
from tests import personas
from tests.partnerships.conftest import make_agreement

pytestmark = pytest.mark.django_db

SECTION = "Agreements with your workplace"


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def school(name="TESTBY  VIDEREGÅENDE skole "):
    """The school counsellor's workplace ("Testby videregående skole") as the agreement spells it."""
    return [{"name": name, "partner_type": PartnerType.UPPER_SECONDARY, "organisation_number": ""}]


def home_centre_page(client, user):
    client.force_login(user)
    response = client.get(reverse("home_centre"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_school_counsellor_sees_purpose_and_contacts_of_their_schools_agreement_and_no_amounts(
    client, centre, centre_admin, school_counsellor
):
    agreement = make_agreement(centre_admin, centre, title="Karriereveiledning i skolen", parties=school())
    html = home_centre_page(client, school_counsellor)
    assert SECTION in html
    assert agreement.title in html
    assert escape(agreement.purpose) in html
    assert centre.name in html
    assert escape("TESTBY  VIDEREGÅENDE skole") in html
    for text in ("Lise Leder", "lise@example.org", "Nils Nav", "Avdelingsleder", "nils@nav.example"):
        assert text in html
    for secret in ("200", "50 000", "50000", "NAV sets aside counsellor hours", "The centre trains NAV"):
        assert secret not in html


def test_a_nav_counsellor_sees_the_agreement_with_their_office_whatever_the_case_of_its_letters(
    client, centre, centre_admin
):
    counsellor = personas.counsellor(home_centre=centre, email="nav@example.org", workplace_type=WorkplaceType.NAV)
    register_services.counsellor_profile_save(user=counsellor, workplace_name="nav grünerløkka")
    agreement = make_agreement(centre_admin, centre)
    assert agreement.title in home_centre_page(client, counsellor)


def test_a_county_wide_agreement_names_all_the_countys_centres(client, centre, centre_admin, school_counsellor):
    services.agreement_create(
        actor=centre_admin,
        centre=None,
        county=centre.county,
        data={
            "title": "Fylkesavtale om karriereveiledning",
            "purpose": "Alle skoler i fylket.",
            "start_date": datetime.date(2024, 1, 1),
            "end_date": None,
        },
        parties=school("Testby videregående skole"),
        status=AgreementStatus.ACTIVE,
    )
    html = home_centre_page(client, school_counsellor)
    assert "Fylkesavtale om karriereveiledning" in html
    assert f"All centres in {centre.county}" in html


def test_a_counsellor_at_another_school_or_in_another_county_sees_nothing(
    client, centre, centre_admin, school_counsellor
):
    make_agreement(centre_admin, centre, parties=school("Oslo katedralskole"))
    assert SECTION not in home_centre_page(client, school_counsellor)
    elsewhere = personas.counsellor(home_centre=None, email="bergen@example.org", county_number="46")
    make_agreement(centre_admin, centre, title="Avtale med Testby", parties=school())
    assert SECTION in home_centre_page(client, school_counsellor)
    assert SECTION not in home_centre_page(client, elsewhere)


@pytest.mark.parametrize(
    "kwargs", [{"status": AgreementStatus.DRAFT}, {"days_left": -10}, {"status": AgreementStatus.ENDED}]
)
def test_an_agreement_not_in_force_is_not_shown(client, centre, centre_admin, school_counsellor, kwargs):
    make_agreement(centre_admin, centre, parties=school(), **kwargs)
    assert SECTION not in home_centre_page(client, school_counsellor)


def test_a_counsellor_without_a_profile_sees_the_page_without_agreements(client, centre, centre_admin, plain_user):
    make_agreement(centre_admin, centre, parties=school())
    assert SECTION not in home_centre_page(client, plain_user)


def test_the_home_centre_page_costs_the_same_queries_for_one_agreement_as_for_five(
    client, centre, centre_admin, school_counsellor, django_assert_max_num_queries
):
    make_agreement(centre_admin, centre, title="Avtale 0", parties=school())
    client.force_login(school_counsellor)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("home_centre"))
    for n in range(1, 5):
        make_agreement(centre_admin, centre, title=f"Avtale {n}", parties=school())
    with django_assert_max_num_queries(len(one)):
        html = client.get(reverse("home_centre")).content.decode()
    assert all(f"Avtale {n}" in html for n in range(5))


def test_only_school_and_nav_counsellors_see_their_workplaces_agreement(client, centre, centre_admin):
    """A career-centre counsellor who gives a partner's name as workplace sees nothing: the section is for the
    partner's own people, and a school partner is never matched to a NAV workplace."""
    make_agreement(centre_admin, centre, title="Karriereveiledning i skolen", parties=school())
    at_a_centre = personas.counsellor(home_centre=centre, workplace_type=WorkplaceType.CAREER_CENTRE)
    at_nav = personas.counsellor(home_centre=centre, workplace_type=WorkplaceType.NAV)
    for person in (at_a_centre, at_nav):
        assert SECTION not in home_centre_page(client, person)


def test_coverage_counts_the_agreements_a_workplace_sees_and_no_others(centre, centre_admin, school_counsellor):
    """An agreement not yet started covers no workplace, as its counsellors do not see it yet."""
    from django.utils import timezone

    from partnerships.selectors import partner_names_in_force, workplace_key

    today = timezone.localdate()
    make_agreement(
        centre_admin,
        centre,
        parties=school(),
        data={"start_date": today + datetime.timedelta(days=10), "end_date": today + datetime.timedelta(days=400)},
    )
    key = (centre.county_id, workplace_key("Testby videregående skole"))
    assert key not in partner_names_in_force()
    assert key in partner_names_in_force(today=today + datetime.timedelta(days=10))
