from django.core.management.base import BaseCommand

from events.tasks import send_event_reminders


class Command(BaseCommand):
    help = (
        "Remind confirmed participants of events that start within two days, once each. Run once a day, "
        "for example from cron."
    )

    def handle(self, *args, **options):
        # Run here rather than queued, so cron's log says how many went out; the e-mails themselves
        # are queued as tasks like every other notice.
        count = send_event_reminders.call()
        self.stdout.write(f"Sent {count} event reminders.")
