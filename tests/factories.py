"""Test data built through the same services the app uses, so audit rows and notices exist too."""

import datetime
from importlib import import_module

import factory
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.services import api_token_create, api_token_mark_used
from register.models import Centre, CompetenceArea, County, RequirementSet

PASSWORD = "correct-horse-battery-staple"


def today():
    """Today in Oslo, asked when the test runs: a module constant goes stale in a run that crosses midnight."""
    return timezone.localdate()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="no_NO")
    # The address's first part, so a test mentions skole@example.org as @skole (sign-up makes it from the name).
    handle = factory.LazyAttribute(lambda user: user.email.split("@")[0].replace("+", "-").lower())
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            if extracted is not False:
                EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def api_key(user, name="Testskript", *, in_use=False):
    """The key of a new API token of ``user``, made as the token page makes it.

    ``in_use``: the token was used a moment ago, so its "last used" is up to date and the next request does not
    write it (query budgets measure a script in steady use; the first use of a token in an hour costs one write).
    """
    token, key = api_token_create(user=user, name=name)
    if in_use:
        api_token_mark_used(token=token)
    return key


def restore_counties():
    """Put back the 15 counties the register's migration adds, after a flush or a transactional test emptied them."""
    import_module("register.migrations.0002_counties").add_counties(apps, None)


def county(number="03"):
    return County.objects.get(number=number)


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre

    name = factory.Sequence(lambda n: f"Karriere Testsenter {n}")
    slug = factory.Sequence(lambda n: f"karriere-testsenter-{n}")
    county = factory.LazyFunction(county)
    address = "Storgata 1"
    postcode = "0155"
    place = "Oslo"
    email = factory.Sequence(lambda n: f"post{n}@senter.example")
    is_active = True


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def pdf_upload(name="kursbevis.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def competence_areas():
    """The seven areas of the competence standard (area 1 by its name, six demo areas)."""
    names = ["Veiledningsprosesser og relasjoner"] + [f"Demoområde {n}" for n in range(2, 8)]
    return [
        CompetenceArea.objects.get_or_create(
            number=number, defaults={"name_nb": name, "name_en": f"Area {number}", "is_demo": number > 1}
        )[0]
        for number, name in enumerate(names, start=1)
    ]


def requirement_set(
    workplace_type, *, areas, min_credits=60, min_core_credits=0, cpd_hours=25, effective_from=None, **cycle
):
    """A set in force from 1 January 2024 (``cycle``: cpd_cycle, cpd_cycle_months, cpd_min_evidenced_hours)."""
    requirement = RequirementSet.objects.create(
        workplace_type=workplace_type,
        name=f"Minstekrav {workplace_type}",
        effective_from=effective_from or datetime.date(2024, 1, 1),
        min_credits=min_credits,
        min_core_credits=min_core_credits,
        cpd_hours=cpd_hours,
        **cycle,
    )
    requirement.required_areas.set(areas)
    return requirement
