from django.core.management.base import BaseCommand

from core.demo import add_scale_argument
from register.demo import DEMO_PASSWORD, NATIONAL_COUNSELLORS, NATIONAL_CREDITS, NETWORK_SIZE, seed_demo
from register.services.statements import format_code


def add_demo_arguments(parser):
    """The register's options, on this command and on ``seed_demo``."""
    parser.add_argument(
        "--counsellors",
        type=int,
        help=f"How many other demo counsellors to create besides the named ones (default {NETWORK_SIZE}; "
        f"with --scale national, {NATIONAL_COUNSELLORS:,} counsellors in all).",
    )


def demo_options(options):
    return {"counsellors": options["counsellors"], "scale": options["scale"]}


class Command(BaseCommand):
    help = (
        "Create demo centres, one demo user per role, competence areas, requirement sets and a few hundred "
        "demo counsellors (seed_demo calls this first). Safe to run again: it changes nothing the second time."
    )

    def add_arguments(self, parser):
        add_demo_arguments(parser)
        add_scale_argument(
            parser, f"45 centres, {NATIONAL_COUNSELLORS:,} counsellors and {NATIONAL_CREDITS:,} credit entries in all."
        )

    def handle(self, *args, **options):
        national = options["scale"] == "national"
        if options["counsellors"] is not None:
            sizes = {"network_size": max(0, options["counsellors"])}
        elif national:
            sizes = {"counsellors": NATIONAL_COUNSELLORS}
        else:
            sizes = {"network_size": NETWORK_SIZE}
        result = seed_demo(
            **sizes,
            credits=NATIONAL_CREDITS if national else None,
            national_centres=national,
            progress=self.stdout.write,
        )
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for email, full_name, created in result.logins:
            self.stdout.write(f"  {email:40} {full_name}{' (new)' if created else ''}")
        if result.network_created:
            self.stdout.write(f"Created {result.network_created:,} other demo counsellors across the counties.")
        if result.credits_added:
            self.stdout.write(f"Added {result.credits_added:,} credit entries to the network's counsellors.")
        if result.statement is not None:
            self.stdout.write(f"Try /verify/ with senter@'s competence statement: {format_code(result.statement.code)}")
