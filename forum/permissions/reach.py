"""A user's forum reach: which networks, counties and groups they belong to and moderate.

Read once per request and kept on the user object, so every predicate after the first is free.
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from accounts.models import User
from forum.models import GroupMembership, GroupRole
from register.models import CounsellorProfile, Role
from register.permissions import is_national_admin, is_national_moderator, remember_professional, roles_of

# Who asks: the request's user, signed in or not.
RequestUser = User | AnonymousUser

REACH_ATTRIBUTE = "_forum_reach"


@dataclass(frozen=True)
class Reach:
    professional: bool
    national_moderator: bool
    network_centre_ids: frozenset[int]
    county_ids: frozenset[int]
    moderated_centre_ids: frozenset[int]
    moderated_county_ids: frozenset[int]
    group_ids: frozenset[int]
    moderated_group_ids: frozenset[int]


NOBODY = Reach(False, False, frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), frozenset())


def reach_of(user: RequestUser) -> Reach:
    if not user.is_authenticated:
        return NOBODY
    cached: Reach | None = user.__dict__.get(REACH_ATTRIBUTE)
    if cached is not None:
        return cached
    roles = roles_of(user)
    profile = (
        CounsellorProfile.objects.filter(user=user)
        .values("home_centre_id", "county_id", "home_centre__county_id")
        .first()
    )
    staff_centres = roles.centre_ids()
    network = set(staff_centres)
    counties = set()
    centre_counties = dict(roles.centre_counties)
    if profile:
        counties.add(profile["county_id"])
        if profile["home_centre_id"]:
            network.add(profile["home_centre_id"])
            centre_counties[profile["home_centre_id"]] = profile["home_centre__county_id"]
    counties.update(centre_counties[c] for c in staff_centres if c in centre_counties)
    moderated_centres = roles.centre_ids(Role.MODERATOR)
    groups = GroupMembership.objects.filter(user=user, is_approved=True).values_list("category_id", "role")
    reach = Reach(
        professional=bool(profile or roles.memberships or roles.national or user.is_superuser),
        national_moderator=is_national_moderator(user) or is_national_admin(user),
        network_centre_ids=frozenset(network),
        county_ids=frozenset(counties),
        moderated_centre_ids=frozenset(moderated_centres),
        moderated_county_ids=frozenset(centre_counties[c] for c in moderated_centres if c in centre_counties),
        group_ids=frozenset(g for g, _ in groups),
        moderated_group_ids=frozenset(g for g, role in groups if role == GroupRole.MODERATOR),
    )
    user.__dict__[REACH_ATTRIBUTE] = reach
    remember_professional(user, reach.professional)
    return reach


def forget_reach(user: RequestUser) -> None:
    """Drop the cached reach, so the next predicate reads a changed membership."""
    user.__dict__.pop(REACH_ATTRIBUTE, None)


def is_professional(user: RequestUser) -> bool:
    """A counsellor profile, a centre role, a national role or a superuser: the forum is for them alone."""
    return reach_of(user).professional


def require_professional(user: RequestUser) -> None:
    if not is_professional(user):
        raise PermissionDenied
