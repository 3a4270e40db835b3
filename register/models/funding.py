"""Funding key scenarios: how a national grant would be shared between the counties."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class FundingScenario(models.Model):
    """A named, saved distribution of a total grant by base, population, shortfall and incentive.

    ``inputs`` keeps the per-county figures the scenario was computed from (adults, centres, the standard's
    shortfall, the incentive measure) and ``amounts`` the whole-kroner result, so a saved scenario shows
    what it showed when it was made, whatever the figures are later.
    """

    name = models.CharField(_("name"), max_length=200)
    total = models.PositiveBigIntegerField(_("total grant (NOK)"))
    base_per_county = models.PositiveBigIntegerField(_("fixed base per county (NOK)"), default=0)
    population_weight = models.PositiveSmallIntegerField(_("share by adult population (%)"), default=0)
    shortfall_weight = models.PositiveSmallIntegerField(_("share by coverage shortfall (%)"), default=0)
    incentive_weight = models.PositiveSmallIntegerField(_("incentive share (%)"), default=0)
    incentive_measure = models.CharField(_("incentive by"), max_length=40, blank=True)
    floor = models.PositiveBigIntegerField(_("floor per county (NOK)"), null=True, blank=True)
    cap = models.PositiveBigIntegerField(_("cap per county (NOK)"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    inputs = models.JSONField(_("figures used"), default=dict)
    amounts = models.JSONField(_("amounts"), default=dict)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )

    class Meta:
        verbose_name = _("funding scenario")
        verbose_name_plural = _("funding scenarios")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(population_weight__lte=100) & Q(shortfall_weight__lte=100) & Q(incentive_weight__lte=100),
                name="register_funding_weights_percent",
                violation_error_message=_("Each share is a percentage from 0 to 100."),
            ),
            models.CheckConstraint(
                condition=Q(floor__isnull=True) | Q(cap__isnull=True) | Q(floor__lte=F("cap")),
                name="register_funding_floor_below_cap",
                violation_error_message=_("The floor is higher than the cap."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("funding_scenario", kwargs={"pk": self.pk})
