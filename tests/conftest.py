import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.cache import cache

from config.settings import s3_public_url, s3_storages
from register.models import Role, WorkplaceType
from tests import personas
from tests.factories import (
    PASSWORD,
    CentreFactory,
    UserFactory,
    competence_areas,
    county,
    pdf_upload,
    requirement_set,
    restore_counties,
)
from tests.mail_queue import DB_TASKS, MailServer


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    """Evidence files written by a test land in its own temporary folder, never in the repo."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _overview_figures_fresh(settings):
    """The overview computes its figures on every view, so a test sees the data it just made
    (tests/register/test_overview.py checks the keeping)."""
    settings.OVERVIEW_FRESH_SECONDS = 0


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_proxies(settings):
    """Deploy behind ``count`` proxies: TRUSTED_PROXY_COUNT and the settings config/settings.py derives from it
    (tests/config/test_settings.py checks that derivation)."""

    def deploy(count):
        settings.TRUSTED_PROXY_COUNT = count
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = count
        # Overriding REST_FRAMEWORK makes DRF reload its settings, so the throttles read the new count.
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}

    return deploy


@pytest.fixture
def counties(transactional_db):
    """The counties, for a test in real transactions: those empty the database when they end, counties included."""
    restore_counties()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def centre(db):
    return CentreFactory(name="Karriere Oslo", slug="karriere-oslo-test")


@pytest.fixture
def other_centre(db):
    return CentreFactory(name="Karriere Vestland", slug="karriere-vestland-test", county=county("46"))


@pytest.fixture
def centre_admin(centre):
    return personas.centre_staff(centre, Role.ADMIN, email="leder@example.org")


@pytest.fixture
def verifier(centre):
    return personas.centre_staff(centre, Role.VERIFIER, email="godkjenner@example.org")


@pytest.fixture
def hr_officer(centre):
    return personas.centre_staff(centre, Role.HR, email="hr@example.org")


@pytest.fixture
def organiser(centre):
    return personas.centre_staff(centre, Role.ORGANISER, email="kurs@example.org")


@pytest.fixture
def moderator(centre):
    return personas.centre_staff(centre, Role.MODERATOR, email="moderator@example.org")


@pytest.fixture
def e_guidance_counsellor(centre):
    return personas.centre_staff(centre, Role.E_GUIDANCE, email="eveileder@example.org")


@pytest.fixture
def national_admin(db):
    return personas.national_admin(email="nasjonal@example.org")


@pytest.fixture
def school_counsellor(centre):
    return personas.counsellor(home_centre=centre, email="skole@example.org")


@pytest.fixture
def plain_user(db):
    return UserFactory(email="vanlig@example.org")


@pytest.fixture
def areas(db):
    """The seven competence areas; area 1 is the core area in the requirement sets below."""
    return competence_areas()


@pytest.fixture
def requirements(areas):
    """A requirement set in force for every workplace type: 60 sp, area 1 covered, 25 CPD hours."""
    return {wtype: requirement_set(wtype, areas=[areas[0]]) for wtype in WorkplaceType.values}


@pytest.fixture
def pdf():
    return pdf_upload()


@pytest.fixture(scope="module")
def module_private_media(tmp_path_factory):
    """A private-files folder for a module whose tests share data seeded once (see tests/snapshots.py)."""
    return tmp_path_factory.mktemp("private")


@pytest.fixture
def private_files_of_the_module(settings, module_private_media):
    """For a module that seeds once for all its tests: the evidence files the seed wrote stay readable."""
    settings.PRIVATE_MEDIA_ROOT = module_private_media


# Object storage: a real S3-compatible server (moto's server mode) on loopback.

S3_REGION = "eu-north-1"
S3_KEYS = {"access_key": "karrierenorge-test", "secret_key": "karrierenorge-test-secret"}


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's S3 server in a thread of this test process, on a free loopback port, for the whole session."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@dataclass
class Bucket:
    name: str
    endpoint: str
    public_url: str
    client: object

    def keys(self, prefix=""):
        listed = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def read(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()


def anonymous_get(url):
    """(status, body) of a GET without credentials, as a browser would fetch the address."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (a test's own loopback address)
            return answer.status, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read()


@pytest.fixture
def object_storage(settings, s3_endpoint):
    """Uploads in a fresh bucket of the S3 server, through the production settings' own storages (STORAGES)."""
    import boto3

    name = f"karrierenorge-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=S3_REGION,
        aws_access_key_id=S3_KEYS["access_key"],
        aws_secret_access_key=S3_KEYS["secret_key"],
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": S3_REGION})
    public_url = s3_public_url(bucket=name, endpoint_url=s3_endpoint)
    settings.STORAGES = {
        **settings.STORAGES,
        **s3_storages(bucket=name, public_url=public_url, endpoint_url=s3_endpoint, region=S3_REGION, **S3_KEYS),
    }
    return Bucket(name=name, endpoint=s3_endpoint, public_url=public_url, client=client)


# Modules whose tests share one seeding of the demo (tests/snapshots.py ``shared_seeding``) run
# whole on one worker, so the demo is seeded once; every other test is scheduled on its own. (xdist's
# own ``--dist loadgroup`` does not group under pytest 9.2, whose node ids it can no longer suffix.)
SHARED_SEEDING_MODULES = frozenset(
    path.relative_to(Path(__file__).parent.parent).as_posix()
    for path in Path(__file__).parent.rglob("test_*.py")
    if "shared_seeding(" in path.read_text()
)


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    class SharedSeedingModulesTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            module = nodeid.split("::", 1)[0]
            return module if module in SHARED_SEEDING_MODULES else nodeid

    return SharedSeedingModulesTogether(config, log)


@pytest.fixture
def mail_server(settings):
    """The SMTP server, to be put down, made to hang or hang up, and brought back (tests/mail_queue.py)."""
    server = MailServer(settings)
    yield server
    server.stop()


@pytest.fixture
def task_queue(settings):
    """Tasks wait in the database queue, as in production, until ``tests.mail_queue.run_worker()``."""
    settings.TASKS = DB_TASKS
