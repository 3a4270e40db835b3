"""Calendar files: one event, the county and centre feeds, each person's own feed, and the feeds page.

Every file is parsed back with icalendar, the way a calendar program reads it.
"""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import CalendarFeed, Event, EventStatus, Registration, RegistrationStatus
from tests.events.conftest import make_event
from tests.factories import CentreFactory, county

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
LINK = "https://meet.example.org/karrieredag"


@pytest.fixture(autouse=True)
def _english(client):
    """These tests read the English source wording; the site's default is Bokmål."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def uid(event):
    return f"event-{event.pk}@karrierenorge.no"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(component["UID"]): component for component in calendar.walk("VEVENT")}


def ics_url(event):
    return reverse("events:event_ics", kwargs={"pk": event.pk})


def county_url(slug="oslo"):
    return reverse("events:county_feed", kwargs={"slug": slug})


def centre_url(centre):
    return reverse("events:centre_feed", kwargs={"slug": centre.slug})


def personal_url(token):
    return reverse("events:personal_feed", kwargs={"token": token})


def online_event(centre, **fields):
    return make_event(centre, **{"address": "", "online_url": LINK, "title": "Webinar om karrierelæring", **fields})


def register(event, *people):
    for person in people:
        services.registration_register(event=event, user=person)


# one event


def test_one_event_is_a_complete_calendar_file_in_oslo_time(client, centre):
    summer = make_event(
        centre,
        place="Karrieresenteret",
        starts_at=datetime(2027, 6, 15, 8, 0, tzinfo=UTC),
        ends_at=datetime(2027, 6, 15, 11, 30, tzinfo=UTC),
    )
    winter = make_event(
        centre, starts_at=datetime(2027, 1, 15, 8, 0, tzinfo=UTC), ends_at=datetime(2027, 1, 15, 9, 0, tzinfo=UTC)
    )

    response = client.get(ics_url(summer))

    calendar = parse(response)
    assert response["Content-Disposition"] == f'attachment; filename="arrangement-{summer.pk}.ics"'
    assert calendar["VERSION"] == "2.0" and "KarriereNorge" in calendar["PRODID"]
    assert calendar["CALSCALE"] == "GREGORIAN" and calendar["X-WR-CALNAME"] == summer.title
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["UID"] == uid(summer)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert vevent.decoded("DTSTART").replace(tzinfo=None) == datetime(2027, 6, 15, 10, 0)  # summer time, +2
    assert vevent.decoded("DTEND").replace(tzinfo=None) == datetime(2027, 6, 15, 13, 30)
    assert vevent.decoded("DTSTART") == summer.starts_at
    assert vevent["SUMMARY"] == summer.title
    assert vevent["LOCATION"] == "Karrieresenteret, Storgata 1, 0155 Oslo"
    page = f"http://testserver/arrangementer/{summer.pk}/"
    assert vevent["URL"] == page
    description = str(vevent["DESCRIPTION"])
    assert page in description and "karrierelæring" in description and "Karriere Oslo" in description
    assert "<" not in description  # plain text, not HTML
    assert vevent["STATUS"] == "CONFIRMED" and vevent["SEQUENCE"] == 0
    assert vevent.decoded("LAST-MODIFIED") and vevent.decoded("DTSTAMP")

    (winter_event,) = parse(client.get(ics_url(winter))).walk("VEVENT")
    assert winter_event.decoded("DTSTART").replace(tzinfo=None) == datetime(2027, 1, 15, 9, 0)  # winter time, +1


def test_the_uid_stays_and_the_sequence_rises_when_the_event_changes(client, event, organiser):
    first = parse(client.get(ics_url(event))).walk("VEVENT")[0]
    again = parse(client.get(ics_url(event))).walk("VEVENT")[0]
    assert first["UID"] == again["UID"] == uid(event)

    new_start = event.starts_at + timedelta(days=1)
    services.event_update(event=event, actor=organiser, starts_at=new_start, ends_at=new_start + timedelta(hours=3))

    changed = parse(client.get(ics_url(event))).walk("VEVENT")[0]
    assert changed["UID"] == uid(event)
    assert changed["SEQUENCE"] == first["SEQUENCE"] + 1
    assert changed.decoded("DTSTART") == new_start


def test_a_draft_file_is_a_404_for_everyone_but_its_centres_staff(client, draft, verifier, school_counsellor):
    assert client.get(ics_url(draft)).status_code == 404
    client.force_login(school_counsellor)
    assert client.get(ics_url(draft)).status_code == 404
    assert client.get(reverse("events:event_ics", kwargs={"pk": draft.pk + 1000})).status_code == 404

    client.force_login(verifier)
    (vevent,) = parse(client.get(ics_url(draft))).walk("VEVENT")
    assert vevent["STATUS"] == "TENTATIVE"


def test_a_cancelled_event_file_says_cancelled(client, event, organiser):
    services.event_cancel(event=event, actor=organiser, reason="For få påmeldte.")
    (vevent,) = parse(client.get(ics_url(event))).walk("VEVENT")
    assert vevent["STATUS"] == "CANCELLED"
    assert vevent["SUMMARY"] == f"Cancelled: {event.title}"
    assert "For få påmeldte." in str(vevent["DESCRIPTION"])


def test_the_online_link_is_in_the_file_only_for_those_who_may_see_it(client, centre, counsellors, organiser):
    event = online_event(centre, capacity=1)
    confirmed, waiting, outsider = counsellors
    register(event, confirmed, waiting)

    def file_text(user):
        client.logout()  # clears every cookie, the language one too
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if user:
            client.force_login(user)
        return client.get(ics_url(event)).content.decode()

    assert LINK not in file_text(None)
    assert LINK not in file_text(outsider)
    assert LINK in file_text(confirmed)
    assert LINK in file_text(organiser)
    waiting_text = file_text(waiting)
    assert LINK not in waiting_text
    (vevent,) = icalendar.Calendar.from_ical(waiting_text).walk("VEVENT")
    assert vevent["SUMMARY"] == f"{event.title} (waiting list)"
    assert vevent["STATUS"] == "TENTATIVE"
    assert vevent["LOCATION"] == "Online"


# the public feeds


def test_the_county_feed_has_published_and_cancelled_events_and_nothing_else(
    client, centre, other_centre, draft, organiser, counsellors
):
    published = make_event(centre, title="Publisert")
    cancelled = make_event(centre, title="Avlyst")
    services.event_cancel(event=cancelled, actor=organiser)
    online = online_event(centre)
    register(online, counsellors[0])
    recent = make_event(centre, days_ahead=-10, title="Nylig")
    old = make_event(centre, days_ahead=-40, title="Gammel")
    elsewhere = make_event(other_centre, title="I Vestland")
    # An Oslo event organised by the Vestland centre is in Oslo's feed.
    visiting = make_event(other_centre, county=county("03"), title="Gjest i Oslo")

    client.force_login(counsellors[0])  # even a confirmed participant gets no link in a public feed
    response = client.get(county_url("oslo"))

    calendar = parse(response)
    assert response["Content-Disposition"] == 'inline; filename="oslo.ics"'
    assert calendar["X-WR-CALNAME"] == "KarriereNorge: events in Oslo"
    events = vevents(calendar)
    assert set(events) == {uid(e) for e in (published, cancelled, online, recent, visiting)}
    assert uid(draft) not in events and uid(old) not in events and uid(elsewhere) not in events
    assert events[uid(cancelled)]["STATUS"] == "CANCELLED"
    assert events[uid(published)]["STATUS"] == "CONFIRMED"
    assert LINK not in response.content.decode()
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]

    assert client.head(county_url("oslo")).status_code == 200  # calendar programs may ask with HEAD
    assert set(vevents(parse(client.get(county_url("vestland"))))) == {uid(elsewhere)}
    assert client.get(county_url("atlantis")).status_code == 404


def test_the_centre_feed_has_the_centres_public_events_only(client, centre, other_centre, draft):
    own = make_event(centre)
    theirs = make_event(other_centre, county=county("03"))

    calendar = parse(client.get(centre_url(centre)))

    assert set(vevents(calendar)) == {uid(own)}
    assert calendar["X-WR-CALNAME"] == "KarriereNorge: events of Karriere Oslo"
    assert set(vevents(parse(client.get(centre_url(other_centre))))) == {uid(theirs)}
    closed = CentreFactory(is_active=False)
    assert client.get(centre_url(closed)).status_code == 404
    assert client.get(reverse("events:centre_feed", kwargs={"slug": "finnes-ikke"})).status_code == 404


def test_an_empty_feed_is_still_a_valid_calendar(client):
    calendar = parse(client.get(county_url("finnmark")))
    assert calendar.walk("VEVENT") == []
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]


# the personal feed


def test_my_feed_has_my_places_and_waiting_list_and_needs_no_login(client, centre, counsellors, plain_user, organiser):
    me, other, _third = counsellors
    confirmed = online_event(centre, capacity=5)
    full = online_event(centre, capacity=1, title="Fullt kurs")
    register(full, other, me)  # other gets the place, I wait
    register(confirmed, me, other)
    cancelled = make_event(centre, title="Blir avlyst")
    register(cancelled, me)
    services.event_cancel(event=cancelled, actor=organiser)
    given_up = make_event(centre, title="Meldte meg av")
    register(given_up, me)
    services.registration_cancel(registration=Registration.objects.get(event=given_up, user=me), actor=me)
    not_mine = make_event(centre, title="Ikke min")
    register(not_mine, other, plain_user)
    token = services.calendar_feed_for(me).token

    response = client.get(personal_url(token))

    calendar = parse(response)
    assert response["Content-Disposition"] == 'inline; filename="mine-arrangementer.ics"'
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    assert calendar["X-WR-CALNAME"] == "KarriereNorge: my events"
    events = vevents(calendar)
    assert set(events) == {uid(confirmed), uid(full), uid(cancelled)}
    assert events[uid(confirmed)]["STATUS"] == "CONFIRMED"
    assert LINK in str(events[uid(confirmed)]["DESCRIPTION"])
    assert events[uid(full)]["SUMMARY"] == "Fullt kurs (waiting list)"
    assert LINK not in str(events[uid(full)]["DESCRIPTION"])
    assert events[uid(cancelled)]["STATUS"] == "CANCELLED"
    assert events[uid(confirmed)]["DTSTART"].params["TZID"] == "Europe/Oslo"


def test_an_unknown_or_replaced_address_is_a_404(client, school_counsellor, event):
    register(event, school_counsellor)
    old = services.calendar_feed_for(school_counsellor).token
    assert client.get(personal_url(old)).status_code == 200
    assert client.get(personal_url(old.swapcase())).status_code == 404
    assert client.get(personal_url(old[:-1])).status_code == 404
    assert client.get(personal_url("x" * 43)).status_code == 404

    new = services.calendar_feed_regenerate(user=school_counsellor).token

    assert client.get(personal_url(old)).status_code == 404
    assert uid(event) in vevents(parse(client.get(personal_url(new))))


def test_a_deactivated_persons_feed_stops(client, school_counsellor, event):
    token = services.calendar_feed_for(school_counsellor).token
    get_user_model().objects.filter(pk=school_counsellor.pk).update(is_active=False)
    assert client.get(personal_url(token)).status_code == 404


# the feeds page


def test_the_feeds_page_lists_public_feeds_for_everyone(client, centre, other_centre):
    response = client.get(reverse("events:feeds"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "http://testserver/arrangementer/kalender/fylke/vestland.ics" in page
    assert "webcal://testserver/arrangementer/kalender/fylke/oslo.ics" in page
    assert f"http://testserver/arrangementer/kalender/sentre/{centre.slug}.ics" in page
    assert f"webcal://testserver/arrangementer/kalender/sentre/{other_centre.slug}.ics" in page
    assert "Log in to get a calendar of the events you have registered for." in page
    assert "/arrangementer/kalender/min/" not in page
    assert not CalendarFeed.objects.exists()


def test_signed_in_people_get_their_secret_address_and_can_replace_it(client, school_counsellor):
    client.force_login(school_counsellor)

    response = client.get(reverse("events:feeds"))

    token = CalendarFeed.objects.get(user=school_counsellor).token
    page = response.content.decode()
    assert f"http://testserver/arrangementer/kalender/min/{token}.ics" in page
    assert f"webcal://testserver/arrangementer/kalender/min/{token}.ics" in page
    assert "The address is secret" in page
    assert "no-store" in response["Cache-Control"]

    response = client.post(reverse("events:feed_regenerate"), follow=True)

    new = CalendarFeed.objects.get(user=school_counsellor).token
    assert new != token
    assert "The old one has stopped working" in response.content.decode()
    assert new in response.content.decode()
    assert client.get(personal_url(token)).status_code == 404
    assert client.get(personal_url(new)).status_code == 200


def test_replacing_the_address_needs_a_signed_in_post(client, school_counsellor):
    response = client.post(reverse("events:feed_regenerate"))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert not CalendarFeed.objects.exists()

    client.force_login(school_counsellor)
    token = services.calendar_feed_for(school_counsellor).token
    assert client.get(reverse("events:feed_regenerate")).status_code == 405
    assert CalendarFeed.objects.get(user=school_counsellor).token == token


# query budgets


def bulk_events(centre, count, start=0, **fields):
    now = timezone.now().replace(microsecond=0)
    return Event.objects.bulk_create(
        Event(
            centre=centre,
            county=centre.county,
            title=f"Kurs {n}",
            description="Om karrierelæring.",
            address="Storgata 1",
            online_url=LINK,
            starts_at=now + timedelta(days=1 + n % 90),
            ends_at=now + timedelta(days=1 + n % 90, hours=2),
            capacity=10,
            cpd_hours=Decimal("2.0"),
            status=EventStatus.CANCELLED if n % 10 == 0 else EventStatus.PUBLISHED,
            **fields,
        )
        for n in range(start, start + count)
    )


def queries(client, url, django_assert_max_num_queries, budget):
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
        assert response.status_code == 200
    return len(captured), len(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_my_feed_costs_the_same_for_5_and_200_registrations(
    client, centre, school_counsellor, django_assert_max_num_queries
):
    token = services.calendar_feed_for(school_counsellor).token
    url = personal_url(token)

    def add(count, start):
        events = bulk_events(centre, count, start)
        Registration.objects.bulk_create(
            Registration(
                event=event,
                user=school_counsellor,
                status=RegistrationStatus.WAITING if n % 3 == 0 else RegistrationStatus.CONFIRMED,
            )
            for n, event in enumerate(events)
        )

    add(5, 0)
    few = queries(client, url, django_assert_max_num_queries, 4)
    add(195, 5)
    many = queries(client, url, django_assert_max_num_queries, 4)
    assert (few[1], many[1]) == (5, 200)
    assert many[0] == few[0]


def test_the_county_feed_costs_the_same_for_5_and_200_events(client, centre, django_assert_max_num_queries):
    url = county_url("oslo")
    bulk_events(centre, 5)
    few = queries(client, url, django_assert_max_num_queries, 2)
    bulk_events(centre, 195, 5)
    many = queries(client, url, django_assert_max_num_queries, 2)
    assert (few[1], many[1]) == (5, 200)
    assert many[0] == few[0]


def test_the_feeds_page_costs_the_same_for_few_and_many_centres(
    client, centre, school_counsellor, django_assert_max_num_queries
):
    client.force_login(school_counsellor)
    client.get(reverse("events:feeds"))  # the first visit makes the feed

    def count():
        with django_assert_max_num_queries(12) as captured:
            assert client.get(reverse("events:feeds")).status_code == 200
        return len(captured)

    few = count()
    for n in range(30):
        CentreFactory(county=county("46" if n % 2 else "03"))
    assert count() == few
