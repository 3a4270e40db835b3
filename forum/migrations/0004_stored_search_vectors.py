import django.contrib.postgres.search
from django.db import migrations

# Full-text search on PostgreSQL reads stored vectors: each row's text as the norwegian configuration
# reads it, kept by PostgreSQL's own tsvector_update_trigger on every insert and update (bulk inserts
# included), and GIN-indexed. A search then ranks and rechecks matches from the stored vector instead
# of computing to_tsvector for every matching post (the expression indexes of 0002 go). SQLite keeps
# the columns empty; the search matches plain text there.
TABLES = [
    # table, text column, index, the expression index it replaces
    ("forum_post", "body", "forum_post_search_vector", "forum_post_body_fts"),
    ("forum_thread", "title", "forum_thread_search_vector", "forum_thread_title_fts"),
]


def store(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column, index, old_index in TABLES:
        schema_editor.execute(
            f"UPDATE {table} SET search_vector = to_tsvector('pg_catalog.norwegian'::regconfig, COALESCE({column}, ''))"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_search_vector BEFORE INSERT OR UPDATE ON {table} FOR EACH ROW "
            f"EXECUTE FUNCTION tsvector_update_trigger(search_vector, 'pg_catalog.norwegian', {column})"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_vector)")
        schema_editor.execute(f"DROP INDEX IF EXISTS {old_index}")


def unstore(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column, index, old_index in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {old_index} ON {table} "
            f"USING gin (to_tsvector('norwegian'::regconfig, COALESCE({column}, '')))"
        )


class Migration(migrations.Migration):
    dependencies = [("forum", "0003_thread_listing_in_list_order")]

    operations = [
        migrations.AddField(
            model_name="post",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="thread",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(store, unstore),
    ]
