"""The header's menus: the workspace by role (who sees each entry and who does not), the public menu, the
current page, and the redirects behind "Network" and "Overview"."""

import re

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from core.navigation import Menu, NavItem, _mark_current, menu_items, register_nav
from core.phrases import verbatim
from notifications.services import notice_send
from portal.services import sync_portal_pages
from register import services
from register.models import Role

pytestmark = pytest.mark.django_db

COUNSELLOR = ["My page", "Competence", "Forum", "Events", "Notices"]
BY_ROLE = {
    "school_counsellor": COUNSELLOR,
    "verifier": [*COUNSELLOR[:4], "Verification", "Network", "Notices"],
    "centre_admin": [*COUNSELLOR[:4], "Network", "Organiser", "Agreements", "Overview", "Notices"],
    "organiser": [*COUNSELLOR[:4], "Organiser", "Notices"],
    "moderator": [*COUNSELLOR[:4], "Moderation", "Notices"],
    "hr_officer": [*COUNSELLOR[:4], "Network", "Check a statement", "Notices"],
    "e_guidance_counsellor": [*COUNSELLOR[:4], "Questions", "Notices"],
    "national_admin": [*COUNSELLOR[:4], "Organiser", "Questions", "Moderation", "National", "Notices"],
}


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def header_menu(client, url):
    html = english(client).get(url).content.decode()
    nav = re.search(r'<nav class="site-nav" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    labels = [
        re.sub(r"<[^>]+>.*", "", label).strip()
        for label in re.findall(r'class="site-nav__link"[^>]*>(.*?)</a>', nav.group(2), re.S)
    ]
    return nav.group(1), labels, nav.group(2)


@pytest.mark.parametrize("persona", BY_ROLE)
def test_each_role_sees_the_work_it_may_do_and_nothing_else(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    label, labels, _nav = header_menu(client, reverse("dashboard"))

    assert label == "Workspace"
    assert labels == BY_ROLE[persona]


def test_the_entries_lead_where_they_say(client, national_admin):
    client.force_login(national_admin)

    _label, _labels, nav = header_menu(client, reverse("dashboard"))

    for name in ("dashboard", "competence", "forum:index", "events:list", "events:manage_list", "guidance:queue"):
        assert f'href="{reverse(name)}"' in nav
    assert f'href="{reverse("forum:moderation")}"' in nav and f'href="{reverse("overview_national")}"' in nav


def test_visitors_and_people_without_a_workspace_get_the_public_menu(client, plain_user):
    sync_portal_pages()
    for visitor in (None, plain_user):
        if visitor:
            client.force_login(visitor)
        label, labels, _nav = header_menu(client, reverse("centre_list"))

        assert label == "Main menu"
        assert labels == ["Counties", "News", "Career centres", "Events", "Ask a counsellor"]

    html = client.get(reverse("centre_list")).content.decode()
    user_menu = re.search(r'<details class="user-menu">(.*?)</details>', html, re.S).group(1)
    assert f'href="{reverse("dashboard")}"' in user_menu and f'href="{reverse("notifications:list")}"' in user_menu


def test_the_public_menu_follows_the_language(client):
    sync_portal_pages()

    bokmal = re.search(r'<nav class="site-nav".*?</nav>', client.get(reverse("events:list")).content.decode(), re.S)
    _label, labels, _nav = header_menu(client, reverse("events:list"))

    for norwegian in ("Fylker", "Nyheter", "Karrieresentre", "Arrangementer", "Spør en veileder"):
        assert f">{norwegian}</a>" in bokmal.group(0)
    assert labels == ["Counties", "News", "Career centres", "Events", "Ask a counsellor"]


def test_the_current_page_is_marked_on_its_entry_only(client, school_counsellor):
    client.force_login(school_counsellor)

    _label, _labels, nav = header_menu(client, reverse("credit_create"))

    assert nav.count('aria-current="page"') == 1
    assert re.search(rf'href="{reverse("competence")}" aria-current="page"', nav)


def test_a_centres_network_marks_network_though_its_address_is_the_centres(client, centre_admin, centre):
    client.force_login(centre_admin)

    _label, _labels, nav = header_menu(client, reverse("centre_network", kwargs={"slug": centre.slug}))

    assert re.search(rf'href="{reverse("my_network")}" aria-current="page"', nav)


def test_unread_notices_are_counted_for_eyes_and_for_screen_readers(client, school_counsellor):
    notice_send(recipient=school_counsellor, kind="register.decision", title=verbatim("Approved"))
    client.force_login(school_counsellor)

    _label, _labels, nav = header_menu(client, reverse("dashboard"))

    assert 'data-count="1" aria-hidden="true"' in nav and '<span class="ds-sr-only">1 unread</span>' in nav


def test_network_and_overview_go_to_the_persons_own_centre(client, centre_admin, centre):
    client.force_login(centre_admin)

    assert client.get(reverse("my_network")).url == reverse("centre_network", kwargs={"slug": centre.slug})
    assert client.get(reverse("my_overview")).url == reverse("overview_centre", kwargs={"slug": centre.slug})


def test_with_several_centres_they_go_to_the_staff_page_that_lists_them(client, centre_admin, other_centre):
    services.membership_grant(user=centre_admin, centre=other_centre, role=Role.ADMIN, actor=None)
    client.force_login(centre_admin)

    assert client.get(reverse("my_network")).url == reverse("staff_home")


@pytest.mark.parametrize("persona", ["school_counsellor", "organiser"])
def test_people_without_the_role_get_no_network_or_overview(client, request, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("my_network")).status_code == 403
    assert client.get(reverse("my_overview")).status_code == 403


def test_entries_come_in_order_and_the_longest_matching_address_is_current(monkeypatch):
    monkeypatch.setattr("core.navigation._providers", {menu: {} for menu in Menu})
    register_nav(Menu.WORKSPACE, "b", lambda request: [NavItem("Home", "/", 10), NavItem("Deep", "/a/b/", 30)])
    register_nav(Menu.WORKSPACE, "a", lambda request: [NavItem("Top", "/a/", 20)])
    request = RequestFactory().get("/a/b/c/")

    items = menu_items(request, Menu.WORKSPACE)

    assert [(item.label, item.current) for item in items] == [("Home", False), ("Top", False), ("Deep", True)]
    assert menu_items(RequestFactory().get("/x/"), Menu.PUBLIC) == []


def test_the_home_address_is_current_only_on_the_home_page_and_a_named_page_beats_any_address():
    items = [
        NavItem("Home", "/", 10),
        NavItem("Staff", "/staff/", 20),
        NavItem("Net", "/my/", 30, url_names=frozenset({"net"})),
    ]

    assert [item.current for item in _mark_current(items, "/", "")] == [True, False, False]
    assert [item.current for item in _mark_current(items, "/other/", "")] == [False, False, False]
    assert [item.current for item in _mark_current(items, "/staff/x/net/", "net")] == [False, False, True]
    assert [item.current for item in _mark_current(items, "/staff/x/", "other")] == [False, True, False]
