"""``seed_partnerships_demo --scale national``: four more agreements in every county, bulk-inserted.

Cheap on purpose: each kind of row in one insert, with the history row the service would have written. They meet
the guidelines, end more than half a year on and fall due later, so they add no notices to the demo's own.
"""

import datetime
import random
from decimal import Decimal

from partnerships import services
from partnerships.demo.catalogue import organisation_number
from partnerships.models import (
    Agreement,
    AgreementChange,
    AgreementStatus,
    ClauseFulfilment,
    Contact,
    GuidelineClause,
    Obligation,
    PartnerType,
    Party,
    Renewal,
    Side,
    Unit,
)
from register.demo.organisation import CENTRES, main_centre_name, slug_for
from register.models import Centre, County

AGREEMENTS_PER_COUNTY = 4
SEED = 1818

# title, partner name, partner type, county-wide; {place} is the main centre's town, {place2} the second's.
TEMPLATES = [
    ("Samarbeidsavtale med NAV {place2}", "NAV {place2}", PartnerType.NAV_OFFICE, False),
    (
        "Karriereveiledning ved {place2} videregående skole",
        "{place2} videregående skole",
        PartnerType.UPPER_SECONDARY,
        False,
    ),
    (
        "Samarbeid med {place} kommune om voksenopplæring",
        "{place} kommune, voksenopplæringen",
        PartnerType.ADULT_EDUCATION,
        False,
    ),
    ("Rammeavtale med NAV {county} om kompetanseheving", "NAV {county}", PartnerType.NAV_COUNTY, True),
]
PURPOSE = (
    "Partene samarbeider om karriereveiledning for voksne i {county}: felles tilbud til brukerne, henvisning "
    "mellom tjenestene og kompetanseheving for veilederne."
)


def seed_national_agreements(actor, clauses: list[GuidelineClause], *, today: datetime.date, existing: set[str]) -> int:
    """The agreements of ``TEMPLATES`` in every county that are not in ``existing`` (titles); returns how many."""
    rng = random.Random(SEED)  # noqa: S311 - repeatable demo data, not security
    centres = {centre.slug: centre for centre in Centre.objects.filter(is_demo=True)}
    planned = []  # (agreement, partner name, partner type)
    for county in County.objects.order_by("number"):
        (place, *_main), (place2, *_second) = CENTRES[county.number]
        centre = centres.get(slug_for(main_centre_name(county)))
        for title, partner, partner_type, county_wide in TEMPLATES:
            words = {"place": place, "place2": place2, "county": county.name}
            start = today - datetime.timedelta(days=rng.randint(30, 900))
            agreement = Agreement(
                title=title.format(**words),
                centre=None if county_wide else centre,
                county=county,
                purpose=PURPOSE.format(**words),
                start_date=start,
                end_date=today + datetime.timedelta(days=rng.randint(200, 1000)),
                notice_months=3,
                renewal=rng.choice([Renewal.AUTOMATIC, Renewal.BY_DECISION]),
                status=AgreementStatus.ACTIVE,
                created_by=actor,
                is_demo=True,
            )
            if agreement.title in existing or (agreement.centre is None and not county_wide):
                continue
            agreement.status = services.status_for_dates(agreement, today)
            planned.append((agreement, partner.format(**words), partner_type))
    if not planned:
        return 0
    agreements = Agreement.objects.bulk_create([agreement for agreement, *_rest in planned])
    parties, obligations, contacts, fulfilments = [], [], [], []
    for agreement, (_planned, name, partner_type) in zip(agreements, planned, strict=True):
        parties.append(
            Party(
                agreement=agreement, name=name, partner_type=partner_type, organisation_number=organisation_number(name)
            )
        )
        due = today + datetime.timedelta(days=rng.randint(30, 300))
        obligations += [
            Obligation(
                agreement=agreement,
                side=Side.PARTNER,
                description="Veiledertimer til samarbeidet",
                unit=Unit.HOURS,
                amount=Decimal(rng.choice([80, 120, 200, 300])),
                due_date=due,
            ),
            Obligation(
                agreement=agreement,
                side=Side.CENTRE,
                description="Fagdager for partnerens veiledere",
                unit=Unit.NOK,
                amount=Decimal(rng.choice([25000, 40000, 60000])),
                due_date=due,
            ),
        ]
        contacts += [
            Contact(agreement=agreement, side=Side.CENTRE, name="Kontaktperson ved karrieresenteret", role="Leder"),
            Contact(agreement=agreement, side=Side.PARTNER, name=f"Kontaktperson i {name}", role="Avdelingsleder"),
        ]
        fulfilments += [
            ClauseFulfilment(agreement=agreement, clause=clause, note="Punkt 3")
            for clause in clauses
            if partner_type in clause.required_for
        ]
    Party.objects.bulk_create(parties)
    Obligation.objects.bulk_create(obligations)
    Contact.objects.bulk_create(contacts)
    ClauseFulfilment.objects.bulk_create(fulfilments)
    AgreementChange.objects.bulk_create(
        [AgreementChange(agreement=agreement, actor=actor, action="created") for agreement in agreements]
    )
    return len(agreements)
