"""The national guideline clauses, and an agreement's statement that it meets one."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from partnerships.models import (
    Agreement,
    ClauseFulfilment,
    GuidelineClause,
)
from partnerships.permissions import can_manage
from partnerships.services.changes import record_change
from register.permissions import is_national_admin


@transaction.atomic
def clause_fulfil(*, agreement: Agreement, clause: GuidelineClause, actor: User, note: str = "") -> ClauseFulfilment:
    """Record that the agreement meets ``clause`` (and where), or change where."""
    if not can_manage(actor, agreement):
        raise ValidationError(_("You may only change agreements of centres where you are an admin."))
    if not clause.is_active:
        raise ValidationError(_("This guideline clause is no longer in use."))
    note = note.strip()
    if len(note) > 300:
        raise ValidationError({"note": _("Write at most 300 characters.")})
    fulfilment, created = ClauseFulfilment.objects.update_or_create(
        agreement=agreement, clause=clause, defaults={"note": note}
    )
    record_change(agreement, actor, "clause.met" if created else "clause.changed", [{"item": clause.title}])
    return fulfilment


@transaction.atomic
def clause_unfulfil(*, agreement: Agreement, clause: GuidelineClause, actor: User) -> None:
    if not can_manage(actor, agreement):
        raise ValidationError(_("You may only change agreements of centres where you are an admin."))
    deleted, _rows = ClauseFulfilment.objects.filter(agreement=agreement, clause=clause).delete()
    if deleted:
        record_change(agreement, actor, "clause.unmet", [{"item": clause.title}])


@transaction.atomic
def clause_save(
    *,
    actor: User,
    title: str,
    description: str = "",
    required_for: Iterable[str] = (),
    is_active: bool = True,
    clause: GuidelineClause | None = None,
) -> GuidelineClause:
    """Add or change a national guideline clause (national administrators only)."""
    if not is_national_admin(actor):
        raise ValidationError(_("Only national administrators keep the national guidelines."))
    clause = clause or GuidelineClause()
    clause.title = title.strip()
    clause.description = description.strip()
    clause.required_for = sorted(set(required_for))
    clause.is_active = is_active
    try:
        clause.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    clause.save()
    return clause
