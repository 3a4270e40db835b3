"""Load and fault tests of the production setup on loopback (``make load-test``; about 12 minutes).

It starts ``make production`` (gunicorn with 2 workers, the worker, the scheduler) on a fresh PostgreSQL
database, a Redis of its own and a mail server of its own (aiosmtpd), seeds the demo, and then:

1. **Load** (``LOAD_USERS`` = 50 people for ``LOAD_MINUTES`` = 5, locust): mixed journeys of visitors and
   every role, with Redis stopped for 30 s in the middle. Passes with 0 failed requests (no 5xx, nothing
   but the expected status) and a 95th percentile under ``LOAD_P95_MS`` = 250 ms.
2. **PostgreSQL restarts** while people read and write: every answer is 200/302 or a clean 503, every
   forum reply answered 302 is stored exactly once, and the site and the worker come back by themselves.
3. **The mail server is down** while three people ask for a password reset: they are told it was sent;
   when it is back each mail arrives once.
4. **The worker is killed mid-task** (``kill -9`` while it sends a mail): the process manager restarts it
   and the task runs again, once: one mail.

Usage: ``.venv/bin/python deploy/load/run.py [load|faults|all]`` (default all), as root on a machine with
PostgreSQL on 127.0.0.1:5432 (restarted with pg_ctlcluster in step 2) and redis-server. Prints the
figures; exits non-zero naming the check that failed.
"""

import asyncio
import csv
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import smoke_production as smoke  # noqa: E402

ROOT = smoke.ROOT
PYTHON = str(ROOT / ".venv/bin/python")
SMTP_PORT = int(os.environ.get("LOAD_SMTP_PORT", "8026"))
USERS = int(os.environ.get("LOAD_USERS", "50"))
MINUTES = float(os.environ.get("LOAD_MINUTES", "5"))
P95_MS = float(os.environ.get("LOAD_P95_MS", "250"))
REDIS_DOWN_AFTER, REDIS_DOWN_FOR = 60, 30  # seconds into the load, and for how long
RESET_SENT = re.compile(r"password/reset/key/")


class MailServer:
    """An SMTP server that keeps what it accepts. With ``delay`` it waits before answering the message, and
    accepts nothing from a client that went away meanwhile (as a real server, which commits on its 250)."""

    def __init__(self):
        self.received = []
        self.delay = 0.0
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        if server.transport is None or server.transport.is_closing():
            return "451 The client left before the message was accepted"
        self.received.append((tuple(envelope.rcpt_tos), envelope.content.decode("utf-8", "replace")))
        return "250 Message accepted"

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=SMTP_PORT)
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def resets(self, address):
        """The password-reset mails sent to ``address`` (the demo sends others, notices among them)."""
        return [content for to, content in self.received if address in to and RESET_SENT.search(content)]


class Site:
    """``make production`` with its own database, Redis and mail server."""

    def __init__(self):
        self.run_dir = Path(tempfile.mkdtemp(prefix="load-"))
        self.log = self.run_dir / "production.log"
        self.env = {
            **os.environ,
            "DJANGO_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{smoke.DATABASE}",
            "REDIS_URL": f"redis://127.0.0.1:{smoke.REDIS_PORT}/0",
            "SITE_URL": f"https://127.0.0.1:{smoke.PORT}",
            "PORT": str(smoke.PORT),
            "SUPERVISOR_RUN_DIR": str(self.run_dir),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(SMTP_PORT),
            "EMAIL_USE_TLS": "false",
        }
        self.mail = MailServer()
        self.redis = None
        self.process = None

    def start(self):
        self.mail.start()
        self.redis = smoke.start_redis()
        smoke.psql(f"CREATE DATABASE {smoke.DATABASE}")
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                ["make", "production"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        smoke.wait_for("/readyz/ to answer 200", lambda: smoke.readyz()[0] == 200, timeout=600)
        self.plan = self.run_dir / "plan.json"
        subprocess.run([PYTHON, "deploy/load/prepare.py", str(self.plan)], cwd=ROOT, env=self.env, check=True)

    def stop(self):
        if self.process is not None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
        if self.redis is not None:
            self.redis.terminate()
        self.mail.stop()
        smoke.psql(f"DROP DATABASE IF EXISTS {smoke.DATABASE} WITH (FORCE)")

    def sql(self, query):
        return smoke.psql(query, smoke.DATABASE)

    def worker_pid(self):
        command = [str(ROOT / ".venv/bin/supervisorctl"), "-c", "deploy/supervisord.conf", "pid", "worker"]
        return int(subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True).stdout.strip())


def load(site):
    smoke.step(
        f"load: {USERS} people, {MINUTES:g} min, Redis stopped for {REDIS_DOWN_FOR} s after {REDIS_DOWN_AFTER} s"
    )
    stats = site.run_dir / "load"

    def redis_outage():
        time.sleep(REDIS_DOWN_AFTER)
        site.redis.terminate()
        site.redis.wait(10)
        time.sleep(REDIS_DOWN_FOR)
        site.redis = smoke.start_redis()

    outage = threading.Thread(target=redis_outage, daemon=True)
    outage.start()
    subprocess.run(
        [str(ROOT / ".venv/bin/locust"), "-f", "deploy/load/locustfile.py", "--headless", "--only-summary",
         "-u", str(USERS), "-r", "5", "-t", f"{int(MINUTES * 60)}s", "--host", f"http://127.0.0.1:{smoke.PORT}",
         "--csv", str(stats), "--loglevel", "WARNING"],
        cwd=ROOT, env={**os.environ, "LOAD_PLAN": str(site.plan)}, check=False,
    )  # fmt: skip
    outage.join()
    rows = list(csv.DictReader((site.run_dir / "load_stats.csv").open()))
    print(f"{'request':44} {'count':>7} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6} {'max':>7}")
    for row in rows:
        print(
            f"{row['Type'] + ' ' + row['Name']:44.44} {row['Request Count']:>7} {row['Failure Count']:>5} "
            f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6} {float(row['Max Response Time']):>7.0f}"
        )
    total = next(row for row in rows if row["Name"] == "Aggregated")
    failures = site.run_dir / "load_failures.csv"
    if int(total["Failure Count"]):
        print(failures.read_text())
    print(f"   {float(total['Requests/s']):.1f} requests/s; p95 {total['95%']} ms; {total['Failure Count']} failed")
    assert int(total["Failure Count"]) == 0, f"{total['Failure Count']} requests failed under load"
    assert float(total["95%"]) <= P95_MS, f"p95 {total['95%']} ms is over {P95_MS:g} ms"


def plan_of(site):
    return json.loads(site.plan.read_text())


def postgres_restart(site):
    smoke.step("PostgreSQL restarts while people read and write")
    plan = plan_of(site)
    counsellor = smoke.Browser()
    counsellor.cookies["sessionid"] = plan["roles"]["senter"]["sessions"][0]
    thread = plan["reply_threads"][0]
    statuses, stored_replies, running = [], [], True

    def people():
        number = 0
        while running:
            for path in ("/", "/kompetanse/"):
                statuses.append((path, counsellor.get(path)[0]))
            status, headers, page = counsellor.get(thread)
            statuses.append(("thread", status))
            if status == 302:  # to the first unread post
                status, _, page = counsellor.get(local(headers["Location"]))
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            if status == 200 and token and f'action="{thread}svar/"' in page:
                number += 1
                body = f"Svar nummer {number} under omstarten ({secrets.token_hex(4)})"
                status, _, _ = counsellor.request(
                    "POST", f"{thread}svar/", {"body": body, "csrfmiddlewaretoken": token[1]}
                )
                statuses.append(("POST reply", status))
                if status == 302:
                    stored_replies.append(body)
            time.sleep(0.2)

    reader = threading.Thread(target=people, daemon=True)
    reader.start()
    time.sleep(5)
    version = subprocess.run(["ls", "/etc/postgresql"], capture_output=True, text=True).stdout.split()[0]
    began = time.monotonic()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True)
    smoke.wait_for("/readyz/ after the restart", lambda: smoke.readyz()[0] == 200, timeout=60)
    back = time.monotonic() - began
    time.sleep(5)
    running = False
    reader.join(30)
    counts = {}
    for path, status in statuses:
        counts.setdefault(path, {}).setdefault(status, 0)
        counts[path][status] += 1
    print(f"   ready again {back:.1f} s after the restart began; answers: {counts}")
    assert all(status in {200, 302, 503} for _, status in statuses), f"not a clean answer: {counts}"
    assert stored_replies, "no reply was saved around the restart: nothing to check"
    stored = site.sql("SELECT body FROM forum_post WHERE body LIKE 'Svar nummer %'").splitlines()
    for body in stored_replies:
        assert stored.count(body) == 1, f"a reply answered 302 is stored {stored.count(body)} times: {body}"
    print(f"   {len(stored_replies)} replies answered 302, each stored once")
    reset_mail(site, "skole@karrierenorge.example", "after the database restart")


def local(location):
    """The path and query of a redirect's address."""
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def reset_mail(site, email, when, timeout=30):
    before = len(site.mail.resets(email))
    browser = smoke.Browser()
    browser.get("/accounts/password/reset/")
    status, _, _ = browser.post("/accounts/password/reset/", {"email": email})
    assert status == 302, f"the reset form answered {status} {when}"
    smoke.wait_for(f"the reset mail {when}", lambda: len(site.mail.resets(email)) > before, timeout=timeout)


def mail_server_down(site):
    smoke.step("the mail server is down while three people ask for a password reset")
    people = ["senter@karrierenorge.example", "nav@karrierenorge.example", "leder@karrierenorge.example"]
    site.mail.stop()
    began = time.monotonic()
    for email in people:
        browser = smoke.Browser()
        browser.get("/accounts/password/reset/")
        status, headers, _ = browser.post("/accounts/password/reset/", {"email": email})
        assert status == 302, f"the reset form answered {status} with the mail server down"
    time.sleep(15)
    site.mail.start()
    smoke.wait_for(
        "the three mails after the mail server came back",
        lambda: all(site.mail.resets(email) for email in people),
        timeout=180,
    )
    arrived = time.monotonic() - began
    time.sleep(10)
    counts = {email: len(site.mail.resets(email)) for email in people}
    print(f"   all three arrived {arrived:.0f} s after they were asked for (mail server down 15 s); {counts}")
    assert set(counts.values()) == {1}, f"a mail was sent twice or not at all: {counts}"


def worker_killed(site):
    smoke.step("the worker is killed while it sends a mail")
    email = "hr@karrierenorge.example"
    site.mail.delay = 8
    browser = smoke.Browser()
    browser.get("/accounts/password/reset/")
    assert browser.post("/accounts/password/reset/", {"email": email})[0] == 302
    running = "SELECT id FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
    smoke.wait_for("the mail task to be running", lambda: site.sql(running) != "", timeout=30)
    task_id = site.sql(running)
    os.kill(site.worker_pid(), signal.SIGKILL)
    smoke.wait_for("the mail, once", lambda: len(site.mail.resets(email)) == 1, timeout=60)
    site.mail.delay = 0
    time.sleep(5)
    row = site.sql(
        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = 'accounts.tasks.send_email' ORDER BY enqueued_at DESC LIMIT 1"
    )
    print(f"   task {task_id}: {row}; mails to {email}: {len(site.mail.resets(email))}")
    assert row.startswith("SUCCESSFUL|") and len(site.mail.resets(email)) == 1


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    site = Site()
    started = time.monotonic()
    try:
        smoke.step(f"make production on port {smoke.PORT} (log: {site.log})")
        site.start()
        if what in {"load", "all"}:
            load(site)
        if what in {"faults", "all"}:
            postgres_restart(site)
            mail_server_down(site)
            worker_killed(site)
        print(f"OK: passed in {time.monotonic() - started:.0f} s", flush=True)
    except Exception:
        print(f"FAILED; the last lines of {site.log}:", file=sys.stderr)
        print("\n".join(site.log.read_text().splitlines()[-30:]), file=sys.stderr)
        raise
    finally:
        site.stop()


if __name__ == "__main__":
    main()
