from django.conf import settings
from django_tasks import task

from core.schedule import periodic
from notifications.emails import digests_send_all, notice_email
from notifications.models import Notice


@task()
def send_notice_email(*, notice_id: int) -> None:
    notice = Notice.objects.filter(pk=notice_id).first()
    if notice is not None:
        notice_email(notice=notice)


@periodic(hour=settings.NOTIFICATION_DIGEST_HOUR, minute=0)
@task()
def send_daily_digests() -> int:
    return digests_send_all()
