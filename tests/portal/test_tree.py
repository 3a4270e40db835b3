"""The portal's page tree follows the register: a page per county and per active centre."""

import pytest
from django.core.management import call_command
from wagtail.models import Collection, GroupCollectionPermission, Locale, Page, Site

from portal.models import CentrePage, CountyPage, HomePage
from portal.permissions import NATIONAL_EDITORS
from portal.services import sync_portal_pages
from register.models import County
from tests.factories import CentreFactory, county

pytestmark = pytest.mark.django_db


def test_the_tree_has_the_home_page_as_site_root_and_all_fifteen_counties(centre):
    sync_portal_pages()

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert CountyPage.objects.count() == County.objects.count() == 15
    vestland = CountyPage.objects.get(county__number="46")
    assert vestland.url_path.endswith("/fylker/vestland/")
    assert CentrePage.objects.get(centre=centre).get_parent().specific.county == centre.county
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()  # Wagtail's welcome page is gone


def test_running_again_creates_nothing_and_keeps_what_editors_wrote(centre):
    sync_portal_pages()
    page = CountyPage.objects.get(county__number="03")
    page.intro = "<p>Skrevet av en redaktør.</p>"
    page.save_revision().publish()

    assert sync_portal_pages() == 0
    page.refresh_from_db()
    assert page.intro == "<p>Skrevet av en redaktør.</p>"


def test_a_new_centre_gets_its_page_at_once_and_inactive_centres_none(client):
    call_command("sync_portal_pages", stdout=None)
    new = CentreFactory(name="Karriere Finnmark", slug="karriere-finnmark", county=county("56"))
    closed = CentreFactory(name="Nedlagt senter", slug="nedlagt", is_active=False)

    assert client.get("/fylker/finnmark/karriere-finnmark/").status_code == 200
    assert not CentrePage.objects.filter(centre=closed).exists()
    assert sync_portal_pages() == 0

    closed.is_active = True
    closed.save()
    assert CentrePage.objects.get(centre=closed).get_parent().specific == CountyPage.objects.get(county=closed.county)
    assert CentrePage.objects.filter(centre=new).count() == 1


def test_centres_made_before_the_page_tree_get_their_pages_from_the_sync():
    new = CentreFactory(name="Karriere Finnmark", slug="karriere-finnmark", county=county("56"))
    assert not CentrePage.objects.exists()

    sync_portal_pages()

    assert CentrePage.objects.get(centre=new).get_parent().specific.county == new.county


def test_an_emptied_database_gets_its_root_page_locale_collection_and_editor_rights_back(centre):
    """A live-server test's flush deletes what Wagtail's migrations made; the next demo seed must still work."""
    Site.objects.all().delete()
    Page.objects.all().delete()
    Collection.objects.all().delete()
    Locale.objects.all().delete()

    sync_portal_pages()

    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage
    national = GroupCollectionPermission.objects.filter(group__name=NATIONAL_EDITORS)
    assert national.exists() and not national.filter(collection__isnull=True).exists()
    assert national.values("collection").distinct().get()["collection"] == Collection.get_first_root_node().pk
