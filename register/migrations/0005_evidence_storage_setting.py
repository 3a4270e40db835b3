# The evidence fields take their storage from STORAGES["private"] (local disk or an S3 bucket) through a
# callable. Only the migration state changes: the column is the same, so no SQL runs (on SQLite a plain
# AlterField would copy both tables for nothing).

import register.evidence
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('register', '0004_attendancecertificate_statementlookup_certificate_and_more'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='cpdactivity',
                    name='evidence',
                    field=models.FileField(blank=True, max_length=300, storage=register.evidence.get_private_storage, upload_to=register.evidence.evidence_upload_to, verbose_name='evidence'),
                ),
                migrations.AlterField(
                    model_name='creditentry',
                    name='evidence',
                    field=models.FileField(max_length=300, storage=register.evidence.get_private_storage, upload_to=register.evidence.evidence_upload_to, verbose_name='evidence'),
                ),
            ],
        ),
    ]
