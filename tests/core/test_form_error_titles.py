"""A page sent back with form errors says so first in its title (WCAG 3.3.1), in the reader's language."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def title_of(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.DOTALL).group(1)


@pytest.mark.parametrize(("language", "prefix"), [("nb", "Feil: "), ("en", "Error: ")])
def test_a_form_sent_back_with_errors_puts_error_first_in_the_title(client, language, prefix):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    refused = client.post(reverse("account_login"), {"login": "ingen@example.org", "password": "feil passord"})
    shown = client.get(reverse("account_login"))

    assert refused.status_code == 200 and title_of(refused).startswith(prefix)
    assert title_of(shown) == title_of(refused).removeprefix(prefix)
