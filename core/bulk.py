"""Many rows at once, for the demo seeders: PostgreSQL's COPY, ``bulk_create`` elsewhere.

At national scale the seeders write hundreds of thousands of rows. ``bulk_create`` spends most of
that time in Python building one huge INSERT per batch (each value placed, then the statement split
again by the driver); COPY streams the rows instead, several times faster.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connection, connections
from django.db.models import DateField, DateTimeField, Model
from django.utils import timezone

AS_THEY_ARE = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "DateField",
    "DateTimeField",
    "DecimalField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "UUIDField",
}


def analyze(*models: type[Model]) -> None:
    """Fresh planner statistics for the tables of ``models`` after a bulk insert (PostgreSQL; nothing elsewhere).

    Autovacuum would get to them within minutes; until then the planner plans for the tables' old sizes, and a
    benchmark run right after a national seed measured the centre network's CSV at twice its time.
    """
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def insert_all(objs: Sequence[Model], *, batch_size: int = 2000) -> None:
    """Insert ``objs``, instances of one model, and give each its primary key.

    As with ``bulk_create``: no ``save()``, no signals, many-to-many rows are the caller's (insert the
    through model's rows the same way). Unlike it, a time already set on an ``auto_now``/``auto_now_add``
    field is kept (seeders write the past); an empty one is stamped now. On PostgreSQL the keys are
    drawn from the table's sequence first, then the rows go in with one COPY; database triggers run
    as for any insert.
    """
    if not objs:
        return
    meta = type(objs[0])._meta
    fields = [f for f in meta.concrete_fields if not f.generated]
    stamped = [f for f in fields if isinstance(f, DateField) and (f.auto_now or f.auto_now_add)]
    now, today = timezone.now(), timezone.localdate()
    for obj in objs:
        for field in stamped:
            if getattr(obj, field.attname) is None:
                setattr(obj, field.attname, now if isinstance(field, DateTimeField) else today)
    if connection.vendor != "postgresql":
        with _kept_as_given(stamped):
            type(objs[0])._default_manager.bulk_create(objs, batch_size=batch_size)
        return
    pk = meta.pk
    assert pk is not None  # noqa: S101 - every concrete model has one
    missing = [obj for obj in objs if obj.pk is None]
    with connection.cursor() as cursor:
        if missing:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, pk.column, len(missing)],
            )
            for obj, (key,) in zip(missing, cursor.fetchall(), strict=True):
                obj.pk = key
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        # The driver takes these fields' Python values as they are; the others (JSON, files, ...) are
        # converted by their field, with the connection object itself (the ``connection`` proxy costs a
        # look-up per use).
        real = connections[connection.alias]
        convert = [None if f.get_internal_type() in AS_THEY_ARE else f for f in fields]
        attnames = [f.attname for f in fields]
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                values = obj.__dict__
                copy.write_row(
                    [
                        values[name] if field is None else field.get_db_prep_save(values[name], real)
                        for name, field in zip(attnames, convert, strict=True)
                    ]
                )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


@contextmanager
def _kept_as_given(fields: list[DateField]) -> Iterator[None]:
    """``bulk_create`` stamps ``auto_now(_add)`` fields whatever they hold: switched off meanwhile, in this process."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add
