from django.conf import settings
from django.core.management.base import BaseCommand

from guidance import services


class Command(BaseCommand):
    help = (
        "Warn the e-guidance leads (national administrators and the admins of centres with e-guidance counsellors) "
        "about waiting questions that are overdue or due within "
        f"{settings.GUIDANCE_LEAD_WARNING_HOURS} hours (GUIDANCE_LEAD_WARNING_HOURS), once per question and due "
        "time. Run every 15 minutes, for example from cron, or queue the warn_guidance_leads task."
    )

    def handle(self, *args, **options):
        # Run here rather than queued, so cron's log says how many questions the leads were warned about.
        count = services.leads_warn()
        self.stdout.write(f"Warned the leads about {count} question{'' if count == 1 else 's'}.")
