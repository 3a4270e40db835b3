"""Who sees and does what in the forum. Pages, the API and search all ask these.

Only signed-in professionals (a counsellor profile, a centre role or a national role) see the
forum at all. A user's forum reach is read once per request and kept on the user object.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from forum.models import Audience, Category, CategoryKind, GroupMembership, GroupRole, Thread
from register.models import Centre, CounsellorProfile, NationalRole, NationalRoleKind, Role
from register.permissions import is_national_admin, is_national_moderator, roles_of


@dataclass(frozen=True)
class Reach:
    professional: bool
    national_moderator: bool
    network_centre_ids: frozenset
    county_ids: frozenset
    moderated_centre_ids: frozenset
    moderated_county_ids: frozenset
    group_ids: frozenset
    moderated_group_ids: frozenset


NOBODY = Reach(False, False, frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), frozenset())


def reach_of(user):
    if not user.is_authenticated:
        return NOBODY
    cached = getattr(user, "_forum_reach", None)
    if cached is not None:
        return cached
    roles = roles_of(user)
    profile = CounsellorProfile.objects.filter(user=user).values("home_centre_id", "county_id").first()
    staff_centres = roles.centre_ids()
    network = set(staff_centres)
    counties = set()
    if profile:
        counties.add(profile["county_id"])
        if profile["home_centre_id"]:
            network.add(profile["home_centre_id"])
    centre_counties = dict(Centre.objects.filter(pk__in=network).values_list("pk", "county_id"))
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
    user._forum_reach = reach
    return reach


def forget_reach(user):
    user.__dict__.pop("_forum_reach", None)


def is_professional(user):
    return reach_of(user).professional


def _member_q(reach):
    return (
        Q(kind=CategoryKind.NATIONAL)
        | Q(kind=CategoryKind.COUNTY, county_id__in=reach.county_ids)
        | Q(kind=CategoryKind.CENTRE, centre_id__in=reach.network_centre_ids)
        | Q(kind=CategoryKind.GROUP, pk__in=reach.group_ids)
    )


def moderator_q(reach):
    if reach.national_moderator:
        return Q(pk__isnull=False)
    return (
        Q(kind=CategoryKind.CENTRE, centre_id__in=reach.moderated_centre_ids)
        | Q(kind=CategoryKind.COUNTY, county_id__in=reach.moderated_county_ids)
        | Q(kind=CategoryKind.GROUP, pk__in=reach.moderated_group_ids)
    )


def _audience_q(field, reach):
    return (
        Q(**{field: Audience.PROFESSIONALS}) | (Q(**{field: Audience.MEMBERS}) & _member_q(reach)) | moderator_q(reach)
    )


def categories_visible_to(user):
    reach = reach_of(user)
    if not reach.professional:
        return Category.objects.none()
    return Category.objects.filter(_audience_q("read_audience", reach))


def threads_visible_to(user):
    """Threads in readable categories; hidden threads only for their moderators."""
    reach = reach_of(user)
    if not reach.professional:
        return Thread.objects.none()
    readable = Category.objects.filter(_audience_q("read_audience", reach)).values("pk")
    moderated = Category.objects.filter(moderator_q(reach)).values("pk")
    return Thread.objects.filter(category__in=readable).filter(Q(is_hidden=False) | Q(category__in=moderated))


def _in_audience(reach, category, audience):
    if audience == Audience.PROFESSIONALS:
        return reach.professional
    if audience == Audience.MEMBERS and is_member(reach, category):
        return True
    return is_moderator_reach(reach, category)


def is_member(reach, category):
    if not reach.professional:
        return False
    if category.kind == CategoryKind.NATIONAL:
        return True
    if category.kind == CategoryKind.COUNTY:
        return category.county_id in reach.county_ids
    if category.kind == CategoryKind.CENTRE:
        return category.centre_id in reach.network_centre_ids
    return category.pk in reach.group_ids


def is_moderator_reach(reach, category):
    if not reach.professional:
        return False
    if reach.national_moderator:
        return True
    if category.kind == CategoryKind.CENTRE:
        return category.centre_id in reach.moderated_centre_ids
    if category.kind == CategoryKind.COUNTY:
        return category.county_id in reach.moderated_county_ids
    if category.kind == CategoryKind.GROUP:
        return category.pk in reach.moderated_group_ids
    return False


def can_moderate(user, category):
    return is_moderator_reach(reach_of(user), category)


def can_read_category(user, category):
    return _in_audience(reach_of(user), category, category.read_audience)


def can_start_thread(user, category):
    return can_read_category(user, category) and _in_audience(reach_of(user), category, category.start_audience)


def can_read_thread(user, thread):
    return can_read_category(user, thread.category) and (not thread.is_hidden or can_moderate(user, thread.category))


def reply_refusal(user, thread):
    """Why ``user`` may not reply to ``thread`` (a message), or None if they may."""
    category = thread.category
    if not can_read_thread(user, thread):
        return _("You cannot see this thread.")
    moderator = can_moderate(user, category)
    if thread.is_hidden and not moderator:
        return _("This thread is hidden by a moderator.")
    if thread.is_locked and not moderator:
        return _("This thread is locked: no new replies.")
    if not _in_audience(reach_of(user), category, category.reply_audience):
        return _("Only moderators can post in this category.")
    return None


def can_edit_post(user, post):
    return user.is_authenticated and post.author_id == user.pk and not post.is_deleted


def access_category(user, slug):
    category = Category.objects.filter(slug=slug).first()
    if category is None or not can_read_category(user, category):
        raise Http404
    return category


def access_thread(user, pk):
    thread = threads_visible_to(user).select_related("category", "accepted_post").filter(pk=pk).first()
    if thread is None:
        raise Http404
    return thread


def require_professional(user):
    if not is_professional(user):
        raise PermissionDenied


def category_moderators(category):
    """The people who moderate ``category``: national moderators and admins, plus its own moderators."""
    national = NationalRole.objects.filter(role__in=[NationalRoleKind.MODERATOR, NationalRoleKind.ADMIN]).values(
        "user_id"
    )
    local = Q(pk__in=national)
    if category.kind == CategoryKind.CENTRE:
        local |= Q(memberships__centre_id=category.centre_id, memberships__role=Role.MODERATOR)
    elif category.kind == CategoryKind.COUNTY:
        local |= Q(memberships__centre__county_id=category.county_id, memberships__role=Role.MODERATOR)
    elif category.kind == CategoryKind.GROUP:
        local |= Q(forum_groups__category=category, forum_groups__role=GroupRole.MODERATOR)
    return get_user_model().objects.filter(local, is_active=True).distinct()
