"""The forum API (/api/v1/forum/): fixed query budgets, from 10 to 300 rows the same number of queries."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from core.phrases import verbatim
from forum.models import Category, CategoryKind, Post, ReadState, Thread
from notifications.models import Notice
from tests import personas
from tests.factories import api_key
from tests.forum.api_support import CATEGORIES, NOTIFICATIONS, THREADS, posts_url

pytestmark = pytest.mark.django_db


def token_client(user):
    """Token authentication: the budget is the endpoint's own and two queries of knox's (the token with its owner,
    and the owner's other tokens, to delete expired ones), without the session bookkeeping."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user, in_use=True)}", HTTP_ACCEPT_LANGUAGE="en")
    return client


# query budgets: from 10 to 300 rows, the same number of queries


def _queries(client, url, budget, django_assert_max_num_queries):
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
        assert response.status_code == 200
    return len(captured)


def bulk_threads(category, author, count, start=0):
    now = timezone.now()
    return Thread.objects.bulk_create(
        Thread(
            category=category,
            title=f"Tråd {n}",
            author=author,
            is_question=n % 2 == 0,
            is_pinned=n % 50 == 0,
            post_count=2,
            last_post_at=now,
            last_post_author=author,
        )
        for n in range(start, start + count)
    )


def test_the_category_list_keeps_a_fixed_query_budget(
    school_counsellor, colleague, centre, national, django_assert_max_num_queries
):
    client = token_client(school_counsellor)
    latest = bulk_threads(national, colleague, 1)[0]

    def add(count, start):
        Category.objects.bulk_create(
            Category(
                kind=CategoryKind.CENTRE if n % 2 else CategoryKind.NATIONAL,
                centre=centre if n % 2 else None,
                slug=f"kategori-{n}",
                name=f"Kategori {n}",
                read_audience="members",
                start_audience="members",
                reply_audience="members",
                last_thread=latest,
                thread_count=1,
            )
            for n in range(start, start + count)
        )

    add(9, 0)
    few = _queries(client, CATEGORIES, 8, django_assert_max_num_queries)
    add(290, 9)
    many = _queries(client, CATEGORIES, 8, django_assert_max_num_queries)
    assert len(client.get(CATEGORIES).json()) == 300
    assert many == few


def test_the_thread_list_keeps_a_fixed_query_budget(
    school_counsellor, colleague, national, network, django_assert_max_num_queries
):
    client = token_client(school_counsellor)
    few_threads = bulk_threads(national, colleague, 5) + bulk_threads(network, school_counsellor, 5, 5)
    ReadState.objects.bulk_create(ReadState(user=school_counsellor, thread=t, last_read_number=1) for t in few_threads)
    few = _queries(client, THREADS, 9, django_assert_max_num_queries)
    bulk_threads(national, colleague, 145, 10)
    bulk_threads(network, school_counsellor, 145, 155)
    many = [
        _queries(client, url, 9, django_assert_max_num_queries)
        for url in (THREADS, f"{THREADS}?category=praksis&unsolved=true&q=tr%C3%A5d", f"{THREADS}?page=3")
    ]
    assert client.get(THREADS).json()["count"] == 300
    assert many == [few] * 3


def test_the_post_list_keeps_a_fixed_query_budget(
    school_counsellor, colleague, centre, national_thread, django_assert_max_num_queries
):
    client = token_client(school_counsellor)
    authors = [colleague] + [personas.counsellor(home_centre=centre, email=f"v{n}@example.org") for n in range(4)]

    def add(count, start):
        Post.objects.bulk_create(
            Post(
                thread=national_thread,
                number=n,
                author=authors[n % len(authors)],
                body=f"Svar {n}",
                body_html=f"<p>Svar {n}</p>",
                is_hidden=n % 7 == 0,
                is_deleted=n % 11 == 0,
            )
            for n in range(start, start + count)
        )
        Thread.objects.filter(pk=national_thread.pk).update(post_count=start + count - 1)

    add(9, 2)
    few = _queries(client, posts_url(national_thread), 12, django_assert_max_num_queries)
    add(290, 11)
    many = [
        _queries(client, f"{posts_url(national_thread)}?page={page}", 12, django_assert_max_num_queries)
        for page in (1, 8, 15)
    ]
    assert client.get(posts_url(national_thread)).json()["count"] == 300
    assert many == [few] * 3


def test_the_notice_list_keeps_a_fixed_query_budget(school_counsellor, django_assert_max_num_queries):
    client = token_client(school_counsellor)

    def add(count):
        Notice.objects.bulk_create(
            Notice(
                recipient=school_counsellor,
                kind="forum.reply",
                message={"title": verbatim(f"Nytt innlegg {n}").as_json()},
                delivery="off",
            )
            for n in range(count)
        )

    add(10)
    few = _queries(client, NOTIFICATIONS, 9, django_assert_max_num_queries)
    add(290)
    many = _queries(client, NOTIFICATIONS, 9, django_assert_max_num_queries)
    assert client.get(NOTIFICATIONS).json()["count"] == 300
    assert many == few
