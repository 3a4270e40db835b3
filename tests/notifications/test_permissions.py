"""Who may reach a notice (``access_notice``): its recipient, and nobody else.

Everyone else gets the same 404 as for an id that does not exist, so ids reveal nothing; being a
superuser or a national administrator opens no one else's notices.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from core.phrases import verbatim
from notifications.permissions import access_notice
from notifications.services import notice_send
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(plain_user):
    return notice_send(recipient=plain_user, kind="register.decision", title=verbatim("Kurset ditt er godkjent"))


def test_the_recipient_reaches_their_notice(plain_user, notice):
    assert access_notice(plain_user, notice.pk) == notice


def test_the_recipient_reaches_it_by_an_id_given_as_text(plain_user, notice):
    assert access_notice(plain_user, str(notice.pk)) == notice


@pytest.mark.parametrize(
    "who",
    [
        pytest.param(lambda: UserFactory(email="annen@example.org"), id="another person"),
        pytest.param(lambda: UserFactory(email="super@example.org", is_staff=True, is_superuser=True), id="superuser"),
    ],
)
def test_anyone_else_signed_in_gets_a_404(notice, who):
    with pytest.raises(Http404):
        access_notice(who(), notice.pk)


def test_a_national_administrator_gets_a_404_for_someone_elses_notice(national_admin, notice):
    with pytest.raises(Http404):
        access_notice(national_admin, notice.pk)


def test_an_anonymous_visitor_gets_a_404(notice):
    with pytest.raises(Http404):
        access_notice(AnonymousUser(), notice.pk)


def test_an_id_that_does_not_exist_gives_the_same_404(plain_user, notice):
    with pytest.raises(Http404):
        access_notice(plain_user, notice.pk + 1000)
