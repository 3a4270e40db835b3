import datetime
from decimal import Decimal

import pytest

from register import services
from register.models import CounsellorProfile, WorkplaceType
from register.status import annotate_status, status_for
from tests import personas
from tests.factories import pdf_upload, requirement_set, today

pytestmark = pytest.mark.django_db


def log_credit(owner, credits, areas, verifier=None, reject=False):
    entry = services.credit_create(
        owner=owner,
        title="Karriereveiledning",
        institution="Høgskolen i Innlandet",
        credits=credits,
        completed_on=today() - datetime.timedelta(days=30),
        areas=areas,
        evidence=pdf_upload(),
    )
    if verifier and reject:
        services.credit_reject(credit=entry, verifier=verifier, reason="Feil dokument")
    elif verifier:
        services.credit_verify(credit=entry, verifier=verifier)
    return entry


def log_hours(owner, hours, days_ago=10):
    return services.cpd_create(
        owner=owner, title="Fagdag", date=today() - datetime.timedelta(days=days_ago), hours=hours, kind="course"
    )


def network_row(user):
    return annotate_status(CounsellorProfile.objects.filter(user=user)).get()


def test_a_counsellor_with_60_verified_credits_in_the_core_area_and_25_hours_meets_the_requirement(
    school_counsellor, verifier, requirements, areas
):
    log_credit(school_counsellor, "30", [areas[0]], verifier)
    log_credit(school_counsellor, "30", [areas[1]], verifier)
    log_hours(school_counsellor, "25")

    status = status_for(school_counsellor)

    assert status.requirement == requirements[WorkplaceType.UPPER_SECONDARY]
    assert status.verified_credits == Decimal("60.0")
    assert status.missing_credits == 0
    assert status.missing_areas == []
    assert status.meets
    assert network_row(school_counsellor).meets_requirement is True


def test_pending_credits_do_not_count_but_show_that_verification_would_be_enough(
    school_counsellor, verifier, requirements, areas
):
    log_credit(school_counsellor, "40", [areas[1]], verifier)
    log_credit(school_counsellor, "20", [areas[0]])
    log_hours(school_counsellor, "30")

    status = status_for(school_counsellor)

    assert status.verified_credits == Decimal("40.0")
    assert status.pending_credits == Decimal("20.0")
    assert status.missing_credits == Decimal("20.0")
    assert [a.number for a in status.missing_areas] == [1]
    assert not status.meets
    assert status.would_meet_when_verified
    row = network_row(school_counsellor)
    assert (row.verified_credits, row.pending_credits, row.meets_requirement) == (Decimal("40"), Decimal("20"), False)


def test_rejected_credits_and_hours_older_than_12_months_do_not_count(school_counsellor, verifier, requirements, areas):
    log_credit(school_counsellor, "60", [areas[0]], verifier, reject=True)
    log_hours(school_counsellor, "25", days_ago=400)

    status = status_for(school_counsellor)

    assert status.verified_credits == 0
    assert status.cpd_hours == 0
    assert status.missing_cpd_hours == Decimal("25")
    assert not status.would_meet_when_verified
    assert network_row(school_counsellor).cpd_hours == 0


def test_core_credits_must_come_from_entries_in_the_core_areas(school_counsellor, verifier, areas):
    requirement_set(WorkplaceType.UPPER_SECONDARY, areas=[areas[0]], min_core_credits=30, cpd_hours=0)
    log_credit(school_counsellor, "10", [areas[0]], verifier)
    log_credit(school_counsellor, "50", [areas[1]], verifier)

    status = status_for(school_counsellor)

    assert status.core_credits == Decimal("10.0")
    assert status.missing_core_credits == Decimal("20.0")
    assert not status.meets
    row = network_row(school_counsellor)
    assert row.core_credits == Decimal("10.0")
    assert row.meets_requirement is False


def test_the_set_in_force_today_applies_not_one_published_for_a_future_date(school_counsellor, areas):
    current = requirement_set(WorkplaceType.UPPER_SECONDARY, areas=[areas[0]], min_credits=60)
    requirement_set(
        WorkplaceType.UPPER_SECONDARY, areas=[areas[0]], min_credits=90, effective_from=today() + datetime.timedelta(1)
    )
    assert status_for(school_counsellor).requirement == current
    assert status_for(school_counsellor, on=today() + datetime.timedelta(1)).requirement.min_credits == 90


def test_a_counsellor_whose_workplace_has_no_requirement_set_is_told_so(school_counsellor):
    status = status_for(school_counsellor)
    assert status.requirement is None
    assert not status.meets
    assert network_row(school_counsellor).meets_requirement is False


def test_network_status_costs_the_same_queries_for_many_counsellors(
    centre, verifier, requirements, areas, django_assert_max_num_queries
):
    for n in range(12):
        person = personas.counsellor(home_centre=centre, email=f"c{n}@example.org")
        log_credit(person, "60", [areas[0]], verifier)
    with django_assert_max_num_queries(3):
        rows = list(annotate_status(CounsellorProfile.objects.filter(home_centre=centre)))
    assert len(rows) == 12
    assert all(row.verified_credits == 60 for row in rows)
