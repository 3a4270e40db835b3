"""Demo data for seed_demo, all marked as demo.

Centres in every county, one user per role, the seven competence areas, the requirement sets, the
three named demo counsellors (their entries made through the services, so audit rows and notices
exist) and a few hundred other counsellors across the country (bulk-inserted, see ``seed_network``).
Every step checks what exists first, so a second run creates nothing.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction

from accounts.models import User
from core.bulk import analyze
from register.demo.competence import (
    seed_competence_areas,
    seed_demo_statement,
    seed_named_counsellors,
    seed_requirement_sets,
)
from register.demo.network import NETWORK_SIZE, seed_more_credits, seed_network, seed_verifiers
from register.demo.organisation import DEMO_DOMAIN, DEMO_PASSWORD, seed_centres, seed_users
from register.models import AuditEntry, CounsellorProfile, CPDActivity, CreditEntry

__all__ = [
    "DEMO_DOMAIN",
    "DEMO_PASSWORD",
    "NATIONAL_COUNSELLORS",
    "NATIONAL_CREDITS",
    "NETWORK_SIZE",
    "DemoResult",
    "seed_demo",
]

# seed_demo --scale national: the whole country, as the benchmark measures it.
NATIONAL_COUNSELLORS = 12_000
NATIONAL_CREDITS = 150_000
# What the network's bulk inserts fill: analysed after them, so the pages are planned for their new size at once.
NETWORK_TABLES = (
    User,
    EmailAddress,
    CounsellorProfile,
    CreditEntry,
    CreditEntry.areas.through,
    AuditEntry,
    CPDActivity,
    CPDActivity.areas.through,
)


@dataclass
class DemoResult:
    logins: list  # (e-mail, full name, created now) of the named demo users
    network_created: int  # other counsellors created by this run
    credits_added: int  # credit entries added by this run to reach the national scale
    statement: object  # senter@'s demo competence statement, or None


@transaction.atomic
def seed_demo(*, network_size=NETWORK_SIZE, counsellors=None, credits=None, national_centres=False, progress=print):
    """Everything the demo needs; see the module docstring.

    ``counsellors``, if given, is the number of counsellors in all (the named ones included) and replaces
    ``network_size``; ``credits`` tops the credit entries up to that many, and ``national_centres`` adds a third
    centre in each county (national scale).
    """
    main_centres = seed_centres(national=national_centres)
    logins = seed_users(main_centres)
    areas = seed_competence_areas()
    seed_requirement_sets(areas)
    verifiers = seed_verifiers(main_centres)
    seed_named_counsellors(areas, verifiers)
    statement = seed_demo_statement()
    if counsellors is not None:
        named = CounsellorProfile.objects.exclude(user__email__contains=".demo").count()
        network_size = max(0, counsellors - named)
    created = seed_network(main_centres, verifiers, areas, size=network_size, progress=progress)
    added = seed_more_credits(credits, main_centres, verifiers, areas, progress=progress) if credits else 0
    if created or added:
        analyze(*NETWORK_TABLES)
    return DemoResult(logins=logins, network_created=created, credits_added=added, statement=statement)
