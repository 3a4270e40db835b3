"""The counsellors' pages: the queue (order, urgency, filters, pages), one question (the logged opening, claiming,
releasing, answering, referring, notes), making an FAQ entry, the leads' deadlines page and their warnings.

Every page is tried from both sides: who may (e-guidance counsellors, national administrators, the leads) and who
may not (anonymous visitors are sent to log in; everyone else is refused with a 403 and nothing changes).
"""

import html
import re
import secrets
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from guidance import selectors, services
from guidance.models import (
    AccessLog,
    FaqEntry,
    InternalNote,
    Message,
    MessageKind,
    Question,
    QuestionRecord,
    QuestionStatus,
    Topic,
)
from notifications.models import Notice
from tests.factories import CentreFactory, county
from tests.guidance.conftest import QUESTION_TEXT, ask, at

pytestmark = pytest.mark.django_db

QUEUE_URL = "/e-veiledning/"
DUE_SOON_URL = "/e-veiledning/frister/"
ANSWER_TEXT = "Se på **helsefagarbeider** og snakk med karrieresenteret ditt."
CLAIM_CONFLICT = "Another counsellor claimed this question first."


@pytest.fixture(autouse=True)
def _english_pages(client):
    """Read the pages in English (the site's default is Norwegian bokmål)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def url(name, question):
    return reverse(f"guidance:{name}", kwargs={"pk": question.pk})


def page_text(response):
    """The visible words of a page, tags dropped and whitespace collapsed, for asserting sentences."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(body).split())


def field_error(response, field_id):
    match = re.search(rf'id="{field_id}_error">(.*?)</div>', response.content.decode(), re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).strip() if match else ""


def as_user(client, user):
    client.force_login(user)
    return client


def due_in(question, delta):
    """Move the question's due time to now + ``delta``; returns the question as stored."""
    Question.objects.filter(pk=question.pk).update(due_at=timezone.now() + delta)
    return Question.objects.get(pk=question.pk)


def queue_pks(response):
    return [row["question"].pk for row in response.context["rows"]]


def answer_data(body=ANSWER_TEXT, refer_to=""):
    return {"answer-body": body, "answer-refer_to": refer_to}


def snapshot(question):
    """What a refused request must leave as it was."""
    stored = Question.objects.get(pk=question.pk)
    return (
        stored.status,
        stored.claimed_by_id,
        stored.referred_to_id,
        Message.objects.filter(question=stored).count(),
        InternalNote.objects.count(),
        FaqEntry.objects.count(),
        AccessLog.objects.count(),
    )


# Who may see the pages

COUNSELLOR_PAGES = ["queue", "question", "faq_new"]
POSTS = {
    "claim": {},
    "release": {},
    "answer": answer_data(),
    "note": {"note-body": "Ring henne tilbake"},
    "faq_new": {"title": "Tittel", "question": QUESTION_TEXT, "answer": "Svar", "topic": "other", "anonymised": "on"},
}


def page_url(name, question):
    return QUEUE_URL if name == "queue" else url(name, question)


@pytest.mark.parametrize("name", [*COUNSELLOR_PAGES, "due_soon"])
def test_anonymous_visitors_are_sent_to_log_in(client, question, name):
    target = DUE_SOON_URL if name == "due_soon" else page_url(name, question)

    response = client.get(target)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("name", POSTS)
def test_anonymous_visitors_change_nothing(client, claimed, name):
    before = snapshot(claimed)

    response = client.post(url(name, claimed), POSTS[name])

    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert snapshot(claimed) == before


@pytest.mark.parametrize("who", ["plain_user", "school_counsellor", "centre_admin", "guidance_lead"])
@pytest.mark.parametrize("name", COUNSELLOR_PAGES)
def test_people_who_do_not_answer_questions_are_refused_the_questions(client, request, question, who, name):
    as_user(client, request.getfixturevalue(who))

    response = client.get(page_url(name, question))

    assert response.status_code == 403
    assert QUESTION_TEXT not in response.content.decode()
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("who", ["plain_user", "school_counsellor", "centre_admin"])
@pytest.mark.parametrize("name", POSTS)
def test_people_who_do_not_answer_questions_change_nothing(client, request, claimed, who, name):
    as_user(client, request.getfixturevalue(who))
    before = snapshot(claimed)

    assert client.post(url(name, claimed), POSTS[name]).status_code == 403
    assert snapshot(claimed) == before
    assert mail.outbox == []


@pytest.mark.parametrize("who", ["e_counsellor", "national_admin"])
@pytest.mark.parametrize("name", COUNSELLOR_PAGES)
def test_counsellors_and_national_admins_see_the_questions(client, request, question, who, name):
    as_user(client, request.getfixturevalue(who))

    response = client.get(page_url(name, question))

    assert response.status_code == 200
    assert response["Cache-Control"].count("no-store") == 1  # personal data stays out of caches


@pytest.mark.parametrize("who", ["plain_user", "school_counsellor", "centre_admin", "e_counsellor"])
def test_the_deadlines_page_is_refused_to_people_who_do_not_lead_e_guidance(client, request, question, who):
    as_user(client, request.getfixturevalue(who))
    assert client.get(DUE_SOON_URL).status_code == 403


# The queue


@pytest.fixture
def three_waiting(e_counsellor):
    """Overdue, due in 2 hours and due in 2 days, created in the opposite order of their due times."""
    on_time = due_in(
        ask("Jeg vurderer å søke fagskole innen elektro, hva trengs?", county_number="03"), timedelta(days=2)
    )
    soon = due_in(ask(age_group="45_59", county_number="46"), timedelta(hours=2))
    overdue = ask("Hvordan får jeg godkjent sykepleierutdanningen min fra Filippinene?", topic=Topic.FOREIGN_EDUCATION)
    overdue = due_in(services.question_claim(question=overdue, counsellor=e_counsellor), -timedelta(hours=1))
    return overdue, soon, on_time


def test_the_queue_lists_waiting_questions_due_first_with_urgency_in_words(client, second_counsellor, three_waiting):
    overdue, soon, on_time = three_waiting
    answered = ask("Dette spørsmålet er besvart allerede, og skal ikke stå i køen.")
    services.question_claim(question=answered, counsellor=second_counsellor)
    services.question_answer(question=answered, counsellor=second_counsellor, body="Svar.")

    response = as_user(client, second_counsellor).get(QUEUE_URL)

    assert response.status_code == 200
    assert queue_pks(response) == [overdue.pk, soon.pk, on_time.pk]
    labels = [(row["urgency"].label, row["urgency"].css) for row in response.context["rows"]]
    assert labels == [
        ("Overdue", "urgency--overdue"),
        ("Due within 4 hours", "urgency--soon"),
        ("On time", "urgency--on-time"),
    ]
    text = page_text(response)
    assert "3 questions waiting" in text
    # Number, topic, county, age group, the start of the question, the claimant and the due time, in words.
    assert f"Question {soon.pk} Changing jobs or career Vestland 45–59 Jeg er 45 år og vil bytte" in text
    assert "Unclaimed Due within 4 hours" in text
    assert f"Question {overdue.pk} Recognition of education from abroad Not given Not given Hvordan får jeg" in text
    assert f"{overdue.claimed_by} Overdue" in text
    assert f"Question {on_time.pk} Changing jobs or career Oslo" in text
    content = response.content.decode()
    assert '<tr class="urgency--overdue">' in content and '<tr class="urgency--on-time">' in content
    assert f'href="{url("question", overdue)}"' in content
    assert "besvart allerede" not in content


def test_my_own_claims_say_you(client, e_counsellor, three_waiting):
    response = as_user(client, e_counsellor).get(QUEUE_URL)
    assert f"Question {three_waiting[0].pk} Recognition" in page_text(response)
    assert "You Overdue" in page_text(response)


def test_urgency_is_overdue_within_the_warning_window_later_today_or_on_time():
    now = at("2027-03-02 10:00")
    assert selectors.urgency(at("2027-03-02 09:59"), now=now).label == "Overdue"
    assert selectors.urgency(at("2027-03-02 14:00"), now=now).label == "Due within 4 hours"
    assert selectors.urgency(at("2027-03-02 14:01"), now=now).label == "Due today"
    assert selectors.urgency(at("2027-03-02 23:59"), now=now).key == "today"  # Oslo's day, not UTC's
    assert selectors.urgency(at("2027-03-03 00:30"), now=now).label == "On time"


def test_the_queue_filters_by_topic_county_unclaimed_and_mine(client, e_counsellor, second_counsellor):
    vestland_jobs = ask(county_number="46")
    vestland_abroad = ask(topic=Topic.FOREIGN_EDUCATION, county_number="46")
    oslo_mine = services.question_claim(question=ask(county_number="03"), counsellor=e_counsellor)
    theirs = services.question_claim(question=ask(county_number="46"), counsellor=second_counsellor)
    as_user(client, e_counsellor)

    def shown(**params):
        return set(queue_pks(client.get(QUEUE_URL, params)))

    assert shown() == {vestland_jobs.pk, vestland_abroad.pk, oslo_mine.pk, theirs.pk}
    assert shown(topic=Topic.FOREIGN_EDUCATION) == {vestland_abroad.pk}
    assert shown(county="46") == {vestland_jobs.pk, vestland_abroad.pk, theirs.pk}
    assert shown(unclaimed="on") == {vestland_jobs.pk, vestland_abroad.pk}
    assert shown(mine="on") == {oslo_mine.pk}
    assert shown(county="46", unclaimed="on", topic=Topic.CHANGING_JOBS) == {vestland_jobs.pk}
    assert shown(county="03", unclaimed="on") == set()
    empty = client.get(QUEUE_URL, {"county": "03", "unclaimed": "on"})
    assert "No waiting questions match the filter." in page_text(empty)
    assert 'name="unclaimed" id="id_unclaimed" checked' in empty.content.decode()


def test_a_bad_filter_value_is_shown_at_its_field_rather_than_failing(client, e_counsellor, question):
    response = as_user(client, e_counsellor).get(QUEUE_URL, {"topic": "juggling", "county": "99"})

    assert response.status_code == 200
    assert field_error(response, "id_topic") == "Choose a topic from the list."
    assert field_error(response, "id_county") == "Choose a county from the list."
    assert queue_pks(response) == [question.pk]  # the bad fields are left out of the filtering


# Many questions: 50 a page, and the same number of queries for 5 as for 5,000


def bulk_questions(count, *, due_from=None, start=0):
    """``count`` waiting questions stored in three bulk inserts (asking them one by one would take minutes)."""
    now = timezone.now()
    due_from = due_from or now + timedelta(days=1)
    counties = [county(number) for number in ("03", "11", "46")] + [None]
    topics = [value for value, _label in Topic.choices]
    records = QuestionRecord.objects.bulk_create(
        QuestionRecord(
            topic=topics[n % len(topics)],
            county=counties[n % len(counties)],
            asked_at=now,
            due_at=due_from + timedelta(minutes=n),
        )
        for n in range(start, start + count)
    )
    questions = Question.objects.bulk_create(
        Question(
            token_key=f"bulk{n:08d}",
            token=f"bulk{n:08d}{secrets.token_urlsafe(24)}",
            record=record,
            topic=record.topic,
            county=record.county,
            age_group="19_29" if n % 2 else "",
            created_at=now,
            due_at=record.due_at,
            last_activity_at=now,
        )
        for n, record in enumerate(records, start=start)
    )
    Message.objects.bulk_create(
        Message(question=question, kind=MessageKind.QUESTION, body=f"Spørsmål nummer {n} " * 30, created_at=now)
        for n, question in enumerate(questions, start=start)
    )
    return questions


def test_the_queue_shows_50_questions_a_page_and_keeps_its_query_budget_for_5_and_5000(
    client, e_counsellor, second_counsellor, django_assert_max_num_queries
):
    as_user(client, e_counsellor)
    client.get(QUEUE_URL)  # the site's own lookups (menus, footer) are cached after the first page
    few = bulk_questions(5)
    services.question_claim(question=few[0], counsellor=second_counsellor)
    pages = [{}, {"page": "2"}, {"county": "46", "unclaimed": "on", "topic": Topic.FOREIGN_EDUCATION, "page": "2"}]

    budgets = []
    for params in pages:
        with django_assert_max_num_queries(30) as captured:
            response = client.get(QUEUE_URL, params)
            assert response.status_code == 200
        budgets.append(len(captured))
    assert len(client.get(QUEUE_URL).context["rows"]) == 5

    many = bulk_questions(4995, start=5)
    for n, question in enumerate(many[:10]):  # claimed by different people on the first page
        services.question_claim(question=question, counsellor=(e_counsellor, second_counsellor)[n % 2])
    for params, budget in zip(pages, budgets, strict=True):
        with django_assert_max_num_queries(budget):
            response = client.get(QUEUE_URL, params)
        assert len(response.context["rows"]) == 50
    assert response.context["page_obj"].paginator.count > 100  # the filtered list had two pages and more
    response = client.get(QUEUE_URL, {"page": "2"})
    assert response.context["page_obj"].paginator.num_pages == 100
    assert "5000 questions waiting" in page_text(response) and "Page 2 of 100" in page_text(response)


def test_the_deadlines_page_keeps_its_query_budget(client, guidance_lead, e_counsellor, django_assert_max_num_queries):
    as_user(client, guidance_lead)
    client.get(DUE_SOON_URL)
    bulk_questions(3, due_from=timezone.now() - timedelta(hours=1))

    with django_assert_max_num_queries(30) as captured:
        response = client.get(DUE_SOON_URL)
    assert len(response.context["rows"]) == 3
    budget = len(captured)

    many = bulk_questions(300, due_from=timezone.now() - timedelta(hours=3), start=3)
    for question in many[:5]:
        services.question_claim(question=question, counsellor=e_counsellor)
    with django_assert_max_num_queries(budget):
        response = client.get(DUE_SOON_URL)
    assert response.context["page_obj"].paginator.count == 303
    assert len(response.context["rows"]) == 50


def test_the_question_page_keeps_its_query_budget_however_long_the_notes(
    client, answered, e_counsellor, django_assert_max_num_queries
):
    as_user(client, e_counsellor)
    client.get(url("question", answered))
    with django_assert_max_num_queries(30) as captured:
        client.get(url("question", answered))
    budget = len(captured)

    for n in range(20):
        services.note_add(question=answered, author=e_counsellor, body=f"Notat {n}")
    with django_assert_max_num_queries(budget):
        response = client.get(url("question", answered))
    assert "Notat 19" in page_text(response)


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


# The leads: the deadlines page and the warnings


@pytest.mark.parametrize("who", ["guidance_lead", "national_admin"])
def test_the_leads_see_the_questions_overdue_or_due_soon_with_who_has_them(
    client, request, who, e_counsellor, three_waiting
):
    overdue, soon, on_time = three_waiting

    response = as_user(client, request.getfixturevalue(who)).get(DUE_SOON_URL)

    assert response.status_code == 200
    assert queue_pks(response) == [overdue.pk, soon.pk]
    text = page_text(response)
    assert f"Question {overdue.pk} Recognition of education from abroad Not given {e_counsellor}" in text
    assert "Overdue" in text and "Unclaimed Due within 4 hours" in text
    assert "overdue or due within 4 hours" in text
    # Only those who answer questions get a link to one; the others see the list.
    link = f'href="{url("question", overdue)}"'
    assert (link in response.content.decode()) == (who == "national_admin")


def local_due(question):
    return timezone.localtime(question.due_at).strftime("%d.%m.%Y %H:%M")


def test_the_command_warns_each_lead_once_per_question(
    guidance_lead, national_admin, centre_admin, e_counsellor, three_waiting
):
    overdue, soon, on_time = three_waiting
    out = StringIO()

    call_command("warn_guidance_leads", stdout=out)

    assert out.getvalue().strip() == "Warned the leads about 2 questions."
    warned = Notice.objects.filter(kind="guidance.deadline")
    # The notice leads to the deadline page: a lead who does not answer may not open the question itself.
    assert sorted(warned.values_list("recipient__email", "title")) == sorted(
        (lead.email, f"E-guidance question #{question.pk} is due {local_due(question)}")
        for lead in (guidance_lead, national_admin)
        for question in (overdue, soon)
    )
    assert set(warned.values_list("link", flat=True)) == {reverse("guidance:due_soon")}

    again = StringIO()
    call_command("warn_guidance_leads", stdout=again)
    assert again.getvalue().strip() == "Warned the leads about 0 questions."
    assert warned.count() == 4


def test_the_task_warns_the_leads_too(guidance_lead, three_waiting):
    from guidance.tasks import warn_guidance_leads

    assert warn_guidance_leads.enqueue().return_value == 2
    assert Notice.objects.filter(recipient=guidance_lead, kind="guidance.deadline").count() == 2
