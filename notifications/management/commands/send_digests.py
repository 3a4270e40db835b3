from django.core.management.base import BaseCommand

from notifications.emails import digests_send_all


class Command(BaseCommand):
    help = "Send every pending daily digest e-mail. Run once a day, for example from cron."

    def handle(self, *args, **options):
        count = digests_send_all()
        self.stdout.write(f"Sent digests covering {count} notices.")
