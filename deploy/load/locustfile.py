"""Mixed journeys against a production server on loopback (``deploy/load/run.py`` starts it and this).

Visitors read the portal; signed-in people of every role (counsellors most) go through their pages and
sometimes answer in the forum; a few counsellors sign in through the form. Every request goes as through
the TLS load balancer (``X-Forwarded-Proto: https``), so the production settings apply unchanged. The plan
(pages, sessions) comes from ``deploy/load/prepare.py``, in the file named by LOAD_PLAN.
"""

import itertools
import json
import os
import random
import re
from urllib.parse import urlsplit

from locust import HttpUser, between, task

with open(os.environ["LOAD_PLAN"]) as plan:
    PLAN = json.load(plan)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Counsellors are most of the users, each a different demo counsellor; every staff role is there too.
ROLE_WEIGHTS = {"counsellor": 16, "leder": 1, "godkjenner": 1, "hr": 1, "kurs": 1}
ROLE_WEIGHTS |= {"moderator": 1, "eveileder": 1, "nasjonal": 1}
COUNSELLORS = itertools.cycle(PLAN["counsellors"])


def label(path):
    """Group addresses that differ only by an id or a slug, so the table has one line per page."""
    path = re.sub(r"/\d+/", "/[id]/", path)
    return re.sub(r"^/(sentre|fylker)/[^/]+/", r"/\1/[slug]/", path)


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 4)

    def on_start(self):
        self.cookies = {}

    def send(self, method, path, *, name=None, expect=(200,), **kwargs):
        headers = {"Host": PLAN["host"], "X-Forwarded-Proto": "https", "Accept-Language": "nb"}
        headers["Referer"] = f"https://{PLAN['host']}{path}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        with self.client.request(
            method,
            path,
            headers=headers,
            name=name or label(path),
            allow_redirects=False,
            catch_response=True,
            **kwargs,
        ) as response:
            self.cookies.update(response.cookies.get_dict())
            if response.status_code not in expect:
                response.failure(f"{method} {path}: {response.status_code}")
            return response


class Visitor(Person):
    weight = 5

    @task(10)
    def read(self):
        self.send("GET", random.choice(PLAN["public"]))

    @task(1)
    def search(self):
        self.send("GET", "/sok/?q=" + random.choice(["karriereveiledning", "kurs", "oslo", "etikk"]), name="/sok/?q=")


class SignedIn(Person):
    weight = 6

    def on_start(self):
        super().on_start()
        self.role = random.choices(list(ROLE_WEIGHTS), weights=list(ROLE_WEIGHTS.values()))[0]
        self.person = next(COUNSELLORS) if self.role == "counsellor" else PLAN["roles"][self.role]
        self.cookies["sessionid"] = random.choice(self.person["sessions"])

    @task(20)
    def work(self):
        self.open(random.choice(self.person["pages"]))

    def open(self, path):
        """A page; a thread may first send its reader on to the first post they have not read."""
        page = self.send("GET", path, expect=(200, 302) if path.startswith("/forum/t/") else (200,))
        if page.status_code == 302:
            location = urlsplit(page.headers["Location"])
            page = self.send("GET", location.path + (f"?{location.query}" if location.query else ""))
        return page

    @task(1)
    def reply(self):
        threads = [path for path in self.person["pages"] if path.startswith("/forum/t/")]
        if self.role != "counsellor" or not threads:
            return
        thread = random.choice(threads)
        page = self.open(thread)
        token = CSRF_INPUT.search(page.text or "")
        if token and f'action="{thread}svar/"' in (page.text or ""):  # the thread takes replies
            body = f"Takk for innspillet. Vi har prøvd det samme hos oss ({random.randint(1, 10**6)})."
            data = {"csrfmiddlewaretoken": token[1], "body": body}
            self.send("POST", f"{thread}svar/", data=data, expect=(302,), name="POST /forum/t/[id]/svar/")


class SigningIn(Person):
    """A counsellor who signs in through the form (a password hash per login), then reads their pages."""

    weight = 1

    def on_start(self):
        super().on_start()
        form = self.send("GET", "/accounts/login/")
        token = CSRF_INPUT.search(form.text or "")
        email = random.choice(PLAN["form_logins"])
        data = {"csrfmiddlewaretoken": token[1] if token else "", "login": email, "password": "karriere-demo"}
        self.send("POST", "/accounts/login/", data=data, expect=(302,), name="POST /accounts/login/")

    @task
    def read(self):
        self.send("GET", random.choice(["/min-side/", "/kompetanse/", "/arrangementer/", "/forum/"]))
