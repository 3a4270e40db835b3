"""Reads behind the competence register API, each scoped to the person asking and owning its joins."""

from collections.abc import Iterable

from django.db.models import Count, Max, Prefetch, Q, QuerySet

from accounts.models import User
from register.models import (
    AuditItem,
    AuditRound,
    CompetenceStatement,
    CounsellorProfile,
    CPDActivity,
    CreditEntry,
    Membership,
    RequirementSet,
    Role,
)
from register.permissions import (
    audit_items_decidable_by,
    centres_seeing_network,
    centres_seeing_staff,
    cpd_decidable_by,
    decidable_by,
    is_national_admin,
    roles_of,
    verifier_centre_ids,
)
from register.status import annotate_status


def requirement_sets_today() -> QuerySet[RequirementSet]:
    """The sets in force today, one per workplace type, with their required areas (2 queries)."""
    return RequirementSet.objects.in_force().prefetch_related("required_areas").order_by("workplace_type")


def credits_of(user: User) -> QuerySet[CreditEntry]:
    return CreditEntry.objects.filter(owner=user).prefetch_related("areas")


def credits_visible_to(user: User) -> QuerySet[CreditEntry]:
    """The user's own entries and, for a verifier, the entries they may decide (their queue when pending)."""
    return (
        CreditEntry.objects.filter(Q(owner=user) | Q(pk__in=decidable_by(user).values("pk")))
        .select_related("owner")
        .prefetch_related("areas")
    )


def credits_to_decide(user: User) -> QuerySet[CreditEntry]:
    """Entries of counsellors whose home centre is one where ``user`` verifies; never their own.

    Other ids give 404, as on the verification pages, so ids reveal nothing.
    """
    return decidable_by(user).select_related("owner__counsellor_profile").prefetch_related("areas")


def cpd_of(user: User) -> QuerySet[CPDActivity]:
    return CPDActivity.objects.filter(owner=user).prefetch_related("areas")


def cpd_visible_to(user: User) -> QuerySet[CPDActivity]:
    """The user's own activities and, for a verifier, those with evidence they may verify."""
    decidable = cpd_decidable_by(user).exclude(evidence="").values("pk")
    return (
        CPDActivity.objects.filter(Q(owner=user) | Q(pk__in=decidable))
        .select_related("owner")
        .prefetch_related("areas")
        .order_by("-date", "-pk")
    )


def statements_of(user: User) -> QuerySet[CompetenceStatement]:
    # Grouped queries drop Meta.ordering, so order explicitly (pagination needs a stable order).
    return (
        CompetenceStatement.objects.filter(owner=user)
        .annotate(lookup_count=Count("lookups"), last_lookup_at=Max("lookups__checked_at"))
        .order_by("-created_at", "-pk")
    )


def counsellors_visible_to(
    user: User,
    *,
    requirement_sets: dict[str, RequirementSet] | None = None,
    status_names: Iterable[str] | None = None,
) -> QuerySet[CounsellorProfile]:
    """Counsellor profiles tied to the centres where ``user`` is admin, verifier or HR; every one for national admins.

    Tied means holding a staff role there, or, where ``user`` is admin or verifier, also affiliated (home
    centre): HR sees the centre's own staff only. The status numbers are aliases to filter on
    (``annotate_status(select=False)``: all of them, or only ``status_names``; ``with_status`` gives a page its
    figures), and
    ``user.network_memberships`` holds the roles at those centres (every role for national admins), so a
    page costs the same number of queries whatever its length. Empty for everyone else.
    """
    centre_ids = centres_seeing_staff(user)
    staff = Membership.objects.filter(centre_id__in=centre_ids).values("user_id")
    everyone = is_national_admin(user)  # as on the network pages of every centre
    tied = Q() if everyone else Q(home_centre_id__in=centres_seeing_network(user)) | Q(user_id__in=staff)
    profiles: QuerySet[CounsellorProfile] = (
        CounsellorProfile.objects.filter(tied)
        .select_related("user", "county", "home_centre")
        .prefetch_related(
            Prefetch(
                "user__memberships",
                queryset=(
                    Membership.objects.all() if everyone else Membership.objects.filter(centre_id__in=centre_ids)
                ).select_related("centre"),
                to_attr="network_memberships",
            )
        )
    )
    profiles = annotate_status(profiles, requirement_sets=requirement_sets, select=False, names=status_names)
    return profiles.order_by("user__full_name", "user__email")


def audit_rounds_visible_to(user: User) -> QuerySet[AuditRound]:
    """Rounds of the centres where ``user`` is admin or verifier; every round for national admins."""
    rounds = AuditRound.objects.select_related("centre").order_by("-drawn_at", "-pk")
    if is_national_admin(user):
        return rounds
    centre_ids = roles_of(user).centre_ids(Role.ADMIN) | verifier_centre_ids(user)
    return rounds.filter(centre_id__in=centre_ids)


def audit_items_visible_to(user: User) -> QuerySet[AuditItem]:
    """The user's own audited entries and those they may decide as a verifier."""
    return (
        AuditItem.objects.filter(Q(owner=user) | Q(pk__in=audit_items_decidable_by(user).values("pk")))
        .select_related("owner", "round")
        .order_by("-round__drawn_at", "pk")
    )
