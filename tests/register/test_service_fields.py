"""The services that change some fields of a record name every field they accept.

A field they do not know is a programming error (TypeError) and changes nothing, instead of being
dropped without a word; a field left out keeps its value (a partial update, as an API PATCH).
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from register import services
from register.models import AuditEntry, CounsellorProfile, CreditEntry
from tests.factories import county, pdf_upload

pytestmark = pytest.mark.django_db

LAST_MONTH = timezone.localdate() - datetime.timedelta(days=30)


@pytest.fixture
def entry(school_counsellor, areas):
    return services.credit_create(
        owner=school_counsellor,
        title="Karriereveiledning 1",
        institution="Høgskolen i Innlandet",
        credits="10",
        completed_on=LAST_MONTH,
        areas=[areas[0]],
        evidence=pdf_upload(),
    )


def _state(entry):
    entry = CreditEntry.objects.get(pk=entry.pk)
    return (entry.title, entry.institution, entry.credits, entry.completed_on, sorted(a.pk for a in entry.areas.all()))


def test_editing_a_credit_with_an_unknown_field_is_a_type_error_and_changes_nothing(school_counsellor, entry):
    before = _state(entry)
    edits_before = AuditEntry.objects.filter(action="credit.edited").count()

    with pytest.raises(TypeError):
        services.credit_update(credit=entry, actor=school_counsellor, title="Nytt navn", credit_points="5")

    assert _state(entry) == before
    assert AuditEntry.objects.filter(action="credit.edited").count() == edits_before


def test_editing_a_credit_changes_only_the_fields_given(school_counsellor, entry, areas):
    services.credit_update(credit=entry, actor=school_counsellor, title="  Karriereveiledning 2  ")

    entry = CreditEntry.objects.get(pk=entry.pk)
    assert entry.title == "Karriereveiledning 2"
    assert entry.institution == "Høgskolen i Innlandet"
    assert entry.credits == Decimal("10.0")
    assert entry.completed_on == LAST_MONTH
    assert [a.pk for a in entry.areas.all()] == [areas[0].pk]
    assert entry.evidence.name


def test_editing_a_credit_without_a_new_file_keeps_the_evidence(school_counsellor, entry):
    old_name = entry.evidence.name

    services.credit_update(credit=entry, actor=school_counsellor, credits="7,5", evidence=None)

    entry = CreditEntry.objects.get(pk=entry.pk)
    assert entry.credits == Decimal("7.5")
    assert entry.evidence.name == old_name


def test_saving_a_profile_with_some_fields_keeps_the_others(school_counsellor, centre):
    services.counsellor_profile_save(user=school_counsellor, job_title="Karriereveileder")

    profile = CounsellorProfile.objects.get(user=school_counsellor)
    assert profile.job_title == "Karriereveileder"
    assert profile.workplace_name == "Testby videregående skole"
    assert profile.position_percentage == 40
    assert profile.home_centre == centre


def test_a_profile_field_given_as_none_is_cleared(school_counsellor):
    services.counsellor_profile_save(user=school_counsellor, position_percentage=None, home_centre=None)

    profile = CounsellorProfile.objects.get(user=school_counsellor)
    assert profile.position_percentage is None
    assert profile.home_centre is None


def test_saving_a_profile_with_an_unknown_field_changes_nothing(school_counsellor):
    with pytest.raises(TypeError):
        services.counsellor_profile_save(user=school_counsellor, county=county("46"), favourite_colour="blue")

    assert CounsellorProfile.objects.get(user=school_counsellor).county.number == "03"
