"""Demo data for the leaders' overview: a recommended coverage and two years of monthly snapshots.

The snapshots start from the figures the demo data gives today, computed for real, and are carried
back 24 months with a steady drift so the trend charts have a shape. They are marked as demo figures,
and only the country and Karriere Oslo (leder@'s centre) with its county get them; the scheduled task
stores real ones from the first of next month.
"""

import datetime
from typing import Any

from django.utils import timezone

from register.models import Centre, County, CoverageStandard, OverviewSnapshot
from register.overview.scope import Scope
from register.overview.sections import Period
from register.overview.snapshots import TREND_MONTHS, figures_of

DEMO_STANDARD = {"max_adults_per_centre": 150_000, "min_centres_per_county": 1}


def _drift(value: Any, months_back: int) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return max(0, round(value * (1 - 0.012 * months_back)))
    if isinstance(value, float):
        return max(0.0, value * (1 - 0.009 * months_back)) if value <= 1 else value * (1 + 0.015 * months_back)
    return value


def seed_overview_demo() -> tuple[bool, int]:
    """(whether the standard was created, snapshots created). Safe to run again."""
    standard_created = False
    if not CoverageStandard.objects.exists():
        CoverageStandard.objects.create(**DEMO_STANDARD, note="Demo value until the national admin sets one.")
        standard_created = True
    oslo = County.objects.filter(number="03").first()
    scopes = [Scope()]
    if oslo is not None:
        scopes.append(Scope(county=oslo))
        centre = Centre.objects.filter(county=oslo, is_resource_centre=True).select_related("county").first()
        if centre is not None:
            scopes.append(Scope(centre=centre))
    today = timezone.localdate()
    this_month = today.replace(day=1)
    created = 0
    for scope in scopes:
        if OverviewSnapshot.objects.filter(scope=scope.key).exists():
            continue
        figures = figures_of(scope, Period.month_of(this_month - datetime.timedelta(days=1)))
        month = this_month
        for back in range(1, TREND_MONTHS + 1):
            month = (month - datetime.timedelta(days=1)).replace(day=1)
            drifted = {key: _drift(value, back - 1) for key, value in figures.items()}
            OverviewSnapshot.objects.create(scope=scope.key, month=month, figures={**drifted, "demo": True})
            created += 1
    return standard_created, created
