import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# Each of these foreign keys' own index is the first column of another index on the same table
# (thread: the (thread, number) unique constraint; author: forum_post_author_time), so they only cost
# writes, and the thread one once led PostgreSQL to filter a long thread's posts by number.
# Only the indexes are dropped: altering the fields would drop and re-check the foreign keys as well.
INDEXES = {"thread_id": "forum_post_thread_id_f9fa0a56", "author_id": "forum_post_author_id_609b7963"}


class Migration(migrations.Migration):
    dependencies = [
        ("forum", "0007_thread_latest_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="post",
                    name="thread",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="posts",
                        to="forum.thread",
                    ),
                ),
                migrations.AlterField(
                    model_name="post",
                    name="author",
                    field=models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "forum_post" ("{column}")',
                )
                for column, name in INDEXES.items()
            ],
        ),
    ]
