"""`manage.py seed_demo`: the centres, named people, areas and requirement sets it creates.

The demo is seeded once for the module (without the few hundred other counsellors, whom these
checks do not look at); each test's changes roll back to it.
"""

import datetime
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress

from register.models import (
    AuditEntry,
    Centre,
    CompetenceArea,
    CounsellorProfile,
    County,
    Membership,
    NationalRole,
    RequirementSet,
    WorkplaceType,
)
from register.permissions import is_centre_staff, is_national_admin, requires_staff_mfa
from tests.register.demo_support import (
    ALL_DEMO_USERS,
    CENTRE_STAFF,
    DEMO_PASSWORD,
    demo_email,
    demo_user,
    seed,
)
from tests.snapshots import shared_seeding

# One worker runs the whole module, so the demo is seeded once (see tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_files_of_the_module")]


@pytest.fixture(scope="module")
def seeded_without_network(django_db_setup, django_db_blocker, module_private_media):
    """The centres, named people, areas and sets alone: quicker for tests that look at nothing else."""
    with shared_seeding(django_db_blocker, module_private_media, lambda: seed("--counsellors", "0")):
        yield


def test_every_county_gets_at_least_two_active_demo_centres(seeded_without_network):
    for county in County.objects.all():
        active = county.centres.filter(is_active=True)
        assert active.count() >= 2, county.name
        assert all(c.is_demo for c in active)


def test_the_counties_get_populations_marked_as_demo(seeded_without_network):
    assert not County.objects.filter(population__isnull=True).exists()
    assert not County.objects.filter(population_is_demo=False).exists()


def test_karriere_oslo_and_karriere_vestland_exist_in_their_counties(seeded_without_network):
    assert Centre.objects.get(name="Karriere Oslo", is_active=True).county.number == "03"
    assert Centre.objects.get(name="Karriere Vestland", is_active=True).county.number == "46"


def test_the_national_admin_demo_user_is_a_national_admin(seeded_without_network):
    user = demo_user("nasjonal")
    assert is_national_admin(user)
    assert user.is_staff
    assert user.is_superuser


@pytest.mark.parametrize("local", list(CENTRE_STAFF))
def test_each_staff_demo_user_has_their_documented_role_and_only_that(seeded_without_network, local):
    centre_name, role = CENTRE_STAFF[local]
    user = demo_user(local)
    centre = Centre.objects.get(name=centre_name)

    assert list(Membership.objects.filter(user=user).values_list("centre__name", "role")) == [(centre_name, role)]
    assert is_centre_staff(user, centre, role)
    assert not is_national_admin(user)
    assert requires_staff_mfa(user)


def test_the_counsellor_demo_users_have_their_documented_profiles_and_no_roles(seeded_without_network):
    oslo = Centre.objects.get(name="Karriere Oslo")
    vestland = Centre.objects.get(name="Karriere Vestland")

    senter = CounsellorProfile.objects.get(user=demo_user("senter"))
    assert (senter.workplace_type, senter.home_centre) == (WorkplaceType.CAREER_CENTRE, oslo)

    skole = CounsellorProfile.objects.get(user=demo_user("skole"))
    assert (skole.workplace_type, skole.county.number, skole.home_centre) == (WorkplaceType.UPPER_SECONDARY, "03", oslo)

    nav = CounsellorProfile.objects.get(user=demo_user("nav"))
    assert (nav.workplace_type, nav.county.number, nav.home_centre) == (WorkplaceType.NAV, "46", vestland)

    for local in ("senter", "skole", "nav"):
        assert not Membership.objects.filter(user=demo_user(local)).exists()
        assert not NationalRole.objects.filter(user=demo_user(local)).exists()


@pytest.mark.parametrize("local", ALL_DEMO_USERS)
def test_every_demo_user_logs_in_with_the_demo_password_and_a_verified_address(client, seeded_without_network, local):
    email = demo_email(local)

    assert client.login(email=email, password=DEMO_PASSWORD)
    assert EmailAddress.objects.get(email=email).verified
    assert not client.login(email=email, password="wrong-password")


# competence areas and requirement sets


def test_the_seven_competence_areas_are_area_1_by_name_and_six_marked_demo_areas(seeded_without_network):
    areas = list(CompetenceArea.objects.order_by("number"))

    assert [a.number for a in areas] == [1, 2, 3, 4, 5, 6, 7]
    assert (areas[0].name_nb, areas[0].name_en, areas[0].is_demo) == (
        "Veiledningsprosesser og relasjoner",
        "Guidance processes and relationships",
        False,
    )
    for area in areas[1:]:
        assert area.is_demo
        assert "demo" in area.name_nb.lower() and "demo" in area.name_en.lower()
        assert "plassholder" in area.description_nb and "placeholder" in area.description_en


# workplace type: (minimum in the core areas, areas that must be covered)


EXPECTED_REQUIREMENTS = {
    WorkplaceType.CAREER_CENTRE: (0, [1, 2, 3]),
    WorkplaceType.UPPER_SECONDARY: (30, [1]),
    WorkplaceType.LOWER_SECONDARY: (30, [1]),
    WorkplaceType.NAV: (0, [1]),
    WorkplaceType.HIGHER_EDUCATION: (0, [1]),
    WorkplaceType.OTHER: (0, [1]),
}


@pytest.mark.parametrize("workplace_type", list(EXPECTED_REQUIREMENTS))
def test_each_workplace_type_has_a_demo_requirement_set_from_2024(seeded_without_network, workplace_type):
    requirement = RequirementSet.objects.get(workplace_type=workplace_type)
    min_core, area_numbers = EXPECTED_REQUIREMENTS[workplace_type]

    assert requirement.effective_from == datetime.date(2024, 1, 1)
    assert requirement.min_credits == Decimal("60.0")
    assert requirement.min_core_credits == Decimal(min_core)
    assert requirement.cpd_hours == Decimal("25.0")
    assert sorted(requirement.required_areas.values_list("number", flat=True)) == area_numbers
    assert requirement.name.startswith("Minstekrav") and "(demo)" in requirement.name
    assert requirement.notes.startswith("Demodata")
    assert AuditEntry.objects.filter(action="requirement_set.created", object_id=str(requirement.pk)).exists()
