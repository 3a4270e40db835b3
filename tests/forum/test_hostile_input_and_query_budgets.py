"""The forum's reading and writing pages against hostile input (script payloads render inert) and
their fixed query budgets.
"""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from forum import services
from forum.models import Category, Post, ReadState, Thread
from forum.permissions import is_professional
from portal.services import sync_portal_pages
from tests.forum.reading_support import bulk_posts, html, start

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    """These tests read the English source wording; the nb catalogue has its own test."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


XSS_TITLE = '<script>alert("t")</script><img src=x onerror=alert(1)>'


XSS_BODY = (
    "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[klikk](javascript:alert(3))\n\n"
    '<svg onload=alert(4)><script>alert(5)</script></svg>\n\n<a href="javascript:alert(6)">x</a> <b onclick=x>'
)


class _Tags(HTMLParser):
    """Every start tag and attribute of a page, as a browser would parse them."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


# The one script a page may hold: the site's own file, loaded from this site (templates/base.html).
SITE_SCRIPT = ("script", {"src": "/static/js/site.js", "defer": None})


def assert_inert(page):
    """No script element but the site's own, no event handler attribute and no javascript: URL on the page."""
    parser = _Tags()
    parser.feed(page)
    for tag, attrs in parser.tags:
        if (tag, attrs) == SITE_SCRIPT:
            continue
        assert tag not in {"script", "svg", "iframe", "object", "embed"}, (tag, attrs)
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (tag, attrs)


# hostile input


def test_script_payloads_in_titles_and_bodies_render_inert_on_every_page(client, school_counsellor, national):
    thread = start(national, school_counsellor, title=XSS_TITLE, body=XSS_BODY + "\n\nalert")
    services.post_edit(post=thread.posts.get(), editor=school_counsellor, body=XSS_BODY + "\n\nalert endret")
    client.force_login(school_counsellor)
    post = thread.posts.get()
    pages = [
        reverse("forum:index"),
        national.get_absolute_url(),
        thread.get_absolute_url() + "?page=1",
        thread.get_absolute_url() + f"?page=1&quote={post.pk}",
        reverse("forum:post_history", kwargs={"pk": post.pk}),
        reverse("forum:post_edit", kwargs={"pk": post.pk}),
        reverse("forum:search") + "?q=alert",
        reverse("forum:search") + "?q=" + "<script>alert(1)</script>",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(html(response))
    assert escape(XSS_TITLE) in html(client.get(national.get_absolute_url()))


# query budgets


def bulk_threads(category, author, start, count):
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        Thread(
            category=category,
            title=f"Tråd {n}",
            author=author,
            is_question=n % 3 == 0,
            is_pinned=n % 50 == 0,
            post_count=2,
            last_post_at=now,
            last_post_author=author,
        )
        for n in range(start, start + count)
    )
    Post.objects.bulk_create(
        Post(thread=t, number=1, author=author, body="Innlegg", body_html="<p>Innlegg</p>") for t in threads
    )
    Category.objects.filter(pk=category.pk).update(
        thread_count=category.thread_count + count, last_thread=threads[-1], last_post_at=now
    )
    category.thread_count += count


def queries_for(client, url):
    client.get(url)  # the first request of a session does its own bookkeeping
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries), "\n".join(q["sql"] for q in captured.captured_queries)


def many_authors(count):
    return get_user_model().objects.bulk_create(
        get_user_model()(email=f"forfatter{n}@example.org", full_name=f"Forfatter {n}", handle=f"forfatter{n}")
        for n in range(count)
    )


# Every signed-in page pays 3 queries before the forum asks anything: the session, the user and the
# header's unread-notice count (the session is renewed once a minute, not saved on every request).
# The forum's own share: the reader's reach (3: roles with their centres' counties, profile, groups), then
# index 1 (categories with their last thread and its author);
# category 4 (category, COUNT, threads with read state, watch level), where a reader who sees no hidden threads
# gets the category's counter instead of the COUNT;
# thread 6 (thread with its accepted answer, posts with their authors' workplaces, the authors' roles, watch
# level, read state read and moved on; the COUNT comes from the thread's counter);
# search 2 (the best hits' ids and ranks, then the posts shown with thread, category, author and snippet).
REQUEST_OVERHEAD = 3
INDEX_BUDGET = REQUEST_OVERHEAD + 4
CATEGORY_BUDGET = REQUEST_OVERHEAD + 7
THREAD_BUDGET = REQUEST_OVERHEAD + 9
SEARCH_BUDGET = REQUEST_OVERHEAD + 5


def test_the_index_costs_the_same_for_10_and_1000_threads(
    client, school_counsellor, national, county_category, network, django_assert_max_num_queries
):
    client.force_login(school_counsellor)
    categories = [national, county_category, network]
    for n, category in enumerate(categories):
        bulk_threads(category, school_counsellor, n * 10, 4)
    few, sql = queries_for(client, reverse("forum:index"))
    for n, category in enumerate(categories):
        bulk_threads(category, school_counsellor, 100 + n * 1000, 330)
    many, sql_many = queries_for(client, reverse("forum:index"))
    assert many == few, sql_many
    assert "search_vector" not in sql_many
    with django_assert_max_num_queries(INDEX_BUDGET):
        client.get(reverse("forum:index"))
    print(f"index: {many} queries")


def test_the_category_page_costs_the_same_for_10_and_1000_threads(
    client, school_counsellor, national, django_assert_max_num_queries
):
    client.force_login(school_counsellor)
    authors = many_authors(25)
    bulk_threads(national, school_counsellor, 0, 10)
    few, sql = queries_for(client, national.get_absolute_url())
    for n, author in enumerate(authors):
        bulk_threads(national, author, 100 + n * 40, 40)
    ReadState.objects.bulk_create(
        ReadState(user=school_counsellor, thread=t, last_read_number=1) for t in Thread.objects.all()[:500]
    )
    many, sql_many = queries_for(client, national.get_absolute_url())
    assert many == few, sql_many
    assert "search_vector" not in sql_many
    assert 'COUNT(*) AS "__count" FROM "forum_thread"' not in sql_many
    with django_assert_max_num_queries(CATEGORY_BUDGET):
        client.get(national.get_absolute_url() + "?unsolved=1")
    print(f"category: {many} queries")


def test_the_thread_page_costs_the_same_for_10_and_1000_posts(
    client, school_counsellor, colleague, national, django_assert_max_num_queries
):
    thread = start(national, colleague, is_question=True)
    bulk_posts(thread, colleague, 2, 9)
    client.force_login(school_counsellor)
    answer = Post.objects.get(thread=thread, number=5)
    services.answer_accept(thread=thread, post=answer, actor=colleague)
    url = thread.get_absolute_url() + "?page=1"
    few, sql = queries_for(client, url)
    authors = many_authors(20)
    Post.objects.bulk_create(
        Post(thread=thread, number=n, author=authors[n % 20], body="x", body_html="<p>x</p>") for n in range(11, 1001)
    )
    Thread.objects.filter(pk=thread.pk).update(post_count=1000)
    many, sql_many = queries_for(client, url)
    assert many == few, sql_many
    assert "search_vector" not in sql_many  # kilobytes a post that only search reads
    last_page = thread.get_absolute_url() + "?page=50"
    with django_assert_max_num_queries(THREAD_BUDGET) as captured:
        response = client.get(last_page)
    assert [post.number for post in response.context["posts"]] == list(range(981, 1001))
    posts_sql = [q["sql"] for q in captured.captured_queries if q["sql"].startswith('SELECT "forum_post"."id"')]
    # The last page reads its own 20 posts, not the 980 before them as an OFFSET would, and says it wants
    # 20 rows, which keeps PostgreSQL from planning a join for hundreds.
    assert len(posts_sql) == 1
    assert "OFFSET" not in posts_sql[0]
    assert posts_sql[0].endswith("LIMIT 20")
    print(f"thread: {many} queries")


def test_search_costs_the_same_for_10_and_1000_hits(
    client, school_counsellor, colleague, national, django_assert_max_num_queries
):
    thread = start(national, colleague, title="Karriereveiledning", body="Innlegg")
    bulk_posts(thread, colleague, 2, 9)
    client.force_login(school_counsellor)
    url = reverse("forum:search") + "?q=innlegg&page=2"
    few, sql = queries_for(client, url)
    authors = many_authors(20)
    Post.objects.bulk_create(
        Post(thread=thread, number=n, author=authors[n % 20], body=f"Innlegg {n}", body_html="<p>x</p>")
        for n in range(11, 1001)
    )
    many, sql_many = queries_for(client, url)
    assert many == few, sql_many
    with django_assert_max_num_queries(SEARCH_BUDGET):
        response = client.get(url)
    assert len(response.context["page_obj"]) == 20
    print(f"search: {many} queries")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("school_counsellor", True), ("centre_moderator", True), ("national_admin", True), ("plain_user", False)],
)
def test_the_header_rule_agrees_with_the_forum_permission(client, request, persona, expected):
    user = request.getfixturevalue(persona)
    assert is_professional(user) is expected
    sync_portal_pages()  # the front page is the portal's home page
    client.force_login(user)
    assert (f'href="{reverse("forum:index")}"' in html(client.get(reverse("home")))) is expected
