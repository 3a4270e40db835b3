"""Reads shared by the register's pages and API."""

from django.db.models import Count, Q

from register.models import AuditEntry, Centre, County, Membership


def counties_with_centre_counts():
    return County.objects.annotate(active_centre_count=Count("centres", filter=Q(centres__is_active=True)))


def centres_public():
    return Centre.objects.active().for_listing()


def memberships_of(*, user):
    return (
        Membership.objects.filter(user=user).select_related("centre", "centre__county").order_by("centre__name", "role")
    )


def audit_for_user(*, user, limit=20):
    return AuditEntry.objects.filter(subject_user=user).select_related("actor", "centre")[:limit]
