import logging
import os
import socket
import time
from argparse import ArgumentParser
from typing import Any

from django.db import InterfaceError, OperationalError, connections, transaction
from django_guid import clear_guid, set_guid
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("core.worker")

MAX_RECONNECT_DELAY = 30  # seconds
# A task is started at most this many times: one that was running each time its worker died (killed, out of
# memory) is marked failed rather than started again and again.
MAX_STARTS = 2


class WorkerStoppedMidTask(RuntimeError):
    """The worker running the task stopped before it finished (it was killed or the machine went down)."""


def recover_interrupted_tasks(worker_id: str) -> tuple[int, int]:
    """Tasks this worker id was running when its previous process stopped: run again, or failed after MAX_STARTS.

    A worker id belongs to one process at a time (``--worker-id``, one per host by default), so a task left
    RUNNING under it cannot still be running. Returns (queued again, failed).
    """
    again = failed = 0
    with transaction.atomic():
        for result in DBTaskResult.objects.running().select_for_update(skip_locked=True):
            if not result.worker_ids or result.worker_ids[-1] != worker_id:
                continue
            if len(result.worker_ids) < MAX_STARTS:
                result.status, result.started_at = TaskResultStatus.READY, None
                result.save(update_fields=["status", "started_at"])
                again += 1
                logger.warning("Task %s was running when its worker stopped; it runs again", result.task_path)
            else:
                result.set_failed(
                    WorkerStoppedMidTask(f"The worker stopped while running this task, {MAX_STARTS} times.")
                )
                failed += 1
                logger.error(
                    "Task %s was running each time its worker stopped (%d times); marked failed",
                    result.task_path,
                    MAX_STARTS,
                )
    return again, failed


class ReconnectingWorker(db_worker.Worker):
    """django-tasks-db's worker, which exits when the database goes away, made to wait and go on instead.

    Each task's log lines carry the task's id as their request id (the id in the task admin).
    """

    def run_task(self, db_task_result: DBTaskResult) -> None:
        set_guid(str(db_task_result.id))
        try:
            super().run_task(db_task_result)
        finally:
            clear_guid()

    def run(self) -> None:
        recover_interrupted_tasks(self.worker_id)
        delay = 1
        while True:
            try:
                return super().run()
            except (OperationalError, InterfaceError) as exc:
                if not self.running:
                    raise
                logger.warning("The worker lost the database (%s); trying again in %d s", type(exc).__name__, delay)
                connections.close_all()
                time.sleep(delay)
                delay = min(delay * 2, MAX_RECONNECT_DELAY)


class Command(db_worker.Command):
    help = (
        "Run the background tasks (django-tasks-db's db_worker), waiting for the database to come back after an "
        "outage instead of exiting, and running again a task its previous process was killed in."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # A stable id (not django-tasks-db's random one), so a restarted worker knows the tasks it was running.
        parser.set_defaults(worker_id=os.environ.get("WORKER_ID") or f"{socket.gethostname()}-worker"[-64:])

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        **options: Any,
    ) -> None:
        self.configure_logging(verbosity)
        worker = ReconnectingWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        worker.configure_signals()
        worker.run()
