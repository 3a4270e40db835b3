"""Writes to the register. Every write that involves a rule or more than one row goes here."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from core.phrases import phrase
from core.unset import UNSET, Unset
from notifications.services import notice_send
from register.models import (
    AuditEntry,
    Centre,
    CounsellorProfile,
    County,
    Membership,
    NationalRole,
    NationalRoleKind,
    Role,
)
from register.permissions import forget_roles


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: Model,
    subject_user: User | None = None,
    centre: Centre | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        subject_user=subject_user,
        centre=centre,
        details=details or {},
    )


@transaction.atomic
def membership_grant(*, user: User, centre: Centre, role: str, actor: User | None) -> Membership:
    """Give ``user`` a staff role at ``centre``; record it and tell them."""
    if Membership.objects.filter(user=user, centre=centre, role=role).exists():
        raise ValidationError(_("This person already has that role at this centre."))
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, centre=centre, role=role)
    except IntegrityError as exc:
        raise ValidationError(_("This person already has that role at this centre.")) from exc
    audit_record(
        actor=actor,
        action="membership.granted",
        obj=membership,
        subject_user=user,
        centre=centre,
        details={"role": role, "centre": centre.name},
    )
    notice_send(
        recipient=user,
        kind="register.membership",
        title=phrase("You are now %(role)s at %(centre)s", role=Role(membership.role).label, centre=centre.name),
        link=reverse("staff_home"),
    )
    forget_roles(user)
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, actor: User | None) -> None:
    audit_record(
        actor=actor,
        action="membership.revoked",
        obj=membership,
        subject_user=membership.user,
        centre=membership.centre,
        details={"role": membership.role, "centre": membership.centre.name},
    )
    notice_send(
        recipient=membership.user,
        kind="register.membership",
        title=phrase(
            "Your role as %(role)s at %(centre)s has ended",
            role=Role(membership.role).label,
            centre=membership.centre.name,
        ),
    )
    membership.delete()
    forget_roles(membership.user)


@transaction.atomic
def national_role_grant(*, user: User, role: str, actor: User | None) -> NationalRole:
    """National administrators get the Django and Wagtail admin (staff and superuser)."""
    national_role, created = NationalRole.objects.get_or_create(user=user, role=role)
    if role == NationalRoleKind.ADMIN and not (user.is_staff and user.is_superuser):
        user.is_staff = True
        user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    if created:
        audit_record(
            actor=actor, action="national_role.granted", obj=national_role, subject_user=user, details={"role": role}
        )
    forget_roles(user)
    return national_role


@transaction.atomic
def national_role_revoke(*, national_role: NationalRole, actor: User | None) -> None:
    user = national_role.user
    audit_record(
        actor=actor,
        action="national_role.revoked",
        obj=national_role,
        subject_user=user,
        details={"role": national_role.role},
    )
    national_role.delete()
    if national_role.role == NationalRoleKind.ADMIN:
        user.is_staff = False
        user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
    forget_roles(user)


@transaction.atomic
def counsellor_profile_save(
    *,
    user: User,
    workplace_type: str | Unset = UNSET,
    workplace_name: str | Unset = UNSET,
    county: County | Unset = UNSET,
    job_title: str | Unset = UNSET,
    position_percentage: int | None | Unset = UNSET,
    home_centre: Centre | None | Unset = UNSET,
) -> CounsellorProfile:
    """Create or update the user's counsellor profile. A change of home centre is audited.

    Only the fields given change; an unknown field is a TypeError.
    """
    given = {
        "workplace_type": workplace_type,
        "workplace_name": workplace_name,
        "county": county,
        "job_title": job_title,
        "position_percentage": position_percentage,
        "home_centre": home_centre,
    }
    fields = {name: value for name, value in given.items() if value is not UNSET}
    profile = CounsellorProfile.objects.select_for_update().filter(user=user).first()
    old_home = profile.home_centre if profile else None
    if profile is None:
        profile = CounsellorProfile(user=user)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    if profile.home_centre != old_home:
        audit_record(
            actor=user,
            action="profile.home_centre_changed",
            obj=profile,
            subject_user=user,
            centre=profile.home_centre,
            details={
                "from": old_home.name if old_home else None,
                "to": profile.home_centre.name if profile.home_centre else None,
            },
        )
    return profile
