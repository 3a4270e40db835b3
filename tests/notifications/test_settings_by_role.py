"""The notice settings list only the kinds that can reach the person, from both sides."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

FOR_COUNSELLORS = "Decisions on your credit entries"
FOR_VERIFIERS = "New entries to verify at your centre"
FOR_MODERATORS = "Flagged forum posts to moderate"
FOR_PROFESSIONALS = "New posts in threads and categories you watch"
FOR_EVERYONE = "Reminders two days before an event"


def settings_page(client, user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client.get(reverse("notifications:settings")).content.decode()


@pytest.mark.parametrize(
    ("persona", "shown", "not_shown"),
    [
        ("school_counsellor", [FOR_COUNSELLORS, FOR_PROFESSIONALS, FOR_EVERYONE], [FOR_VERIFIERS, FOR_MODERATORS]),
        ("verifier", [FOR_VERIFIERS, FOR_PROFESSIONALS], [FOR_COUNSELLORS, FOR_MODERATORS]),
        ("moderator", [FOR_MODERATORS, FOR_PROFESSIONALS], [FOR_VERIFIERS, FOR_COUNSELLORS]),
        ("plain_user", [FOR_EVERYONE], [FOR_COUNSELLORS, FOR_VERIFIERS, FOR_MODERATORS, FOR_PROFESSIONALS]),
    ],
)
def test_each_person_sees_the_kinds_that_apply_to_them(client, request, persona, shown, not_shown):
    page = settings_page(client, request.getfixturevalue(persona))

    for label in shown:
        assert label in page
    for label in not_shown:
        assert label not in page
