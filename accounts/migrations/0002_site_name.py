from urllib.parse import urlsplit

from django.conf import settings
from django.db import migrations


def name_the_site(apps, schema_editor):
    """E-mails from allauth greet with the site's name; the default row says example.com."""
    Site = apps.get_model("sites", "Site")
    domain = urlsplit(settings.SITE_URL).netloc or "karrierenorge.no"
    Site.objects.update_or_create(pk=settings.SITE_ID, defaults={"name": "KarriereNorge", "domain": domain})


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("sites", "0002_alter_domain_unique")]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
