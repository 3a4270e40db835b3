"""The counsellors' queue (who may see the pages, order, urgency, filters, pages, query counts), the leads'
deadlines page and their warnings.

Every page is tried from both sides: who may (e-guidance counsellors, national administrators, the leads) and who
may not (anonymous visitors are sent to log in; everyone else is refused with a 403 and nothing changes).
"""

import secrets
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from guidance import selectors, services
from guidance.models import AccessLog, Message, MessageKind, Question, QuestionRecord, Topic
from notifications.models import Notice
from tests.factories import county
from tests.guidance.conftest import QUESTION_TEXT, ask, at
from tests.guidance.counsellor_support import (
    QUEUE_URL,
    answer_data,
    as_user,
    field_error,
    page_text,
    queue_pks,
    snapshot,
    url,
)

pytestmark = pytest.mark.django_db


DUE_SOON_URL = "/e-veiledning/frister/"


@pytest.fixture(autouse=True)
def _english_pages(client):
    """Read the pages in English (the site's default is Norwegian bokmål)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def due_in(question, delta):
    """Move the question's due time to now + ``delta``; returns the question as stored."""
    Question.objects.filter(pk=question.pk).update(due_at=timezone.now() + delta)
    return Question.objects.get(pk=question.pk)


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
    few = bulk_questions(3, due_from=timezone.now() - timedelta(hours=1))
    services.question_claim(question=few[0], counsellor=e_counsellor)  # a claimed row: which ones the lead may move

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
    return date_format(timezone.localtime(question.due_at), "DATETIME_FORMAT")


def test_the_command_warns_each_lead_once_per_question(
    guidance_lead, national_admin, centre_admin, e_counsellor, three_waiting
):
    overdue, soon, on_time = three_waiting
    out = StringIO()

    call_command("warn_guidance_leads", stdout=out)

    assert out.getvalue().strip() == "Warned the leads about 2 questions."
    warned = Notice.objects.filter(kind="guidance.deadline")
    # The notice leads to the deadline page: a lead who does not answer may not open the question itself.
    assert sorted((notice.recipient.email, notice.title) for notice in warned) == sorted(
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
