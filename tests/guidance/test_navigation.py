"""How people find e-guidance: askers from the portal, counsellors from the header, leads from the staff page."""

import pytest
from django.urls import reverse

from portal.services import sync_portal_pages

pytestmark = pytest.mark.django_db


def page(client, url):
    return client.get(url, headers={"accept-language": "en"}).content.decode()


def test_the_front_page_and_county_pages_lead_askers_to_the_question_form(client):
    sync_portal_pages()

    for url in ("/", "/fylker/vestland/"):
        assert f'href="{reverse("guidance:ask")}">Ask a career counsellor online</a>' in page(client, url)


def test_e_guidance_counsellors_find_the_queue_in_the_header_and_on_the_staff_page(client, e_counsellor):
    client.force_login(e_counsellor)
    queue_link = f'href="{reverse("guidance:queue")}"'

    assert queue_link in page(client, reverse("dashboard"))
    staff = page(client, reverse("staff_home"))
    assert queue_link in staff and reverse("guidance:statistics") not in staff


def test_leads_find_the_deadlines_and_statistics_on_the_staff_page(client, guidance_lead, e_counsellor):
    client.force_login(guidance_lead)

    staff = page(client, reverse("staff_home"))

    assert reverse("guidance:due_soon") in staff and reverse("guidance:statistics") in staff
    assert f'href="{reverse("guidance:queue")}"' not in staff  # a lead who does not answer has no queue


@pytest.mark.parametrize("persona", ["centre_admin", "organiser"])
def test_staff_without_e_guidance_see_no_e_guidance_links(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    staff = page(client, reverse("staff_home"))

    assert "/e-veiledning/" not in staff
