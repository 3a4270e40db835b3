"""Shared fixtures for e-guidance: counsellors at Karriere Vestland, their lead, and questions."""

import datetime

import pytest
from django.utils import timezone, translation

from guidance import services
from guidance.models import Topic
from register.models import Role
from tests import personas
from tests.factories import county

QUESTION_TEXT = "Jeg er 45 år og vil bytte fra butikk til helse. Hvilken utdanning bør jeg velge?"


@pytest.fixture(autouse=True)
def _english():
    """Messages and e-mails are written in the active language; outside requests these tests work in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def e_counsellor(other_centre):
    """An e-guidance counsellor at Karriere Vestland."""
    return personas.centre_staff(other_centre, Role.E_GUIDANCE, email="eveileder@example.org")


@pytest.fixture
def second_counsellor(other_centre):
    return personas.centre_staff(other_centre, Role.E_GUIDANCE, email="eveileder2@example.org")


@pytest.fixture
def guidance_lead(other_centre):
    """The admin of a centre with e-guidance counsellors."""
    return personas.centre_staff(other_centre, Role.ADMIN, email="leder-vestland@example.org")


def ask(text=QUESTION_TEXT, *, topic=Topic.CHANGING_JOBS, county_number=None, email="", now=None, **fields):
    """A question as an anonymous asker sends it; returns the question (its ``token`` is the private link)."""
    return services.question_ask(
        text=text,
        topic=topic,
        county=county(county_number) if county_number else None,
        email=email,
        now=now,
        **fields,
    )


def at(text):
    """An aware moment in Oslo time from "YYYY-MM-DD HH:MM"."""
    return timezone.make_aware(datetime.datetime.strptime(text, "%Y-%m-%d %H:%M"), timezone.get_default_timezone())


@pytest.fixture
def question(db):
    return ask(county_number="46", email="asker@example.org")


@pytest.fixture
def claimed(question, e_counsellor):
    return services.question_claim(question=question, counsellor=e_counsellor)


@pytest.fixture
def answered(claimed, e_counsellor):
    return services.question_answer(question=claimed, counsellor=e_counsellor, body="Se på **helsefagarbeider**.")
