"""@mentions by a stable handle: how handles are made and chosen, who a mention reaches (and never an e-mail
address), mentions as links to a profile card, the editor's suggestions, and the writer told when a mention
reached no one."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.handles import base_for, unique_handles
from forum import services
from notifications.models import Notice
from tests import personas
from tests.factories import UserFactory
from tests.forum.api_support import BASE, as_user, posts_url
from tests.forum.reading_support import html, start

pytestmark = pytest.mark.django_db
User = get_user_model()


def english(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def mentions_of(user):
    return Notice.objects.filter(recipient=user, kind="forum.mention").count()


# handles


@pytest.mark.parametrize(
    ("name", "handle"),
    [("Kari Nordmann", "kari-nordmann"), ("Bjørn Ås Ærlig", "bjorn-as-aerlig"), ("", "person"), ("Å", "a1")],
)
def test_a_handle_is_made_from_the_name_and_never_from_the_address(name, handle):
    assert base_for(name) == handle


def test_a_taken_handle_gets_the_next_free_number():
    assert unique_handles(["kari", "kari", "ola"], {"kari", "kari2"}) == ["kari3", "kari4", "ola"]


def test_someone_created_without_a_handle_gets_a_free_one_from_their_name():
    first = User.objects.create_user("kari1@example.org", full_name="Kari Nordmann")
    second = User.objects.create_user("kari2@example.org", full_name="Kari Nordmann")

    assert (first.handle, second.handle) == ("kari-nordmann", "kari-nordmann2")


def sign_up(client, **fields):
    data = {"email": "ny@example.org", "full_name": "Kari Nordmann", "password1": "et-langt-passord-123"}
    data["password2"] = data["password1"]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.post(reverse("account_signup"), {**data, **fields})


def test_a_handle_is_chosen_at_sign_up_or_made_from_the_name(client):
    sign_up(client, handle="@KariN")
    assert User.objects.get(email="ny@example.org").handle == "karin"

    client.logout()
    sign_up(client, email="ny2@example.org", handle="")
    assert User.objects.get(email="ny2@example.org").handle == "kari-nordmann"


@pytest.mark.parametrize(
    ("handle", "message"),
    [
        ("kari nordmann", "Use 2 to 30 small letters a-z, digits, and . _ or - between them"),
        ("-kari", "Use 2 to 30 small letters a-z"),
        ("skole", "Someone already has the handle @skole. Choose another."),
    ],
)
def test_a_bad_or_taken_handle_is_refused_at_the_field_and_no_account_is_made(client, handle, message):
    UserFactory(email="skole@example.org")

    response = sign_up(client, handle=handle)

    assert response.status_code == 200
    assert message in html(response)
    assert 'value="Kari Nordmann"' in html(response)
    assert not User.objects.filter(email="ny@example.org").exists()


# who a mention reaches


def test_a_mention_reaches_the_person_with_that_handle_even_at_the_end_of_a_sentence(
    school_counsellor, colleague, network
):
    start(network, school_counsellor, body="Spør gjerne @senter.")

    assert mentions_of(colleague) == 1


def test_a_person_without_a_name_gets_a_handle_that_does_not_show_their_address():
    assert User.objects.create_user("kari.nordmann@example.org").handle == "person"


def test_an_address_is_never_a_mention_and_a_handle_is_not_an_address_prefix(school_counsellor, centre, network):
    ola = personas.counsellor(home_centre=centre, email="ola@example.org")
    ola.handle = "ola-hansen"
    ola.save(update_fields=["handle"])

    start(network, school_counsellor, body="Skriv til ola@example.org, eller @ola om det haster.")

    assert mentions_of(ola) == 0


def test_a_mention_added_by_an_edit_is_told_once_and_an_old_one_not_again(school_counsellor, colleague, network):
    thread = start(network, school_counsellor, body="Hei @senter")
    post = thread.posts.get(number=1)
    services.post_edit(post=post, editor=school_counsellor, body="Hei @senter, se over dette")
    assert mentions_of(colleague) == 1

    other = UserFactory(email="annen@example.org")
    services.post_edit(post=post, editor=school_counsellor, body="Hei @senter og @annen")
    assert mentions_of(colleague) == 1
    assert mentions_of(other) == 0  # not a professional, so not a handle the forum knows


# mentions in the page


def test_a_mention_links_to_the_profile_card_but_not_in_code_or_for_unknown_handles(
    client, school_counsellor, colleague, network
):
    thread = start(network, school_counsellor, body="Hei @senter og @ingen. Skriv `@senter` for å nevne.")

    page = html(english(client, school_counsellor).get(thread.get_absolute_url()))

    card = reverse("forum:person", kwargs={"handle": "senter"})
    assert page.count(f'<a class="mention" href="{card}">@senter</a>') == 1
    assert "<code>@senter</code>" in page
    assert "@ingen" in page and 'href="/forum/personer/ingen/"' not in page


def test_a_professional_sees_who_someone_is_on_their_card(client, school_counsellor, colleague):
    page = html(english(client, school_counsellor).get(reverse("forum:person", kwargs={"handle": "senter"})))

    assert colleague.full_name in page and "@senter" in page
    assert "Testby videregående skole" in page


@pytest.mark.parametrize("handle", ["ingen", "vanlig"])
def test_a_handle_no_professional_has_is_a_404(client, school_counsellor, plain_user, handle):
    response = english(client, school_counsellor).get(reverse("forum:person", kwargs={"handle": handle}))

    assert response.status_code == 404


def test_cards_and_suggestions_are_for_professionals_only(client, plain_user, colleague):
    card = reverse("forum:person", kwargs={"handle": "senter"})
    suggestions = reverse("forum:handle_suggestions") + "?q=se"

    for url in (card, suggestions):
        assert client.get(url).status_code == 302  # to the login page
    english(client, plain_user)
    for url in (card, suggestions):
        assert client.get(url).status_code == 403


# the editor's suggestions


def test_suggestions_match_handles_first_then_names_and_only_professionals(
    client, school_counsellor, colleague, centre, django_assert_max_num_queries
):
    by_name = personas.counsellor(home_centre=centre, email="x1@example.org", full_name="Selma Berg")
    UserFactory(email="sekretaer@example.org")  # not a professional
    english(client, school_counsellor)

    with django_assert_max_num_queries(10):  # the request and the forum reach (8), people, their roles
        results = client.get(reverse("forum:handle_suggestions"), {"q": "@se"}).json()["results"]

    assert [r["handle"] for r in results] == ["senter", by_name.handle]
    assert results[0]["url"] == reverse("forum:person", kwargs={"handle": "senter"})
    assert "Testby videregående skole" in results[0]["line"]
    assert client.get(reverse("forum:handle_suggestions"), {"q": ""}).json() == {"results": []}


# the writer is told


def test_the_writer_is_told_when_a_mention_reaches_no_one(client, school_counsellor, colleague, outsider, network):
    thread = start(network, school_counsellor)
    english(client, school_counsellor)

    response = client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}), {"body": "Hei @senter, @nav og @finnesikke"}, follow=True
    )

    page = html(response)
    assert f"{outsider.full_name} (@nav) cannot read this thread and was not told." in page
    assert "No one in the forum has the handle @finnesikke, so no one was told." in page
    assert "(@senter) cannot read" not in page
    assert mentions_of(colleague) == 1 and mentions_of(outsider) == 0


# the API


def test_the_api_tells_the_writer_what_their_mentions_did_not_reach(school_counsellor, colleague, outsider, network):
    thread = start(network, school_counsellor)
    writer = as_user(school_counsellor)

    written = writer.post(posts_url(thread), {"body": "Hei @senter, @nav og @finnesikke"}, format="json")

    assert written.status_code == 201
    assert written.json()["mentions_not_told"] == {"unknown": ["finnesikke"], "cannot_read": ["nav"]}
    assert written.json()["author"]["handle"] == "skole"
    edited = writer.patch(f"{BASE}posts/{written.json()['id']}/", {"body": "Hei @senter"}, format="json")
    assert edited.json()["mentions_not_told"] == {"unknown": [], "cannot_read": []}
    assert mentions_of(colleague) == 1 and mentions_of(outsider) == 0


# bad input


def test_odd_handles_and_searches_are_a_404_or_nothing_found_never_an_error(client, school_counsellor):
    english(client, school_counsellor)

    assert client.get("/forum/personer/%00/").status_code == 404
    assert client.get("/forum/personer/Ola%20Nordmann/").status_code == 404
    for q in ("\x00", "<script>", "x" * 500):
        response = client.get(reverse("forum:handle_suggestions"), {"q": q})
        assert response.status_code == 200 and response.json() == {"results": []}


def test_a_mention_in_code_is_an_example_and_tells_no_one(school_counsellor, colleague, network):
    start(network, school_counsellor, body="Skriv `@senter` for å nevne.\n\n```\n@senter\n```")

    assert mentions_of(colleague) == 0


def test_more_than_twenty_mentions_are_refused_with_the_reason(school_counsellor, network):
    body = " ".join(f"@person{n}" for n in range(21))

    with pytest.raises(ValidationError) as refused:
        start(network, school_counsellor, body=body)

    assert "You can mention at most 20 people in one post." in str(refused.value)


def test_a_crafted_link_title_cannot_carry_markup_into_the_mention_links(school_counsellor, colleague, network):
    thread = start(
        network, school_counsellor, body='[t](https://example.org "a></a>@senter <img src=x onerror=alert(1)>")'
    )

    body_html = thread.posts.get(number=1).body_html

    assert "<img" not in body_html and "onerror=alert(1)>" not in body_html.replace("&gt;", ">").split('"')[0]
    assert 'class="mention"' not in body_html
