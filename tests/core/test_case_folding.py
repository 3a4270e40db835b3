"""Text filters and the forum search ignore case for æ, ø and å on SQLite (development and the demo) as they do
on PostgreSQL (production)."""

import pytest
from django.contrib.auth import get_user_model

from forum import services
from forum.models import Audience, Category, CategoryKind
from forum.selectors import search
from tests import personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    User = get_user_model()
    return [
        User.objects.create_user(email=email, password="x", full_name=name)
        for email, name in [
            ("oyvind@example.org", "Øyvind Ødegård"),
            ("aase@example.org", "Åse Ærlig"),
            ("ola@example.org", "Ola Nordmann"),
        ]
    ]


@pytest.mark.parametrize(
    ("lookup", "value", "found"),
    [
        ("full_name__icontains", "ødegård", {"Øyvind Ødegård"}),
        ("full_name__icontains", "ØDEGÅRD", {"Øyvind Ødegård"}),
        ("full_name__istartswith", "åS", {"Åse Ærlig"}),
        ("full_name__iendswith", "RLIG", {"Åse Ærlig"}),
        ("full_name__iexact", "øyvind ødegård", {"Øyvind Ødegård"}),
        ("full_name__icontains", "gå", {"Øyvind Ødegård"}),
        ("full_name__icontains", "%", set()),  # a typed % or _ is a character, not a wildcard
        ("full_name__icontains", "_", set()),
    ],
)
def test_text_filters_ignore_the_case_of_norwegian_letters(people, lookup, value, found):
    matched = get_user_model().objects.filter(**{lookup: value}).values_list("full_name", flat=True)
    assert set(matched) == found


def test_the_forum_search_finds_a_word_whatever_the_case_of_its_first_letter(centre):
    author = personas.counsellor(home_centre=centre, email="skribent@example.org")
    everyone = {f"{kind}_audience": Audience.PROFESSIONALS for kind in ("read", "start", "reply")}
    national = Category.objects.create(kind=CategoryKind.NATIONAL, slug="praksis", name="Praksis", **everyone)
    services.thread_create(category=national, author=author, title="Tips", body="Ærlighet i veiledningssamtalen")
    services.thread_create(category=national, author=author, title="Østlandet", body="Samlinger i øst")

    assert [post.thread.title for post in search(author, "ærlighet")] == ["Tips"]
    assert [post.thread.title for post in search(author, "ØSTLANDET")] == ["Østlandet"]
