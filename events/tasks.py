from django_tasks import task

from core.schedule import periodic
from events import services


@periodic(hour=7, minute=15)
@task()
def send_event_reminders():
    """Remind confirmed participants of events starting within two days. Run daily."""
    return services.reminders_send()
