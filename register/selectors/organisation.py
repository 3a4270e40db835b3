"""Reads shared by the register's pages and API."""

from collections.abc import Collection

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from accounts.models import User
from register.models import AuditEntry, Centre, CounsellorProfile, County, Membership, NationalRole


def counties_with_centre_counts() -> QuerySet[County]:
    return County.objects.annotate(active_centre_count=Count("centres", filter=Q(centres__is_active=True)))


def centres_public() -> QuerySet[Centre]:
    return Centre.objects.active().for_listing()


def memberships_of(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user).select_related("centre", "centre__county").order_by("centre__name", "role")
    )


def audit_for_user(*, user: User, limit: int = 20) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(subject_user=user).select_related("actor", "centre")[:limit]


def centre_slugs_with_role(*, user: User, roles: Collection[str], limit: int = 2) -> list[str]:
    """The slugs of the centres where ``user`` holds one of ``roles``, at most ``limit`` of them (two are
    enough to know whether there is more than one)."""
    centres = Centre.objects.filter(memberships__user=user, memberships__role__in=roles)
    return list(centres.values_list("slug", flat=True).distinct()[:limit])


def professionals() -> QuerySet[User]:
    """Active people with a workspace, as ``register.permissions.is_professional`` says of one person: a
    counsellor profile, a role at a centre or a national role, or a superuser."""
    return User.objects.filter(is_active=True).filter(
        Q(is_superuser=True)
        | Exists(CounsellorProfile.objects.filter(user=OuterRef("pk")))
        | Exists(Membership.objects.filter(user=OuterRef("pk")))
        | Exists(NationalRole.objects.filter(user=OuterRef("pk")))
    )
