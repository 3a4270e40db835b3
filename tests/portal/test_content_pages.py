"""The portal's editors' pages: what a visitor sees on the standard, news and plain pages, the head (titles,
descriptions, Open Graph, canonical) and the main menu.
"""

import datetime
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from portal.models import PlainPage
from portal.selectors import menu_pages
from tests.factories import requirement_set
from tests.portal.pages_support import ETHICS_BODY, add_news, add_standard, build_tree, english, html

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(centre):
    """The portal's page tree, with the Oslo centre (phone, hours, services) and an empty Vestland."""
    return build_tree(centre)


# standard, news and plain pages


def test_a_standard_page_renders_every_block_and_lists_its_subpages(client, tree):
    ethics = add_standard(tree["home"], "Etiske retningslinjer", "etikk", ETHICS_BODY, intro="Slik arbeider vi.")
    add_standard(ethics, "Taushetsplikt", "taushetsplikt", intro="Om det du forteller.")

    page = html(english(client).get("/etikk/"))

    assert '<h2 class="ds-heading" data-size="md">Fortrolighet</h2>' in page
    assert "Veilederen bevarer taushetsplikten" in page
    assert "<blockquote>" in page and "Rammeverket" in page
    # The call-out's kind is said in words, not by its colour alone.
    assert 'data-color="warning"' in page and "Important:</span> Husk samtykke" in page
    assert '<a class="ds-link" href="https://example.org/mer">Les mer hos Kompetanse Norge</a>' in page
    assert "<caption>Prinsipper for veiledning</caption>" in page
    assert '<th scope="col">Prinsipp</th>' in page and "<td>Frivillighet</td>" in page
    assert 'href="/etikk/taushetsplikt/">Taushetsplikt</a>' in page
    crumbs = re.search(r'<nav class="ds-breadcrumbs".*?</nav>', page, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', crumbs) == ["/", "/etikk/"]


def test_the_requirements_block_shows_the_sets_in_force_from_the_register(client, tree, areas):
    requirement_set("career_centre", areas=[areas[0]], min_credits=60, min_core_credits=30, cpd_hours=25)
    next_month = timezone.localdate() + datetime.timedelta(days=30)
    requirement_set("career_centre", areas=areas[:2], min_credits=90, effective_from=next_month)
    requirement_set("nav", areas=[], min_credits=30, cpd_hours=10)
    add_standard(tree["home"], "Kompetansekrav", "kompetansekrav", [{"type": "requirements", "value": None}])

    page = html(english(client).get("/kompetansekrav/"))

    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", page, re.S)
    assert len(rows) == 2  # one per workplace type with a set in force; the future set is not in force yet
    career_centre, nav = rows
    assert career_centre.startswith("Career centre</th>")
    assert re.findall(r"<td>(.*?)</td>", career_centre)[:4] == ["60", "30", "Area 1", "25"]
    assert nav.startswith("NAV</th>")
    assert re.findall(r"<td>(.*?)</td>", nav)[:4] == ["30", "0", "None", "10"]


def test_the_requirements_block_says_when_no_set_is_in_force(client, tree):
    add_standard(tree["home"], "Kompetansekrav", "kompetansekrav", [{"type": "requirements", "value": None}])

    assert "No competence requirement is in force yet." in html(english(client).get("/kompetansekrav/"))


def test_the_news_overview_lists_all_news_newest_first_ten_a_page(client, tree):
    for n in range(11):
        add_news(tree["news_index"], f"Sak {n:02d}", days_ago=n)
    add_news(tree["vestland"], "Lokalt i Vestland", days_ago=3, intro="Fra Bergen.")

    first = html(english(client).get("/nyheter/"))
    second = html(client.get("/nyheter/?page=2"))

    titles = re.findall(r'<h2 class="ds-heading" data-size="xs"><a class="ds-link" href="[^"]+">([^<]+)</a>', first)
    assert titles == ["Sak 00", "Sak 01", "Sak 02", "Lokalt i Vestland", *(f"Sak {n:02d}" for n in range(3, 9))]
    assert "Vestland</p>" in first  # a local item says where it is from
    assert "Sak 09" in second and "Sak 10" in second
    assert client.get("/nyheter/?page=x").status_code == 200


def test_a_news_article_shows_its_date_summary_and_body(client, tree):
    add_news(
        tree["oslo"],
        "Ny rådgiverutdanning",
        intro="Søknadsfristen er 1. mars.",
        body=[{"type": "paragraph", "value": "<p>Studiet gir 30 studiepoeng.</p>"}],
    )

    page = html(english(client).get("/fylker/oslo/ny-radgiverutdanning/"))

    assert f'<time datetime="{timezone.localdate():%Y-%m-%d}">' in page
    assert "Søknadsfristen er 1. mars." in page
    assert "Studiet gir 30 studiepoeng." in page
    assert '<meta property="og:type" content="article">' in page
    crumbs = re.search(r'<nav class="ds-breadcrumbs".*?</nav>', page, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', crumbs) == [
        "/",
        "/fylker/",
        "/fylker/oslo/",
        "/fylker/oslo/ny-radgiverutdanning/",
    ]


def test_a_plain_page_shows_its_body(client, tree):
    tree["home"].add_child(
        instance=PlainPage(
            title="Om informasjonskapsler",
            slug="informasjonskapsler",
            body=[{"type": "paragraph", "value": "<p>Vi bruker bare nødvendige informasjonskapsler.</p>"}],
        )
    )

    page = html(client.get("/informasjonskapsler/"))

    assert "Vi bruker bare nødvendige informasjonskapsler." in page
    assert escape("Om informasjonskapsler") in page


def test_the_footer_links_lead_to_the_accessibility_and_privacy_pages_editors_keep(client, tree):
    for slug in ("tilgjengelighet", "personvern"):  # made by the sync; an editor rewrites them
        page = PlainPage.objects.get(slug=slug)
        page.body = [{"type": "paragraph", "value": f"<p>Om {slug}.</p>"}]
        page.save_revision().publish()

    footer = re.search(r"<footer.*?</footer>", html(client.get("/")), re.S).group(0)
    for name, slug in (("accessibility", "tilgjengelighet"), ("privacy", "personvern")):
        assert f'href="{reverse(name)}"' in footer
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert f"<p>Om {slug}.</p>" in html(response)


# the head: titles, descriptions, Open Graph, canonical


def test_a_pages_head_has_its_seo_title_description_open_graph_and_canonical(client, tree, settings):
    settings.SITE_URL = "https://karrierenorge.example"
    oslo = tree["oslo"]
    oslo.seo_title = "Karriereveiledning i Oslo"
    oslo.search_description = "Gratis karriereveiledning for voksne i Oslo."
    oslo.save_revision().publish()

    page = html(client.get("/fylker/oslo/"))

    assert "<title>Karriereveiledning i Oslo – KarriereNorge</title>" in page
    assert '<meta name="description" content="Gratis karriereveiledning for voksne i Oslo.">' in page
    assert '<meta property="og:title" content="Karriereveiledning i Oslo">' in page
    assert '<meta property="og:description" content="Gratis karriereveiledning for voksne i Oslo.">' in page
    assert '<meta property="og:url" content="https://karrierenorge.example/fylker/oslo/">' in page
    assert '<meta property="og:site_name" content="KarriereNorge">' in page
    assert '<link rel="canonical" href="https://karrierenorge.example/fylker/oslo/">' in page


def test_without_a_search_description_the_introduction_is_the_description(client, tree, settings):
    settings.SITE_URL = "https://karrierenorge.example"
    vestland = tree["vestland"]
    vestland.intro = "<p>Karrieresenteret i Vestland hjelper deg &amp; dine.</p>"
    vestland.save_revision().publish()

    page = html(client.get("/fylker/vestland/?utm=x"))

    assert "<title>Vestland – KarriereNorge</title>" in page
    assert '<meta name="description" content="Karrieresenteret i Vestland hjelper deg &amp; dine.">' in page
    assert '<link rel="canonical" href="https://karrierenorge.example/fylker/vestland/">' in page


def test_pages_outside_wagtail_get_the_same_head(client, tree, settings):
    settings.SITE_URL = "https://karrierenorge.example"
    page = html(english(client).get(reverse("centre_list")))

    assert "<title>Career centres – KarriereNorge</title>" in page
    assert '<meta property="og:title" content="Career centres">' in page
    assert f'<link rel="canonical" href="https://karrierenorge.example{reverse("centre_list")}">' in page
    assert '<meta name="description" content="KarriereNorge: free career guidance' in page


# the main menu


def test_the_main_menu_lists_the_home_pages_children_shown_in_menus_on_every_page(client, tree):
    add_standard(tree["home"], "Kvalitetsrammeverket", "kvalitet", show_in_menus=True)
    add_standard(tree["home"], "Ikke i menyen", "ikke-i-menyen")
    hidden = add_standard(tree["home"], "Upublisert", "upublisert", show_in_menus=True)
    hidden.unpublish()

    for url in ("/", reverse("centre_list"), "/fylker/oslo/"):
        menu = re.search(r'<nav class="site-nav".*?</nav>', html(english(client).get(url)), re.S).group(0)
        assert 'href="/kvalitet/"' in menu
        assert "Ikke i menyen" not in menu
        assert "Upublisert" not in menu
        assert re.search(rf'href="{reverse("centre_list")}"[^>]*>Career centres</a>', menu)  # the fixed links stay
        assert re.search(rf'href="{reverse("events:list")}"[^>]*>Events</a>', menu)


def test_a_menu_change_shows_on_the_next_request(client, tree):
    quality = add_standard(tree["home"], "Kvalitetsrammeverket", "kvalitet")
    assert 'href="/kvalitet/"' not in html(client.get(reverse("centre_list")))

    quality.show_in_menus = True
    quality.save_revision().publish()
    assert 'href="/kvalitet/">Kvalitetsrammeverket</a>' in html(client.get(reverse("centre_list")))

    PageViewRestriction.objects.create(page=quality, restriction_type=PageViewRestriction.LOGIN)
    assert 'href="/kvalitet/"' not in html(client.get(reverse("centre_list")))


def test_the_menu_costs_no_query_once_read(client, tree, django_assert_num_queries):
    quality = add_standard(tree["home"], "Kvalitetsrammeverket", "kvalitet", show_in_menus=True)
    client.get(reverse("centre_list"))

    with django_assert_num_queries(0):
        menu = menu_pages(RequestFactory().get("/"))
    assert menu == [
        # the sync puts the county and news overviews in the menu
        {"id": tree["oslo"].get_parent().pk, "title": "Fylker", "title_en": "Counties", "href": "/fylker/"},
        {"id": tree["news_index"].pk, "title": "Nyheter", "title_en": "News", "href": "/nyheter/"},
        {"id": quality.pk, "title": "Kvalitetsrammeverket", "title_en": "", "href": "/kvalitet/"},
    ]


def test_the_menu_marks_the_current_page(client, tree):
    add_standard(tree["home"], "Kvalitetsrammeverket", "kvalitet", show_in_menus=True)

    assert 'href="/kvalitet/" aria-current="page"' in html(client.get("/kvalitet/"))
    assert 'href="/kvalitet/" aria-current="page"' not in html(client.get("/"))
