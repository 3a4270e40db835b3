"""Who may do what in the register. Views, templates and the API all ask these predicates.

A user's roles are read once per request object and kept on it (``_register_roles``).
"""

from collections.abc import Iterable
from datetime import timedelta
from typing import TypeVar

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import BigIntegerField, Model, QuerySet, Value
from django.db.models.functions import Cast
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from register.models import (
    AuditItem,
    Centre,
    CompetenceStatement,
    CounsellorProfile,
    CPDActivity,
    CreditEntry,
    CreditStatus,
    Membership,
    NationalRole,
    NationalRoleKind,
    Role,
)

M = TypeVar("M", bound=Model)


class UserRoles:
    def __init__(
        self,
        memberships: Iterable[tuple[int, str]],
        national: Iterable[str],
        centre_counties: dict[int, int] | None = None,
    ) -> None:
        self.memberships: frozenset[tuple[int, str]] = frozenset(memberships)
        self.national: frozenset[str] = frozenset(national)
        # {centre id: its county's id} of the centres the roles are at.
        self.centre_counties: dict[int, int] = centre_counties or {}

    def at(self, centre_id: int) -> set[str]:
        return {role for cid, role in self.memberships if cid == centre_id}

    def centre_ids(self, role: str | None = None) -> set[int]:
        return {cid for cid, r in self.memberships if role is None or r == role}


def roles_of(user: User | AnonymousUser) -> UserRoles:
    if not user.is_authenticated:
        return UserRoles((), ())
    cached = getattr(user, "_register_roles", None)
    if cached is None:
        # One query on every signed-in page: the centre roles with their centres' counties, and the national
        # roles with no centre (typed NULLs: PostgreSQL would take untyped ones in a UNION for text).
        no_id = Cast(Value(None), BigIntegerField())
        at_centres = (
            Membership.objects.filter(user=user).order_by().values_list("centre_id", "role", "centre__county_id")
        )
        national = NationalRole.objects.filter(user=user).order_by().annotate(centre=no_id, county=no_id)
        memberships: list[tuple[int, str]] = []
        national_roles: list[str] = []
        counties: dict[int, int] = {}
        for centre_id, role, county_id in at_centres.union(national.values_list("centre", "role", "county"), all=True):
            if centre_id is None:
                national_roles.append(role)
            else:
                memberships.append((centre_id, role))
                counties[centre_id] = county_id
        cached = UserRoles(memberships, national_roles, counties)
        user.__dict__["_register_roles"] = cached
    return cached


def forget_roles(user: User) -> None:
    """Drop the per-request cache after roles change."""
    user.__dict__.pop("_register_roles", None)


def is_national_admin(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.is_superuser or NationalRoleKind.ADMIN in roles_of(user).national)


def require_national_admin(user: User | AnonymousUser) -> None:
    """Raise PermissionDenied unless ``user`` is a national admin (pages only they may open)."""
    if not is_national_admin(user):
        raise PermissionDenied


def is_national_moderator(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and NationalRoleKind.MODERATOR in roles_of(user).national


def is_centre_staff(user: User | AnonymousUser, centre: Centre, role: str | Iterable[str] | None = None) -> bool:
    """True if the user holds ``role`` (or any role, when None) at ``centre``.

    ``role`` may be one role or a collection of roles.
    """
    held = roles_of(user).at(centre.pk)
    if role is None:
        return bool(held)
    wanted = {role} if isinstance(role, str) else set(role)
    return bool(held & wanted)


def has_staff_role(user: User | AnonymousUser) -> bool:
    roles = roles_of(user)
    return bool(roles.memberships or roles.national) or (user.is_authenticated and user.is_staff)


def is_professional(user: User | AnonymousUser) -> bool:
    """A career counsellor (has a counsellor profile) or anyone with a staff role: they have a workspace.

    Kept on the user for the request: a role answers it with no query, anyone else with one EXISTS query.
    """
    if not user.is_authenticated:
        return False
    cached = user.__dict__.get("_register_professional")
    if cached is None:
        roles = roles_of(user)
        cached = bool(roles.memberships or roles.national or user.is_superuser) or (
            CounsellorProfile.objects.filter(user=user).exists()
        )
        remember_professional(user, cached)
    return cached


def is_counsellor(user: User | AnonymousUser) -> bool:
    """Has a counsellor profile: logs competence of their own."""
    return user.is_authenticated and CounsellorProfile.objects.filter(user=user).exists()


def remember_professional(user: User, professional: bool) -> None:
    """For a caller that has read the counsellor profile already (the forum's reach): no second query."""
    user.__dict__["_register_professional"] = professional


def requires_staff_mfa(user: User | AnonymousUser) -> bool:
    """Everyone with a staff role (any role at a centre, a national role, Django staff) must use MFA."""
    return user.is_authenticated and (user.is_superuser or has_staff_role(user))


def must_set_up_mfa(user: User | AnonymousUser) -> bool:
    """With REQUIRE_STAFF_MFA on, a staff person without MFA may not read or change personal data yet.

    The one rule behind the pages (``register.middleware.StaffMFAMiddleware``) and the API
    (``register.api.authentication``).
    """
    return settings.REQUIRE_STAFF_MFA and requires_staff_mfa(user) and not is_mfa_enabled(user)


def can_manage_centre(user: User | AnonymousUser, centre: Centre) -> bool:
    return is_national_admin(user) or is_centre_staff(user, centre, Role.ADMIN)


def access_centre_for_management(user: User | AnonymousUser, slug: str) -> Centre:
    centre = get_object_or_404(Centre, slug=slug)
    if not can_manage_centre(user, centre):
        raise PermissionDenied
    return centre


def home_centre_id_of(user: User) -> int | None:
    profile = getattr(user, "counsellor_profile", None)
    return profile.home_centre_id if profile else None


def verifier_centre_ids(user: User | AnonymousUser) -> set[int]:
    """The centres where the user holds the verifier role (empty for everyone else)."""
    return roles_of(user).centre_ids(Role.VERIFIER)


def decidable_by(user: User | AnonymousUser) -> QuerySet[CreditEntry]:
    """The credit entries ``user`` may verify or reject, whatever their state.

    The one statement of the rule: entries of counsellors whose home centre is one where ``user``
    holds the verifier role, never their own. ``can_verify``, the verification pages, the queue and
    the API all read it, so they cannot drift apart. Empty for anyone who verifies nowhere.
    """
    centre_ids = verifier_centre_ids(user)
    if not centre_ids:
        return CreditEntry.objects.none()
    return CreditEntry.objects.filter(owner__counsellor_profile__home_centre_id__in=centre_ids).exclude(
        owner_id=user.pk
    )


def can_verify(user: User | AnonymousUser, credit: CreditEntry) -> bool:
    """A verifier at the owner's home centre, never for their own entries (one query)."""
    return decidable_by(user).filter(pk=credit.pk).exists()


def cpd_decidable_by(user: User | AnonymousUser) -> QuerySet[CPDActivity]:
    """The CPD activities whose evidence ``user`` may look at and decide on: the same rule as ``decidable_by``."""
    centre_ids = verifier_centre_ids(user)
    if not centre_ids:
        return CPDActivity.objects.none()
    return CPDActivity.objects.filter(owner__counsellor_profile__home_centre_id__in=centre_ids).exclude(
        owner_id=user.pk
    )


def can_verify_cpd(user: User | AnonymousUser, activity: CPDActivity) -> bool:
    return cpd_decidable_by(user).filter(pk=activity.pk).exists()


REVERSAL_DAYS = 14


def can_reverse(user: User | AnonymousUser, credit: CreditEntry) -> bool:
    """``user`` made the decision on ``credit`` themselves, less than 14 days ago (no query)."""
    return (
        credit.status != CreditStatus.PENDING
        and credit.decided_by_id == user.pk
        and credit.decided_at is not None
        and credit.decided_at >= timezone.now() - timedelta(days=REVERSAL_DAYS)
    )


# Roles that see the competence of every counsellor tied to their centre: its staff and the counsellors
# whose home centre it is.
NETWORK_ROLES = frozenset({Role.ADMIN, Role.VERIFIER})
# HR sees the competence of the centre's own staff only; anyone else's it checks through a competence
# statement the person gives them (/verify/).
STAFF_ROLES = NETWORK_ROLES | {Role.HR}


def centres_seeing_network(user: User | AnonymousUser) -> set[int]:
    """Centres where ``user`` sees every counsellor tied to the centre (admin, verifier)."""
    roles = roles_of(user)
    return {cid for cid, role in roles.memberships if role in NETWORK_ROLES}


def centres_seeing_staff(user: User | AnonymousUser) -> set[int]:
    """Centres where ``user`` sees the competence of the centre's own staff (admin, verifier, HR)."""
    roles = roles_of(user)
    return {cid for cid, role in roles.memberships if role in STAFF_ROLES}


def can_view_network(user: User | AnonymousUser, centre: Centre) -> bool:
    """May open the centre's network page: national admins, and the centre's admins, verifiers and HR."""
    return is_national_admin(user) or centre.pk in centres_seeing_staff(user)


def sees_whole_network(user: User | AnonymousUser, centre: Centre) -> bool:
    """Sees the counsellors whose home centre it is, not only its staff: HR does not."""
    return is_national_admin(user) or centre.pk in centres_seeing_network(user)


def can_view_evidence(user: User | AnonymousUser, obj: CreditEntry | CPDActivity) -> bool:
    """Evidence of a credit or CPD activity: its owner and the verifiers of the owner's home centre."""
    if not user.is_authenticated:
        return False
    if obj.owner_id == user.pk:
        return True
    home = home_centre_id_of(obj.owner)
    return home is not None and home in roles_of(user).centre_ids(Role.VERIFIER)


def audit_items_decidable_by(user: User | AnonymousUser) -> QuerySet[AuditItem]:
    """Audited entries ``user`` may decide on: drawn at a centre where they verify, never their own."""
    centre_ids = verifier_centre_ids(user)
    if not centre_ids:
        return AuditItem.objects.none()
    return AuditItem.objects.filter(round__centre_id__in=centre_ids).exclude(owner_id=user.pk)


def can_decide_audit(user: User | AnonymousUser, item: AuditItem) -> bool:
    return audit_items_decidable_by(user).filter(pk=item.pk).exists()


def can_view_audits(user: User | AnonymousUser, centre: Centre) -> bool:
    """The centre's audit rounds and results: its admins, its verifiers and national admins."""
    return can_manage_centre(user, centre) or centre.pk in verifier_centre_ids(user)


def access_centre_for_audits(user: User | AnonymousUser, slug: str) -> Centre:
    centre = get_object_or_404(Centre, slug=slug)
    if not can_view_audits(user, centre):
        raise PermissionDenied
    return centre


def access_audit_item_for_decision(user: User | AnonymousUser, pk: int | str) -> AuditItem:
    if not verifier_centre_ids(user):
        raise PermissionDenied
    item = (
        audit_items_decidable_by(user)
        .select_related("round__centre", "owner", "credit", "activity", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    return item


def access_own_audit_item(user: User | AnonymousUser, pk: int | str) -> AuditItem:
    return _own(AuditItem.objects.select_related("round__centre", "credit", "activity"), user, pk)


def access_cpd_for_verification(user: User | AnonymousUser, pk: int | str) -> CPDActivity:
    """The CPD activity ``pk`` with evidence, for a verifier at its owner's home centre (as for credits)."""
    if not verifier_centre_ids(user):
        raise PermissionDenied
    activity = (
        cpd_decidable_by(user)
        .exclude(evidence="")
        .select_related("owner__counsellor_profile__home_centre", "owner__counsellor_profile__county", "reviewed_by")
        .prefetch_related("areas")
        .filter(pk=pk)
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def access_credit_for_verification(user: User | AnonymousUser, pk: int | str) -> CreditEntry:
    """The credit entry ``pk`` for a verifier at its owner's home centre.

    Users without any verifier role get PermissionDenied; a verifier gets 404 for entries they may
    not verify (another centre's counsellors, or their own), so ids reveal nothing.
    """
    if not verifier_centre_ids(user):
        raise PermissionDenied
    credit = (
        decidable_by(user)
        .select_related("owner__counsellor_profile__home_centre", "owner__counsellor_profile__county")
        .prefetch_related("areas")
        .filter(pk=pk)
        .first()
    )
    if credit is None:
        raise Http404
    return credit


def access_centre_for_network(user: User | AnonymousUser, slug: str) -> Centre:
    centre = get_object_or_404(Centre.objects.select_related("county"), slug=slug)
    if not can_view_network(user, centre):
        raise PermissionDenied
    return centre


def access_network_person(user: User | AnonymousUser, slug: str, person_pk: int | str) -> tuple[Centre, User]:
    """(centre, person) for staff who see the centre's network; the person must be tied to the centre.

    Tied means holding a role there, or, for admins and verifiers, also affiliated (home centre). HR sees
    the centre's own staff only. Anyone else's id gives 404.
    """
    centre = access_centre_for_network(user, slug)
    person = get_user_model().objects.select_related("counsellor_profile").filter(pk=person_pk).first()
    if person is None:
        raise Http404
    affiliated = home_centre_id_of(person) == centre.pk and sees_whole_network(user, centre)
    if not affiliated and not Membership.objects.filter(user=person, centre=centre).exists():
        raise Http404
    return centre, person


# --- The counsellor's own records (register/views/counsellor.py) ---
# One call fetches and authorises: another person's id gives 404, so ids reveal nothing.


def _own(queryset: QuerySet[M], user: User | AnonymousUser, pk: int | str) -> M:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(queryset, pk=pk, owner=user)


def access_own_credit(user: User | AnonymousUser, pk: int | str) -> CreditEntry:
    return _own(CreditEntry.objects.prefetch_related("areas"), user, pk)


def access_own_cpd(user: User | AnonymousUser, pk: int | str) -> CPDActivity:
    return _own(CPDActivity.objects.all(), user, pk)


def access_own_statement(user: User | AnonymousUser, pk: int | str) -> CompetenceStatement:
    return _own(CompetenceStatement.objects.all(), user, pk)


# --- The API (register/api/) ---


def is_owner(user: User | AnonymousUser, obj: CreditEntry | CPDActivity | CompetenceStatement) -> bool:
    """The record (credit entry, CPD activity, statement) belongs to ``user``."""
    return user.is_authenticated and obj.owner_id == user.pk


def sees_any_network(user: User | AnonymousUser) -> bool:
    """Admin, verifier or HR at one centre at least: sees counsellors tied to their centres (HR: staff only)."""
    return bool(centres_seeing_staff(user))


def is_verifier(user: User | AnonymousUser) -> bool:
    return bool(verifier_centre_ids(user))
