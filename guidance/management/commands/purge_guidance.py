from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guidance import services


class Command(BaseCommand):
    help = (
        "Delete the e-guidance conversations (question, answers, notes, e-mail address) with no activity for "
        f"{settings.GUIDANCE_RETENTION_DAYS} days (GUIDANCE_RETENTION_DAYS). The anonymous figures stay. Run once "
        "a day, for example from cron, or queue the purge_guidance_questions task."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Keep conversations active within this many days (default {settings.GUIDANCE_RETENTION_DAYS}).",
        )

    def handle(self, *args, days=None, **options):
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1: 0 would delete conversations still going on.")
        # Run here rather than queued, so cron's log says how many were deleted.
        count = services.questions_purge(days=days)
        self.stdout.write(f"Deleted {count} e-guidance conversation{'' if count == 1 else 's'}.")
