"""An agreement's history as people read it: what happened, by whom, and which values changed from what to what,
worded in the reader's language (the rows store field names and raw values)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.numbers import format_amount
from partnerships.models import Agreement, AgreementChange, Contact, Obligation, Party, Review

ACTIONS = {
    "created": _("Agreement recorded"),
    "changed": _("Agreement changed"),
    "renewed": _("Renewed automatically"),
    "status.dates": _("Status changed by its dates"),
    "document.added": _("Signed document added"),
    "party.added": _("Partner added"),
    "party.changed": _("Partner changed"),
    "party.removed": _("Partner removed"),
    "obligation.added": _("Obligation added"),
    "obligation.changed": _("Obligation changed"),
    "obligation.removed": _("Obligation removed"),
    "obligation.met": _("Obligation met"),
    "contact.added": _("Contact person added"),
    "contact.changed": _("Contact person changed"),
    "contact.removed": _("Contact person removed"),
    "clause.met": _("Guideline clause marked as met"),
    "clause.changed": _("Where a guideline clause is met changed"),
    "clause.unmet": _("Guideline clause no longer marked as met"),
    "review.recorded": _("Yearly review recorded"),
    "activity.added": _("Delivery counted under the agreement"),
    "activity.removed": _("Delivery no longer counted under the agreement"),
}
MODELS: dict[str, type[Model]] = {
    "changed": Agreement,
    "renewed": Agreement,
    "status.dates": Agreement,
    "party.changed": Party,
    "obligation.changed": Obligation,
    "contact.changed": Contact,
}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryRow:
    at: datetime.datetime
    actor: str
    label: str
    item: str
    changes: list[FieldChange]


def _value(model: type[Model], field_name: str, raw: str) -> str:
    if raw == "":
        return "–"
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return raw
    choices = dict(getattr(field, "choices", None) or ())
    if raw in choices:
        return str(choices[raw])
    if field.get_internal_type() == "DateField":
        try:
            return date_format(datetime.date.fromisoformat(raw), "SHORT_DATE_FORMAT")
        except ValueError:
            return raw
    if field.get_internal_type() == "DecimalField":
        try:
            return format_amount(Decimal(raw))
        except InvalidOperation:
            return raw
    return raw


def _label(model: type[Model], field_name: str) -> str:
    try:
        return str(model._meta.get_field(field_name).verbose_name).capitalize()
    except FieldDoesNotExist:
        return field_name


def history_rows(changes: list[AgreementChange] | object) -> list[HistoryRow]:
    rows = []
    for change in changes:  # type: ignore[attr-defined]
        model = MODELS.get(change.action, Agreement)
        item = next((detail["item"] for detail in change.details if "item" in detail), "")
        if change.action == "review.recorded":
            item = _value(Review, "held_on", item)
        fields = [
            FieldChange(
                _label(model, detail["field"]),
                _value(model, detail["field"], detail["old"]),
                _value(model, detail["field"], detail["new"]),
            )
            for detail in change.details
            if "field" in detail
        ]
        rows.append(
            HistoryRow(
                at=change.at,
                actor=change.actor.full_name if change.actor else str(_("the platform")),
                label=str(ACTIONS.get(change.action, change.action)),
                item=item,
                changes=fields,
            )
        )
    return rows
