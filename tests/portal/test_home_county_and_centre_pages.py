"""The portal's public pages fed from the register: what a visitor sees on the home, county and centre pages,
and their fixed query budgets.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from events.models import EventStatus
from portal.models import CountyPage
from portal.services import sync_portal_pages
from tests.events.conftest import make_event
from tests.factories import CentreFactory, county
from tests.portal.pages_support import ETHICS_BODY, add_news, add_standard, build_tree, english, html

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(centre):
    """The portal's page tree, with the Oslo centre (phone, hours, services) and an empty Vestland."""
    return build_tree(centre)


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
    assert ">Counties</a>" in crumbs  # named as the main menu names it in English, not "Fylker"
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
