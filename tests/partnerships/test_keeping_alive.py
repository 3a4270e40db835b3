"""Keeping agreements alive: the daily job moves them to expiring, expired or renewed, and tells the centre's
admins of deadlines and obligations falling due, once each, in the reader's language."""

import datetime
import logging

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from core.schedule import periodic_jobs
from notifications.models import Notice
from partnerships import services, tasks
from partnerships.models import AgreementStatus, Frequency, Renewal, add_months
from register.models import Role
from tests import personas
from tests.factories import CentreFactory
from tests.partnerships.conftest import make_agreement, nav_rows

pytestmark = pytest.mark.django_db

TITLE = "Samarbeidsavtale med NAV Grünerløkka"


def days(n):
    return datetime.timedelta(days=n)


def english(day):
    with translation.override("en"):
        return date_format(day, "DATE_FORMAT")


def titles(user, kind="partnerships.deadline"):
    with translation.override("en"):
        return [notice.title for notice in Notice.objects.filter(recipient=user, kind=kind).order_by("pk")]


def test_the_admins_hear_90_and_30_days_before_the_notice_deadline_and_the_end_once_each(
    centre, centre_admin, verifier, organiser, school_counsellor, other_admin
):
    today = timezone.localdate()
    agreement = make_agreement(centre_admin, centre, days_left=200)  # three months' notice
    end, notice_deadline = agreement.end_date, agreement.notice_deadline
    told_on = {}

    for day in range(202):
        on = today + days(day)
        if services.reminders_send(today=on):
            told_on[on] = titles(centre_admin)[-1]

    notice_title = f"Notice deadline {english(notice_deadline)} for the agreement “{TITLE}”"
    end_title = f"The agreement “{TITLE}” ends on {english(end)}"
    assert told_on == {
        notice_deadline - days(90): notice_title,
        notice_deadline - days(30): notice_title,
        end - days(90): end_title,
        end - days(30): end_title,
    }
    assert len(titles(centre_admin)) == 4
    for someone_else in (verifier, organiser, school_counsellor, other_admin):
        assert titles(someone_else) == []


def test_a_late_run_sends_only_the_nearest_reminder_and_never_the_one_it_missed(centre, centre_admin):
    today = timezone.localdate()
    agreement = make_agreement(centre_admin, centre, days_left=20, data={"notice_months": 0})

    assert services.reminders_send(today=today) == 1
    assert services.reminders_send(today=today) == 0
    assert services.reminders_send(today=today + days(10)) == 0

    assert titles(centre_admin) == [f"The agreement “{TITLE}” ends on {english(agreement.end_date)}"]
    notice = Notice.objects.get(recipient=centre_admin, kind="partnerships.deadline")
    assert notice.link == reverse("partnerships:detail", kwargs={"pk": agreement.pk})


def test_a_reminder_with_no_admin_to_tell_waits_for_the_centres_first_admin(centre, centre_admin, national_admin):
    from register import services as register_services

    today = timezone.localdate()
    make_agreement(centre_admin, centre, days_left=20, data={"notice_months": 0})
    register_services.membership_revoke(membership=centre_admin.memberships.get(role=Role.ADMIN), actor=national_admin)
    assert services.reminders_send(today=today) == 0
    newcomer = personas.centre_staff(centre, Role.ADMIN, email="ny-leder@example.org")
    assert services.reminders_send(today=today + days(1)) == 1
    assert len(titles(newcomer)) == 1


def test_a_county_wide_agreement_tells_the_admins_of_every_centre_in_the_county_and_no_one_else(
    centre, centre_admin, verifier, other_admin, national_admin
):
    second_centre = CentreFactory(name="Karriere Oslo Furuset", county=centre.county)
    second_admin = personas.centre_staff(second_centre, Role.ADMIN, email="leder-furuset@example.org")
    today = timezone.localdate()
    services.agreement_create(
        actor=national_admin,
        centre=None,
        county=centre.county,
        status=AgreementStatus.ACTIVE,
        data={
            "title": "Fylkesavtale med NAV Oslo",
            "purpose": "Felles tilbud til arbeidssøkere i hele fylket.",
            "start_date": today - days(300),
            "end_date": today + days(30),
            "notice_months": 0,
        },
        **{**nav_rows(), "obligations": []},
    )

    services.reminders_send(today=today)
    services.reminders_send(today=today + days(1))

    expected = [f"The agreement “Fylkesavtale med NAV Oslo” ends on {english(today + days(30))}"]
    assert titles(centre_admin) == titles(second_admin) == expected
    for someone_else in (verifier, other_admin, national_admin):
        assert titles(someone_else) == []


def test_an_agreement_past_its_end_without_automatic_renewal_becomes_expired(centre, centre_admin):
    today = timezone.localdate()
    agreement = make_agreement(centre_admin, centre, days_left=120)
    end = agreement.end_date

    services.agreements_refresh(today=end - days(91))
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ACTIVE

    services.agreements_refresh(today=end - days(90))
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.EXPIRING

    services.agreements_refresh(today=end)  # its last day: still in force
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.EXPIRING

    assert services.agreements_refresh(today=end + days(1)) == 1
    assert services.agreements_refresh(today=end + days(2)) == 0
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.EXPIRED
    assert agreement.end_date == end
    latest = agreement.changes.first()
    assert latest.actor is None
    assert latest.details == [{"field": "status", "old": "expiring", "new": "expired"}]
    # An expired agreement is reminded of nothing more and its obligations fall due no more.
    assert services.reminders_send(today=end + days(1)) == 0
    assert services.obligations_due_send(today=today + days(400)) == 0


def test_an_automatic_agreement_renews_for_a_year_and_says_so_in_its_history(centre, centre_admin):
    agreement = make_agreement(centre_admin, centre, days_left=30, data={"renewal": Renewal.AUTOMATIC})
    end = agreement.end_date

    assert services.agreements_refresh(today=end) == 0
    assert services.agreements_refresh(today=end + days(1)) == 1

    agreement.refresh_from_db()
    assert agreement.end_date == add_months(end, 12)
    assert agreement.status == AgreementStatus.ACTIVE
    renewal = agreement.changes.first()
    assert renewal.action == "renewed" and renewal.actor is None
    assert renewal.details == [
        {"field": "end_date", "old": end.isoformat(), "new": add_months(end, 12).isoformat()},
        {"field": "status", "old": "expiring", "new": "active"},
    ]
    # The renewed year has reminders of its own.
    assert services.reminders_send(today=add_months(end, 12) - days(30)) == 1


def test_an_automatic_agreement_the_job_missed_for_years_renews_past_today(centre, centre_admin):
    agreement = make_agreement(centre_admin, centre, days_left=10, data={"renewal": Renewal.AUTOMATIC})
    end = agreement.end_date

    services.agreements_refresh(today=end + days(800))

    agreement.refresh_from_db()
    assert agreement.end_date == add_months(end, 36)
    assert agreement.status == AgreementStatus.ACTIVE


def test_an_obligation_due_is_told_once_per_due_date(centre, centre_admin, verifier):
    today = timezone.localdate()
    agreement = make_agreement(centre_admin, centre)
    training = agreement.obligations.get(frequency=Frequency.QUARTERLY)  # due in 20 days
    hours = agreement.obligations.get(frequency=Frequency.YEARLY)  # due in 60 days

    assert services.obligations_due_send(today=today + days(19)) == 0
    assert services.obligations_due_send(today=today + days(20)) == 1
    assert services.obligations_due_send(today=today + days(21)) == 0
    assert services.obligations_due_send(today=today + days(60)) == 1
    assert titles(centre_admin, "partnerships.obligation") == [
        f"An obligation is due: {training.description}",
        f"An obligation is due: {hours.description}",
    ]
    assert titles(verifier, "partnerships.obligation") == []

    # Met, the quarterly training is next due a quarter on, and is told again then.
    services.obligation_mark_met(obligation=training, actor=centre_admin, on=today + days(25))
    training.refresh_from_db()
    assert training.due_date == add_months(today + days(20), 3)
    assert services.obligations_due_send(today=training.due_date - days(1)) == 0
    assert services.obligations_due_send(today=training.due_date) == 1


def test_a_one_off_obligation_met_is_never_due_again(centre, centre_admin):
    today = timezone.localdate()
    rows = nav_rows()
    rows["obligations"] = [{**rows["obligations"][0], "frequency": Frequency.ONCE, "due_date": today}]
    agreement = make_agreement(centre_admin, centre, **rows)
    services.obligation_mark_met(obligation=agreement.obligations.get(), actor=centre_admin, on=today)

    assert services.obligations_due_send(today=today + days(30)) == 0


@time_machine.travel(datetime.datetime(2026, 11, 3, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_the_notices_read_in_the_readers_language(client, centre, centre_admin):
    make_agreement(
        centre_admin,
        centre,
        data={"start_date": datetime.date(2025, 12, 4), "end_date": datetime.date(2026, 12, 3), "notice_months": 0},
    )
    services.reminders_send()
    services.obligations_due_send(today=datetime.date(2026, 11, 23))
    client.force_login(centre_admin)

    def page(language):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return client.get(reverse("notifications:list")).content.decode()

    english = page("en")
    assert f"The agreement “{TITLE}” ends on 3 December 2026" in english
    assert "Decide whether to renew it, and record the decision, before it expires." in english
    assert "An obligation is due: The centre trains NAV&#x27;s counsellors" in english
    assert f"Under the agreement “{TITLE}”, due 23 November 2026." in english
    bokmal = page("nb")
    # Dates in the reader's language; the agreement's and the obligation's own words as written.
    assert "3. desember 2026" in bokmal and "3 December 2026" not in bokmal
    assert "23. november 2026" in bokmal
    assert TITLE in bokmal and "The centre trains NAV&#x27;s counsellors" in bokmal


def test_only_centre_and_national_admins_have_the_agreement_notices_in_their_settings(
    client, centre_admin, national_admin, organiser, school_counsellor
):
    labels = ("Agreements about to end or to pass their notice deadline", "Obligations under an agreement falling due")
    for person, sees in ((centre_admin, True), (national_admin, True), (organiser, False), (school_counsellor, False)):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        client.force_login(person)
        page = client.get(reverse("notifications:settings")).content.decode()
        assert all((label in page) is sees for label in labels), person.email


def test_the_daily_job_is_scheduled():
    jobs = {job.name: job.cron for job in periodic_jobs()}

    assert jobs["partnerships.tasks.keep_agreements_alive"] == {"hour": 6, "minute": 45}


def test_the_daily_job_refreshes_reminds_and_tells_of_obligations(centre, centre_admin):
    today = timezone.localdate()
    make_agreement(centre_admin, centre, days_left=100, data={"start_date": today - days(400)})
    with time_machine.travel(today + days(20), tick=False):
        done = tasks.keep_agreements_alive.call()

    # 80 days left: expiring, the end's 90-day reminder, and the quarterly obligation due in 20 days.
    assert done == {"agreements_changed": 1, "deadline_notices": 1, "obligation_notices": 1}


def test_a_step_that_fails_is_logged_and_the_others_still_run(centre, centre_admin, monkeypatch, caplog):
    make_agreement(centre_admin, centre, days_left=20, data={"notice_months": 0})

    def broken(**kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(services, "agreements_refresh", broken)
    with caplog.at_level(logging.ERROR, logger="partnerships.tasks"):
        done = tasks.keep_agreements_alive.call()

    assert done == {"agreements_changed": None, "deadline_notices": 1, "obligation_notices": 0}
    assert "agreements_changed failed" in caplog.text
