"""What the forum moderation view tests share: signing in, starting threads, reading pages, counting queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum import services


def page(response):
    return response.content.decode()


def as_user(client, user):
    client.force_login(user)
    return client


def start(category, author, title="Tråd", body="Innlegg"):
    return services.thread_create(category=category, author=author, title=title, body=body)


def first_post(thread):
    return thread.posts.get(number=1)


def queries_for(client, url):
    """(number of queries, their SQL) for one GET that must succeed, after a warm-up request."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), [q["sql"] for q in captured.captured_queries]


def assert_same_query_count(small, large):
    (n_small, sql_small), (n_large, sql_large) = small, large
    assert n_small == n_large, "Query count grew with the data:\n" + "\n".join(
        sql for sql in sql_large if sql not in sql_small
    )
