"""Keeping agreements alive, for the daily task: status by the dates, automatic renewal, and the notices to the
centre's admins before an end date or a notice deadline and when an obligation falls due."""

import datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import User
from core.phrases import Phrase, phrase, verbatim
from notifications.services import notice_send
from partnerships.models import (
    IN_FORCE,
    Agreement,
    AgreementStatus,
    Frequency,
    Obligation,
    Reminder,
    Renewal,
)
from partnerships.services.agreements import EXPIRING_DAYS, renewed_end, status_for_dates
from partnerships.services.changes import as_text, record_change
from register.models import Membership, Role

# Days before an end date or a notice deadline that the centre's admins are told.
REMINDER_DAYS = (90, 30)


def admins_of(agreement: Agreement) -> list[User]:
    """The people told about an agreement: its centre's admins, or for a county-wide one the admins of every open
    centre in the county."""
    memberships = Membership.objects.filter(role=Role.ADMIN).select_related("user")
    if agreement.centre_id is not None:
        memberships = memberships.filter(centre_id=agreement.centre_id)
    else:
        memberships = memberships.filter(centre__county_id=agreement.county_id, centre__is_active=True)
    people = {membership.user for membership in memberships if membership.user.is_active}
    return sorted(people, key=lambda person: person.pk)


def agreements_refresh(*, today: datetime.date | None = None) -> int:
    """Move agreements in force to expiring or expired as their dates say; an automatic one past its end is
    renewed for a year (or as many as it missed) instead, and its history says so. Returns how many changed."""
    today = today or timezone.localdate()
    expiring_from = today + datetime.timedelta(days=EXPIRING_DAYS)
    # Only those whose status or end date the day changes: past their end, or crossing the expiring line.
    due = Agreement.objects.filter(status__in=IN_FORCE, end_date__isnull=False).filter(
        Q(end_date__lt=today)
        | Q(status=AgreementStatus.ACTIVE, end_date__lte=expiring_from)
        | Q(status=AgreementStatus.EXPIRING, end_date__gt=expiring_from)
    )
    changed = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            agreement = Agreement.objects.select_for_update().get(pk=pk)
            if agreement.status not in IN_FORCE or agreement.end_date is None:
                continue
            details = []
            action = "status.dates"
            if agreement.renewal == Renewal.AUTOMATIC and agreement.end_date < today:
                old_end = agreement.end_date
                agreement.end_date = renewed_end(old_end, today)
                details.append({"field": "end_date", "old": as_text(old_end), "new": as_text(agreement.end_date)})
                action = "renewed"
            status = status_for_dates(agreement, today)
            if status != agreement.status:
                details.append({"field": "status", "old": agreement.status, "new": status})
                agreement.status = status
            if details:
                agreement.save(update_fields=["status", "end_date", "updated_at"])
                record_change(agreement, None, action, details)
                changed += 1
    return changed


def _deadlines(agreement: Agreement) -> list[tuple[str, datetime.date]]:
    deadlines = []
    if agreement.end_date is not None:
        deadlines.append(("end", agreement.end_date))
        if agreement.notice_months and agreement.notice_deadline is not None:
            deadlines.append(("notice", agreement.notice_deadline))
    return deadlines


def reminders_send(*, today: datetime.date | None = None) -> int:
    """Tell the admins 90 and 30 days before an agreement ends or its notice deadline passes (once each; a reminder
    missed while the task did not run is sent late rather than never). Returns how many notices were sent."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=max(REMINDER_DAYS))
    agreements = Agreement.objects.filter(status__in=IN_FORCE, end_date__gte=today).filter(
        Q(end_date__lte=horizon) | Q(notice_months__gt=0)
    )
    sent_before = set(
        Reminder.objects.filter(agreement__in=agreements).values_list("agreement_id", "kind", "deadline", "days_before")
    )
    sent = 0
    for agreement in agreements.select_related("centre", "county"):
        for kind, deadline in _deadlines(agreement):
            if deadline < today:
                continue
            due = [days for days in REMINDER_DAYS if (deadline - today).days <= days]
            if not due:
                continue
            days = min(due)
            if (agreement.pk, kind, deadline, days) in sent_before:
                continue
            admins = admins_of(agreement)
            if not admins:
                continue  # kept for the first admin the centre gets, rather than marked as told
            with transaction.atomic():
                _, created = Reminder.objects.get_or_create(
                    agreement=agreement, kind=kind, deadline=deadline, days_before=days
                )
                if not created:
                    continue
                for admin in admins:
                    notice_send(
                        recipient=admin,
                        kind="partnerships.deadline",
                        title=_deadline_title(agreement, kind, deadline),
                        body=_deadline_body(agreement, kind, deadline),
                        link=agreement.get_absolute_url(),
                    )
                    sent += 1
    return sent


def _deadline_title(agreement: Agreement, kind: str, deadline: datetime.date) -> Phrase:
    if kind == "notice":
        return phrase(
            "Notice deadline %(date)s for the agreement “%(title)s”", date=deadline, title=verbatim(agreement.title)
        )
    if agreement.renewal == Renewal.AUTOMATIC:
        return phrase(
            "The agreement “%(title)s” renews for a year after %(date)s", title=verbatim(agreement.title), date=deadline
        )
    return phrase("The agreement “%(title)s” ends on %(date)s", title=verbatim(agreement.title), date=deadline)


def _deadline_body(agreement: Agreement, kind: str, deadline: datetime.date) -> Phrase:
    if kind == "notice":
        return phrase("Give notice by then if the agreement should end or be renegotiated.")
    if agreement.renewal == Renewal.AUTOMATIC:
        return phrase("It renews for a year unless notice is given. Hold the yearly review before then.")
    return phrase("Decide whether to renew it, and record the decision, before it expires.")


def obligations_due_send(*, today: datetime.date | None = None) -> int:
    """Tell the admins when an obligation of an agreement in force falls due (once per due date)."""
    today = today or timezone.localdate()
    due = (
        Obligation.objects.filter(agreement__status__in=IN_FORCE, due_date__lte=today)
        .exclude(frequency=Frequency.ONCE, met_on__isnull=False)
        .filter(Q(notified_for__isnull=True) | ~Q(notified_for=F("due_date")))
        .select_related("agreement", "agreement__centre", "agreement__county")
    )
    sent = 0
    for obligation in due:
        agreement = obligation.agreement
        admins = admins_of(agreement)
        if not admins:
            continue  # kept for the first admin the centre gets, rather than marked as told
        with transaction.atomic():
            updated = Obligation.objects.filter(pk=obligation.pk).exclude(notified_for=obligation.due_date)
            if not updated.update(notified_for=obligation.due_date):
                continue
            for admin in admins:
                notice_send(
                    recipient=admin,
                    kind="partnerships.obligation",
                    title=phrase("An obligation is due: %(obligation)s", obligation=verbatim(obligation.description)),
                    body=phrase(
                        "Under the agreement “%(title)s”, due %(date)s.",
                        title=verbatim(agreement.title),
                        date=obligation.due_date,
                    ),
                    link=agreement.get_absolute_url() + "#obligations",
                )
                sent += 1
    return sent
