"""Notices: shown in-app, e-mailed per each person's choice, with working unsubscribe links."""

import contextlib
import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from core.phrases import verbatim
from notifications import kinds
from notifications.kinds import Delivery, NoticeKind
from notifications.models import Notice, NotificationPreference
from notifications.services import notice_send, preference_set
from notifications.tokens import make_unsubscribe_token

pytestmark = pytest.mark.django_db

KIND = "register.membership"
OTHER_KIND = "tests.forum_reply"


@pytest.fixture(autouse=True)
def other_kind(monkeypatch):
    """A second kind of notice, as later apps will register, so choices per kind can be told apart."""
    monkeypatch.setitem(kinds._kinds, OTHER_KIND, NoticeKind(key=OTHER_KIND, label="Replies in the forum"))


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """notice_send as a view calls it: the e-mail goes out when the transaction commits."""

    def _send(recipient, title="Du har fått en ny rolle", kind=KIND, link="/staff/", body=""):
        with django_capture_on_commit_callbacks(execute=True):
            return notice_send(recipient=recipient, kind=kind, title=verbatim(title), body=verbatim(body), link=link)

    mail.outbox.clear()
    return _send


def unread_badge(response):
    """The unread count shown with the "Notices" link in the header, or None when none is shown."""
    page = response.content.decode()
    header = page[page.index("<header") : page.index("</header>")]
    link = re.search(r'<a[^>]*href="/notifications/"[^>]*>(.*?)</a>', header, re.DOTALL).group(1)
    number = re.search(r"\d+", link)
    return int(number.group()) if number else None


def preference(user, kind=KIND):
    return NotificationPreference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True).first()


# sending


def test_a_notice_is_shown_in_app(client, plain_user, send):
    notice = send(plain_user, title="Velkommen som godkjenner")

    assert Notice.objects.filter(recipient=plain_user).count() == 1
    client.force_login(plain_user)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Velkommen som godkjenner" in page
    assert reverse("notifications:open", kwargs={"pk": notice.pk}) in page


def test_with_immediate_delivery_one_e_mail_goes_out_with_the_link_and_an_unsubscribe_link(plain_user, send):
    notice = send(plain_user, title="Du er nå HR", body="Gjelder Karriere Oslo.")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [plain_user.email]
    assert "Du er nå HR" in message.subject
    assert "Gjelder Karriere Oslo." in message.body
    assert f"{settings.SITE_URL}/staff/" in message.body
    unsubscribe = f"{settings.SITE_URL}{reverse('notifications:unsubscribe', kwargs={'token': 'X'})}"[:-2]
    assert unsubscribe in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{unsubscribe}")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    notice.refresh_from_db()
    assert notice.emailed_at is not None


def test_the_unsubscribe_link_in_the_e_mail_turns_that_kind_off(plain_user, send):
    send(plain_user)
    url = re.search(r"<([^>]+)>", mail.outbox[0].extra_headers["List-Unsubscribe"]).group(1)
    assert url in mail.outbox[0].body

    response = Client(enforce_csrf_checks=True).post(url.removeprefix(settings.SITE_URL))

    assert response.status_code == 200
    assert preference(plain_user) == Delivery.OFF


def test_a_notice_in_a_rolled_back_change_sends_no_e_mail(plain_user, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        notice_send(recipient=plain_user, kind=KIND, title=verbatim("Aldri sendt"))
        raise RuntimeError("the change fails after the notice")

    assert callbacks == []
    assert mail.outbox == []
    assert not Notice.objects.filter(recipient=plain_user).exists()


def test_an_inactive_account_gets_no_e_mail(plain_user, send):
    plain_user.is_active = False
    plain_user.save(update_fields=["is_active"])
    send(plain_user)
    assert mail.outbox == []
    assert Notice.objects.filter(recipient=plain_user).count() == 1


def test_with_digest_delivery_nothing_is_sent_at_once_and_the_digest_sends_one_e_mail(plain_user, send):
    preference_set(user=plain_user, kind=KIND, delivery=Delivery.DIGEST)
    preference_set(user=plain_user, kind=OTHER_KIND, delivery=Delivery.DIGEST)
    send(plain_user, title="Første melding", link="/staff/")
    send(plain_user, title="Andre melding", kind=OTHER_KIND, link="/min-side/")
    assert mail.outbox == []

    call_command("send_digests", stdout=None)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [plain_user.email]
    assert "Første melding" in message.body
    assert "Andre melding" in message.body
    assert f"{settings.SITE_URL}/staff/" in message.body
    assert f"{settings.SITE_URL}/min-side/" in message.body
    assert message.body.count(f"{settings.SITE_URL}/notifications/unsubscribe/") == 2
    assert not Notice.objects.filter(recipient=plain_user, emailed_at__isnull=True).exists()


def test_a_digest_of_one_kind_carries_the_one_click_unsubscribe_headers(plain_user, send):
    preference_set(user=plain_user, kind=KIND, delivery=Delivery.DIGEST)
    send(plain_user)
    call_command("send_digests")
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_running_the_digest_again_sends_nothing(plain_user, send):
    preference_set(user=plain_user, kind=KIND, delivery=Delivery.DIGEST)
    send(plain_user)
    call_command("send_digests")
    assert len(mail.outbox) == 1

    call_command("send_digests")

    assert len(mail.outbox) == 1


def test_the_digest_goes_to_each_person_separately(plain_user, school_counsellor, send):
    for user in (plain_user, school_counsellor):
        preference_set(user=user, kind=KIND, delivery=Delivery.DIGEST)
        send(user, title=f"Til {user.email}")

    call_command("send_digests")

    assert sorted(m.to[0] for m in mail.outbox) == sorted([plain_user.email, school_counsellor.email])
    for message in mail.outbox:
        assert f"Til {message.to[0]}" in message.body


def test_with_delivery_off_no_e_mail_is_ever_sent(plain_user, send):
    preference_set(user=plain_user, kind=KIND, delivery=Delivery.OFF)

    send(plain_user)
    call_command("send_digests")

    assert mail.outbox == []
    assert Notice.objects.filter(recipient=plain_user).count() == 1


def test_a_choice_for_one_kind_does_not_change_another(plain_user, send):
    preference_set(user=plain_user, kind=OTHER_KIND, delivery=Delivery.OFF)
    send(plain_user, kind=KIND)
    assert len(mail.outbox) == 1


# reading


def test_the_unread_count_in_the_header_goes_down_when_a_notice_is_read(client, plain_user, send):
    first = send(plain_user, title="En")
    send(plain_user, title="To")
    client.force_login(plain_user)
    assert unread_badge(client.get(reverse("dashboard"))) == 2

    response = client.post(reverse("notifications:read", kwargs={"pk": first.pk}), follow=True)

    assert response.status_code == 200
    assert unread_badge(response) == 1
    first.refresh_from_db()
    assert first.read_at is not None


def test_opening_a_notice_marks_it_read_and_follows_its_link(client, plain_user, send):
    notice = send(plain_user, link="/min-side/")
    client.force_login(plain_user)

    response = client.get(reverse("notifications:open", kwargs={"pk": notice.pk}))

    assert response.status_code == 302
    assert response.url == "/min-side/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_mark_all_read_clears_the_unread_count(client, plain_user, school_counsellor, send):
    for n in range(3):
        send(plain_user, title=f"Melding {n}")
    theirs = send(school_counsellor, title="Ikke din")
    client.force_login(plain_user)

    response = client.post(reverse("notifications:read_all"), follow=True)

    assert response.status_code == 200
    assert unread_badge(response) is None
    assert not Notice.objects.filter(recipient=plain_user, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_needs_a_post(client, plain_user, send):
    notice = send(plain_user)
    client.force_login(plain_user)
    assert client.get(reverse("notifications:read", kwargs={"pk": notice.pk})).status_code == 405
    assert client.get(reverse("notifications:read_all")).status_code == 405
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_user_cannot_open_or_mark_another_users_notice(client, plain_user, school_counsellor, send):
    theirs = send(school_counsellor, title="Privat melding")
    client.force_login(plain_user)

    assert client.get(reverse("notifications:open", kwargs={"pk": theirs.pk})).status_code == 404
    assert client.post(reverse("notifications:read", kwargs={"pk": theirs.pk})).status_code == 404
    assert "Privat melding" not in client.get(reverse("notifications:list")).content.decode()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_notice_pages_send_a_visitor_to_the_login_page(client):
    for name in ("notifications:list", "notifications:settings"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("link", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_opening_a_notice_never_redirects_off_the_site(client, plain_user, send, link):
    notice = send(plain_user, link=link)
    client.force_login(plain_user)

    response = client.get(reverse("notifications:open", kwargs={"pk": notice.pk}))

    assert response.status_code == 302
    assert response.url == reverse("notifications:list")


def test_a_notice_without_link_opens_the_notice_list(client, plain_user, send):
    notice = send(plain_user, link="")
    client.force_login(plain_user)
    response = client.get(reverse("notifications:open", kwargs={"pk": notice.pk}))
    assert response.url == reverse("notifications:list")


# the list page


def test_the_notice_list_shows_20_a_page_newest_first(client, plain_user):
    for n in range(25):
        notice_send(recipient=plain_user, kind=KIND, title=verbatim(f"Melding nr {n:02d}"))
    client.force_login(plain_user)

    first = client.get(reverse("notifications:list"))
    second = client.get(reverse("notifications:list"), {"page": 2})

    assert [n.title for n in first.context["page_obj"]][:2] == ["Melding nr 24", "Melding nr 23"]
    assert len(first.context["page_obj"]) == 20
    assert len(second.context["page_obj"]) == 5
    assert "?page=2" in first.content.decode()
    assert "Melding nr 00" in second.content.decode()
    assert "Melding nr 00" not in first.content.decode()


def test_the_notice_list_query_count_does_not_grow_with_the_notices(client, plain_user, django_assert_max_num_queries):
    client.force_login(plain_user)
    client.get(reverse("notifications:list"))  # the first request of a session does one-off work
    for n in range(3):
        notice_send(recipient=plain_user, kind=KIND, title=verbatim(f"Melding {n}"))
    # 16 + 1: the header asks whether the user may see the forum (an EXISTS on the profile).
    with django_assert_max_num_queries(17) as few:
        assert client.get(reverse("notifications:list")).status_code == 200
    for n in range(37):
        notice_send(recipient=plain_user, kind=KIND, title=verbatim(f"Flere {n}"))
    with django_assert_max_num_queries(17) as many:
        assert client.get(reverse("notifications:list")).status_code == 200
    assert len(many) == len(few)


# settings


def test_the_settings_page_shows_every_kind_with_its_current_choice(client, verifier):
    preference_set(user=verifier, kind=OTHER_KIND, delivery=Delivery.DIGEST)
    client.force_login(verifier)

    response = client.get(reverse("notifications:settings"))

    assert response.status_code == 200
    form = response.context["form"]
    assert form[KIND].initial == Delivery.IMMEDIATE
    assert form[OTHER_KIND].initial == Delivery.DIGEST
    assert "Replies in the forum" in response.content.decode()


def test_the_settings_page_saves_a_choice_per_kind(client, verifier):
    client.force_login(verifier)

    response = client.post(reverse("notifications:settings"), {KIND: Delivery.DIGEST, OTHER_KIND: Delivery.OFF})

    assert response.status_code == 302
    assert preference(verifier, KIND) == Delivery.DIGEST
    assert preference(verifier, OTHER_KIND) == Delivery.OFF


def test_an_invalid_choice_is_refused_with_an_error_and_nothing_is_saved(client, verifier):
    client.force_login(verifier)

    response = client.post(reverse("notifications:settings"), {KIND: "weekly", OTHER_KIND: Delivery.OFF})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [KIND]
    assert escape(errors[KIND][0]) in response.content.decode()
    assert not NotificationPreference.objects.filter(user=verifier).exists()


# unsubscribe


def unsubscribe_path(user, kind=KIND):
    return reverse("notifications:unsubscribe", kwargs={"token": make_unsubscribe_token(user.pk, kind)})


def test_opening_the_unsubscribe_link_asks_first_and_changes_nothing(client, plain_user):
    response = client.get(unsubscribe_path(plain_user))

    assert response.status_code == 200
    assert plain_user.email in response.content.decode()
    assert 'method="post"' in response.content.decode()
    assert preference(plain_user) is None


def test_one_click_unsubscribe_turns_that_kind_off_without_a_csrf_token(plain_user):
    preference_set(user=plain_user, kind=OTHER_KIND, delivery=Delivery.DIGEST)
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(unsubscribe_path(plain_user), {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert preference(plain_user, KIND) == Delivery.OFF
    assert preference(plain_user, OTHER_KIND) == Delivery.DIGEST


def test_after_unsubscribing_no_e_mail_comes(plain_user, send):
    Client().post(unsubscribe_path(plain_user))
    send(plain_user)
    assert mail.outbox == []


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_unsubscribe_token_is_a_400_and_changes_nothing(client, plain_user, method):
    token = make_unsubscribe_token(plain_user.pk, KIND)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")

    response = getattr(client, method)(reverse("notifications:unsubscribe", kwargs={"token": tampered}))

    assert response.status_code == 400
    assert not NotificationPreference.objects.exists()


def test_an_unsubscribe_token_for_an_unknown_kind_or_person_is_a_400(client, plain_user):
    for token in (make_unsubscribe_token(plain_user.pk, "no.such.kind"), make_unsubscribe_token(999999, KIND)):
        response = client.post(reverse("notifications:unsubscribe", kwargs={"token": token}))
        assert response.status_code == 400
    assert not NotificationPreference.objects.exists()
