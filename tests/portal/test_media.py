"""Public CMS uploads (Wagtail images) are served in production too: from the bucket with S3_BUCKET set,
under /media/ from local disk without it; private files never by any URL.

Images are uploaded through Wagtail's own admin view by a national administrator, as an editor would.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.conftest import anonymous_get
from tests.factories import PDF_BYTES
from tests.register.centre_support import log_credit

pytestmark = pytest.mark.django_db


def png_bytes(size=(64, 48)):
    out = io.BytesIO()
    PILImage.new("RGB", size, (0, 98, 186)).save(out, format="PNG")
    return out.getvalue()


def upload_image(client, editor, content, name="fjord.png"):
    client.force_login(editor)
    response = client.post(
        "/cms/images/add/", {"title": "Fjord", "file": SimpleUploadedFile(name, content, content_type="image/png")}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    return get_image_model().objects.get(title="Fjord")


@pytest.fixture
def local_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# In the bucket


def test_an_uploaded_image_lands_under_media_in_the_bucket_and_anyone_reads_it_by_its_url(
    client, object_storage, national_admin
):
    content = png_bytes()

    image = upload_image(client, national_admin, content)

    assert object_storage.keys() == [f"media/{image.file.name}"]
    assert image.file.name.startswith("original_images/")
    assert image.file.url == f"{object_storage.public_url}/media/{image.file.name}"
    assert anonymous_get(image.file.url) == (200, content)


def test_a_rendition_is_made_in_the_bucket_and_answers_at_its_url(client, object_storage, national_admin):
    image = upload_image(client, national_admin, png_bytes())

    rendition = image.get_rendition("width-32")

    assert f"media/{rendition.file.name}" in object_storage.keys("media/images/")
    assert rendition.url.startswith(f"{object_storage.public_url}/media/images/")
    status, body = anonymous_get(rendition.url)
    assert status == 200
    assert PILImage.open(io.BytesIO(body)).size == (32, 24)


def test_evidence_and_media_share_the_bucket_under_separate_prefixes(
    client, object_storage, national_admin, school_counsellor, areas
):
    image = upload_image(client, national_admin, png_bytes())
    entry = log_credit(school_counsellor, [areas[0]])

    assert object_storage.keys() == sorted([f"media/{image.file.name}", f"private/{entry.evidence.name}"])
    assert anonymous_get(f"{object_storage.public_url}/private/{entry.evidence.name}")[0] == 403


# On local disk


def test_on_local_disk_an_uploaded_image_and_its_rendition_answer_under_media(client, local_media, national_admin):
    content = png_bytes()
    image = upload_image(client, national_admin, content)
    rendition = image.get_rendition("width-32")

    assert image.file.url == f"/media/{image.file.name}"
    assert (local_media / image.file.name).read_bytes() == content
    original = client.get(image.file.url)
    assert original.status_code == 200
    assert b"".join(original.streaming_content) == content
    assert original["Content-Type"] == "image/png"
    assert client.get(rendition.url).status_code == 200


def test_media_answers_conditional_requests_and_head(client, local_media, national_admin):
    image = upload_image(client, national_admin, png_bytes())
    first = client.get(image.file.url)

    assert client.head(image.file.url).status_code == 200
    assert client.get(image.file.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.post(image.file.url).status_code == 405


def test_documents_are_not_served_under_media_but_by_wagtails_download_view(client, local_media, national_admin):
    """An editor's document may be HTML; under /media/ it would open as a page of this site."""
    document = get_document_model().objects.create(
        title="Side", file=SimpleUploadedFile("side.html", b"<script>alert(1)</script>", content_type="text/html")
    )

    assert (local_media / document.file.name).exists()
    assert client.get(f"/media/{document.file.name}").status_code == 404
    download = client.get(document.url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    "path",
    [
        "",
        "original_images/",
        "images",
        "../private/x.pdf",
        "original_images/../../private/x.pdf",
        "original_images/%2e%2e/%2e%2e/private/x.pdf",
        "evidence/1/x.pdf",
        "documents/x.pdf",
    ],
)
def test_nothing_outside_the_image_folders_is_served(client, local_media, path):
    for folder in ("original_images", "images", "documents", "evidence/1"):
        (local_media / folder).mkdir(parents=True, exist_ok=True)
    (local_media / "documents" / "x.pdf").write_bytes(PDF_BYTES)
    (local_media / "evidence" / "1" / "x.pdf").write_bytes(PDF_BYTES)

    assert client.get(f"/media/{path}").status_code == 404


def test_no_url_reaches_a_private_file(client, local_media, settings, school_counsellor, areas):
    """Neither by its name under /media/ or any other prefix, nor by a link that points into the private folder."""
    entry = log_credit(school_counsellor, [areas[0]])
    private_file = settings.PRIVATE_MEDIA_ROOT / entry.evidence.name
    assert private_file.read_bytes() == PDF_BYTES
    (local_media / "original_images").mkdir(parents=True)
    (local_media / "original_images" / "lenke.pdf").symlink_to(private_file)

    for url in (
        f"/media/{entry.evidence.name}",
        f"/media/original_images/{entry.evidence.name}",
        "/media/original_images/lenke.pdf",
        f"/private/{entry.evidence.name}",
        f"/static/{entry.evidence.name}",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert PDF_BYTES not in b"".join(getattr(response, "streaming_content", [response.content])), url
