"""Logging in through the real form, and moving through a page by keyboard."""

import pytest
from playwright.sync_api import expect

from register.demo import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible, demo_email, log_in_by_form


def test_a_counsellor_logs_in_with_the_form_and_lands_on_my_page(site, open_context):
    page = open_context().new_page()

    log_in_by_form(page, demo_email("senter"))

    assert page.url == f"{site}/min-side/"
    expect(page.locator("h1")).to_have_text("Velkommen, Siri")
    page.locator(".user-menu summary").click()  # her name in the header opens the user menu
    expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
    # Her counsellor profile from the demo data is on the page.
    expect(page.locator("main")).to_contain_text("Karriere Oslo")


def test_a_wrong_password_shows_the_error_and_stays_on_the_login_page(site, open_context):
    page = open_context().new_page()

    log_in_by_form(page, demo_email("senter"), password="not-the-password")

    assert page.url == f"{site}/accounts/login/"
    summary = page.locator(".ds-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text("passord")
    # Still logged out, and the address typed is kept so only the password needs retyping.
    expect(page.get_by_role("link", name="Logg inn", exact=True).first).to_be_visible()
    expect(page.locator("input[name=login]")).to_have_value(demo_email("senter"))
    assert_accessible(page, "login page after a wrong password")


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/sentre/"])
def test_the_skip_link_is_the_first_stop_and_moves_focus_to_main(path, open_context):
    page = open_context().new_page()
    page.goto(path)

    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    expect(skip_link).to_have_class("ds-skip-link")
    expect(skip_link).to_have_attribute("href", "#main")
    box = skip_link.bounding_box()
    assert box and box["y"] >= 0 and box["width"] > 1, "the focused skip link must be visible on screen"

    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_id("main")

    # The next Tab continues inside the main content, not back at the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_keyboard_users_can_reach_and_use_the_login_form(site, open_context):
    page = open_context().new_page()
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # skip to main

    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "login":
            break
    else:
        pytest.fail("the e-mail field cannot be reached by Tab from the start of main")
    page.keyboard.type(demo_email("skole"))
    page.keyboard.press("Tab")  # the password field's "forgotten password" help link comes first
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url(f"{site}/min-side/")
    expect(page.locator("h1")).to_have_text("Velkommen, Sander")
