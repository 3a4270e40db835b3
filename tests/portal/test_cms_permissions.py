"""Who may edit what in /cms/: national administrators everything, a centre admin their own county's pages.

Everything goes through Wagtail's real admin views; group membership follows the register's roles.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib import messages
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from portal.editors import editor_groups_sync, ensure_editor_groups
from portal.models import CentrePage, CountyPage, HomePage, NewsPage, StandardPage
from portal.permissions import NATIONAL_EDITORS
from portal.services import sync_portal_pages
from register import services
from register.models import Membership, Role
from tests import personas
from tests.factories import CentreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(centre, other_centre):
    """The portal's page tree, with a standard page and a local news article in Oslo."""
    sync_portal_pages()
    home = HomePage.objects.get()
    standard = home.add_child(instance=StandardPage(title="Etiske retningslinjer", slug="etikk"))
    oslo = CountyPage.objects.get(county=centre.county)
    news = oslo.add_child(instance=NewsPage(title="Åpen dag i Oslo", slug="apen-dag", intro="Velkommen."))
    return {
        "home": home,
        "oslo": oslo,
        "oslo_centre": CentrePage.objects.get(centre=centre),
        "oslo_news": news,
        "vestland": CountyPage.objects.get(county=other_centre.county),
        "vestland_centre": CentrePage.objects.get(centre=other_centre),
        "standard": standard,
    }


def edit_url(page):
    return f"/cms/pages/{page.pk}/edit/"


def publish(client, page, **changes):
    """Open the page's edit form as an editor would, change fields, and press "Publish"."""
    form = querydict_from_html(client.get(edit_url(page)).content.decode(), form_id="page-edit-form")
    for name, value in changes.items():
        form[name] = value
    if "body" in {field.name for field in page.specific_class._meta.fields} and "body-count" not in form:
        # A StreamField's inputs are built by JavaScript in the browser; the tests' pages have empty bodies.
        form["body-count"] = "0"
    form["action-publish"] = "action-publish"
    return client.post(edit_url(page), form)


def denied(client, response):
    """Wagtail turns a page it refuses into a redirect to the CMS dashboard, which shows an error."""
    if response.status_code != 302 or response["Location"] != "/cms/":
        return False
    dashboard = client.get("/cms/")
    return any(message.level == messages.ERROR for message in dashboard.context["messages"])


def group_names(user):
    return set(user.groups.values_list("name", flat=True))


def test_a_centre_admin_publishes_their_county_page_and_visitors_see_the_change(client, centre_admin, tree):
    client.force_login(centre_admin)

    response = publish(client, tree["oslo"], intro=rich_text("<p>Nyheter fra Karriere Oslo.</p>"))

    assert response.status_code == 302
    oslo = CountyPage.objects.get(pk=tree["oslo"].pk)
    assert "Nyheter fra Karriere Oslo." in oslo.intro
    assert oslo.live and not oslo.has_unpublished_changes
    client.logout()
    assert "Nyheter fra Karriere Oslo." in client.get("/fylker/oslo/").content.decode()


@pytest.mark.parametrize("persona", ["centre_admin", "national_admin"])
def test_the_county_and_address_of_a_county_page_follow_the_register_and_cannot_be_edited(
    client, request, tree, other_centre, persona
):
    client.force_login(request.getfixturevalue(persona))

    form_page = client.get(edit_url(tree["oslo"])).content.decode()
    response = publish(
        client, tree["oslo"], county=str(other_centre.county_id), slug="vestland-2", intro=rich_text("<p>Ny.</p>")
    )

    assert 'name="slug"' not in form_page and 'name="county"' not in form_page
    assert response.status_code == 302
    oslo = CountyPage.objects.get(pk=tree["oslo"].pk)
    assert (oslo.county_id, oslo.slug) == (tree["oslo"].county_id, "oslo")
    assert oslo.url_path.endswith("/fylker/oslo/")
    assert "Ny." in oslo.intro


def test_nobody_adds_county_or_centre_pages_by_hand(client, national_admin, tree):
    client.force_login(national_admin)

    response = client.get(f"/cms/pages/{tree['oslo'].pk}/add_subpage/")

    # News is the only page type left to add under a county page, so Wagtail goes straight to it.
    assert response["Location"] == f"/cms/pages/add/portal/newspage/{tree['oslo'].pk}/"
    assert denied(client, client.get(f"/cms/pages/add/portal/centrepage/{tree['oslo'].pk}/"))
    assert CentrePage.objects.count() == 2


def test_with_staff_mfa_required_a_centre_admin_sets_up_mfa_before_editing(client, settings, centre_admin, tree):
    settings.REQUIRE_STAFF_MFA = True
    client.force_login(centre_admin)

    assert client.get(edit_url(tree["oslo"]))["Location"] == reverse("mfa_activate_totp")
    assert group_names(centre_admin) == set()

    TOTP.activate(centre_admin, generate_totp_secret())

    assert client.get(edit_url(tree["oslo"])).status_code == 200


@pytest.mark.parametrize("name", ["oslo_centre", "oslo_news"])
def test_a_centre_admin_edits_the_pages_below_their_county_page(client, centre_admin, tree, name):
    client.force_login(centre_admin)

    response = publish(client, tree[name], title="Ny tittel")

    assert response.status_code == 302
    assert Page.objects.get(pk=tree[name].pk).title == "Ny tittel"


def test_a_centre_admin_writes_local_news_under_their_county_page(client, centre_admin, tree):
    client.force_login(centre_admin)

    response = client.get(f"/cms/pages/add/portal/newspage/{tree['oslo'].pk}/")

    assert response.status_code == 200


@pytest.mark.parametrize("name", ["vestland", "vestland_centre", "home", "standard"])
def test_a_centre_admin_cannot_open_or_publish_pages_outside_their_county(client, centre_admin, tree, name):
    target = tree[name]
    client.force_login(centre_admin)

    assert denied(client, client.get(edit_url(target)))
    response = client.post(edit_url(target), {"title": "Kapret", "slug": target.slug, "action-publish": "1"})

    assert denied(client, response)
    assert Page.objects.get(pk=target.pk).title == target.title


def test_a_centre_admin_cannot_write_news_in_another_county_or_nationally(client, centre_admin, tree):
    client.force_login(centre_admin)

    assert denied(client, client.get(f"/cms/pages/add/portal/newspage/{tree['vestland'].pk}/"))
    news_index = tree["home"].get_children().get(slug="nyheter")
    assert denied(client, client.get(f"/cms/pages/add/portal/newspage/{news_index.pk}/"))


def test_the_explorer_shows_a_centre_admin_their_own_county(client, centre_admin, tree):
    client.force_login(centre_admin)

    response = client.get(f"/cms/pages/{tree['oslo'].pk}/")

    assert response.status_code == 200
    assert "Karriere Oslo" in response.content.decode()


def test_a_national_admin_edits_the_home_page_and_every_county(client, national_admin, tree):
    client.force_login(national_admin)

    response = publish(client, tree["home"], intro=rich_text("<p>Karriereveiledning for alle.</p>"))

    assert response.status_code == 302
    assert "Karriereveiledning for alle." in HomePage.objects.get().intro
    assert client.get(edit_url(tree["vestland"])).status_code == 200
    assert client.get(edit_url(tree["standard"])).status_code == 200


def test_a_national_admin_is_a_national_editor_and_no_county_editor(client, national_admin, tree):
    client.force_login(national_admin)

    client.get("/cms/")

    assert group_names(national_admin) == {NATIONAL_EDITORS}


@pytest.mark.parametrize("persona", ["school_counsellor", "organiser", "verifier", "hr_officer", "plain_user"])
def test_people_without_an_editor_role_get_no_cms_access(client, request, tree, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)

    assert client.get("/cms/", follow=True).status_code == 403
    response = client.get(edit_url(tree["oslo"]))

    assert response.status_code == 302
    assert response["Location"].startswith("/cms/login/")
    assert group_names(user) == set()


def test_the_admin_of_a_closed_centre_edits_nothing(client, tree):
    closed = CentreFactory(name="Nedlagt senter", slug="nedlagt", is_active=False)
    admin = personas.centre_staff(closed, Role.ADMIN, email="tidligere-leder@example.org")
    client.force_login(admin)

    assert client.get("/cms/", follow=True).status_code == 403
    assert client.get(edit_url(tree["oslo"]))["Location"].startswith("/cms/login/")


def test_a_revoked_centre_admin_loses_access_at_the_next_request(client, centre_admin, centre, tree):
    client.force_login(centre_admin)
    assert client.get(edit_url(tree["oslo"])).status_code == 200

    services.membership_revoke(membership=Membership.objects.get(user=centre_admin, centre=centre), actor=None)

    response = client.get(edit_url(tree["oslo"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/cms/login/")
    assert client.get("/cms/", follow=True).status_code == 403
    assert group_names(centre_admin) == set()


def test_a_new_centre_admin_gets_access_at_the_next_request(client, plain_user, centre, tree):
    client.force_login(plain_user)
    assert client.get(edit_url(tree["oslo"]))["Location"].startswith("/cms/login/")

    services.membership_grant(user=plain_user, centre=centre, role=Role.ADMIN, actor=None)

    assert client.get(edit_url(tree["oslo"])).status_code == 200
    assert denied(client, client.get(edit_url(tree["vestland"])))


def test_an_admin_of_centres_in_two_counties_edits_both_counties(client, centre_admin, other_centre, tree):
    services.membership_grant(user=centre_admin, centre=other_centre, role=Role.ADMIN, actor=None)
    client.force_login(centre_admin)

    assert client.get(edit_url(tree["oslo"])).status_code == 200
    assert client.get(edit_url(tree["vestland"])).status_code == 200
    assert denied(client, client.get(edit_url(tree["home"])))


def test_groups_the_portal_does_not_manage_are_left_alone(client, centre_admin, tree):
    ensure_editor_groups()
    moderators = Group.objects.get(name="Moderators")  # Wagtail's own group
    communication = Group.objects.create(name="Kommunikasjon")
    vestland_editors = Group.objects.get(name="Redaktører Vestland")
    centre_admin.groups.add(moderators, communication, vestland_editors)
    client.force_login(centre_admin)

    client.get("/cms/")

    assert group_names(centre_admin) == {"Moderators", "Kommunikasjon", "Redaktører Oslo"}
    assert Group.objects.filter(name="Kommunikasjon").exists()


def test_leaving_a_role_keeps_the_groups_the_portal_does_not_manage(client, centre_admin, centre, tree):
    communication = Group.objects.create(name="Kommunikasjon")
    centre_admin.groups.add(communication)
    client.force_login(centre_admin)
    client.get("/cms/")

    services.membership_revoke(membership=Membership.objects.get(user=centre_admin, centre=centre), actor=None)
    client.get("/cms/")

    assert group_names(centre_admin) == {"Kommunikasjon"}


RESTRUCTURING = {
    "delete a centre page": ("post", "/cms/pages/{oslo_centre}/delete/"),
    "delete a centre page in bulk": ("post", "/cms/bulk/wagtailcore/page/delete/?id={oslo_centre}"),
    "unpublish the county page": ("post", "/cms/pages/{oslo}/unpublish/"),
    "unpublish a centre page in bulk": ("post", "/cms/bulk/wagtailcore/page/unpublish/?id={oslo_centre}"),
    "move a centre page to another county": ("post", "/cms/pages/{oslo_centre}/move/{vestland}/confirm/"),
    "move a centre page in bulk": ("post", "/cms/bulk/wagtailcore/page/move/?id={oslo_centre}"),
    "copy a centre page": ("post", "/cms/pages/{oslo_centre}/copy/"),
    "add a centre page by hand": ("get", "/cms/pages/add/portal/centrepage/{oslo}/"),
}


@pytest.mark.parametrize("action", RESTRUCTURING)
def test_county_editors_cannot_restructure_the_pages_that_follow_the_register(
    client, centre_admin, other_centre, tree, action
):
    # Editor of both counties, so only the rule about register pages stands in the way.
    services.membership_grant(user=centre_admin, centre=other_centre, role=Role.ADMIN, actor=None)
    client.force_login(centre_admin)
    method, url = RESTRUCTURING[action]
    ids = {name: page.pk for name, page in tree.items()}

    response = getattr(client, method)(
        url.format(**ids), {"new_parent_page": ids["vestland"], "chooser": ids["vestland"]}
    )

    assert denied(client, response)
    centre_page = CentrePage.objects.get(pk=ids["oslo_centre"])
    assert centre_page.live and centre_page.get_parent().pk == ids["oslo"]
    assert CountyPage.objects.get(pk=ids["oslo"]).live
    assert CentrePage.objects.count() == 2


def test_a_centre_admin_unpublishes_and_deletes_their_own_local_news(client, centre_admin, tree):
    news = tree["oslo_news"]
    client.force_login(centre_admin)

    assert client.post(f"/cms/pages/{news.pk}/unpublish/").status_code == 302
    assert not NewsPage.objects.get(pk=news.pk).live
    assert client.post(f"/cms/pages/{news.pk}/delete/").status_code == 302
    assert not NewsPage.objects.filter(pk=news.pk).exists()


def test_a_national_admin_may_remove_a_centre_page(client, national_admin, tree):
    client.force_login(national_admin)

    response = client.post(f"/cms/pages/{tree['oslo_centre'].pk}/delete/")

    assert response.status_code == 302
    assert not CentrePage.objects.filter(pk=tree["oslo_centre"].pk).exists()


def test_the_editor_groups_hold_exactly_their_page_rights_and_setting_them_up_twice_changes_nothing(tree):
    ensure_editor_groups()
    counts = (Group.objects.count(), GroupPagePermission.objects.count())

    ensure_editor_groups()

    assert (Group.objects.count(), GroupPagePermission.objects.count()) == counts
    oslo_rights = GroupPagePermission.objects.filter(group__name="Redaktører Oslo")
    assert set(oslo_rights.values_list("page_id", flat=True)) == {tree["oslo"].pk}
    assert set(oslo_rights.values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    national_rights = GroupPagePermission.objects.filter(group__name=NATIONAL_EDITORS)
    assert set(national_rights.values_list("page__depth", flat=True)) == {1}
    assert Group.objects.filter(name__startswith="Redaktører ").count() == CountyPage.objects.count()


def test_missing_editor_groups_are_set_up_at_the_first_cms_request(client, centre_admin, tree):
    Group.objects.filter(name__startswith="Redaktører ").delete()
    client.force_login(centre_admin)

    assert client.get(edit_url(tree["oslo"])).status_code == 200
    assert Group.objects.filter(name__startswith="Redaktører ").count() == CountyPage.objects.count()


def test_keeping_groups_in_step_costs_a_few_queries_when_nothing_changed(
    centre_admin, tree, django_assert_max_num_queries
):
    editor_groups_sync(centre_admin)
    user = type(centre_admin).objects.get(pk=centre_admin.pk)

    with django_assert_max_num_queries(4):
        changed = editor_groups_sync(user)

    assert changed is False
