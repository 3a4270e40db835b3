"""Random evidence audits: a reproducible draw per centre, evidence from the counsellor, an outcome from a verifier.

Each quarter (and whenever a centre admin asks) the platform draws a share (default 10 %, at least one)
of the verified credit entries and self-declared CPD activities of the counsellors whose home centre is
the centre and that were never audited. The population is sorted and stored with the seed, so anyone
can draw again and get the same rows (``draw_checks_out``). Those drawn are asked for evidence within
30 days; what is not confirmed, or not answered in time, stops counting (``register.cpd``).
"""

import math
import random
import secrets
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from core.phrases import phrase, verbatim
from notifications.services import notice_send
from register.evidence import evidence_file_name, validate_evidence
from register.models import (
    ActivitySource,
    AuditItem,
    AuditKind,
    AuditOutcome,
    AuditRound,
    Centre,
    CPDActivity,
    CreditEntry,
    CreditStatus,
    EvidenceLevel,
    Membership,
    Role,
)
from register.permissions import can_decide_audit, can_manage_centre
from register.services.organisation import audit_record

DEFAULT_SHARE = Decimal("0.10")
ANSWER_DAYS = 30


def quarter_label(on: date) -> str:
    return f"{on.year} Q{(on.month - 1) // 3 + 1}"


def _population(centre: Centre) -> list[str]:
    """Keys of what may be drawn, in a fixed order: "credit:<id>" and "cpd:<id>", never audited before."""
    tied = {"owner__counsellor_profile__home_centre": centre}
    credits = CreditEntry.objects.filter(status=CreditStatus.VERIFIED, audit__isnull=True, **tied)
    activities = CPDActivity.objects.filter(
        source=ActivitySource.MANUAL, evidence_level=EvidenceLevel.SELF_DECLARED, audit__isnull=True, **tied
    )
    keys = [f"credit:{pk}" for pk in credits.order_by("pk").values_list("pk", flat=True)]
    return keys + [f"cpd:{pk}" for pk in activities.order_by("pk").values_list("pk", flat=True)]


def sample_size(population: int, share: Decimal) -> int:
    return min(population, max(1, math.ceil(population * share))) if population else 0


def draw(population: list[str], seed: str, size: int) -> list[str]:
    """The draw, as anyone can repeat it: Python's ``random.Random(seed).sample(population, size)``."""
    # Repeatable on purpose; the secret part is the seed, from secrets.token_hex.
    return random.Random(seed).sample(population, size)  # noqa: S311


def draw_checks_out(round_: AuditRound) -> bool:
    """Drawing again from the stored population and seed gives the rows that were drawn."""
    return draw(round_.population, round_.seed, len(round_.drawn)) == round_.drawn


def _share(value: Decimal | str | None) -> Decimal:
    try:
        share = Decimal(str(value).replace(",", ".")) if value not in (None, "") else DEFAULT_SHARE
    except ArithmeticError:
        share = Decimal(-1)
    if not share.is_finite() or not Decimal("0.01") <= share <= 1:
        raise ValidationError({"share": _("Give a share between 1 and 100 per cent.")})
    return share.quantize(Decimal("0.001"))


@transaction.atomic
def audit_draw(
    *, centre: Centre, actor: User | None = None, share: Decimal | str | None = None, on: date | None = None
) -> AuditRound:
    """Draw an audit for ``centre``: on demand by a centre admin (``actor``), or the quarter's (no actor)."""
    if actor is not None and not can_manage_centre(actor, centre):
        raise PermissionDenied(_("Only the centre's administrators start an evidence audit."))
    on = on or timezone.localdate()
    share_value = _share(share)
    population = _population(centre)
    if not population:
        raise ValidationError(_("Nothing to audit: no verified courses or self-declared hours not already audited."))
    seed = secrets.token_hex(16)
    drawn = draw(population, seed, sample_size(len(population), share_value))
    kind = AuditKind.ON_DEMAND if actor else AuditKind.QUARTERLY
    label = quarter_label(on) if kind == AuditKind.QUARTERLY else date_format(on, "Y-m-d")
    try:
        with transaction.atomic():
            round_ = AuditRound.objects.create(
                centre=centre,
                kind=kind,
                label=label,
                drawn_by=actor,
                share=share_value,
                seed=seed,
                population=population,
                drawn=drawn,
                deadline=on + timedelta(days=ANSWER_DAYS),
            )
    except IntegrityError:
        raise ValidationError(_("This quarter's audit has already been drawn.")) from None
    credits = CreditEntry.objects.in_bulk([int(k.split(":")[1]) for k in drawn if k.startswith("credit:")])
    activities = CPDActivity.objects.in_bulk([int(k.split(":")[1]) for k in drawn if k.startswith("cpd:")])
    items = []
    for key in drawn:
        kind_key, pk = key.split(":")
        target = credits[int(pk)] if kind_key == "credit" else activities[int(pk)]
        field = "credit" if kind_key == "credit" else "activity"
        items.append(AuditItem(round=round_, owner_id=target.owner_id, **{field: target}))
    AuditItem.objects.bulk_create(items)
    audit_record(
        actor=actor,
        action="audit.drawn",
        obj=round_,
        centre=centre,
        details={"label": label, "population": len(population), "drawn": len(drawn), "seed": seed},
    )
    for item in AuditItem.objects.filter(round=round_).select_related("owner", "credit", "activity"):
        notice_send(
            recipient=item.owner,
            kind="register.audit",
            title=phrase(
                "Evidence audit: send evidence for %(title)s by %(date)s", title=item.title, date=round_.deadline
            ),
            body=phrase(
                "Your centre checks a random sample of what counsellors have logged. Yours was drawn: upload "
                "evidence within 30 days, or the entry stops counting towards the requirement."
            ),
            link=reverse("audit_item", kwargs={"pk": item.pk}),
        )
    return round_


def quarterly_audits_draw(*, on: date | None = None) -> int:
    """The quarter's audit for every centre with something to draw (run on the first day of each quarter)."""
    drawn = 0
    for centre in Centre.objects.order_by("pk"):
        try:
            audit_draw(centre=centre, on=on)
        except ValidationError:
            continue
        drawn += 1
    return drawn


@transaction.atomic
def audit_submit(*, item: AuditItem, actor: User, evidence: UploadedFile | None, message: str = "") -> AuditItem:
    """The owner sends the evidence asked for (again, if the first file was not decided on yet)."""
    item = AuditItem.objects.select_for_update().select_related("round").get(pk=item.pk)
    if item.owner_id != actor.pk:
        raise PermissionDenied(_("Only the owner may send evidence for this entry."))
    if not item.is_open:
        raise ValidationError(_("This audit is decided; no more evidence is needed."))
    if not evidence:
        raise ValidationError({"evidence": _("Upload the evidence: a PDF, PNG or JPEG file.")})
    evidence_type = validate_evidence(evidence)
    old_file = item.evidence.name
    item.evidence = evidence
    item.evidence_type = evidence_type
    item.evidence_name = evidence_file_name(evidence.name, evidence_type)
    item.message = (message or "").strip()[:1000]
    item.outcome = AuditOutcome.SUBMITTED
    item.submitted_at = timezone.now()
    item.save()
    if old_file:
        storage = item.evidence.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    for membership in Membership.objects.filter(centre=item.round.centre, role=Role.VERIFIER).select_related("user"):
        if membership.user_id != actor.pk:
            notice_send(
                recipient=membership.user,
                kind="register.to_verify",
                title=phrase("Audit evidence to look at: %(title)s", title=item.title),
                link=reverse("audit_decide", kwargs={"pk": item.pk}),
            )
    return item


@transaction.atomic
def audit_decide(*, item: AuditItem, verifier: User, confirmed: bool, reason: str = "") -> AuditItem:
    """Record the outcome. Not confirmed needs a reason; the entry then stops counting."""
    item = AuditItem.objects.select_for_update().select_related("round", "owner").get(pk=item.pk)
    if not can_decide_audit(verifier, item):
        raise PermissionDenied(_("You may not decide on this audit."))
    if not item.is_open:
        raise ValidationError(_("This audit has already been decided."))
    reason = (reason or "").strip()
    if not confirmed and not reason:
        raise ValidationError({"reason": _("Say why the evidence does not confirm the entry.")})
    item.outcome = AuditOutcome.CONFIRMED if confirmed else AuditOutcome.NOT_CONFIRMED
    item.decided_by = verifier
    item.decided_at = timezone.now()
    item.reason = reason
    item.save(update_fields=["outcome", "decided_by", "decided_at", "reason"])
    if confirmed and item.activity_id:
        CPDActivity.objects.filter(pk=item.activity_id).update(evidence_level=EvidenceLevel.EVIDENCED)
    audit_record(
        actor=verifier,
        action=f"audit.{item.outcome}",
        obj=item,
        subject_user=item.owner,
        centre=item.round.centre,
        details={"title": item.title, "reason": reason, "round": item.round.label},
    )
    title = (
        phrase("Audit: %(title)s is confirmed", title=item.title)
        if confirmed
        else phrase("Audit: %(title)s is not confirmed and no longer counts", title=item.title)
    )
    notice_send(
        recipient=item.owner,
        kind="register.audit",
        title=title,
        body=verbatim(reason),
        link=reverse("audit_item", kwargs={"pk": item.pk}),
    )
    return item
