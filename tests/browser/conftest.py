"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Without /usr/bin/chromium the tests are skipped with a message saying so, except in CI
(``CI=true``), where a missing browser is a failure: CI must run them.
"""

import os
from io import StringIO
from pathlib import Path

import axe_playwright_python
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from register.demo import DEMO_DOMAIN, DEMO_PASSWORD
from tests.factories import restore_counties
from tests.snapshots import DatabaseSnapshot

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# (seeding, logging in) are still plain synchronous calls.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
BROWSER_DIR = Path(__file__).parent
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
# axe-core as shipped by axe-playwright-python. Each browser context loads it with every page (an init
# script, which the page's CSP does not block), and only a summary of the violations comes back: sending the
# 570 kB script and the full results across Playwright for every page cost a third of each check.
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
AXE_VIOLATIONS = """options => axe.run(document, options).then(results => results.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help, count: v.nodes.length, targets: v.nodes.slice(0, 3).map(n => n.target),
})))"""

# The demo people by e-mail local part (see register/demo.py).
ROLES = ["nasjonal", "leder", "godkjenner", "kurs", "moderator", "hr", "eveileder", "senter", "skole", "nav"]


def demo_email(local):
    return f"{local}@{DEMO_DOMAIN}"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _chromium_available():
    """Skip (or, in CI, fail) every browser test when Chromium is not installed."""
    if CHROMIUM.exists():
        return
    message = f"Chromium not found at {CHROMIUM}: browser tests"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} must run in CI. Install it with: apt-get install chromium", pytrace=False)
    pytest.skip(f"{message} skipped (install it with: apt-get install chromium)")


@pytest.fixture(scope="session")
def browser_type_launch_args(_chromium_available):
    """pytest-playwright launches this Chromium once per session."""
    return {"executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker):
    """The demo database of this worker, built by the first browser test that needs it."""
    snapshot = DatabaseSnapshot("demo")
    yield snapshot
    with django_db_blocker.unblock():
        snapshot.drop()


@pytest.fixture
def demo_data(live_server, _demo_snapshot):
    """The demo centres and people in the live server's database, exactly as seeded.

    Each live-server test empties the database when it ends, the counties the migrations
    added included. The first test in a worker therefore empties it too, puts the counties
    back and runs seed_demo, then snapshots the result; every later test restores that
    snapshot, which takes a fraction of a second where seeding took seconds. (Django's
    serialized rollback would not do: Playwright's event loop leaves the test on a different
    connection object from the one the contents were serialized on, so it restores nothing.)
    """
    if _demo_snapshot.taken:
        _demo_snapshot.restore()
        return
    call_command("flush", interactive=False, verbosity=0)
    restore_counties()
    # Only the named demo people: the few hundred other counsellors would cost seconds per
    # worker and no browser test needs them.
    call_command("seed_demo", "--counsellors", "0", stdout=StringIO())
    _demo_snapshot.take()


@pytest.fixture
def site(live_server, demo_data):
    """The live server's base URL, with the demo data in place."""
    return live_server.url


@pytest.fixture
def open_context(site, new_context):
    """Open a browser context on the live site, logged in as a demo person unless "anonymous".

    The browser is Norwegian by default (the site answers in bokmål, as for most of its users).
    """

    def _open(visitor="anonymous", *, locale="nb-NO", **kwargs):
        context = new_context(base_url=site, locale=locale, **kwargs)
        context.add_init_script(path=AXE_SCRIPT)
        if visitor != "anonymous":
            log_in(context, site, visitor)
        return context

    return _open


def login_cookie(user):
    """A session cookie for ``user``, made without going through the login form."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def log_in(context, base_url, local):
    """Log the demo person ``local`` in to the browser context by a session cookie."""
    user = get_user_model().objects.get(email=demo_email(local))
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": login_cookie(user), "url": base_url}])
    return user


def log_in_by_form(page, email, password=DEMO_PASSWORD):
    """Fill in and send the real login form."""
    page.goto("/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def axe_violations(page):
    """Run axe-core (WCAG 2.1 A and AA rules) on the page; return the violations as text lines."""
    if not page.evaluate("typeof window.axe === 'object'"):  # a page not opened through open_context
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    lines = []
    for violation in page.evaluate(AXE_VIOLATIONS, AXE_OPTIONS):
        targets = [", ".join(target) for target in violation["targets"]]
        more = violation["count"] - len(targets)
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} -> {' | '.join(targets)}"
            + (f" (+{more} more)" if more > 0 else "")
        )
    return lines


def assert_accessible(page, context=""):
    """Fail when axe finds any WCAG 2.1 A/AA violation on the page, listing each one."""
    violations = axe_violations(page)
    if violations:
        where = context or page.url
        pytest.fail(f"{len(violations)} accessibility violation(s) on {where}:\n  " + "\n  ".join(violations))
