"""`manage.py seed_demo`: the demo data the README promises, safe to run again."""

import datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db.models import Count, Q

from notifications.models import Notice
from register.models import (
    AuditEntry,
    Centre,
    CompetenceArea,
    CompetenceStatement,
    CounsellorProfile,
    County,
    CPDActivity,
    CreditEntry,
    CreditStatus,
    Membership,
    NationalRole,
    RequirementSet,
    Role,
    WorkplaceType,
)
from register.permissions import can_verify, is_centre_staff, is_national_admin, requires_staff_mfa
from register.services.statements import format_code, statement_lookup
from register.status import annotate_status, status_for

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


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence files the seed writes land in a folder of this test's own."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def stored_files(root):
    return sorted(str(p.relative_to(root)) for p in Path(root).rglob("*") if p.is_file())


def network_profiles():
    """The few hundred other demo counsellors (the named ones have no number in their address)."""
    return CounsellorProfile.objects.filter(user__email__contains=".demo")


def snapshot(root=None):
    return {
        "credit_entries": list(CreditEntry.objects.order_by("pk").values()),
        "credit_areas": CreditEntry.areas.through.objects.count(),
        "cpd_activities": list(CPDActivity.objects.order_by("pk").values()),
        "cpd_areas": CPDActivity.areas.through.objects.count(),
        "areas": list(CompetenceArea.objects.order_by("pk").values()),
        "requirement_sets": list(RequirementSet.objects.order_by("pk").values()),
        "statements": list(CompetenceStatement.objects.order_by("pk").values_list("pk", "code")),
        "files": stored_files(root) if root else None,
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


@pytest.fixture
def seeded_without_network(db):
    """The centres, named people, areas and sets alone: quicker for tests that look at nothing else."""
    seed("--counsellors", "0")


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
    assert requires_staff_mfa(user) == (role in {Role.ADMIN, Role.VERIFIER, Role.HR})


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


def test_the_command_prints_the_demo_logins(db):
    out = seed()
    assert DEMO_PASSWORD in out
    for local in ALL_DEMO_USERS:
        assert demo_email(local) in out


def test_running_it_again_changes_nothing_and_sends_nothing(
    db, django_capture_on_commit_callbacks, django_assert_max_num_queries, private_media
):
    seed()
    before = snapshot(private_media)
    mail.outbox.clear()

    # It only checks what exists: a bounded number of queries, whatever the size of the network.
    with django_capture_on_commit_callbacks(execute=True), django_assert_max_num_queries(240):
        out = seed()

    assert snapshot(private_media) == before
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


# the three named demo counsellors


def test_senter_meets_the_requirement(seeded):
    status = status_for(demo_user("senter"))

    assert status.meets
    assert status.requirement.workplace_type == WorkplaceType.CAREER_CENTRE
    assert status.verified_credits >= 60
    assert status.cpd_hours >= 25
    assert not status.missing_areas


def test_skole_has_pending_entries_for_godkjenner_and_would_meet_once_they_are_verified(seeded):
    skole, godkjenner = demo_user("skole"), demo_user("godkjenner")
    status = status_for(skole)

    assert not status.meets
    assert status.would_meet_when_verified
    assert status.pending_credits > 0
    pending = CreditEntry.objects.filter(owner=skole, status=CreditStatus.PENDING)
    assert pending.count() >= 1
    assert all(can_verify(godkjenner, entry) for entry in pending)


def test_nav_is_short_of_credits(seeded):
    status = status_for(demo_user("nav"))

    assert not status.meets
    assert not status.would_meet_when_verified
    assert status.missing_credits > 0
    assert CreditEntry.objects.filter(owner=demo_user("nav"), status=CreditStatus.REJECTED).exists()


def test_the_named_counsellors_entries_went_through_the_services(seeded):
    """Their entries have the audit rows and notices the services write, and evidence on disk."""
    for local in ("senter", "skole", "nav"):
        user = demo_user(local)
        for entry in CreditEntry.objects.filter(owner=user):
            actions = set(
                AuditEntry.objects.filter(object_type="register.creditentry", object_id=str(entry.pk)).values_list(
                    "action", flat=True
                )
            )
            expected = {"credit.created"} | ({f"credit.{entry.status}"} if entry.status != "pending" else set())
            assert actions == expected, entry
            assert entry.evidence_type == "application/pdf"
            with entry.evidence.open("rb") as f:
                assert f.read(5) == b"%PDF-"
    assert Notice.objects.filter(recipient=demo_user("senter"), kind="register.decision").exists()
    assert Notice.objects.filter(recipient=demo_user("godkjenner"), kind="register.to_verify").exists()


def test_senter_has_a_valid_demo_statement_that_the_command_prints(db):
    out = seed()

    statement = CompetenceStatement.objects.get(owner=demo_user("senter"))
    assert format_code(statement.code) in out
    assert statement_lookup(code=statement.code)[0] == "valid"


# the other counsellors


def test_about_300_other_counsellors_are_spread_over_every_county_with_home_centres_there(seeded):
    profiles = network_profiles().select_related("home_centre", "user")

    assert profiles.count() == 300
    assert set(profiles.values_list("county__number", flat=True)) == set(
        County.objects.values_list("number", flat=True)
    )
    assert set(profiles.values_list("workplace_type", flat=True)) == set(WorkplaceType.values)
    for profile in profiles:
        assert profile.home_centre is not None
        assert profile.home_centre.county_id == profile.county_id
        assert profile.user.email.endswith("@karrierenorge.example")
        assert ".demo" in profile.user.email
    assert EmailAddress.objects.filter(user__counsellor_profile__in=profiles, verified=True).count() == 300


def test_the_other_counsellors_have_a_realistic_mix_of_entries_and_hours(seeded, private_media):
    entries = CreditEntry.objects.filter(owner__counsellor_profile__in=network_profiles())
    counts = dict(entries.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))

    assert counts[CreditStatus.VERIFIED] > counts[CreditStatus.PENDING] > 0
    assert counts[CreditStatus.REJECTED] > 0
    assert not entries.filter(status=CreditStatus.REJECTED, decision_reason="").exists()
    assert CPDActivity.objects.filter(owner__counsellor_profile__in=network_profiles()).count() > 300
    # Every entry has its areas, its evidence file on disk and its audit trail.
    assert not entries.annotate(n=Count("areas")).filter(n=0).exists()
    assert set(entries.values_list("evidence", flat=True)) <= set(stored_files(private_media))
    assert AuditEntry.objects.filter(action="credit.created").count() == CreditEntry.objects.count()
    # Decided entries were decided by a verifier at the counsellor's home centre.
    for entry in entries.exclude(status=CreditStatus.PENDING).select_related("owner__counsellor_profile")[:50]:
        assert can_verify(entry.decided_by, entry)


def test_some_of_the_other_counsellors_meet_the_requirement_and_some_do_not(seeded):
    annotated = annotate_status(network_profiles())
    totals = annotated.aggregate(meets=Count("pk", filter=Q(meets_requirement=True)), all=Count("pk"))

    assert 0 < totals["meets"] < totals["all"]


def test_the_number_of_other_counsellors_can_be_chosen(db):
    out = seed("--counsellors", "20")

    assert network_profiles().count() == 20
    assert "Created 20 other demo counsellors" in out
