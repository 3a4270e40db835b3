"""Warnings before a counsellor stops meeting the requirement (run daily by the scheduler)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from notifications.services import notice_send
from register.cpd import LAPSE_WARNING_DAYS, Standing
from register.models import CounsellorProfile, LapseWarning
from register.status import annotate_status, requirement_sets_in_force, status_for


def lapse_warnings_send(*, on: date | None = None) -> int:
    """Tell each counsellor who lapses within 60 days, once at 60 and once at 14 days before. Returns how many.

    The list comes from SQL (who meets until a day less than 60 days away); the day from their hours.
    A warning missed (the job did not run that day) is sent the next time it runs, never twice.
    """
    on = on or timezone.localdate()
    sets = requirement_sets_in_force(on)
    candidates = annotate_status(CounsellorProfile.objects.select_related("user"), on=on, requirement_sets=sets)
    sent = 0
    # django-stubs does not see the annotations annotate_status adds.
    for profile in candidates.filter(standing=Standing.MEETS_UNTIL, user__is_active=True):  # type: ignore[misc]
        user = profile.user
        lapses_on = status_for(user, on=on, requirement_sets=sets).lapses_on
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
                    title=_("You stop meeting the requirement on %(date)s") % {"date": date_format(lapses_on)},
                    body=_(
                        "Your professional development hours no longer cover the requirement from that day. "
                        "Log the activities you have done, or sign up for an event, before then."
                    ),
                    link=reverse("competence"),
                )
        except IntegrityError:
            continue
        sent += 1
    return sent
