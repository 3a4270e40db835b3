from django_tasks import task

from core.schedule import periodic
from guidance import services


@periodic(hour=2, minute=0)
@task()
def purge_guidance_questions():
    """Delete the conversations with no activity for the retention period (90 days). Run daily."""
    return services.questions_purge()


@periodic(minute="*/15")
@task()
def warn_guidance_leads():
    """Warn the leads about waiting questions due within the warning window, once each. Run every 15 minutes."""
    return services.leads_warn()
