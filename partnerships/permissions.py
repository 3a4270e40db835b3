"""Who may see and change partnership agreements.

A centre's agreements are the business of its admins and of the national administrators; a county-wide
agreement (no centre) of the admins of every centre in the county. Nobody else sees their terms, amounts or
documents: counsellors at a partner's workplace see only the purpose and the contacts
(``selectors.agreements_for_workplace``).
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from partnerships.models import Agreement
from register.models import Centre, County, Role
from register.permissions import is_national_admin, roles_of


def admin_centre_ids(user: User | AnonymousUser) -> set[int]:
    return roles_of(user).centre_ids(Role.ADMIN)


def admin_county_ids(user: User | AnonymousUser) -> set[int]:
    roles = roles_of(user)
    return {roles.centre_counties[centre_id] for centre_id in roles.centre_ids(Role.ADMIN)}


def works_with_agreements(user: User | AnonymousUser) -> bool:
    """A centre admin or a national administrator: the people with an agreements page (roles only: no query)."""
    return is_national_admin(user) or bool(admin_centre_ids(user))


def agreements_visible_to(user: User | AnonymousUser) -> QuerySet[Agreement]:
    if is_national_admin(user):
        return Agreement.objects.all()
    centres = admin_centre_ids(user)
    if not centres:
        return Agreement.objects.none()
    return Agreement.objects.filter(
        Q(centre_id__in=centres) | Q(centre__isnull=True, county_id__in=admin_county_ids(user))
    )


def can_manage(user: User | AnonymousUser, agreement: Agreement) -> bool:
    """May see every term of the agreement and change it (the same people: its centre's admins)."""
    if is_national_admin(user):
        return True
    if agreement.centre_id is not None:
        return agreement.centre_id in admin_centre_ids(user)
    return agreement.county_id in admin_county_ids(user)


def can_create_for(user: User | AnonymousUser, *, centre: Centre | None, county: County | None) -> bool:
    """May record an agreement for ``centre``, or a county-wide one for ``county``."""
    if is_national_admin(user):
        return True
    if centre is not None:
        return centre.pk in admin_centre_ids(user)
    return county is not None and county.pk in admin_county_ids(user)


def access_agreement(user: User | AnonymousUser, pk: int | str) -> Agreement:
    """The agreement ``pk`` if ``user`` may manage it; 404 otherwise, so ids cannot be probed."""
    try:
        agreement = Agreement.objects.select_related("centre", "county").get(pk=int(pk))
    except (Agreement.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not can_manage(user, agreement):
        raise Http404
    return agreement


def require_agreements_access(user: User | AnonymousUser) -> None:
    if not works_with_agreements(user):
        raise PermissionDenied


def can_report_delivery(user: User | AnonymousUser, centre: Centre) -> bool:
    """May count the centre's activities (its events) as delivered under its agreements in force: the people who
    run them, its admins and organisers, and the national administrators. They see only the agreements' titles."""
    if not user.is_authenticated:
        return False
    return is_national_admin(user) or bool(roles_of(user).at(centre.pk) & {Role.ADMIN, Role.ORGANISER})
