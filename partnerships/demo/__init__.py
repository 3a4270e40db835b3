"""Demo data for partnership agreements, in Norwegian: the national guidelines, a dozen named agreements in four
counties (``catalogue.py``) and, at national scale, a few more in every county (``national.py``).

Run by ``manage.py seed_partnerships_demo`` (and by ``seed_demo``, after the register's centres and people). The
named agreements are made through the services, as a centre would make them: recorded when they started, clauses
marked met, reviews held, later changes and an ending, so their history reads as it would. The daily job then
runs, so Karriere Oslo's NAV agreement, which ends within 30 days, has told ``leder@``. Every step checks what
exists first, so a second run creates nothing and sends nothing.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from partnerships import services
from partnerships.demo.catalogue import AGREEMENTS, CLAUSES, NOTICE, PRIVACY, DemoAgreement, organisation_number
from partnerships.demo.national import seed_national_agreements
from partnerships.models import Agreement, AgreementStatus, GuidelineClause, PartnerType
from register.demo.organisation import CENTRES, DEMO_DOMAIN, main_centre_name, slug_for
from register.models import Centre, County, Membership, Role

__all__ = ["NATIONAL_ADMIN", "PartnershipsDemoResult", "organisation_number", "seed_partnerships_demo"]

NATIONAL_ADMIN = f"nasjonal@{DEMO_DOMAIN}"
# Partners that see people's personal data; their agreements say how it is protected.
PERSONAL_DATA_TYPES = {PartnerType.NAV_OFFICE, PartnerType.NAV_COUNTY, PartnerType.HEALTH_SERVICE}


@dataclass
class PartnershipsDemoResult:
    clauses_created: int
    agreements_created: int
    national_agreements_created: int
    notices_sent: int


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _clauses(actor) -> tuple[list[GuidelineClause], int]:
    existing = set(GuidelineClause.objects.values_list("title", flat=True))
    created = 0
    for title, description, required_for in CLAUSES:
        if title not in existing:
            services.clause_save(actor=actor, title=title, description=description, required_for=required_for)
            created += 1
    return list(GuidelineClause.objects.filter(title__in=[title for title, *_rest in CLAUSES])), created


def _centre(county: County, which: str | None) -> Centre | None:
    if which is None:
        return None
    name = main_centre_name(county)
    if which == "second":
        name = f"{name} {CENTRES[county.number][1][0]}"
    return Centre.objects.get(slug=slug_for(name))


def _actor(centre: Centre | None, county: County, national_admin):
    """An admin of the centre (of a centre in the county, for a county-wide agreement), or the national admin."""
    admins = Membership.objects.filter(role=Role.ADMIN, user__is_active=True).select_related("user").order_by("pk")
    admins = admins.filter(centre=centre) if centre is not None else admins.filter(centre__county=county)
    membership = admins.first()
    return membership.user if membership is not None else national_admin


def _rows(agreement: Agreement) -> dict[str, list[dict[str, Any]]]:
    """The agreement's rows as the services take them, ids included: what an edit form would post back."""

    def rows(related, fields):
        return [{"id": row.pk, **{f: getattr(row, f) for f in fields}} for row in related.order_by("pk")]

    return {
        "parties": rows(agreement.parties, services.PARTY_FIELDS),
        "obligations": rows(agreement.obligations, services.OBLIGATION_FIELDS),
        "contacts": rows(agreement.contacts, services.CONTACT_FIELDS),
    }


def _meets(clause: GuidelineClause, spec: DemoAgreement) -> bool:
    if clause.title in spec.missing:
        return False
    types = {partner_type for _name, partner_type in spec.parties}
    if types & set(clause.required_for):
        return True
    if clause.title == PRIVACY:
        return bool(types & PERSONAL_DATA_TYPES)
    return clause.title == NOTICE


def _seed_agreement(spec: DemoAgreement, clauses: list[GuidelineClause], national_admin, today: datetime.date):
    county = County.objects.get(number=spec.county)
    centre = _centre(county, spec.centre)
    actor = _actor(centre, county, national_admin)
    start = today - days(spec.started_days_ago)
    agreement = services.agreement_create(
        actor=actor,
        centre=centre,
        county=county,
        data={
            "title": spec.title,
            "purpose": spec.purpose,
            "start_date": start,
            "end_date": today + days(spec.ends_in_days) if spec.ends_in_days is not None else None,
            "notice_months": spec.notice_months,
            "renewal": spec.renewal,
        },
        parties=[
            {"name": name, "partner_type": partner_type, "organisation_number": organisation_number(name)}
            for name, partner_type in spec.parties
        ],
        obligations=[
            {
                "side": obligation.side,
                "description": obligation.description,
                "unit": obligation.unit,
                "amount": obligation.amount,
                "frequency": obligation.frequency,
                "due_date": today + days(obligation.due_in_days) if obligation.due_in_days is not None else None,
            }
            for obligation in spec.obligations
        ],
        contacts=[
            {"side": side, "name": name, "role": role, "email": email, "phone": ""}
            for side, name, role, email in spec.contacts
        ],
        status=spec.status,
        # Recorded when it started: the daily job below moves it on to today's status, as it would have.
        today=min(start, today),
    )
    Agreement.objects.filter(pk=agreement.pk).update(is_demo=True)
    for number, clause in enumerate(clauses, start=2):
        if _meets(clause, spec):
            services.clause_fulfil(agreement=agreement, clause=clause, actor=actor, note=f"Punkt {number}")
    for review in spec.reviews:
        obligations = list(agreement.obligations.order_by("pk"))
        services.review_record(
            agreement=agreement,
            actor=actor,
            held_on=today - days(review.days_ago),
            participants=review.participants,
            changes=review.changes,
            deliveries={
                obligation.pk: delivery
                for obligation, delivery in zip(obligations, review.deliveries, strict=True)
                if delivery is not None
            },
            today=today,
        )
    if spec.later:
        rows = _rows(agreement)
        for index, amount in spec.later.get("amounts", {}).items():
            rows["obligations"][index]["amount"] = amount
        data = {}
        if "ends_in_days" in spec.later:
            data["end_date"] = today + days(spec.later["ends_in_days"])
        services.agreement_update(agreement=agreement, actor=actor, data=data, **rows, today=today)
    if spec.ended:
        services.agreement_update(
            agreement=agreement, actor=actor, data={}, status=AgreementStatus.ENDED, **_rows(agreement), today=today
        )


@transaction.atomic
def seed_partnerships_demo(*, national: bool = False, today: datetime.date | None = None) -> PartnershipsDemoResult:
    """See the module docstring; needs the register's demo (its national admin, centres and people)."""
    today = today or timezone.localdate()
    national_admin = get_user_model().objects.filter(email=NATIONAL_ADMIN).first()
    if national_admin is None:
        return PartnershipsDemoResult(0, 0, 0, 0)
    clauses, clauses_created = _clauses(national_admin)
    existing = set(Agreement.objects.filter(is_demo=True).values_list("title", flat=True))
    created = 0
    for spec in AGREEMENTS:
        if spec.title not in existing:
            _seed_agreement(spec, clauses, national_admin, today)
            created += 1
    bulk = seed_national_agreements(national_admin, clauses, today=today, existing=existing) if national else 0
    # The daily job, as it runs every morning: statuses and renewals, then the notices due.
    services.agreements_refresh(today=today)
    notices = services.reminders_send(today=today) + services.obligations_due_send(today=today)
    return PartnershipsDemoResult(clauses_created, created, bulk, notices)
