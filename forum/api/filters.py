"""Filters over ``forum.selectors.thread_list`` (already scoped to what the user may read)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forum.models import Thread


class ThreadFilter(django_filters.FilterSet):
    category = django_filters.CharFilter(
        label=_("Category"), method="filter_category", help_text=_("A category's slug or id.")
    )
    unsolved = django_filters.BooleanFilter(
        label=_("Unsolved questions only"),
        method="filter_unsolved",
        help_text=_("true: only questions without an accepted answer."),
    )
    q = django_filters.CharFilter(label=_("Title contains"), method="filter_q")

    class Meta:
        model = Thread
        fields = ["category", "unsolved", "q"]

    def filter_category(self, queryset, name, value):
        value = value.strip()
        condition = Q(category__slug=value)
        if value.isdigit():
            condition |= Q(category_id=int(value))
        return queryset.filter(condition)

    def filter_unsolved(self, queryset, name, value):
        # The same rule as thread_list(unsolved=True).
        return queryset.filter(is_question=True, accepted_post__isnull=True) if value else queryset

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(title__icontains=value) if value else queryset
