"""The Django admin shows events for support, read-only: organisers change them on their own pages."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from events import services

pytestmark = pytest.mark.django_db


def test_a_national_admin_sees_events_and_their_registrations_but_cannot_change_them(
    client, national_admin, event, school_counsellor
):
    services.registration_register(event=event, user=school_counsellor)
    client.force_login(national_admin)

    changelist = client.get(reverse("admin:events_event_changelist"))
    change = client.get(reverse("admin:events_event_change", args=[event.pk]))

    assert changelist.status_code == 200 and event.title in changelist.content.decode()
    assert change.status_code == 200 and escape(str(school_counsellor)) in change.content.decode()
    assert client.get(reverse("admin:events_event_add")).status_code == 403
    response = client.post(reverse("admin:events_event_change", args=[event.pk]), {"title": "Endret"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title != "Endret"


def test_people_without_admin_access_do_not_get_in(client, organiser, event):
    client.force_login(organiser)
    response = client.get(reverse("admin:events_event_changelist"))
    assert response.status_code == 302 and "/login/" in response["Location"]
