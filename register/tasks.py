from django_tasks import task

from core.schedule import periodic
from register.overview.snapshots import store_snapshots
from register.services.audits import quarterly_audits_draw
from register.services.lapse import lapse_warnings_send


@periodic(hour=7, minute=30)
@task()
def send_lapse_warnings():
    """Warn counsellors 60 and 14 days before they stop meeting the requirement. Run daily."""
    return lapse_warnings_send()


@periodic(month="1,4,7,10", day=1, hour=6, minute=0)
@task()
def draw_quarterly_audits():
    """Each centre's quarterly evidence audit, drawn on the first day of the quarter."""
    return quarterly_audits_draw()


@periodic(day=1, hour=5, minute=0)
@task()
def store_overview_snapshots():
    """The overview's key figures of the month just ended, for the country, each county and each centre."""
    return store_snapshots()
