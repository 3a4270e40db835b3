"""The header at a phone's width and at a laptop's: the menu button, its keyboard behaviour, the user menu."""

import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.test_accessibility import flaggable_post

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 800}


def focused(page):
    return page.evaluate("document.activeElement.outerHTML.slice(0, 80)")


def test_on_a_phone_the_menu_opens_from_a_button_traps_focus_and_closes_on_escape(open_context):
    page = open_context("skole", locale="en-GB", viewport=PHONE).new_page()
    page.goto("/min-side/")
    header = page.locator(".site-header")
    button = page.get_by_role("button", name="Menu")
    nav = page.get_by_role("navigation", name="Workspace")

    assert header.bounding_box()["height"] <= 80  # the site name and the button: under a tenth of the screen
    assert nav.is_hidden() and button.get_attribute("aria-expanded") == "false"

    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true" and nav.is_visible()
    assert nav.get_by_role("link", name="My page").get_attribute("aria-current") == "page"
    assert_accessible(page, "the open menu on a phone")

    page.keyboard.press("Shift+Tab")  # from the button, back round to the menu's last control
    assert "user-menu" in page.evaluate("document.activeElement.parentElement.className")
    page.keyboard.press("Tab")
    assert "site-menu-button" in focused(page)

    for _ in range(12):  # forward through the whole menu: focus never leaves it
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.site-header')")

    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and nav.is_hidden()
    assert "site-menu-button" in focused(page)

    button.click()
    nav.get_by_role("link", name="Competence").click()
    page.wait_for_url("**/kompetanse/")
    assert page.get_by_role("navigation", name="Workspace").is_hidden()  # a new page starts closed


def test_on_a_laptop_the_menu_is_one_row_with_no_button(open_context):
    page = open_context("nasjonal", locale="en-GB", viewport=LAPTOP).new_page()
    page.goto("/min-side/")
    nav = page.get_by_role("navigation", name="Workspace")
    links = nav.get_by_role("link")

    assert page.locator(".site-menu-button").is_hidden()
    assert links.count() == 9
    tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
    assert len(tops) == 1, "the national administrator's nine entries fit on one row"
    assert page.locator(".site-header").bounding_box()["height"] <= 110


def test_the_user_menu_opens_by_keyboard_and_closes_on_escape(open_context):
    page = open_context("leder", viewport=LAPTOP).new_page()
    page.goto("/min-side/")
    summary = page.locator(".user-menu summary")

    summary.focus()
    page.keyboard.press("Enter")
    log_out = page.get_by_role("button", name="Logg ut")
    assert log_out.is_visible()
    assert page.locator(".user-menu").get_by_role("link", name="Medarbeiderside").is_visible()

    page.keyboard.press("Escape")
    assert log_out.is_hidden()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"


def test_visitors_on_a_phone_find_the_public_menu_and_log_in_behind_the_button(open_context):
    page = open_context(viewport=PHONE).new_page()
    page.goto("/")

    page.get_by_role("button", name="Meny").click()

    nav = page.get_by_role("navigation", name="Hovedmeny")
    assert nav.get_by_role("link", name="Karrieresentre").is_visible()
    assert page.locator(".site-tools").get_by_role("link", name="Logg inn").is_visible()


def test_the_confirmation_of_a_reported_post_is_seen_where_the_post_is(open_context):
    post = flaggable_post("skole")
    page = open_context("skole", locale="en-GB", viewport=PHONE).new_page()
    page.goto(f"/forum/innlegg/{post.pk}/flagg/")
    page.get_by_role("radio").first.check()
    page.get_by_role("button", name="Flag the post").click()
    page.wait_for_url(f"**#post-{post.number}")

    message = page.locator(".messages")
    box = message.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], "the message is in the window"
    assert "The post is flagged" in message.inner_text()
    assert page.evaluate("document.activeElement.className") == "messages messages--floating"
    assert page.locator(f"#post-{post.number}").bounding_box()["y"] < PHONE["height"]  # still at the post

    message.get_by_role("button", name="Close the message").click()
    assert "messages--floating" not in message.get_attribute("class")
    assert page.evaluate("document.activeElement.id") == f"post-{post.number}"


def test_a_success_message_takes_focus_on_an_ordinary_page(open_context):
    page = open_context("skole", locale="en-GB", viewport=LAPTOP).new_page()
    page.goto("/profil/")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    assert page.evaluate("document.activeElement.className") == "messages"
    assert page.locator(".messages .ds-alert[data-color=success]").is_visible()
