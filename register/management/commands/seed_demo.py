from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand

from register.demo import DEMO_PASSWORD, NETWORK_SIZE, seed_demo
from register.services.statements import format_code


class Command(BaseCommand):
    help = (
        "Create demo centres, one demo user per role, competence areas, requirement sets and a few hundred "
        "demo counsellors. Safe to run again: it changes nothing the second time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--counsellors",
            type=int,
            default=NETWORK_SIZE,
            help=f"How many other demo counsellors to create besides the named ones (default {NETWORK_SIZE}).",
        )
        parser.add_argument(
            "--scale",
            choices=["demo", "national"],
            default="demo",
            help="national: the forum and events also get bulk data for benchmarks (about 20,000 threads, "
            "3,000 events with 60,000 registrations).",
        )
        parser.add_argument(
            "--forum-scale",
            choices=["demo", "national"],
            default="demo",
            help="national: the forum also gets about 20,000 bulk threads for benchmarks.",
        )

    def handle(self, *args, **options):
        result = seed_demo(network_size=max(0, options["counsellors"]))
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, full_name, created in result.logins:
            self.stdout.write(f"  {email:40} {full_name}{' (new)' if created else ''}")
        if result.network_created:
            self.stdout.write(f"Created {result.network_created} other demo counsellors across the counties.")
        if result.statement is not None:
            self.stdout.write(f"Try /verify/ with senter@'s competence statement: {format_code(result.statement.code)}")
        # The register must not import the forum, events or portal (they build on the register, not the other
        # way round), so their demos are their own commands, called by name only when the app is installed.
        if apps.is_installed("forum"):
            forum_scale = "national" if "national" in (options["scale"], options["forum_scale"]) else "demo"
            call_command("seed_forum_demo", scale=forum_scale, stdout=self.stdout, stderr=self.stderr)
        if apps.is_installed("events"):
            call_command("seed_events_demo", scale=options["scale"], stdout=self.stdout, stderr=self.stderr)
        if apps.is_installed("guidance"):
            call_command("seed_guidance_demo", stdout=self.stdout, stderr=self.stderr)
        if apps.is_installed("portal"):
            call_command("seed_portal_demo", stdout=self.stdout, stderr=self.stderr)
