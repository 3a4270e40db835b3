"""What the centre staff page tests share: dates, logging credits and hours, signing in, counting queries."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from register import services
from tests.factories import pdf_upload, today


def log_credit(owner, areas, *, credits="10", title="Karriereveiledning 1", evidence=None, **kwargs):
    return services.credit_create(
        owner=owner,
        title=title,
        institution="Høgskolen i Innlandet",
        credits=credits,
        completed_on=kwargs.pop("completed_on", today() - datetime.timedelta(days=30)),
        areas=areas,
        evidence=evidence or pdf_upload(),
        **kwargs,
    )


def log_hours(owner, hours="25", evidence=None):
    return services.cpd_create(
        owner=owner,
        title="Fagdag",
        date=today() - datetime.timedelta(days=10),
        hours=hours,
        kind="course",
        evidence=evidence,
    )


def csv_body(response):
    """A streamed CSV download's text, read now (without the byte-order mark)."""
    return b"".join(response.streaming_content).decode("utf-8-sig")


def page(response):
    return response.content.decode()


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def queries_for(client, url):
    """(number of queries, their SQL) for one GET that must succeed, after a warm-up request.

    The warm-up lets first-request bookkeeping (the session record) happen outside the count.
    """
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
