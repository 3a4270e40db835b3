"""In the Django admin, national administrators correct FAQ entries, read the access log and set the promise clock's
opening hours and closure days; no questions there."""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape

from guidance import services
from guidance.clock import calendar
from guidance.models import ClosurePeriod, FaqEntry, ServiceHours

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(e_counsellor):
    return services.faq_publish(
        author=e_counsellor,
        title="Koster veiledning noe?",
        question="Må jeg betale for karriereveiledning hos dere?",
        answer="Nei.",
        topic="other",
    )


def test_a_national_admin_corrects_an_faq_entry_but_adds_none_by_hand(client, national_admin, entry):
    client.force_login(national_admin)

    response = client.post(
        reverse("admin:guidance_faqentry_change", args=[entry.pk]),
        {
            "title": "Koster karriereveiledning noe?",
            "topic": "other",
            "question": entry.question,
            "answer": "Nei, det er gratis.",
        },
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.answer) == ("Koster karriereveiledning noe?", "Nei, det er gratis.")
    assert client.get(reverse("admin:guidance_faqentry_add")).status_code == 403


def test_the_access_log_is_read_only_and_questions_are_not_in_the_admin(client, national_admin, question, e_counsellor):
    services.question_open(question=question, user=e_counsellor)
    client.force_login(national_admin)

    page = client.get(reverse("admin:guidance_accesslog_changelist"))

    assert page.status_code == 200 and escape(str(e_counsellor)) in page.content.decode()
    assert client.get(reverse("admin:guidance_accesslog_add")).status_code == 403
    with pytest.raises(NoReverseMatch):
        reverse("admin:guidance_question_changelist")


def test_counsellors_do_not_get_into_the_admin(client, e_counsellor, entry):
    client.force_login(e_counsellor)

    response = client.get(reverse("admin:guidance_faqentry_changelist"))

    assert response.status_code == 302 and "/login/" in response["Location"]
    assert FaqEntry.objects.get().title == "Koster veiledning noe?"


def test_a_national_admin_enters_closure_days_and_a_reversed_period_is_refused(client, national_admin):
    client.force_login(national_admin)
    add = reverse("admin:guidance_closureperiod_add")

    refused = client.post(add, {"name": "Romjul", "first_day": "2027-12-29", "last_day": "2027-12-27"})
    saved = client.post(add, {"name": "Romjul", "first_day": "2027-12-27", "last_day": "2027-12-29"})

    assert refused.status_code == 200 and "Siste dag kan ikke være før første dag." in refused.content.decode()
    assert saved.status_code == 302
    assert list(ClosurePeriod.objects.values_list("name", "first_day", "last_day")) == [
        ("Romjul", datetime.date(2027, 12, 27), datetime.date(2027, 12, 29))
    ]
    assert not calendar().is_open_day(datetime.date(2027, 12, 28))


def test_a_national_admin_changes_the_opening_hours(client, national_admin):
    hours = ServiceHours.objects.get(service="guidance")
    client.force_login(national_admin)
    days = dict.fromkeys(("monday", "tuesday", "wednesday", "thursday"), "on")

    response = client.post(
        reverse("admin:guidance_servicehours_change", args=[hours.pk]),
        {"service": "guidance", "opens": "09:00", "closes": "15:00", **days},
    )

    assert response.status_code == 302
    clock = calendar()
    assert (clock.opens, clock.closes, clock.weekdays) == (datetime.time(9), datetime.time(15), frozenset(range(4)))


def test_counsellors_cannot_change_the_clock(client, e_counsellor):
    client.force_login(e_counsellor)

    response = client.post(
        reverse("admin:guidance_closureperiod_add"),
        {"name": "Fri", "first_day": "2027-12-27", "last_day": "2027-12-29"},
    )

    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not ClosurePeriod.objects.exists()
