import logging

from django_tasks import task

from core.schedule import periodic
from partnerships import services

logger = logging.getLogger(__name__)


@periodic(hour=6, minute=45)
@task()
def keep_agreements_alive() -> dict[str, int | None]:
    """Move agreements to expiring, expired or renewed as their dates say, then tell the centres' admins of
    deadlines 90 and 30 days ahead and of obligations falling due. Run daily.

    Each step runs on its own: one that fails is logged and leaves the others to do their part (None in the
    result); the next day's run catches up, as every step does only what was not done before. Statuses and
    renewals go first, so the reminders read the day's end dates."""
    steps = (
        ("agreements_changed", services.agreements_refresh),
        ("deadline_notices", services.reminders_send),
        ("obligation_notices", services.obligations_due_send),
    )
    done: dict[str, int | None] = {}
    for name, step in steps:
        try:
            done[name] = step()
        except Exception:
            logger.exception("Partnership agreements: the daily step %s failed", name)
            done[name] = None
    return done
