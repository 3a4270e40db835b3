"""Every write to partnership agreements: recording and changing them, marking guideline clauses met, yearly
reviews, deliveries reported by other apps, and the daily task that keeps them alive (status, reminders and
obligations due). Each writes an ``AgreementChange`` row in the same transaction. One topic module each;
callers import from here."""

from partnerships.services.agreements import (
    AGREEMENT_FIELDS,
    CHOSEN_STATUSES,
    CONTACT_FIELDS,
    EXPIRING_DAYS,
    OBLIGATION_FIELDS,
    PARTY_FIELDS,
    agreement_create,
    agreement_delete,
    agreement_update,
    status_for_dates,
)
from partnerships.services.clauses import clause_fulfil, clause_save, clause_unfulfil
from partnerships.services.deliveries import activity_report
from partnerships.services.keeping_alive import (
    REMINDER_DAYS,
    admins_of,
    agreements_refresh,
    obligations_due_send,
    reminders_send,
)
from partnerships.services.reviews import obligation_mark_met, review_record

__all__ = [
    "AGREEMENT_FIELDS",
    "CHOSEN_STATUSES",
    "CONTACT_FIELDS",
    "EXPIRING_DAYS",
    "OBLIGATION_FIELDS",
    "PARTY_FIELDS",
    "REMINDER_DAYS",
    "activity_report",
    "admins_of",
    "agreement_create",
    "agreement_delete",
    "agreement_update",
    "agreements_refresh",
    "clause_fulfil",
    "clause_save",
    "clause_unfulfil",
    "obligation_mark_met",
    "obligations_due_send",
    "reminders_send",
    "review_record",
    "status_for_dates",
]
