"""What the leaders' overview pages measure against, and what they remember month by month."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class CoverageStandard(models.Model):
    """The recommended coverage of career centres, set by a national admin.

    The newest row applies; older rows stay as the history of the standard.
    """

    max_adults_per_centre = models.PositiveIntegerField(
        _("at most adults per centre"),
        validators=[MinValueValidator(1, _("Enter at least 1."))],
        help_text=_("Residents aged 19 and over per career centre."),
    )
    min_centres_per_county = models.PositiveSmallIntegerField(
        _("at least centres per county"), default=1, validators=[MinValueValidator(1, _("Enter at least 1."))]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    set_at = models.DateTimeField(_("set"), auto_now_add=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set by"),
    )

    class Meta:
        verbose_name = _("recommended coverage")
        verbose_name_plural = _("recommended coverage")
        ordering = ["-set_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_adults_per_centre__gte=1) & Q(min_centres_per_county__gte=1),
                name="register_coverage_standard_positive",
            )
        ]

    def __str__(self):
        return str(
            _("At most %(adults)s adults per centre, at least %(centres)s centres per county")
            % {"adults": self.max_adults_per_centre, "centres": self.min_centres_per_county}
        )

    def centres_needed(self, adults: int | None) -> int:
        """The centres a county with ``adults`` residents aged 19+ should have (the minimum when unknown)."""
        return max(self.min_centres_per_county, -(-(adults or 0) // self.max_adults_per_centre))


class OverviewSnapshot(models.Model):
    """The overview's figures for one scope (the country, a county, a centre) at the end of one month.

    Aggregates only: counts, shares, sums and medians, never a person. The trend charts read these rows.
    """

    scope = models.CharField(_("scope"), max_length=40, help_text=_('"national", "county-<id>" or "centre-<id>".'))
    month = models.DateField(_("month"), help_text=_("The first day of the month measured."))
    figures = models.JSONField(_("figures"), default=dict)
    created_at = models.DateTimeField(_("stored"), auto_now_add=True)

    class Meta:
        verbose_name = _("overview snapshot")
        verbose_name_plural = _("overview snapshots")
        ordering = ["scope", "month"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "month"], name="register_overview_snapshot_unique"),
            models.CheckConstraint(condition=Q(month__day=1), name="register_overview_snapshot_first_of_month"),
        ]

    def __str__(self):
        return f"{self.scope} {self.month:%Y-%m}"
