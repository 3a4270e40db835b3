"""`manage.py seed_demo`: the demo data the README promises, safe to run again."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from notifications.models import Notice
from register.models import AuditEntry, Centre, CounsellorProfile, County, Membership, NationalRole, Role, WorkplaceType
from register.permissions import is_centre_staff, is_national_admin, requires_staff_mfa

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "karriere-demo"

# e-mail local part: (centre name, role) for centre staff
CENTRE_STAFF = {
    "leder": ("Karriere Oslo", Role.ADMIN),
    "godkjenner": ("Karriere Oslo", Role.VERIFIER),
    "kurs": ("Karriere Oslo", Role.ORGANISER),
    "moderator": ("Karriere Oslo", Role.MODERATOR),
    "hr": ("Karriere Oslo", Role.HR),
    "eveileder": ("Karriere Vestland", Role.E_GUIDANCE),
}
ALL_DEMO_USERS = ["nasjonal", *CENTRE_STAFF, "senter", "skole", "nav"]


def demo_email(local):
    return f"{local}@karrierenorge.example"


def demo_user(local):
    return get_user_model().objects.get(email=demo_email(local))


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "users": get_user_model().objects.count(),
        "centres": Centre.objects.count(),
        "memberships": Membership.objects.count(),
        "national_roles": NationalRole.objects.count(),
        "profiles": CounsellorProfile.objects.count(),
        "email_addresses": EmailAddress.objects.count(),
        "audit_entries": AuditEntry.objects.count(),
        "notices": Notice.objects.count(),
        "centre_rows": list(Centre.objects.order_by("pk").values()),
        "county_rows": list(County.objects.order_by("pk").values()),
        "passwords": dict(get_user_model().objects.values_list("email", "password")),
    }


@pytest.fixture
def seeded(db):
    seed()


def test_every_county_gets_at_least_two_active_demo_centres(seeded):
    for county in County.objects.all():
        active = county.centres.filter(is_active=True)
        assert active.count() >= 2, county.name
        assert all(c.is_demo for c in active)


def test_the_counties_get_populations_marked_as_demo(seeded):
    assert not County.objects.filter(population__isnull=True).exists()
    assert not County.objects.filter(population_is_demo=False).exists()


def test_karriere_oslo_and_karriere_vestland_exist_in_their_counties(seeded):
    assert Centre.objects.get(name="Karriere Oslo", is_active=True).county.number == "03"
    assert Centre.objects.get(name="Karriere Vestland", is_active=True).county.number == "46"


def test_the_national_admin_demo_user_is_a_national_admin(seeded):
    user = demo_user("nasjonal")
    assert is_national_admin(user)
    assert user.is_staff
    assert user.is_superuser


@pytest.mark.parametrize("local", list(CENTRE_STAFF))
def test_each_staff_demo_user_has_their_documented_role_and_only_that(seeded, local):
    centre_name, role = CENTRE_STAFF[local]
    user = demo_user(local)
    centre = Centre.objects.get(name=centre_name)

    assert list(Membership.objects.filter(user=user).values_list("centre__name", "role")) == [(centre_name, role)]
    assert is_centre_staff(user, centre, role)
    assert not is_national_admin(user)
    assert requires_staff_mfa(user) == (role in {Role.ADMIN, Role.VERIFIER, Role.HR})


def test_the_counsellor_demo_users_have_their_documented_profiles_and_no_roles(seeded):
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
def test_every_demo_user_logs_in_with_the_demo_password_and_a_verified_address(client, seeded, local):
    email = demo_email(local)

    assert client.login(email=email, password=DEMO_PASSWORD)
    assert EmailAddress.objects.get(email=email).verified
    assert not client.login(email=email, password="wrong-password")


def test_the_command_prints_the_demo_logins(db):
    out = seed()
    assert DEMO_PASSWORD in out
    for local in ALL_DEMO_USERS:
        assert demo_email(local) in out


def test_running_it_again_changes_nothing_and_sends_nothing(db, django_capture_on_commit_callbacks):
    seed()
    before = snapshot()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        out = seed()

    assert snapshot() == before
    assert mail.outbox == []
    assert "(new)" not in out


def test_running_it_again_keeps_an_administrators_changes(db):
    """A national admin who corrects a demo centre or user does not have it undone by the next run."""
    seed()
    Centre.objects.filter(name="Karriere Oslo").update(phone="+47 22 00 00 00", opening_hours="Stengt")
    nasjonal = demo_user("nasjonal")
    nasjonal.set_password("a-new-secret-password")
    nasjonal.save(update_fields=["password"])

    seed()

    oslo = Centre.objects.get(name="Karriere Oslo")
    assert (oslo.phone, oslo.opening_hours) == ("+47 22 00 00 00", "Stengt")
    assert demo_user("nasjonal").check_password("a-new-secret-password")
