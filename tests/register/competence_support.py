"""What the counsellor's competence page tests share: dates, stored files, reading pages, logging credits."""

import datetime

from django.utils import timezone, translation
from django.utils.html import escape

from register import services
from tests.factories import pdf_upload

LAST_MONTH = timezone.localdate() - datetime.timedelta(days=30)


def stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def nb(text):
    """A message as the Norwegian page shows it (the site's default language)."""
    with translation.override("nb"):
        return escape(translation.gettext(text) if isinstance(text, str) else str(text))


def html(response):
    return response.content.decode()


def log_credit(owner, credits="10", areas=(), title="Karriereveiledning 1", **kwargs):
    return services.credit_create(
        owner=owner,
        title=title,
        institution="Høgskolen i Innlandet",
        credits=credits,
        completed_on=kwargs.pop("completed_on", LAST_MONTH),
        areas=list(areas),
        evidence=pdf_upload(),
        **kwargs,
    )
