"""The portal's demo content as seed_portal_demo leaves it: the whole tree in Norwegian.

The demo is seeded once for the module; each test's changes roll back to it.
"""

import datetime
import json
import re

import pytest
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.blocks import StreamValue
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from portal.models import (
    CentrePage,
    CountyIndexPage,
    CountyPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PlainPage,
    StandardPage,
)
from register.demo.competence import seed_competence_areas, seed_requirement_sets
from register.demo.organisation import seed_centres
from register.models import County
from tests.portal.demo_support import STANDARD_PARTS, page_at, seed, stream_text
from tests.snapshots import shared_seeding

# One worker runs the whole module, so the demo is seeded once (see tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_files_of_the_module")]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, module_private_media):
    """What seed_portal_demo printed; it runs once for the module, after the register's demo it needs."""

    def fill():
        seed_centres()
        seed_requirement_sets(seed_competence_areas())
        return seed()

    with shared_seeding(django_db_blocker, module_private_media, fill) as out:
        yield out


def test_the_home_page_says_what_guidance_is_and_who_gets_it_free(seeded):
    home = HomePage.objects.get()

    assert "Karriereveiledning er hjelp" in home.what_is_guidance
    assert "over 19 år" in home.who_can_get_it and "gratis" in home.who_can_get_it
    assert "NAV" in home.who_can_get_it
    assert home.intro and home.professionals_text
    assert "KarriereNorge" in home.seo_title
    assert home.search_description
    assert CountyIndexPage.objects.get().intro and NewsIndexPage.objects.get().intro


def test_each_of_the_fifteen_county_pages_has_an_introduction_of_its_own(seeded):
    pages = list(CountyPage.objects.select_related("county"))

    assert len(pages) == County.objects.count() == 15
    for page in pages:
        assert page.county.name in page.intro, page.county.name
        assert "gratis karriereveiledning" in page.intro
    assert len({page.intro for page in pages}) == 15


def test_the_standard_and_its_five_parts_are_published_under_standarden(seeded):
    standard = page_at("/standarden/")

    assert isinstance(standard, StandardPage)
    assert standard.title == "Den nasjonale standarden"
    assert standard.show_in_menus
    parts = list(standard.get_children().specific())
    assert [(p.slug, p.title) for p in parts] == STANDARD_PARTS
    for page in [standard, *parts]:
        assert page.live and not page.has_unpublished_changes
        assert page.live_revision_id is not None  # published through a revision, as in /cms/
        assert page.intro and page.search_description and page.body


def test_the_standard_pages_link_to_each_other_as_pages_not_addresses(seeded):
    """Page links follow a page that an editor moves or renames."""

    def linked(path):
        page = page_at(path)
        return [block.value["page"].specific.slug for block in page.body if block.block_type == "link"]

    assert linked("/standarden/kvalitetsrammeverket/") == ["etiske-retningslinjer"]
    assert linked("/standarden/hva-er-et-karrieresenter/") == ["kompetansekravet"]


def test_the_quality_framework_names_its_four_areas(seeded):
    text = stream_text(page_at("/standarden/kvalitetsrammeverket/"))

    for area in ("Kompetansestandarder", "Karrierekompetanse", "Etikk", "Kvalitetsutvikling"):
        assert area in text
    assert "Veiledningsprosesser og relasjoner" in text
    assert "kompetent" in text and "spesialisert" in text


def test_the_ethical_guidelines_are_twelve_under_three_headings_with_values_model_and_pledge(seeded):
    ethics = page_at("/standarden/etiske-retningslinjer/")
    headings = [block.value["text"] for block in ethics.body if block.block_type == "heading"]
    texts = [str(block.value) for block in ethics.body if block.block_type == "paragraph"]
    numbers = [[int(n) for n in re.findall(r"<b>(\d+)\.</b>", html)] for html in texts]

    assert [h for h in headings if "(retningslinje" in h] == [
        "Kompetanse (retningslinje 1–3)",
        "Relasjon og samarbeid (retningslinje 4–8)",
        "Refleksjon (retningslinje 9–12)",
    ]
    assert [group for group in numbers if group] == [[1, 2, 3], [4, 5, 6, 7, 8], [9, 10, 11, 12]]
    assert {"Verdigrunnlaget", "Modell for etisk refleksjon", "Løftet til deg som får veiledning"} <= set(headings)
    assert "etikk" in stream_text(ethics).lower()


def test_portal_search_for_etikk_finds_the_ethical_guidelines(seeded):
    results = [page.slug for page in Page.objects.live().search("etikk")]

    assert "etiske-retningslinjer" in results


def test_the_competence_requirement_shows_the_sets_in_force_and_explains_the_proposal(seeded):
    page = page_at("/standarden/kompetansekravet/")
    text = stream_text(page)

    assert [block.block_type for block in page.body].count("requirements") == 1
    assert "60 verifiserte studiepoeng" in text and "25 timer" in text
    assert "forslag" in text.lower()
    for reference in ("Utdanningsdirektoratet (2009)", "Utdanningsforbundet", "britiske registeret"):
        assert reference in text


def test_national_news_are_under_nyheter_and_local_news_under_oslo_and_vestland(seeded):
    today = timezone.localdate()
    national = NewsPage.objects.child_of(NewsIndexPage.objects.get())

    assert 3 <= national.count() <= 4
    for news in NewsPage.objects.all():
        assert news.live and news.intro and news.body
        assert today - datetime.timedelta(days=60) <= news.date < today
    for name in ("Oslo", "Vestland"):
        county_page = CountyPage.objects.get(county__name=name)
        assert NewsPage.objects.child_of(county_page).exists(), name


def test_the_accessibility_and_privacy_statements_are_plain_pages_outside_the_menu(seeded):
    accessibility = page_at("/tilgjengelighet/")
    privacy = page_at("/personvern/")

    assert (type(accessibility), accessibility.title) == (PlainPage, "Tilgjengelighetserklæring")
    assert (type(privacy), privacy.title) == (PlainPage, "Personvernerklæring")
    assert "WCAG 2.1" in stream_text(accessibility) and "Uutilsynet" in stream_text(accessibility)
    assert "informasjonskapsler" in stream_text(privacy)
    for page in (accessibility, privacy):
        assert page.live and page.live_revision_id and not page.show_in_menus


def test_every_seeded_stream_is_valid_so_an_editor_can_publish_it_unchanged(seeded):
    for model in (StandardPage, NewsPage, PlainPage):
        for page in model.objects.all():
            page.body.stream_block.clean(page.body)  # raises ValidationError on a block an editor could not save


def visible_text(page):
    """The words of each text field a reader sees, without the markup (Wagtail's editor may write it slightly
    differently)."""
    texts = {"title": page.title}
    for name in ("intro", "what_is_guidance", "who_can_get_it", "professionals_text", "body"):
        value = getattr(page, name, None)
        if isinstance(value, StreamValue):
            texts[name] = stream_text(page)
        elif value is not None:
            texts[name] = strip_tags(value)
    return texts


def as_posted(block_type, value):
    """A stored block's value as Wagtail's edit form posts it back."""
    if block_type == "paragraph":
        return rich_text(value)
    if block_type == "callout":
        return {**value, "text": rich_text(value["text"])}
    if block_type == "link":
        return {**value, "page": value["page"] or ""}
    if block_type == "table":
        return json.dumps(value)
    if block_type == "requirements":
        return ""
    return value


def edit_form(client, page):
    """The page's edit form as an editor's browser submits it, with its content unchanged."""
    html = client.get(f"/cms/pages/{page.pk}/edit/").content.decode()
    form = querydict_from_html(html, form_id="page-edit-form")
    if isinstance(getattr(page, "body", None), StreamValue):
        # The StreamField editor is drawn by JavaScript, so its fields are not in the HTML.
        stream = [(item["type"], as_posted(item["type"], item["value"])) for item in page.body.raw_data]
        for name, value in nested_form_data({"body": streamfield(stream)}).items():
            form[name] = value
    form["action-publish"] = "action-publish"
    return form


def test_an_editor_publishes_each_kind_of_seeded_page_unchanged_from_the_cms(client, national_admin, seeded):
    """The seeded content passes Wagtail's own edit form: opening a page and pressing Publish keeps it as it was."""
    client.force_login(national_admin)
    pages = [
        HomePage.objects.get(),
        CountyPage.objects.get(county__name="Vestland"),
        CentrePage.objects.filter(centre__is_demo=True).first(),
        page_at("/standarden/kvalitetsrammeverket/"),
        page_at("/standarden/etiske-retningslinjer/"),
        page_at("/standarden/kompetansekravet/"),
        NewsPage.objects.first(),
        page_at("/personvern/"),
    ]

    for page in pages:
        response = client.post(f"/cms/pages/{page.pk}/edit/", edit_form(client, page))

        assert response.status_code == 302, page.title  # to the page list: published, no form errors
        published = page.specific_class.objects.get(pk=page.pk)
        assert published.live_revision_id != page.live_revision_id, page.title
        assert visible_text(published) == visible_text(page), page.title
        if isinstance(getattr(page, "body", None), StreamValue):
            assert [b.block_type for b in published.body] == [b.block_type for b in page.body], page.title
