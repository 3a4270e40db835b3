import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from accounts.tasks import send_email

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_with_the_database_queue_an_email_waits_until_the_worker_runs(settings):
    settings.TASKS = DB_TASKS
    send_email.enqueue(to=["veileder@example.org"], subject="Hei", body="Velkommen")
    assert DBTaskResult.objects.count() == 1
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")

    assert [m.subject for m in mail.outbox] == ["Hei"]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db
def test_tests_run_tasks_immediately():
    send_email.enqueue(to=["veileder@example.org"], subject="Straks", body="Sendt med en gang")
    assert [m.to for m in mail.outbox] == [["veileder@example.org"]]
