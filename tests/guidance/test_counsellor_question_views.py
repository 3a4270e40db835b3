"""The counsellors' page for one question (the logged opening, claiming, releasing, answering, referring, notes)
and making an FAQ entry.

Every page is tried from both sides: who may (e-guidance counsellors, national administrators, the leads) and who
may not (anonymous visitors are sent to log in; everyone else is refused with a 403 and nothing changes).
"""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from guidance import services
from guidance.models import AccessLog, FaqEntry, InternalNote, Message, MessageKind, QuestionStatus, Topic
from tests.factories import CentreFactory, county
from tests.guidance.conftest import QUESTION_TEXT, ask
from tests.guidance.counsellor_support import (
    ANSWER_TEXT,
    QUEUE_URL,
    answer_data,
    as_user,
    field_error,
    page_text,
    queue_pks,
    snapshot,
    url,
)
from tests.mail_queue import email_tasks, run_worker, time_passes

pytestmark = pytest.mark.django_db


CLAIM_CONFLICT = "Another counsellor claimed this question first."


@pytest.fixture(autouse=True)
def _english_pages(client):
    """Read the pages in English (the site's default is Norwegian bokmål)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


# One question: the logged opening, the conversation and the notes


def test_every_opening_of_a_question_is_logged(client, question, e_counsellor, national_admin):
    as_user(client, e_counsellor).get(url("question", question))
    client.get(url("question", question))
    as_user(client, national_admin).get(url("question", question))

    openings = list(AccessLog.objects.order_by("pk").values_list("user", "question_number", "question"))
    assert openings == [
        (e_counsellor.pk, question.pk, question.pk),
        (e_counsellor.pk, question.pk, question.pk),
        (national_admin.pk, question.pk, question.pk),
    ]


def test_the_question_page_shows_the_question_its_facts_and_a_claim_button(client, e_counsellor):
    question = ask(county_number="46", age_group="45_59", email="asker@example.org")

    response = as_user(client, e_counsellor).get(url("question", question))

    text = page_text(response)
    assert QUESTION_TEXT in text
    assert "Status Waiting for a counsellor Claimed by Unclaimed Due On time" in text
    assert "Topic Changing jobs or career County Vestland Age 45–59" in text
    assert "asker@example.org" not in text  # the address is for the notice only
    content = response.content.decode()
    assert f'action="{url("claim", question)}"' in content
    assert f'action="{url("release", question)}"' not in content
    assert 'name="answer-body"' not in content  # claim first


def test_the_conversation_shows_answers_as_rendered_markdown_and_the_follow_up(client, answered, e_counsellor):
    services.question_follow_up(question=answered, text="Takk! Hva med fagskole i stedet for?")

    response = as_user(client, e_counsellor).get(url("question", answered))

    content = response.content.decode()
    assert "<strong>helsefagarbeider</strong>" in content
    text = page_text(response)
    assert f"Answer from {e_counsellor}" in text
    assert "Follow-up question" in text and "Takk! Hva med fagskole i stedet for?" in text
    assert 'name="answer-body"' in content  # the follow-up came back to the one who answered


def test_a_counsellor_writes_internal_notes_the_asker_never_sees(client, question, e_counsellor, second_counsellor):
    as_user(client, second_counsellor)

    response = client.post(
        url("note", question), {"note-body": "Henvis trolig til NAV, se tidligere sak."}, follow=True
    )

    note = InternalNote.objects.get()
    assert (note.question, note.author, note.body) == (
        question,
        second_counsellor,
        "Henvis trolig til NAV, se tidligere sak.",
    )
    text = page_text(response)
    assert "The note is saved. Only counsellors see it." in text
    assert f"{second_counsellor}," in text and "Henvis trolig til NAV" in text
    asker = client.get(reverse("guidance:conversation", kwargs={"token": question.token}))
    assert "Henvis trolig til NAV" not in asker.content.decode()


def test_an_empty_note_is_refused_at_its_field(client, question, e_counsellor):
    response = as_user(client, e_counsellor).post(url("note", question), {"note-body": "   "})

    assert response.status_code == 200
    assert field_error(response, "id_note-body") == "Write the note."
    assert "Please correct the following" in page_text(response)
    assert not InternalNote.objects.exists()


def test_a_deleted_question_is_not_found(client, question, e_counsellor):
    services.question_delete(question=question)
    as_user(client, e_counsellor)

    assert client.get(url("question", question)).status_code == 404
    assert client.post(url("claim", question)).status_code == 404


# Claiming and releasing


def test_a_counsellor_claims_a_question_and_then_sees_the_answer_form(client, question, e_counsellor):
    response = as_user(client, e_counsellor).post(url("claim", question), follow=True)

    question.refresh_from_db()
    assert (question.status, question.claimed_by) == (QuestionStatus.CLAIMED, e_counsellor)
    text = page_text(response)
    assert "You have claimed the question." in text
    assert "Claimed by You" in text
    content = response.content.decode()
    assert 'name="answer-body"' in content and f'action="{url("release", question)}"' in content
    assert f'action="{url("claim", question)}"' not in content


def test_a_second_counsellor_is_told_the_question_was_claimed_first(client, claimed, e_counsellor, second_counsellor):
    before = snapshot(claimed)

    response = as_user(client, second_counsellor).post(url("claim", claimed), follow=True)

    assert response.redirect_chain == [(url("question", claimed), 302)]
    text = page_text(response)
    assert CLAIM_CONFLICT in text
    assert f"{e_counsellor} has claimed this question and is answering it." in text
    assert 'name="answer-body"' not in response.content.decode()
    assert snapshot(claimed)[:4] == before[:4]  # still the first counsellor's; only the opening was logged


def test_an_answered_question_cannot_be_claimed(client, answered, second_counsellor):
    response = as_user(client, second_counsellor).post(url("claim", answered), follow=True)

    assert "This question has been answered." in page_text(response)
    answered.refresh_from_db()
    assert answered.status == QuestionStatus.ANSWERED


def test_the_claimant_releases_the_question_back_to_the_queue(client, claimed, e_counsellor, second_counsellor):
    response = as_user(client, e_counsellor).post(url("release", claimed), follow=True)

    claimed.refresh_from_db()
    assert (claimed.status, claimed.claimed_by) == (QuestionStatus.OPEN, None)
    assert "The question is back in the queue for another counsellor." in page_text(response)
    assert claimed.pk in queue_pks(as_user(client, second_counsellor).get(QUEUE_URL, {"unclaimed": "on"}))


def test_nobody_releases_someone_elses_claim(client, claimed, e_counsellor, national_admin):
    response = as_user(client, national_admin).post(url("release", claimed), follow=True)

    assert "Only the counsellor who claimed the question can release it." in page_text(response)
    claimed.refresh_from_db()
    assert (claimed.status, claimed.claimed_by) == (QuestionStatus.CLAIMED, e_counsellor)


# Answering


def test_the_claimant_answers_and_the_asker_gets_only_the_link_by_e_mail(
    client, claimed, e_counsellor, django_capture_on_commit_callbacks
):
    as_user(client, e_counsellor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("answer", claimed), answer_data())

    assert response.status_code == 302 and response["Location"] == url("question", claimed)
    claimed.refresh_from_db()
    assert claimed.status == QuestionStatus.ANSWERED
    answer = claimed.messages.get(kind=MessageKind.ANSWER)
    assert (answer.body, answer.author) == (ANSWER_TEXT, e_counsellor)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["asker@example.org"]
    assert f"/sporsmal/{claimed.token}/" in sent.body
    for private in (QUESTION_TEXT, "helsefagarbeider", "karrieresenteret"):
        assert private not in sent.body and private not in sent.subject

    page = client.get(response["Location"])
    text = page_text(page)
    assert "Your answer is sent. The asker gets an e-mail with the link to it." in text
    assert "Status Answered" in text
    assert "<strong>helsefagarbeider</strong>" in page.content.decode()
    assert f'href="{url("faq_new", claimed)}">Make an FAQ entry</a>' in page.content.decode()
    assert 'name="answer-body"' not in page.content.decode()


def test_answering_someone_elses_claim_is_refused_and_stores_nothing(
    client, claimed, second_counsellor, django_capture_on_commit_callbacks
):
    before = snapshot(claimed)
    as_user(client, second_counsellor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("answer", claimed), answer_data(), follow=True)

    assert "Only the counsellor who claimed the question can answer it. Nothing was sent." in page_text(response)
    assert snapshot(claimed)[:4] == before[:4]
    assert mail.outbox == []


def test_an_unclaimed_question_cannot_be_answered(client, question, e_counsellor):
    response = as_user(client, e_counsellor).post(url("answer", question), answer_data(), follow=True)

    assert "Only the counsellor who claimed the question can answer it." in page_text(response)
    assert not Message.objects.filter(kind=MessageKind.ANSWER).exists()


def test_with_the_mail_server_down_the_answer_is_saved_and_the_counsellor_told_it_is_sent(
    client, claimed, e_counsellor, mail_server, django_capture_on_commit_callbacks
):
    """Tasks run at once here (development, tests): the failed send is the task's failure, not the request's."""
    mail_server.down()
    as_user(client, e_counsellor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("answer", claimed), answer_data())

    assert response.status_code == 302 and response["Location"] == url("question", claimed)
    claimed.refresh_from_db()
    assert claimed.status == QuestionStatus.ANSWERED
    assert claimed.messages.get(kind=MessageKind.ANSWER).body == ANSWER_TEXT
    assert "Your answer is sent. The asker gets an e-mail with the link to it." in page_text(
        client.get(response["Location"])
    )
    assert mail.outbox == []


def test_an_answer_given_while_the_mail_server_hangs_up_is_mailed_once_when_it_is_back(
    client, claimed, e_counsellor, mail_server, task_queue, django_capture_on_commit_callbacks
):
    mail.outbox.clear()  # The counsellor's notice of the new role, sent while the fixtures were built.
    mail_server.hanging_up()

    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(client, e_counsellor).post(url("answer", claimed), answer_data())

    assert response.status_code == 302 and response["Location"] == url("question", claimed)
    claimed.refresh_from_db()
    assert claimed.status == QuestionStatus.ANSWERED
    assert "Your answer is sent." in page_text(client.get(response["Location"]))
    assert email_tasks() == [(1, "READY")]

    run_worker()
    assert mail.outbox == []
    assert email_tasks() == [(1, "SUCCESSFUL"), (2, "READY")]

    mail_server.back()
    run_worker()
    assert mail.outbox == [], "the retry waits for its back-off"

    time_passes()
    run_worker()
    time_passes()
    run_worker()
    assert [m.to for m in mail.outbox] == [["asker@example.org"]]
    assert f"/sporsmal/{claimed.token}/" in mail.outbox[0].body
    assert email_tasks() == [(1, "SUCCESSFUL"), (2, "SUCCESSFUL")]


def test_an_empty_answer_is_refused_at_its_field_and_stores_nothing(client, claimed, e_counsellor):
    response = as_user(client, e_counsellor).post(url("answer", claimed), answer_data(body=" \r\n "))

    assert response.status_code == 200
    assert field_error(response, "id_answer-body") == "Write the answer."
    assert 'aria-invalid="true"' in response.content.decode()
    claimed.refresh_from_db()
    assert claimed.status == QuestionStatus.CLAIMED
    assert not Message.objects.filter(kind=MessageKind.ANSWER).exists()


def test_an_answer_over_the_length_limit_is_refused_at_its_field(client, claimed, e_counsellor):
    response = as_user(client, e_counsellor).post(url("answer", claimed), answer_data(body="x" * 20001))

    assert field_error(response, "id_answer-body") == "Write at most 20000 characters."
    assert not Message.objects.filter(kind=MessageKind.ANSWER).exists()


def test_the_answer_can_refer_the_asker_to_a_centre_in_their_county(
    client, claimed, e_counsellor, centre, other_centre
):
    as_user(client, e_counsellor)
    form = client.get(url("question", claimed)).content.decode()
    assert f'<option value="{other_centre.pk}">Karriere Vestland</option>' in form
    assert "Karriere Oslo" not in form  # the asker is in Vestland

    response = client.post(url("answer", claimed), answer_data(refer_to=str(other_centre.pk)), follow=True)

    claimed.refresh_from_db()
    assert claimed.referred_to == other_centre
    assert "Referred to Karriere Vestland" in page_text(response)
    asker = client.get(reverse("guidance:conversation", kwargs={"token": claimed.token}))
    assert "Contact Karriere Vestland" in page_text(asker)


def test_a_centre_that_is_not_offered_is_refused_at_its_field(client, claimed, e_counsellor, centre):
    closed = CentreFactory(name="Karriere Nedlagt", county=county("46"), is_active=False)
    as_user(client, e_counsellor)

    for refused in (centre, closed):
        response = client.post(url("answer", claimed), answer_data(refer_to=str(refused.pk)))
        assert field_error(response, "id_answer-refer_to") == "Choose a centre from the list."
    claimed.refresh_from_db()
    assert (claimed.status, claimed.referred_to) == (QuestionStatus.CLAIMED, None)


# FAQ entries


def test_the_faq_form_is_prefilled_from_the_question_and_the_answer_with_a_warning_to_anonymise(
    client, answered, e_counsellor
):
    response = as_user(client, e_counsellor).get(url("faq_new", answered))

    form = response.context["form"]
    assert form["question"].value() == QUESTION_TEXT
    assert form["answer"].value() == "Se på **helsefagarbeider**."
    assert form["topic"].value() == Topic.CHANGING_JOBS
    text = page_text(response)
    assert "Remove everything that could identify the asker" in text
    assert "remove names, ages, places, schools, employers, dates" in text


def test_publishing_an_faq_entry_needs_the_anonymisation_confirmed(client, answered, e_counsellor):
    data = {
        "title": "Fra butikk til helse?",
        "question": "Jeg jobber i butikk og vil over i helse. Hvilken utdanning passer?",
        "answer": "Se på **helsefagarbeider**.",
        "topic": Topic.CHANGING_JOBS,
    }
    as_user(client, e_counsellor)

    refused = client.post(url("faq_new", answered), data)
    assert refused.status_code == 200
    assert field_error(refused, "id_anonymised") == (
        "Tick the box once the question and the answer say nothing about who asked."
    )
    assert not FaqEntry.objects.exists()

    response = client.post(url("faq_new", answered), {**data, "anonymised": "on"})

    assert response.status_code == 302 and response["Location"] == reverse("guidance:faq")
    entry = FaqEntry.objects.get()
    assert (entry.title, entry.question, entry.topic, entry.author) == (
        "Fra butikk til helse?",
        data["question"],
        Topic.CHANGING_JOBS,
        e_counsellor,
    )
    public = client.get(response["Location"])
    assert "The FAQ entry is published." in page_text(public) and "Fra butikk til helse?" in page_text(public)


def test_a_too_short_faq_question_is_refused_at_its_field(client, answered, e_counsellor):
    data = {"title": "Kort", "question": "For kort", "answer": "Svar", "topic": "other", "anonymised": "on"}

    response = as_user(client, e_counsellor).post(url("faq_new", answered), data)

    assert field_error(response, "id_question") == "Write at least 20 characters."
    assert not FaqEntry.objects.exists()
