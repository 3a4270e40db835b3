"""The competence register API (/api/v1/): credit entries (own entries and verification) and CPD activities —
the same rules as the pages, from both sides.
"""

import datetime

import pytest
from django.urls import reverse

from register import services
from register.models import AuditEntry, CPDActivity, CreditEntry, CreditStatus, Role
from tests import personas
from tests.factories import PDF_BYTES, pdf_upload, today
from tests.register.api_competence_support import (
    CPD,
    CREDITS,
    LAST_MONTH,
    as_user,
    credit_payload,
    credit_state,
    credit_url,
    log_credit,
)

pytestmark = pytest.mark.django_db


HTML_BYTES = b"<!doctype html><html><script>alert(1)</script></html>"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def other_counsellor(centre):
    return personas.counsellor(home_centre=centre, email="annen@example.org")


@pytest.fixture
def other_verifier(other_centre):
    return personas.centre_staff(other_centre, Role.VERIFIER, email="godkjenner.vest@example.org")


def stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# credits: own entries


def test_a_counsellor_logs_a_credit_with_a_pdf_through_multipart(school_counsellor, areas, _private_media):
    response = as_user(school_counsellor).post(CREDITS, credit_payload(areas), format="multipart")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "pending"
    assert body["credits"] == "15.0"
    assert body["areas"] == [areas[0].pk, areas[1].pk]
    assert body["evidence_type"] == "application/pdf"
    assert "evidence" not in body  # never a URL to the private file
    entry = CreditEntry.objects.get(pk=body["id"])
    assert entry.owner == school_counsellor
    assert len(stored_files(_private_media)) == 1
    assert AuditEntry.objects.filter(action="credit.created", object_id=str(entry.pk)).exists()


def test_the_credit_list_shows_my_entries_only(school_counsellor, other_counsellor, areas):
    mine = log_credit(school_counsellor, [areas[0]])
    log_credit(other_counsellor, [areas[0]], title="Annens kurs")

    response = as_user(school_counsellor).get(CREDITS)

    assert response.status_code == 200
    assert [e["id"] for e in response.json()["results"]] == [mine.pk]


def test_another_counsellors_entry_is_a_404_for_read_change_and_delete(school_counsellor, other_counsellor, areas):
    theirs = log_credit(other_counsellor, [areas[0]])
    before = credit_state()
    client = as_user(school_counsellor)

    assert client.get(credit_url(theirs)).status_code == 404
    assert client.patch(credit_url(theirs), {"title": "Kapret"}, format="json").status_code == 404
    assert client.delete(credit_url(theirs)).status_code == 404
    assert credit_state() == before


@pytest.mark.parametrize("credits", ["0", "-1", "61", "abc", "7.55"])
def test_invalid_studiepoeng_are_refused_at_the_field_and_nothing_is_stored(
    school_counsellor, areas, credits, _private_media
):
    response = as_user(school_counsellor).post(CREDITS, credit_payload(areas, credits=credits), format="multipart")

    assert response.status_code == 400
    assert set(response.json()) == {"credits"}
    assert response.json()["credits"][0]
    assert CreditEntry.objects.count() == 0
    assert stored_files(_private_media) == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"completed_on": (today() + datetime.timedelta(days=1)).isoformat()}, "completed_on"),
        ({"areas": [99999]}, "areas"),
        ({"areas": []}, "areas"),
        ({"evidence": pdf_upload("kursbevis.pdf", HTML_BYTES)}, "evidence"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_credit_input_is_a_400_at_the_field_and_nothing_is_stored(
    school_counsellor, areas, overrides, field, _private_media
):
    response = as_user(school_counsellor).post(CREDITS, credit_payload(areas, **overrides), format="multipart")

    assert response.status_code == 400
    assert response.json()[field][0]
    assert CreditEntry.objects.count() == 0
    assert stored_files(_private_media) == []


def test_an_area_id_beyond_the_database_s_range_is_an_unknown_area_not_a_server_error(school_counsellor, areas):
    # schemathesis found it: SQLite (and PostgreSQL) cannot even be asked for such an id.
    payload = credit_payload(areas, areas=[areas[0].pk, 2**70])

    response = as_user(school_counsellor).post(CREDITS, payload, format="multipart")

    assert response.status_code == 400
    assert response.json()["areas"] == ["Choose competence areas from the list."]
    assert CreditEntry.objects.count() == 0


def test_an_html_file_named_pdf_is_refused_with_a_clear_message(school_counsellor, areas):
    payload = credit_payload(areas, evidence=pdf_upload("kursbevis.pdf", HTML_BYTES))

    response = as_user(school_counsellor).post(CREDITS, payload, format="multipart")

    assert "Only PDF, PNG and JPEG" in response.json()["evidence"][0]


def test_a_pdf_named_html_with_a_script_is_refused_and_nothing_is_stored(school_counsellor, areas, _private_media):
    polyglot = pdf_upload("poly.html", b"%PDF-1.4\n<script>alert(1)</script>")

    response = as_user(school_counsellor).post(CREDITS, credit_payload(areas, evidence=polyglot), format="multipart")

    assert response.status_code == 400
    assert ".html" in response.json()["evidence"][0]
    assert CreditEntry.objects.count() == 0
    assert stored_files(_private_media) == []


def test_a_jpeg_named_jpeg_is_stored_and_served_as_jpg(school_counsellor, areas, _private_media):
    photo = pdf_upload("bevis.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 32)

    response = as_user(school_counsellor).post(CREDITS, credit_payload(areas, evidence=photo), format="multipart")

    assert response.status_code == 201, response.json()
    assert response.json()["evidence_name"] == "bevis.jpg"
    assert response.json()["evidence_type"] == "image/jpeg"
    assert [path.suffix for path in stored_files(_private_media)] == [".jpg"]


def test_a_credit_without_evidence_is_refused(school_counsellor, areas):
    payload = credit_payload(areas)
    del payload["evidence"]

    response = as_user(school_counsellor).post(CREDITS, payload, format="multipart")

    assert response.status_code == 400
    assert response.json()["evidence"][0]


def test_the_owner_changes_a_pending_entry_and_may_replace_the_evidence(
    school_counsellor, areas, _private_media, django_capture_on_commit_callbacks
):
    entry = log_credit(school_counsellor, [areas[0]])
    old_file = entry.evidence.name
    client = as_user(school_counsellor)

    response = client.patch(credit_url(entry), {"credits": "7.5", "areas": [areas[2].pk]}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["credits"] == "7.5"
    assert response.json()["areas"] == [areas[2].pk]

    new_evidence = pdf_upload("nytt-bevis.pdf", PDF_BYTES + b"% ny\n")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.patch(credit_url(entry), {"evidence": new_evidence}, format="multipart")
    assert response.status_code == 200, response.json()
    entry.refresh_from_db()
    assert entry.evidence_name == "nytt-bevis.pdf"
    assert entry.evidence.name != old_file
    assert [p.name for p in stored_files(_private_media)] == [entry.evidence.name.rsplit("/", 1)[-1]]


def test_patch_with_bad_input_changes_nothing(school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    before = credit_state()

    response = as_user(school_counsellor).patch(credit_url(entry), {"credits": "61", "title": "Ny"}, format="json")

    assert response.status_code == 400
    assert response.json()["credits"][0]
    assert credit_state() == before


def test_a_verified_entry_can_no_longer_be_changed_or_deleted(school_counsellor, verifier, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    services.credit_verify(credit=entry, verifier=verifier)
    before = credit_state()
    client = as_user(school_counsellor)

    patched = client.patch(credit_url(entry), {"credits": "60"}, format="json")
    deleted = client.delete(credit_url(entry))

    assert patched.status_code == 400
    assert "Only pending entries can be changed." in str(patched.json())
    assert deleted.status_code == 400
    assert "Only pending entries can be deleted." in str(deleted.json())
    assert credit_state() == before


def test_the_owner_deletes_a_pending_entry_and_its_file(
    school_counsellor, areas, _private_media, django_capture_on_commit_callbacks
):
    entry = log_credit(school_counsellor, [areas[0]])
    assert len(stored_files(_private_media)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(school_counsellor).delete(credit_url(entry))

    assert response.status_code == 204
    assert not CreditEntry.objects.filter(pk=entry.pk).exists()
    assert stored_files(_private_media) == []


def test_put_is_not_offered(school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    response = as_user(school_counsellor).put(credit_url(entry), {"title": "Ny"}, format="json")
    assert response.status_code == 405


# credits: verification


def test_a_verifier_at_the_home_centre_verifies_an_entry(school_counsellor, verifier, areas):
    entry = log_credit(school_counsellor, [areas[0]])

    response = as_user(verifier).post(credit_url(entry, "verify/"), {"note": "Ser bra ut"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "verified"
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by, entry.decision_reason) == (CreditStatus.VERIFIED, verifier, "Ser bra ut")
    assert AuditEntry.objects.filter(action="credit.verified", actor=verifier).exists()


def test_a_verifier_rejects_only_with_a_reason(school_counsellor, verifier, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    client = as_user(verifier)

    missing = client.post(credit_url(entry, "reject/"), {}, format="json")
    assert missing.status_code == 400
    assert missing.json()["reason"][0]
    entry.refresh_from_db()
    assert entry.status == CreditStatus.PENDING

    response = client.post(credit_url(entry, "reject/"), {"reason": "Feil dokument"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["decision_reason"] == "Feil dokument"


def test_an_entry_cannot_be_decided_twice(school_counsellor, verifier, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    services.credit_verify(credit=entry, verifier=verifier)
    before = credit_state()

    response = as_user(verifier).post(credit_url(entry, "reject/"), {"reason": "Likevel ikke"}, format="json")

    assert response.status_code == 400
    assert "already been decided" in str(response.json())
    assert credit_state() == before


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("other_verifier", 404),  # a verifier at another centre: the id reveals nothing
        ("other_counsellor", 403),  # no verifier role at all
        ("hr_officer", 403),
        ("centre_admin", 403),
    ],
)
def test_others_cannot_verify_or_reject_and_nothing_changes(request, school_counsellor, areas, persona, expected):
    entry = log_credit(school_counsellor, [areas[0]])
    before = credit_state()
    client = as_user(request.getfixturevalue(persona))

    assert client.post(credit_url(entry, "verify/"), {}, format="json").status_code == expected
    assert client.post(credit_url(entry, "reject/"), {"reason": "Nei"}, format="json").status_code == expected
    assert credit_state() == before


def test_a_verifier_cannot_verify_their_own_entry(centre, areas):
    verifying_counsellor = personas.counsellor(home_centre=centre, email="begge@example.org")
    services.membership_grant(user=verifying_counsellor, centre=centre, role=Role.VERIFIER, actor=None)
    entry = log_credit(verifying_counsellor, [areas[0]])

    response = as_user(verifying_counsellor).post(credit_url(entry, "verify/"), {}, format="json")

    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.status == CreditStatus.PENDING


def test_a_verifier_reads_an_entry_to_decide_but_cannot_change_or_delete_it(school_counsellor, verifier, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    before = credit_state()
    client = as_user(verifier)

    read = client.get(credit_url(entry))
    assert read.status_code == 200
    assert read.json()["owner"] == {"id": school_counsellor.pk, "name": str(school_counsellor)}
    assert client.patch(credit_url(entry), {"title": "Endret"}, format="json").status_code == 404
    assert client.delete(credit_url(entry)).status_code == 404
    assert client.post(credit_url(entry, "resubmit/"), {"message": "x"}).status_code == 404
    assert credit_state() == before


def test_a_verifiers_pending_list_is_the_queue_the_page_shows(
    client, school_counsellor, other_counsellor, verifier, other_verifier, areas, django_assert_max_num_queries
):
    waiting = [log_credit(school_counsellor, [areas[0]]), log_credit(other_counsellor, [areas[0]], title="Annens")]
    services.credit_verify(credit=log_credit(school_counsellor, [areas[0]], title="Ferdig"), verifier=verifier)
    client.force_login(verifier)
    queue = [entry.pk for entry in client.get(reverse("verification_queue")).context["page_obj"]]
    api = as_user(verifier)

    with django_assert_max_num_queries(12):
        pending = api.get(CREDITS, {"status": "pending"}).json()
    to_decide = api.get(CREDITS, {"status": "pending", "to_decide": "true"}).json()

    assert sorted(queue) == sorted(e.pk for e in waiting)
    assert sorted(e["id"] for e in pending["results"]) == sorted(queue)
    assert sorted(e["id"] for e in to_decide["results"]) == sorted(queue)
    assert api.get(CREDITS, {"to_decide": "false"}).json()["results"] == []  # the verifier logged nothing
    assert as_user(other_verifier).get(CREDITS, {"status": "pending"}).json()["results"] == []
    assert as_user(other_verifier).get(credit_url(waiting[0])).status_code == 404
    assert [e["id"] for e in as_user(other_counsellor).get(CREDITS).json()["results"]] == [waiting[1].pk]
    assert api.get(CREDITS, {"status": "unknown"}).status_code == 400


# CPD


def test_a_counsellor_logs_cpd_hours_and_sees_only_their_own(school_counsellor, other_counsellor, areas):
    services.cpd_create(owner=other_counsellor, title="Annens fagdag", date=LAST_MONTH, hours="5", kind="course")
    client = as_user(school_counsellor)

    created = client.post(
        CPD,
        {"title": "Nettverksmøte", "date": LAST_MONTH.isoformat(), "hours": "3.5", "kind": "network_meeting"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["source"] == "manual"

    listed = client.get(CPD).json()["results"]
    assert [a["title"] for a in listed] == ["Nettverksmøte"]
    assert listed[0]["hours"] == "3.5"


def test_cpd_with_evidence_goes_through_multipart(school_counsellor, areas, _private_media):
    response = as_user(school_counsellor).post(
        CPD,
        {
            "title": "Konferanse",
            "date": LAST_MONTH.isoformat(),
            "hours": "6",
            "kind": "conference",
            "areas": [areas[0].pk],
            "evidence": pdf_upload(),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["areas"] == [areas[0].pk]
    assert len(stored_files(_private_media)) == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"hours": "0"}, "hours"),
        ({"hours": "101"}, "hours"),
        ({"hours": "abc"}, "hours"),
        ({"date": (today() + datetime.timedelta(days=3)).isoformat()}, "date"),
        ({"kind": "party"}, "kind"),
        ({"areas": [99999]}, "areas"),
    ],
)
def test_bad_cpd_input_is_a_400_at_the_field(school_counsellor, areas, overrides, field):
    payload = {"title": "Fagdag", "date": LAST_MONTH.isoformat(), "hours": "3", "kind": "course", **overrides}

    response = as_user(school_counsellor).post(CPD, payload, format="json")

    assert response.status_code == 400
    assert response.json()[field][0]
    assert CPDActivity.objects.count() == 0
