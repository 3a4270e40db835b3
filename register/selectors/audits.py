"""Reads for evidence audits: a centre's rounds with their results, a round's entries, a counsellor's open audits."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from register.models import AuditItem, AuditOutcome, AuditRound, Centre


def rounds_of(*, centre: Centre | None = None) -> QuerySet[AuditRound]:
    """The centre's rounds (every centre's: None), newest first, each with its counts per outcome (one query)."""
    today = timezone.localdate()
    rounds = AuditRound.objects.filter(centre=centre) if centre else AuditRound.objects.all()
    return (
        rounds.select_related("drawn_by", "centre")
        .annotate(
            item_count=Count("items"),
            confirmed=Count("items", filter=Q(items__outcome=AuditOutcome.CONFIRMED)),
            not_confirmed=Count("items", filter=Q(items__outcome=AuditOutcome.NOT_CONFIRMED)),
            waiting=Count("items", filter=Q(items__outcome=AuditOutcome.SUBMITTED)),
            unanswered=Count("items", filter=Q(items__outcome=AuditOutcome.REQUESTED, deadline__lt=today)),
            asked=Count("items", filter=Q(items__outcome=AuditOutcome.REQUESTED, deadline__gte=today)),
        )
        .order_by("-drawn_at", "-pk")
    )


def items_of(*, round_: AuditRound) -> QuerySet[AuditItem]:
    return AuditItem.objects.filter(round=round_).select_related("owner", "credit", "activity", "decided_by", "round")


def audits_of(*, user: User) -> QuerySet[AuditItem]:
    """The counsellor's audited entries, open ones first."""
    return (
        AuditItem.objects.filter(owner=user)
        .select_related("round__centre", "credit", "activity")
        .order_by("decided_at", "-round__drawn_at")
    )
