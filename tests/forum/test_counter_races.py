"""A post is deleted while someone starts a thread in the same category (PostgreSQL): the category's counter,
which a reader's page count comes from, still counts every thread readers see."""

import threading
import time

from django.db import connection, connections, transaction

from forum import services
from forum.models import Category, Thread
from tests.races import ROW_LOCK_RACE

pytestmark = [*ROW_LOCK_RACE]


def _a_transaction_waits_for_a_lock(timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
        time.sleep(0.05)
    return False


def test_deleting_a_post_while_a_thread_is_started_leaves_the_category_count_right(
    counties, national, colleague, school_counsellor
):
    earlier = services.thread_create(category=national, author=colleague, title="Verktøy", body="Tips?")
    created = threading.Event()
    commit = threading.Event()
    errors = []

    def start_a_thread():
        try:
            with transaction.atomic():
                services.thread_create(category=national, author=school_counsellor, title="Ny tråd", body="Hei")
                created.set()
                commit.wait(10)
        except Exception as error:  # the test fails below with what went wrong here
            errors.append(error)
            created.set()
        finally:
            connections.close_all()

    def delete_a_post():
        try:
            created.wait(10)
            services.post_delete(post=earlier.posts.get(number=1), actor=colleague)
        except Exception as error:  # as above
            errors.append(error)
        finally:
            connections.close_all()

    starter, deleter = threading.Thread(target=start_a_thread), threading.Thread(target=delete_a_post)
    starter.start()
    deleter.start()
    assert _a_transaction_waits_for_a_lock(), "the deleter never waited for the starter"
    commit.set()
    starter.join(15)
    deleter.join(15)

    assert not errors, errors
    visible = Thread.objects.filter(category=national, is_hidden=False).count()
    assert visible == 2
    assert Category.objects.get(pk=national.pk).thread_count == visible
