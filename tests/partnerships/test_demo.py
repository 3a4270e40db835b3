"""The partnerships demo: guidelines, a dozen agreements in four counties, one lacking a required clause, and
Karriere Oslo's NAV agreement about to end, which has told leder@.

The demo is seeded once for the module; each test's changes roll back to it.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from core.validation import validate_organisation_number
from notifications.models import Notice
from partnerships.models import Agreement, AgreementChange, AgreementStatus, ClauseFulfilment, Party, Review
from partnerships.selectors import active_clauses, agreements_for_workplace, agreements_with_clauses, clause_check
from register.demo import DEMO_DOMAIN
from register.models import CounsellorProfile
from tests.snapshots import shared_seeding

# One worker runs the whole module, so the demo is seeded once (see tests/conftest.py).
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("private_files_of_the_module"),
]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, module_private_media):
    """What seed_demo printed; it runs once for the module."""
    with shared_seeding(django_db_blocker, module_private_media, seed) as out:
        yield out


def seed(*args, command="seed_demo"):
    out = StringIO()
    if command == "seed_demo":
        args = ("--counsellors", "0", *args)
    call_command(command, *args, stdout=out)
    return out.getvalue()


def demo_agreements():
    return Agreement.objects.filter(is_demo=True)


def test_a_dozen_agreements_in_four_counties_with_every_status(seeded):
    assert "Partnerships: 5 guideline clauses and 14 demo agreements created" in seeded
    agreements = demo_agreements()
    assert agreements.count() == 14
    assert agreements.values("county").distinct().count() == 4
    assert set(agreements.values_list("status", flat=True)) == set(AgreementStatus.values)
    assert agreements.filter(centre__isnull=True).exists()  # a county-wide one
    assert Review.objects.filter(agreement__in=agreements).count() >= 3
    for number in Party.objects.filter(agreement__in=agreements).values_list("organisation_number", flat=True):
        validate_organisation_number(number)


def test_leder_has_the_notice_of_karriere_oslos_nav_agreement_ending_within_30_days(seeded):
    nav = demo_agreements().get(centre__name="Karriere Oslo", parties__partner_type="nav_office")
    assert nav.status == AgreementStatus.EXPIRING
    assert nav.reminders.filter(kind="end", days_before=30).exists()

    (notice,) = Notice.objects.filter(
        recipient__email=f"leder@{DEMO_DOMAIN}", kind="partnerships.deadline", link=nav.get_absolute_url()
    )
    with translation.override("en"):
        assert notice.title.startswith(f"The agreement “{nav.title}” ends on")
    with translation.override("nb"):
        assert notice.title.startswith(f"Avtalen «{nav.title}» slutter")


def test_one_agreement_lacks_a_required_clause(seeded):
    clauses = active_clauses()
    lacking = [
        agreement
        for agreement in agreements_with_clauses(demo_agreements())
        if clause_check(agreement, clauses).missing_required
    ]

    assert [agreement.title for agreement in lacking] == ["Samarbeid om voksenopplæring i Oslo"]
    (missing,) = clause_check(lacking[0], clauses).missing_required
    assert missing.title == "Navngitt kontaktperson hos begge parter"


def test_the_school_and_nav_counsellors_workplaces_have_an_agreement_in_force(seeded):
    for person in ("skole", "nav"):
        profile = CounsellorProfile.objects.get(user__email=f"{person}@{DEMO_DOMAIN}")
        (agreement,) = agreements_for_workplace(profile, today=timezone.localdate())
        assert agreement.centre is not None and agreement.centre.county_id == profile.county_id


def test_seeding_again_adds_nothing_and_sends_nothing(seeded):
    def counts():
        return (
            Agreement.objects.count(),
            Party.objects.count(),
            ClauseFulfilment.objects.count(),
            Review.objects.count(),
            AgreementChange.objects.count(),
            Notice.objects.count(),
        )

    before = counts()

    out = seed(command="seed_partnerships_demo")

    assert "0 guideline clauses and 0 demo agreements created; 0 notices sent" in out
    assert counts() == before


def test_the_national_scale_adds_agreements_in_every_county_once(seeded):
    seed("--scale", "national", command="seed_partnerships_demo")
    national = demo_agreements().count()
    seed("--scale", "national", command="seed_partnerships_demo")

    assert national == 14 + 15 * 4
    assert demo_agreements().count() == national
    assert demo_agreements().values("county").distinct().count() == 15
