from django.db import migrations, models

from core.phrases import Phrase


def _words_to_message(apps, schema_editor):
    """Notices written before phrases keep their words as they were: shown alike in every language."""
    Notice = apps.get_model("notifications", "Notice")
    notices = list(Notice.objects.only("pk", "title", "body"))
    for notice in notices:
        notice.message = {"title": {"text": notice.title, "verbatim": True}}
        if notice.body:
            notice.message["body"] = {"text": notice.body, "verbatim": True}
    Notice.objects.bulk_update(notices, ["message"], batch_size=2000)


def _message_to_words(apps, schema_editor):
    """Back to fixed words, in the site's language (the language active when migrating)."""
    Notice = apps.get_model("notifications", "Notice")
    notices = list(Notice.objects.only("pk", "message"))
    for notice in notices:
        notice.title = str(Phrase.from_json(notice.message.get("title", {})))[:300]
        notice.body = str(Phrase.from_json(notice.message.get("body", {})))
    Notice.objects.bulk_update(notices, ["title", "body"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_grouped_notices")]

    operations = [
        migrations.AddField(
            model_name="notice",
            name="message",
            field=models.JSONField(default=dict, verbose_name="message"),
        ),
        migrations.RunPython(_words_to_message, _message_to_words),
        # With defaults, so that undoing the removal can add the columns back to a table that has rows.
        migrations.AlterField(
            model_name="notice", name="title", field=models.CharField(default="", max_length=300, verbose_name="title")
        ),
        migrations.AlterField(
            model_name="notice", name="body", field=models.TextField(blank=True, default="", verbose_name="text")
        ),
        migrations.RemoveField(model_name="notice", name="title"),
        migrations.RemoveField(model_name="notice", name="body"),
    ]
