"""A lead moves a claimed e-guidance question back to the queue in Chromium, on a phone, with an axe check on
every page: the question page's link, the form (refused without a reason), the result, and the counsellor's
notice with the lead's reason."""

from django.utils import translation
from playwright.sync_api import expect

from guidance.models import ClaimChange, Question, QuestionStatus
from register.demo import DEMO_DOMAIN
from tests.browser.conftest import assert_accessible

PHONE = {"width": 390, "height": 844}
REASON = "Eva er på kurs hele uka, så en annen må ta spørsmålet."


def nb(message):
    with translation.override("nb"):
        return translation.gettext(message)


def test_a_lead_puts_a_claimed_question_back_in_the_queue_and_the_counsellor_reads_why(open_context):
    question = Question.objects.get(status=QuestionStatus.CLAIMED, claimed_by__email=f"eveileder@{DEMO_DOMAIN}")
    lead = open_context("nasjonal", viewport=PHONE).new_page()

    lead.goto(f"/e-veiledning/{question.pk}/")
    with lead.expect_navigation():
        lead.get_by_role("link", name=nb("Move the question to another counsellor or back to the queue")).click()
    assert_accessible(lead, "the move form on a phone")
    form = lead.locator("main form")
    with lead.expect_navigation():
        form.get_by_role("button", name=nb("Move the question")).click()
    expect(lead.locator(".ds-error-summary")).to_contain_text(nb("Say why the question is moved."))
    assert_accessible(lead, "the move form with an error")
    assert Question.objects.get(pk=question.pk).status == QuestionStatus.CLAIMED

    lead.locator("main form textarea[name=reason]").fill(REASON)
    with lead.expect_navigation():
        lead.locator("main form").get_by_role("button", name=nb("Move the question")).click()
    told = nb("The question is back in the queue. %(counsellor)s is told why.") % {"counsellor": "Eva E-veileder"}
    expect(lead.locator("main")).to_contain_text(told)
    assert_accessible(lead, "the question after the move")
    question.refresh_from_db()
    assert (question.status, question.claimed_by) == (QuestionStatus.OPEN, None)
    assert ClaimChange.objects.get(question=question).reason == REASON

    counsellor = open_context("eveileder").new_page()
    counsellor.goto("/notifications/")
    expect(counsellor.locator("main")).to_contain_text(REASON)
    assert_accessible(counsellor, "the counsellor's notices")
