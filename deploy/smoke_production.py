"""Smoke test of ``make production`` on PostgreSQL and Redis, run by CI (``.ci/run``).

It starts ``make production`` (gunicorn, the worker and the scheduler under supervisord) on a fresh
database and a Redis of its own, then checks what a deployment must survive:

1. ``/readyz/`` answers 200 once everything is up;
2. a person logs in (the real form, CSRF and secure cookies as behind a TLS load balancer);
3. a password-reset mail is sent by the worker, not by the request;
4. the scheduler enqueues a periodic job and the worker runs it;
5. the log is JSON lines carrying the request id; ``/metrics`` counts the requests of both gunicorn workers
   and shows the task queue, to the metrics token only;
6. with Redis stopped the home page still answers 200 and ``/readyz/`` 503 naming the cache;
   with Redis back, ``/readyz/`` answers 200 again.

Usage: ``.venv/bin/python deploy/smoke_production.py`` (needs PostgreSQL on 127.0.0.1:5432 as user
postgres, and redis-server). Exits non-zero, saying which step failed, if any does.
"""

import http.client
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("SMOKE_PORT", "8079"))
REDIS_PORT = int(os.environ.get("SMOKE_REDIS_PORT", "6391"))
DATABASE = f"karrierenorge_smoke_{os.getpid()}"
EMAIL = "smoke@example.org"
PASSWORD = secrets.token_urlsafe(16)
METRICS_TOKEN = secrets.token_urlsafe(24)


def step(text):
    print(f"-- {text}", flush=True)


def psql(sql, database="postgres"):
    command = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atqc", sql]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def start_redis():
    return subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )


class Browser:
    """Requests as a browser behind a TLS-terminating load balancer: cookies kept, HTTPS said by header."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1", "Accept-Language": "nb"}
        headers["Referer"] = f"https://127.0.0.1{path}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode({"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response.status, response.headers, text

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form):
        return self.request("POST", path, form)


def wait_for(what, check, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def readyz():
    status, _headers, body = Browser().get("/readyz/")
    return status, json.loads(body) if body.startswith("{") else {}


def manage(env, code):
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "shell", "--verbosity", "0", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
    )


def main():
    log_path = Path(tempfile.mkdtemp(prefix="smoke-")) / "production.log"
    env = {
        **os.environ,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
        "SITE_URL": f"https://127.0.0.1:{PORT}",
        "PORT": str(PORT),
        "SUPERVISOR_RUN_DIR": str(log_path.parent),
        "METRICS_TOKEN": METRICS_TOKEN,
    }
    env.pop("EMAIL_HOST", None)  # mails are printed to the log (Django's console backend) and read from it
    redis = start_redis()
    psql(f"CREATE DATABASE {DATABASE}")
    production = None
    started = time.monotonic()
    try:
        step(f"make production on port {PORT} (log: {log_path})")
        with log_path.open("w") as log:
            production = subprocess.Popen(
                ["make", "production"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        wait_for("/readyz/ to answer 200", lambda: readyz()[0] == 200, timeout=600)
        print(f"   ready after {time.monotonic() - started:.0f} s", flush=True)

        step("a person logs in through the form")
        manage(
            env,
            "from accounts.models import User; from allauth.account.models import EmailAddress; "
            f"user = User.objects.create_user(email={EMAIL!r}, password={PASSWORD!r}, full_name='Røyk Testesen'); "
            f"EmailAddress.objects.create(user=user, email={EMAIL!r}, verified=True, primary=True)",
        )
        browser = Browser()
        assert browser.get("/accounts/login/")[0] == 200
        status, headers, _ = browser.post("/accounts/login/", {"login": EMAIL, "password": PASSWORD})
        assert status == 302, f"login answered {status}"
        status, headers, page = browser.get(headers["Location"])
        assert status == 200 and "Røyk" in page, f"after login: {status}"
        assert "no-store" in headers.get("Cache-Control", ""), "a signed-in page may be cached"

        step("a password-reset mail goes out through the worker")
        forgetful = Browser()
        assert forgetful.get("/accounts/password/reset/")[0] == 200
        status, _, _ = forgetful.post("/accounts/password/reset/", {"email": EMAIL})
        assert status == 302, f"the reset form answered {status}"
        wait_for(
            "the reset mail in the worker's output",
            lambda: re.search(r"/accounts/password/reset/key/\S+", log_path.read_text()),
            timeout=60,
        )

        step("the scheduler enqueues a periodic job and the worker runs it")
        wait_for(
            "guidance.tasks.warn_guidance_leads to have run",
            lambda: (
                psql(
                    "SELECT count(*) FROM django_tasks_database_dbtaskresult "
                    "WHERE task_path = 'guidance.tasks.warn_guidance_leads' AND status = 'SUCCESSFUL'",
                    DATABASE,
                )
                != "0"
            ),
            timeout=60,
        )

        step("the log is JSON lines with request ids; /metrics counts every worker's requests")
        status, headers, _ = Browser().get("/finnes-ikke/")
        assert status == 404, f"a missing page answered {status}"
        request_id = headers["X-Request-ID"]

        def loggers_of_the_request():
            lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
            assert all(line["timestamp"].endswith("+00:00") for line in lines), "a log line is not in UTC"
            return {line["logger"] for line in lines if line.get("request_id") == request_id}

        wait_for(
            f"the lines of request {request_id} from Django and gunicorn",
            lambda: {"django.request", "gunicorn.access"} <= loggers_of_the_request(),
            timeout=10,
        )
        for _ in range(20):
            Browser().get("/healthz/")
        refused = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        refused.request("GET", "/metrics", headers={"X-Forwarded-Proto": "https", "Host": "127.0.0.1"})
        assert refused.getresponse().status == 401, "/metrics answered without the token"
        scraper = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        scraper.request("GET", "/metrics", headers={"Host": "127.0.0.1", "Authorization": f"Bearer {METRICS_TOKEN}"})
        response = scraper.getresponse()
        metrics = response.read().decode()
        assert response.status == 200, f"/metrics with the token answered {response.status}"
        healthz = re.search(
            r'^django_http_requests_total_by_view_transport_method_total\{[^}]*view="healthz"[^}]*\} (\S+)$',
            metrics,
            re.MULTILINE,
        )
        assert healthz and float(healthz[1]) >= 20, "the /healthz/ requests are not all counted"
        assert re.search(r"^karrierenorge_tasks_queued \S+$", metrics, re.MULTILINE), "no task queue in /metrics"

        step("Redis stops: pages still answer, /readyz/ says 503")
        redis.terminate()
        redis.wait(10)
        status, _, page = Browser().get("/")
        assert status == 200, f"the home page answered {status} without Redis"
        status, _, _ = browser.get("/kompetanse/")
        assert status == 200, f"a signed-in page answered {status} without Redis"
        status, body = readyz()
        assert status == 503 and body["checks"]["cache"] == "error", f"/readyz/ without Redis: {status} {body}"

        step("Redis is back: /readyz/ says 200 again")
        redis = start_redis()
        wait_for("/readyz/ to answer 200 again", lambda: readyz()[0] == 200, timeout=30)
        print(f"OK: make production passed the smoke test in {time.monotonic() - started:.0f} s", flush=True)
    except Exception:
        print(f"FAILED; the last lines of {log_path}:", file=sys.stderr)
        print("\n".join(log_path.read_text().splitlines()[-40:]), file=sys.stderr)
        raise
    finally:
        if production is not None:
            os.killpg(production.pid, signal.SIGTERM)
            try:
                production.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(production.pid, signal.SIGKILL)
        redis.terminate()
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
