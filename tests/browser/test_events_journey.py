"""An event's whole journey in Chromium, with an axe check on every page visited.

``kurs@`` publishes a course with 2 places and 3 CPD hours; ``skole@`` and ``senter@`` register and
``nav@`` lands on the waiting list; ``senter@`` cancels, so ``nav@`` moves up and is told; after
the course ``kurs@`` marks ``skole@`` and ``nav@`` as attended; ``skole@``'s status shows the hours,
the certificate's code verifies on /verify/, and ``skole@``'s personal calendar feed has the course.

Selectors are field names, ids and form addresses; visible wording is only checked where the
message itself is the point, against Django's bokmål translation.
"""

from datetime import timedelta
from decimal import Decimal

import icalendar
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from playwright.sync_api import expect

from core.numbers import format_amount
from events.models import Event, EventStatus, Registration, RegistrationStatus
from register.models import CompetenceArea
from register.status import status_for
from tests.browser.conftest import assert_accessible, demo_email

TITLE = "Karrierelæring for rådgivere (nettlesertest)"
LOCAL_INPUT = "%Y-%m-%dT%H:%M"


def nb(message):
    with translation.override("nb"):
        return translation.gettext(message)


def nb_number(value):
    """A number as the site writes credits and hours in bokmål: "7,5", "30" (core.numbers)."""
    with translation.override("nb"):
        return format_amount(value)


def submit(page, form, button="button[type=submit]"):
    with page.expect_navigation():
        form.locator(button).click()


def demo_user(local):
    return get_user_model().objects.get(email=demo_email(local))


def register_for(page, event, *, who):
    page.goto(f"/arrangementer/{event.pk}/")
    assert_accessible(page, f"the course page before {who} registers")
    submit(page, page.locator(f"form[action='/arrangementer/{event.pk}/meld-pa/']"))
    assert_accessible(page, f"the course page after {who} registered")


def test_a_course_from_publishing_to_certificate_and_calendar(site, open_context):
    skole_cpd_before = status_for(demo_user("skole")).cpd_hours
    area = CompetenceArea.objects.get(number=1)

    # kurs@ creates the course as a draft and publishes it ---------------------------------------
    organiser = open_context("kurs").new_page()
    organiser.goto("/arrangementer/staff/")
    assert_accessible(organiser, "the organiser's event list")
    organiser.goto("/arrangementer/staff/ny/")
    assert_accessible(organiser, "the empty event form")
    starts = timezone.localtime() + timedelta(days=3)
    form = organiser.locator("main form.stack-form")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=description]").fill("Vi arbeider med **karrierelæring** i praksis.")
    form.locator("[name=kind]").select_option("course")
    form.locator("[name=address]").fill("Storgata 1, 0155 Oslo")
    form.locator("[name=starts_at]").fill(starts.strftime(LOCAL_INPUT))
    form.locator("[name=ends_at]").fill((starts - timedelta(hours=1)).strftime(LOCAL_INPUT))  # wrong first
    form.locator("[name=capacity]").fill("2")
    form.locator("[name=cpd_hours]").fill("3")
    form.locator(f"[name=areas][value='{area.pk}']").check()
    submit(organiser, form)
    organiser.locator(".ds-error-summary").wait_for()
    expect(organiser.locator("main")).to_contain_text(nb("The end must be after the start."))
    assert_accessible(organiser, "the event form with an error")
    assert not Event.objects.filter(title=TITLE).exists()

    form.locator("[name=ends_at]").fill((starts + timedelta(hours=3)).strftime(LOCAL_INPUT))
    submit(organiser, form)
    event = Event.objects.get(title=TITLE)
    assert event.status == EventStatus.DRAFT and event.capacity == 2 and event.cpd_hours == Decimal("3.0")
    assert organiser.url == f"{site}/arrangementer/staff/{event.pk}/"
    assert_accessible(organiser, "the draft's organiser page")
    submit(organiser, organiser.locator(f"form[action='/arrangementer/staff/{event.pk}/publiser/']"))
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED

    # The course is listed publicly ---------------------------------------------------------------
    visitor = open_context().new_page()
    visitor.goto("/arrangementer/?kind=course&free_places=true")
    assert_accessible(visitor, "the public event list, filtered")
    expect(visitor.locator("main")).to_contain_text(TITLE)

    # skole@ and senter@ get the two places, nav@ lands on the waiting list -------------------------
    skole, senter, nav = (open_context(who).new_page() for who in ("skole", "senter", "nav"))
    register_for(skole, event, who="skole@")
    register_for(senter, event, who="senter@")
    register_for(nav, event, who="nav@")
    statuses = dict(Registration.objects.filter(event=event).values_list("user__email", "status"))
    assert statuses == {
        demo_email("skole"): RegistrationStatus.CONFIRMED,
        demo_email("senter"): RegistrationStatus.CONFIRMED,
        demo_email("nav"): RegistrationStatus.WAITING,
    }
    expect(nav.locator("#registration-heading + p")).to_contain_text("1")

    # senter@ gives up the place: nav@ moves up and is told -----------------------------------------
    submit(senter, senter.locator(f"form[action='/arrangementer/{event.pk}/meld-av/']"))
    assert_accessible(senter, "the course page after senter@ cancelled")
    assert Registration.objects.get(event=event, user=demo_user("nav")).status == RegistrationStatus.CONFIRMED
    nav.goto("/notifications/")
    assert_accessible(nav, "nav@'s notices")
    with translation.override("nb"):
        promoted = translation.gettext("You have a place: %(title)s") % {"title": TITLE}
    expect(nav.locator("main")).to_contain_text(promoted)
    nav.goto(f"/arrangementer/{event.pk}/")
    expect(nav.locator("#registration-heading + p")).to_contain_text(nb("You have a place."))

    # The course takes place (moved into the past here), and kurs@ marks attendance -----------------
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=4), ends_at=timezone.now() - timedelta(hours=1)
    )
    organiser.goto(f"/arrangementer/staff/{event.pk}/")
    assert_accessible(organiser, "the organiser page with the attendance form")
    attendance = organiser.locator(f"form[action='/arrangementer/staff/{event.pk}/oppmote/']")
    for who in ("skole", "nav"):
        registration = Registration.objects.get(event=event, user=demo_user(who))
        attendance.locator(f"#attended-{registration.pk}").check()
    submit(organiser, attendance)
    assert_accessible(organiser, "the organiser page after saving attendance")
    attended = set(Registration.objects.filter(event=event, attended=True).values_list("user__email", flat=True))
    assert attended == {demo_email("skole"), demo_email("nav")}

    # skole@'s status shows the 3 hours ------------------------------------------------------------
    skole.goto("/kompetanse/")
    assert_accessible(skole, "skole@'s competence page")
    expect(skole.locator("label[for=status-cpd]")).to_contain_text(nb_number(skole_cpd_before + Decimal("3")))

    # skole@ opens the certificate, and its code verifies on /verify/ --------------------------------
    skole.goto("/arrangementer/mine/")
    assert_accessible(skole, "skole@'s events")
    with skole.expect_navigation():
        skole.locator(f"main a[href='/arrangementer/{event.pk}/kursbevis/']").first.click()
    assert_accessible(skole, "the certificate of attendance")
    code = skole.locator("dd.code").inner_text().strip()
    assert len(code.replace("-", "")) == 16

    checker = open_context().new_page()
    checker.goto("/verify/")
    checker.locator("main form input[name=code]").fill(code)
    submit(checker, checker.locator("main form"))
    assert_accessible(checker, "/verify/ with the certificate's code")
    expect(checker.locator("main h1")).to_have_text(nb("Certificate of attendance"))
    expect(checker.locator("main")).to_contain_text(TITLE)
    expect(checker.locator("main")).to_contain_text(demo_user("skole").get_full_name())

    # skole@'s personal calendar feed contains the course -------------------------------------------
    skole.goto("/arrangementer/kalender/")
    assert_accessible(skole, "the calendar feeds page")
    feed_url = skole.locator("#personal-feed-url").input_value()
    feed = open_context().request.get(feed_url)
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(feed.body())
    summaries = {str(component.get("SUMMARY")) for component in calendar.walk("VEVENT")}
    assert TITLE in summaries
