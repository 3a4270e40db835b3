from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from register.evidence import evidence_upload_to, get_private_storage


class AuditKind(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly")
    ON_DEMAND = "on_demand", _("On demand")


class AuditRound(models.Model):
    """A random draw of a centre's counsellors' verified credits and self-declared CPD, to be backed by evidence.

    The draw is reproducible: ``population`` (the keys that could be drawn, in order) and ``seed`` are
    stored, so ``random.Random(seed).sample(population, len(drawn))`` gives the same rows to anyone.
    """

    centre = models.ForeignKey(
        "register.Centre", on_delete=models.CASCADE, related_name="audit_rounds", verbose_name=_("centre")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AuditKind.choices)
    label = models.CharField(_("round"), max_length=40)
    drawn_at = models.DateTimeField(_("drawn"), default=timezone.now)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drawn by"),
    )
    share = models.DecimalField(_("share drawn"), max_digits=4, decimal_places=3)
    seed = models.CharField(_("seed"), max_length=64)
    population = models.JSONField(_("could be drawn"), default=list)
    drawn = models.JSONField(_("drawn"), default=list)
    deadline = models.DateField(_("evidence due"))

    class Meta:
        verbose_name = _("evidence audit")
        verbose_name_plural = _("evidence audits")
        ordering = ["-drawn_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "label"], condition=Q(kind="quarterly"), name="register_audit_one_per_quarter"
            ),
            models.CheckConstraint(condition=Q(share__gt=0, share__lte=1), name="register_audit_share_0_to_1"),
        ]

    def __str__(self):
        return f"{self.centre}: {self.label}"


class AuditOutcome(models.TextChoices):
    REQUESTED = "requested", _("Evidence asked for")
    SUBMITTED = "submitted", _("Evidence sent, waits for the verifier")
    CONFIRMED = "confirmed", _("Confirmed")
    NOT_CONFIRMED = "not_confirmed", _("Not confirmed")


class AuditItem(models.Model):
    """One drawn credit entry or CPD activity: the owner sends evidence, a verifier records the outcome."""

    round = models.ForeignKey(AuditRound, on_delete=models.CASCADE, related_name="items", verbose_name=_("audit"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_items", verbose_name=_("owner")
    )
    credit = models.OneToOneField(
        "register.CreditEntry",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit",
        verbose_name=_("credit entry"),
    )
    activity = models.OneToOneField(
        "register.CPDActivity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="audit",
        verbose_name=_("professional development activity"),
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=AuditOutcome.choices, default=AuditOutcome.REQUESTED
    )
    evidence = models.FileField(
        _("evidence"), upload_to=evidence_upload_to, storage=get_private_storage, blank=True, max_length=300
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_type = models.CharField(_("evidence type"), max_length=50, blank=True)
    message = models.TextField(_("message from the counsellor"), max_length=1000, blank=True)
    submitted_at = models.DateTimeField(_("evidence sent"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("audited entry")
        verbose_name_plural = _("audited entries")
        ordering = ["round", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(credit__isnull=False, activity__isnull=True)
                | Q(credit__isnull=True, activity__isnull=False),
                name="register_audit_item_one_target",
            )
        ]

    def __str__(self):
        return f"{self.round}: {self.target}"

    @property
    def target(self):
        return self.credit or self.activity

    @property
    def title(self):
        return self.target.title if self.target else ""

    @property
    def is_open(self):
        return self.outcome in (AuditOutcome.REQUESTED, AuditOutcome.SUBMITTED)

    @property
    def unanswered(self):
        """No evidence by the deadline: the entry stops counting, as if not confirmed."""
        return self.outcome == AuditOutcome.REQUESTED and self.round.deadline < timezone.localdate()

    @property
    def fails(self):
        return self.outcome == AuditOutcome.NOT_CONFIRMED or self.unanswered


def failing_audits(on=None) -> Q:
    """AuditItem rows whose entry no longer counts on ``on``: not confirmed, or no evidence by the deadline."""
    on = on or timezone.localdate()
    return Q(outcome=AuditOutcome.NOT_CONFIRMED) | Q(outcome=AuditOutcome.REQUESTED, round__deadline__lt=on)
