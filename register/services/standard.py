"""Changes to the national standard: competence areas and requirement sets, each kept in the audit trail.

A requirement set in force (or past) is never rewritten or deleted: a new set is published for a date.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from accounts.models import User
from register.models import CompetenceArea, RequirementSet
from register.overview.cache import forget_figures
from register.services.organisation import audit_record


def _audit_value(value: Any) -> Any:
    if isinstance(value, models.QuerySet | list | tuple | set):
        return sorted(getattr(item, "number", str(item)) for item in value)
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    return value


def _changes(cleaned: dict[str, Any], changed: list[str]) -> dict[str, Any]:
    return {"changed": changed, "values": {name: _audit_value(cleaned.get(name)) for name in changed}}


@transaction.atomic
def requirement_set_save(
    *, actor: User | None, requirement: RequirementSet, cleaned: dict[str, Any], changed: list[str], is_new: bool
) -> RequirementSet:
    """Save a new set, or a set not yet in force, from a validated form's data, with the change in the trail."""
    today = timezone.localdate()
    if not is_new and RequirementSet.objects.filter(pk=requirement.pk, effective_from__lte=today).exists():
        raise PermissionDenied
    areas = cleaned.get("required_areas")
    for name, value in cleaned.items():
        if name != "required_areas":
            setattr(requirement, name, value)
    requirement.save()
    if areas is not None:
        requirement.required_areas.set(areas)
    audit_record(
        actor=actor,
        action="requirement_set.created" if is_new else "requirement_set.changed",
        obj=requirement,
        details={
            **_changes(cleaned, changed),
            "name": requirement.name,
            "workplace_type": requirement.workplace_type,
            "effective_from": requirement.effective_from.isoformat(),
        },
    )
    return requirement


@transaction.atomic
def requirement_set_delete(*, actor: User | None, requirement: RequirementSet) -> None:
    if requirement.is_in_force_or_past:
        raise PermissionDenied
    audit_record(
        actor=actor,
        action="requirement_set.deleted",
        obj=requirement,
        details={
            "name": requirement.name,
            "workplace_type": requirement.workplace_type,
            "effective_from": requirement.effective_from.isoformat(),
        },
    )
    requirement.delete()


@transaction.atomic
def competence_area_save(
    *, actor: User | None, area: CompetenceArea, cleaned: dict[str, Any], changed: list[str], is_new: bool
) -> CompetenceArea:
    for name, value in cleaned.items():
        setattr(area, name, value)
    area.save()
    audit_record(
        actor=actor,
        action="competence_area.created" if is_new else "competence_area.changed",
        obj=area,
        details={**_changes(cleaned, changed), "number": area.number},
    )
    transaction.on_commit(forget_figures)
    return area
