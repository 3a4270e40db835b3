from django_tasks import task

from notifications import services
from notifications.models import Notice


@task()
def send_notice_email(*, notice_id):
    notice = Notice.objects.filter(pk=notice_id).first()
    if notice is not None:
        services.notice_email(notice=notice)


@task()
def send_daily_digests():
    return services.digests_send_all()
