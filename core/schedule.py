"""Periodic jobs: declared next to their tasks, run by one scheduler process (``manage.py scheduler``).

A task becomes periodic with ``@periodic(...)`` above its ``@task()``, with cron fields in the
project's time zone::

    @periodic(hour=7, minute=15)
    @task()
    def send_event_reminders(): ...

The scheduler (APScheduler) only enqueues the task at each due time; the worker runs it, as it
runs every other task. Each due time is claimed once in the database (``ScheduledRun``), so two
schedulers started by mistake, or one per server, still enqueue each run once. A scheduler that
starts (or was late) within CATCH_UP of a due time nobody enqueued enqueues it then: a restart at
7:20 still sends the 7:15 reminders.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.module_loading import autodiscover_modules
from django_tasks.base import Task

from core.models import ScheduledRun


@dataclass(frozen=True)
class PeriodicJob:
    task: Task
    cron: dict[str, str | int]

    @property
    def name(self) -> str:
        return self.task.module_path

    def trigger(self) -> CronTrigger:
        return CronTrigger(timezone=settings.TIME_ZONE, **self.cron)

    def last_due_at(self, now: datetime) -> datetime | None:
        """The latest due time at or before ``now``, if it is less than CATCH_UP ago."""
        trigger, last = self.trigger(), None
        due = trigger.get_next_fire_time(None, now - CATCH_UP)
        while due is not None and due <= now:
            last = due
            due = trigger.get_next_fire_time(due, due + timedelta(seconds=1))
        return last


CATCH_UP = timedelta(hours=1)


_jobs: dict[str, PeriodicJob] = {}


def periodic(**cron: str | int) -> Callable[[Task], Task]:
    """Run the task below on the cron schedule ``cron`` (APScheduler's CronTrigger fields)."""

    def register(task: Task) -> Task:
        job = PeriodicJob(task, cron)
        _jobs[job.name] = job
        return task

    return register


def periodic_jobs() -> list[PeriodicJob]:
    """Every periodic job of the project (each app's ``tasks`` module is imported to declare its own)."""
    autodiscover_modules("tasks")
    return sorted(_jobs.values(), key=lambda job: job.name)


def enqueue_once(job: PeriodicJob, due_at: datetime) -> bool:
    """Enqueue ``job``'s task for the run due at ``due_at``, unless a scheduler already has."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job.name, due_at=due_at)
            job.task.enqueue()
    except IntegrityError:
        return False
    return True
