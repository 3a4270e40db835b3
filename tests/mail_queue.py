"""A mail server that is down, hangs or hangs up, then comes back; and the database task queue with its worker.

For tests of e-mail delivery through ``accounts.tasks.send_email``. The mail server is real as far as Django can
tell: its SMTP backend connects to a local port where nothing listens (connection refused), where a socket accepts
connections but never greets (the send times out after ``EMAIL_TIMEOUT``), or where each connection is closed at
once (``SMTPServerDisconnected``). ``back()`` switches to the local-memory backend, so what is sent lands in
``django.core.mail.outbox``.
"""

import logging
import socket
import threading
from unittest import mock

from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SEND_EMAIL = "accounts.tasks.send_email"


def _listening_socket():
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    return sock


class MailServer:
    """The SMTP server in ``settings`` (pytest-django's fixture). Call ``stop()`` when done (the fixture does)."""

    def __init__(self, settings):
        self.settings = settings
        self._sockets = []
        self._stop = threading.Event()

    def _point_at(self, port):
        self.settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        self.settings.EMAIL_HOST = "127.0.0.1"
        self.settings.EMAIL_PORT = port
        self.settings.EMAIL_USE_TLS = False
        self.settings.EMAIL_TIMEOUT = 0.5

    def down(self):
        """Nothing listens: ConnectionRefusedError."""
        sock = _listening_socket()
        port = sock.getsockname()[1]
        sock.close()
        self._point_at(port)

    def hanging(self):
        """Connections are accepted by the kernel but never greeted: the send times out (TimeoutError)."""
        sock = _listening_socket()
        self._sockets.append(sock)
        self._point_at(sock.getsockname()[1])

    def hanging_up(self):
        """Every connection is closed before the greeting: smtplib.SMTPServerDisconnected."""
        sock = _listening_socket()
        sock.settimeout(0.1)
        self._sockets.append(sock)

        def hang_up():
            while not self._stop.is_set():
                try:
                    connection, _address = sock.accept()
                except (TimeoutError, OSError):
                    continue
                connection.close()

        threading.Thread(target=hang_up, daemon=True).start()
        self._point_at(sock.getsockname()[1])

    def back(self):
        self.settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    def stop(self):
        self._stop.set()
        for sock in self._sockets:
            sock.close()


def run_worker():
    """Run every task that is due, as ``manage.py db_worker --batch`` does in production, then stop.

    It runs inside the test's transaction, so that the test needs no flushed database. There the worker's check
    for stale connections would drop the connection on PostgreSQL (autocommit is off inside a transaction); a
    worker process is never inside one, so the check is left out. The command also turns its loggers up to INFO;
    they are put back so that other tests see the project's levels.
    """
    loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = [logger.level for logger in loggers]
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def time_passes():
    """Every retry waiting for its moment is due now (as if its back-off had passed)."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def email_tasks():
    """The e-mail task's results, oldest first, as (attempt, status) pairs."""
    rows = DBTaskResult.objects.filter(task_path=SEND_EMAIL).order_by("enqueued_at")
    return [(row.args_kwargs["kwargs"].get("attempt", 1), row.status) for row in rows]
