from django.db import migrations

# Full-text search on PostgreSQL: GIN indexes over exactly the expressions the search
# selector uses (Django's SearchVector with the norwegian configuration). SQLite has no
# such index; the search falls back to a plain match there.
INDEXES = [
    ("forum_post_body_fts", "forum_post", "body"),
    ("forum_thread_title_fts", "forum_thread", "title"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin (to_tsvector('norwegian'::regconfig, COALESCE({column}, '')))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
