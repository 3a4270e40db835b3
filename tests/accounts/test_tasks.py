"""Every e-mail goes through ``accounts.tasks.send_email``: a mail server that is down, hangs or hangs up is tried
again after a minute and after five more, three tries in all; the third failure is final, logged by task name and
domain only. A message the server has taken is never sent again."""

import logging
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.tasks import send_email
from tests.mail_queue import SEND_EMAIL, email_tasks, run_worker, time_passes

pytestmark = pytest.mark.django_db

BODY = "Tilbakestill passordet ditt: https://karrierenorge.example/accounts/password/reset/key/2-cdxlwh-0a1b2c3d4e5f/"


def enqueue(**message):
    send_email.enqueue(to=["ola.nordmann@example.org"], subject="Tilbakestill passord", body=BODY, **message)


def stdout_filter():
    """The filter of the handler that writes the logs (config/settings.py LOGGING)."""
    [handler] = [handler for handler in logging.getLogger().handlers if handler.get_name() == "stdout"]
    return handler.filter


def logged(caplog, level):
    """The lines of ``level`` from the e-mail task, as the log handler writes them (redacted)."""
    records = [r for r in caplog.records if r.name == "accounts.tasks" and r.levelno == level]
    for record in records:
        stdout_filter()(record)
    return [record.getMessage() for record in records]


@pytest.mark.parametrize("trouble", ["down", "hanging", "hanging_up"])
def test_a_mail_server_that_is_down_hangs_or_hangs_up_gets_the_mail_a_minute_later(
    trouble, mail_server, task_queue, caplog
):
    getattr(mail_server, trouble)()
    enqueue()

    before = timezone.now()
    run_worker()
    took = (timezone.now() - before).total_seconds()

    assert mail.outbox == []
    assert email_tasks() == [(1, "SUCCESSFUL"), (2, "READY")]
    if trouble == "hanging":
        assert 0.5 <= took < 5, "a silent server is given up on after EMAIL_TIMEOUT (0.5 s here)"
    retry = DBTaskResult.objects.get(status="READY")
    assert before + timedelta(seconds=59) < retry.run_after < timezone.now() + timedelta(seconds=61)
    assert retry.args_kwargs["kwargs"]["body"] == BODY
    # smtplib reports a greeting that timed out as a disconnection ("Connection unexpectedly closed: timed out").
    error = {
        "down": "ConnectionRefusedError",
        "hanging": "smtplib.SMTPServerDisconnected",
        "hanging_up": "smtplib.SMTPServerDisconnected",
    }
    assert logged(caplog, logging.WARNING) == [
        "E-mail not sent, trying again in 60 s: task=accounts.tasks.send_email attempt=1/3 domain=example.org "
        f"error={error[trouble]}"
    ]

    mail_server.back()
    run_worker()
    assert mail.outbox == [], "not before its minute has passed"

    time_passes()
    run_worker()

    assert [(m.to, m.subject, m.body) for m in mail.outbox] == [
        (["ola.nordmann@example.org"], "Tilbakestill passord", BODY)
    ]
    assert email_tasks() == [(1, "SUCCESSFUL"), (2, "SUCCESSFUL")]


def test_the_third_try_waits_five_minutes_and_its_failure_is_final_and_logged_without_personal_data(
    mail_server, task_queue, caplog
):
    mail_server.down()
    enqueue(html="<p>Tilbakestill</p>", headers={"List-Unsubscribe": "<https://karrierenorge.example/u/x/>"})

    run_worker()
    time_passes()
    before = timezone.now()
    run_worker()
    third = DBTaskResult.objects.get(status="READY")
    assert before + timedelta(seconds=299) < third.run_after < timezone.now() + timedelta(seconds=301)
    assert third.args_kwargs["kwargs"]["html"] == "<p>Tilbakestill</p>"
    time_passes()
    run_worker()

    assert mail.outbox == []
    assert email_tasks() == [(1, "SUCCESSFUL"), (2, "SUCCESSFUL"), (3, "FAILED")]
    failed = DBTaskResult.objects.get(status="FAILED")
    assert failed.exception_class_path == "builtins.ConnectionRefusedError"
    assert logged(caplog, logging.ERROR) == [
        "E-mail not sent, giving up (no tries left): task=accounts.tasks.send_email attempt=3/3 domain=example.org "
        "error=ConnectionRefusedError"
    ]
    everything = caplog.text + "".join(logged(caplog, logging.WARNING))
    assert "ola.nordmann" not in everything and "Tilbakestill" not in everything and "cdxlwh" not in everything

    # Nothing more is tried, however long one waits.
    mail_server.back()
    time_passes()
    run_worker()
    assert mail.outbox == []
    assert len(email_tasks()) == 3


class ClosesBadly(LocmemBackend):
    """Takes the message, then fails to say goodbye (an SMTP error answering QUIT)."""

    def close(self):
        raise smtplib.SMTPResponseException(421, b"Service closing transmission channel")


def test_a_message_the_server_took_is_not_sent_again_when_closing_the_connection_fails(settings, task_queue):
    settings.EMAIL_BACKEND = "tests.accounts.test_tasks.ClosesBadly"
    enqueue()

    run_worker()
    time_passes()
    run_worker()

    assert len(mail.outbox) == 1
    assert email_tasks() == [(1, "SUCCESSFUL")]


class Broken(LocmemBackend):
    def send_messages(self, messages):
        raise ValueError("a bug, not an outage")


def test_an_error_that_is_not_the_mail_servers_is_not_tried_again(settings, task_queue):
    settings.EMAIL_BACKEND = "tests.accounts.test_tasks.Broken"
    enqueue()

    run_worker()

    assert email_tasks() == [(1, "FAILED")]
    assert DBTaskResult.objects.get().exception_class_path == "builtins.ValueError"


def test_where_tasks_run_at_once_a_failed_send_is_final_and_never_reaches_the_caller(mail_server, caplog):
    """Development and tests: the immediate backend cannot delay a retry, and runs the task inside the request."""
    mail_server.down()

    result = send_email.enqueue(to=["ola.nordmann@example.org"], subject="Hei", body=BODY)

    assert result.status == "FAILED"
    assert result.errors[0].exception_class_path == "builtins.ConnectionRefusedError"
    assert mail.outbox == []
    assert logged(caplog, logging.ERROR) == [
        "E-mail not sent, giving up (the task backend cannot delay a retry): task=accounts.tasks.send_email "
        "attempt=1/3 domain=example.org error=ConnectionRefusedError"
    ]


def test_a_later_attempt_called_directly_sends_once_and_says_so():
    result = send_email.enqueue(to=["a@example.org"], subject="Hei", body="Tekst", attempt=3)

    assert (result.status, result.return_value) == ("SUCCESSFUL", "sent")
    assert len(mail.outbox) == 1


def test_the_task_path_is_the_one_the_admin_and_the_test_queue_look_for():
    assert send_email.module_path == SEND_EMAIL
