"""The events predicates, from both sides: who may, and who may not.

The centre's organiser and admin, national administrators, other staff of the centre (a verifier), an
organiser of another centre, a counsellor, someone without a role and an anonymous visitor.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from events import services
from events.models import Event, RegistrationStatus
from events.permissions import (
    access_event,
    access_event_for_management,
    can_manage_events,
    can_see_online_link,
    can_view_event,
    is_event_manager,
    managed_centre_ids,
    managed_centres,
    visible_events,
)
from events.selectors import registration_of
from register.models import Role
from tests import personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_organiser(other_centre):
    return personas.centre_staff(other_centre, Role.ORGANISER, email="annen-kurs@example.org")


@pytest.fixture
def managers(organiser, centre_admin, national_admin):
    return [organiser, centre_admin, national_admin]


@pytest.fixture
def non_managers(verifier, other_organiser, school_counsellor, plain_user):
    return [verifier, other_organiser, school_counsellor, plain_user, AnonymousUser()]


def test_the_centres_organisers_admins_and_national_administrators_manage_its_events(centre, managers, non_managers):
    for allowed in managers:
        assert can_manage_events(allowed, centre), allowed
        assert can_manage_events(allowed, centre.pk), allowed  # a centre's id will do
    for refused in non_managers:
        assert not can_manage_events(refused, centre), refused
        assert not can_manage_events(refused, centre.pk), refused


def test_the_managed_centres_are_the_users_own_or_every_centre(
    centre, other_centre, organiser, centre_admin, national_admin, other_organiser, verifier, plain_user
):
    assert managed_centre_ids(organiser) == managed_centre_ids(centre_admin) == {centre.pk}
    assert managed_centre_ids(other_organiser) == {other_centre.pk}
    assert managed_centre_ids(national_admin) is None  # every centre
    assert list(managed_centres(organiser)) == [centre]
    assert set(managed_centres(national_admin)) >= {centre, other_centre}
    for refused in (verifier, plain_user, AnonymousUser()):
        assert not managed_centre_ids(refused)
        assert not managed_centres(refused).exists()


def test_only_people_who_manage_events_somewhere_get_the_organiser_pages(
    managers, other_organiser, verifier, school_counsellor, plain_user
):
    for allowed in (*managers, other_organiser):
        assert is_event_manager(allowed), allowed
    for refused in (verifier, school_counsellor, plain_user, AnonymousUser()):
        assert not is_event_manager(refused), refused


def test_a_published_event_is_for_everyone(event, managers, non_managers):
    for user in (*managers, *non_managers):
        assert can_view_event(user, event), user
        assert access_event(user, event.pk) == event


def test_a_draft_is_for_its_centres_staff_and_national_administrators_only(
    draft, organiser, centre_admin, verifier, national_admin, other_organiser, school_counsellor, plain_user
):
    for allowed in (organiser, centre_admin, verifier, national_admin):
        assert can_view_event(allowed, draft), allowed
        assert access_event(allowed, draft.pk) == draft
        assert draft in visible_events(allowed)
    for refused in (other_organiser, school_counsellor, plain_user, AnonymousUser()):
        assert not can_view_event(refused, draft), refused
        assert draft not in visible_events(refused)
        # Not found, not forbidden: a draft's id reveals nothing.
        with pytest.raises(Http404):
            access_event(refused, draft.pk)


def test_an_event_that_does_not_exist_is_not_found_for_everyone(event, national_admin, plain_user):
    missing = Event.objects.order_by("-pk").values_list("pk", flat=True).first() + 1000
    for user in (national_admin, plain_user, AnonymousUser()):
        with pytest.raises(Http404):
            access_event(user, missing)


def test_managing_an_event_is_for_its_managers_and_the_others_who_see_it_are_refused(
    event, draft, managers, verifier, other_organiser, school_counsellor
):
    for allowed in managers:
        assert access_event_for_management(allowed, event.pk) == event
        assert access_event_for_management(allowed, draft.pk) == draft
    # The verifier sees the draft but may not manage it; the others see the published event only.
    for refused in (verifier, other_organiser, school_counsellor, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            access_event_for_management(refused, event.pk)
    with pytest.raises(PermissionDenied):
        access_event_for_management(verifier, draft.pk)
    for refused in (other_organiser, school_counsellor, AnonymousUser()):
        with pytest.raises(Http404):
            access_event_for_management(refused, draft.pk)


def test_the_online_link_is_for_the_organisers_and_confirmed_participants(
    event, counsellors, managers, verifier, other_organiser, plain_user
):
    first, second, waiting = counsellors[:3]
    for person in (first, second, waiting):
        services.registration_register(event=event, user=person)
    assert registration_of(user=waiting, event=event).status == RegistrationStatus.WAITING

    for allowed in managers:
        assert can_see_online_link(allowed, event, None), allowed
    assert can_see_online_link(first, event, registration_of(user=first, event=event))

    assert not can_see_online_link(waiting, event, registration_of(user=waiting, event=event))
    # Someone else's confirmed registration does not lend its link.
    assert not can_see_online_link(waiting, event, registration_of(user=first, event=event))
    for refused in (verifier, other_organiser, plain_user, AnonymousUser()):
        assert not can_see_online_link(refused, event, None), refused


def test_a_cancelled_place_loses_the_online_link(event, counsellors):
    person = counsellors[0]
    registration = services.registration_register(event=event, user=person)
    assert can_see_online_link(person, event, registration)

    cancelled = services.registration_cancel(registration=registration, actor=person)

    assert not can_see_online_link(person, event, cancelled)
