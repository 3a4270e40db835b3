"""The queue's filters: topic, county, only the unclaimed questions, only mine."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from guidance.models import Question, Topic
from register.models import County


class QueueFilter(django_filters.FilterSet):
    """Expects ``selectors.waiting_questions()`` and the request (for "only mine")."""

    topic = django_filters.ChoiceFilter(
        label=_("Topic"),
        choices=Topic.choices,
        empty_label=_("All topics"),
        error_messages={"invalid_choice": _("Choose a topic from the list.")},
    )
    county = django_filters.ModelChoiceFilter(
        label=_("County"),
        queryset=County.objects.order_by("number"),
        to_field_name="number",
        empty_label=_("All counties"),
        error_messages={"invalid_choice": _("Choose a county from the list.")},
    )
    unclaimed = django_filters.BooleanFilter(
        label=_("Only unclaimed questions"), method="filter_unclaimed", widget=forms.CheckboxInput
    )
    mine = django_filters.BooleanFilter(
        label=_("Only questions I have claimed"), method="filter_mine", widget=forms.CheckboxInput
    )

    class Meta:
        model = Question
        fields = ["topic", "county", "unclaimed", "mine"]

    def filter_unclaimed(self, queryset, name, value):
        return queryset.filter(claimed_by__isnull=True) if value else queryset

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        user = getattr(self.request, "user", None)
        return queryset.filter(claimed_by=user) if user is not None and user.is_authenticated else queryset.none()
