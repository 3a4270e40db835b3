"""A moderator removes personal data an author edited out of a post from its edit history, for good: through
the page and through the API, with the reason in the moderation log. Everyone else is refused.
"""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from core.markdown import render
from forum import services
from forum.models import ModerationAction, PostRevision
from tests.forum.api_support import BASE, as_user
from tests.forum.reading_support import html, start

pytestmark = pytest.mark.django_db

SECRET = "Kari Nordmann, født 01.02.2003, bor i Storgata 5"
FIXED = "En elev jeg veileder lurer på yrkesfag."


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def edited_post(network, school_counsellor):
    """A post in Karriere Oslo's network whose author edited a guidance seeker's name and address out."""
    thread = start(network, school_counsellor, title="Råd om yrkesfag", body=SECRET)
    post = thread.posts.get()
    services.post_edit(post=post, editor=school_counsellor, body=FIXED)
    return post


def history_url(post):
    return reverse("forum:post_history", kwargs={"pk": post.pk})


def redact_url(post, revision):
    return reverse("forum:revision_redact", kwargs={"pk": post.pk, "revision_pk": revision.pk})


def revisions_url(post):
    return f"{BASE}posts/{post.pk}/revisions/"


def api_redact_url(post, revision):
    return f"{revisions_url(post)}{revision.pk}/redact/"


def row_of(revision):
    """The revision's database row as stored, every column."""
    return PostRevision.objects.filter(pk=revision.pk).values().get()


# the service


def test_a_moderator_empties_the_text_for_good_and_the_reason_is_logged(edited_post, centre_moderator):
    revision = edited_post.revisions.get()

    services.revision_redact(revision=revision, moderator=centre_moderator, reason="Personopplysninger om en elev")

    row = row_of(revision)
    assert SECRET not in str(row)
    assert row["body"] == "" and row["redacted_at"] is not None and row["redacted_by_id"] == centre_moderator.pk
    logged = ModerationAction.objects.get(action="revision.redacted")
    assert (logged.moderator, logged.post, logged.thread, logged.reason) == (
        centre_moderator,
        edited_post,
        edited_post.thread,
        "Personopplysninger om en elev",
    )
    edited_post.refresh_from_db()
    assert edited_post.body == FIXED  # the current text is the author's, untouched


@pytest.mark.parametrize("who", ["school_counsellor", "colleague", "other_moderator"])
def test_the_author_a_reader_and_another_centres_moderator_may_not(request, edited_post, who):
    revision = edited_post.revisions.get()

    with pytest.raises(PermissionDenied):
        services.revision_redact(revision=revision, moderator=request.getfixturevalue(who), reason="Personvern")

    assert row_of(revision)["body"] == SECRET
    assert not ModerationAction.objects.exists()


def test_a_national_moderator_may_everywhere(edited_post, national_moderator):
    revision = edited_post.revisions.get()

    services.revision_redact(revision=revision, moderator=national_moderator, reason="Personvern")

    assert row_of(revision)["body"] == ""


def test_without_a_reason_or_a_second_time_nothing_changes(edited_post, centre_moderator):
    revision = edited_post.revisions.get()

    with pytest.raises(ValidationError) as refused, translation.override("nb"):
        services.revision_redact(revision=revision, moderator=centre_moderator, reason="   ")
    assert refused.value.message_dict == {"reason": ["Oppgi en begrunnelse: Den lagres i modereringsloggen."]}
    assert row_of(revision)["body"] == SECRET and row_of(revision)["redacted_at"] is None

    services.revision_redact(revision=revision, moderator=centre_moderator, reason="Personvern")
    with pytest.raises(ValidationError), translation.override("en"):
        services.revision_redact(revision=revision, moderator=centre_moderator, reason="Igjen")
    assert ModerationAction.objects.filter(action="revision.redacted").count() == 1


# the pages


def test_a_moderator_removes_the_text_through_the_history_page(client, edited_post, centre_moderator):
    revision = edited_post.revisions.get()
    client.force_login(centre_moderator)
    history = html(client.get(history_url(edited_post)))
    assert SECRET in history and redact_url(edited_post, revision) in history

    form = client.get(redact_url(edited_post, revision))
    assert form.status_code == 200 and SECRET in html(form)
    response = client.post(redact_url(edited_post, revision), {"reason": "Elevens navn og adresse"})

    assert response.status_code == 302 and response["Location"] == history_url(edited_post)
    history = html(client.get(history_url(edited_post)))
    assert SECRET not in history
    assert "[removed by a moderator]" in history and "The text is removed from the edit history." in history
    assert redact_url(edited_post, revision) not in history
    log = html(client.get(reverse("forum:moderation_log")))
    assert "Text removed from the edit history" in log and "Elevens navn og adresse" in log
    assert SECRET not in str(row_of(revision))


def test_the_page_refuses_a_missing_reason_in_norwegian_and_changes_nothing(client, edited_post, centre_moderator):
    revision = edited_post.revisions.get()
    client.force_login(centre_moderator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"

    response = client.post(redact_url(edited_post, revision), {"reason": ""})

    assert response.status_code == 200
    page = html(response)
    assert "Oppgi en begrunnelse: Den lagres i modereringsloggen." in page
    assert row_of(revision)["body"] == SECRET
    assert not ModerationAction.objects.exists()


def test_an_already_removed_text_sends_the_moderator_back_to_the_history(client, edited_post, centre_moderator):
    revision = edited_post.revisions.get()
    services.revision_redact(revision=revision, moderator=centre_moderator, reason="Personvern")
    client.force_login(centre_moderator)

    response = client.post(redact_url(edited_post, revision), {"reason": "Igjen"}, follow=True)

    assert response.redirect_chain == [(history_url(edited_post), 302)]
    assert "This text is already removed." in html(response)
    assert ModerationAction.objects.count() == 1


def test_readers_see_no_remove_link_and_are_refused_and_outsiders_get_a_404(
    client, edited_post, school_counsellor, colleague, outsider
):
    revision = edited_post.revisions.get()
    for reader in (school_counsellor, colleague):
        client.force_login(reader)
        assert redact_url(edited_post, revision) not in html(client.get(history_url(edited_post)))
        assert client.get(redact_url(edited_post, revision)).status_code == 403
        assert client.post(redact_url(edited_post, revision), {"reason": "Personvern"}).status_code == 403
    client.force_login(outsider)
    assert client.get(redact_url(edited_post, revision)).status_code == 404
    assert client.post(redact_url(edited_post, revision), {"reason": "Personvern"}).status_code == 404
    assert row_of(revision)["body"] == SECRET


def test_anonymous_visitors_are_sent_to_log_in(client, edited_post):
    url = redact_url(edited_post, edited_post.revisions.get())
    client.cookies.clear()

    for response in (client.get(url), client.post(url, {"reason": "Personvern"})):
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert row_of(edited_post.revisions.get())["body"] == SECRET


def test_a_moderator_cannot_reach_a_revision_through_another_posts_address(client, edited_post, centre_moderator):
    revision = edited_post.revisions.get()
    other = start(edited_post.thread.category, centre_moderator, title="Annen", body="Annet").posts.get()
    client.force_login(centre_moderator)

    assert client.get(redact_url(other, revision)).status_code == 404
    assert client.post(redact_url(other, revision), {"reason": "Personvern"}).status_code == 404
    assert row_of(revision)["body"] == SECRET


# the API


def test_the_api_lists_the_history_and_a_moderator_redacts_through_it(edited_post, centre_moderator, colleague):
    revision = edited_post.revisions.get()
    reader = as_user(colleague)
    listed = reader.get(revisions_url(edited_post))
    assert listed.status_code == 200
    assert listed.json()["results"] == [
        {
            "id": revision.pk,
            "created_at": listed.json()["results"][0]["created_at"],
            "edited_by": {
                "id": edited_post.author.pk,
                "name": edited_post.author.get_full_name(),
                "handle": edited_post.author.handle,
            },
            "body": SECRET,
            "body_html": render(SECRET),
            "redacted": False,
            "redacted_at": None,
        }
    ]

    response = as_user(centre_moderator).post(api_redact_url(edited_post, revision), {"reason": "Personvern"})

    assert response.status_code == 200, response.content
    assert response.json()["redacted"] is True and response.json()["body"] is None
    assert response.json()["body_html"] is None and response.json()["redacted_at"]
    after = reader.get(revisions_url(edited_post))
    assert SECRET not in after.content.decode() and after.json()["results"][0]["redacted"] is True
    assert SECRET not in str(row_of(revision))
    assert ModerationAction.objects.get().reason == "Personvern"


def test_the_api_refuses_readers_a_missing_reason_and_a_second_time(
    edited_post, centre_moderator, school_counsellor, outsider
):
    revision = edited_post.revisions.get()
    url = api_redact_url(edited_post, revision)

    refused = as_user(school_counsellor).post(url, {"reason": "Personvern"})
    assert refused.status_code == 403 and refused.json()["detail"] == "Only the category's moderators can do this."
    assert as_user(outsider).post(url, {"reason": "Personvern"}).status_code == 404
    assert as_user(outsider).get(revisions_url(edited_post)).status_code == 404
    no_reason = as_user(centre_moderator).post(url, {"reason": ""})
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    assert row_of(revision)["body"] == SECRET and not ModerationAction.objects.exists()

    assert as_user(centre_moderator).post(url, {"reason": "Personvern"}).status_code == 200
    again = as_user(centre_moderator).post(url, {"reason": "Igjen"})
    assert again.status_code == 400 and "This text is already removed." in again.content.decode()
    assert ModerationAction.objects.count() == 1


def test_a_hidden_posts_history_is_for_its_moderators_only(edited_post, centre_moderator, colleague):
    services.post_set_hidden(post=edited_post, moderator=centre_moderator, hidden=True, reason="Ute av tema")

    assert as_user(colleague).get(revisions_url(edited_post)).status_code == 404
    assert as_user(centre_moderator).get(revisions_url(edited_post)).json()["results"][0]["body"] == SECRET


@pytest.mark.parametrize("edits", [2, 12])
def test_the_history_list_costs_the_same_queries_however_long_it_is(
    edits, edited_post, school_counsellor, colleague, django_assert_max_num_queries
):
    for number in range(edits):
        services.post_edit(post=edited_post, editor=school_counsellor, body=f"Versjon {number}")
    reader = as_user(colleague)

    with django_assert_max_num_queries(12):
        assert reader.get(revisions_url(edited_post)).status_code == 200
