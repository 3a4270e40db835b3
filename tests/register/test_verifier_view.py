"""The verifier's view: the queue filtered and showing how long each entry has waited, the evidence shown
beside the decision form, and a centre admin who does not verify told who does."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from register.models import CreditEntry, Membership, Role, WorkplaceType
from tests import personas
from tests.factories import PDF_BYTES, PNG_BYTES
from tests.register.centre_support import as_user, log_credit, page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def queue(centre, areas):
    """Three waiting entries: Oslo 20 days ago, Oslo today, and a Vestland NAV counsellor 10 days ago."""
    anne = personas.counsellor(home_centre=centre, email="anne@example.org", full_name="Anne Aas")
    bjorn = personas.counsellor(home_centre=centre, email="bjorn@example.org", full_name="Bjørn Berg")
    nav = personas.counsellor(
        home_centre=centre,
        email="nav@example.org",
        full_name="Nils Nav",  # named, so a search for the others cannot hit a random factory name
        workplace_type=WorkplaceType.NAV,
        county_number="46",
    )
    old, new, middle = log_credit(anne, [areas[0]]), log_credit(bjorn, [areas[0]]), log_credit(nav, [areas[0]])
    now = timezone.now()
    CreditEntry.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=20))
    CreditEntry.objects.filter(pk=middle.pk).update(created_at=now - datetime.timedelta(days=10))
    return {"old": old, "new": new, "middle": middle}


def listed(response):
    return [entry.pk for entry in response.context["page_obj"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["old", "middle", "new"]),
        ({"waited": "7"}, ["old", "middle"]),
        ({"waited": "14"}, ["old"]),
        ({"county": "46"}, ["middle"]),
        ({"q": "bjørn"}, ["new"]),
        ({"q": "anne@example"}, ["old"]),
    ],
)
def test_the_queue_filters_by_waiting_time_county_and_counsellor(client, verifier, queue, query, expected):
    response = as_user(client, verifier).get(reverse("verification_queue"), query)

    assert response.status_code == 200
    assert listed(response) == [queue[name].pk for name in expected]


def test_the_queue_says_how_long_each_entry_has_waited_and_refuses_a_bad_filter(client, verifier, queue):
    as_user(client, verifier)
    text = page(client.get(reverse("verification_queue")))
    assert "20 days" in text and "10 days" in text and "0 days" in text

    bad = client.get(reverse("verification_queue"), {"waited": "99", "county": "xx"})
    assert bad.status_code == 200
    assert set(bad.context["filter"].form.errors) == {"waited", "county"}


def test_a_centre_admin_who_does_not_verify_is_told_who_does(client, centre, centre_admin, verifier):
    response = as_user(client, centre_admin).get(reverse("verification_queue"))

    assert response.status_code == 200
    text = page(response)
    assert "Who verifies at Karriere Oslo" in text
    assert f'href="mailto:{verifier.email}"' in text
    assert reverse("centre_staff", args=[centre.slug]) in text


@pytest.mark.parametrize("who", ["school_counsellor", "organiser", "hr_officer", "national_admin"])
def test_others_without_the_verifier_role_are_still_refused(client, request, who):
    assert as_user(client, request.getfixturevalue(who)).get(reverse("verification_queue")).status_code == 403


def test_the_evidence_is_shown_beside_the_decision_form(client, school_counsellor, verifier, areas):
    pdf = log_credit(school_counsellor, [areas[0]])
    png = log_credit(school_counsellor, [areas[0]], evidence=SimpleUploadedFile("bevis.png", PNG_BYTES, "image/png"))
    preview = reverse("credit_evidence_preview", args=[pdf.pk])
    as_user(client, verifier)

    assert f'<iframe src="{preview}"' in page(client.get(reverse("verification_detail", args=[pdf.pk])))
    image = reverse("credit_evidence_preview", args=[png.pk])
    assert f'<img src="{image}"' in page(client.get(reverse("verification_detail", args=[png.pk])))

    response = client.get(preview)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(client.get(image).streaming_content) == PNG_BYTES

    download = client.get(reverse("credit_evidence", args=[pdf.pk]))  # the plain link still downloads
    assert download["Content-Disposition"].startswith("attachment")
    assert "frame-ancestors 'none'" in download["Content-Security-Policy"]


@pytest.mark.parametrize("who", ["hr_officer", "centre_admin", "other_counsellor_here", "anonymous"])
def test_nobody_else_sees_the_preview(client, request, centre, school_counsellor, areas, who):
    entry = log_credit(school_counsellor, [areas[0]])
    if who == "other_counsellor_here":
        as_user(client, personas.counsellor(home_centre=centre, email="annen@example.org"))
    elif who != "anonymous":
        as_user(client, request.getfixturevalue(who))

    assert client.get(reverse("credit_evidence_preview", args=[entry.pk])).status_code == 404


def test_a_centre_admin_who_also_verifies_gets_the_queue(client, centre, centre_admin, queue):
    Membership.objects.create(user=centre_admin, centre=centre, role=Role.VERIFIER)

    response = as_user(client, centre_admin).get(reverse("verification_queue"))

    assert len(listed(response)) == 3
