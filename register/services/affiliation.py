"""Home centres: a counsellor asks, the centre's admin decides, either side can end it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.phrases import phrase
from notifications.services import notice_send
from register.models import AffiliationStatus, Centre, CounsellorProfile, HomeCentreRequest, Membership, Role
from register.permissions import can_manage_centre
from register.services.organisation import audit_record


@transaction.atomic
def home_centre_request(*, user: User, centre: Centre, message: str = "") -> HomeCentreRequest:
    profile = CounsellorProfile.objects.filter(user=user).first()
    if profile is None:
        raise ValidationError(_("Create your counsellor profile first."))
    if not centre.is_active:
        raise ValidationError(_("This centre is not active."))
    if profile.home_centre_id == centre.pk:
        raise ValidationError(_("This is already your home centre."))
    try:
        with transaction.atomic():
            request = HomeCentreRequest.objects.create(user=user, centre=centre, message=(message or "").strip())
    except IntegrityError:
        raise ValidationError(_("You already have a request waiting. Withdraw it first.")) from None
    for membership in Membership.objects.filter(centre=centre, role=Role.ADMIN).select_related("user"):
        notice_send(
            recipient=membership.user,
            kind="register.home_centre",
            title=phrase("%(name)s asks to have %(centre)s as home centre", name=str(user), centre=centre.name),
            link=reverse("centre_network", kwargs={"slug": centre.slug}),
        )
    return request


@transaction.atomic
def home_centre_decide(*, request: HomeCentreRequest, actor: User, approve: bool) -> HomeCentreRequest:
    request = HomeCentreRequest.objects.select_for_update().select_related("centre", "user").get(pk=request.pk)
    if not can_manage_centre(actor, request.centre):
        raise PermissionDenied(_("Only the centre's admin decides home centre requests."))
    if request.status != AffiliationStatus.REQUESTED:
        raise ValidationError(_("This request has already been decided."))
    request.status = AffiliationStatus.APPROVED if approve else AffiliationStatus.DECLINED
    request.decided_at = timezone.now()
    request.decided_by = actor
    request.save(update_fields=["status", "decided_at", "decided_by"])
    if approve:
        profile = CounsellorProfile.objects.select_for_update().get(user=request.user)
        old = profile.home_centre
        profile.home_centre = request.centre
        profile.save(update_fields=["home_centre", "updated_at"])
        audit_record(
            actor=actor,
            action="profile.home_centre_changed",
            obj=profile,
            subject_user=request.user,
            centre=request.centre,
            details={"from": old.name if old else None, "to": request.centre.name},
        )
    title = (
        phrase("%(centre)s is now your home centre", centre=request.centre.name)
        if approve
        else phrase("%(centre)s declined your home centre request", centre=request.centre.name)
    )
    notice_send(recipient=request.user, kind="register.home_centre", title=title, link=reverse("dashboard"))
    return request


@transaction.atomic
def home_centre_end(*, profile: CounsellorProfile, actor: User) -> CounsellorProfile:
    """The counsellor or the centre's admin ends the affiliation."""
    profile = (
        CounsellorProfile.objects.select_for_update(of=("self",))
        .select_related("home_centre", "user")
        .get(pk=profile.pk)
    )
    centre = profile.home_centre
    if centre is None:
        raise ValidationError(_("There is no home centre to end."))
    if actor.pk != profile.user_id and not can_manage_centre(actor, centre):
        raise PermissionDenied(_("You may not end this affiliation."))
    profile.home_centre = None
    profile.save(update_fields=["home_centre", "updated_at"])
    audit_record(
        actor=actor,
        action="profile.home_centre_changed",
        obj=profile,
        subject_user=profile.user,
        centre=centre,
        details={"from": centre.name, "to": None},
    )
    if actor.pk != profile.user_id:
        notice_send(
            recipient=profile.user,
            kind="register.home_centre",
            title=phrase("%(centre)s is no longer your home centre", centre=centre.name),
            link=reverse("dashboard"),
        )
    return profile


@transaction.atomic
def home_centre_withdraw(*, request: HomeCentreRequest, actor: User) -> HomeCentreRequest:
    """The counsellor withdraws their own request before the centre decides."""
    request = HomeCentreRequest.objects.select_for_update().get(pk=request.pk)
    if request.user_id != actor.pk:
        raise PermissionDenied(_("Only the person who asked may withdraw the request."))
    if request.status != AffiliationStatus.REQUESTED:
        raise ValidationError(_("This request has already been decided."))
    request.status = AffiliationStatus.ENDED
    request.decided_at = timezone.now()
    request.decided_by = actor
    request.save(update_fields=["status", "decided_at", "decided_by"])
    return request
