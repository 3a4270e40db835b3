"""Evidence files in S3-compatible object storage (S3_BUCKET set): private objects, read only through the views.

Against a real S3 server on loopback (moto's server mode, ``object_storage`` in tests/conftest.py), with the
storages the production settings build.
"""

import pytest
from django.urls import reverse

from register.models import CPDActivity, CreditEntry, Role
from tests import personas
from tests.conftest import anonymous_get
from tests.factories import PDF_BYTES, PNG_BYTES, pdf_upload
from tests.register.competence_support import LAST_MONTH

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_verifier(other_centre):
    return personas.centre_staff(other_centre, Role.VERIFIER, email="godkjenner.vestland@example.org")


@pytest.fixture
def other_counsellor(centre):
    return personas.counsellor(home_centre=centre, email="annen@example.org")


def upload_credit(client, owner, areas, evidence=None):
    """The counsellor logs a course with its evidence on the page, as in a browser."""
    client.force_login(owner)
    response = client.post(
        reverse("credit_create"),
        {
            "title": "Karriereveiledning i skolen",
            "institution": "OsloMet",
            "course_code": "KVU1000",
            "credits": "15",
            "completed_on": LAST_MONTH.isoformat(),
            "areas": [areas[0].pk],
            "evidence": evidence or pdf_upload(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return CreditEntry.objects.get(owner=owner)


def test_a_counsellors_upload_lands_in_the_bucket_under_private_and_nowhere_on_disk(
    client, object_storage, school_counsellor, areas, tmp_path
):
    entry = upload_credit(client, school_counsellor, areas)

    assert object_storage.keys() == [f"private/{entry.evidence.name}"]
    assert entry.evidence.name.startswith(f"evidence/{school_counsellor.pk}/")
    assert object_storage.read(f"private/{entry.evidence.name}") == PDF_BYTES
    assert not (tmp_path / "private").exists()


def test_the_object_is_not_readable_without_credentials(client, object_storage, school_counsellor, areas):
    entry = upload_credit(client, school_counsellor, areas)

    status, body = anonymous_get(f"{object_storage.public_url}/private/{entry.evidence.name}")

    assert status == 403
    assert PDF_BYTES not in body


def test_the_owner_and_the_home_centres_verifier_download_the_same_bytes_as_an_attachment(
    client, object_storage, school_counsellor, verifier, areas
):
    entry = upload_credit(client, school_counsellor, areas)
    url = reverse("credit_evidence", args=[entry.pk])

    for user in (school_counsellor, verifier):
        client.force_login(user)
        response = client.get(url)

        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="kursbevis.pdf"'
        assert response["Content-Length"] == str(len(PDF_BYTES))
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("who", [None, "other_counsellor", "other_verifier", "hr_officer", "centre_admin"])
def test_everyone_else_gets_404(client, request, object_storage, school_counsellor, areas, who):
    entry = upload_credit(client, school_counsellor, areas)
    client.logout()
    if who:
        client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("credit_evidence", args=[entry.pk]))

    assert response.status_code == 404
    assert PDF_BYTES not in response.content


def test_an_object_gone_from_the_bucket_is_404_not_an_error(client, object_storage, school_counsellor, areas):
    entry = upload_credit(client, school_counsellor, areas)
    object_storage.client.delete_object(Bucket=object_storage.name, Key=f"private/{entry.evidence.name}")

    assert client.get(reverse("credit_evidence", args=[entry.pk])).status_code == 404


def test_deleting_the_entry_deletes_the_object(
    client, object_storage, school_counsellor, areas, django_capture_on_commit_callbacks
):
    entry = upload_credit(client, school_counsellor, areas)
    assert object_storage.keys("private/") != []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("credit_delete", kwargs={"pk": entry.pk}))

    assert response.status_code == 302
    assert not CreditEntry.objects.exists()
    assert object_storage.keys() == []


def test_two_files_of_the_same_name_are_both_kept(client, object_storage, school_counsellor, other_counsellor, areas):
    """The stored names are random, and the storage never overwrites (file_overwrite is off) in any case."""
    first = upload_credit(client, school_counsellor, areas)
    second = upload_credit(client, other_counsellor, areas)

    assert first.evidence.name != second.evidence.name
    assert len(object_storage.keys("private/evidence/")) == 2


def test_cpd_evidence_goes_to_the_bucket_and_back_through_its_view(client, object_storage, school_counsellor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(school_counsellor)
    response = client.post(
        reverse("cpd_create"),
        {
            "title": "Fagdag",
            "date": LAST_MONTH.isoformat(),
            "hours": "6",
            "kind": "course",
            "evidence": SimpleUploadedFile("bevis.png", PNG_BYTES, "image/png"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = CPDActivity.objects.get()

    assert object_storage.keys() == [f"private/{activity.evidence.name}"]
    download = client.get(reverse("cpd_evidence", args=[activity.pk]))
    assert b"".join(download.streaming_content) == PNG_BYTES
    assert download["Content-Disposition"] == 'attachment; filename="bevis.png"'
