"""The portal's search, sitemap and robots.txt, 404s in the site's layout, and no drafts for the public."""

import re

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from portal.models import CountyPage
from portal.services import sync_portal_pages
from tests.portal.pages_support import ETHICS_BODY, add_news, add_standard, build_tree, english, html

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(centre):
    """The portal's page tree, with the Oslo centre (phone, hours, services) and an empty Vestland."""
    return build_tree(centre)


# search


def test_search_finds_a_standard_page_by_a_word_in_its_body(client, tree):
    add_standard(tree["home"], "Etiske retningslinjer", "etikk", ETHICS_BODY)
    add_standard(tree["home"], "Kvalitet", "kvalitet", [{"type": "paragraph", "value": "<p>Om kvalitet.</p>"}])

    response = english(client).get(reverse("portal:search"), {"q": "taushetsplikten"})

    assert response.status_code == 200
    page = html(response)
    assert '<label class="ds-label" for="id_q">Search KarriereNorge</label>' in page
    assert 'role="status">1 page found for “taushetsplikten”</p>' in page
    assert 'href="/etikk/">Etiske retningslinjer</a>' in page
    assert "Kvalitet</a>" not in page


def test_search_with_no_hits_says_so(client, tree):
    page = html(english(client).get(reverse("portal:search"), {"q": "xyzzyplugh"}))

    assert 'role="status">0 pages found for “xyzzyplugh”</p>' in page
    assert "No pages match your search. Try other or fewer words." in page


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "x" * 201}, {"q": "etikk", "page": "-1"}])
def test_an_empty_or_bad_search_shows_the_form(client, tree, params):
    response = client.get(reverse("portal:search"), params)

    assert response.status_code == 200
    assert 'name="q"' in html(response)


def test_search_does_not_find_unpublished_or_private_pages(client, tree):
    draft = add_standard(tree["home"], "Hemmelig utkast", "utkast", [{"type": "paragraph", "value": "<p>sjiraff</p>"}])
    draft.unpublish()
    private = add_standard(tree["home"], "Intern side", "intern", [{"type": "paragraph", "value": "<p>sjiraff</p>"}])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    page = html(english(client).get(reverse("portal:search"), {"q": "sjiraff"}))

    assert "0 pages found" in page
    assert "Hemmelig utkast" not in page and "Intern side" not in page


# sitemap and robots.txt


def test_the_sitemap_lists_the_live_county_and_centre_pages_at_the_public_address(client, tree, centre, settings):
    draft = add_standard(tree["home"], "Utkast", "utkast")
    draft.unpublish()
    settings.SITE_URL = "https://karrierenorge.example"
    sync_portal_pages()  # the site's address follows SITE_URL

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", html(response))
    assert locations and all(location.startswith("https://karrierenorge.example/") for location in locations)
    paths = {location.removeprefix("https://karrierenorge.example") for location in locations}
    assert {f"/fylker/{slug}/" for slug in CountyPage.objects.values_list("county__slug", flat=True)} <= paths
    assert f"/fylker/oslo/{centre.slug}/" in paths
    assert "/utkast/" not in paths


def test_robots_txt_allows_the_portal_keeps_crawlers_out_of_private_areas_and_points_to_the_sitemap(client, settings):
    settings.SITE_URL = "https://karrierenorge.example"
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    for path in ("/staff/", "/cms/", "/admin/", "/accounts/", "/api/", "/min-side/", "/kompetanse/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: https://karrierenorge.example/sitemap.xml" in lines
    assert "Disallow: /fylker/" not in lines


# not found


@pytest.mark.parametrize("path", ["/fylker/finnes-ikke/", "/fylker/oslo/finnes-ikke/", "/finnes-ikke/"])
def test_unknown_slugs_give_the_norwegian_404_page_in_the_site_layout(client, tree, path):
    response = client.get(path)

    assert response.status_code == 404
    page = html(response)
    assert '<h1 class="ds-heading" data-size="lg">Fant ikke siden</h1>' in page
    assert '<header class="site-header">' in page and '<footer class="site-footer">' in page
    assert "<title>Fant ikke siden – KarriereNorge</title>" in page


# drafts


def test_an_unpublished_page_is_not_found_by_anonymous_visitors(client, tree):
    draft = add_standard(tree["home"], "Hemmelig plan", "plan", live=False)
    unpublished = add_standard(tree["home"], "Gammel side", "gammel")
    unpublished.unpublish()
    add_news(tree["news_index"], "Uferdig nyhet", live=False)

    assert client.get("/plan/").status_code == 404
    assert client.get("/gammel/").status_code == 404
    assert "Uferdig nyhet" not in html(client.get("/nyheter/"))
    assert "Uferdig nyhet" not in html(client.get("/"))
    assert draft.title not in html(client.get("/sitemap.xml"))


def test_draft_changes_to_a_published_page_are_not_shown(client, tree):
    oslo = tree["oslo"]
    oslo.intro = "<p>Publisert tekst.</p>"
    oslo.save_revision().publish()
    oslo.intro = "<p>Uferdig utkast.</p>"
    oslo.title = "Utkasttittel"
    oslo.save_revision()

    page = html(client.get("/fylker/oslo/"))

    assert "Publisert tekst." in page
    assert "Uferdig utkast." not in page
    assert "Utkasttittel" not in page
    assert CountyPage.objects.get(pk=oslo.pk).has_unpublished_changes
