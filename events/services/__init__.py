"""Writes for events: the organisers' work, registrations and the waiting list, attendance, messages and
reminders, the calendar feed. One topic module each; callers import from here.

Every change to who holds a place happens inside a transaction that first locks the event row
(``select_for_update``; on SQLite the write lock of the transaction does the same), so capacity
holds however many people register at once. Attendance reaches the competence register only
through the register's services (a CPD activity and a certificate, once per event).
"""

from events.services.attendance import attendance_set
from events.services.calendar import calendar_feed_for, calendar_feed_regenerate
from events.services.messages import REMINDER_DAYS, message_send, reminders_send
from events.services.organiser import (
    EDITABLE_FIELDS,
    NOTICEABLE_FIELDS,
    event_cancel,
    event_create,
    event_duplicate,
    event_publish,
    event_update,
    event_validate,
)
from events.services.registrations import registration_cancel, registration_promote, registration_register

__all__ = [
    "EDITABLE_FIELDS",
    "NOTICEABLE_FIELDS",
    "REMINDER_DAYS",
    "attendance_set",
    "calendar_feed_for",
    "calendar_feed_regenerate",
    "event_cancel",
    "event_create",
    "event_duplicate",
    "event_publish",
    "event_update",
    "event_validate",
    "message_send",
    "registration_cancel",
    "registration_promote",
    "registration_register",
    "reminders_send",
]
