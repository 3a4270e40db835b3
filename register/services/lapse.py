"""Warnings before a counsellor stops meeting the requirement (run daily by the scheduler)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from core.phrases import phrase
from notifications.services import notice_send
from register.cpd import LAPSE_WARNING_DAYS, Standing
from register.models import CounsellorProfile, LapseWarning
from register.status import annotate_status, requirement_sets_in_force, statuses_for


def lapse_warnings_send(*, on: date | None = None) -> int:
    """Tell each counsellor who lapses within 60 days, once at 60 and once at 14 days before. Returns how many.

    The list comes from SQL (who meets until a day less than 60 days away); the day from their hours, read
    for all of them at once (``statuses_for``).
    A warning missed (the job did not run that day) is sent the next time it runs, never twice.
    """
    on = on or timezone.localdate()
    sets = requirement_sets_in_force(on)
    profiles = CounsellorProfile.objects.select_related("user")
    # django-stubs does not see the aliases annotate_status adds.
    candidates = list(
        annotate_status(profiles, on=on, requirement_sets=sets, select=False).filter(  # type: ignore[misc]
            standing=Standing.MEETS_UNTIL, user__is_active=True
        )
    )
    types = {profile.user_id: profile.workplace_type for profile in candidates}
    statuses = statuses_for(types, on=on, requirement_sets=sets, count_failed_audits=False)
    sent = 0
    for profile in candidates:
        user = profile.user
        lapses_on = statuses[user.pk].lapses_on
        if lapses_on is None:
            continue
        days_left = (lapses_on - on).days
        due = [days for days in LAPSE_WARNING_DAYS if days_left <= days]
        if not due:
            continue
        threshold = min(due)
        try:
            with transaction.atomic():
                LapseWarning.objects.create(user=user, lapses_on=lapses_on, days_before=threshold)
                notice_send(
                    recipient=user,
                    kind="register.lapse",
                    title=phrase("You stop meeting the requirement on %(date)s", date=lapses_on),
                    body=phrase(
                        "Your professional development hours no longer cover the requirement from that day. "
                        "Log the activities you have done, or sign up for an event, before then."
                    ),
                    link=reverse("competence"),
                )
        except IntegrityError:
            continue
        sent += 1
    return sent
