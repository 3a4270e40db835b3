"""The portal's public pages: what a visitor sees on the home, county, centre, standard and news pages,
search, sitemap and robots.txt, 404s in the site's layout, no drafts for the public, and fixed query budgets.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import PageViewRestriction

from events.models import EventStatus
from portal.models import CentrePage, CountyPage, HomePage, NewsIndexPage, NewsPage, PlainPage, StandardPage
from portal.services import sync_portal_pages
from portal.templatetags.portal_tags import main_menu_pages
from tests.events.conftest import make_event
from tests.factories import CentreFactory, county, requirement_set

pytestmark = pytest.mark.django_db

ETHICS_BODY = [
    {"type": "heading", "value": {"text": "Fortrolighet", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Veilederen bevarer taushetsplikten og respekterer etikk i alt arbeid.</p>"},
    {"type": "quote", "value": {"text": "Veiledning gjør den enkelte i stand til å velge.", "source": "Rammeverket"}},
    {"type": "callout", "value": {"tone": "warning", "title": "Husk samtykke", "text": "<p>Spør alltid først.</p>"}},
    {"type": "link", "value": {"text": "Les mer hos Kompetanse Norge", "page": None, "url": "https://example.org/mer"}},
    {
        "type": "table",
        "value": {
            "data": [["Prinsipp", "Betyr"], ["Frivillighet", "Du velger selv"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Prinsipper for veiledning",
        },
    },
]


def html(response):
    return response.content.decode()


def english(client):
    """The client asks for English pages, so the tests can read the interface's own words."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def tree(centre):
    """The portal's page tree, with the Oslo centre (phone, hours, services) and an empty Vestland."""
    centre.phone = "22 33 44 55"
    centre.opening_hours = "Mandag–fredag 9–15"
    centre.services = "Karrieresamtaler og CV-hjelp"
    centre.website = "https://karriere-oslo.example"
    centre.save()
    sync_portal_pages()
    return {
        "home": HomePage.objects.get(),
        "oslo": CountyPage.objects.get(county__number="03"),
        "vestland": CountyPage.objects.get(county__number="46"),
        "centre": CentrePage.objects.get(centre=centre),
        "news_index": NewsIndexPage.objects.get(),
    }


def add_news(parent, title, *, days_ago=0, intro="Kort om saken.", **fields):
    page = NewsPage(
        title=title,
        slug=slugify(title),
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        intro=intro,
        **fields,
    )
    return parent.add_child(instance=page)


def add_standard(parent, title, slug, body=(), **fields):
    return parent.add_child(instance=StandardPage(title=title, slug=slug, body=list(body), **fields))


def queries_for(client, url):
    """(number of queries, their SQL) for one successful GET, after a warm-up request."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), "\n".join(q["sql"] for q in captured.captured_queries)


# the home page


def test_the_home_page_links_to_all_fifteen_county_pages(client, tree):
    page = html(client.get(reverse("home")))

    for county_page in CountyPage.objects.select_related("county"):
        assert f'href="/fylker/{county_page.county.slug}/"' in page
        assert escape(county_page.county.name) in page
    assert page.count('href="/fylker/') == 15 + 1  # the counties and the overview in the main menu


def test_the_county_list_counts_only_active_centres(client, tree, centre):
    CentreFactory(name="Nedlagt", is_active=False)
    CentreFactory(name="Karriere Oslo Sør", county=county("03"))

    page = html(english(client).get("/"))

    assert re.search(r'href="/fylker/oslo/">Oslo</a>\s*<span class="muted">2 centres</span>', page)
    assert re.search(r'href="/fylker/vestland/">Vestland</a>\s*<span class="muted">0 centres</span>', page)


def test_the_home_page_shows_the_editors_texts(client, tree):
    home = tree["home"]
    home.intro = "<p>Gratis veiledning om utdanning og jobb.</p>"
    home.what_is_guidance = "<p>Karriereveiledning hjelper deg å ta valg.</p>"
    home.who_can_get_it = "<p>Alle over 19 år, i hele landet.</p>"
    home.professionals_text = "<p>Ditt faglige hjem.</p>"
    home.save_revision().publish()

    page = html(client.get("/"))

    for text in (
        "Gratis veiledning om utdanning og jobb.",
        "Karriereveiledning hjelper deg å ta valg.",
        "Alle over 19 år, i hele landet.",
        "Ditt faglige hjem.",
    ):
        assert escape(text) in page


def test_the_home_page_shows_upcoming_events_and_the_latest_three_news(client, tree, centre):
    make_event(centre, title="Fagdag om karrierelæring")
    make_event(centre, title="Kurs som var i fjor", days_ahead=-30)
    for n in range(4):
        add_news(tree["news_index"], f"Nyhet nummer {n}", days_ago=n)

    page = html(english(client).get("/"))

    assert "Fagdag om karrierelæring" in page
    assert "Kurs som var i fjor" not in page
    assert all(f"Nyhet nummer {n}" in page for n in range(3))
    assert "Nyhet nummer 3" not in page  # only the three newest
    assert f'href="{reverse("events:list")}"' in page
    assert 'href="/nyheter/"' in page


def test_the_home_page_shows_the_way_to_a_counsellor_and_to_the_professional_area(client, tree, school_counsellor):
    page = html(english(client).get("/"))
    assert f'href="{reverse("centre_list")}">Contact a career centre</a>' in page
    assert f'href="{reverse("account_login")}">Log in to the professional area</a>' in page

    client.force_login(school_counsellor)
    page = html(client.get("/"))
    assert f'href="{reverse("dashboard")}">Go to my page</a>' in page
    assert f'href="{reverse("forum:index")}">The professional forum</a>' in page


# county pages


def test_a_county_page_shows_its_centres_live_from_the_register(client, tree, centre, other_centre):
    closed = CentreFactory(name="Nedlagt Oslo-senter", is_active=False)

    response = english(client).get("/fylker/oslo/")

    assert response.status_code == 200
    page = html(response)
    assert '<a class="ds-link" href="tel:22334455">22 33 44 55</a>' in page
    assert f'href="mailto:{centre.email}"' in page
    assert "Storgata 1, 0155 Oslo" in page
    assert "Mandag–fredag 9–15" in page
    assert "Karrieresamtaler og CV-hjelp" in page
    assert 'href="https://karriere-oslo.example"' in page
    assert f'href="/fylker/oslo/{centre.slug}/"' in page
    assert closed.name not in page
    assert other_centre.name not in page

    centre.phone = "99 88 77 66"
    centre.save()
    assert "99 88 77 66" in html(client.get("/fylker/oslo/"))  # one source of truth: no copy to update


def test_a_county_page_shows_upcoming_published_events_in_that_county_only(client, tree, centre, other_centre):
    make_event(centre, title="Veiledning i Oslo neste uke")
    make_event(centre, title="Oslo-kurset som er over", days_ahead=-7)
    make_event(centre, title="Oslo-utkastet", status=EventStatus.DRAFT)
    make_event(other_centre, title="Bergensdagen")

    page = html(english(client).get("/fylker/oslo/"))

    assert "Veiledning i Oslo neste uke" in page
    assert "Oslo-kurset som er over" not in page
    assert "Oslo-utkastet" not in page
    assert "Bergensdagen" not in page
    assert "Bergensdagen" in html(client.get("/fylker/vestland/"))
    assert f'href="{reverse("events:list")}?county=03"' in page


def test_a_county_page_shows_its_own_local_news(client, tree):
    add_news(tree["oslo"], "Åpen dag i Oslo")
    add_news(tree["vestland"], "Nytt fra Bergen")

    page = html(client.get("/fylker/oslo/"))

    assert escape("Åpen dag i Oslo") in page
    assert "Nytt fra Bergen" not in page


def test_a_county_page_has_breadcrumbs_home_counties_county(client, tree):
    page = html(english(client).get("/fylker/vestland/"))

    crumbs = re.search(r'<nav class="ds-breadcrumbs".*?</nav>', page, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', crumbs) == ["/", "/fylker/", "/fylker/vestland/"]
    assert ">Home</a>" in crumbs
    assert 'aria-current="page">Vestland</a>' in crumbs


def test_a_county_without_centres_or_events_says_so(client, tree):
    page = html(english(client).get("/fylker/vestland/"))

    assert "There is no career centre in this county in the register yet." in page
    assert "No upcoming events in this county yet." in page


def test_the_county_overview_lists_the_fifteen_counties(client, tree):
    response = client.get("/fylker/")

    assert response.status_code == 200
    # The counties, the breadcrumb to itself and the main menu.
    assert html(response).count('href="/fylker/') == 15 + 2


# centre pages


def test_a_centre_page_shows_contact_details_services_text_and_its_events(client, tree, centre, other_centre):
    page_model = tree["centre"]
    page_model.body = "<p>Velkommen til oss i sentrum.</p>"
    page_model.save_revision().publish()
    other_oslo_centre = CentreFactory(name="Karriere Oslo Sør", county=county("03"))
    make_event(centre, title="Kurs hos oss")
    make_event(other_oslo_centre, title="Kurs hos naboen")

    page = html(english(client).get(f"/fylker/oslo/{centre.slug}/"))

    assert '<h1 class="ds-heading" data-size="lg">Karriere Oslo</h1>' in page
    assert 'href="tel:22334455"' in page
    assert "Karrieresamtaler og CV-hjelp" in page
    assert "Velkommen til oss i sentrum." in page
    assert "Kurs hos oss" in page
    assert "Kurs hos naboen" not in page
    crumbs = re.search(r'<nav class="ds-breadcrumbs".*?</nav>', page, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', crumbs) == ["/", "/fylker/", "/fylker/oslo/", f"/fylker/oslo/{centre.slug}/"]


def test_a_closed_centres_page_is_not_found(client, tree, centre):
    centre.is_active = False
    centre.save()

    assert client.get(f"/fylker/oslo/{centre.slug}/").status_code == 404
    assert centre.name not in html(client.get("/fylker/oslo/"))


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
        assert f'href="{reverse("centre_list")}">Career centres</a>' in menu  # the fixed links stay
        assert f'href="{reverse("events:list")}">Events</a>' in menu


def test_a_menu_change_shows_on_the_next_request(client, tree):
    quality = add_standard(tree["home"], "Kvalitetsrammeverket", "kvalitet")
    assert 'href="/kvalitet/"' not in html(client.get(reverse("centre_list")))

    quality.show_in_menus = True
    quality.save_revision().publish()
    assert 'href="/kvalitet/">Kvalitetsrammeverket</a>' in html(client.get(reverse("centre_list")))

    PageViewRestriction.objects.create(page=quality, restriction_type=PageViewRestriction.LOGIN)
    assert 'href="/kvalitet/"' not in html(client.get(reverse("centre_list")))


def test_the_menu_costs_no_query_once_read(client, tree, django_assert_num_queries):
    add_standard(tree["home"], "Kvalitetsrammeverket", "kvalitet", show_in_menus=True)
    client.get(reverse("centre_list"))

    with django_assert_num_queries(0):
        menu = main_menu_pages({"request": RequestFactory().get("/")})
    assert menu == [
        {"title": "Fylker", "href": "/fylker/"},  # the sync puts the county and news overviews in the menu
        {"title": "Nyheter", "href": "/nyheter/"},
        {"title": "Kvalitetsrammeverket", "href": "/kvalitet/"},
    ]


def test_the_menu_marks_the_current_page(client, tree):
    add_standard(tree["home"], "Kvalitetsrammeverket", "kvalitet", show_in_menus=True)

    assert 'href="/kvalitet/" aria-current="page"' in html(client.get("/kvalitet/"))
    assert 'href="/kvalitet/" aria-current="page"' not in html(client.get("/"))


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


# query budgets

# Wagtail's routing, site and privacy checks take 6 to 10 of these; the rest is one query per list.
HOME_BUDGET = 12
COUNTY_BUDGET = 14
CENTRE_BUDGET = 13
STANDARD_BUDGET = 11


def grow(tree, centres):
    """Many more centres, events and news: no page may need more queries for them."""
    for n in range(12):
        extra = CentreFactory(name=f"Ekstra Oslo {n}", county=county("03"), phone="22 00 00 00")
        make_event(extra, title=f"Ekstra kurs {n}")
    for centre in centres:
        for n in range(5):
            make_event(centre, title=f"Kurs {centre.pk}-{n}")
    for n in range(12):
        add_news(tree["oslo"], f"Oslo-sak {n}", days_ago=n)
        add_news(tree["news_index"], f"Riks-sak {n}", days_ago=n)
    sync_portal_pages()


@pytest.mark.parametrize(
    ("path", "budget"),
    [("/", HOME_BUDGET), ("/fylker/oslo/", COUNTY_BUDGET), ("centre", CENTRE_BUDGET), ("/etikk/", STANDARD_BUDGET)],
)
def test_the_pages_query_count_does_not_grow_with_centres_events_and_news(
    client, tree, centre, other_centre, areas, requirements, path, budget, django_assert_max_num_queries
):
    url = f"/fylker/oslo/{centre.slug}/" if path == "centre" else path
    ethics = add_standard(tree["home"], "Etikk", "etikk", [*ETHICS_BODY, {"type": "requirements", "value": None}])
    add_standard(ethics, "Underside", "underside")
    make_event(centre, title="Ett kurs")
    add_news(tree["oslo"], "Én sak")

    few, _sql = queries_for(client, url)
    grow(tree, [centre, other_centre])
    for n in range(6):
        add_standard(ethics, f"Underside {n}", f"underside-{n}")
    many, sql = queries_for(client, url)

    assert many == few, sql
    with django_assert_max_num_queries(budget):
        client.get(url)
