from django.core.management.base import BaseCommand

from register.demo.overview import seed_overview_demo


class Command(BaseCommand):
    help = (
        "Add demo data for the leaders' overview: a recommended coverage and 24 months of demo snapshots for the "
        "country, Oslo and Karriere Oslo. Run seed_demo first (it calls this, after the other apps' demos). Safe to "
        "run again."
    )

    def handle(self, *args, **options):
        standard, snapshots = seed_overview_demo()
        if standard:
            self.stdout.write("Overview: a demo recommended coverage was set.")
        self.stdout.write(f"Overview: {snapshots} demo monthly snapshots created.")
        self.stdout.write(self.style.SUCCESS("The overview demo is in place."))
