"""The event listing's filters, shared by the public pages, the API and (later) the portal."""

import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Audience, Event, EventKind
from register.models import Centre, County

EVENT_SORTS = {
    "start": ("starts_at", "id"),
    "-published": ("-published_at", "-id"),
}


class EventFilter(django_filters.FilterSet):
    """Expects the queryset from ``selectors.event_listing`` (annotated with ``free_places``)."""

    county = django_filters.ModelChoiceFilter(
        label=_("County"),
        queryset=County.objects.all(),
        to_field_name="number",
        empty_label=_("All counties"),
        help_text=_("County number, for example 46 for Vestland."),
    )
    centre = django_filters.ModelChoiceFilter(
        label=_("Career centre"),
        queryset=Centre.objects.active(),
        to_field_name="slug",
        empty_label=_("All centres"),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices, empty_label=_("All kinds"))
    audience = django_filters.ChoiceFilter(
        label=_("For"), choices=Audience.choices, empty_label=_("All audiences"), method="filter_audience"
    )
    date_from = django_filters.DateFilter(
        label=_("From date"), method="filter_date_from", help_text=_("Events still going on this date or later.")
    )
    date_to = django_filters.DateFilter(
        label=_("To date"), method="filter_date_to", help_text=_("Events starting on this date or earlier.")
    )
    free_places = django_filters.BooleanFilter(
        label=_("Only with free places"), method="filter_free_places", widget=django_filters.widgets.BooleanWidget
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[("start", _("Date, soonest first")), ("-published", _("Newest first"))],
        empty_label=None,
        method="filter_sort",
    )

    class Meta:
        model = Event
        fields = ["county", "centre", "kind", "audience", "date_from", "date_to", "free_places"]

    def filter_audience(self, queryset, name, value):
        # An event for everyone is for every audience too.
        return queryset.filter(Q(audience=value) | Q(audience=Audience.EVERYONE)) if value else queryset

    def _day_start(self, value):
        return timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(ends_at__gte=self._day_start(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(starts_at__lt=self._day_start(value) + datetime.timedelta(days=1))

    def filter_free_places(self, queryset, name, value):
        if value is None:
            return queryset
        has_free = Q(capacity__isnull=True) | Q(free_places__gt=0)
        return queryset.filter(has_free, status="published") if value else queryset.exclude(has_free)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*EVENT_SORTS.get(value, EVENT_SORTS["start"]))
