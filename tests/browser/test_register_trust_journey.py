"""A register HR can trust, in Chromium with an axe check on every page visited.

``skole@`` logs 7,5 studiepoeng; ``godkjenner@`` asks for more information; ``skole@`` answers with a new
PDF; ``godkjenner@`` verifies. The quarterly evidence audit draws ``nav@``'s self-declared hours; ``nav@``
sends evidence and a verifier at nav@'s centre confirms it. ``skole@`` issues a statement and downloads
its PDF; ``hr@`` opens the link in its QR code and sees which centre verified each course; ``skole@`` sees
that hr@ checked it. With the clock a year on, a counsellor whose hours have left the window shows as
lapsed since the day they left it, on the centre's network page.
"""

import datetime
from decimal import Decimal

import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from register import services
from register.demo.competence import demo_pdf
from register.models import AuditItem, AuditOutcome, CompetenceArea, CreditEntry, CreditStatus, Membership, Role
from register.services.statements import format_code
from register.status import status_for
from tests.browser.conftest import assert_accessible, demo_email

TITLE = "Karriereveiledning for voksne (tillitsreise)"


def submit(page, form, button="button[type=submit]"):
    with page.expect_navigation():
        form.locator(button).click()


def user(local):
    return get_user_model().objects.get(email=demo_email(local))


def test_a_register_hr_can_trust_from_7_5_studiepoeng_to_a_checked_statement(site, open_context, tmp_path):
    skole, nav, hr_user = user("skole"), user("nav"), user("hr")
    first_pdf, second_pdf, audit_pdf = tmp_path / "forste.pdf", tmp_path / "andre.pdf", tmp_path / "bevis.pdf"
    first_pdf.write_bytes(demo_pdf(TITLE))
    second_pdf.write_bytes(demo_pdf(f"{TITLE}, vitnemål"))
    audit_pdf.write_bytes(demo_pdf("Fagdag, kursbevis"))
    area = CompetenceArea.objects.get(number=1)

    # skole@ types 7,5 studiepoeng and sees 7,5 stored ---------------------------------------------
    counsellor = open_context("skole").new_page()
    counsellor.goto("/kompetanse/studiepoeng/ny/")
    form = counsellor.locator("main form.stack-form")
    form.locator("input[name=title]").fill(TITLE)
    form.locator("input[name=institution]").fill("OsloMet")
    form.locator("input[name=credits]").fill("7,5")
    form.locator("input[name=completed_on]").fill("2025-06-20")
    form.locator(f"input[name=areas][value='{area.pk}']").check()
    form.locator("input[name=evidence]").set_input_files(first_pdf)
    submit(counsellor, form)
    entry = CreditEntry.objects.get(owner=skole, title=TITLE)
    assert entry.credits == Decimal("7.5")
    expect(counsellor.locator("main dl")).to_contain_text("7,5")
    assert_accessible(counsellor, "the new entry with 7,5 studiepoeng")

    # godkjenner@ asks for more information --------------------------------------------------------
    verifier = open_context("godkjenner").new_page()
    verifier.goto(f"/staff/godkjenning/{entry.pk}/")
    assert_accessible(verifier, "the verification page")
    info = verifier.locator("main form:has(button[value=needs_info])")
    info.locator("textarea[name='info-message']").fill("Send vitnemålet, ikke bare påmeldingen.")
    submit(verifier, info, "button[value=needs_info]")
    entry.refresh_from_db()
    assert entry.status == CreditStatus.NEEDS_INFO

    # skole@ answers with a new PDF ----------------------------------------------------------------
    counsellor.goto(f"/kompetanse/studiepoeng/{entry.pk}/")
    expect(counsellor.locator("main .ds-alert")).to_contain_text("Send vitnemålet")
    assert_accessible(counsellor, "the entry that needs more information")
    counsellor.goto(f"/kompetanse/studiepoeng/{entry.pk}/send-igjen/")
    assert_accessible(counsellor, "the resubmit form")
    form = counsellor.locator("main form.stack-form")
    form.locator("textarea[name=message]").fill("Her er vitnemålet.")
    form.locator("input[name=evidence]").set_input_files(second_pdf)
    submit(counsellor, form)
    entry.refresh_from_db()
    assert entry.status == CreditStatus.PENDING
    assert entry.evidence.read() == second_pdf.read_bytes()

    # godkjenner@ verifies ---------------------------------------------------------------------------
    verifier.goto(f"/staff/godkjenning/{entry.pk}/")
    verify = verifier.locator("main form:has(button[value=verify])")
    submit(verifier, verify, "button[value=verify]")
    entry.refresh_from_db()
    assert entry.status == CreditStatus.VERIFIED

    # The quarterly audit draws nav@'s self-declared hours; nav@ sends evidence; a verifier confirms ---
    activity = services.cpd_create(
        owner=nav, title="Fagdag om karrierelæring", date=timezone.localdate(), hours="6,5", kind="course"
    )
    nav_centre = nav.counsellor_profile.home_centre
    round_ = services.audit_draw(centre=nav_centre, share="1")  # as the scheduler does, without an actor
    item = AuditItem.objects.get(round=round_, activity=activity)
    nav_page = open_context("nav").new_page()
    nav_page.goto("/kompetanse/")
    with nav_page.expect_navigation():
        nav_page.locator(f"main a[href='/kompetanse/revisjon/{item.pk}/']").click()
    assert_accessible(nav_page, "nav@'s audit page")
    form = nav_page.locator("main form.stack-form")
    form.locator("input[name=evidence]").set_input_files(audit_pdf)
    submit(nav_page, form)
    item.refresh_from_db()
    assert item.outcome == AuditOutcome.SUBMITTED

    nav_verifier = Membership.objects.filter(centre=nav_centre, role=Role.VERIFIER).first().user
    auditor = open_context(nav_verifier.email.split("@")[0]).new_page()
    auditor.goto(f"/staff/sentre/{nav_centre.slug}/revisjon/{round_.pk}/")
    assert_accessible(auditor, "the audit round")
    auditor.goto(f"/staff/revisjon/{item.pk}/")
    assert_accessible(auditor, "the audit decision page")
    form = auditor.locator("main form.stack-form")
    form.locator("input[name=decision][value=confirmed]").check()
    submit(auditor, form)
    item.refresh_from_db()
    activity.refresh_from_db()
    assert (item.outcome, activity.evidence_level) == (AuditOutcome.CONFIRMED, "evidenced")

    # skole@ issues a statement and downloads its PDF -----------------------------------------------------
    counsellor.goto("/kompetanse/erklaeringer/")
    submit(counsellor, counsellor.locator("main form.stack-form"))
    statement = skole.statements.get()
    assert_accessible(counsellor, "the new statement")
    with counsellor.expect_download() as download:
        counsellor.locator(f"main a[href='/kompetanse/erklaeringer/{statement.pk}/pdf/']").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    assert format_code(statement.code).encode() in pdf and b"Karriereveiledning for voksne" in pdf
    verify_url = counsellor.locator("main .share-code a.link-break").get_attribute("href")

    # hr@ opens the QR link and sees the centre that verified each course ---------------------------------
    hr = open_context("hr").new_page()
    hr.goto(verify_url)
    row = hr.locator("#entries-heading ~ * tr", has_text=TITLE)
    expect(row).to_contain_text(skole.counsellor_profile.home_centre.name)
    assert_accessible(hr, "the verify page opened from the link")

    # skole@ sees that hr@ checked it ----------------------------------------------------------------------
    counsellor.goto(f"/kompetanse/erklaeringer/{statement.pk}/")
    expect(counsellor.locator("#lookups-heading ~ ul")).to_contain_text(hr_user.full_name)

    # A year on, a counsellor whose hours have left the window shows as lapsed since that day -------------
    senter = user("senter")
    centre = senter.counsellor_profile.home_centre
    later = datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=400), datetime.time(12))
    with time_machine.travel(timezone.make_aware(later), tick=True):
        lapsed = status_for(senter)
        assert lapsed.standing == "lapsed"
        leader = open_context("godkjenner").new_page()
        leader.goto(f"/staff/sentre/{centre.slug}/nettverk/?standing=lapsed")
        with translation.override("nb"):
            label = translation.gettext("Lapsed since %(date)s") % {
                "date": date_format(lapsed.standing_date, "DATE_FORMAT")
            }
        expect(leader.locator("main tr", has_text=senter.full_name)).to_contain_text(label)
        assert_accessible(leader, "the network filtered to lapsed counsellors")
