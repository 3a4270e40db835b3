import logging
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from core.schedule import CATCH_UP, PeriodicJob, enqueue_once, periodic_jobs

logger = logging.getLogger("core.scheduler")


def fire(job: PeriodicJob) -> None:
    """Enqueue the run of ``job`` due last, unless a scheduler already has (or it is over an hour old)."""
    close_old_connections()
    try:
        due_at = job.last_due_at(timezone.now())
        if due_at is None:
            return
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
            scheduler.add_job(
                fire,
                job.trigger(),
                args=[job],
                id=job.name,
                coalesce=True,
                max_instances=1,
                misfire_grace_time=int(CATCH_UP.total_seconds()),
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
        for job in periodic_jobs():
            fire(job)  # a run due within the hour that nobody enqueued (the scheduler was down) happens now
        scheduler.start()
