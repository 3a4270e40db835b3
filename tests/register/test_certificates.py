"""Certificates of attendance: issued by a feature app through the register, checked on /verify/."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils.html import escape

from register import services
from register.models import AttendanceCertificate, StatementLookup
from register.services.statements import format_code

pytestmark = pytest.mark.django_db


def issue(owner, **overrides):
    values = {
        "owner": owner,
        "source": "event",
        "source_ref": "event:1",
        "title": "Karrierelæring i skolen",
        "issuer_name": "Karriere Oslo",
        "starts_on": datetime.date(2026, 3, 2),
        "ends_on": datetime.date(2026, 3, 3),
        "hours": Decimal("6.0"),
        "area_numbers": [2, 1],
    }
    values.update(overrides)
    return services.certificate_issue(**values)


def test_one_certificate_per_source_and_the_same_code_when_issued_again(school_counsellor):
    first = issue(school_counsellor)
    again = issue(school_counsellor, title="Karrierelæring i skolen (2 dager)")
    assert again.pk == first.pk and again.code == first.code
    assert again.title == "Karrierelæring i skolen (2 dager)"
    assert again.area_numbers == [1, 2]
    assert len(first.code) == 16
    other = issue(school_counsellor, source_ref="event:2")
    assert other.code != first.code


def test_revoking_and_restoring(school_counsellor):
    certificate = issue(school_counsellor)
    assert services.certificate_revoke_from_source(owner=school_counsellor, source="event", source_ref="event:1") == 1
    assert services.code_lookup(code=certificate.code)[0] == "revoked"
    issue(school_counsellor)
    assert services.code_lookup(code=certificate.code)[0] == "valid"


def test_the_verify_page_shows_a_valid_certificate_and_logs_the_check(client, school_counsellor, areas):
    certificate = issue(school_counsellor)

    response = client.post(reverse("verify"), {"code": format_code(certificate.code).lower()})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Kursbevis" in page  # the certificate's own heading, in Norwegian
    assert escape(school_counsellor.get_full_name()) in page
    assert "Karrierelæring i skolen" in page and "Karriere Oslo" in page
    assert escape(str(areas[0])) in page and escape(str(areas[1])) in page
    lookup = StatementLookup.objects.get()
    assert lookup.certificate == certificate and lookup.statement is None and lookup.outcome == "valid"


def test_the_verify_page_says_when_a_certificate_was_withdrawn(client, school_counsellor):
    certificate = issue(school_counsellor)
    services.certificate_revoke_from_source(owner=school_counsellor, source="event", source_ref="event:1")

    page = client.post(reverse("verify"), {"code": certificate.code}).content.decode()

    assert "trukket tilbake" in page
    assert "Karrierelæring i skolen" not in page  # a withdrawn certificate shows no details
    assert AttendanceCertificate.objects.get().is_revoked


def test_the_verify_page_explains_the_kind_of_code_that_was_checked(client, school_counsellor, requirements):
    certificate = issue(school_counsellor)
    statement = services.statement_issue(owner=school_counsellor)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"

    certificate_page = client.get(reverse("verify_code", kwargs={"code": certificate.code})).content.decode()
    statement_page = client.get(reverse("verify_code", kwargs={"code": statement.code})).content.decode()
    form_page = client.get(reverse("verify")).content.decode()

    assert "A certificate of attendance confirms that the person attended this event" in certificate_page
    assert "A competence statement shows" not in certificate_page
    assert "A competence statement shows the courses in career guidance" in statement_page
    assert "A certificate of attendance confirms" not in statement_page
    assert "on the competence statement or the certificate of attendance" in form_page
