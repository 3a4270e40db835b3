from django_tasks import task

from events import services


@task()
def send_event_reminders():
    """Remind confirmed participants of events starting within two days. Run daily."""
    return services.reminders_send()
