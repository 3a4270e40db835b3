import logging
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from core.schedule import PeriodicJob, enqueue_once, periodic_jobs

logger = logging.getLogger("core.scheduler")


def fire(job: PeriodicJob) -> None:
    """Enqueue one due run of ``job`` (cron times are whole minutes, so the minute names the run)."""
    close_old_connections()
    try:
        due_at = timezone.now().replace(second=0, microsecond=0)
        if enqueue_once(job, due_at):
            logger.info("Enqueued %s due at %s", job.name, due_at.isoformat())
        else:
            logger.info("%s due at %s was enqueued by another scheduler", job.name, due_at.isoformat())
    finally:
        close_old_connections()


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs (event reminders, digests, e-guidance warnings and purge, pruning) at their "
        "due times, for the worker to run. Run one per deployment; a second one enqueues nothing twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--list", action="store_true", help="Print each job and its next due time, then exit.")

    def build(self) -> BlockingScheduler:
        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        for job in periodic_jobs():
            # A run missed by less than an hour (a restart, a slow database) still happens, once.
            scheduler.add_job(
                fire,
                CronTrigger(timezone=settings.TIME_ZONE, **job.cron),
                args=[job],
                id=job.name,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=3600,
            )
        return scheduler

    def handle(self, *args: Any, list: bool = False, **options: Any) -> None:
        scheduler = self.build()
        if list:
            now = timezone.now()
            for scheduled in sorted(scheduler.get_jobs(), key=lambda j: j.id):
                due = scheduled.trigger.get_next_fire_time(None, now)
                self.stdout.write(f"{scheduled.id}  {scheduled.trigger}  next {due.isoformat()}")
            return
        logger.info("Scheduler started with %d jobs", len(scheduler.get_jobs()))
        scheduler.start()
