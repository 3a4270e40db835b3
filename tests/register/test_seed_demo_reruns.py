"""`manage.py seed_demo` run on a fresh database each time: running it again, and choosing the network's size."""

import pytest
from django.core import mail

from register.models import Centre
from tests.register.demo_support import demo_user, network_profiles, seed, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence files the seed writes land in a folder of this test's own."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def test_running_it_again_changes_nothing_and_sends_nothing(
    db, django_capture_on_commit_callbacks, django_assert_max_num_queries, private_media
):
    seed()
    before = snapshot(private_media)
    mail.outbox.clear()

    # It only checks what exists: a bounded number of queries, whatever the size of the network.
    with django_capture_on_commit_callbacks(execute=True), django_assert_max_num_queries(240):
        out = seed()

    assert snapshot(private_media) == before
    assert mail.outbox == []
    assert "(new)" not in out


def test_running_it_again_keeps_an_administrators_changes(db):
    """A national admin who corrects a demo centre or user does not have it undone by the next run."""
    seed()
    Centre.objects.filter(name="Karriere Oslo").update(phone="+47 22 00 00 00", opening_hours="Stengt")
    nasjonal = demo_user("nasjonal")
    nasjonal.set_password("a-new-secret-password")
    nasjonal.save(update_fields=["password"])

    seed()

    oslo = Centre.objects.get(name="Karriere Oslo")
    assert (oslo.phone, oslo.opening_hours) == ("+47 22 00 00 00", "Stengt")
    assert demo_user("nasjonal").check_password("a-new-secret-password")


def test_the_number_of_other_counsellors_can_be_chosen(db):
    out = seed("--counsellors", "20")

    assert network_profiles().count() == 20
    assert "Created 20 other demo counsellors" in out
