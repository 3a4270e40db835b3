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
    checked_at = models.DateTimeField(_("checked"), auto_now_add=True, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=20)

    class Meta:
        verbose_name = _("statement lookup")
        verbose_name_plural = _("statement lookups")
        ordering = ["-checked_at"]

    def __str__(self):
        return f"{self.checked_at:%d.%m.%Y %H:%M} {self.outcome}"
