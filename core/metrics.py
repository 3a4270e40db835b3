"""``/metrics`` in Prometheus' text format, for the operator's monitoring, behind a token.

Requests, statuses and latency per view come from django-prometheus' middleware (``django_http_*``); in
production each gunicorn worker writes them to PROMETHEUS_MULTIPROC_DIR and this view sums them. The task
queue is read from the database at each scrape (``karrierenorge_tasks_*``), so it is the same whichever
process answers.
"""

import hmac
import os
from collections.abc import Iterator

import prometheus_client
from django.conf import settings
from django.db.models import Count, Min
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client import multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector


class TaskQueueCollector(Collector):
    """The database task queue: what waits, what runs, what failed (failures are kept TASK_RESULTS_KEEP_DAYS)."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = timezone.now()
        due = DBTaskResult.objects.ready()
        queued = due.aggregate(count=Count("pk"), oldest=Min("enqueued_at"))
        yield GaugeMetricFamily(
            "karrierenorge_tasks_queued", "Tasks due to run that no worker has started.", value=queued["count"]
        )
        oldest = (now - queued["oldest"]).total_seconds() if queued["oldest"] else 0
        yield GaugeMetricFamily(
            "karrierenorge_tasks_queued_oldest_age_seconds",
            "How long the oldest queued task has waited (0 when none waits): a stopped worker shows here.",
            value=oldest,
        )
        yield GaugeMetricFamily(
            "karrierenorge_tasks_waiting",
            "Tasks to run later (retries after a back-off included).",
            value=DBTaskResult.objects.filter(status=TaskResultStatus.READY, run_after__gt=now).count(),
        )
        yield GaugeMetricFamily(
            "karrierenorge_tasks_running", "Tasks a worker is running.", value=DBTaskResult.objects.running().count()
        )
        failed = GaugeMetricFamily(
            "karrierenorge_tasks_failed",
            "Failed tasks still kept (TASK_RESULTS_KEEP_DAYS), by task; failed e-mail is in the admin.",
            labels=["task"],
        )
        for row in DBTaskResult.objects.failed().values("task_path").annotate(count=Count("pk")).order_by("task_path"):
            failed.add_metric([row["task_path"]], row["count"])
        yield failed


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """The metrics, to ``Authorization: Bearer <METRICS_TOKEN>``; 404 while no token is set, 401 without it."""
    token = settings.METRICS_TOKEN
    if not token:
        raise Http404
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        response = HttpResponse("A metrics token is required.\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        requests = prometheus_client.CollectorRegistry()
        multiprocess.MultiProcessCollector(requests)
    else:
        requests = prometheus_client.REGISTRY
    tasks = prometheus_client.CollectorRegistry()
    tasks.register(TaskQueueCollector())
    body = prometheus_client.generate_latest(requests) + prometheus_client.generate_latest(tasks)
    return HttpResponse(body, content_type=prometheus_client.CONTENT_TYPE_LATEST)
