"""Certificates of attendance, issued by the apps that run events and checked on /verify/."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from register.models import AttendanceCertificate, CompetenceStatement
from register.services.statements import new_code, normalise_code, record_lookup


@transaction.atomic
def certificate_issue(
    *,
    owner: User,
    source: str,
    source_ref: str,
    title: str,
    issuer_name: str,
    starts_on: date,
    ends_on: date,
    hours: Decimal,
    area_numbers: Iterable[int] = (),
) -> AttendanceCertificate:
    """The owner's certificate for ``source``/``source_ref``: created once, restored if revoked.

    The details are refreshed each time, so a corrected title or date shows on the certificate.
    """
    details = {
        "holder_name": owner.get_full_name() or owner.email,
        "title": title,
        "issuer_name": issuer_name,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "hours": hours,
        "area_numbers": sorted(area_numbers),
        "revoked_at": None,
    }
    certificate = (
        AttendanceCertificate.objects.select_for_update()
        .filter(owner=owner, source=source, source_ref=source_ref)
        .first()
    )
    if certificate is not None:
        for field, value in details.items():
            setattr(certificate, field, value)
        certificate.save(update_fields=[*details])
        return certificate
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return AttendanceCertificate.objects.create(
                    owner=owner, source=source, source_ref=source_ref, code=new_code(), **details
                )
        except IntegrityError:
            if AttendanceCertificate.objects.filter(owner=owner, source=source, source_ref=source_ref).exists():
                raise
    raise RuntimeError("Could not draw a unique certificate code")


@transaction.atomic
def certificate_revoke_from_source(*, owner: User, source: str, source_ref: str) -> int:
    """Revoke the certificate (its code then verifies as revoked). Returns how many were revoked."""
    return AttendanceCertificate.objects.filter(
        owner=owner, source=source, source_ref=source_ref, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


def code_lookup(
    *, code: str | None, checker: User | AnonymousUser | None = None, organisation: str = ""
) -> tuple[str, CompetenceStatement | None, AttendanceCertificate | None]:
    """Check any code the platform issues; every check is logged.

    Returns ``(outcome, statement, certificate)``; at most one of the two objects is set.
    Outcomes: ``valid``, ``expired`` (statements only), ``revoked``, ``unknown``. The holder later sees who
    checked: a signed-in ``checker`` with the centres where they hold a role, or else the ``organisation`` an
    anonymous checker gave (optional).
    """
    normalised = normalise_code(code)
    statement = certificate = None
    if normalised:
        statement = CompetenceStatement.objects.select_related("owner").filter(code=normalised).first()
        if statement is None:
            certificate = AttendanceCertificate.objects.filter(code=normalised).first()
    if statement is not None:
        outcome = "revoked" if statement.is_revoked else "expired" if statement.is_expired else "valid"
    elif certificate is not None:
        outcome = "revoked" if certificate.is_revoked else "valid"
    else:
        outcome = "unknown"
    record_lookup(
        statement=statement, certificate=certificate, outcome=outcome, checker=checker, organisation=organisation
    )
    return outcome, statement, certificate
