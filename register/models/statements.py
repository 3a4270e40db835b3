from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CompetenceStatement(models.Model):
    """A snapshot of a counsellor's verified competence that HR can check by its code."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="statements", verbose_name=_("owner")
    )
    code = models.CharField(_("code"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("issued"), default=timezone.now)
    expires_on = models.DateField(_("valid until"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    holder_name = models.CharField(_("name"), max_length=200)
    snapshot = models.JSONField(_("snapshot"), default=dict)

    class Meta:
        verbose_name = _("competence statement")
        verbose_name_plural = _("competence statements")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.holder_name} {self.created_at:%d.%m.%Y}"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_on < timezone.localdate()

    @property
    def is_valid(self):
        return not self.is_revoked and not self.is_expired


class StatementLookup(models.Model):
    """Every check of a code on /verify/, so the holder sees when their statement was checked."""

    statement = models.ForeignKey(
        CompetenceStatement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lookups",
        verbose_name=_("statement"),
    )
    certificate = models.ForeignKey(
        "AttendanceCertificate",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lookups",
        verbose_name=_("certificate of attendance"),
    )
    checked_at = models.DateTimeField(_("checked"), auto_now_add=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=20)
    # Who checked, for the holder's eyes only: a signed-in person and the centres where they had a role then,
    # or the organisation an anonymous checker typed in (optional).
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checker_centres = models.CharField(_("checker's centres"), max_length=300, blank=True)
    organisation = models.CharField(_("checker's organisation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("statement lookup")
        verbose_name_plural = _("statement lookups")
        ordering = ["-checked_at"]

    def __str__(self):
        return f"{self.checked_at:%d.%m.%Y %H:%M} {self.outcome}"


class AttendanceCertificate(models.Model):
    """Proof that someone attended e.g. a course, issued by the feature app that ran it.

    The register keeps the certificate (and checks its code on /verify/) without knowing the
    event: the issuer passes everything the certificate shows. One per owner and source; marking
    the attendance away revokes it, marking it again restores it under the same code.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="attendance_certificates",
        verbose_name=_("owner"),
    )
    code = models.CharField(_("code"), max_length=40, unique=True)
    source = models.CharField(_("source"), max_length=20)
    source_ref = models.CharField(_("source reference"), max_length=100)
    holder_name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    issuer_name = models.CharField(_("issued by"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    area_numbers = models.JSONField(_("competence areas"), default=list, blank=True)
    created_at = models.DateTimeField(_("issued"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source", "source_ref"], name="register_certificate_one_per_source"
            )
        ]

    def __str__(self):
        return f"{self.holder_name}: {self.title}"

    @property
    def is_revoked(self):
        return self.revoked_at is not None
