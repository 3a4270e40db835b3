"""Reads for centre staff: the verification queue and a centre's network.

Every query here owns its joins, so a page of 25 rows costs the same as a page of 1,000 rows'
worth of data: no template reaches back to the database.
"""

from collections.abc import Iterable
from typing import Any, TypedDict

from django.db.models import CharField, Count, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf

from accounts.models import User
from register.models import (
    AffiliationStatus,
    AuditEntry,
    Centre,
    CounsellorProfile,
    CPDActivity,
    CreditEntry,
    CreditStatus,
    EvidenceReview,
    HomeCentreRequest,
    Membership,
    RequirementSet,
    Role,
    SelfAssessment,
)
from register.permissions import cpd_decidable_by, decidable_by, verifier_centre_ids
from register.status import annotate_status, competence_areas, with_status


def verification_queue(*, verifier: User) -> QuerySet[CreditEntry]:
    """Pending entries of counsellors whose home centre is one where ``verifier`` verifies, oldest first.

    The verifier's own entries are never in their queue.
    """
    return (
        decidable_by(verifier)
        .filter(status=CreditStatus.PENDING)
        .select_related("owner__counsellor_profile__home_centre")
        .prefetch_related("areas")
        .order_by("created_at", "pk")
    )


def evidence_queue(*, verifier: User) -> QuerySet[CPDActivity]:
    """CPD activities whose evidence waits for ``verifier`` (the same counsellors as the credit queue), oldest first."""
    return (
        cpd_decidable_by(verifier)
        .filter(review=EvidenceReview.PENDING)
        .select_related("owner__counsellor_profile__home_centre")
        .order_by("created_at", "pk")
    )


def verification_counts(*, verifier: User) -> list[Centre]:
    """The verifier's centres by name, each with ``pending_count``: the same entries as the queue (2 queries)."""
    counts = dict(
        verification_queue(verifier=verifier)
        .prefetch_related(None)
        .order_by()
        .values("owner__counsellor_profile__home_centre_id")
        .annotate(n=Count("pk"))
        .values_list("owner__counsellor_profile__home_centre_id", "n")
    )
    centres = list(Centre.objects.filter(pk__in=verifier_centre_ids(verifier)).order_by("name"))
    for centre in centres:
        centre.__dict__["pending_count"] = counts.get(centre.pk, 0)  # for the template; not a field
    return centres


def verifiers_at_managed_centres(*, admin: User) -> list[Centre]:
    """The centres where ``admin`` holds the admin role, by name, each with ``verifiers``: who verifies there.

    Two queries whatever the number of centres and verifiers.
    """
    centres = list(
        Centre.objects.filter(memberships__user=admin, memberships__role=Role.ADMIN).distinct().order_by("name")
    )
    verifiers: dict[int, list[User]] = {centre.pk: [] for centre in centres}
    memberships = Membership.objects.filter(centre_id__in=verifiers, role=Role.VERIFIER).select_related("user")
    for membership in memberships.order_by("user__full_name", "user__email"):
        verifiers[membership.centre_id].append(membership.user)
    for centre in centres:
        centre.__dict__["verifiers"] = verifiers[centre.pk]  # for the template; not a field
    return centres


def credit_history(*, credit: CreditEntry) -> QuerySet[AuditEntry]:
    """The audit trail of one credit entry, newest first."""
    return AuditEntry.objects.filter(object_type=credit._meta.label_lower, object_id=str(credit.pk)).select_related(
        "actor", "centre"
    )


def _with_display_name(profiles: QuerySet[CounsellorProfile]) -> QuerySet[CounsellorProfile]:
    return profiles.annotate(
        display_name=Coalesce(NullIf("user__full_name", Value("")), "user__email", output_field=CharField())
    )


def network_counsellors(
    *,
    centre: Centre,
    requirement_sets: dict[str, RequirementSet] | None = None,
    status_names: Iterable[str] | None = None,
) -> QuerySet[CounsellorProfile]:
    """Counsellors whose home centre is ``centre``, sorted by name, with their status as aliases to filter and
    sort on (``annotate_status(select=False)``: all of them, or only ``status_names``); ``with_status`` gives
    the rows shown their figures."""
    profiles = CounsellorProfile.objects.filter(home_centre=centre).select_related("user", "county")
    profiles = _with_display_name(profiles)
    profiles = annotate_status(profiles, requirement_sets=requirement_sets, select=False, names=status_names)
    return profiles.order_by(Lower("display_name"), "pk")


def network_rows(*, centre: Centre, ids: list[int]) -> QuerySet[CounsellorProfile]:
    """The counsellors with those ids in ``centre``'s network, as ``network_counsellors`` lists them but without
    the status (a list gives its rows the figures with ``with_status``)."""
    profiles = CounsellorProfile.objects.filter(home_centre=centre, pk__in=ids).select_related("user", "county")
    return _with_display_name(profiles)


def network_export_rows(*, centre: Centre, ids: list[int]) -> list[dict[str, Any]]:
    """The counsellors with those ids in ``centre``'s network, in that order, as the plain values the CSV export
    writes (no model instances: building thousands of them cost more than the query). Their figures come from
    ``statuses_for``, asked once for the lot."""
    profiles = _with_display_name(CounsellorProfile.objects.filter(home_centre=centre, pk__in=ids))
    # django-stubs does not see the display_name annotation.
    rows = profiles.values(  # type: ignore[misc]
        "pk", "user_id", "display_name", "user__email", "workplace_type", "workplace_name", "county__name"
    )
    by_pk = {row["pk"]: row for row in rows.order_by()}
    return [by_pk[pk] for pk in ids]


class StaffRow(TypedDict):
    user: User
    roles: list[str]
    profile: CounsellorProfile | None


def network_staff(*, centre: Centre, requirement_sets: dict[str, RequirementSet] | None = None) -> list[StaffRow]:
    """The centre's staff, one row per person: ``user``, ``roles`` (labels) and ``profile`` (annotated, or None).

    Two queries whatever the number of staff.
    """
    memberships = Membership.objects.filter(centre=centre).select_related("user").order_by("user__email", "role")
    people: dict[int, StaffRow] = {}
    for membership in memberships:
        row = people.setdefault(membership.user_id, {"user": membership.user, "roles": [], "profile": None})
        row["roles"].append(membership.get_role_display())
    if people:
        profiles = CounsellorProfile.objects.filter(user_id__in=people).select_related("home_centre")
        for profile in with_status(profiles, sets=requirement_sets):
            people[profile.user_id]["profile"] = profile
    return sorted(people.values(), key=lambda row: (str(row["user"]).lower(), row["user"].pk))


def open_home_centre_requests(*, centre: Centre) -> QuerySet[HomeCentreRequest]:
    return (
        HomeCentreRequest.objects.filter(centre=centre, status=AffiliationStatus.REQUESTED)
        .select_related("user__counsellor_profile__county")
        .order_by("created_at", "pk")
    )


def verified_entries_of(*, user: User) -> QuerySet[CreditEntry]:
    return (
        CreditEntry.objects.filter(owner=user, status=CreditStatus.VERIFIED)
        .select_related("decided_by")
        .prefetch_related("areas")
        .order_by("-completed_on", "-pk")
    )


def competence_by_area(*, user: User, entries: list[CreditEntry] | QuerySet[CreditEntry]) -> list[dict[str, Any]]:
    """One row per competence area: the person's self-assessment beside their verified entries there.

    ``entries`` are the verified entries (with ``areas`` prefetched); one query for the areas and
    one for the self-assessments.
    """
    assessments = {a.area_id: a for a in SelfAssessment.objects.filter(user=user)}
    rows = []
    for area in competence_areas():
        rows.append(
            {
                "area": area,
                "assessment": assessments.get(area.pk),
                "entries": [entry for entry in entries if any(a.pk == area.pk for a in entry.areas.all())],
            }
        )
    return rows
