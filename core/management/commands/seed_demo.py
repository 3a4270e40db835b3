from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from core.demo import add_scale_argument, demo_seeders


class Command(BaseCommand):
    help = (
        "Load the demo data of every app, each app's on top of the apps it builds on: centres, people and "
        "competence, then forum, events, e-guidance and the portal. Safe to run again: it changes nothing the "
        "second time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_scale_argument(parser, "the apps that have bulk data for benchmarks add it (see each app's seed command).")
        for seeder in demo_seeders():
            seeder.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        for seeder in demo_seeders():
            call_command(seeder.command, stdout=self.stdout, stderr=self.stderr, **seeder.options(options))
