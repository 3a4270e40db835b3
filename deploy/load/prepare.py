"""Prepare a production database for the load test: the demo data, signed-in sessions and each role's pages.

Run by ``deploy/load/run.py`` with the production environment, after ``make production`` has migrated:
``python deploy/load/prepare.py OUT.json``. Staff get a TOTP authenticator (production requires MFA of
them) and sessions are made directly, as after a completed login: the load test measures the pages, and
the login form (a password hash per try) is exercised by the counsellors who sign in through it. Each
role's pages are the ones it really uses, kept only if they answer 200 to that role.
"""

import json
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from events.models import Event  # noqa: E402
from forum.models import Thread  # noqa: E402
from register.models import Centre  # noqa: E402
from register.permissions import requires_staff_mfa  # noqa: E402

SESSIONS_PER_ROLE = 10
# Counsellors are most of the people: each signed-in counsellor of the load is a different demo counsellor.
COUNSELLOR_PEOPLE = 60
COUNSELLOR_PAGES = ["/min-side/", "/kompetanse/", "/forum/", "/arrangementer/", "/notifications/", "/api/v1/me/"]
HOST = settings.ALLOWED_HOSTS[0]
ROLES = {
    # e-mail of the demo user: the pages of a working day
    "senter": COUNSELLOR_PAGES,
    "skole": [*COUNSELLOR_PAGES, "/hjemmesenter/"],
    "nav": COUNSELLOR_PAGES,
    "leder": ["/staff/", "/staff/sentre/karriere-oslo/nettverk/", "/staff/godkjenning/", "/forum/"],
    "godkjenner": ["/staff/godkjenning/", "/staff/sentre/karriere-oslo/nettverk/", "/staff/"],
    "hr": ["/staff/", "/staff/sentre/karriere-oslo/nettverk/", "/verify/"],
    "kurs": ["/arrangementer/staff/", "/arrangementer/"],
    "moderator": ["/forum/moderering/", "/forum/"],
    "eveileder": ["/e-veiledning/", "/sporsmal/ofte-stilte/"],
    "nasjonal": ["/staff/", "/e-veiledning/statistikk/", "/e-veiledning/frister/", "/forum/"],
}
PUBLIC = ["/", "/sentre/", "/standarden/", "/nyheter/", "/sporsmal/", "/sporsmal/ofte-stilte/", "/arrangementer/"]
PUBLIC.append("/verify/")


def answers(client, path):
    return client.get(path, secure=True, HTTP_HOST=HOST).status_code == 200


def set_up_mfa(user):
    """A TOTP authenticator for someone production requires it of (a session then counts as after MFA)."""
    if requires_staff_mfa(user):
        Authenticator.objects.get_or_create(
            user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": secrets.token_hex(10)}}
        )


def main(out):
    call_command("seed_demo", verbosity=0)
    visitor = Client()
    public = PUBLIC + [centre.get_absolute_url() for centre in Centre.objects.filter(is_active=True)[:10]]
    public += [event.get_absolute_url() for event in Event.objects.order_by("-starts_at")[:10]]
    public += [f"/fylker/{slug}/" for slug in ("oslo", "vestland", "nordland", "innlandet")]
    plan = {"host": HOST, "public": [path for path in public if answers(visitor, path)], "roles": {}}
    threads = [thread.get_absolute_url() for thread in Thread.objects.order_by("-pk")[:40]]
    for name, pages in ROLES.items():
        user = User.objects.get(email=f"{name}@karrierenorge.example")
        set_up_mfa(user)
        client = Client()
        client.force_login(user)
        usable = [path for path in pages + threads[:10] if answers(client, path)]
        sessions = []
        for _ in range(SESSIONS_PER_ROLE):
            signed_in = Client()
            signed_in.force_login(user)
            sessions.append(signed_in.cookies[settings.SESSION_COOKIE_NAME].value)
        plan["roles"][name] = {"pages": usable, "sessions": sessions}
    plan["counsellors"] = []
    demo_roles = [f"{name}@karrierenorge.example" for name in ROLES]
    people = User.objects.filter(counsellor_profile__isnull=False).exclude(email__in=demo_roles).order_by("pk")
    for person in people[:COUNSELLOR_PEOPLE]:
        set_up_mfa(person)
        signed_in = Client()
        signed_in.force_login(person)
        pages = [path for path in COUNSELLOR_PAGES + threads[:10] if answers(signed_in, path)]
        session = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
        plan["counsellors"].append({"pages": pages, "sessions": [session]})
    plan["form_logins"] = [
        user.email
        for user in User.objects.filter(email__in=[f"{name}@karrierenorge.example" for name in ROLES])
        if not requires_staff_mfa(user)
    ]
    # The threads senter@ may answer in (the fault test writes there while PostgreSQL restarts).
    senter = Client()
    senter.force_login(User.objects.get(email="senter@karrierenorge.example"))
    plan["reply_threads"] = [
        path
        for path in plan["roles"]["senter"]["pages"]
        if path.startswith("/forum/t/")
        and f'action="{path}svar/"' in senter.get(f"{path}?page=1", secure=True, HTTP_HOST=HOST).content.decode()
    ]
    Path(out).write_text(json.dumps(plan, indent=2))
    roles = ", ".join(f"{name}: {len(role['pages'])}" for name, role in plan["roles"].items())
    print(f"{len(plan['public'])} public pages; {len(plan['counsellors'])} counsellors; pages of {roles}")


if __name__ == "__main__":
    main(sys.argv[1])
