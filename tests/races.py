"""Tests of two transactions racing for the same rows.

They run on PostgreSQL only (SQLite serialises every write transaction, so the race does not exist there) and in real
transactions, which empty the database when they end: the `counties` fixture (tests/conftest.py) puts back the counties
a migration added.
"""

import pytest
from django.db import connection

ROW_LOCK_RACE = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are a PostgreSQL matter"),
]


def row_lock_race(test):
    """ROW_LOCK_RACE for one test in a module of others."""
    for mark in ROW_LOCK_RACE:
        test = mark(test)
    return test
