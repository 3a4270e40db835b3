"""Test data built through the same services the app uses, so audit rows and notices exist too."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from register.models import Centre, County

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="no_NO")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create:
            obj.save()
            if extracted is not False:
                EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


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
