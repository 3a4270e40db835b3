"""Which entries a verifier may decide: one rule (``decidable_by``), read the same way by the
verification queue, the verification page, the API and the services.

Each case is checked from both sides: the person who may sees and decides the entry everywhere;
everyone else finds it nowhere.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from register import services
from register.models import CreditStatus, Role
from register.permissions import can_verify, decidable_by
from tests import personas
from tests.factories import pdf_upload

pytestmark = pytest.mark.django_db


def log_credit(owner, areas, title="Karriereveiledning 1"):
    return services.credit_create(
        owner=owner,
        title=title,
        institution="Høgskolen i Innlandet",
        credits="10",
        completed_on=timezone.localdate() - datetime.timedelta(days=30),
        areas=[areas[0]],
        evidence=pdf_upload(),
    )


@pytest.fixture
def entry(school_counsellor, areas):
    return log_credit(school_counsellor, areas)


@pytest.fixture
def other_verifier(other_centre):
    return personas.centre_staff(other_centre, Role.VERIFIER, email="godkjenner.vest@example.org")


@pytest.fixture
def verifying_counsellor(centre):
    """A counsellor at the centre who is also one of its verifiers."""
    person = personas.counsellor(home_centre=centre, email="begge@example.org")
    services.membership_grant(user=person, centre=centre, role=Role.VERIFIER, actor=None)
    return person


def _queue(client, user):
    """The text of the user's verification queue page."""
    client.force_login(user)
    response = client.get(reverse("verification_queue"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_verifier_at_the_home_centre_may_decide_the_entry_on_every_path(client, verifier, entry):
    assert list(decidable_by(verifier)) == [entry]
    assert can_verify(verifier, entry)
    assert entry.title in _queue(client, verifier)
    assert client.get(reverse("verification_detail", args=[entry.pk])).status_code == 200

    api = APIClient()
    api.force_login(verifier)
    assert api.post(f"/api/v1/credits/{entry.pk}/verify/", {}, format="json").status_code == 200
    entry.refresh_from_db()
    assert entry.status == CreditStatus.VERIFIED


def test_a_decided_entry_stays_decidable_but_leaves_the_queue(client, verifier, entry):
    services.credit_verify(credit=entry, verifier=verifier)

    assert list(decidable_by(verifier)) == [entry]
    assert entry.title not in _queue(client, verifier)


def test_a_verifier_at_another_centre_finds_the_entry_nowhere(client, other_verifier, entry):
    assert not decidable_by(other_verifier).exists()
    assert not can_verify(other_verifier, entry)
    assert entry.title not in _queue(client, other_verifier)
    assert client.get(reverse("verification_detail", args=[entry.pk])).status_code == 404

    api = APIClient()
    api.force_login(other_verifier)
    assert api.post(f"/api/v1/credits/{entry.pk}/verify/", {}, format="json").status_code == 404
    entry.refresh_from_db()
    assert entry.status == CreditStatus.PENDING


def test_a_verifier_never_decides_their_own_entry_but_does_decide_their_colleagues(
    client, verifying_counsellor, school_counsellor, areas
):
    own = log_credit(verifying_counsellor, areas, title="Mitt eget kurs")
    colleague = log_credit(school_counsellor, areas, title="Kollegaens kurs")

    assert list(decidable_by(verifying_counsellor)) == [colleague]
    assert not can_verify(verifying_counsellor, own)
    queue = _queue(client, verifying_counsellor)
    assert colleague.title in queue
    assert own.title not in queue
    assert client.get(reverse("verification_detail", args=[own.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.credit_verify(credit=own, verifier=verifying_counsellor)
    own.refresh_from_db()
    assert own.status == CreditStatus.PENDING


@pytest.mark.parametrize("persona", ["centre_admin", "hr_officer", "organiser", "school_counsellor", "national_admin"])
def test_people_without_the_verifier_role_decide_nothing(request, persona, entry):
    user = request.getfixturevalue(persona)

    assert not decidable_by(user).exists()
    assert not can_verify(user, entry)


def test_an_anonymous_visitor_decides_nothing(entry):
    assert not decidable_by(AnonymousUser()).exists()
    assert not can_verify(AnonymousUser(), entry)
