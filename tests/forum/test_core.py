import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from forum import services
from forum.models import Post, Thread, WatchLevel
from forum.permissions import can_read_thread, categories_visible_to, threads_visible_to
from forum.selectors import search, thread_list
from notifications.models import Notice

pytestmark = pytest.mark.django_db


def test_a_question_in_the_network_mentions_a_colleague_who_is_told_and_replies(
    school_counsellor, colleague, network, outsider
):
    thread = services.thread_create(
        category=network,
        author=school_counsellor,
        title="Hvordan veileder dere voksne innvandrere?",
        body="Hei @senter, har du erfaring med dette?",
        is_question=True,
    )
    assert Notice.objects.filter(recipient=colleague, kind="forum.mention").count() == 1

    reply = services.post_create(thread=thread, author=colleague, body="Ja, vi bruker samtalemodellen.")
    assert Notice.objects.filter(recipient=school_counsellor, kind="forum.reply").count() == 1
    services.answer_accept(thread=thread, post=reply, actor=school_counsellor)

    thread.refresh_from_db()
    assert (thread.post_count, thread.accepted_post) == (2, reply)
    network.refresh_from_db()
    assert (network.thread_count, network.post_count, network.last_thread) == (1, 2, thread)
    assert not can_read_thread(outsider, thread)
    assert network not in categories_visible_to(outsider)
    assert list(threads_visible_to(outsider)) == []


def test_a_mention_of_someone_who_cannot_read_the_thread_tells_them_nothing(school_counsellor, network, outsider):
    services.thread_create(category=network, author=school_counsellor, title="Internt", body="@nav se her")
    assert not Notice.objects.filter(recipient=outsider).exists()


def test_scripts_and_javascript_links_do_not_survive_rendering(school_counsellor, national):
    payload = (
        "<script>alert(1)</script> <img src=x onerror=alert(2)> [klikk](javascript:alert(3)) <svg onload=alert(4)>"
    )
    thread = services.thread_create(category=national, author=school_counsellor, title="<b>x</b>", body=payload)
    html = thread.posts.get().body_html
    assert "<script" not in html and "<img" not in html and "<svg" not in html
    assert 'href="javascript' not in html


@pytest.mark.parametrize("body", ["", "   ", "x" * 20001])
def test_empty_or_over_long_posts_are_refused(school_counsellor, national, body):
    with pytest.raises(ValidationError):
        services.thread_create(category=national, author=school_counsellor, title="Tittel", body=body)
    assert not Thread.objects.exists()


def test_locked_threads_and_announcement_categories_refuse_ordinary_posts(
    school_counsellor, colleague, centre_moderator, network, announcements
):
    with pytest.raises(PermissionDenied):
        services.thread_create(category=announcements, author=school_counsellor, title="Hei", body="Hei")
    thread = services.thread_create(category=network, author=school_counsellor, title="Tråd", body="Start")
    services.thread_moderate(thread=thread, moderator=centre_moderator, action="lock", reason="Ferdig diskutert")
    with pytest.raises(PermissionDenied):
        services.post_create(thread=thread, author=colleague, body="Et svar til")
    assert Post.objects.filter(thread=thread).count() == 1


def test_the_eleventh_post_within_a_minute_is_refused(school_counsellor, national):
    thread = services.thread_create(category=national, author=school_counsellor, title="Mange", body="1")
    for n in range(9):
        services.post_create(thread=thread, author=school_counsellor, body=f"svar {n}")
    with pytest.raises(ValidationError):
        services.post_create(thread=thread, author=school_counsellor, body="for mye")


def test_three_flags_hide_a_post_until_a_moderator_decides(
    school_counsellor, colleague, centre_moderator, network, centre
):
    from tests import personas

    thread = services.thread_create(category=network, author=school_counsellor, title="Tråd", body="Spam spam")
    post = thread.posts.get()
    flaggers = [colleague] + [personas.counsellor(home_centre=centre, email=f"f{n}@example.org") for n in range(2)]
    for user in flaggers:
        services.flag_create(post=post, user=user, reason="spam")
    post.refresh_from_db()
    assert post.is_hidden
    services.post_set_hidden(post=post, moderator=centre_moderator, hidden=False, reason="Ikke spam")
    post.refresh_from_db()
    assert not post.is_hidden
    assert thread.moderation_actions.get().reason == "Ikke spam"


def test_an_edit_keeps_the_old_text_in_the_history(school_counsellor, colleague, national):
    thread = services.thread_create(category=national, author=school_counsellor, title="Tråd", body="Første utkast")
    post = thread.posts.get()
    services.post_edit(post=post, editor=school_counsellor, body="Rettet tekst")
    assert [r.body for r in post.revisions.all()] == ["Første utkast"]
    with pytest.raises(PermissionDenied):
        services.post_edit(post=post, editor=colleague, body="Ikke min")


def test_muted_threads_send_nothing_and_unread_markers_follow_reading(school_counsellor, colleague, national):
    thread = services.thread_create(category=national, author=school_counsellor, title="Tråd", body="Start")
    services.watch_set(user=school_counsellor, thread=thread, level=WatchLevel.MUTED)
    services.post_create(thread=thread, author=colleague, body="Svar")
    assert not Notice.objects.filter(recipient=school_counsellor, kind="forum.reply").exists()
    row = thread_list(school_counsellor).get(pk=thread.pk)
    assert row.has_unread
    services.read_state_mark(user=school_counsellor, thread=thread, number=2)
    assert not thread_list(school_counsellor).get(pk=thread.pk).has_unread


def test_search_finds_posts_only_in_threads_the_user_may_read(school_counsellor, outsider, network, national):
    services.thread_create(category=network, author=school_counsellor, title="Lønnsforhandling", body="Om lønn")
    services.thread_create(category=national, author=school_counsellor, title="Karriereverktøy", body="Om verktøy")
    assert [p.thread.title for p in search(school_counsellor, "verktøy")] == ["Karriereverktøy"]
    assert list(search(outsider, "lønn")) == []
    assert [p.thread.title for p in search(school_counsellor, "lønn")] == ["Lønnsforhandling"]


def test_a_flag_tells_the_category_moderators_but_not_other_centres_moderators(
    school_counsellor, colleague, centre_moderator, network, other_centre
):
    from register.models import Role
    from tests import personas

    elsewhere = personas.centre_staff(other_centre, Role.MODERATOR, email="annen.moderator@example.org")
    thread = services.thread_create(category=network, author=school_counsellor, title="Tråd", body="Navn på veisøker")
    services.flag_create(post=thread.posts.get(), user=colleague, reason="personal_data")
    assert Notice.objects.filter(recipient=centre_moderator, kind="forum.flag").count() == 1
    assert not Notice.objects.filter(recipient=elsewhere, kind="forum.flag").exists()
