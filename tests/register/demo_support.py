"""What the seed_demo tests share: the documented demo people, running the command, a snapshot of its rows."""

from io import StringIO
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command

from notifications.models import Notice
from register.models import (
    AuditEntry,
    Centre,
    CompetenceArea,
    CompetenceStatement,
    CounsellorProfile,
    County,
    CPDActivity,
    CreditEntry,
    Membership,
    NationalRole,
    RequirementSet,
    Role,
)

DEMO_PASSWORD = "karriere-demo"


# e-mail local part: (centre name, role) for centre staff


CENTRE_STAFF = {
    "leder": ("Karriere Oslo", Role.ADMIN),
    "godkjenner": ("Karriere Oslo", Role.VERIFIER),
    "kurs": ("Karriere Oslo", Role.ORGANISER),
    "moderator": ("Karriere Oslo", Role.MODERATOR),
    "hr": ("Karriere Oslo", Role.HR),
    "eveileder": ("Karriere Vestland", Role.E_GUIDANCE),
}


ALL_DEMO_USERS = ["nasjonal", *CENTRE_STAFF, "senter", "skole", "nav"]


def demo_email(local):
    return f"{local}@karrierenorge.example"


def demo_user(local):
    return get_user_model().objects.get(email=demo_email(local))


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def stored_files(root):
    return sorted(str(p.relative_to(root)) for p in Path(root).rglob("*") if p.is_file())


def network_profiles():
    """The few hundred other demo counsellors (the named ones have no number in their address)."""
    return CounsellorProfile.objects.filter(user__email__contains=".demo")


def snapshot(root=None):
    return {
        "credit_entries": list(CreditEntry.objects.order_by("pk").values()),
        "credit_areas": CreditEntry.areas.through.objects.count(),
        "cpd_activities": list(CPDActivity.objects.order_by("pk").values()),
        "cpd_areas": CPDActivity.areas.through.objects.count(),
        "areas": list(CompetenceArea.objects.order_by("pk").values()),
        "requirement_sets": list(RequirementSet.objects.order_by("pk").values()),
        "statements": list(CompetenceStatement.objects.order_by("pk").values_list("pk", "code")),
        "files": stored_files(root) if root else None,
        "users": get_user_model().objects.count(),
        "centres": Centre.objects.count(),
        "memberships": Membership.objects.count(),
        "national_roles": NationalRole.objects.count(),
        "profiles": CounsellorProfile.objects.count(),
        "email_addresses": EmailAddress.objects.count(),
        "audit_entries": AuditEntry.objects.count(),
        "notices": Notice.objects.count(),
        "centre_rows": list(Centre.objects.order_by("pk").values()),
        "county_rows": list(County.objects.order_by("pk").values()),
        "passwords": dict(get_user_model().objects.values_list("email", "password")),
    }
