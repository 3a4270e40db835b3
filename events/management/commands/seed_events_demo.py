import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.demo import add_scale_argument
from events.demo import NATIONAL_EVENTS, NATIONAL_REGISTRATIONS, seed_events_demo
from register.demo.organisation import DEMO_DOMAIN


class Command(BaseCommand):
    help = (
        "Create the demo events: courses, network meetings and webinars across the counties, with "
        "registrations, a waiting list and attendance (run seed_demo first; it calls this). --scale national "
        f"adds about {NATIONAL_EVENTS:,} events and {NATIONAL_REGISTRATIONS:,} registrations for benchmarks. "
        "Safe to run again: it changes nothing the second time."
    )

    def add_arguments(self, parser):
        add_scale_argument(
            parser, f"also {NATIONAL_EVENTS:,} events with {NATIONAL_REGISTRATIONS:,} registrations, bulk-inserted."
        )
        parser.add_argument("--events", type=int, help="How many bulk events in all (overrides --scale).")
        parser.add_argument(
            "--registrations",
            type=int,
            help=f"How many registrations the bulk events get in all (default {NATIONAL_REGISTRATIONS:,} "
            f"for {NATIONAL_EVENTS:,} events, in proportion for other numbers).",
        )

    def handle(self, *args, **options):
        if not get_user_model().objects.filter(email=f"skole@{DEMO_DOMAIN}").exists():
            raise CommandError("The events demo needs the demo users: run seed_demo first.")
        events = options["events"]
        if events is None:
            events = NATIONAL_EVENTS if options["scale"] == "national" else 0
        events = max(0, events)
        registrations = options["registrations"]
        if registrations is None:
            registrations = NATIONAL_REGISTRATIONS * events // NATIONAL_EVENTS
        started = time.monotonic()
        result = seed_events_demo(bulk_events=events, bulk_registrations=max(0, registrations))
        elapsed = time.monotonic() - started
        if result.events_created:
            self.stdout.write(
                f"Events: {result.events_created} demo events with {result.registrations_created} "
                "registrations created."
            )
        if result.bulk_events_created:
            self.stdout.write(
                f"Events: {result.bulk_events_created:,} events and {result.bulk_registrations_created:,} "
                f"registrations bulk-inserted in {elapsed:.1f} s."
            )
        self.stdout.write(self.style.SUCCESS("The demo events are in place."))
