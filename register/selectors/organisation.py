"""Reads shared by the register's pages and API."""

from django.db.models import Count, Q, QuerySet

from accounts.models import User
from register.models import AuditEntry, Centre, County, Membership


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
