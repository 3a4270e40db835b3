"""Notices and their e-mails are worded in the reader's language, not in that of whoever caused them: the page in
the language it is read in, the e-mail in the language the recipient chose (at sign-up, then with the switch)."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from core.phrases import nphrase, phrase, verbatim
from notifications.emails import digest_send
from notifications.kinds import Delivery
from notifications.services import notice_send, notice_send_grouped, preference_set
from register.models import Role

pytestmark = pytest.mark.django_db

STARTS = datetime(2026, 12, 3, 14, 5, tzinfo=ZoneInfo("Europe/Oslo"))


def read_in(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("notifications:list")).content.decode()


def place_for(recipient):
    """A notice caused by someone reading in bokmål, as an organiser's page would."""
    with translation.override("nb"):
        return notice_send(
            recipient=recipient,
            kind="events.registration",
            title=phrase("You have a place: %(title)s", title="Fagdag: Etikk"),
            body=phrase("The event starts %(start)s.", start=STARTS),
            link="/arrangementer/",
        )


def test_a_notice_caused_in_bokmal_reads_in_english_on_an_english_page_and_back(client, plain_user):
    place_for(plain_user)
    client.force_login(plain_user)

    english = read_in(client, "en")
    bokmal = read_in(client, "nb")

    assert "You have a place: Fagdag: Etikk" in english
    assert "The event starts 3 December 2026, 14:05." in english
    assert "Du har fått plass" not in english
    assert "Du har fått plass: Fagdag: Etikk" in bokmal
    assert "Arrangementet starter 3. desember 2026 kl. 14:05." in bokmal


def test_the_api_gives_the_notice_in_the_language_of_the_request(client, plain_user):
    place_for(plain_user)
    client.force_login(plain_user)

    for language, title in (("en", "You have a place: Fagdag: Etikk"), ("nb", "Du har fått plass: Fagdag: Etikk")):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        (notice,) = client.get("/api/v1/notifications/").json()["results"]
        assert notice["title"] == title


def test_the_e_mail_goes_in_the_recipients_language_whatever_the_senders(
    plain_user, school_counsellor, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=plain_user.pk).update(language="en")
    plain_user.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        place_for(plain_user)  # caused in bokmål, read in English
        with translation.override("en"):
            place_for(school_counsellor)  # caused in English, read in bokmål

    by_recipient = {message.to[0]: message for message in mail.outbox}
    english = by_recipient[plain_user.email]
    assert english.subject == "[KarriereNorge] You have a place: Fagdag: Etikk"
    assert "The event starts 3 December 2026, 14:05." in english.body
    assert "You get this e-mail because of your setting for" in english.body and "Stop these e-mails:" in english.body
    bokmal = by_recipient[school_counsellor.email]
    assert bokmal.subject == "[KarriereNorge] Du har fått plass: Fagdag: Etikk"
    assert "Du får denne e-posten på grunn av innstillingen din for" in bokmal.body
    assert "You get this e-mail" not in bokmal.body


def test_the_daily_summary_is_in_the_recipients_language(plain_user):
    User.objects.filter(pk=plain_user.pk).update(language="en")
    plain_user.refresh_from_db()
    preference_set(user=plain_user, kind="events.registration", delivery=Delivery.DIGEST)
    place_for(plain_user)
    place_for(plain_user)

    with translation.override("nb"):
        assert digest_send(user=plain_user) == 2

    (message,) = mail.outbox
    assert message.subject == "[KarriereNorge] Your daily summary: 2 new notices"
    assert message.body.count("* You have a place: Fagdag: Etikk") == 2


def test_a_grouped_notice_counts_in_each_language(client, plain_user):
    def title(count):
        words = {"thread": "Om veiledning", "name": "Kari"}
        if count == 1:
            return phrase("New post in “%(thread)s” by %(name)s", **words)
        return nphrase(
            "%(count)s new posts in “%(thread)s”, the latest by %(name)s",
            "%(count)s new posts in “%(thread)s”, the latest by %(name)s",
            count,
            **words,
        )

    for _ in range(3):
        notice_send_grouped(recipient=plain_user, kind="forum.reply", group="forum.thread:1", title=title)
    client.force_login(plain_user)

    assert "3 new posts in “Om veiledning”, the latest by Kari" in read_in(client, "en")
    assert "3 nye innlegg i «Om veiledning», det siste fra Kari" in read_in(client, "nb")


def test_numbers_and_labels_in_a_notice_follow_the_reader():
    credit = phrase("Verified: %(title)s (%(credits)s credits)", title="Karriereveiledning 1", credits=Decimal("7.5"))
    role = phrase("You are now %(role)s at %(centre)s", role=Role.VERIFIER.label, centre="Karriere Oslo")

    with translation.override("nb"):  # stored as a bokmål page would store them
        stored = [credit.as_json(), role.as_json()]
    credit, role = (type(credit).from_json(data) for data in stored)

    with translation.override("en"):
        assert str(credit) == "Verified: Karriereveiledning 1 (7.5 credits)"
        assert str(role) == "You are now Verifier at Karriere Oslo"
    with translation.override("nb"):
        assert str(credit) == "Godkjent: Karriereveiledning 1 (7,5 studiepoeng)"
        assert str(role) == "Du har fått rollen Godkjenner ved Karriere Oslo"


def test_someones_own_words_are_never_translated(client, plain_user):
    notice_send(recipient=plain_user, kind="events.message", title=verbatim("Verifier"), body=verbatim("100 % sikkert"))
    client.force_login(plain_user)

    bokmal = read_in(client, "nb")

    assert "Verifier" in bokmal and "Godkjenner" not in bokmal
    assert "100 % sikkert" in bokmal


def test_the_language_switch_keeps_a_signed_in_persons_choice_for_their_e_mails(client, plain_user):
    client.force_login(plain_user)

    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    plain_user.refresh_from_db()
    assert plain_user.language == "en"
    page = client.get(reverse("notifications:settings")).content.decode()
    assert "Your e-mails are written in English." in page


def test_an_unknown_language_changes_nothing_and_visitors_can_still_switch(client, plain_user):
    client.force_login(plain_user)
    client.post(reverse("set_language"), {"language": "de", "next": "/"})
    plain_user.refresh_from_db()
    assert plain_user.language == "nb"

    client.logout()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_someone_who_signs_up_in_english_gets_english_e_mails(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    client.post(
        reverse("account_signup"),
        {
            "email": "ny@example.org",
            "full_name": "Ny Veileder",
            "password1": "et-langt-passord-123",
            "password2": "et-langt-passord-123",
        },
    )

    assert User.objects.get(email="ny@example.org").language == "en"


def test_a_notice_whose_wording_lost_a_parameter_still_shows_rather_than_failing_the_page(client, plain_user):
    notice_send(recipient=plain_user, kind="events.registration", title=phrase("You have a place: %(title)s"))
    notice_send(recipient=plain_user, kind="events.registration", title=phrase("Reminder: %(title)s", name="x"))
    client.force_login(plain_user)

    response = client.get(reverse("notifications:list"))

    assert response.status_code == 200
    assert "Reminder: %(title)s" in response.content.decode() or "Påminnelse" in response.content.decode()
