"""The leaders' home page starts from what needs their attention, each item a link to the page that acts on it;
people without a staff role see none of it, and a leader sees only their own centres' counts."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Registration, RegistrationStatus
from register import services
from register.attention import attention_for
from register.models import Role
from tests import personas
from tests.events.conftest import make_event
from tests.register.centre_support import as_user, log_credit, page

pytestmark = pytest.mark.django_db

HOME = "/min-side/"


@pytest.fixture(autouse=True)
def _english(client):
    """Pages and the items made outside a request (attention_for called directly) in English."""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def titles(user):
    return [item.title for item in attention_for(user)]


@pytest.fixture
def busy_centre(centre, verifier, requirements, areas):
    """Karriere Oslo: two entries waiting (one for 20 days), a home-centre request, a counsellor about to lapse."""
    waiting = personas.counsellor(home_centre=centre, email="venter@example.org")
    log_credit(waiting, [areas[0]])
    entry = log_credit(waiting, [areas[0]], title="Eldre")
    type(entry).objects.filter(pk=entry.pk).update(created_at=timezone.now() - datetime.timedelta(days=20))
    asker = personas.counsellor(email="spor@example.org")
    services.home_centre_request(user=asker, centre=centre)
    lapsing = personas.counsellor(home_centre=centre, email="snart@example.org")
    services.credit_verify(credit=log_credit(lapsing, [areas[0]], credits="60"), verifier=verifier)
    services.cpd_create(
        owner=lapsing,
        title="Fagdag",
        date=timezone.localdate() - datetime.timedelta(days=320),
        hours="25",
        kind="course",
    )


def test_a_centre_admin_sees_requests_and_counsellors_about_to_lapse(client, centre_admin, centre, busy_centre):
    body = page(as_user(client, centre_admin).get(HOME))
    network = reverse("centre_network", kwargs={"slug": centre.slug})

    assert "Needs your attention" in body
    assert "1 counsellor about to lapse" in body and f"{network}?standing=meets_until" in body
    assert "1 home-centre request" in body and f"{network}#requests-heading" in body
    assert "entries wait for verification" not in body  # an admin does not verify
    assert titles(centre_admin)[0] == "1 counsellor about to lapse"  # urgent first
    assert reverse("overview_centre", kwargs={"slug": centre.slug}) in body
    assert 'class="ds-button" data-variant="primary" href="/profil/"' not in body


def test_a_verifier_sees_the_queue_and_its_age(centre, verifier, busy_centre):
    items = attention_for(verifier)
    waiting = next(item for item in items if "verification" in item.title)
    assert waiting.title == "2 entries wait for verification"
    assert waiting.detail == "The oldest has waited 20 days." and waiting.urgent
    assert waiting.url == reverse("verification_queue")


def test_another_centres_leader_sees_none_of_it(other_centre, busy_centre):
    other_admin = personas.centre_staff(other_centre, Role.ADMIN, email="leder.vestland@example.org")
    other_verifier = personas.centre_staff(other_centre, Role.VERIFIER, email="godkjenner.vestland@example.org")
    assert titles(other_admin) == [] and titles(other_verifier) == []


def test_a_counsellor_without_a_staff_role_gets_no_attention_section(client, school_counsellor, busy_centre):
    body = page(as_user(client, school_counsellor).get(HOME))
    assert "Needs your attention" not in body


def test_a_leader_with_nothing_waiting_is_told_so(client, centre_admin):
    body = page(as_user(client, centre_admin).get(HOME))
    assert "Nothing waits for you right now." in body


def test_organisers_see_coming_events_and_past_events_without_attendance(centre, organiser, school_counsellor):
    make_event(centre, days_ahead=5, title="Nettverkssamling")
    make_event(centre, days_ahead=60, title="Langt fram")
    past = make_event(centre, days_ahead=-3, title="Fagdag i går")
    Registration.objects.create(
        event=past, user=school_counsellor, status=RegistrationStatus.CONFIRMED, confirmed_at=timezone.now()
    )
    items = {item.title: item for item in attention_for(organiser)}

    coming = items["1 event in the next 30 days"]
    assert coming.detail.startswith("Next: Nettverkssamling")
    unmarked = items["1 past event without attendance"]
    assert unmarked.urgent and unmarked.url == reverse("events:manage_detail", kwargs={"pk": past.pk})


def test_marked_attendance_leaves_the_list(centre, organiser, school_counsellor):
    past = make_event(centre, days_ahead=-3)
    Registration.objects.create(
        event=past,
        user=school_counsellor,
        status=RegistrationStatus.CONFIRMED,
        confirmed_at=timezone.now(),
        attendance_marked_at=timezone.now(),
    )
    assert titles(organiser) == []


def test_the_home_page_keeps_a_fixed_number_of_queries(client, centre_admin, verifier, centre, busy_centre, areas):
    from tests.register.centre_support import assert_same_query_count, queries_for

    services.membership_grant(user=centre_admin, centre=centre, role=Role.VERIFIER, actor=None)
    as_user(client, centre_admin)
    small = queries_for(client, HOME)
    for i in range(4):
        person = personas.counsellor(home_centre=centre, email=f"flere{i}@example.org")
        log_credit(person, [areas[0]])
        services.home_centre_request(user=personas.counsellor(email=f"spor{i}@example.org"), centre=centre)
    assert_same_query_count(small, queries_for(client, HOME))
