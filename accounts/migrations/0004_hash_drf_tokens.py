"""Move the API tokens of Django REST framework's ``authtoken`` app (plain-text keys, never expiring) into
``accounts.ApiToken`` (knox: only a hash is kept, every token expires), then drop the old table.

knox finds a token by the first characters of the key it is sent and compares hashes, whatever the key's
length, so a 40-character DRF key hashed here keeps working unchanged: nobody's script breaks on the day
of the upgrade. Each moved token is unnamed and expires ``API_TOKEN_TTL_DAYS`` after this migration, so
old keys do not live on for ever; the owner sees it on the token page and makes a named one.

The app ``rest_framework.authtoken`` is no longer installed, so its table is read with plain SQL (a new
database never had it), and its migration records go with it: the database looks as if the app was never
there. Its content types and permissions are left to ``manage.py remove_stale_contenttypes``.
"""

import datetime

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from django.utils.dateparse import parse_datetime

OLD_TABLE = "authtoken_token"


def _aware(value):
    if isinstance(value, str):  # SQLite hands plain SQL its text
        value = parse_datetime(value)
    if value is None:
        return timezone.now()
    return value if timezone.is_aware(value) else timezone.make_aware(value, datetime.UTC)


def hash_drf_tokens(apps, schema_editor):
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS

    connection = schema_editor.connection
    if OLD_TABLE not in connection.introspection.table_names():
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote('key')}, {quote('user_id')}, {quote('created')} FROM {quote(OLD_TABLE)}")
        rows = cursor.fetchall()
    ApiToken = apps.get_model("accounts", "ApiToken")
    expiry = timezone.now() + datetime.timedelta(days=settings.API_TOKEN_TTL_DAYS)
    for key, user_id, created in rows:
        token = ApiToken.objects.create(
            digest=hash_token(key), token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH], user_id=user_id, expiry=expiry
        )
        # ``created`` is set on insert (auto_now_add); the token keeps the day it was really made.
        ApiToken.objects.filter(pk=token.pk).update(created=_aware(created))
    schema_editor.execute(f"DROP TABLE {quote(OLD_TABLE)}")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {quote('django_migrations')} WHERE {quote('app')} = %s", ["authtoken"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_api_tokens")]

    # The plain keys are gone for good: going back leaves the hashed tokens where they are.
    operations = [migrations.RunPython(hash_drf_tokens, migrations.RunPython.noop)]
