"""The counsellor's own competence pages: self-assessment, statements, home centre, my data and account deletion
— from the owner's side and from everyone else's."""

import datetime
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from register import services
from register.models import (
    AffiliationStatus,
    CompetenceStatement,
    CreditEntry,
    HomeCentreRequest,
    Level,
    SelfAssessment,
)
from tests import personas
from tests.factories import PASSWORD, PDF_BYTES, CentreFactory, UserFactory, today
from tests.register.competence_support import LAST_MONTH, html, log_credit, nb, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence goes to a fresh folder per test, so "nothing stored" can be checked on disk."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def other_counsellor(centre):
    return personas.counsellor(home_centre=centre, email="annen@example.org")


# Self-assessment


def test_a_counsellor_rates_each_area_with_an_optional_note(client, me, areas):
    page = html(client.get(reverse("self_assessment")))
    for area in areas:
        assert f'for="id_level_{area.pk}"' in page
        assert f'for="id_note_{area.pk}"' in page

    data = {f"level_{a.pk}": Level.NOT_YET for a in areas}
    data[f"level_{areas[0].pk}"] = Level.COMPETENT
    data[f"note_{areas[0].pk}"] = "Jobber med dette daglig"
    response = client.post(reverse("self_assessment"), data)

    assert response.status_code == 302
    mine = {s.area.number: s for s in SelfAssessment.objects.filter(user=me)}
    assert len(mine) == 7
    assert (mine[1].level, mine[1].note) == (Level.COMPETENT, "Jobber med dette daglig")
    page = html(client.get(reverse("self_assessment")))
    assert "Jobber med dette daglig" in page


def test_an_unknown_level_is_refused_and_nothing_is_saved(client, me, areas):
    data = {f"level_{a.pk}": Level.NOT_YET for a in areas}
    data[f"level_{areas[0].pk}"] = "guru"
    response = client.post(reverse("self_assessment"), data)
    assert list(response.context["form"].errors) == [f"level_{areas[0].pk}"]
    assert not SelfAssessment.objects.exists()


# Competence statements


def test_a_counsellor_issues_a_statement_and_sees_when_it_was_checked(client, me, verifier, requirements, areas):
    entry = log_credit(me, "30", [areas[0]], title="Verifisert kurs")
    services.credit_verify(credit=entry, verifier=verifier)

    response = client.post(reverse("statement_list"), {"valid_days": "90"})

    statement = CompetenceStatement.objects.get()
    assert response["Location"] == reverse("statement_detail", kwargs={"pk": statement.pk})
    assert statement.expires_on == today() + datetime.timedelta(days=90)
    services.statement_lookup(code=statement.code)
    services.statement_lookup(code=statement.code.lower())

    listing = client.get(reverse("statement_list"))
    page = html(listing)
    formatted = services.statements.format_code(statement.code)
    assert formatted in page
    assert listing.context["statements"][0].lookup_count == 2
    assert nb("Valid") in page

    detail = client.get(reverse("statement_detail", kwargs={"pk": statement.pk}))
    page = html(detail)
    assert "Verifisert kurs" in page
    assert escape(requirements[me.counsellor_profile.workplace_type].name) in page
    assert len(detail.context["lookups"]) == 2
    assert 'class="toolbar no-print"' in page


def test_the_statement_list_costs_the_same_queries_for_2_and_12_statements(
    client, me, other_counsellor, django_assert_max_num_queries
):
    for _ in range(2):
        services.statement_lookup(code=services.statement_issue(owner=other_counsellor).code)
    client.force_login(other_counsellor)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("statement_list"))
    for _ in range(12):
        services.statement_lookup(code=services.statement_issue(owner=me).code)
    client.force_login(me)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("statement_list"))
    assert [s.lookup_count for s in response.context["statements"]] == [1] * 12


@pytest.mark.parametrize("days", ["0", "366", "abc"])
def test_a_validity_outside_1_to_365_days_is_refused_at_the_field(client, me, days):
    response = client.post(reverse("statement_list"), {"valid_days": days})
    assert list(response.context["form"].errors) == ["valid_days"]
    assert not CompetenceStatement.objects.exists()


def test_the_holder_revokes_a_statement_and_the_code_then_checks_as_revoked(client, me):
    statement = services.statement_issue(owner=me)

    assert client.get(reverse("statement_revoke", kwargs={"pk": statement.pk})).status_code == 405
    response = client.post(reverse("statement_revoke", kwargs={"pk": statement.pk}))

    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.is_revoked
    assert services.statement_lookup(code=statement.code)[0] == "revoked"
    assert nb("Revoked") in html(client.get(reverse("statement_list")))


def test_another_counsellor_can_neither_see_nor_revoke_my_statement(client, school_counsellor, other_counsellor):
    statement = services.statement_issue(owner=school_counsellor)
    client.force_login(other_counsellor)

    assert client.get(reverse("statement_detail", kwargs={"pk": statement.pk})).status_code == 404
    assert client.post(reverse("statement_revoke", kwargs={"pk": statement.pk})).status_code == 404
    statement.refresh_from_db()
    assert not statement.is_revoked
    assert statement.code not in html(client.get(reverse("statement_list")))


# Home centre


def test_a_counsellor_asks_a_centre_withdraws_and_asks_again(client, other_centre):
    user = personas.counsellor(email="nav@example.org")
    client.force_login(user)

    response = client.post(reverse("home_centre"), {"action": "request", "centre": other_centre.pk, "message": "Hei"})
    assert response.status_code == 302
    request = HomeCentreRequest.objects.get(user=user)
    assert request.status == AffiliationStatus.REQUESTED
    assert escape(other_centre.name) in html(client.get(reverse("home_centre")))

    client.post(reverse("home_centre"), {"action": "withdraw"})
    request.refresh_from_db()
    assert request.status == AffiliationStatus.ENDED

    client.post(reverse("home_centre"), {"action": "request", "centre": other_centre.pk})
    assert HomeCentreRequest.objects.filter(user=user, status=AffiliationStatus.REQUESTED).count() == 1


def test_an_inactive_centre_cannot_be_asked(client, me):
    closed = CentreFactory(is_active=False)
    response = client.post(reverse("home_centre"), {"action": "request", "centre": closed.pk})
    assert list(response.context["form"].errors) == ["centre"]
    assert not HomeCentreRequest.objects.exists()


def test_a_counsellor_ends_their_home_centre(client, me, centre):
    page = html(client.get(reverse("home_centre")))
    assert escape(centre.name) in page

    response = client.post(reverse("home_centre"), {"action": "end"})

    assert response.status_code == 302
    me.counsellor_profile.refresh_from_db()
    assert me.counsellor_profile.home_centre is None


def test_withdrawing_only_touches_my_own_request(client, me, other_counsellor, other_centre):
    theirs = services.home_centre_request(user=other_counsellor, centre=other_centre)
    client.post(reverse("home_centre"), {"action": "withdraw"})
    theirs.refresh_from_db()
    assert theirs.status == AffiliationStatus.REQUESTED


# My data and my account


def test_my_data_downloads_as_json_with_entries_trail_activities_statements_and_lookups(
    client, me, verifier, other_counsellor, areas
):
    entry = log_credit(me, "10", [areas[0]], title="Mitt kurs")
    services.credit_verify(credit=entry, verifier=verifier, note="Ser bra ut")
    log_credit(other_counsellor, "5", [areas[0]], title="Andres kurs")
    services.cpd_create(owner=me, title="Fagdag", date=LAST_MONTH, hours="2", kind="course")
    services.self_assessment_set(user=me, area=areas[0], level=Level.COMPETENT)
    statement = services.statement_issue(owner=me)
    services.statement_lookup(code=statement.code)

    response = client.get(reverse("my_data"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["profile"]["email"] == me.email
    register = data["register"]
    assert register["counsellor_profile"]["home_centre"] == me.counsellor_profile.home_centre.name
    assert [c["title"] for c in register["credit_entries"]] == ["Mitt kurs"]
    trail = register["credit_entries"][0]["audit_trail"]
    assert [(row["from"], row["to"]) for row in trail] == [(None, "pending"), ("pending", "verified")]
    assert trail[1]["reason"] == "Ser bra ut"
    assert register["cpd_activities"][0]["hours"] == "2.0"
    assert register["self_assessments"] == [
        {"area": 1, "level": "kompetent", "note": "", "updated": register["self_assessments"][0]["updated"]}
    ]
    assert register["statements"][0]["code"] == statement.code
    assert [lookup["outcome"] for lookup in register["statements"][0]["lookups"]] == ["valid"]
    assert "notices" in data["notifications"]
    assert "Andres kurs" not in response.content.decode()


def test_a_wrong_password_deletes_nothing(client, me):
    assert 'type="password"' in html(client.get(reverse("account_delete")))
    response = client.post(reverse("account_delete"), {"password": "feil-passord"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["password"]
    me.refresh_from_db()
    assert me.is_active


def test_the_right_password_deletes_the_account_its_evidence_and_logs_out(
    client, me, areas, private_media, django_capture_on_commit_callbacks
):
    log_credit(me, "10", [areas[0]])
    assert len(stored_files(private_media)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_delete"), {"password": PASSWORD})

    assert response.status_code == 302
    assert not type(me).objects.filter(pk=me.pk).exists()
    assert not CreditEntry.objects.exists()
    assert stored_files(private_media) == []
    assert client.get(reverse("competence")).status_code == 302


def test_a_user_cannot_delete_someone_else_by_adding_a_field(client, me, other_counsellor):
    client.post(reverse("account_delete"), {"password": PASSWORD, "user": other_counsellor.pk})
    assert type(me).objects.filter(pk=other_counsellor.pk).exists()


def test_every_form_field_on_the_competence_pages_has_a_label(client, me, areas):
    for name in ("credit_create", "cpd_create", "self_assessment", "statement_list", "home_centre", "account_delete"):
        page = html(client.get(reverse(name)))
        ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page)
        for field_id in ids:
            if field_id.startswith("id_areas_"):
                continue  # checkbox options are wrapped in their label
            assert f'for="{field_id}"' in page, (name, field_id)


def test_a_fresh_user_without_entries_sees_empty_states(client, requirements):
    user = UserFactory()
    client.force_login(user)
    page = html(client.get(reverse("competence")))
    assert nb("You have not logged any courses yet.") in page


def test_a_file_name_climbing_out_of_the_folder_cannot_place_the_file_outside_private_storage(
    client, me, requirements, areas, private_media
):
    """The raw request names the file ../../../../tmp/evil.pdf (the test client would strip it)."""
    boundary = "grense"
    fields = {
        "title": "Karriereveiledning",
        "institution": "OsloMet",
        "credits": "10",
        "completed_on": LAST_MONTH.isoformat(),
        "areas": str(areas[0].pk),
    }
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields.items()]
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="evidence"; '
        f'filename="../../../../tmp/evil.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    )
    body = "".join(parts).encode() + head.encode() + PDF_BYTES + f"\r\n--{boundary}--\r\n".encode()
    client.generic("POST", reverse("credit_create"), body, content_type=f"multipart/form-data; boundary={boundary}")

    entry = CreditEntry.objects.get()
    assert entry.evidence_name == "evil.pdf"
    assert ".." not in entry.evidence.name
    (stored,) = stored_files(private_media)
    assert stored.resolve().is_relative_to(private_media.resolve())
    assert stored.name != "evil.pdf"
