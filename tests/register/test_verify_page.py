"""The public /verify/ page: anyone checks a competence statement code; every lookup is logged."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape

from portal.services import sync_portal_pages
from register import services
from register.models import StatementLookup
from register.services import statements
from register.services.statements import format_code
from tests.factories import pdf_upload

pytestmark = pytest.mark.django_db


URL = reverse("verify")


def nb_date(day):
    """A date as the Norwegian page writes it: "6. mars 2027" (tests/core/test_numbers_and_dates.py)."""
    with translation.override("nb"):
        return date_format(day)


def nb(text):
    """A message as the Norwegian page shows it (the site's default language)."""
    with translation.override("nb"):
        return escape(translation.gettext(text))


def html(response):
    return response.content.decode()


def check(client, code, **extra):
    return client.post(URL, {"code": code}, **extra)


@pytest.fixture
def holder(school_counsellor, verifier, areas, requirements):
    """A school counsellor with two verified courses (45 sp) and one pending, plus 30 CPD hours."""
    today = timezone.localdate()
    for title, credits, area_list in [
        ("Karriereveiledning 1", "30", [areas[0], areas[1]]),
        ("Veiledningspedagogikk", "15", [areas[2]]),
    ]:
        entry = services.credit_create(
            owner=school_counsellor,
            title=title,
            institution="Høgskolen i Innlandet",
            credits=credits,
            completed_on=today - datetime.timedelta(days=400),
            areas=area_list,
            evidence=pdf_upload(),
        )
        services.credit_verify(credit=entry, verifier=verifier)
    services.credit_create(
        owner=school_counsellor,
        title="Ventende emne",
        institution="OsloMet",
        credits="15",
        completed_on=today - datetime.timedelta(days=20),
        areas=[areas[0]],
        evidence=pdf_upload(),
    )
    services.cpd_create(
        owner=school_counsellor,
        title="Nettverksmøte",
        date=today - datetime.timedelta(days=10),
        hours="30",
        kind="other",
    )
    return school_counsellor


@pytest.fixture
def statement(holder):
    return services.statement_issue(owner=holder)


# the form


def test_the_form_has_a_labelled_code_field_with_a_format_hint(client):
    response = client.get(URL)

    assert response.status_code == 200
    page = html(response)
    assert 'method="post"' in page
    assert '<label class="ds-label" for="id_code">' in page
    assert "XXXX-XXXX-XXXX-XXXX" in page
    assert 'aria-describedby="id_code_helptext"' in page


def test_the_footer_links_to_the_check(client):
    sync_portal_pages()  # the front page is the portal's home page
    response = client.get(reverse("home"))
    assert f'href="{URL}"' in html(response)


def test_a_get_with_a_code_in_the_query_string_looks_nothing_up(client, statement):
    """Codes travel in POST bodies only, so they never land in URLs or access logs."""
    response = client.get(URL, {"code": statement.code})

    assert response.status_code == 200
    assert statement.holder_name not in html(response)
    assert not StatementLookup.objects.exists()


@pytest.mark.parametrize("garbage", ["", "   ", "abc", "!!!!-????", "x" * 200, "ÆØÅÆ-ØÅÆØ-ÅÆØÅ-ÆØÅÆ", "<script>"])
def test_empty_or_garbage_input_gives_a_form_error_and_no_lookup(client, garbage):
    response = check(client, garbage)

    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert 'class="ds-error-summary"' in html(response)
    assert not StatementLookup.objects.exists()


def test_the_result_is_never_cached(client, statement):
    response = check(client, statement.code)
    assert "no-store" in response["Cache-Control"]


# outcomes


def test_a_valid_code_shows_the_holder_entries_both_statuses_and_dates(client, statement, holder):
    response = check(client, statement.code)

    assert response.status_code == 200
    assert response.context["outcome"] == "valid"
    page = html(response)
    assert escape(holder.full_name) in page
    assert "Karriereveiledning 1" in page
    assert "Veiledningspedagogikk" in page
    assert escape("Høgskolen i Innlandet") in page
    assert "Ventende emne" not in page  # pending entries are not part of a statement
    assert escape("Veiledningsprosesser og relasjoner") in page
    assert nb_date(statement.expires_on) in page
    assert nb_date(timezone.localdate()) in page  # issued today
    # Status at issue time and today, each naming the requirement set it was measured against.
    issued, today = response.context["issued_status"], response.context["current_status"]
    assert issued["meets"] is False
    assert issued["requirement_name"] == "Minstekrav upper_secondary"
    assert today["requirement_name"] == "Minstekrav upper_secondary"
    assert page.count("Minstekrav upper_secondary") == 2
    assert nb("Does not meet the minimum requirement") in page


def test_the_status_today_follows_later_verifications_while_the_snapshot_stays(client, holder, verifier):
    statement = services.statement_issue(owner=holder)
    pending = holder.credit_entries.get(title="Ventende emne")
    services.credit_verify(credit=pending, verifier=verifier)

    response = check(client, statement.code)

    assert response.context["issued_status"]["meets"] is False
    assert response.context["current_status"]["meets"] is True
    assert "Ventende emne" not in html(response)
    page = html(response)
    assert nb("Meets the minimum requirement") in page
    assert nb("Does not meet the minimum requirement") in page


def test_an_unknown_code_is_said_plainly(client, statement):
    response = check(client, "ABCD-EFGH-JKMN-PQRS")

    assert response.status_code == 200
    assert response.context["outcome"] == "unknown"
    page = html(response)
    assert nb("Unknown code") in page
    assert escape(statement.holder_name) not in page


def test_an_expired_code_shows_only_that_and_the_dates(client, statement):
    statement.expires_on = timezone.localdate() - datetime.timedelta(days=1)
    statement.save(update_fields=["expires_on"])

    response = check(client, statement.code)

    assert response.context["outcome"] == "expired"
    page = html(response)
    assert nb("This statement has expired") in page
    assert nb_date(statement.expires_on) in page
    assert escape(statement.holder_name) not in page
    assert "Karriereveiledning 1" not in page
    assert "entries" not in response.context


def test_a_revoked_code_shows_only_that_and_the_dates(client, statement, holder):
    services.statement_revoke(statement=statement, actor=holder)

    response = check(client, statement.code)

    assert response.context["outcome"] == "revoked"
    page = html(response)
    assert nb("This statement has been revoked") in page
    assert escape(statement.holder_name) not in page
    assert "Karriereveiledning 1" not in page


# logging


@pytest.mark.parametrize("outcome", ["valid", "unknown", "expired", "revoked"])
def test_every_lookup_is_logged_with_its_outcome(client, statement, holder, outcome):
    code = statement.code
    if outcome == "unknown":
        code = "ABCD-EFGH-JKMN-PQRS"
    elif outcome == "expired":
        statement.expires_on = timezone.localdate() - datetime.timedelta(days=1)
        statement.save(update_fields=["expires_on"])
    elif outcome == "revoked":
        services.statement_revoke(statement=statement, actor=holder)

    check(client, code)

    lookup = StatementLookup.objects.get()
    assert lookup.outcome == outcome
    assert lookup.statement == (None if outcome == "unknown" else statement)


def test_two_checks_make_two_log_rows(client, statement):
    check(client, statement.code)
    check(client, statement.code)
    assert statement.lookups.count() == 2


# code normalisation


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code.lower(),
        lambda code: format_code(code),
        lambda code: format_code(code).lower(),
        lambda code: " ".join(format_code(code).split("-")),
        lambda code: f"  {format_code(code)}  ",
        lambda code: code[:8] + " - " + code[8:],
    ],
    ids=["lowercase", "dashes", "lowercase-dashes", "spaces", "padded", "mixed"],
)
def test_the_code_is_accepted_in_lowercase_and_with_spaces_or_dashes(client, statement, typed):
    response = check(client, typed(statement.code))

    assert response.context["outcome"] == "valid"
    assert response.context["code"] == format_code(statement.code)


# rate limit


def test_over_the_limit_the_page_answers_429_and_looks_nothing_up(client, statement, monkeypatch):
    monkeypatch.setattr(statements, "VERIFY_RATE_LIMIT", 2)
    assert check(client, statement.code).status_code == 200
    assert check(client, "garbage").status_code == 200  # invalid input counts too

    response = check(client, statement.code)

    assert response.status_code == 429
    assert nb("Too many checks") in html(response)
    assert "outcome" not in response.context
    assert escape(statement.holder_name) not in html(response)
    assert StatementLookup.objects.count() == 1


def test_the_limit_is_per_ip_address(client, statement, monkeypatch):
    monkeypatch.setattr(statements, "VERIFY_RATE_LIMIT", 1)
    assert check(client, statement.code, REMOTE_ADDR="10.0.0.1").status_code == 200
    assert check(client, statement.code, REMOTE_ADDR="10.0.0.1").status_code == 429

    assert check(client, statement.code, REMOTE_ADDR="10.0.0.2").status_code == 200
    assert StatementLookup.objects.count() == 2


def test_the_limit_message_is_in_english_for_english_users(client, statement, monkeypatch):
    monkeypatch.setattr(statements, "VERIFY_RATE_LIMIT", 1)
    check(client, statement.code, HTTP_ACCEPT_LANGUAGE="en")

    response = check(client, statement.code, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 429
    with translation.override("en"):
        assert escape(translation.gettext("Too many checks")) in html(response)
    assert 'lang="en"' in html(response)


def test_behind_a_proxy_a_client_forging_x_forwarded_for_entries_does_not_escape_the_limit(
    client, statement, monkeypatch, behind_proxies
):
    behind_proxies(1)
    monkeypatch.setattr(statements, "VERIFY_RATE_LIMIT", 2)
    proxy, client_address = "10.0.0.2", "198.51.100.7"

    answers = [
        check(client, statement.code, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {client_address}")
        for n in range(3)
    ]

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    # Another client behind the same proxy still checks codes.
    other = check(client, statement.code, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert other.status_code == 200


def test_without_trusted_proxies_x_forwarded_for_does_not_change_the_address(
    client, statement, monkeypatch, behind_proxies
):
    behind_proxies(0)
    monkeypatch.setattr(statements, "VERIFY_RATE_LIMIT", 2)

    answers = [
        check(client, statement.code, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}") for n in range(3)
    ]

    assert [answer.status_code for answer in answers] == [200, 200, 429]


def test_the_limit_is_30_checks_per_hour_by_default():
    assert (statements.VERIFY_RATE_LIMIT, statements.VERIFY_RATE_PERIOD) == (30, 3600)


# who may use it


def test_anonymous_visitors_can_check_a_code(client, statement):
    response = check(client, statement.code)
    assert response.status_code == 200
    assert response.context["outcome"] == "valid"


def test_logged_in_users_can_check_a_code_too(client, statement, plain_user, password):
    client.force_login(plain_user)

    response = check(client, statement.code)

    assert response.status_code == 200
    assert response.context["outcome"] == "valid"
    assert StatementLookup.objects.filter(statement=statement).count() == 1


def test_the_form_needs_a_csrf_token(statement):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, {"code": statement.code})

    assert response.status_code == 403
    assert not StatementLookup.objects.exists()
