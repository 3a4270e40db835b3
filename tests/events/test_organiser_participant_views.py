"""The organiser pages for the people at an event: participants, the waiting list, attendance, CSV and
messages, and their query budgets.

Each page is tried by those who may (the centre's organiser and admin, a national administrator)
and by those who may not (another centre's organiser, a verifier, a counsellor, a visitor).
Pages are read in English, the source language, so the assertions say what a user reads.
"""

import csv
import io
from datetime import timedelta
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Event, EventMessage, Registration, RegistrationStatus
from notifications.models import Notice
from register.models import ActivitySource, CounsellorProfile, CPDActivity, WorkplaceType
from tests.events.conftest import make_event
from tests.events.organiser_support import OSLO, as_user, flashed, move_to_the_past, page, register_all
from tests.factories import county

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


# The event page: participants, waiting list, attendance


def test_the_event_page_lists_participants_waiting_list_and_cancelled(client, request, event, counsellors, plain_user):
    first, second, third = counsellors
    register_all(event, [*counsellors, plain_user])
    services.registration_cancel(registration=Registration.objects.get(event=event, user=first), actor=first)
    # third moved up to first's place; plain_user waits alone.

    response = as_user(client, request, "organiser").get(reverse("events:manage_detail", args=[event.pk]))
    text = page(response)

    assert response.context["confirmed"] == list(Registration.objects.filter(user__in=[second, third]))
    assert [r.user for r in response.context["waiting"]] == [plain_user]
    assert [r.user for r in response.context["cancelled"]] == [first]
    assert second.email in text and "Testby videregående skole" in text and "Karriere Oslo" in text
    assert reverse("events:promote", args=[event.pk, response.context["waiting"][0].pk]) in text
    assert "Attendance can be marked here when the event starts." in text
    assert 'name="attended"' not in text
    for action in ("edit", "duplicate", "cancel", "participants_csv", "message"):
        assert reverse(f"events:{action}", args=[event.pk]) in text
    assert reverse("events:detail", args=[event.pk]) in text
    assert reverse("events:publish", args=[event.pk]) not in text


def test_moving_someone_up_from_a_full_event_adds_a_place_and_says_so(client, request, event, counsellors):
    waiting = register_all(event, counsellors)[2]
    as_user(client, request, "organiser")

    response = client.post(reverse("events:promote", args=[event.pk, waiting.pk]))

    waiting.refresh_from_db()
    event.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert event.capacity == 3
    assert any("so it now has 3 places" in text for text in flashed(response))
    assert any(n.title.startswith("You have a place") for n in Notice.objects.filter(recipient=counsellors[2]))


def test_moving_up_someone_not_waiting_is_refused_and_a_registration_elsewhere_is_404(
    client, request, centre, event, counsellors
):
    confirmed = register_all(event, counsellors[:1])[0]
    other = make_event(centre, title="Annet kurs")
    as_user(client, request, "organiser")
    response = client.post(reverse("events:promote", args=[event.pk, confirmed.pk]))
    assert "Only someone on the waiting list can be moved up." in flashed(response)
    assert client.post(reverse("events:promote", args=[other.pk, confirmed.pk])).status_code == 404


def test_attendance_gives_cpd_hours_and_unticking_takes_them_away(client, request, event, counsellors):
    first, second, third = register_all(event, counsellors)
    move_to_the_past(event)
    as_user(client, request, "organiser")
    text = page(client.get(reverse("events:manage_detail", args=[event.pk])))
    assert f'name="attended" value="{first.pk}"' in text and "Save attendance" in text
    assert f'value="{third.pk}"' not in text.split("Waiting list")[0]  # only confirmed people get a checkbox

    response = client.post(reverse("events:attendance", args=[event.pk]), {"attended": [first.pk, second.pk]})

    assert response["Location"] == reverse("events:manage_detail", args=[event.pk])
    activity = CPDActivity.objects.get(owner=counsellors[0])
    assert (activity.source, activity.source_ref, activity.hours) == (
        ActivitySource.EVENT,
        f"event:{event.pk}",
        Decimal("3.0"),
    )
    assert CPDActivity.objects.filter(source=ActivitySource.EVENT).count() == 2
    ticked = page(client.get(reverse("events:manage_detail", args=[event.pk])))
    assert f'value="{first.pk}" id="attended-{first.pk}" checked' in ticked

    client.post(reverse("events:attendance", args=[event.pk]), {"attended": [second.pk]})

    assert not CPDActivity.objects.filter(owner=counsellors[0]).exists()
    assert CPDActivity.objects.filter(owner=counsellors[1], source=ActivitySource.EVENT).exists()
    assert list(Registration.objects.filter(event=event, attended=True)) == [second]


@pytest.mark.parametrize("attended", [["waiting"], ["x"]])
def test_attendance_for_someone_without_a_place_or_nonsense_changes_nothing(
    client, request, event, counsellors, attended
):
    first, second, third = register_all(event, counsellors)
    move_to_the_past(event)
    as_user(client, request, "organiser")
    values = [third.pk if value == "waiting" else value for value in attended]

    response = client.post(reverse("events:attendance", args=[event.pk]), {"attended": [first.pk, *values]})

    assert "Only people with a confirmed place can be marked as attended." in flashed(response)
    assert not Registration.objects.filter(event=event, attended=True).exists()
    assert not CPDActivity.objects.exists()


def test_attendance_before_the_event_starts_is_refused(client, request, event, counsellors):
    first = register_all(event, counsellors)[0]
    as_user(client, request, "organiser")
    response = client.post(reverse("events:attendance", args=[event.pk]), {"attended": [first.pk]})
    assert "Attendance can be marked once the event has started." in flashed(response)
    assert not CPDActivity.objects.exists()


# CSV export


def test_the_csv_opens_in_norwegian_excel_and_neutralises_formulas(client, request, event, counsellors):
    first, second, third = counsellors
    first.full_name = '=HYPERLINK("http://evil.example","Klikk")'
    first.save(update_fields=["full_name"])
    CounsellorProfile.objects.filter(user=second).update(workplace_name="@SUM(A1:A9)")
    register_all(event, counsellors)
    as_user(client, request, "organiser")

    response = client.get(reverse("events:participants_csv", args=[event.pk]))

    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "karrierelæring-i-skolen" in unquote(response["Content-Disposition"])
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Name", "E-mail", "Workplace", "Home centre", "Status", "Registered", "Attended"]
    assert len(rows) == 4
    by_email = {row[1]: row for row in rows[1:]}
    assert by_email[first.email][0] == '\'=HYPERLINK("http://evil.example","Klikk")'
    assert by_email[second.email][2] == "'@SUM(A1:A9)"
    assert by_email[third.email][3] == "Karriere Oslo"
    assert by_email[third.email][4] == "On the waiting list"
    registered = Registration.objects.get(event=event, user=third).registered_at
    assert by_email[third.email][5] == timezone.localtime(registered, OSLO).strftime("%Y-%m-%d %H:%M")
    assert by_email[first.email][6] == "No"


def test_the_csv_header_follows_the_users_language(client, request, event):
    as_user(client, request, "organiser")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    response = client.get(reverse("events:participants_csv", args=[event.pk]))
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("Navn;")


# Messages


def test_a_message_reaches_the_confirmed_participants_by_notice_and_email(
    client, request, event, counsellors, django_capture_on_commit_callbacks
):
    first, second, third = counsellors
    register_all(event, counsellors)
    as_user(client, request, "organiser")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:message", args=[event.pk]), {"subject": "Husk matpakke", "body": "Vi starter presis."}
        )

    assert response["Location"] == reverse("events:message", args=[event.pk])
    assert "The message is sent to 2 participants." in flashed(response)
    notices = Notice.objects.filter(kind="events.message")
    assert {notice.recipient for notice in notices} == {first, second}
    assert sorted(address for message in mail.outbox for address in message.to) == sorted([first.email, second.email])
    history = page(client.get(reverse("events:message", args=[event.pk])))
    assert "Husk matpakke" in history and "Vi starter presis." in history


def test_a_message_without_subject_or_recipients_is_refused(client, request, event, counsellors):
    as_user(client, request, "organiser")
    url = reverse("events:message", args=[event.pk])
    response = client.post(url, {"subject": "Hei", "body": "Ingen å sende til"})
    assert "Nobody has a confirmed place yet" in response.context["form"].non_field_errors()[0]

    register_all(event, counsellors[:1])
    response = client.post(url, {"subject": "   ", "body": "Tekst"})
    assert list(response.context["form"].errors) == ["subject"]
    assert not EventMessage.objects.exists()
    assert not Notice.objects.filter(kind="events.message").exists()


# Query budgets


def add_registrations(event, start, count):
    """``count`` people at ``event`` with a profile: most confirmed, some waiting, some cancelled."""
    users = get_user_model().objects.bulk_create(
        get_user_model()(email=f"mange{n}@example.org", full_name=f"Deltaker {n}", handle=f"mange{n}")
        for n in range(start, start + count)
    )
    CounsellorProfile.objects.bulk_create(
        CounsellorProfile(
            user=user,
            workplace_type=WorkplaceType.UPPER_SECONDARY,
            workplace_name="Skole",
            county=county("03"),
            home_centre=event.centre,
        )
        for user in users
    )
    statuses = [RegistrationStatus.CONFIRMED] * 8 + [RegistrationStatus.WAITING, RegistrationStatus.CANCELLED]
    Registration.objects.bulk_create(
        Registration(event=event, user=user, status=statuses[n % 10], attended=n % 3 == 0)
        for n, user in enumerate(users)
    )


def test_the_event_page_costs_the_same_for_10_and_1000_participants(
    client, request, centre, django_assert_max_num_queries
):
    event = make_event(centre, capacity=None, days_ahead=-1)
    as_user(client, request, "organiser")
    url = reverse("events:manage_detail", args=[event.pk])
    budget = 12
    client.get(url)  # the first request of a process also reads the main menu, which is then cached

    add_registrations(event, 0, 10)
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200
    add_registrations(event, 10, 990)
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert len(response.context["confirmed"]) == 800
    assert page(response).count('name="attended"') == 800


def test_the_list_and_the_csv_cost_the_same_for_few_and_many_rows(
    client, request, centre, django_assert_max_num_queries
):
    event = make_event(centre, capacity=None)
    as_user(client, request, "organiser")
    budget = 10
    client.get(reverse("events:manage_list"))  # the first request of a process also reads the cached main menu

    add_registrations(event, 0, 10)
    for url in (reverse("events:manage_list"), reverse("events:participants_csv", args=[event.pk])):
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200
    add_registrations(event, 10, 990)
    Event.objects.bulk_create(
        Event(
            centre=centre,
            county=centre.county,
            title=f"Kurs {n}",
            description="Tekst",
            address="Storgata 1",
            starts_at=event.starts_at + timedelta(days=n),
            ends_at=event.ends_at + timedelta(days=n),
            cpd_hours=Decimal("2.0"),
        )
        for n in range(1, 200)
    )
    with django_assert_max_num_queries(budget):
        listing = client.get(reverse("events:manage_list"))
    assert len(listing.context["page_obj"].object_list) == 20
    with django_assert_max_num_queries(budget):
        exported = client.get(reverse("events:participants_csv", args=[event.pk]))
    assert exported.content.decode("utf-8-sig").count("\n") == 1001
