"""The portal's demo content (seed_portal_demo, run by seed_demo) built on a fresh database: safe to run again."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Revision

from portal.content import ensure_plain_pages
from portal.models import CentrePage, CountyPage, HomePage, NewsPage, PlainPage, StandardPage
from portal.services import sync_portal_pages
from register.demo.competence import seed_competence_areas, seed_requirement_sets
from register.demo.organisation import seed_centres
from register.models import Centre
from tests.factories import CentreFactory, county
from tests.portal.demo_support import page_at, seed, stream_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_register(db):
    """What the register's demo gives the portal: two demo centres per county and the requirement sets."""
    seed_centres()
    seed_requirement_sets(seed_competence_areas())


@pytest.fixture
def seeded(demo_register):
    return seed()


def test_every_demo_centre_gets_a_text_and_a_real_centre_is_left_to_its_editors(demo_register):
    real = CentreFactory(name="Karriere Ekte", slug="karriere-ekte", county=county("03"), is_demo=False)

    seed()

    demo_pages = CentrePage.objects.filter(centre__is_demo=True).select_related("centre")
    assert demo_pages.count() == Centre.objects.filter(is_demo=True, is_active=True).count() == 30
    for page in demo_pages:
        assert page.centre.name in page.body
        assert page.live and page.live_revision_id
    assert CentrePage.objects.get(centre=real).body == ""


def test_production_gets_the_two_statements_with_the_page_tree(db):
    assert ensure_plain_pages() == 0  # no home page yet: nothing to hang them on

    sync_portal_pages()

    assert ensure_plain_pages() == 0  # the sync made them
    assert set(PlainPage.objects.values_list("slug", flat=True)) == {"tilgjengelighet", "personvern"}


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
