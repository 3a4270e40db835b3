from datetime import timedelta

import django_filters
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from register.cpd import Standing
from register.models import Centre, CounsellorProfile, County, CreditEntry, WorkplaceType


class CentreFilter(django_filters.FilterSet):
    county = django_filters.ModelChoiceFilter(
        label=_("County"),
        queryset=County.objects.all(),
        to_field_name="number",
        empty_label=_("All counties"),
        help_text=_("County number, for example 46 for Vestland."),
    )

    class Meta:
        model = Centre
        fields = ["county"]


YES_NO = [("yes", _("Yes")), ("no", _("No"))]

# ?sort= values and the ordering each stands for; anything else is refused by the form and ignored.
NETWORK_SORTS = {
    "name": (Lower("display_name"), "pk"),
    "-name": (Lower("display_name").desc(), "-pk"),
    "credits": ("verified_credits", Lower("display_name"), "pk"),
    "-credits": ("-verified_credits", Lower("display_name"), "pk"),
    "cpd": ("cpd_hours", Lower("display_name"), "pk"),
    "-cpd": ("-cpd_hours", Lower("display_name"), "pk"),
}


class NetworkFilter(django_filters.FilterSet):
    """Filters for a centre's network. Expects the queryset from ``selectors.network.network_counsellors``, with
    the status aliases ``status_names(params)`` names."""

    q = django_filters.CharFilter(label=_("Name or e-mail"), method="filter_search")
    workplace_type = django_filters.ChoiceFilter(
        label=_("Workplace type"), choices=WorkplaceType.choices, empty_label=_("All workplace types")
    )
    county = django_filters.ModelChoiceFilter(
        label=_("County"), queryset=County.objects.all(), to_field_name="number", empty_label=_("All counties")
    )
    meets = django_filters.ChoiceFilter(
        label=_("Meets the requirement"), choices=YES_NO, empty_label=_("All"), method="filter_meets"
    )
    standing = django_filters.ChoiceFilter(
        label=_("Standing"),
        choices=Standing.choices,
        empty_label=_("All"),
        help_text=_("Meets until: lapses within 60 days if nothing is logged."),
    )
    has_pending = django_filters.ChoiceFilter(
        label=_("Has pending entries"), choices=YES_NO, empty_label=_("All"), method="filter_has_pending"
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[
            ("name", _("Name, A–Z")),
            ("-name", _("Name, Z–A")),
            ("credits", _("Verified studiepoeng, fewest first")),
            ("-credits", _("Verified studiepoeng, most first")),
            ("cpd", _("Professional development hours, fewest first")),
            ("-cpd", _("Professional development hours, most first")),
        ],
        empty_label=None,
        method="sort_by",
    )

    class Meta:
        model = CounsellorProfile
        fields = ["q", "workplace_type", "county", "meets", "standing", "has_pending", "sort"]

    # The status alias each filter and sort reads (see ``status_names``).
    STATUS_ALIASES = {"meets": "meets_requirement", "standing": "standing", "has_pending": "pending_credits"}
    SORT_ALIASES = {"credits": "verified_credits", "cpd": "cpd_hours"}

    @classmethod
    def status_names(cls, params):
        """The status aliases the filters and sort in ``params`` (a QueryDict) read: a network listed by name
        needs none, and building them all costs more than the query that lists the page."""
        names = {alias for key, alias in cls.STATUS_ALIASES.items() if params.get(key)}
        sort = cls.SORT_ALIASES.get((params.get("sort") or "").lstrip("-"))
        return sorted(names | ({sort} if sort else set()))

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(user__full_name__icontains=value) | Q(user__email__icontains=value))

    def filter_meets(self, queryset, name, value):
        return queryset.filter(meets_requirement=(value == "yes"))

    def filter_has_pending(self, queryset, name, value):
        return queryset.filter(pending_credits__gt=0) if value == "yes" else queryset.filter(pending_credits=0)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*NETWORK_SORTS[value])


WAITED = [("7", _("More than 7 days")), ("14", _("More than 14 days")), ("30", _("More than 30 days"))]


class VerificationFilter(django_filters.FilterSet):
    """Filters for a verifier's queue. Expects the queryset from ``selectors.network.verification_queue``."""

    q = django_filters.CharFilter(label=_("Counsellor (name or e-mail)"), method="filter_counsellor")
    county = django_filters.ModelChoiceFilter(
        label=_("County of the workplace"),
        field_name="owner__counsellor_profile__county",
        queryset=County.objects.all(),
        to_field_name="number",
        empty_label=_("All counties"),
    )
    waited = django_filters.ChoiceFilter(
        label=_("Waited"), choices=WAITED, empty_label=_("Any time"), method="filter_waited"
    )

    class Meta:
        model = CreditEntry
        fields = ["q", "county", "waited"]

    def filter_counsellor(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(owner__full_name__icontains=value) | Q(owner__email__icontains=value))

    def filter_waited(self, queryset, name, value):
        return queryset.filter(created_at__lte=timezone.now() - timedelta(days=int(value)))
