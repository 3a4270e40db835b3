from django.core.management.base import BaseCommand

from register.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create demo centres and one demo user per role. Safe to run again: it changes nothing the second time."

    def handle(self, *args, **options):
        logins = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, full_name, created in logins:
            self.stdout.write(f"  {email:40} {full_name}{' (new)' if created else ''}")
