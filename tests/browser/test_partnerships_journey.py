"""A partnership agreement kept alive, in Chromium with an axe check on every page visited.

``leder@`` records an agreement with a NAV office: two obligations and a signed PDF. The page flags a required
guideline clause as missing; leder@ says where the agreement meets it, and records a yearly review. With the
clock 30 days before the end, the daily task tells leder@. ``nasjonal@`` finds the agreement in the national
overview, and ``skole@``, at a school with an agreement, sees its purpose and contacts on the home-centre page,
never its amounts.
"""

import datetime

import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from partnerships import services
from partnerships.models import Agreement
from register.demo.competence import demo_pdf
from tests.browser.conftest import assert_accessible

TITLE = "Samarbeidsavtale med NAV Sagene (reise)"


def submit(page, form, button="button[type=submit]"):
    with page.expect_navigation():
        form.locator(button).first.click()


def test_an_agreement_is_recorded_checked_reviewed_and_kept_alive(site, open_context, tmp_path):
    signed = tmp_path / "signert-avtale.pdf"
    signed.write_bytes(demo_pdf(TITLE))
    today = timezone.localdate()
    end = today + datetime.timedelta(days=400)

    # leder@ records the agreement with two obligations and the signed PDF ----------------------------------
    leader = open_context("leder").new_page()
    leader.goto("/partnerskap/ny/")
    assert_accessible(leader, "the new agreement form")
    form = leader.locator("main form.stack-form")
    form.locator("input[name=title]").fill(TITLE)
    form.locator("select[name=owner]").select_option(label="Karriere Oslo")
    form.locator("textarea[name=purpose]").fill("Felles veiledning for unge arbeidssøkere i bydel Sagene.")
    form.locator("input[name=start_date]").fill(today.isoformat())
    form.locator("input[name=end_date]").fill(end.isoformat())
    form.locator("select[name=status]").select_option("active")
    form.locator("input[name=document]").set_input_files(signed)
    form.locator("input[name='parties-0-name']").fill("NAV Sagene")
    form.locator("select[name='parties-0-partner_type']").select_option("nav_office")
    form.locator("input[name='parties-0-organisation_number']").fill("889 640 782")
    for index, (side, text, unit, amount, frequency) in enumerate(
        [
            ("partner", "NAV setter av veiledertimer til felles veiledning", "hours", "200", "yearly"),
            ("centre", "Senteret holder kurs for NAVs veiledere", "nok", "50 000", "quarterly"),
        ]
    ):
        form.locator(f"select[name='obligations-{index}-side']").select_option(side)
        form.locator(f"input[name='obligations-{index}-description']").fill(text)
        form.locator(f"select[name='obligations-{index}-unit']").select_option(unit)
        form.locator(f"input[name='obligations-{index}-amount']").fill(amount)
        form.locator(f"select[name='obligations-{index}-frequency']").select_option(frequency)
    submit(leader, form)
    agreement = Agreement.objects.get(title=TITLE)
    assert agreement.document_type == "application/pdf"
    assert agreement.obligations.count() == 2
    expect(leader.locator("h1")).to_have_text(TITLE)
    expect(leader.locator("#obligations")).to_contain_text("50\u00a0000")
    assert_accessible(leader, "the agreement's page")

    # a required clause is flagged as missing; leder@ says where the agreement meets it --------------------
    missing = leader.locator("#guidelines .ds-alert li").first
    clause_title = missing.locator("strong").inner_text()
    missing.locator("input[name=note]").fill("Punkt 4")
    submit(leader, missing)
    expect(leader.locator("#guidelines .ds-alert")).not_to_contain_text(clause_title)
    expect(leader.locator("#guidelines")).to_contain_text(f"{clause_title}: Punkt 4")
    assert agreement.fulfilments.filter(clause__title=clause_title, note="Punkt 4").exists()

    # the yearly review ----------------------------------------------------------------------------------
    leader.locator("main a", has_text="årlig gjennomgang").first.click()
    leader.wait_for_load_state()
    assert_accessible(leader, "the yearly review form")
    review = leader.locator("main form.stack-form")
    review.locator("input[name=held_on]").fill(today.isoformat())
    review.locator("textarea[name=participants]").fill("Lars Leder (Karriere Oslo), Per Persen (NAV Sagene)")
    for obligation in agreement.obligations.all():
        review.locator(f"input[name='delivery-{obligation.pk}'][value=met]").check()
    submit(leader, review)
    expect(leader.locator("#reviews article")).to_have_count(1)
    expect(leader.locator("#reviews")).to_contain_text("Per Persen")

    # 30 days before the end, the daily task tells leder@ ---------------------------------------------------
    later = datetime.datetime.combine(end - datetime.timedelta(days=30), datetime.time(8))
    with time_machine.travel(timezone.make_aware(later), tick=True):
        services.agreements_refresh()
        services.reminders_send()
        # A new sign-in: the session from a year ago has run out.
        notices = open_context("leder").new_page()
        notices.goto("/notifications/")
        expect(notices.locator("main")).to_contain_text(f"«{TITLE}» slutter")
        assert_accessible(notices, "leder@'s notices 30 days before the end")

    # nasjonal@ sees it in the national overview ---------------------------------------------------------
    national = open_context("nasjonal").new_page()
    national.goto("/partnerskap/oversikt/")
    assert_accessible(national, "the national overview of agreements")
    expect(national.locator("main")).to_contain_text("Oslo")
    national.goto(f"/partnerskap/oversikt/liste/?county={agreement.county.number}")
    expect(national.locator("main")).to_contain_text(TITLE)
    assert_accessible(national, "the filtered list of agreements")

    # skole@, at a school with an agreement, sees its contacts and not its amounts ---------------------------
    school = open_context("skole").new_page()
    school.goto("/hjemmesenter/")
    shown = Agreement.objects.in_force().filter(parties__name__iexact="Demo videregående skole").first()
    assert shown is not None
    section = school.locator("main")
    expect(section).to_contain_text(shown.title)
    for contact in shown.contacts.all():
        expect(section).to_contain_text(contact.name)
    for obligation in shown.obligations.all():
        expect(section).not_to_contain_text(obligation.description)
    assert_accessible(school, "skole@'s home-centre page")
