"""The API token page in the browser: make a named token, copy its key once, revoke it; by keyboard and label,
with no WCAG 2.1 A/AA violation at any step."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible


def test_a_counsellor_makes_a_named_token_sees_the_key_once_and_revokes_it(open_context):
    page = open_context("senter").new_page()
    page.goto("/accounts/api-token/")
    expect(page.locator("h1")).to_have_text("API-nøkler")
    assert_accessible(page, "token page without tokens")

    page.get_by_label("Navn").fill("Rapportskript")
    page.get_by_role("button", name="Lag nøkkel").click()

    key_field = page.get_by_label("Nøkkel", exact=True)
    key = key_field.input_value()
    assert len(key) == 64
    expect(key_field).to_have_attribute("readonly", "")
    expect(page.get_by_role("heading", name="Den nye nøkkelen din «Rapportskript»")).to_be_visible()
    assert_accessible(page, "token page showing a new key")

    page.goto("/accounts/api-token/")
    expect(page.locator("main")).not_to_contain_text(key)
    expect(page.get_by_role("cell", name="Rapportskript", exact=True)).to_be_visible()
    assert_accessible(page, "token page listing a token")

    # The button names its token for screen readers (visually hidden ": Rapportskript").
    page.get_by_role("button", name=re.compile(r"^Trekk tilbake\s*: Rapportskript$")).click()

    expect(page.get_by_role("status")).to_contain_text("«Rapportskript» er trukket tilbake")
    expect(page.get_by_role("cell", name="Rapportskript", exact=True)).to_have_count(0)
    assert_accessible(page, "token page after revoking")
