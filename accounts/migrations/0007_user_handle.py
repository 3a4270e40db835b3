import django.db.models
from django.db import migrations

import accounts.handles


def _give_handles(apps, schema_editor):
    """Everyone who is here already gets a handle made from their name ("person" and a number without one)."""
    User = apps.get_model("accounts", "User")
    users = list(User.objects.order_by("pk").only("pk", "full_name"))
    bases = [accounts.handles.base_for(user.full_name) for user in users]
    for user, handle in zip(users, accounts.handles.unique_handles(bases, set()), strict=True):
        user.handle = handle
    User.objects.bulk_update(users, ["handle"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_user_language")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="handle",
            field=django.db.models.CharField(max_length=30, null=True, verbose_name="handle"),
        ),
        migrations.RunPython(_give_handles, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="handle",
            field=django.db.models.CharField(
                help_text="Others mention you in the forum with @ and this, such as @kari-nordmann.",
                max_length=30,
                unique=True,
                validators=[accounts.handles.validate_handle],
                verbose_name="handle",
            ),
        ),
    ]
