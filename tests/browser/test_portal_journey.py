"""The portal in Chromium, with an axe check on every page type in bokmål and English.

A visitor goes from the front page to Vestland, finds a centre's phone number and an upcoming
course, reads the ethical guidelines and searches for "etikk". ``leder@`` (admin of Karriere Oslo)
logs in to /cms/ through the site's own login, edits and publishes the Oslo county page, sees the
change on the public page, and is refused the Vestland page.

Selectors are addresses, ids and roles; visible wording is only checked where it is the point.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from events.models import Event, EventKind, EventStatus
from portal.models import CountyPage
from register.models import Centre
from tests.browser.conftest import assert_accessible, demo_email

VESTLAND_CENTRE = "karriere-vestland"
ETHICS = "/standarden/etiske-retningslinjer/"


def nb(message):
    with translation.override("nb"):
        return translation.gettext(message)


def follow(page, link):
    with page.expect_navigation():
        link.click()


def test_a_visitor_finds_vestland_a_centre_and_a_course_reads_the_ethics_and_searches(open_context):
    centre = Centre.objects.get(slug=VESTLAND_CENTRE)
    course = (
        Event.objects.filter(centre=centre, kind=EventKind.COURSE, status=EventStatus.PUBLISHED)
        .upcoming()
        .order_by("starts_at")
        .first()
    )
    assert course is not None, "the demo has an upcoming course at Karriere Vestland"
    page = open_context().new_page()

    page.goto("/")
    assert_accessible(page, "the front page")
    follow(page, page.locator("main").get_by_role("link", name="Vestland", exact=True))
    assert page.url.endswith("/fylker/vestland/")
    assert_accessible(page, "the Vestland county page")
    expect(page.locator("nav.ds-breadcrumbs a[aria-current=page]")).to_have_text("Vestland")

    # The centre's phone comes live from the register, on the county page and the centre's own page.
    phone = page.locator(f"a[href='tel:{centre.phone.replace(' ', '')}']")
    expect(phone).to_have_count(1)
    follow(page, page.get_by_role("link", name=centre.name, exact=True))
    assert page.url.endswith(f"/fylker/vestland/{VESTLAND_CENTRE}/")
    assert_accessible(page, "the Karriere Vestland centre page")
    expect(page.locator("main a[href^='tel:']").first).to_have_text(centre.phone)
    follow(page, page.get_by_role("link", name=course.title))
    assert page.url.endswith(course.get_absolute_url())
    expect(page.locator("h1")).to_have_text(course.title)

    # The ethical guidelines, through the main menu and the standard's overview.
    follow(page, page.locator("nav.site-nav").get_by_role("link", name="Den nasjonale standarden"))
    assert_accessible(page, "the national standard")
    follow(page, page.locator("main").get_by_role("link", name="Etiske retningslinjer", exact=True))
    assert page.url.endswith(ETHICS)
    assert_accessible(page, "the ethical guidelines")
    expect(page.locator("nav.ds-breadcrumbs li")).to_have_count(3)

    # Search from the header's search field.
    search = page.get_by_role("search").get_by_label(nb("Search KarriereNorge"))
    search.fill("etikk")
    search.press("Enter")
    page.wait_for_url(re.compile(r"/sok/\?q=etikk"))
    assert_accessible(page, "the search results for etikk")
    expect(page.locator("main [role=status]")).to_contain_text("etikk")
    expect(page.locator(f"main a[href='{ETHICS}']")).to_have_count(1)


@pytest.mark.parametrize("locale", ["nb-NO", "en-GB"])
def test_every_portal_page_type_passes_axe(open_context, locale):
    oslo_news = "/fylker/oslo/kveldsapent-pa-torsdager/"
    pages = {
        "home": ("/", 200),
        "county overview": ("/fylker/", 200),
        "county": ("/fylker/vestland/", 200),
        "centre": (f"/fylker/vestland/{VESTLAND_CENTRE}/", 200),
        "standard": (ETHICS, 200),
        "requirement sets": ("/standarden/kompetansekravet/", 200),
        "news overview": ("/nyheter/", 200),
        "news article": (oslo_news, 200),
        "plain page": ("/personvern/", 200),
        "search results": ("/sok/?q=etikk", 200),
        "search without results": ("/sok/?q=ordsomikkefinnes", 200),
        "unknown county": ("/fylker/atlantis/", 404),
        "unknown centre": ("/fylker/oslo/finnes-ikke/", 404),
    }
    page = open_context(locale=locale).new_page()
    failures = []
    for name, (path, status) in pages.items():
        response = page.goto(path)
        assert response.status == status, f"{name}: {path} gave {response.status}"
        assert page.locator("html").get_attribute("lang") == locale[:2]
        try:
            assert_accessible(page, f"{name} ({path}, {locale})")
        except pytest.fail.Exception as failure:
            failures.append(str(failure))
    assert not failures, "\n".join(failures)


def test_the_oslo_admin_edits_and_publishes_the_oslo_page_in_the_cms_and_cannot_edit_vestland(open_context):
    oslo = CountyPage.objects.get(county__name="Oslo")
    vestland = CountyPage.objects.get(county__name="Vestland")
    page = open_context().new_page()

    # /cms/ sends the visitor to the site's own login (its rate limits and MFA), and back.
    page.goto("/cms/")
    assert "/accounts/login/" in page.url
    page.locator("main form input[name=login]").fill(demo_email("leder"))
    page.locator("main form input[name=password]").fill("karriere-demo")
    follow(page, page.locator("main form button[type=submit]"))
    assert urlpath(page.url) == "/cms/"

    page.goto(f"/cms/pages/{oslo.pk}/edit/")
    editor = page.locator("[data-contentpath=intro] [contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Karriere Oslo har åpen dag 3. desember.")
    # Draftail writes its content to the form's hidden input a moment after the last key.
    expect(page.locator("input[name=intro]")).to_have_value(re.compile("åpen dag 3. desember"))
    page.locator("footer .w-dropdown__toggle").last.click()
    follow(page, page.locator("button[name=action-publish]"))
    expect(page.locator(".messages .success")).to_be_visible()

    public = open_context().new_page()
    public.goto("/fylker/oslo/")
    expect(public.locator("main .lead")).to_contain_text("Karriere Oslo har åpen dag 3. desember.")
    assert_accessible(public, "the Oslo county page after the edit")

    # Vestland is another county's: Wagtail refuses it and says so on the dashboard.
    page.goto(f"/cms/pages/{vestland.pk}/edit/")
    assert urlpath(page.url) == "/cms/"
    expect(page.locator(".messages .error")).to_be_visible()
    assert "Karriere Oslo har åpen dag" not in CountyPage.objects.get(pk=vestland.pk).intro


def urlpath(url):
    return re.sub(r"^https?://[^/]+", "", url).split("?")[0]
