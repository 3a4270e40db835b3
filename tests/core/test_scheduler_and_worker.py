"""Periodic jobs are declared next to their tasks and enqueued once per due time; the worker outlives
a database outage; old task results are pruned."""

import datetime
import zoneinfo
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks import default_task_backend
from django_tasks_db.models import DBTaskResult

from core.management.commands import scheduler as scheduler_command
from core.management.commands.worker import ReconnectingWorker
from core.models import ScheduledRun
from core.schedule import enqueue_once, periodic_jobs
from core.tasks import prune_task_results

# The worker and the scheduler close stale database connections as they would in production, which a
# test's transaction would not survive: these tests commit, and the database is emptied after each.
pytestmark = pytest.mark.django_db(transaction=True)

DUE = datetime.datetime(2026, 12, 7, 7, 15, tzinfo=datetime.UTC)


@pytest.fixture
def dummy_tasks(settings):
    """Tasks are recorded, not run, so the test sees what the scheduler enqueued."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def job(name):
    return next(job for job in periodic_jobs() if job.name == name)


def test_the_periodic_jobs_are_declared_with_their_tasks():
    scheduled = {job.name: job.cron for job in periodic_jobs()}

    assert scheduled == {
        "core.tasks.prune_task_results": {"hour": 3, "minute": 30},
        "events.tasks.send_event_reminders": {"hour": 7, "minute": 15},
        "guidance.tasks.purge_guidance_questions": {"hour": 2, "minute": 0},
        "guidance.tasks.warn_guidance_leads": {"minute": "*/15"},
        "notifications.tasks.send_daily_digests": {"hour": 7, "minute": 0},
        "partnerships.tasks.keep_agreements_alive": {"hour": 6, "minute": 45},
        "register.tasks.draw_quarterly_audits": {"month": "1,4,7,10", "day": 1, "hour": 6, "minute": 0},
        "register.tasks.send_lapse_warnings": {"hour": 7, "minute": 30},
        "register.tasks.store_overview_snapshots": {"day": 1, "hour": 5, "minute": 0},
    }


def test_the_scheduler_lists_each_job_with_its_next_due_time_in_norwegian_time():
    out = StringIO()

    call_command("scheduler", "--list", stdout=out)

    lines = out.getvalue().splitlines()
    assert len(lines) == 9
    reminders = next(line for line in lines if line.startswith("events.tasks.send_event_reminders"))
    assert "T07:15:00+01:00" in reminders  # December: Oslo is UTC+1


OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


@pytest.mark.parametrize(
    ("name", "now", "due"),
    [
        ("events.tasks.send_event_reminders", (7, 20), (7, 15)),  # a scheduler (re)started late catches up
        ("events.tasks.send_event_reminders", (8, 14), (7, 15)),
        ("events.tasks.send_event_reminders", (8, 16), None),  # over an hour late: left for tomorrow
        ("events.tasks.send_event_reminders", (7, 14), None),
        ("guidance.tasks.warn_guidance_leads", (10, 7), (10, 0)),
        ("guidance.tasks.warn_guidance_leads", (10, 15), (10, 15)),
    ],
)
def test_the_run_due_last_is_the_one_within_the_hour_before_now(name, now, due):
    at = datetime.datetime(2026, 12, 7, *now, tzinfo=OSLO)

    due_at = job(name).last_due_at(at)

    assert due_at == (datetime.datetime(2026, 12, 7, *due, tzinfo=OSLO) if due else None)


def test_a_job_not_due_within_the_hour_is_not_enqueued_when_the_scheduler_starts(dummy_tasks, monkeypatch):
    monkeypatch.setattr(
        "core.management.commands.scheduler.timezone.now",
        lambda: datetime.datetime(2026, 12, 7, 12, 0, tzinfo=OSLO),
    )

    for periodic_job in periodic_jobs():
        scheduler_command.fire(periodic_job)

    assert [result.task.module_path for result in dummy_tasks.results] == ["guidance.tasks.warn_guidance_leads"]


def test_a_due_run_is_enqueued_once_however_many_schedulers_fire(dummy_tasks):
    reminders = job("events.tasks.send_event_reminders")

    first = enqueue_once(reminders, DUE)
    second = enqueue_once(reminders, DUE)

    assert (first, second) == (True, False)
    assert [result.task.module_path for result in dummy_tasks.results] == ["events.tasks.send_event_reminders"]
    assert ScheduledRun.objects.filter(job=reminders.name, due_at=DUE).count() == 1


def test_the_next_due_time_is_a_new_run(dummy_tasks):
    warnings = job("guidance.tasks.warn_guidance_leads")

    assert enqueue_once(warnings, DUE)
    assert enqueue_once(warnings, DUE + datetime.timedelta(minutes=15))
    assert len(dummy_tasks.results) == 2


def test_when_the_scheduler_fires_the_task_lands_in_the_workers_queue(database_tasks):
    scheduler_command.fire(job("guidance.tasks.warn_guidance_leads"))
    scheduler_command.fire(job("guidance.tasks.warn_guidance_leads"))  # a second scheduler, the same minute

    queued = DBTaskResult.objects.ready()
    assert [result.task_path for result in queued] == ["guidance.tasks.warn_guidance_leads"]

    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)

    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_the_worker_waits_for_the_database_to_come_back(database_tasks, monkeypatch):
    scheduler_command.fire(job("guidance.tasks.warn_guidance_leads"))
    calls = {"count": 0}
    ready = DBTaskResult.objects.ready

    def ready_after_two_outages():
        calls["count"] += 1
        if calls["count"] <= 2:
            raise OperationalError("server closed the connection unexpectedly")
        return ready()

    monkeypatch.setattr(DBTaskResult.objects, "ready", ready_after_two_outages)
    waits = []
    monkeypatch.setattr("core.management.commands.worker.time.sleep", waits.append)
    worker = ReconnectingWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )

    worker.run()

    assert waits == [1, 2]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_the_worker_stops_when_told_to_even_during_an_outage(database_tasks, monkeypatch):
    worker = ReconnectingWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )

    def outage():
        worker.running = False
        raise OperationalError("the database is shutting down")

    monkeypatch.setattr(DBTaskResult.objects, "ready", outage)

    with pytest.raises(OperationalError):
        worker.run()


def test_finished_task_results_and_claims_older_than_seven_days_are_pruned(database_tasks):
    now = timezone.now()
    for days in (8, 6):
        scheduler_command.fire(job("guidance.tasks.warn_guidance_leads"))
        call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
        DBTaskResult.objects.filter(finished_at__gt=now - datetime.timedelta(minutes=5)).update(
            finished_at=now - datetime.timedelta(days=days)
        )
        ScheduledRun.objects.filter(due_at__gt=now - datetime.timedelta(days=1)).update(
            due_at=now - datetime.timedelta(days=days)
        )
    scheduler_command.fire(job("guidance.tasks.warn_guidance_leads"))  # waiting, not finished: kept

    deleted = prune_task_results.call()

    assert deleted == 1
    ages = sorted((now - r.finished_at).days for r in DBTaskResult.objects.exclude(finished_at=None))
    assert ages == [6]
    assert DBTaskResult.objects.ready().count() == 1
    assert sorted((now - run.due_at).days for run in ScheduledRun.objects.all()) == [0, 6]


def claimed(*worker_ids):
    """The warn-leads job as a worker left it: RUNNING, claimed by ``worker_ids`` in turn."""
    scheduler_command.fire(job("guidance.tasks.warn_guidance_leads"))
    result = DBTaskResult.objects.filter(status="READY").get()
    DBTaskResult.objects.filter(pk=result.pk).update(
        status="RUNNING", started_at=timezone.now(), worker_ids=list(worker_ids)
    )
    ScheduledRun.objects.all().delete()  # the next fire() may enqueue the job again
    return result.pk


def test_a_task_the_worker_was_killed_in_runs_again_once_when_it_restarts(database_tasks):
    interrupted = claimed("host-a-worker")
    elsewhere = claimed("host-b-worker")  # another worker's, which may still be running it
    twice = claimed("host-a-worker", "host-a-worker")

    call_command("worker", "--batch", "--no-startup-delay", "--worker-id", "host-a-worker", verbosity=0)

    again = DBTaskResult.objects.get(pk=interrupted)
    assert (again.status, again.worker_ids) == ("SUCCESSFUL", ["host-a-worker", "host-a-worker"])
    assert DBTaskResult.objects.get(pk=elsewhere).status == "RUNNING"
    failed = DBTaskResult.objects.get(pk=twice)
    assert failed.status == "FAILED"
    assert failed.exception_class_path == "core.management.commands.worker.WorkerStoppedMidTask"


def test_the_worker_id_is_stable_across_restarts_unless_set(database_tasks, monkeypatch):
    from core.management.commands.worker import Command

    monkeypatch.setattr("socket.gethostname", lambda: "app-1")
    monkeypatch.delenv("WORKER_ID", raising=False)
    assert Command().create_parser("manage.py", "worker").parse_args([]).worker_id == "app-1-worker"
    monkeypatch.setenv("WORKER_ID", "mail-worker-2")
    assert Command().create_parser("manage.py", "worker").parse_args([]).worker_id == "mail-worker-2"
