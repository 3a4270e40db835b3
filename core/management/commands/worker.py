import logging
import time
from typing import Any

from django.db import InterfaceError, OperationalError, connections
from django_guid import clear_guid, set_guid
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("core.worker")

MAX_RECONNECT_DELAY = 30  # seconds


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
        "outage instead of exiting."
    )

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
