"""What the competence register API tests share: the addresses, dates and files, clients, logging credits."""

import datetime

from django.utils import timezone
from rest_framework.test import APIClient

from register import services
from register.models import CreditEntry
from tests.factories import pdf_upload

LAST_MONTH = timezone.localdate() - datetime.timedelta(days=30)

ME = "/api/v1/me/"
AREAS = "/api/v1/competence-areas/"
REQUIREMENTS = "/api/v1/requirements/"
CREDITS = "/api/v1/credits/"
CPD = "/api/v1/cpd/"
STATUS = "/api/v1/status/"
COUNSELLORS = "/api/v1/counsellors/"
STATEMENTS = "/api/v1/statements/"


def credit_url(entry, suffix=""):
    return f"{CREDITS}{entry.pk}/{suffix}"


def as_user(user):
    client = APIClient()
    client.force_login(user)
    # Messages are asserted in English (the source language); Bokmål is the site default.
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def log_credit(owner, areas, credits="10", title="Karriereveiledning 1"):
    return services.credit_create(
        owner=owner,
        title=title,
        institution="Høgskulen på Vestlandet",
        credits=credits,
        completed_on=LAST_MONTH,
        areas=areas,
        evidence=pdf_upload(),
    )


def credit_payload(all_areas, **overrides):
    payload = {
        "title": "Karriereveiledning i skolen",
        "institution": "Høgskolen i Innlandet",
        "course_code": "KAR101",
        "credits": "15",
        "completed_on": LAST_MONTH.isoformat(),
        "areas": [all_areas[0].pk, all_areas[1].pk],
        "evidence": pdf_upload(),
    }
    payload.update(overrides)
    return payload


def credit_state():
    return list(CreditEntry.objects.order_by("pk").values())
