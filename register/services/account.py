"""Deleting an account: evidence files go, audit rows keep a pseudonym."""

import hashlib

from django.conf import settings
from django.db import transaction

from accounts.models import User
from register.models import AuditEntry


def pseudonym_for(user: User) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:audit:{user.pk}".encode()).hexdigest()[:10]
    return f"slettet-{digest}"


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the user and everything they own. The audit trail stays, naming a pseudonym."""
    pseudonym = pseudonym_for(user)
    for entry in AuditEntry.objects.filter(subject_user=user):
        entry.details = {**entry.details, "subject_pseudonym": pseudonym}
        entry.save(update_fields=["details"])
    for entry in AuditEntry.objects.filter(actor=user):
        entry.details = {**entry.details, "actor_pseudonym": pseudonym}
        entry.save(update_fields=["details"])
    files = [e.evidence for e in user.credit_entries.all()] + [
        a.evidence for a in user.cpd_activities.all() if a.evidence
    ]
    names = [(f.storage, f.name) for f in files if f.name]
    user.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])
