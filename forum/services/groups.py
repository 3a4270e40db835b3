"""Writes for private groups: joining, requesting, deciding, adding, removing, leaving.

Each service checks its own permission, so the pages and the API cannot differ. The forum's
per-request reach of the affected user is forgotten after a change, so the same request
sees the new membership.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from core.phrases import phrase
from forum.models import Category, CategoryKind, GroupMembership, GroupRole, JoinPolicy
from forum.permissions import can_manage_group, forget_reach, is_professional
from notifications.services import notice_send

KIND = "forum.group"


def _require_group(category: Category) -> None:
    if category.kind != CategoryKind.GROUP:
        raise ValidationError(_("Only private groups have members."))


def _require_manager(user: User, category: Category) -> None:
    _require_group(category)
    if not can_manage_group(user, category):
        raise PermissionDenied(_("Only the group's moderators can do this."))


def _require_professional(user: User) -> None:
    if not is_professional(user):
        raise ValidationError(_("Only professionals with a counsellor profile or a centre role can join groups."))


def _existing(category: Category, user: User) -> GroupMembership | None:
    return GroupMembership.objects.select_for_update().filter(category=category, user=user).first()


def _members_link(category: Category) -> str:
    return reverse("forum:group_members", kwargs={"slug": category.slug})


def _create(**fields: object) -> GroupMembership:
    # Two requests racing for the same membership meet the unique constraint; the loser is told
    # as if it had come second.
    try:
        with transaction.atomic():
            return GroupMembership.objects.create(**fields)
    except IntegrityError:
        raise ValidationError(_("You are already a member of this group or have asked to join it.")) from None


@transaction.atomic
def group_join(*, category: Category, user: User) -> GroupMembership:
    """Join an open group at once."""
    _require_group(category)
    _require_professional(user)
    if category.join_policy != JoinPolicy.OPEN:
        raise PermissionDenied(_("This group is not open: ask to join or ask a moderator to add you."))
    membership = _existing(category, user)
    if membership is not None and membership.is_approved:
        raise ValidationError(_("You are already a member of this group."))
    if membership is not None:
        membership.is_approved = True
        membership.save(update_fields=["is_approved"])
    else:
        membership = _create(category=category, user=user)
    forget_reach(user)
    return membership


@transaction.atomic
def group_request(*, category: Category, user: User) -> GroupMembership:
    """Ask to join a request-to-join group; its moderators are told."""
    _require_group(category)
    _require_professional(user)
    if category.join_policy != JoinPolicy.REQUEST:
        raise PermissionDenied(_("This group does not take requests to join."))
    if _existing(category, user) is not None:
        raise ValidationError(_("You are already a member of this group or have asked to join it."))
    membership = _create(category=category, user=user, is_approved=False)
    moderators = GroupMembership.objects.filter(
        category=category, role=GroupRole.MODERATOR, is_approved=True
    ).select_related("user")
    for moderator in moderators:
        notice_send(
            recipient=moderator.user,
            kind=KIND,
            title=phrase("%(name)s asks to join “%(group)s”", name=str(user), group=category.name),
            link=_members_link(category),
        )
    return membership


@transaction.atomic
def group_decide(*, membership: GroupMembership, moderator: User, approve: bool) -> GroupMembership:
    """Approve or decline a waiting request; the person who asked is told either way."""
    membership = GroupMembership.objects.select_for_update().select_related("category", "user").get(pk=membership.pk)
    category = membership.category
    _require_manager(moderator, category)
    if membership.is_approved:
        raise ValidationError(_("This person is already a member."))
    if approve:
        membership.is_approved = True
        membership.save(update_fields=["is_approved"])
        title = phrase("You are now a member of “%(group)s”", group=category.name)
        link = category.get_absolute_url()
    else:
        membership.delete()
        title = phrase("Your request to join “%(group)s” was declined", group=category.name)
        link = reverse("forum:groups")
    notice_send(recipient=membership.user, kind=KIND, title=title, link=link)
    forget_reach(membership.user)
    return membership


@transaction.atomic
def group_add(*, category: Category, user: User, moderator: User, role: str = GroupRole.MEMBER) -> GroupMembership:
    """A moderator adds a professional (or approves their waiting request) with ``role``."""
    _require_manager(moderator, category)
    if role not in GroupRole.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    _require_professional(user)
    membership = _existing(category, user)
    if membership is not None and membership.is_approved:
        raise ValidationError(_("This person is already a member."))
    if membership is not None:
        membership.is_approved = True
        membership.role = role
        membership.save(update_fields=["is_approved", "role"])
    else:
        membership = _create(category=category, user=user, role=role)
    notice_send(
        recipient=user,
        kind=KIND,
        title=phrase("You were added to “%(group)s”", group=category.name),
        link=category.get_absolute_url(),
    )
    forget_reach(user)
    return membership


@transaction.atomic
def group_role_set(*, membership: GroupMembership, moderator: User, role: str) -> GroupMembership:
    """Make a member a moderator of the group, or a moderator a plain member again."""
    membership = GroupMembership.objects.select_for_update().select_related("category", "user").get(pk=membership.pk)
    _require_manager(moderator, membership.category)
    if role not in GroupRole.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    if not membership.is_approved:
        raise ValidationError(_("Approve the request before giving a role."))
    if membership.role == GroupRole.MODERATOR and role != GroupRole.MODERATOR:
        _keep_a_moderator(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    forget_reach(membership.user)
    return membership


def _keep_a_moderator(membership: GroupMembership) -> None:
    others = (
        GroupMembership.objects.filter(category=membership.category, role=GroupRole.MODERATOR, is_approved=True)
        .exclude(pk=membership.pk)
        .exists()
    )
    if not others:
        raise ValidationError(_("A group needs at least one moderator. Make someone else a moderator first."))


@transaction.atomic
def group_remove(*, membership: GroupMembership, moderator: User) -> GroupMembership:
    """A moderator removes a member; the group keeps at least one moderator."""
    membership = GroupMembership.objects.select_for_update().select_related("category", "user").get(pk=membership.pk)
    _require_manager(moderator, membership.category)
    if membership.role == GroupRole.MODERATOR:
        _keep_a_moderator(membership)
    membership.delete()
    if membership.user_id != moderator.pk:
        notice_send(
            recipient=membership.user,
            kind=KIND,
            title=phrase("You were removed from “%(group)s”", group=membership.category.name),
            link=reverse("forum:groups"),
        )
    forget_reach(membership.user)
    return membership


@transaction.atomic
def group_leave(*, category: Category, user: User) -> GroupMembership:
    """Leave a group, or withdraw a waiting request. The last moderator cannot leave."""
    _require_group(category)
    membership = _existing(category, user)
    if membership is None:
        raise ValidationError(_("You are not a member of this group."))
    if membership.role == GroupRole.MODERATOR and membership.is_approved:
        _keep_a_moderator(membership)
    membership.delete()
    forget_reach(user)
    return membership
