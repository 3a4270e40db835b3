"""The overview's figures, kept for a few minutes.

A national page reads every counsellor, entry and question in the country (about 1.5 s at national
scale); its readers look at it a few times a day and the figures move slowly, so each scope, period
and language is computed once per ``OVERVIEW_FRESH_SECONDS`` and the page says when. Changing what
the figures are measured against (the coverage standard, the population) forgets them at once.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from register.overview.scope import Scope
from register.overview.sections import Contribution, Period, contributions

GENERATION_KEY = "overview:generation"


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = 1
        cache.set(GENERATION_KEY, generation, None)
    return int(generation)


def figures(scope: Scope, period: Period) -> tuple[list[Contribution], datetime.datetime]:
    """The contributions for ``scope`` and ``period`` and when they were computed."""
    seconds = settings.OVERVIEW_FRESH_SECONDS
    if not seconds:
        return contributions(scope, period), timezone.now()
    key = f"overview:{_generation()}:{scope.key}:{period.start}:{period.end}:{get_language()}"
    kept = cache.get(key)
    if kept is None:
        kept = (contributions(scope, period), timezone.now())
        cache.set(key, kept, seconds)
    return kept


def forget_figures() -> None:
    """Compute every scope afresh on its next view (the figures' yardsticks changed)."""
    cache.set(GENERATION_KEY, _generation() + 1, None)
