from django.db import models


class ScheduledRun(models.Model):
    """One run of a periodic job, claimed by the scheduler that enqueued it (see core.schedule)."""

    job = models.CharField(max_length=200)
    due_at = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "due_at"], name="one_run_per_job_and_due_time")]

    def __str__(self) -> str:
        return f"{self.job} at {self.due_at:%Y-%m-%d %H:%M}"
