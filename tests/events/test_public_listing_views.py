"""The public events pages: the listing with its filters, and an event's page.

Every page is seen from both sides: by someone who may (the participant, the centre's staff)
and by someone who may not (anonymous visitors, other users, other centres' staff).
"""

import datetime
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Audience, EventKind, EventStatus
from register.models import Role
from tests import personas
from tests.events.conftest import make_event
from tests.events.public_support import LIST_URL, MINE_URL, cancel_url, detail_url, page, register_url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """These tests read the English source wording."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def listed_titles(response):
    return [event.title for event in response.context["page_obj"]]


@pytest.fixture
def other_staff(other_centre):
    return personas.centre_staff(other_centre, Role.ORGANISER, email="vestland@example.org")


# --- The listing ---


def test_the_listing_shows_upcoming_published_events_with_their_details(client, event, draft):
    make_event(event.centre, days_ahead=-3, title="Kurs som er over")

    body = page(client.get(LIST_URL))

    assert listed_titles(client.get(LIST_URL)) == [event.title]
    assert f'href="{detail_url(event)}"' in body
    assert "Course" in body and "Karriere Oslo" in body and "Oslo" in body
    assert "2 free places" in body
    assert "Storgata 1, 0155 Oslo" in body
    assert draft.title not in body and "Kurs som er over" not in body


def test_the_listing_says_full_unlimited_cancelled_and_online_in_words(client, centre, counsellors):
    full = make_event(centre, capacity=1, title="Fullt kurs")
    services.registration_register(event=full, user=counsellors[0])
    make_event(centre, capacity=None, title="Åpent webinar", address="", online_url="https://meet.example/x")
    make_event(centre, status=EventStatus.CANCELLED, title="Avlyst fagdag", cancel_reason="Sykdom")

    body = page(client.get(LIST_URL))

    assert "Full – waiting list" in body
    assert "No limit on places" in body
    assert "Online" in body
    assert "Cancelled" in body
    assert "https://meet.example/x" not in body


def test_times_are_shown_in_oslo_time_and_a_multi_day_event_shows_both_days(client, centre):
    start = datetime.datetime(timezone.now().year + 1, 1, 15, 8, 0, tzinfo=datetime.UTC)
    make_event(centre, starts_at=start, ends_at=start + timedelta(days=1, hours=7), title="Todagers samling")

    body = page(client.get(LIST_URL))

    assert f'datetime="{start.year}-01-15T09:00:00+01:00"' in body
    assert f'datetime="{start.year}-01-16T16:00:00+01:00"' in body
    assert f"15 January {start.year}, 09:00" in body and f"16 January {start.year}, 16:00" in body


def test_centre_staff_see_their_own_drafts_marked_as_drafts_and_others_do_not(
    client, event, draft, verifier, other_staff, plain_user
):
    client.force_login(verifier)
    response = client.get(LIST_URL)
    assert set(listed_titles(response)) == {event.title, draft.title}
    assert "Draft" in page(response)

    for outsider in (other_staff, plain_user):
        client.force_login(outsider)
        assert listed_titles(client.get(LIST_URL)) == [event.title]


@pytest.fixture
def spread(centre, other_centre):
    """Events that differ in one way each, to see every filter narrow the list."""
    return {
        "oslo_course": make_event(centre, title="Oslo-kurs", days_ahead=5),
        "vestland": make_event(other_centre, title="Vestlandsmøte", kind=EventKind.NETWORK_MEETING, days_ahead=10),
        "webinar": make_event(centre, title="Webinar for NAV", kind=EventKind.WEBINAR, audience=Audience.NAV),
        "school": make_event(centre, title="Skoledag", audience=Audience.SCHOOL, days_ahead=20),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"county": "46"}, {"vestland"}),
        ({"centre": "karriere-oslo-test"}, {"oslo_course", "webinar", "school"}),
        ({"kind": "webinar"}, {"webinar"}),
        ({"audience": "school"}, {"oslo_course", "vestland", "school"}),  # events for everyone count too
        ({"audience": "nav"}, {"oslo_course", "vestland", "webinar"}),
        ("dates", {"vestland"}),
    ],
)
def test_each_filter_narrows_the_list(client, spread, params, expected):
    if params == "dates":
        # From the day after the webinar ends (late in the evening it runs past midnight) to the Vestland meeting.
        after_webinar = timezone.localdate(spread["webinar"].ends_at) + timedelta(days=1)
        params = {"date_from": str(after_webinar), "date_to": str(timezone.localdate(spread["vestland"].ends_at))}

    response = client.get(LIST_URL, params)

    assert set(listed_titles(response)) == {spread[key].title for key in expected}
    assert not response.context["filter"].errors


def test_the_free_places_filter_keeps_events_one_can_get_a_place_at(client, centre, counsellors):
    free = make_event(centre, title="Ledig")
    unlimited = make_event(centre, capacity=None, title="Ubegrenset")
    full = make_event(centre, capacity=1, title="Fullt")
    services.registration_register(event=full, user=counsellors[0])
    make_event(centre, status=EventStatus.CANCELLED, title="Avlyst")

    assert set(listed_titles(client.get(LIST_URL, {"free_places": "true"}))) == {free.title, unlimited.title}
    assert listed_titles(client.get(LIST_URL, {"free_places": "false"})) == [full.title]


def test_the_newest_first_sort_orders_by_publication(client, centre):
    older = make_event(centre, title="Publisert først", days_ahead=3, published_at=timezone.now() - timedelta(days=5))
    newer = make_event(centre, title="Publisert sist", days_ahead=9, published_at=timezone.now())

    assert listed_titles(client.get(LIST_URL)) == [older.title, newer.title]
    assert listed_titles(client.get(LIST_URL, {"sort": "-published"})) == [newer.title, older.title]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"date_from": "abc"}, "date_from"), ({"county": "99"}, "county"), ({"kind": "party"}, "kind")],
)
def test_bad_filter_input_shows_the_error_at_the_field_not_a_500(client, event, params, field):
    response = client.get(LIST_URL, params)

    body = page(response)
    assert field in response.context["filter"].errors
    assert "Please correct the following" in body
    assert f'id="id_{field}_error"' in body


def test_the_filter_form_has_labelled_fields_a_button_and_a_reset_link(client, event):
    body = page(client.get(LIST_URL))

    for field in ("county", "centre", "kind", "audience", "date_from", "date_to", "free_places", "sort"):
        assert f'for="id_{field}"' in body
    assert ">Filter</button>" in body
    assert f'href="{LIST_URL}">Reset filters</a>' in body
    assert 'type="date"' in body


def test_the_listing_pages_by_20_and_keeps_the_filter_in_the_page_links(client, centre):
    for n in range(25):
        make_event(centre, title=f"Kurs {n:02}", days_ahead=3 + n)

    response = client.get(LIST_URL, {"kind": "course"})

    assert len(listed_titles(response)) == 20
    assert "kind=course&amp;page=2" in page(response)
    assert len(listed_titles(client.get(LIST_URL, {"kind": "course", "page": 2}))) == 5


def test_an_empty_result_says_so_and_offers_to_show_all(client, event):
    body = page(client.get(LIST_URL, {"kind": "conference"}))

    assert "No upcoming events match the filter." in body
    assert "Show all events" in body


def test_the_listing_links_to_the_calendar_feeds_and_for_signed_in_users_to_my_events(client, event, plain_user):
    body = page(client.get(LIST_URL))
    assert reverse("events:feeds") in body and MINE_URL not in body

    client.force_login(plain_user)
    assert MINE_URL in page(client.get(LIST_URL))


def test_the_header_links_everyone_to_the_events(client):
    assert f'href="{LIST_URL}">Events</a>' in page(client.get(reverse("centre_list")))


# --- The event page ---


def test_anyone_reads_a_published_event_with_its_facts(client, centre, areas):
    event = make_event(
        centre,
        areas=areas[:2],
        description="Et kurs om **karrierelæring**.\n\n<script>alert(1)</script>",
        who_should_come="Rådgivere i videregående skole",
        place="Kulturhuset",
        registration_opens_at=timezone.now() - timedelta(days=1),
    )

    body = page(client.get(detail_url(event)))

    assert "<strong>karrierelæring</strong>" in body
    assert "<script>alert(1)" not in body
    assert "Rådgivere i videregående skole" in body
    assert "Kulturhuset, Storgata 1, 0155 Oslo" in body
    assert f'href="{centre.get_absolute_url()}"' in body
    assert "Area 1" in body and "Area 2" in body
    assert "2 places" in body and "2 free places" in body
    assert "Registration opens" in body and "Registration closes" in body
    assert f'href="{reverse("events:event_ics", kwargs={"pk": event.pk})}"' in body
    assert "Add to calendar (.ics)" in body


def test_a_draft_is_404_outside_its_centre_and_shown_to_its_staff(
    client, draft, verifier, national_admin, other_staff, plain_user
):
    assert client.get(detail_url(draft)).status_code == 404
    for outsider in (plain_user, other_staff):
        client.force_login(outsider)
        assert client.get(detail_url(draft)).status_code == 404

    for staff in (verifier, national_admin):
        client.force_login(staff)
        body = page(client.get(detail_url(draft)))
        assert "Only the centre’s staff can see it" in body
        assert "Registration opens when the event is published" in body


def test_an_unknown_event_is_404(client):
    assert client.get(reverse("events:detail", kwargs={"pk": 999999})).status_code == 404


def test_the_online_link_is_for_confirmed_participants_and_organisers_only(
    client, centre, counsellors, organiser, plain_user
):
    event = make_event(centre, capacity=1, online_url="https://meet.example/hemmelig")
    confirmed, waiting = counsellors[:2]
    services.registration_register(event=event, user=confirmed)
    services.registration_register(event=event, user=waiting)

    for viewer in (None, plain_user, waiting):
        if viewer:
            client.force_login(viewer)
        body = page(client.get(detail_url(event)))
        assert "https://meet.example/hemmelig" not in body
        assert "Participants with a confirmed place see the link here." in body

    for viewer in (confirmed, organiser):
        client.force_login(viewer)
        assert 'href="https://meet.example/hemmelig"' in page(client.get(detail_url(event)))


def test_a_cancelled_event_shows_a_banner_with_the_reason_and_no_buttons(
    client, event, organiser, plain_user, school_counsellor
):
    services.registration_register(event=event, user=school_counsellor)
    services.event_cancel(event=event, actor=organiser, reason="For få påmeldte.")

    for viewer in (plain_user, school_counsellor):
        client.force_login(viewer)
        body = page(client.get(detail_url(event)))
        assert "This event is cancelled" in body and "For få påmeldte." in body
        assert "The event is cancelled, so registration is closed." in body
        assert register_url(event) not in body and cancel_url(event) not in body


def test_only_the_centres_organisers_get_the_manage_link(client, event, organiser, verifier, other_staff):
    manage = reverse("events:manage_detail", kwargs={"pk": event.pk})
    client.force_login(organiser)
    assert manage in page(client.get(detail_url(event)))
    for viewer in (verifier, other_staff):
        client.force_login(viewer)
        assert manage not in page(client.get(detail_url(event)))


def test_anonymous_visitors_are_asked_to_log_in_to_register(client, event):
    body = page(client.get(detail_url(event)))

    assert f"{reverse('account_login')}?next={detail_url(event)}" in body
    assert "Log in to register" in body
    assert register_url(event) not in body


def test_the_register_button_says_whether_one_gets_a_place_or_joins_the_waiting_list(
    client, event, counsellors, plain_user
):
    client.force_login(plain_user)
    body = page(client.get(detail_url(event)))
    assert f'action="{register_url(event)}"' in body
    assert "you get a place at once" in body

    for person in counsellors[:2]:
        services.registration_register(event=event, user=person)
    body = page(client.get(detail_url(event)))
    assert "you join the waiting list" in body
    assert "Full – waiting list" in body


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        ({"registration_opens_at": timedelta(days=2)}, "Registration opens"),
        ({"registration_closes_at": timedelta(hours=-1)}, "Registration closed"),
    ],
)
def test_closed_registration_is_said_in_a_sentence(client, event, plain_user, change, sentence):
    for field, offset in change.items():
        setattr(event, field, timezone.now() + offset)
    event.save()
    client.force_login(plain_user)

    body = page(client.get(detail_url(event)))

    assert sentence in body
    assert register_url(event) not in body


def test_a_participant_sees_their_place_or_their_number_on_the_waiting_list(client, event, counsellors, plain_user):
    for person in [*counsellors, plain_user]:
        services.registration_register(event=event, user=person)

    client.force_login(counsellors[0])
    body = page(client.get(detail_url(event)))
    assert "You have a place." in body and "Cancel my registration" in body
    assert f'action="{cancel_url(event)}"' in body

    client.force_login(plain_user)
    body = page(client.get(detail_url(event)))
    assert "You are number 2 on the waiting list." in body and "Leave the waiting list" in body
    assert "2 people on the waiting list" in body
