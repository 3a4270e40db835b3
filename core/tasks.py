from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from core.models import ScheduledRun
from core.schedule import periodic


@periodic(hour=3, minute=30)
@task()
def prune_task_results() -> int:
    """Delete finished task results and scheduler claims older than TASK_RESULTS_KEEP_DAYS (7). Run daily.

    Task results hold e-mail bodies, reset links included: they are kept only as long as needed
    to see what failed.
    """
    cutoff = timezone.now() - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
    ScheduledRun.objects.filter(due_at__lt=cutoff).delete()
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted
