"""``core.bulk.insert_all``: the seeders' fast insert (COPY on PostgreSQL, bulk_create elsewhere)."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from accounts.models import User
from core.bulk import analyze, insert_all
from register.evidence import private_storage
from register.models import AuditEntry, CreditEntry, CreditStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner():
    return User.objects.create_user(email="eier@example.org", password="a-long-enough-password", full_name="Eier")


def test_rows_get_their_keys_and_read_back_as_given(owner, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    name = private_storage.save("evidence/demo/kurs.pdf", ContentFile(b"%PDF-1.4 demo"))
    then = timezone.now() - timedelta(days=40)
    entries = [
        CreditEntry(
            owner=owner,
            title=f"Kurs {n}",
            institution="Høgskolen",
            credits="7.5",
            completed_on=then.date(),
            evidence=name,
            evidence_name="kurs.pdf",
            evidence_type="application/pdf",
            status=CreditStatus.PENDING,
            created_at=then if n else None,
        )
        for n in range(3)
    ]
    audit = [AuditEntry(actor=owner, action="credit.created", object_type="x", object_id="1", details={"to": "å"})]

    before = timezone.now()
    insert_all(entries)
    insert_all(audit)

    assert all(entry.pk for entry in entries)
    stored = {entry.pk: entry for entry in CreditEntry.objects.filter(owner=owner)}
    assert set(stored) == {entry.pk for entry in entries}
    assert stored[entries[1].pk].created_at == then  # a time given is kept (auto_now_add)
    assert stored[entries[0].pk].created_at >= before  # an empty one is stamped now
    assert str(stored[entries[2].pk].credits) == "7.5"
    with stored[entries[2].pk].evidence.open() as evidence:
        assert evidence.read() == b"%PDF-1.4 demo"
    assert AuditEntry.objects.get(pk=audit[0].pk).details == {"to": "å"}


def test_the_instances_count_as_saved(owner):
    audit = [AuditEntry(actor=owner, action="a", object_type="x", object_id=str(n)) for n in range(2)]

    insert_all(audit)
    audit[0].action = "b"
    audit[0].save()

    assert AuditEntry.objects.count() == 2
    assert AuditEntry.objects.get(pk=audit[0].pk).action == "b"


def test_nothing_to_insert_is_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        insert_all([])


def test_after_a_bulk_insert_the_planner_knows_the_new_size_at_once(owner):
    """PostgreSQL plans for a table's size in its statistics; without ``analyze`` a table filled a moment ago still
    counts as empty until autovacuum gets to it. Elsewhere ``analyze`` is nothing (and no error)."""
    day = timezone.localdate()
    insert_all([CreditEntry(owner=owner, title=f"Kurs {n}", credits="5", completed_on=day) for n in range(300)])

    analyze(CreditEntry, CreditEntry.areas.through)

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [CreditEntry._meta.db_table])
            assert cursor.fetchone()[0] == 300
