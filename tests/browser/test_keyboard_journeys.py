"""The main workspace journeys done with the keyboard alone (Tab, typing, Space, Enter), with a visible focus at
every stop: log a credit, verify it, register for an event, reply in the forum, answer an e-guidance question."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event, EventStatus
from forum.models import Post
from guidance.models import Question, QuestionStatus
from register.models import CompetenceArea, CreditEntry, CreditStatus
from tests.browser.conftest import demo_email
from tests.browser.test_accessibility import forum_thread

pytestmark = pytest.mark.django_db(transaction=True)

# The focus ring once any transition onto it has run (Designsystemet fades the ring in). Inside a date field,
# Chromium moves focus through its own parts (the calendar button after the year), and inside a framed PDF
# through its viewer's controls; it draws those rings itself, out of this page's reach.
FOCUS_SHOWN = """() => {
  const element = document.activeElement;
  if (element.matches("input[type=date], iframe") && !element.matches(":focus")) {
    return true;
  }
  element.getAnimations().forEach(animation => animation.finish());
  const style = getComputedStyle(element);
  return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
}"""


def tab_to(page, selector, *, limit=150):
    """Press Tab until ``selector`` has focus, checking that each stop on the way shows where the focus is."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        where = page.evaluate("document.activeElement.outerHTML.slice(0, 100)")
        # On a page with a framed document (the evidence preview's PDF viewer), focus can pass through that
        # viewer, where no element of this page has it and the page has no ring to draw: CI once met <body> on
        # the way down the verifier's page, depending on when the PDF viewer had loaded. Anywhere else, focus
        # on <body> is focus lost (an element removed, or Tab past the end of the page), and fails.
        if not (where.startswith("<body") and page.locator("iframe").count()):
            assert page.evaluate(FOCUS_SHOWN), f"no visible focus on {where}"
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{selector} was not reached in {limit} presses of Tab")


def press_and_wait(page, key="Enter"):
    with page.expect_navigation():
        page.keyboard.press(key)


def test_a_counsellor_logs_a_credit_and_a_verifier_verifies_it_by_keyboard(open_context, tmp_path):
    evidence = tmp_path / "kursbevis.pdf"
    evidence.write_bytes(b"%PDF-1.4\n%keyboard\n")
    area = CompetenceArea.objects.order_by("number").first()
    page = open_context("skole", locale="en-GB").new_page()
    page.goto("/kompetanse/studiepoeng/ny/")

    tab_to(page, "main input[name=title]")
    page.keyboard.type("Tastaturkurset")
    tab_to(page, "main input[name=institution]")
    page.keyboard.type("Universitetet i Tastatur")
    tab_to(page, "main input[name=credits]")
    page.keyboard.type("5")
    tab_to(page, "main input[name=completed_on]")
    page.keyboard.type(date(2026, 6, 1).strftime("%m%d%Y"))
    tab_to(page, f"main input[name=areas][value='{area.pk}']")
    page.keyboard.press("Space")
    tab_to(page, "main input[name=evidence]")
    # Space opens the operating system's file dialog, which is outside the page: give the file as it would.
    page.locator("main input[name=evidence]").set_input_files(evidence)
    tab_to(page, "main form.stack-form button[type=submit]")
    press_and_wait(page)

    entry = CreditEntry.objects.get(title="Tastaturkurset")
    assert entry.status == CreditStatus.PENDING and entry.completed_on == date(2026, 6, 1)

    verifier = open_context("godkjenner", locale="en-GB").new_page()
    verifier.goto(f"/staff/godkjenning/{entry.pk}/")
    tab_to(verifier, "main textarea[name='verify-note'], main input[name='verify-note']")
    verifier.keyboard.type("In order.")
    tab_to(verifier, "main button[name=action][value=verify]")
    press_and_wait(verifier)

    entry.refresh_from_db()
    assert entry.status == CreditStatus.VERIFIED
    expect(verifier.locator(".messages")).to_be_focused()


def test_a_counsellor_registers_for_an_event_by_keyboard(open_context):
    event = (
        Event.objects.filter(status=EventStatus.PUBLISHED, starts_at__gt=timezone.now())
        .exclude(registrations__user__email=demo_email("nav"))
        .order_by("starts_at")
        .first()
    )
    page = open_context("nav", locale="en-GB").new_page()
    page.goto(f"/arrangementer/{event.pk}/")

    tab_to(page, f"form[action='/arrangementer/{event.pk}/meld-pa/'] button[type=submit]")
    press_and_wait(page)

    assert event.registrations.filter(user__email=demo_email("nav")).exists()
    expect(page.locator(".messages")).to_be_focused()


def test_a_counsellor_replies_in_the_forum_by_keyboard(open_context):
    thread = forum_thread("praksis-og-metode")
    page = open_context("skole", locale="en-GB").new_page()
    page.goto(f"/forum/t/{thread.pk}/?page=1")

    tab_to(page, "#reply textarea[name=body], form textarea[name=body]")
    page.keyboard.type("Et svar skrevet med tastaturet.")
    tab_to(page, "form:has(textarea[name=body]) button[type=submit]")
    press_and_wait(page)

    assert Post.objects.filter(thread=thread, body="Et svar skrevet med tastaturet.").exists()


def test_an_e_guidance_counsellor_answers_a_question_by_keyboard(open_context):
    question = Question.objects.filter(status=QuestionStatus.OPEN).order_by("created_at").first()
    page = open_context("eveileder", locale="en-GB").new_page()
    page.goto(f"/e-veiledning/{question.pk}/")

    tab_to(page, f"form[action='/e-veiledning/{question.pk}/ta/'] button[type=submit]")
    press_and_wait(page)
    tab_to(page, "main textarea[name='answer-body']")
    page.keyboard.type("Her er et svar skrevet med tastaturet.")
    tab_to(page, f"form[action='/e-veiledning/{question.pk}/svar/'] button[type=submit]")
    press_and_wait(page)

    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    assert question.messages.filter(body="Her er et svar skrevet med tastaturet.").exists()
