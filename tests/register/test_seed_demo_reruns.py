"""`manage.py seed_demo` run on a fresh database each time: running it again, and choosing the network's size."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from register.models import AuditEntry, Centre, CounsellorProfile, CreditEntry, CreditStatus
from tests.register.demo_support import demo_user, network_profiles, seed, snapshot

pytestmark = pytest.mark.django_db


def seed_register(*args):
    out = StringIO()
    call_command("seed_register_demo", *args, stdout=out)
    return out.getvalue()


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
    with django_capture_on_commit_callbacks(execute=True), django_assert_max_num_queries(243):
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


def test_the_national_scale_fills_the_register_to_its_sizes_once(db, monkeypatch, private_media):
    """--scale national: counsellors in all (the named ones counted) and credit entries in all, here scaled down;
    the added entries are like the network's own (areas, audit rows, a readable certificate)."""
    monkeypatch.setattr("register.management.commands.seed_register_demo.NATIONAL_COUNSELLORS", 40)
    monkeypatch.setattr("register.management.commands.seed_register_demo.NATIONAL_CREDITS", 400)

    out = seed_register("--scale", "national")

    assert CounsellorProfile.objects.count() == 40
    assert CreditEntry.objects.count() == 400
    assert Centre.objects.count() == 45
    added = CreditEntry.objects.filter(evidence__startswith="evidence/demo/")
    assert f"Added {added.count()} credit entries" in out
    assert "Register: 400 of 400 credit entries ..." in out
    assert not added.filter(areas=None).exists()
    assert set(added.values_list("owner__counsellor_profile__user__email", flat=True)) <= set(
        network_profiles().values_list("user__email", flat=True)
    )
    entry = added.exclude(status=CreditStatus.PENDING).first()
    actions = set(AuditEntry.objects.filter(object_id=str(entry.pk)).values_list("action", flat=True))
    assert actions == {"credit.created", f"credit.{entry.status}"}
    assert entry.created_at < entry.decided_at < timezone.now()
    with entry.evidence.open() as certificate:
        assert certificate.read(5) == b"%PDF-"

    again = seed_register("--scale", "national")

    assert CreditEntry.objects.count() == 400
    assert "Added" not in again
