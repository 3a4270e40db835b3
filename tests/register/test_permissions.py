"""Who may do what in the register: the predicates every view, template and API endpoint asks."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from register import services
from register.models import NationalRoleKind, Role
from register.permissions import (
    access_centre_for_management,
    can_manage_centre,
    has_staff_role,
    is_centre_staff,
    is_national_admin,
    requires_staff_mfa,
)
from tests import personas
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db


# is_centre_staff


def test_a_verifier_is_staff_at_their_own_centre(verifier, centre):
    assert is_centre_staff(verifier, centre)
    assert is_centre_staff(verifier, centre, Role.VERIFIER)


def test_a_verifier_is_not_staff_at_another_centre(verifier, other_centre):
    assert not is_centre_staff(verifier, other_centre)
    assert not is_centre_staff(verifier, other_centre, Role.VERIFIER)


def test_a_verifier_does_not_count_as_admin_or_hr(verifier, centre):
    assert not is_centre_staff(verifier, centre, Role.ADMIN)
    assert not is_centre_staff(verifier, centre, Role.HR)


def test_a_collection_of_roles_matches_when_the_user_holds_any_of_them(verifier, centre):
    assert is_centre_staff(verifier, centre, [Role.ADMIN, Role.VERIFIER])
    assert is_centre_staff(verifier, centre, {Role.VERIFIER, Role.HR})
    assert not is_centre_staff(verifier, centre, (Role.ADMIN, Role.HR))


def test_a_person_without_roles_and_an_anonymous_visitor_are_not_centre_staff(plain_user, centre):
    assert not is_centre_staff(plain_user, centre)
    assert not is_centre_staff(AnonymousUser(), centre)


def test_a_role_given_later_counts_at_once(plain_user, centre):
    assert not is_centre_staff(plain_user, centre)
    services.membership_grant(user=plain_user, centre=centre, role=Role.ORGANISER, actor=None)
    assert is_centre_staff(plain_user, centre, Role.ORGANISER)


# is_national_admin


def test_a_national_admin_is_national_admin(national_admin):
    assert is_national_admin(national_admin)


def test_centre_admins_plain_users_and_visitors_are_not_national_admins(centre_admin, plain_user):
    assert not is_national_admin(centre_admin)
    assert not is_national_admin(plain_user)
    assert not is_national_admin(AnonymousUser())


def test_a_national_moderator_is_not_a_national_admin(db):
    user = UserFactory()
    services.national_role_grant(user=user, role=NationalRoleKind.MODERATOR, actor=None)
    assert not is_national_admin(user)


# has_staff_role


@pytest.mark.parametrize("persona", ["centre_admin", "verifier", "hr_officer", "organiser", "national_admin"])
def test_people_with_a_role_have_a_staff_role(persona, request):
    assert has_staff_role(request.getfixturevalue(persona))


def test_counsellors_plain_users_and_visitors_have_no_staff_role(school_counsellor, plain_user):
    assert not has_staff_role(school_counsellor)
    assert not has_staff_role(plain_user)
    assert not has_staff_role(AnonymousUser())


# requires_staff_mfa


@pytest.mark.parametrize("persona", ["centre_admin", "verifier", "hr_officer", "national_admin"])
def test_admins_verifiers_hr_and_national_admins_must_use_two_factor(persona, request):
    assert requires_staff_mfa(request.getfixturevalue(persona))


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.MODERATOR, Role.E_GUIDANCE])
def test_organisers_moderators_and_e_guidance_counsellors_must_use_two_factor_too(role, centre):
    assert requires_staff_mfa(personas.centre_staff(centre, role))


def test_counsellors_plain_users_and_visitors_need_no_two_factor(school_counsellor, plain_user):
    assert not requires_staff_mfa(school_counsellor)
    assert not requires_staff_mfa(plain_user)
    assert not requires_staff_mfa(AnonymousUser())


# can_manage_centre


def test_a_centre_admin_manages_their_own_centre_only(centre_admin, centre, other_centre):
    assert can_manage_centre(centre_admin, centre)
    assert not can_manage_centre(centre_admin, other_centre)


def test_a_national_admin_manages_every_centre(national_admin, centre, other_centre):
    assert can_manage_centre(national_admin, centre)
    assert can_manage_centre(national_admin, other_centre)


@pytest.mark.parametrize("persona", ["verifier", "hr_officer", "organiser", "school_counsellor", "plain_user"])
def test_other_roles_do_not_manage_the_centre(persona, request, centre):
    assert not can_manage_centre(request.getfixturevalue(persona), centre)


# access_centre_for_management


def test_a_centre_admin_gets_their_centre_for_management(centre_admin, centre):
    assert access_centre_for_management(centre_admin, centre.slug) == centre


def test_a_national_admin_gets_any_centre_for_management(national_admin, other_centre):
    assert access_centre_for_management(national_admin, other_centre.slug) == other_centre


def test_a_verifier_is_refused_management_of_their_centre(verifier, centre):
    with pytest.raises(PermissionDenied):
        access_centre_for_management(verifier, centre.slug)


def test_a_centre_admin_is_refused_management_of_another_centre(centre_admin, other_centre):
    with pytest.raises(PermissionDenied):
        access_centre_for_management(centre_admin, other_centre.slug)


def test_an_unknown_centre_is_not_found_even_for_a_national_admin(national_admin):
    with pytest.raises(Http404):
        access_centre_for_management(national_admin, "no-such-centre")


def test_an_admin_of_an_inactive_centre_can_still_manage_it(db):
    """Closing a centre for the public does not lock its admin out of its staff list."""
    closed = CentreFactory(is_active=False)
    admin = personas.centre_staff(closed, Role.ADMIN)
    assert access_centre_for_management(admin, closed.slug) == closed
