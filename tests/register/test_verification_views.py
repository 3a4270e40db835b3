"""Centre staff pages for verifiers: evidence files, the verification queue and verifying one entry.

Pages are read in English (the source language) so the assertions say what a user reads.
"""

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from notifications.models import Notice
from register import services
from register.models import AuditEntry, CreditStatus, Role, WorkplaceType
from tests import personas
from tests.factories import PDF_BYTES, PNG_BYTES, county, pdf_upload
from tests.register.centre_support import as_user, assert_same_query_count, log_credit, log_hours, page, queries_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def other_verifier(other_centre):
    return personas.centre_staff(other_centre, Role.VERIFIER, email="godkjenner.vestland@example.org")


@pytest.fixture
def other_counsellor(other_centre):
    return personas.counsellor(home_centre=other_centre, email="vestland@example.org", county_number="46")


# Evidence files


def test_the_owner_downloads_their_evidence_with_safe_headers(client, school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]])

    response = as_user(client, school_counsellor).get(reverse("credit_evidence", args=[entry.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="kursbevis.pdf"'
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
    assert disposition.startswith("attachment; filename*=utf-8''")
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


@pytest.mark.parametrize("who", ["school_counsellor", "organiser", "moderator", "hr_officer", "national_admin"])
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
