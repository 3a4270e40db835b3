from django.db import migrations

# Norway's 15 counties from 1 January 2024, with their official numbers.
COUNTIES = [
    ("03", "Oslo", "oslo"),
    ("11", "Rogaland", "rogaland"),
    ("15", "Møre og Romsdal", "more-og-romsdal"),
    ("18", "Nordland", "nordland"),
    ("31", "Østfold", "ostfold"),
    ("32", "Akershus", "akershus"),
    ("33", "Buskerud", "buskerud"),
    ("34", "Innlandet", "innlandet"),
    ("39", "Vestfold", "vestfold"),
    ("40", "Telemark", "telemark"),
    ("42", "Agder", "agder"),
    ("46", "Vestland", "vestland"),
    ("50", "Trøndelag", "trondelag"),
    ("55", "Troms", "troms"),
    ("56", "Finnmark", "finnmark"),
]


def add_counties(apps, schema_editor):
    County = apps.get_model("register", "County")
    for number, name, slug in COUNTIES:
        County.objects.update_or_create(number=number, defaults={"name": name, "slug": slug})


def remove_counties(apps, schema_editor):
    apps.get_model("register", "County").objects.filter(number__in=[c[0] for c in COUNTIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("register", "0001_initial")]

    operations = [migrations.RunPython(add_counties, remove_counties)]
