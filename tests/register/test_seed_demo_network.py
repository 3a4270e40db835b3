"""`manage.py seed_demo` in full: what it prints, the named counsellors and the few hundred others.

The demo is seeded once for the module; each test's changes roll back to it.
"""

import pytest
from allauth.account.models import EmailAddress
from django.db.models import Count, Q

from notifications.models import Notice
from register.models import (
    AuditEntry,
    CompetenceStatement,
    County,
    CPDActivity,
    CreditEntry,
    CreditStatus,
    WorkplaceType,
)
from register.permissions import can_verify
from register.services.statements import format_code, statement_lookup
from register.status import annotate_status, status_for
from tests.register.demo_support import (
    ALL_DEMO_USERS,
    DEMO_PASSWORD,
    demo_email,
    demo_user,
    network_profiles,
    seed,
    stored_files,
)
from tests.snapshots import shared_seeding

# One worker runs the whole module, so the demo is seeded once (see tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_files_of_the_module")]


@pytest.fixture
def private_media(module_private_media):
    return module_private_media


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, module_private_media):
    """What seed_demo printed."""
    with shared_seeding(django_db_blocker, module_private_media, seed) as out:
        yield out


def test_the_command_prints_the_demo_logins(seeded):
    out = seeded
    assert DEMO_PASSWORD in out
    for local in ALL_DEMO_USERS:
        assert demo_email(local) in out


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


def test_senter_has_a_valid_demo_statement_that_the_command_prints(seeded):
    out = seeded

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
