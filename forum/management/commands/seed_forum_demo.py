import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.demo import add_scale_argument
from forum.demo import NATIONAL_POSTS_PER_THREAD, NATIONAL_THREADS, seed_forum_demo
from register.demo.organisation import DEMO_DOMAIN


def add_demo_arguments(parser):
    """The forum's own option on ``seed_demo``."""
    parser.add_argument(
        "--forum-scale",
        choices=["demo", "national"],
        default="demo",
        help="national: the forum also gets about 20,000 bulk threads for benchmarks.",
    )


def demo_options(options):
    """``seed_demo --scale national`` scales the forum too; ``--forum-scale national`` scales the forum alone."""
    return {"scale": "national" if "national" in (options["scale"], options["forum_scale"]) else "demo"}


class Command(BaseCommand):
    help = (
        "Create the demo forum: categories, private groups and lively discussions (run seed_demo first; it calls "
        "this). --scale national adds about 20,000 threads and 200,000 posts for benchmarks. Safe to run again: "
        "it changes nothing the second time."
    )

    def add_arguments(self, parser):
        add_scale_argument(
            parser,
            f"also about {NATIONAL_THREADS:,} threads with {NATIONAL_POSTS_PER_THREAD} posts each on average, "
            "bulk-inserted.",
        )
        parser.add_argument("--threads", type=int, help="How many bulk threads in all (overrides --scale).")
        parser.add_argument(
            "--posts-per-thread",
            type=int,
            default=NATIONAL_POSTS_PER_THREAD,
            help=f"Average posts per bulk thread (default {NATIONAL_POSTS_PER_THREAD}).",
        )

    def handle(self, *args, **options):
        if not get_user_model().objects.filter(email=f"skole@{DEMO_DOMAIN}").exists():
            raise CommandError("The forum demo needs the demo users: run seed_demo first.")
        threads = options["threads"]
        if threads is None:
            threads = NATIONAL_THREADS if options["scale"] == "national" else 0
        started = time.monotonic()
        result = seed_forum_demo(
            bulk_threads=max(0, threads),
            posts_per_thread=max(1, options["posts_per_thread"]),
            progress=self.stdout.write,
        )
        elapsed = time.monotonic() - started
        if result.categories_created or result.threads_created:
            self.stdout.write(
                f"Forum: {result.categories_created} categories and {result.threads_created} demo discussions created."
            )
        if result.bulk_threads_created:
            self.stdout.write(
                f"Forum: {result.bulk_threads_created:,} threads and {result.bulk_posts_created:,} posts "
                f"bulk-inserted in {elapsed:.1f} s."
            )
        self.stdout.write(self.style.SUCCESS("The demo forum is in place."))
