"""The portal's demo content (seed_portal_demo, run by seed_demo): the whole tree in Norwegian, safe to run again."""

import datetime
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.blocks import StreamValue
from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from portal.content import ensure_plain_pages
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
from portal.services import sync_portal_pages
from register.demo.competence import seed_competence_areas, seed_requirement_sets
from register.demo.organisation import seed_centres
from register.models import Centre, County
from tests.factories import CentreFactory, county

pytestmark = pytest.mark.django_db

STANDARD_PARTS = [
    ("kvalitetsrammeverket", "Kvalitetsrammeverket"),
    ("etiske-retningslinjer", "Etiske retningslinjer"),
    ("felles-metodikk", "Felles metodikk"),
    ("kompetansekravet", "Kompetansekravet"),
    ("hva-er-et-karrieresenter", "Hva skal til for å være et karrieresenter"),
]


def seed():
    out = StringIO()
    call_command("seed_portal_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_register(db):
    """What the register's demo gives the portal: two demo centres per county and the requirement sets."""
    seed_centres()
    seed_requirement_sets(seed_competence_areas())


@pytest.fixture
def seeded(demo_register):
    return seed()


def page_at(path):
    """The page at ``path`` on the site (relative to the home page)."""
    home = HomePage.objects.get()
    return Page.objects.get(url_path=f"{home.url_path}{path.strip('/')}/").specific


def stream_text(page):
    """Everything a reader sees in the page's StreamField, as one string."""
    return " ".join(page.body.stream_block.get_searchable_content(page.body))


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


def test_every_demo_centre_gets_a_text_and_a_real_centre_is_left_to_its_editors(demo_register):
    real = CentreFactory(name="Karriere Ekte", slug="karriere-ekte", county=county("03"), is_demo=False)

    seed()

    demo_pages = CentrePage.objects.filter(centre__is_demo=True).select_related("centre")
    assert demo_pages.count() == Centre.objects.filter(is_demo=True, is_active=True).count() == 30
    for page in demo_pages:
        assert page.centre.name in page.body
        assert page.live and page.live_revision_id
    assert CentrePage.objects.get(centre=real).body == ""


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


def test_production_gets_the_two_statements_with_the_page_tree(db):
    assert ensure_plain_pages() == 0  # no home page yet: nothing to hang them on

    sync_portal_pages()

    assert ensure_plain_pages() == 0  # the sync made them
    assert set(PlainPage.objects.values_list("slug", flat=True)) == {"tilgjengelighet", "personvern"}


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


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values()),
        "revisions": Revision.objects.count(),
    }


def test_running_it_again_creates_and_changes_nothing(seeded):
    before = snapshot()

    out = seed()

    assert snapshot() == before
    assert "0 pages for counties and centres, 0 content pages created, 0 pages given demo texts" in out


def rerun_queries():
    seed()
    with CaptureQueriesContext(connection) as context:
        seed()
    return len(context)


def test_a_rerun_only_looks_and_costs_the_same_however_many_centres_there_are(demo_register):
    queries = rerun_queries()
    for number in ("03", "46", "50", "56"):
        CentreFactory.create_batch(3, county=county(number), is_demo=True)

    assert rerun_queries() == queries


def test_running_it_again_keeps_what_editors_published_and_their_drafts(seeded):
    oslo = CountyPage.objects.get(county__name="Oslo")
    oslo.intro = "<p>Skrevet av en redaktør.</p>"
    oslo.save_revision().publish()
    ethics = page_at("/standarden/etiske-retningslinjer/")
    ethics.body = [{"type": "paragraph", "value": "<p>Kortere tekst om etikk.</p>"}]
    ethics.save_revision().publish()
    news = NewsPage.objects.first()
    news.title = "Ny tittel fra redaksjonen"
    news.save_revision().publish()
    # An editor has emptied Vestland's introduction in a draft they have not published yet.
    vestland = CountyPage.objects.get(county__name="Vestland")
    vestland.intro = ""
    draft = vestland.save_revision()
    revisions = Revision.objects.count()

    seed()

    assert CountyPage.objects.get(pk=oslo.pk).intro == "<p>Skrevet av en redaktør.</p>"
    assert stream_text(StandardPage.objects.get(pk=ethics.pk)) == "Kortere tekst om etikk."
    assert NewsPage.objects.get(pk=news.pk).title == "Ny tittel fra redaksjonen"
    vestland = CountyPage.objects.get(pk=vestland.pk)
    assert vestland.has_unpublished_changes and vestland.latest_revision_id == draft.pk
    assert Revision.objects.count() == revisions


def test_a_page_of_another_kind_an_editor_put_at_a_demo_address_is_left_alone(demo_register):
    sync_portal_pages()
    home = HomePage.objects.get()
    home.add_child(instance=PlainPage(title="Vår standard", slug="standarden"))

    seed()

    page = page_at("/standarden/")
    assert (type(page), page.title) == (PlainPage, "Vår standard")
    assert not StandardPage.objects.exists()


def test_a_centre_added_later_gets_its_page_at_once_and_its_text_on_the_next_run(seeded):
    new = CentreFactory(
        name="Karriere Finnmark Vadsø", slug="karriere-finnmark-vadso", county=county("56"), is_demo=True
    )
    assert CentrePage.objects.get(centre=new).body == ""

    out = seed()

    page = CentrePage.objects.get(centre=new)
    assert page.get_parent().specific.county == new.county
    assert "Karriere Finnmark Vadsø" in page.body
    assert "0 pages for counties and centres, 0 content pages created, 1 pages given demo texts" in out


def test_seed_demo_builds_the_portal_too(db):
    out = StringIO()
    call_command("seed_demo", "--counsellors", "0", stdout=out)

    assert "The portal demo is in place." in out.getvalue()
    assert CentrePage.objects.filter(centre__name="Karriere Vestland", body__contains="Karriere Vestland").exists()
    assert page_at("/standarden/etiske-retningslinjer/").live
