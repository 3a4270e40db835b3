"""Where uploads go, by the environment: local disk by default, one S3-compatible bucket with S3_BUCKET set;
and, in production on local disk, public images answer under /media/ while private files answer nowhere."""

import json
import textwrap

from tests.config.test_settings import DEPLOY_CHECK, PRODUCTION_SECRETS, run

# The storages as a fresh process reads them, from the settings module alone (see SETTINGS_AS_JSON).
STORAGES_AS_JSON = """
import json
from django.conf import settings as s
from django.core.files.storage import default_storage

def options(alias):
    found = dict(s.STORAGES[alias].get("OPTIONS", {}))
    found.pop("client_config", None)
    return {"BACKEND": s.STORAGES[alias]["BACKEND"], **found}

print(json.dumps({
    "default": options("default"),
    "private": options("private"),
    "img-src": s.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
    "image_url": default_storage.url("original_images/fjord.png"),
}))
"""
S3 = {
    "S3_BUCKET": "karrierenorge-filer",
    "S3_ENDPOINT_URL": "https://objects.example.no",
    "S3_REGION": "no-south-1",
    "S3_ACCESS_KEY_ID": "nokkel",
    "S3_SECRET_ACCESS_KEY": "hemmelig",
}


def storages_of(**variables):
    result = run(["-c", STORAGES_AS_JSON], **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_bucket_uploads_stay_on_local_disk_and_pages_show_only_this_sites_images():
    found = storages_of(DJANGO_ENV="production", **PRODUCTION_SECRETS)

    assert found["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert found["private"] == {"BACKEND": "register.evidence.PrivateStorage"}
    assert found["image_url"] == "/media/original_images/fjord.png"
    assert found["img-src"] == ["'self'", "data:"]


def test_with_a_bucket_public_media_and_evidence_go_to_it_under_separate_prefixes_and_acls():
    found = storages_of(DJANGO_ENV="production", **PRODUCTION_SECRETS, **S3)

    shared = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "bucket_name": "karrierenorge-filer",
        "endpoint_url": "https://objects.example.no",
        "region_name": "no-south-1",
        "access_key": "nokkel",
        "secret_key": "hemmelig",
        "file_overwrite": False,
        "max_memory_size": 2 * 1024 * 1024,
    }
    assert found["default"] == {
        **shared,
        "location": "media",
        "default_acl": "public-read",
        "querystring_auth": False,
        "url_protocol": "https:",
        "custom_domain": "objects.example.no/karrierenorge-filer",
    }
    assert found["private"] == {
        **shared,
        "location": "private",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 60,
    }
    assert found["image_url"] == "https://objects.example.no/karrierenorge-filer/media/original_images/fjord.png"
    assert found["img-src"] == ["'self'", "data:", "https://objects.example.no/karrierenorge-filer/"]


def test_a_public_url_of_a_cdn_is_where_images_are_linked_and_allowed_from():
    found = storages_of(**S3, S3_PUBLIC_URL="https://filer.karrierenorge.no/")

    assert found["image_url"] == "https://filer.karrierenorge.no/media/original_images/fjord.png"
    assert found["img-src"] == ["'self'", "data:", "https://filer.karrierenorge.no/"]


def test_a_bucket_that_refuses_acls_is_sent_none():
    """Public media are then made public by a bucket policy on media/*; private/ stays private."""
    found = storages_of(**S3, S3_OBJECT_ACLS="off")

    assert found["default"]["default_acl"] is None
    assert found["private"]["default_acl"] is None


def test_on_aws_without_an_endpoint_the_bucket_is_addressed_by_its_virtual_host():
    found = storages_of(S3_BUCKET="karrierenorge-filer", S3_REGION="eu-north-1")

    assert found["default"]["endpoint_url"] is None
    assert found["default"]["access_key"] is None  # boto3 finds its own: AWS_* variables, an instance role
    assert (
        found["image_url"] == "https://karrierenorge-filer.s3.eu-north-1.amazonaws.com/media/original_images/fjord.png"
    )


def test_production_with_a_bucket_passes_the_deploy_checks():
    result = run(DEPLOY_CHECK, DJANGO_ENV="production", **PRODUCTION_SECRETS, **S3)

    assert result.returncode == 0, result.stderr


def test_private_files_inside_the_public_media_folder_stop_the_start(tmp_path):
    result = run(["manage.py", "check"], MEDIA_ROOT=str(tmp_path), PRIVATE_MEDIA_ROOT=str(tmp_path / "private"))

    assert result.returncode != 0
    assert "MEDIA_ROOT and PRIVATE_MEDIA_ROOT must be separate folders" in result.stderr


def test_a_public_url_that_is_not_an_address_stops_the_start():
    result = run(["manage.py", "check"], **S3, S3_PUBLIC_URL="filer.karrierenorge.no")

    assert result.returncode != 0
    assert "S3_PUBLIC_URL must be an http(s) address" in result.stderr


# Production on local disk: what a browser gets by URL.

REQUESTS = textwrap.dedent(
    """
    import json, django
    django.setup()
    import config.urls
    from django.core.management import call_command
    from django.http import HttpResponseNotFound
    from django.test import Client

    # A 404 asks Wagtail's redirects and sites (their tables) and the cache (production's is in the database).
    call_command("migrate", "wagtailcore", verbosity=0)
    call_command("migrate", "wagtailredirects", verbosity=0)
    call_command("createcachetable", verbosity=0)
    # The site's 404 page shows the navigation read from the whole database; a plain 404 stands in for it.
    config.urls.handler404 = lambda request, exception: HttpResponseNotFound(b"not found")
    answers = {}
    client = Client(HTTP_HOST="karrierenorge.no")
    for url in %s:
        response = client.get(url, secure=True)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        answers[url] = [response.status_code, body.hex()]
    print(json.dumps(answers))
    """
)


def test_in_production_on_local_disk_an_image_answers_under_media_and_no_private_file_answers(tmp_path):
    media, private = tmp_path / "media", tmp_path / "private"
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "fjord.png").write_bytes(b"\x89PNG\r\n\x1a\n fjord")
    (private / "evidence" / "7").mkdir(parents=True)
    (private / "evidence" / "7" / "kursbevis.pdf").write_bytes(b"%PDF-1.4 hemmelig")
    (media / "original_images" / "lenke.pdf").symlink_to(private / "evidence" / "7" / "kursbevis.pdf")
    urls = [
        "/media/original_images/fjord.png",
        "/media/evidence/7/kursbevis.pdf",
        "/media/../private/evidence/7/kursbevis.pdf",
        "/media/original_images/lenke.pdf",
        "/private/evidence/7/kursbevis.pdf",
        "/evidence/7/kursbevis.pdf",
    ]

    result = run(
        ["-c", REQUESTS % json.dumps(urls)],
        DJANGO_ENV="production",
        **{**PRODUCTION_SECRETS, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        MEDIA_ROOT=str(media),
        PRIVATE_MEDIA_ROOT=str(private),
    )

    assert result.returncode == 0, result.stderr
    answers = {
        url: (status, bytes.fromhex(body)) for url, (status, body) in json.loads(result.stdout.splitlines()[-1]).items()
    }
    assert answers.pop("/media/original_images/fjord.png") == (200, b"\x89PNG\r\n\x1a\n fjord")
    for url, (status, body) in answers.items():
        assert status == 404, url
        assert b"hemmelig" not in body, url
