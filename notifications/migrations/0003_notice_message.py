from django.db import migrations, models


def _words_to_message(apps, schema_editor):
    """Notices written before phrases keep their words as they were: shown alike in every language."""
    Notice = apps.get_model("notifications", "Notice")
    for notice in Notice.objects.only("pk", "title", "body").iterator(chunk_size=2000):
        message = {"title": {"text": notice.title, "verbatim": True}}
        if notice.body:
            message["body"] = {"text": notice.body, "verbatim": True}
        Notice.objects.filter(pk=notice.pk).update(message=message)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0002_grouped_notices")]

    operations = [
        migrations.AddField(
            model_name="notice",
            name="message",
            field=models.JSONField(default=dict, verbose_name="message"),
        ),
        migrations.RunPython(_words_to_message, migrations.RunPython.noop),
        migrations.RemoveField(model_name="notice", name="title"),
        migrations.RemoveField(model_name="notice", name="body"),
    ]
