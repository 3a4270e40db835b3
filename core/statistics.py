"""Medians and 90th percentiles per group, in one query, on SQLite and PostgreSQL alike.

- *Median*: the middle value; with an even number of values, the mean of the two middle ones.
- *90th percentile*: nearest rank: the value at rank ``ceil(0.9 * n)`` (1-based) of the ``n`` values in
  ascending order, so it is always a value that occurred.
"""

from typing import Any

from django.db.models import Count, Expression, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber


def median_position(count: int) -> tuple[int, int]:
    """The 0-based offsets of the middle value(s) of ``count`` ordered values: one for odd, two for even."""
    return (count - 1) // 2, count // 2


def p90_position(count: int) -> int:
    """The 0-based offset of the nearest-rank 90th percentile: rank ceil(0.9 * count), without floats."""
    return (9 * count + 9) // 10 - 1


def grouped_median_and_p90(
    queryset: QuerySet[Any], group: str, value: str | Expression
) -> dict[Any, tuple[Any, Any, int]]:
    """``{group value: (median, 90th percentile, count)}`` of ``value`` over the rows of ``queryset``, in one query.

    Each row gets its rank within its group (window functions) and its group's size; only the rows at the
    median and percentile ranks come back: at most three per group. ``value`` is a field name or an
    expression (e.g. the difference of two times); rows where it is null are left out. Medians of an even
    count are the mean of the two middle values, so they must support ``+`` and ``/``.
    """
    expression = F(value) if isinstance(value, str) else value
    ranked = (
        queryset.order_by()
        .alias(_value=expression)
        .filter(_value__isnull=False)
        .annotate(
            _position=Window(RowNumber(), partition_by=[F(group)], order_by=[F("_value").asc(), F("pk").asc()]),
            _size=Window(Count("pk"), partition_by=[F(group)]),
            _picked=expression,
        )
    )
    picks = ranked.filter(
        Q(_position=(F("_size") + 1) / 2) | Q(_position=F("_size") / 2 + 1) | Q(_position=(F("_size") * 9 + 9) / 10)
    )
    found: dict[Any, dict[int, tuple[int, Any]]] = {}
    for key, position, size, picked in picks.values_list(group, "_position", "_size", "_picked"):
        found.setdefault(key, {})[position - 1] = (size, picked)
    results = {}
    for key, by_offset in found.items():
        size = next(iter(by_offset.values()))[0]
        low, high = median_position(size)
        middle = [by_offset[low][1], by_offset[high][1]] if low != high else [by_offset[low][1]]
        median = middle[0] if len(middle) == 1 else (middle[0] + middle[1]) / 2
        results[key] = (median, by_offset[p90_position(size)][1], size)
    return results
