"""The competence register's whole journey in Chromium, with an axe check on every page visited.

``skole@`` logs a course with a PDF (first with a bad value), ``godkjenner@`` opens the evidence
and verifies it, ``skole@`` sees the status change and a notice and issues a competence statement,
an anonymous visitor checks the code on /verify/ (and a wrong one), and ``skole@`` sees the lookup.

Selectors are field names, ids, addresses and the data the test typed in; visible wording is
only checked where the message itself is the point, against Django's bokmål translation.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import translation
from playwright.sync_api import expect

from core.numbers import format_amount
from register.demo.competence import demo_pdf
from register.models import CompetenceArea, CreditEntry, CreditStatus
from register.services.statements import format_code
from register.status import status_for
from tests.browser.conftest import assert_accessible, demo_email, log_in_by_form

TITLE = "Karriereveiledning i praksis (nettleser-test)"
INSTITUTION = "Universitetet i Agder"
CREDITS = Decimal("7.5")
COMPLETED = "2024-05-31"
UNKNOWN_CODE = "ABCD-EFGH-JKMN-PQRS"  # the right shape, but nobody holds it


def nb(message):
    """Django's bokmål translation of an English source string, as the site shows it."""
    with translation.override("nb"):
        return translation.gettext(message)


def nb_number(value):
    """A number as the site writes credits and hours in bokmål: "7,5", "30" (core.numbers)."""
    with translation.override("nb"):
        return format_amount(value)


def submit(page, form):
    """Send ``form`` with its (only) submit button and wait for the answer to load."""
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_a_credit_goes_from_logged_to_verified_to_checked_by_hr(site, open_context, tmp_path):
    skole_user = get_user_model().objects.get(email=demo_email("skole"))
    verified_before = status_for(skole_user).verified_credits
    area = CompetenceArea.objects.get(number=1)
    evidence = tmp_path / "kursbevis.pdf"
    evidence.write_bytes(demo_pdf(TITLE))

    # skole@ logs in through the real form and opens their competence page ---------------------
    counsellor = open_context().new_page()
    counsellor.goto("/accounts/login/")
    assert_accessible(counsellor, "login page")
    log_in_by_form(counsellor, demo_email("skole"))
    assert counsellor.url == f"{site}/min-side/"
    assert_accessible(counsellor, "skole@'s dashboard")

    counsellor.goto("/kompetanse/")
    assert_accessible(counsellor, "/kompetanse/ before logging")
    credits_label = counsellor.locator("label[for=status-credits]")
    expect(credits_label).to_contain_text(nb_number(verified_before))
    with counsellor.expect_navigation():
        counsellor.locator("main a[href='/kompetanse/studiepoeng/ny/']").first.click()
    assert counsellor.url == f"{site}/kompetanse/studiepoeng/ny/"
    assert_accessible(counsellor, "the empty credit form")

    # First attempt: 61 studiepoeng is refused at the field and in the error summary -----------
    form = counsellor.locator("main form.stack-form")
    form.locator("input[name=title]").fill(TITLE)
    form.locator("input[name=institution]").fill(INSTITUTION)
    form.locator("input[name=credits]").fill("61")
    form.locator("input[name=completed_on]").fill(COMPLETED)
    form.locator(f"input[name=areas][value='{area.pk}']").check()
    form.locator("input[name=evidence]").set_input_files(evidence)
    submit(counsellor, form)

    too_many = nb("%(label)s must be more than 0 and at most %(max)s.") % {"label": nb("Studiepoeng"), "max": 60}
    summary = counsellor.locator(".ds-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.locator("a[href='#id_credits']")).to_contain_text(too_many)
    expect(counsellor.locator("#id_credits_error")).to_have_text(too_many)
    credits_input = counsellor.locator("#id_credits")
    expect(credits_input).to_have_attribute("aria-invalid", "true")
    assert "id_credits_error" in (credits_input.get_attribute("aria-describedby") or "").split()
    # What was typed is kept, so only the bad value needs changing (a file input cannot be refilled).
    expect(counsellor.locator("input[name=title]")).to_have_value(TITLE)
    expect(counsellor.locator(f"input[name=areas][value='{area.pk}']")).to_be_checked()
    assert not CreditEntry.objects.filter(owner=skole_user, title=TITLE).exists()
    assert_accessible(counsellor, "the credit form with 61 studiepoeng refused")

    # Second attempt: corrected, and logged as pending ----------------------------------------
    form = counsellor.locator("main form.stack-form")
    form.locator("input[name=credits]").fill(nb_number(CREDITS))  # "7,5", as a Norwegian types it
    form.locator("input[name=evidence]").set_input_files(evidence)
    submit(counsellor, form)

    entry = CreditEntry.objects.get(owner=skole_user, title=TITLE)
    assert counsellor.url == f"{site}/kompetanse/studiepoeng/{entry.pk}/"
    assert entry.credits == CREDITS and entry.status == CreditStatus.PENDING
    expect(counsellor.locator("main h1")).to_have_text(TITLE)
    expect(counsellor.locator("main .ds-tag").first).to_have_text(nb("Pending"))
    assert_accessible(counsellor, "the new credit entry")

    counsellor.goto("/kompetanse/")
    row = counsellor.locator("#credits-heading ~ * tr", has_text=TITLE)
    expect(row).to_contain_text(INSTITUTION)
    expect(row.locator(".ds-tag")).to_have_text(nb("Pending"))
    assert_accessible(counsellor, "/kompetanse/ with the entry pending")

    # godkjenner@ opens the queue, the entry and its evidence, and verifies it -----------------
    verifier_context = open_context("godkjenner")
    verifier = verifier_context.new_page()
    verifier.goto("/staff/godkjenning/")
    assert_accessible(verifier, "the verification queue")
    # Oldest first: the demo network keeps more entries waiting than one page holds, so the new
    # entry is found by paging on, as the verifier would.
    link = verifier.locator(f"main a[href='/staff/godkjenning/{entry.pk}/']")
    next_page = verifier.locator("main nav.ds-pagination li:last-child a[href*='page=']")
    while not link.count() and next_page.count():
        with verifier.expect_navigation():
            next_page.click()
        assert_accessible(verifier, f"the verification queue at {verifier.url}")
    expect(link).to_have_text(TITLE)
    with verifier.expect_navigation():
        link.click()
    expect(verifier.locator("main h1")).to_have_text(TITLE)
    assert_accessible(verifier, "the verification page")

    evidence_link = verifier.locator(f"main a[href='/dokumentasjon/studiepoeng/{entry.pk}/']")
    expect(evidence_link).to_be_visible()
    # Chromium's headless PDF viewer shows nothing to check, so fetch what the link opens.
    response = verifier_context.request.get(evidence_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.body() == evidence.read_bytes()

    verify_form = verifier.locator("main form:has(button[name=action][value=verify])")
    verify_form.locator("textarea[name='verify-note'], input[name='verify-note']").fill("Kursbeviset er i orden.")
    with verifier.expect_navigation():
        verify_form.locator("button[name=action][value=verify]").click()
    assert verifier.url == f"{site}/staff/godkjenning/"
    expect(verifier.locator(".messages")).to_contain_text(nb("The entry is verified. The counsellor has been told."))
    expect(verifier.locator(f"main a[href='/staff/godkjenning/{entry.pk}/']")).to_have_count(0)
    assert_accessible(verifier, "the verification queue after verifying")
    entry.refresh_from_db()
    assert entry.status == CreditStatus.VERIFIED

    # skole@ sees the new status and a notice -------------------------------------------------
    counsellor.goto("/kompetanse/")
    row = counsellor.locator("#credits-heading ~ * tr", has_text=TITLE)
    expect(row.locator(".ds-tag")).to_have_text(nb("Verified"))
    expect(credits_label).to_contain_text(nb_number(verified_before + CREDITS))
    assert status_for(skole_user).verified_credits == verified_before + CREDITS
    assert_accessible(counsellor, "/kompetanse/ with the entry verified")

    counsellor.goto("/notifications/")
    expect(counsellor.locator("main .notice--unread", has_text=TITLE)).to_have_count(1)
    assert_accessible(counsellor, "skole@'s notices")

    # skole@ issues a competence statement and reads its code ---------------------------------
    counsellor.goto("/kompetanse/erklaeringer/")
    assert_accessible(counsellor, "the statements page")
    submit(counsellor, counsellor.locator("main form.stack-form"))
    statement = skole_user.statements.get()
    assert counsellor.url == f"{site}/kompetanse/erklaeringer/{statement.pk}/"
    code = counsellor.locator("main dd.code").inner_text().strip()
    assert code == format_code(statement.code)
    expect(counsellor.locator("#snapshot-entries-heading ~ table")).to_contain_text(TITLE)
    assert_accessible(counsellor, "the new statement")

    # An anonymous visitor checks the code, then a wrong one ----------------------------------
    hr = open_context().new_page()
    hr.goto("/verify/")
    assert_accessible(hr, "/verify/")
    hr.locator("main input[name=code]").fill(code.lower())  # as typed by hand: case does not matter
    submit(hr, hr.locator("main form.verify-form"))
    expect(hr.locator("#holder-heading")).to_have_text(skole_user.full_name)
    expect(hr.locator("main .ds-alert[data-color=success]")).to_contain_text(nb("Valid."))
    expect(hr.locator("#entries-heading ~ * table")).to_contain_text(TITLE)
    assert_accessible(hr, "/verify/ with a valid code")

    hr.locator("main input[name=code]").fill(UNKNOWN_CODE)
    submit(hr, hr.locator("main form.verify-form"))
    expect(hr.locator("main .ds-alert[data-color=danger]")).to_contain_text(nb("Unknown code"))
    expect(hr.locator("#holder-heading")).to_have_count(0)
    expect(hr.locator("main")).not_to_contain_text(skole_user.full_name)
    assert_accessible(hr, "/verify/ with an unknown code")

    # skole@ sees that the statement was checked once -----------------------------------------
    counsellor.goto("/kompetanse/erklaeringer/")
    statement_link = counsellor.locator(f"a[href='/kompetanse/erklaeringer/{statement.pk}/']")
    checked = counsellor.locator("main tr", has=statement_link)
    expect(checked).not_to_contain_text(nb("Not checked yet"))
    assert_accessible(counsellor, "the statements page after the check")
    counsellor.goto(f"/kompetanse/erklaeringer/{statement.pk}/")
    lookups = counsellor.locator("#lookups-heading ~ ul li")
    expect(lookups).to_have_count(1)
    expect(lookups).to_contain_text(nb("Valid"))
    assert_accessible(counsellor, "the statement with its lookup")
