"""Query budgets that hold from 10 to 1,000 rows.

The rows are made with bulk_create: building 1,000 counsellors through the services would
take minutes, and these tests are about the cost of reading them, not of writing them.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from register.models import CounsellorProfile, CreditEntry, WorkplaceType
from tests.factories import county
from tests.register.centre_support import csv_body

pytestmark = pytest.mark.django_db

COMPLETED = datetime.date(2025, 3, 1)


def add_counsellors(centre, area, start, count):
    """``count`` counsellors at ``centre``, each with one pending 10 sp entry covering ``area``."""
    users = get_user_model().objects.bulk_create(
        get_user_model()(email=f"bulk{n}@example.org", full_name=f"Veileder {n}", handle=f"bulk{n}")
        for n in range(start, start + count)
    )
    CounsellorProfile.objects.bulk_create(
        CounsellorProfile(
            user=user,
            workplace_type=WorkplaceType.UPPER_SECONDARY,
            workplace_name="Skole",
            county=county("03"),
            home_centre=centre,
        )
        for user in users
    )
    entries = CreditEntry.objects.bulk_create(
        CreditEntry(
            owner=user,
            title="Karriereveiledning 1",
            institution="Universitetet",
            credits=Decimal("10.0"),
            completed_on=COMPLETED,
            evidence=f"evidence/{user.pk}/kursbevis.pdf",
            evidence_name="kursbevis.pdf",
            evidence_type="application/pdf",
        )
        for user in users
    )
    CreditEntry.areas.through.objects.bulk_create(
        CreditEntry.areas.through(creditentry_id=entry.pk, competencearea_id=area.pk) for entry in entries
    )


def queries_for(client, url):
    client.get(url)  # the first request of a session does its own bookkeeping
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("url_name", "viewer"),
    [("centre_network", "centre_admin"), ("verification_queue", "verifier")],
)
def test_staff_lists_cost_the_same_for_10_and_1000_counsellors(
    client, request, centre, requirements, areas, url_name, viewer
):
    user = request.getfixturevalue(viewer)
    client.force_login(user)
    url = reverse(url_name, kwargs={"slug": centre.slug}) if url_name == "centre_network" else reverse(url_name)

    add_counsellors(centre, areas[0], 0, 10)
    few = queries_for(client, url)
    add_counsellors(centre, areas[0], 10, 990)
    many = queries_for(client, url)

    assert many == few, f"{url} went from {few} to {many} queries"


def test_the_csv_export_of_1000_counsellors_costs_the_same_as_of_10(client, centre, centre_admin, requirements, areas):
    """Counted while the file streams: the rows are read a thousand at a time."""
    client.force_login(centre_admin)
    url = reverse("centre_network", kwargs={"slug": centre.slug}) + "?format=csv"

    def streamed():
        csv_body(client.get(url))
        with CaptureQueriesContext(connection) as captured:
            text = csv_body(client.get(url))
        return len(captured.captured_queries), text.count("\n")

    add_counsellors(centre, areas[0], 0, 10)
    few, lines = streamed()
    assert lines == 11
    add_counsellors(centre, areas[0], 10, 990)
    many, lines = streamed()
    assert many == few
    assert lines == 1001


@pytest.mark.parametrize("url_name", ["dashboard", "competence"])
def test_a_counsellor_with_1000_entries_costs_the_same_as_with_10(
    client, school_counsellor, requirements, areas, url_name
):
    def add_entries(count):
        entries = CreditEntry.objects.bulk_create(
            CreditEntry(
                owner=school_counsellor,
                title=f"Emne {n}",
                institution="Høgskolen",
                credits=Decimal("0.5"),
                completed_on=COMPLETED,
                evidence="evidence/x.pdf",
                evidence_name="x.pdf",
                evidence_type="application/pdf",
            )
            for n in range(count)
        )
        CreditEntry.areas.through.objects.bulk_create(
            CreditEntry.areas.through(creditentry_id=entry.pk, competencearea_id=areas[n % 7].pk)
            for n, entry in enumerate(entries)
        )

    client.force_login(school_counsellor)
    url = reverse(url_name)
    add_entries(10)
    few = queries_for(client, url)
    add_entries(990)
    many = queries_for(client, url)
    assert many == few, f"{url} went from {few} to {many} queries"
