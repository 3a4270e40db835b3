"""E-guidance from question to deletion in Chromium, with an axe check on every page visited.

An anonymous visitor asks a question (first with too short a text) and keeps the private link;
``eveileder@`` finds it in the queue with its due time, claims it and answers; the visitor opens the link,
reads the answer, asks a follow-up and marks the answer helpful. The retention command, run with a clock
91 days later, leaves no trace of the text, while the statistics still count the question.
"""

import re
from datetime import timedelta
from io import StringIO
from unittest import mock
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone, translation
from playwright.sync_api import expect

from guidance.models import Message, Question, QuestionRecord
from tests.browser.conftest import assert_accessible

QUESTION = (
    "Jeg har jobbet som kokk i femten år og får vondt i ryggen. Hvilke yrker kan passe for meg, og må jeg "
    "ta ny utdanning? (nettlesertest)"
)
FOLLOW_UP = "Takk for svaret! Kan jeg få støtte fra Lånekassen til fagskolen mens jeg jobber deltid?"
ANSWER = "Erfaringen din fra kjøkkenet er verdifull. Se på **fagskole** innen mattrygghet og kvalitet."


def nb(message):
    with translation.override("nb"):
        return translation.gettext(message)


def submit(page, form, button="button[type=submit]"):
    with page.expect_navigation():
        form.locator(button).first.click()


def test_a_question_from_asking_to_answer_follow_up_and_deletion(open_context):
    visitor = open_context().new_page()
    demo_questions = Question.objects.count()

    # The visitor asks, first with too short a text ---------------------------------------------------------
    visitor.goto("/")
    with visitor.expect_navigation():
        visitor.locator("main").get_by_role("link", name=nb("Ask a career counsellor online")).first.click()
    assert_accessible(visitor, "the question form")
    form = visitor.locator("main form[action='/sporsmal/']")
    form.locator("textarea[name=text]").fill("For kort.")
    form.locator("select[name=topic]").select_option("changing_jobs")
    form.locator("input[name=consent]").check()
    submit(visitor, form)
    expect(visitor.locator(".ds-error-summary")).to_be_visible()
    expect(visitor.locator("main form textarea[name=text]")).to_have_attribute("aria-invalid", "true")
    assert_accessible(visitor, "the question form with an error")
    assert Question.objects.count() == demo_questions  # nothing stored

    form = visitor.locator("main form[action='/sporsmal/']")
    form.locator("textarea[name=text]").fill(QUESTION)
    form.locator("select[name=county]").select_option(label="Vestland")
    form.locator("input[name=consent]").check()
    submit(visitor, form)
    assert "/kvittering/" in visitor.url
    assert_accessible(visitor, "the receipt")
    link = visitor.locator("#private-link").input_value()
    question = Question.objects.get(messages__body=QUESTION)
    assert link == f"{settings.SITE_URL}/sporsmal/{question.token}/"  # the public address, to keep
    link = urlsplit(link).path  # the live test server answers elsewhere
    due = timezone.localtime(question.due_at)
    expect(visitor.locator("main time").first).to_have_attribute("datetime", re.compile(due.strftime("%Y-%m-%dT%H:%M")))

    # eveileder@ finds it in the queue, claims it and answers ---------------------------------------------------
    counsellor = open_context("eveileder").new_page()
    counsellor.goto("/e-veiledning/")
    assert_accessible(counsellor, "the queue")
    row = counsellor.locator("main").locator(f"a[href='/e-veiledning/{question.pk}/']")
    expect(row).to_have_count(1)
    item = counsellor.locator(f"main :is(tr, li):has(a[href='/e-veiledning/{question.pk}/'])")
    expect(item.locator("time").first).to_have_attribute("datetime", re.compile(due.strftime("%Y-%m-%dT%H:%M")))
    with counsellor.expect_navigation():
        row.click()
    assert_accessible(counsellor, "the question, unclaimed")
    expect(counsellor.locator("main")).to_contain_text("femten år")
    submit(counsellor, counsellor.locator(f"form[action='/e-veiledning/{question.pk}/ta/']"))
    assert_accessible(counsellor, "the question, claimed")
    answer_form = counsellor.locator(f"form[action='/e-veiledning/{question.pk}/svar/']")
    answer_form.locator("textarea[name='answer-body']").fill(ANSWER)
    submit(counsellor, answer_form)
    assert_accessible(counsellor, "the question, answered")
    question.refresh_from_db()
    assert question.status == "answered"

    # The visitor reads the answer, follows up and says it helped -----------------------------------------------
    visitor.goto(link)
    assert_accessible(visitor, "the conversation with the answer")
    expect(visitor.locator("main strong", has_text="fagskole")).to_have_count(1)  # the Markdown is rendered
    follow_up = visitor.locator(f"form[action='/sporsmal/{question.token}/oppfolging/']")
    follow_up.locator("textarea").fill(FOLLOW_UP)
    submit(visitor, follow_up)
    expect(visitor.locator("main")).to_contain_text("Lånekassen")
    expect(visitor.locator(f"form[action='/sporsmal/{question.token}/oppfolging/']")).to_have_count(0)  # one only
    submit(visitor, visitor.locator(f"form[action='/sporsmal/{question.token}/vurdering/']"), "button[value=yes]")
    expect(visitor.locator("button[value=yes]")).to_have_attribute("aria-pressed", "true")
    assert_accessible(visitor, "the conversation after the follow-up and the rating")
    record = QuestionRecord.objects.get(pk=question.record_id)
    assert (record.helpful, record.followed_up) == (True, True)

    # 91 days later the retention command leaves no trace; the statistics still count it ----------------------
    lead = open_context("nasjonal").new_page()
    lead.goto("/e-veiledning/statistikk/")
    assert_accessible(lead, "the statistics")
    counted_before = QuestionRecord.objects.count()
    later = timezone.now() + timedelta(days=91)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("purge_guidance", stdout=StringIO())

    assert not Question.objects.filter(pk=question.pk).exists()
    assert not Message.objects.filter(body__in=[QUESTION, FOLLOW_UP, ANSWER]).exists()
    assert QuestionRecord.objects.count() == counted_before
    record.refresh_from_db()
    assert (record.helpful, record.answer_seconds is not None) == (True, True)
    response = visitor.goto(link)
    assert response.status == 404
    assert "femten år" not in visitor.content()
    assert_accessible(visitor, "the private link after deletion")
    lead.reload()
    assert_accessible(lead, "the statistics after the purge")
