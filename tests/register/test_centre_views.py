"""Centre staff pages: evidence files, the verification queue, the centre network and home centres.

Pages are read in English (the source language) so the assertions say what a user reads.
"""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notice
from register import services
from register.models import (
    AffiliationStatus,
    AuditEntry,
    CounsellorProfile,
    CreditStatus,
    Level,
    Role,
    WorkplaceType,
)
from tests import personas
from tests.factories import PDF_BYTES, PNG_BYTES, county, pdf_upload

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def moderator(centre):
    return personas.centre_staff(centre, Role.MODERATOR, email="moderator@example.org")


@pytest.fixture
def other_verifier(other_centre):
    return personas.centre_staff(other_centre, Role.VERIFIER, email="godkjenner.vestland@example.org")


@pytest.fixture
def other_admin(other_centre):
    return personas.centre_staff(other_centre, Role.ADMIN, email="leder.vestland@example.org")


@pytest.fixture
def other_counsellor(other_centre):
    return personas.counsellor(home_centre=other_centre, email="vestland@example.org", county_number="46")


def log_credit(owner, areas, *, credits="10", title="Karriereveiledning 1", evidence=None, **kwargs):
    return services.credit_create(
        owner=owner,
        title=title,
        institution="Høgskolen i Innlandet",
        credits=credits,
        completed_on=TODAY - datetime.timedelta(days=30),
        areas=areas,
        evidence=evidence or pdf_upload(),
        **kwargs,
    )


def log_hours(owner, hours="25", evidence=None):
    return services.cpd_create(
        owner=owner,
        title="Fagdag",
        date=TODAY - datetime.timedelta(days=10),
        hours=hours,
        kind="course",
        evidence=evidence,
    )


def page(response):
    return response.content.decode()


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def queries_for(client, url):
    """(number of queries, their SQL) for one GET that must succeed, after a warm-up request.

    The warm-up lets first-request bookkeeping (the session record) happen outside the count.
    """
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), [q["sql"] for q in captured.captured_queries]


def assert_same_query_count(small, large):
    (n_small, sql_small), (n_large, sql_large) = small, large
    assert n_small == n_large, "Query count grew with the data:\n" + "\n".join(
        sql for sql in sql_large if sql not in sql_small
    )


# Evidence files


def test_the_owner_opens_their_evidence_inline_with_safe_headers(client, school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]])

    response = as_user(client, school_counsellor).get(reverse("credit_evidence", args=[entry.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="kursbevis.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_verifier_at_the_owners_home_centre_opens_the_evidence(client, school_counsellor, verifier, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    response = as_user(client, verifier).get(reverse("credit_evidence", args=[entry.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize(
    "who",
    [None, "other_counsellor", "other_verifier", "hr_officer", "centre_admin", "organiser", "national_admin"],
)
def test_evidence_is_404_for_everyone_but_the_owner_and_the_home_centres_verifiers(
    client, request, who, school_counsellor, areas
):
    entry = log_credit(school_counsellor, [areas[0]])
    user = request.getfixturevalue(who) if who else None

    response = as_user(client, user).get(reverse("credit_evidence", args=[entry.pk]))

    assert response.status_code == 404
    assert b"kursbevis" not in response.content


def test_an_unknown_evidence_id_is_404(client, school_counsellor):
    response = as_user(client, school_counsellor).get(reverse("credit_evidence", args=[999999]))
    assert response.status_code == 404


def test_a_file_name_outside_ascii_is_sent_in_the_rfc_6266_form(client, school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]], evidence=pdf_upload(name='kursbevis "Ålesund" æøå.pdf'))

    response = as_user(client, school_counsellor).get(reverse("credit_evidence", args=[entry.pk]))

    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline; filename*=utf-8''")
    assert "%C3%85lesund" in disposition
    assert "\n" not in disposition


def test_cpd_evidence_is_served_with_its_stored_type_to_the_owner_and_the_verifier_only(
    client, school_counsellor, verifier, other_verifier, hr_officer
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    activity = log_hours(school_counsellor, evidence=SimpleUploadedFile("bevis.png", PNG_BYTES, "image/png"))
    url = reverse("cpd_evidence", args=[activity.pk])

    for user in (school_counsellor, verifier):
        response = as_user(client, user).get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
    for user in (other_verifier, hr_officer):
        assert as_user(client, user).get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_a_cpd_activity_without_evidence_gives_404_even_to_its_owner(client, school_counsellor):
    activity = log_hours(school_counsellor)
    assert as_user(client, school_counsellor).get(reverse("cpd_evidence", args=[activity.pk])).status_code == 404


def test_evidence_is_stored_under_private_media_root_and_no_public_url_serves_it(
    client, school_counsellor, areas, tmp_path
):
    entry = log_credit(school_counsellor, [areas[0]])
    assert (tmp_path / "private" / entry.evidence.name).read_bytes() == PDF_BYTES
    as_user(client, school_counsellor)

    for prefix in (django_settings.MEDIA_URL, django_settings.STATIC_URL, "/private/"):
        response = client.get(f"{prefix}{entry.evidence.name}")
        assert response.status_code == 404, prefix


# The verification queue


def test_the_queue_lists_pending_entries_of_the_verifiers_centre_oldest_first_with_counts(
    client, verifier, school_counsellor, other_counsellor, areas
):
    older = log_credit(school_counsellor, [areas[0]], title="Eldste kurs")
    newer = log_credit(school_counsellor, [areas[1]], title="Nyere kurs")
    decided = log_credit(school_counsellor, [areas[0]], title="Allerede godkjent")
    services.credit_verify(credit=decided, verifier=verifier)
    log_credit(other_counsellor, [areas[0]], title="Kurs i Vestland")

    response = as_user(client, verifier).get(reverse("verification_queue"))

    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [older, newer]
    assert response.context["total_pending"] == 2
    text = page(response)
    assert text.index("Eldste kurs") < text.index("Nyere kurs")
    assert "Allerede godkjent" not in text
    assert "Kurs i Vestland" not in text
    assert "2 entries wait for verification." in text
    assert reverse("verification_detail", args=[older.pk]) in text


def test_a_verifier_never_sees_their_own_entries_in_the_queue(client, centre, verifier, areas):
    services.counsellor_profile_save(
        user=verifier,
        workplace_type=WorkplaceType.CAREER_CENTRE,
        workplace_name="Karriere Oslo",
        county=county("03"),
        home_centre=centre,
    )
    own = log_credit(verifier, [areas[0]], title="Mitt eget kurs")

    response = as_user(client, verifier).get(reverse("verification_queue"))

    assert own not in response.context["page_obj"]
    assert response.context["total_pending"] == 0
    assert "Mitt eget kurs" not in page(response)


def test_a_verifier_at_two_centres_sees_both_with_a_count_per_centre(
    client, centre, other_centre, verifier, school_counsellor, other_counsellor, areas
):
    services.membership_grant(user=verifier, centre=other_centre, role=Role.VERIFIER, actor=None)
    log_credit(school_counsellor, [areas[0]])
    log_credit(other_counsellor, [areas[0]])
    log_credit(other_counsellor, [areas[1]])

    response = as_user(client, verifier).get(reverse("verification_queue"))

    counts = {c.name: c.pending_count for c in response.context["centres"]}
    assert counts == {centre.name: 1, other_centre.name: 2}
    assert response.context["total_pending"] == 3
    assert "Karriere Vestland: 2 entries" in page(response)


@pytest.mark.parametrize(
    "who", ["school_counsellor", "organiser", "moderator", "hr_officer", "centre_admin", "national_admin"]
)
def test_the_queue_is_refused_to_users_without_a_verifier_role(client, request, who):
    response = as_user(client, request.getfixturevalue(who)).get(reverse("verification_queue"))
    assert response.status_code == 403


def test_the_queue_sends_anonymous_visitors_to_log_in(client):
    response = client.get(reverse("verification_queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_queue_costs_the_same_queries_for_10_and_60_entries(client, centre, verifier, areas):
    def fill(n, start):
        for i in range(start, start + n):
            person = personas.counsellor(home_centre=centre, email=f"k{i}@example.org")
            log_credit(person, [areas[0], areas[1]], title=f"Kurs {i}")

    as_user(client, verifier)
    url = reverse("verification_queue")
    fill(10, 0)
    small = queries_for(client, url)
    fill(50, 10)
    large = queries_for(client, url)

    assert_same_query_count(small, large)
    # About 11 of these are the session, the user, allauth's session record and the header's notice count.
    assert small[0] <= 18, "\n".join(small[1])
    response = client.get(url)
    assert response.context["page_obj"].paginator.count == 60
    assert len(response.context["page_obj"]) == 25
    assert len(client.get(url, {"page": 3}).context["page_obj"]) == 10


# Verifying one entry


def test_the_verifier_sees_the_entry_with_its_owner_areas_evidence_link_and_both_forms(
    client, verifier, school_counsellor, areas
):
    entry = log_credit(school_counsellor, [areas[0], areas[2]], course_code="KARV101")

    response = as_user(client, verifier).get(reverse("verification_detail", args=[entry.pk]))

    assert response.status_code == 200
    text = page(response)
    assert school_counsellor.email in text
    assert "KARV101" in text
    assert "Area 1" in text
    assert "Area 3" in text
    assert f'href="{reverse("credit_evidence", args=[entry.pk])}"' in text
    assert 'name="action" value="verify"' in text
    assert 'name="action" value="reject"' in text


def test_verifying_an_entry_records_who_and_when_and_tells_the_counsellor(client, verifier, school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]])

    response = as_user(client, verifier).post(
        reverse("verification_detail", args=[entry.pk]), {"action": "verify", "verify-note": "Fint dokumentert"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("verification_queue")
    entry.refresh_from_db()
    assert entry.status == CreditStatus.VERIFIED
    assert entry.decided_by == verifier
    assert entry.decision_reason == "Fint dokumentert"
    audit = AuditEntry.objects.get(action="credit.verified", object_id=str(entry.pk))
    assert audit.actor == verifier
    assert audit.details["from"] == "pending" and audit.details["to"] == "verified"
    assert Notice.objects.filter(recipient=school_counsellor, kind="register.decision").exists()


def test_rejecting_needs_a_reason_and_without_one_nothing_changes(client, verifier, school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]])

    response = as_user(client, verifier).post(
        reverse("verification_detail", args=[entry.pk]), {"action": "reject", "reject-reason": "  "}
    )

    assert response.status_code == 200
    assert response.context["reject_form"].errors["reason"]
    assert 'id="id_reject-reason_error"' in page(response)
    entry.refresh_from_db()
    assert entry.status == CreditStatus.PENDING
    assert not AuditEntry.objects.filter(action="credit.rejected").exists()


def test_rejecting_with_a_reason_stores_it_and_tells_the_counsellor_why(client, verifier, school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]])

    as_user(client, verifier).post(
        reverse("verification_detail", args=[entry.pk]), {"action": "reject", "reject-reason": "Navnet mangler"}
    )

    entry.refresh_from_db()
    assert entry.status == CreditStatus.REJECTED
    assert entry.decision_reason == "Navnet mangler"
    notice = Notice.objects.get(recipient=school_counsellor, kind="register.decision")
    assert notice.body == "Navnet mangler"
    audit = AuditEntry.objects.get(action="credit.rejected")
    assert audit.details["reason"] == "Navnet mangler"


def test_deciding_an_entry_already_decided_shows_a_message_and_changes_nothing(
    client, centre, verifier, school_counsellor, areas
):
    second = personas.centre_staff(centre, Role.VERIFIER, email="godkjenner2@example.org")
    entry = log_credit(school_counsellor, [areas[0]])
    services.credit_verify(credit=entry, verifier=second)
    audits = AuditEntry.objects.count()

    response = as_user(client, verifier).post(
        reverse("verification_detail", args=[entry.pk]), {"action": "reject", "reject-reason": "For sent"}
    )

    assert response.status_code == 200
    assert "This entry has already been decided." in page(response)
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by) == (CreditStatus.VERIFIED, second)
    assert AuditEntry.objects.count() == audits


def test_a_refusal_by_the_service_under_the_row_lock_is_a_403(client, monkeypatch, verifier, school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]])

    def refuse(**kwargs):
        raise PermissionDenied

    monkeypatch.setattr(services, "credit_verify", refuse)
    response = as_user(client, verifier).post(reverse("verification_detail", args=[entry.pk]), {"action": "verify"})

    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.status == CreditStatus.PENDING


def test_a_verifier_gets_404_for_their_own_entry_and_cannot_verify_it(client, centre, verifier, areas):
    services.counsellor_profile_save(
        user=verifier,
        workplace_type=WorkplaceType.CAREER_CENTRE,
        workplace_name="Karriere Oslo",
        county=county("03"),
        home_centre=centre,
    )
    own = log_credit(verifier, [areas[0]])
    url = reverse("verification_detail", args=[own.pk])
    as_user(client, verifier)

    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "verify"}).status_code == 404
    own.refresh_from_db()
    assert own.status == CreditStatus.PENDING


def test_another_centres_verifier_gets_404_for_the_entry_and_changes_nothing(
    client, other_verifier, school_counsellor, areas
):
    entry = log_credit(school_counsellor, [areas[0]])
    url = reverse("verification_detail", args=[entry.pk])
    as_user(client, other_verifier)

    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "verify"}).status_code == 404
    entry.refresh_from_db()
    assert entry.status == CreditStatus.PENDING


@pytest.mark.parametrize("who", ["school_counsellor", "organiser", "moderator", "hr_officer", "centre_admin"])
def test_the_entry_page_is_refused_to_users_without_a_verifier_role(client, request, who, school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    url = reverse("verification_detail", args=[entry.pk])
    as_user(client, request.getfixturevalue(who))

    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "verify"}).status_code == 403
    entry.refresh_from_db()
    assert entry.status == CreditStatus.PENDING


def test_the_entry_page_sends_anonymous_visitors_to_log_in(client, school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    response = client.post(reverse("verification_detail", args=[entry.pk]), {"action": "verify"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == CreditStatus.PENDING


# The centre network


@pytest.fixture
def network(centre, verifier, requirements, areas):
    """Three affiliated counsellors: one meets the requirement, one has pending entries, one NAV in Vestland."""
    meets = personas.counsellor(home_centre=centre, email="anne@example.org", full_name="Anne Aas")
    services.credit_verify(credit=log_credit(meets, [areas[0]], credits="60"), verifier=verifier)
    log_hours(meets, "30")
    pending = personas.counsellor(home_centre=centre, email="bjorn@example.org", full_name="Bjørn Berg")
    services.credit_verify(credit=log_credit(pending, [areas[0]], credits="20"), verifier=verifier)
    log_credit(pending, [areas[1]], credits="7.5")
    nav = personas.counsellor(
        home_centre=centre,
        email="nav@example.org",
        full_name="Cecilie Dahl",
        workplace_type=WorkplaceType.NAV,
        county_number="46",
    )
    log_hours(nav, "12.5")
    return {"meets": meets, "pending": pending, "nav": nav}


def network_names(response):
    return [row.user.email for row in response.context["page_obj"]]


@pytest.mark.parametrize("who", ["centre_admin", "verifier", "hr_officer", "national_admin"])
def test_admin_verifier_hr_and_national_admins_see_the_network_with_status(client, request, who, network, centre):
    outsider = personas.counsellor(home_centre=None, email="utenfor@example.org")

    response = as_user(client, request.getfixturevalue(who)).get(reverse("centre_network", args=[centre.slug]))

    assert response.status_code == 200
    assert network_names(response) == ["anne@example.org", "bjorn@example.org", "nav@example.org"]
    rows = {row.user.email: row for row in response.context["page_obj"]}
    assert rows["anne@example.org"].meets_requirement is True
    assert rows["bjorn@example.org"].meets_requirement is False
    assert rows["bjorn@example.org"].pending_credits == Decimal("7.5")
    text = page(response)
    assert outsider.email not in text
    assert "Meets the requirement" in text
    assert "Does not meet the requirement yet" in text
    assert reverse("network_counsellor", args=[centre.slug, network["meets"].pk]) in text
    staff_emails = [row["user"].email for row in response.context["staff"]]
    assert "godkjenner@example.org" in staff_emails


@pytest.mark.parametrize("who", ["organiser", "moderator", "other_verifier", "other_admin", "school_counsellor"])
def test_the_network_is_refused_to_other_roles_and_other_centres(client, request, who, centre):
    response = as_user(client, request.getfixturevalue(who)).get(reverse("centre_network", args=[centre.slug]))
    assert response.status_code == 403


def test_the_network_sends_anonymous_visitors_to_log_in_and_404s_an_unknown_centre(client, hr_officer):
    assert client.get(reverse("centre_network", args=["karriere-oslo-test"])).status_code == 302
    assert as_user(client, hr_officer).get(reverse("centre_network", args=["finnes-ikke"])).status_code == 404


def test_hr_sees_the_status_of_the_centres_staff(client, centre, hr_officer, verifier, requirements, areas):
    services.counsellor_profile_save(
        user=verifier,
        workplace_type=WorkplaceType.CAREER_CENTRE,
        workplace_name="Karriere Oslo",
        county=county("03"),
        home_centre=None,
    )

    response = as_user(client, hr_officer).get(reverse("centre_network", args=[centre.slug]))

    staff = {row["user"].email: row for row in response.context["staff"]}
    assert staff["godkjenner@example.org"]["profile"].meets_requirement is False
    assert staff["godkjenner@example.org"]["roles"] == ["Verifier"]
    assert staff["hr@example.org"]["profile"] is None
    assert "No counsellor profile" in page(response)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"workplace_type": WorkplaceType.NAV}, ["nav@example.org"]),
        ({"county": "46"}, ["nav@example.org"]),
        ({"meets": "yes"}, ["anne@example.org"]),
        ({"meets": "no"}, ["bjorn@example.org", "nav@example.org"]),
        ({"has_pending": "yes"}, ["bjorn@example.org"]),
        ({"has_pending": "no"}, ["anne@example.org", "nav@example.org"]),
        ({"q": "bjørn"}, ["bjorn@example.org"]),
        ({"q": "NAV@example"}, ["nav@example.org"]),
        ({"meets": "no", "county": "03"}, ["bjorn@example.org"]),
    ],
)
def test_the_network_filters_by_workplace_county_status_pending_and_name(
    client, centre, centre_admin, network, params, expected
):
    response = as_user(client, centre_admin).get(reverse("centre_network", args=[centre.slug]), params)
    assert network_names(response) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-name", ["nav@example.org", "bjorn@example.org", "anne@example.org"]),
        ("credits", ["nav@example.org", "bjorn@example.org", "anne@example.org"]),
        ("-credits", ["anne@example.org", "bjorn@example.org", "nav@example.org"]),
        ("cpd", ["bjorn@example.org", "nav@example.org", "anne@example.org"]),
        ("-cpd", ["anne@example.org", "nav@example.org", "bjorn@example.org"]),
        ("user__password", ["anne@example.org", "bjorn@example.org", "nav@example.org"]),
    ],
)
def test_the_network_sorts_by_an_allow_listed_column_and_ignores_anything_else(
    client, centre, centre_admin, network, sort, expected
):
    response = as_user(client, centre_admin).get(reverse("centre_network", args=[centre.slug]), {"sort": sort})
    assert response.status_code == 200
    assert network_names(response) == expected


def test_the_sorted_column_header_says_so_and_links_to_the_reverse_order(client, centre, centre_admin, network):
    response = as_user(client, centre_admin).get(
        reverse("centre_network", args=[centre.slug]), {"sort": "credits", "county": "03"}
    )
    headers = response.context["sort_headers"]
    assert headers["credits"]["aria_sort"] == "ascending"
    assert "sort=-credits" in headers["credits"]["url"]
    assert "county=03" in headers["credits"]["url"]
    assert headers["name"]["aria_sort"] is None
    assert 'aria-sort="ascending"' in page(response)


def test_the_network_is_paginated_by_25(client, centre, centre_admin, requirements):
    for n in range(27):
        personas.counsellor(home_centre=centre, email=f"p{n:02}@example.org", full_name=f"Person {n:02}")
    url = reverse("centre_network", args=[centre.slug])
    as_user(client, centre_admin)

    assert len(client.get(url).context["page_obj"]) == 25
    second = client.get(url, {"page": 2})
    assert network_names(second) == ["p25@example.org", "p26@example.org"]


def test_the_csv_export_opens_in_norwegian_excel_and_follows_the_filter(client, centre, hr_officer, network):
    response = as_user(client, hr_officer).get(
        reverse("centre_network", args=[centre.slug]), {"format": "csv", "county": "03"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="nettverk-karriere-oslo-test-')
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[0] == "Name"
    assert "Meets the requirement" in header
    by_email = {row[1]: dict(zip(header, row, strict=True)) for row in body}
    assert set(by_email) == {"anne@example.org", "bjorn@example.org"}
    assert by_email["bjorn@example.org"]["Pending studiepoeng"] == "7,5"
    assert by_email["bjorn@example.org"]["Verified studiepoeng"] == "20,0"
    assert by_email["anne@example.org"]["Meets the requirement"] == "Yes"
    assert by_email["bjorn@example.org"]["Meets the requirement"] == "No"


def test_the_csv_export_keeps_a_formula_in_a_name_as_text(client, centre, hr_officer, requirements):
    personas.counsellor(home_centre=centre, email="formel@example.org", full_name="=HYPERLINK(1)")
    response = as_user(client, hr_officer).get(reverse("centre_network", args=[centre.slug]), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "'=HYPERLINK(1)"


def test_the_csv_export_is_refused_like_the_page(client, centre, organiser, network):
    response = as_user(client, organiser).get(reverse("centre_network", args=[centre.slug]), {"format": "csv"})
    assert response.status_code == 403


def test_the_network_page_and_csv_cost_the_same_queries_for_10_and_80_counsellors(
    client, centre, centre_admin, verifier, requirements, areas
):
    def fill(n, start):
        for i in range(start, start + n):
            person = personas.counsellor(home_centre=centre, email=f"n{i}@example.org")
            entry = log_credit(person, [areas[0]], credits="30")
            if i % 2:
                services.credit_verify(credit=entry, verifier=verifier)
        for i in range(start, start + min(n, 5)):
            staff = personas.centre_staff(centre, Role.ORGANISER, email=f"s{i}@example.org")
            services.counsellor_profile_save(
                user=staff,
                workplace_type=WorkplaceType.CAREER_CENTRE,
                workplace_name="Karriere Oslo",
                county=county("03"),
            )
        for i in range(start, start + min(n, 3)):
            services.home_centre_request(user=personas.counsellor(email=f"r{i}@example.org"), centre=centre)

    as_user(client, centre_admin)
    url = reverse("centre_network", args=[centre.slug])
    csv_url = f"{url}?format=csv"
    fill(10, 0)
    small, small_csv = queries_for(client, url), queries_for(client, csv_url)
    fill(70, 10)
    large, large_csv = queries_for(client, url), queries_for(client, csv_url)

    assert_same_query_count(small, large)
    assert_same_query_count(small_csv, large_csv)
    assert small[0] <= 24, "\n".join(small[1])
    assert client.get(url).context["page_obj"].paginator.count == 80


# Home centre requests and ending an affiliation


@pytest.fixture
def home_request(centre):
    person = personas.counsellor(home_centre=None, email="ny@example.org", full_name="Nora Ny")
    return services.home_centre_request(user=person, centre=centre, message="Jeg jobber i Groruddalen.")


def test_the_centre_admin_sees_open_requests_with_approve_and_decline_buttons(
    client, centre, centre_admin, home_request
):
    response = as_user(client, centre_admin).get(reverse("centre_network", args=[centre.slug]))
    text = page(response)
    assert "Jeg jobber i Groruddalen." in text
    assert f'action="{reverse("home_centre_decision", args=[centre.slug, home_request.pk])}"' in text
    assert 'value="approve"' in text
    assert 'value="decline"' in text


def test_hr_and_verifiers_see_no_requests_or_admin_buttons(client, centre, hr_officer, home_request, network):
    response = as_user(client, hr_officer).get(reverse("centre_network", args=[centre.slug]))
    text = page(response)
    assert "Jeg jobber i Groruddalen." not in text
    assert reverse("home_centre_decision", args=[centre.slug, home_request.pk]) not in text
    assert reverse("network_affiliation_end", args=[centre.slug, network["meets"].pk]) not in text


@pytest.mark.parametrize("who", ["centre_admin", "national_admin"])
def test_approving_a_request_makes_the_centre_the_counsellors_home_centre(client, request, who, centre, home_request):
    response = as_user(client, request.getfixturevalue(who)).post(
        reverse("home_centre_decision", args=[centre.slug, home_request.pk]), {"decision": "approve"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("centre_network", args=[centre.slug])
    home_request.refresh_from_db()
    assert home_request.status == AffiliationStatus.APPROVED
    assert CounsellorProfile.objects.get(user=home_request.user).home_centre == centre
    assert Notice.objects.filter(recipient=home_request.user, kind="register.home_centre").exists()


def test_declining_a_request_leaves_the_home_centre_unchanged(client, centre, centre_admin, home_request):
    as_user(client, centre_admin).post(
        reverse("home_centre_decision", args=[centre.slug, home_request.pk]), {"decision": "decline"}
    )
    home_request.refresh_from_db()
    assert home_request.status == AffiliationStatus.DECLINED
    assert CounsellorProfile.objects.get(user=home_request.user).home_centre is None


def test_deciding_twice_shows_a_message_and_changes_nothing(client, centre, centre_admin, home_request):
    url = reverse("home_centre_decision", args=[centre.slug, home_request.pk])
    as_user(client, centre_admin).post(url, {"decision": "decline"})

    response = client.post(url, {"decision": "approve"}, follow=True)

    assert "This request has already been decided." in page(response)
    assert CounsellorProfile.objects.get(user=home_request.user).home_centre is None


@pytest.mark.parametrize("who", ["verifier", "hr_officer", "organiser", "other_admin", "school_counsellor"])
def test_only_the_centres_admin_decides_requests(client, request, who, centre, home_request):
    response = as_user(client, request.getfixturevalue(who)).post(
        reverse("home_centre_decision", args=[centre.slug, home_request.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    home_request.refresh_from_db()
    assert home_request.status == AffiliationStatus.REQUESTED


def test_a_request_to_another_centre_is_404_under_this_centres_address(
    client, centre, other_centre, centre_admin, other_counsellor
):
    elsewhere = services.home_centre_request(user=personas.counsellor(email="x@example.org"), centre=other_centre)
    response = as_user(client, centre_admin).post(
        reverse("home_centre_decision", args=[centre.slug, elsewhere.pk]), {"decision": "approve"}
    )
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.status == AffiliationStatus.REQUESTED


def test_a_decision_needs_post_and_a_known_decision(client, centre, centre_admin, home_request):
    url = reverse("home_centre_decision", args=[centre.slug, home_request.pk])
    as_user(client, centre_admin)
    assert client.get(url).status_code == 405
    client.post(url, {"decision": "maybe"})
    home_request.refresh_from_db()
    assert home_request.status == AffiliationStatus.REQUESTED


def test_the_admin_ends_an_affiliation_and_the_counsellor_is_told(client, centre, centre_admin, network):
    person = network["pending"]

    response = as_user(client, centre_admin).post(reverse("network_affiliation_end", args=[centre.slug, person.pk]))

    assert response.status_code == 302
    assert CounsellorProfile.objects.get(user=person).home_centre is None
    audit = AuditEntry.objects.filter(action="profile.home_centre_changed", subject_user=person).first()
    assert audit.actor == centre_admin
    assert audit.details == {"from": centre.name, "to": None}
    assert Notice.objects.filter(recipient=person, kind="register.home_centre").exists()


@pytest.mark.parametrize("who", ["verifier", "hr_officer", "organiser", "other_admin"])
def test_only_the_centres_admin_ends_an_affiliation(client, request, who, centre, network):
    person = network["pending"]
    response = as_user(client, request.getfixturevalue(who)).post(
        reverse("network_affiliation_end", args=[centre.slug, person.pk])
    )
    assert response.status_code == 403
    assert CounsellorProfile.objects.get(user=person).home_centre == centre


def test_ending_the_affiliation_of_someone_not_affiliated_is_404(client, centre, centre_admin, other_counsellor):
    url = reverse("network_affiliation_end", args=[centre.slug, other_counsellor.pk])
    assert as_user(client, centre_admin).post(url).status_code == 404
    assert as_user(client, centre_admin).get(url).status_code == 405


# One person in the network


@pytest.mark.parametrize("who", ["centre_admin", "verifier", "hr_officer", "national_admin"])
def test_network_staff_see_a_counsellors_status_verified_entries_and_self_assessment(
    client, request, who, centre, network, areas
):
    person = network["pending"]
    services.self_assessment_set(user=person, area=areas[0], level=Level.SPECIALISED, note="Mange års erfaring")
    log_credit(person, [areas[2]], title="Venter fortsatt")

    response = as_user(client, request.getfixturevalue(who)).get(
        reverse("network_counsellor", args=[centre.slug, person.pk])
    )

    assert response.status_code == 200
    text = page(response)
    assert response.context["status"].verified_credits == Decimal("20.0")
    assert "Karriereveiledning 1" in text
    assert "Venter fortsatt" not in text
    assert "Specialised (spesialisert)" in text
    assert "Mange års erfaring" in text
    assert "Does not meet the requirement yet" in text
    area_one = response.context["competence"][0]
    assert [e.title for e in area_one["entries"]] == ["Karriereveiledning 1"]
    end_url = reverse("network_affiliation_end", args=[centre.slug, person.pk])
    assert (end_url in text) == (who in ("centre_admin", "national_admin"))


def test_a_staff_member_of_the_centre_is_part_of_its_network(client, centre, hr_officer, verifier, requirements):
    services.counsellor_profile_save(
        user=verifier,
        workplace_type=WorkplaceType.CAREER_CENTRE,
        workplace_name="Karriere Oslo",
        county=county("03"),
    )
    response = as_user(client, hr_officer).get(reverse("network_counsellor", args=[centre.slug, verifier.pk]))
    assert response.status_code == 200
    assert "Staff at this centre" in page(response)


def test_a_person_not_tied_to_the_centre_is_404(client, centre, centre_admin, other_counsellor):
    url = reverse("network_counsellor", args=[centre.slug, other_counsellor.pk])
    assert as_user(client, centre_admin).get(url).status_code == 404
    assert client.get(reverse("network_counsellor", args=[centre.slug, 999999])).status_code == 404


@pytest.mark.parametrize("who", ["organiser", "moderator", "other_verifier", "other_admin", "school_counsellor"])
def test_a_network_person_is_refused_to_other_roles_and_centres(client, request, who, centre, network):
    url = reverse("network_counsellor", args=[centre.slug, network["meets"].pk])
    assert as_user(client, request.getfixturevalue(who)).get(url).status_code == 403


def test_a_network_person_sends_anonymous_visitors_to_log_in(client, centre, network):
    response = client.get(reverse("network_counsellor", args=[centre.slug, network["meets"].pk]))
    assert response.status_code == 302


# The staff page


def test_the_staff_page_links_verifiers_to_their_queue_and_network(client, centre, verifier):
    text = page(as_user(client, verifier).get(reverse("staff_home")))
    assert reverse("verification_queue") in text
    assert reverse("centre_network", args=[centre.slug]) in text


def test_the_staff_page_links_hr_to_the_network_but_not_the_queue(client, centre, hr_officer):
    text = page(as_user(client, hr_officer).get(reverse("staff_home")))
    assert reverse("verification_queue") not in text
    assert reverse("centre_network", args=[centre.slug]) in text


def test_the_staff_page_gives_organisers_neither_link(client, centre, organiser):
    text = page(as_user(client, organiser).get(reverse("staff_home")))
    assert reverse("verification_queue") not in text
    assert reverse("centre_network", args=[centre.slug]) not in text
