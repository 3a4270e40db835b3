"""Competence statements: a verifiable, revocable snapshot for HR."""

import secrets
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import ratelimit
from core.qr import qr_svg
from register.models import AttendanceCertificate, Centre, CompetenceStatement, StatementLookup
from register.selectors.counsellor import competence_snapshot
from register.services.organisation import audit_record

# One budget for checking codes on /verify/ and through the API: this many checks per address and period.
VERIFY_RATE_LIMIT = 30
VERIFY_RATE_PERIOD = 60 * 60


def verify_rate_limit_hit(request: HttpRequest) -> bool:
    """Count one code check from this address; False once the page and the API together pass the limit."""
    return ratelimit.hit(request, scope="verify", limit=VERIFY_RATE_LIMIT, period=VERIFY_RATE_PERIOD)


# 31 characters without look-alikes (no 0/O, 1/I/L); 16 of them give about 79 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 16
DEFAULT_VALID_DAYS = 90


def normalise_code(code: str | None) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def verification_link(request: HttpRequest, code: str) -> dict[str, str]:
    """``verify_url`` (the link that checks ``code`` in one click) and ``verify_qr`` (the same link as a QR code),
    for the pages and documents that show a code."""
    url = request.build_absolute_uri(reverse("verify_code", args=[format_code(code)]))
    return {"verify_url": url, "verify_qr": qr_svg(url, title=_("QR code that opens the check of this code"))}


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


@transaction.atomic
def statement_issue(*, owner: User, valid_days: int | str = DEFAULT_VALID_DAYS) -> CompetenceStatement:
    """Freeze the owner's verified competence now, under a new unguessable code."""
    try:
        valid_days = int(valid_days)
    except (TypeError, ValueError):
        raise ValidationError({"valid_days": _("Enter a whole number of days.")}) from None
    if not 1 <= valid_days <= 365:
        raise ValidationError({"valid_days": _("A statement is valid for 1 to 365 days.")})
    snapshot = competence_snapshot(user=owner)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                statement = CompetenceStatement.objects.create(
                    owner=owner,
                    code=new_code(),
                    expires_on=timezone.localdate() + timedelta(days=valid_days),
                    holder_name=owner.get_full_name(),
                    snapshot=snapshot,
                )
            break
        except IntegrityError:
            continue
    else:
        raise RuntimeError("Could not draw a unique statement code")
    audit_record(actor=owner, action="statement.issued", obj=statement, subject_user=owner)
    return statement


@transaction.atomic
def statement_revoke(*, statement: CompetenceStatement, actor: User) -> CompetenceStatement:
    if statement.owner_id != actor.pk:
        raise PermissionDenied(_("Only the holder may revoke a statement."))
    if statement.revoked_at is None:
        statement.revoked_at = timezone.now()
        statement.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="statement.revoked", obj=statement, subject_user=actor)
    return statement


def record_lookup(
    *,
    statement: CompetenceStatement | None,
    certificate: AttendanceCertificate | None = None,
    outcome: str,
    checker: User | AnonymousUser | None = None,
    organisation: str = "",
) -> StatementLookup:
    """Log one check of a code, with who checked for the holder's eyes: a signed-in ``checker`` and the
    centres where they hold a role, or else the ``organisation`` an anonymous checker gave (optional)."""
    signed_in = checker if checker is not None and checker.is_authenticated else None
    centres = ""
    if signed_in is not None:
        names = Centre.objects.filter(memberships__user=signed_in).distinct().order_by("name")
        centres = ", ".join(names.values_list("name", flat=True))[:300]
    return StatementLookup.objects.create(
        statement=statement,
        certificate=certificate,
        outcome=outcome,
        checked_by=signed_in,
        checker_centres=centres,
        organisation="" if signed_in else (organisation or "").strip()[:200],
    )


def statement_lookup(
    *, code: str | None, checker: User | AnonymousUser | None = None
) -> tuple[str, CompetenceStatement | None]:
    """Check a code; every check is logged. Returns (outcome, statement or None).

    Outcomes: ``valid``, ``expired``, ``revoked``, ``unknown``. The caller rate-limits.
    """
    normalised = normalise_code(code)
    statement = (
        CompetenceStatement.objects.select_related("owner").filter(code=normalised).first() if normalised else None
    )
    if statement is None:
        outcome = "unknown"
    elif statement.is_revoked:
        outcome = "revoked"
    elif statement.is_expired:
        outcome = "expired"
    else:
        outcome = "valid"
    record_lookup(statement=statement, outcome=outcome, checker=checker)
    return outcome, statement
