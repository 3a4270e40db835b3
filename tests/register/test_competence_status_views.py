"""The counsellor's own competence pages: what anonymous visitors get, and /kompetanse/ with the status and the
lists — from the owner's side and from everyone else's."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from register import services
from register.models import ActivitySource, CPDActivity, CreditEntry, CreditStatus, EvidenceLevel, Level
from tests import personas
from tests.register.competence_support import LAST_MONTH, html, log_credit, nb

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence goes to a fresh folder per test, so "nothing stored" can be checked on disk."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


# Anonymous visitors


OWN_PAGES = [
    ("competence", {}),
    ("credit_create", {}),
    ("credit_detail", {"pk": 1}),
    ("credit_edit", {"pk": 1}),
    ("cpd_create", {}),
    ("self_assessment", {}),
    ("statement_list", {}),
    ("statement_detail", {"pk": 1}),
    ("home_centre", {}),
    ("my_data", {}),
    ("account_delete", {}),
]
OWN_ACTIONS = [
    ("credit_delete", {"pk": 1}),
    ("cpd_delete", {"pk": 1}),
    ("statement_revoke", {"pk": 1}),
]


@pytest.mark.parametrize(("name", "kwargs"), OWN_PAGES + OWN_ACTIONS)
def test_anonymous_visitors_are_sent_to_the_login_page(client, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = client.post(url) if (name, kwargs) in OWN_ACTIONS else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# /kompetanse/: the status and the lists


def test_the_competence_page_shows_the_status_against_the_set_in_force_with_progress_and_next_step(
    client, me, verifier, requirements, areas
):
    log_credit(me, "40", [areas[1]], title="Verifisert kurs")
    services.credit_verify(credit=CreditEntry.objects.get(title="Verifisert kurs"), verifier=verifier)
    log_credit(me, "20", [areas[0]], title="Ventende kurs")
    services.cpd_create(owner=me, title="Fagdag", date=LAST_MONTH, hours="30", kind="course")

    response = client.get(reverse("competence"))

    assert response.status_code == 200
    page = html(response)
    status = response.context["status"]
    requirement = requirements[me.counsellor_profile.workplace_type]
    assert status.requirement == requirement
    assert (status.verified_credits, status.pending_credits, status.missing_credits) == (
        Decimal("40"),
        Decimal("20"),
        Decimal("20"),
    )
    assert status.would_meet_when_verified
    assert escape(requirement.name) in page
    assert "1. januar 2024" in page  # requirement.effective_from, written as bokmål writes dates
    assert '<progress id="status-credits" max="100" value="66">' in page
    assert '<progress id="status-cpd" max="100" value="100">' in page
    assert nb("Will meet the requirement once pending entries are verified") in page
    assert nb(status.next_step) in page
    assert "Verifisert kurs" in page
    assert "Ventende kurs" in page
    assert nb(CreditStatus.VERIFIED.label) in page
    assert nb(CreditStatus.PENDING.label) in page
    assert nb(EvidenceLevel.SELF_DECLARED.label) in page  # the hours logged by hand, without evidence


def test_each_area_shows_the_self_assessment_beside_the_verified_entries_covering_it(
    client, me, verifier, requirements, areas
):
    entry = log_credit(me, "10", [areas[2]], title="Kurs i område 3")
    services.credit_verify(credit=entry, verifier=verifier)
    services.self_assessment_set(user=me, area=areas[2], level=Level.SPECIALISED, note="Mye erfaring")

    response = client.get(reverse("competence"))

    rows = {row.area.number: row for row in response.context["area_rows"]}
    assert rows[3].verified == [entry]
    assert rows[3].assessment.level == Level.SPECIALISED
    assert rows[1].required and not rows[3].required
    assert rows[4].verified == [] and rows[4].assessment is None
    page = html(response)
    assert nb(Level.SPECIALISED.label) in page
    assert "Mye erfaring" in page


def test_attended_event_hours_are_shown_with_their_source_and_cannot_be_deleted_from_the_page(
    client, me, requirements, areas
):
    services.cpd_record_from_source(
        owner=me, source=ActivitySource.EVENT, source_ref="event:9", title="Fagkonferanse", date=LAST_MONTH,
        hours=Decimal("6"), kind="conference",
    )  # fmt: skip
    activity = CPDActivity.objects.get()
    page = html(client.get(reverse("competence")))
    assert "Fagkonferanse" in page
    assert nb(EvidenceLevel.ATTENDED.label) in page
    detail = html(client.get(reverse("cpd_detail", kwargs={"pk": activity.pk})))
    assert nb("Attended event") in detail
    assert reverse("cpd_delete", kwargs={"pk": activity.pk}) not in detail
    assert reverse("cpd_edit", kwargs={"pk": activity.pk}) not in detail


def test_a_counsellor_without_a_profile_is_asked_to_create_one(client, plain_user, requirements):
    client.force_login(plain_user)
    response = client.get(reverse("competence"))
    assert response.status_code == 200
    assert reverse("profile") in html(response)
    assert response.context["status"].requirement is None


def _fill(owner, n, areas, verifier):
    for i in range(n):
        entry = log_credit(owner, "1", [areas[i % 7]], title=f"Kurs {i}")
        if i % 2:
            services.credit_verify(credit=entry, verifier=verifier)
        services.cpd_create(
            owner=owner, title=f"Fagdag {i}", date=LAST_MONTH, hours="1", kind="course", areas=areas[:2]
        )


@pytest.mark.parametrize("url_name", ["competence", "dashboard"])
def test_the_competence_page_and_my_page_cost_the_same_queries_for_3_and_40_entries(
    client, school_counsellor, verifier, requirements, areas, url_name, django_assert_max_num_queries
):
    small = personas.counsellor(home_centre=school_counsellor.counsellor_profile.home_centre, email="liten@example.org")
    _fill(small, 3, areas, verifier)
    _fill(school_counsellor, 40, areas, verifier)

    client.force_login(small)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(url_name)).status_code == 200
    client.force_login(school_counsellor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(url_name))
    assert response.status_code == 200
    if url_name == "competence":
        assert len(response.context["credits"]) == 40
        assert len(response.context["activities"]) == 40


def test_my_page_shows_the_status_in_brief_with_a_link_to_the_competence_page(client, me, requirements, areas):
    log_credit(me, "20", [areas[0]])
    response = client.get(reverse("dashboard"))
    page = html(response)
    assert response.context["status"].pending_credits == Decimal("20")
    assert 'id="dashboard-status-credits"' in page
    assert reverse("competence") in page
    assert nb(response.context["status"].next_step) in page
