"""Demo data for seed_demo, all marked as demo.

Centres in every county, one user per role, the seven competence areas, the requirement sets, the
three named demo counsellors (their entries made through the services, so audit rows and notices
exist) and a few hundred other counsellors across the country (bulk-inserted, see ``seed_network``).
Every step checks what exists first, so a second run creates nothing.
"""

from dataclasses import dataclass

from django.db import transaction

from register.demo.competence import (
    seed_competence_areas,
    seed_demo_statement,
    seed_named_counsellors,
    seed_requirement_sets,
)
from register.demo.network import NETWORK_SIZE, seed_network, seed_verifiers
from register.demo.organisation import DEMO_DOMAIN, DEMO_PASSWORD, seed_centres, seed_users

__all__ = ["DEMO_DOMAIN", "DEMO_PASSWORD", "NETWORK_SIZE", "DemoResult", "seed_demo"]


@dataclass
class DemoResult:
    logins: list  # (e-mail, full name, created now) of the named demo users
    network_created: int  # other counsellors created by this run
    statement: object  # senter@'s demo competence statement, or None


@transaction.atomic
def seed_demo(*, network_size=NETWORK_SIZE):
    """Everything the demo needs; see the module docstring."""
    main_centres = seed_centres()
    logins = seed_users(main_centres)
    areas = seed_competence_areas()
    seed_requirement_sets(areas)
    verifiers = seed_verifiers(main_centres)
    seed_named_counsellors(areas, verifiers)
    statement = seed_demo_statement()
    created = seed_network(main_centres, verifiers, areas, size=network_size)
    return DemoResult(logins=logins, network_created=created, statement=statement)
