"""Agreements the partnership tests talk about, built through the app's services."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from partnerships import services
from partnerships.models import AgreementStatus, PartnerType
from register.models import Role
from tests import personas

# Valid organisation numbers (mod-11): NAV and the Brønnøysund Register Centre.
NAV_ORGNR = "889640782"
BRREG_ORGNR = "974760673"


def nav_rows(**overrides):
    """The parts of an agreement with a NAV office: two obligations and a contact on each side."""
    rows = {
        "parties": [
            {"name": "NAV Grünerløkka", "partner_type": PartnerType.NAV_OFFICE, "organisation_number": NAV_ORGNR}
        ],
        "obligations": [
            {
                "side": "partner",
                "description": "NAV sets aside counsellor hours for joint guidance",
                "unit": "hours",
                "amount": Decimal("200"),
                "frequency": "yearly",
                "due_date": timezone.localdate() + datetime.timedelta(days=60),
            },
            {
                "side": "centre",
                "description": "The centre trains NAV's counsellors",
                "unit": "nok",
                "amount": Decimal("50000"),
                "frequency": "quarterly",
                "due_date": timezone.localdate() + datetime.timedelta(days=20),
            },
        ],
        "contacts": [
            {"side": "centre", "name": "Lise Leder", "role": "Leder", "email": "lise@example.org", "phone": ""},
            {"side": "partner", "name": "Nils Nav", "role": "Avdelingsleder", "email": "nils@nav.example", "phone": ""},
        ],
    }
    rows.update(overrides)
    return rows


def make_agreement(actor, centre, *, status=AgreementStatus.ACTIVE, days_left=200, **overrides):
    today = timezone.localdate()
    data = {
        "title": overrides.pop("title", "Samarbeidsavtale med NAV Grünerløkka"),
        "purpose": "Felles veiledning for arbeidssøkere.",
        "start_date": today - datetime.timedelta(days=365),
        "end_date": today + datetime.timedelta(days=days_left),
        "notice_months": 3,
        "renewal": "by_decision",
    }
    data.update(overrides.pop("data", {}))
    return services.agreement_create(actor=actor, centre=centre, data=data, status=status, **nav_rows(**overrides))


@pytest.fixture
def other_admin(other_centre):
    return personas.centre_staff(other_centre, Role.ADMIN, email="leder-vestland@example.org")


@pytest.fixture
def agreement(centre, centre_admin):
    """Karriere Oslo's active agreement with NAV Grünerløkka, ending in 200 days."""
    return make_agreement(centre_admin, centre)


@pytest.fixture
def clauses(national_admin):
    """The national guidelines: resources from NAV and named contacts are required for NAV offices."""
    return {
        "resources": services.clause_save(
            actor=national_admin,
            title="NAV commits resources in hours per year",
            required_for=[PartnerType.NAV_OFFICE, PartnerType.NAV_COUNTY],
        ),
        "contacts": services.clause_save(
            actor=national_admin, title="Named contact on both sides", required_for=PartnerType.values
        ),
        "review": services.clause_save(actor=national_admin, title="Yearly review meeting"),
    }


@pytest.fixture
def counsellors(centre):
    """Three counsellors with a home centre, to register for events."""
    return [personas.counsellor(home_centre=centre, email=f"deltaker{i}@example.org") for i in range(3)]
