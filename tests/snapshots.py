"""Build test data once and restore it, instead of building it again for every test.

Two tools, both used by the demo tests (see STYLE.md, habit 12):

- ``DatabaseSnapshot``: a copy of the whole test database, taken once per worker and put back
  before each test that needs it. Used by the browser tests, whose live server commits and
  whose database pytest-django flushes after each test, so a transaction cannot undo their
  changes. SQLite copies with its backup API, PostgreSQL within the database (see the class).
- ``shared_transaction``: one outer transaction for a module of read-only checks, filled once
  and rolled back when the module ends. Each test's ``db`` fixture nests in it as a savepoint,
  so what a test changes is still undone before the next one.
"""

import sqlite3
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.test import override_settings


def forget_cached_rows():
    """Drop what the process remembers of rows the restore has replaced (menus, content types)."""
    cache.clear()
    ContentType.objects.clear_cache()


class DatabaseSnapshot:
    """A copy of the default test database that can be put back in a fraction of a second.

    SQLite: the backup API copies the whole database to a second in-memory one and back.
    PostgreSQL: the tables are copied into a schema of their own in the same database and
    copied back in one transaction (DELETE, then INSERT ... SELECT, then the sequences). This
    is an in-database copy rather than ``CREATE DATABASE ... TEMPLATE``: a template cannot be
    copied onto the database the live server is connected to, and dropping and recreating that
    database took 3 to 5 seconds per test here (DROP DATABASE waits for a checkpoint), where
    the copy takes about 0.2 s. Django makes its foreign keys DEFERRABLE INITIALLY DEFERRED,
    so the order in which the tables are emptied and filled does not matter.
    """

    def __init__(self, label):
        self.schema = f"snapshot_{label}"
        self._sqlite_copy = None
        self._restore_sql = None

    @property
    def taken(self):
        return self._sqlite_copy is not None or self._restore_sql is not None

    def take(self):
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            self._sqlite_copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(self._sqlite_copy)
        elif connection.vendor == "postgresql":
            self._take_postgresql()
        else:
            raise NotImplementedError(f"No database snapshot for {connection.vendor}")
        forget_cached_rows()

    def restore(self):
        if self._sqlite_copy is not None:
            connection.ensure_connection()
            self._sqlite_copy.backup(connection.connection)
        else:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(self._restore_sql)
        forget_cached_rows()

    def drop(self):
        if self._sqlite_copy is not None:
            self._sqlite_copy.close()
            self._sqlite_copy = None
        if self._restore_sql is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
            self._restore_sql = None

    def _take_postgresql(self):
        tables = [
            connection.ops.quote_name(name)
            for name in sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))
        ]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE; CREATE SCHEMA {self.schema}")
            cursor.execute("; ".join(f"CREATE TABLE {self.schema}.{table} AS TABLE {table}" for table in tables))
            cursor.execute(
                "SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences "
                "WHERE schemaname = current_schema()"
            )
            sequences = cursor.fetchall()
        # Every name here comes from the database's own catalogue and is quoted.
        statements = [f"DELETE FROM {table}" for table in tables]  # noqa: S608
        statements += [f"INSERT INTO {table} SELECT * FROM {self.schema}.{table}" for table in tables]  # noqa: S608
        # The sequences go back too, so the rows a test adds get the same ids every time.
        statements += [
            f"SELECT setval('{name}', {value}, true)" if value is not None else f"SELECT setval('{name}', 1, false)"
            for name, value in sequences
        ]
        self._restore_sql = "; ".join(statements)


@contextmanager
def shared_transaction(django_db_blocker, fill):
    """One transaction around a module's tests, filled by ``fill()`` and rolled back at the end.

    Yields what ``fill`` returns. Database access is allowed only while filling and rolling
    back: each test still needs the ``db`` fixture, whose transaction nests in this one as a
    savepoint.
    """
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
        try:
            filled = fill()
        except BaseException:
            _roll_back(atomic)
            raise
    try:
        yield filled
    finally:
        with django_db_blocker.unblock():
            _roll_back(atomic)


@contextmanager
def shared_seeding(django_db_blocker, private_media, fill):
    """``shared_transaction`` for a module's demo: the evidence files ``fill`` writes go to ``private_media``.

    The module's tests read them there through the ``private_files_of_the_module`` fixture.
    """
    with override_settings(PRIVATE_MEDIA_ROOT=private_media), shared_transaction(django_db_blocker, fill) as filled:
        yield filled


def _roll_back(atomic):
    transaction.set_rollback(True)
    atomic.__exit__(None, None, None)
    forget_cached_rows()
