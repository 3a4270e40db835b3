"""The e-guidance API (/api/v1/guidance/): the pages' rules, from the asker's and the counsellors' side.

Anonymous askers with and without the right token, e-guidance counsellors (the one who claimed and the
other one), national administrators, and people without the role; bad input that stores nothing; the
shared rate limit; fixed query budgets; and the schema.
"""

import pytest
import yaml
from django.core import mail
from django.utils import translation
from rest_framework.test import APIClient

from guidance import services
from guidance.models import AccessLog, Message, Question, QuestionRecord, QuestionStatus, Topic
from tests.factories import CentreFactory, api_key, county
from tests.guidance.conftest import QUESTION_TEXT, ask

pytestmark = pytest.mark.django_db

BASE = "/api/v1/guidance/"
ASK = f"{BASE}questions/"
QUEUE = f"{BASE}queue/"


def conversation_url(token, action=""):
    return f"{ASK}by-token/{token}/{action + '/' if action else ''}"


def queue_url(question, action=""):
    pk = question if isinstance(question, int) else question.pk
    return f"{QUEUE}{pk}/{action + '/' if action else ''}"


def as_user(user=None):
    client = APIClient()
    if user is not None:
        client.force_login(user)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def token_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key(user, in_use=True)}", HTTP_ACCEPT_LANGUAGE="en")
    return client


def valid_question(**changes):
    data = {
        "text": QUESTION_TEXT,
        "topic": Topic.CHANGING_JOBS,
        "county": "46",
        "age_group": "45_59",
        "email": "asker@example.org",
        "consent": True,
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def stored():
    return Question.objects.count(), QuestionRecord.objects.count(), Message.objects.count()


# Asking


def test_anyone_asks_and_gets_the_private_token_link_and_due_time():
    response = as_user().post(ASK, valid_question(), format="json")

    assert response.status_code == 201, response.content
    body = response.json()
    question = Question.objects.get()
    assert body["token"] == question.token
    assert body["url"] == f"http://testserver/sporsmal/{question.token}/"
    assert body["api_url"] == f"http://testserver{conversation_url(question.token)}"
    assert body["status"] == "open" and body["due_at"]
    assert "no-store" in response["Cache-Control"]
    assert (question.topic, question.county, question.age_group, question.email) == (
        Topic.CHANGING_JOBS,
        county("46"),
        "45_59",
        "asker@example.org",
    )
    assert question.messages.get().body == QUESTION_TEXT


def test_the_same_rules_hold_for_form_encoded_requests():
    data = valid_question(consent="on")
    assert as_user().post(ASK, data).status_code == 201
    assert as_user().post(ASK, valid_question(text="For kort.")).status_code == 400
    assert Question.objects.count() == 1


def test_a_request_that_is_not_an_object_is_refused():
    response = as_user().post(ASK, [QUESTION_TEXT], format="json")
    assert response.status_code == 400 and stored() == (0, 0, 0)


def test_only_text_topic_and_consent_are_needed():
    response = as_user().post(ASK, {"text": QUESTION_TEXT, "topic": "other", "consent": True}, format="json")
    assert response.status_code == 201, response.content
    question = Question.objects.get()
    assert (question.county, question.age_group, question.email) == (None, "", "")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"text": "For kort."}, "text", "Write at least 20 characters. You wrote 9 characters."),
        ({"text": "   " + "a" * 19 + "   "}, "text", "Write at least 20 characters. You wrote 19 characters."),
        ({"text": "x" * 5001}, "text", "Write at most 5,000 characters. You wrote 5,001 characters."),
        ({"text": None}, "text", "Write your question."),
        ({"topic": "astrology"}, "topic", "Choose a topic from the list."),
        ({"topic": None}, "topic", "Choose the topic that fits your question best."),
        ({"county": "99"}, "county", "Choose a county from the list."),
        ({"age_group": "100_plus"}, "age_group", "Choose an age group from the list."),
        ({"email": "not-an-address"}, "email", None),
        ({"consent": False}, "consent", "Tick the box to agree, otherwise we cannot receive your question."),
        ({"consent": None}, "consent", "Tick the box to agree, otherwise we cannot receive your question."),
        ({"website": "http://spam.example"}, "website", "Leave this field empty."),
    ],
)
def test_bad_questions_are_refused_at_the_field_and_nothing_is_stored(changes, field, message):
    response = as_user().post(ASK, valid_question(**changes), format="json")

    assert response.status_code == 400
    errors = response.json()
    assert field in errors
    if message:
        assert errors[field] == [message]
    assert stored() == (0, 0, 0)


def test_more_than_five_questions_an_hour_from_one_address_are_refused(settings):
    client = as_user()
    assert client.post(ASK, valid_question(text="x"), format="json").status_code == 400  # does not count
    for _n in range(settings.GUIDANCE_QUESTIONS_PER_HOUR):
        assert client.post(ASK, valid_question(), format="json").status_code == 201

    refused = client.post(ASK, valid_question(), format="json")

    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("You have sent many questions in a short time.")
    assert refused["Retry-After"] == "3600"
    assert Question.objects.count() == settings.GUIDANCE_QUESTIONS_PER_HOUR
    # Another address still may.
    other = APIClient(REMOTE_ADDR="10.0.0.9")
    assert other.post(ASK, valid_question(), format="json").status_code == 201


def test_a_refused_question_gets_the_api_error_body_in_norwegian_by_default(settings):
    client = APIClient()
    for _n in range(settings.GUIDANCE_QUESTIONS_PER_HOUR):
        assert client.post(ASK, valid_question(), format="json").status_code == 201

    refused = client.post(ASK, valid_question(), format="json")

    assert refused.status_code == 429
    with translation.override("nb"):
        message = translation.gettext(
            "You have sent many questions in a short time. Wait an hour and try again, or call your "
            "county's career centre."
        )
    assert refused.json() == {"detail": message, "code": "throttled"}
    assert refused["Retry-After"] == str(services.ASK_RATE_PERIOD)
    # Far stricter than the general anonymous rate, which still lets the same address read the API.
    assert client.get("/api/v1/counties/").status_code == 200


# The asker's conversation


def test_the_asker_reads_the_answer_as_markdown_and_html_with_the_referred_centre(question, e_counsellor, other_centre):
    services.question_claim(question=question, counsellor=e_counsellor)
    services.question_answer(
        question=question,
        counsellor=e_counsellor,
        body="Se på **helsefagarbeider**. <script>alert(1)</script>",
        refer_to=other_centre,
    )

    response = as_user().get(conversation_url(question.token))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "answered" and body["due_at"] is None
    assert [message["kind"] for message in body["messages"]] == ["question", "answer"]
    answer = body["messages"][1]
    assert answer["body"].startswith("Se på **helsefagarbeider**.")
    assert "<strong>helsefagarbeider</strong>" in answer["html"] and "<script>" not in answer["html"]
    assert body["referred_to"]["name"] == "Karriere Vestland" and "email" in body["referred_to"]
    assert (body["helpful"], body["can_follow_up"], body["can_rate"]) == (None, True, True)
    assert "author" not in answer and "email" not in body


def test_a_waiting_question_shows_its_due_time_and_cannot_be_rated_or_followed_up(question):
    client = as_user()
    body = client.get(conversation_url(question.token)).json()
    assert body["status"] == "open" and body["due_at"] and body["referred_to"] is None
    assert (body["can_follow_up"], body["can_rate"]) == (False, False)

    assert client.post(conversation_url(question.token, "rate"), {"helpful": True}, format="json").status_code == 400
    follow_up = client.post(conversation_url(question.token, "follow-up"), {"text": QUESTION_TEXT}, format="json")
    assert follow_up.status_code == 400
    assert QuestionRecord.objects.get().helpful is None and question.messages.count() == 1


def test_wrong_short_and_deleted_tokens_all_get_the_same_404(question):
    client = as_user()
    wrong = client.get(conversation_url(question.token[:-1] + ("A" if question.token[-1] != "A" else "B")))
    short = client.get(conversation_url("abc"))
    services.question_delete(question=question)
    deleted = client.get(conversation_url(question.token))

    assert wrong.status_code == short.status_code == deleted.status_code == 404
    assert wrong.json() == short.json() == deleted.json()
    assert wrong.json()["detail"].startswith("No conversation has this link.")
    for action, data in (("follow-up", {"text": QUESTION_TEXT}), ("rate", {"helpful": True})):
        assert client.post(conversation_url(question.token, action), data, format="json").json() == wrong.json()
    assert client.delete(conversation_url(question.token)).status_code == 404


def test_the_asker_follows_up_once_and_rates_the_answer(answered, e_counsellor):
    client = as_user()
    too_short = client.post(conversation_url(answered.token, "follow-up"), {"text": "Takk!"}, format="json")
    assert too_short.status_code == 400
    assert too_short.json() == {"text": ["Write at least 20 characters. You wrote 5 characters."]}

    response = client.post(
        conversation_url(answered.token, "follow-up"), {"text": "Hvor lang tid tar utdanningen?"}, format="json"
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert [message["kind"] for message in body["messages"]] == ["question", "answer", "follow_up"]
    assert body["status"] == "claimed" and body["due_at"] and body["can_follow_up"] is False
    again = client.post(
        conversation_url(answered.token, "follow-up"), {"text": "Og hva med studiefinansiering?"}, format="json"
    )
    assert again.status_code == 400
    assert Message.objects.filter(question=answered).count() == 3

    rated = client.post(conversation_url(answered.token, "rate"), {"helpful": True}, format="json")
    assert rated.status_code == 200 and rated.json()["helpful"] is True
    changed = client.post(conversation_url(answered.token, "rate"), {"helpful": False}, format="json")
    assert changed.json()["helpful"] is False and QuestionRecord.objects.get().helpful is False
    assert client.post(conversation_url(answered.token, "rate"), {}, format="json").status_code == 400


def test_the_asker_deletes_the_conversation_and_only_the_anonymous_record_stays(answered):
    client = as_user()

    response = client.delete(conversation_url(answered.token))

    assert response.status_code == 204
    assert stored() == (0, 1, 0)
    assert client.get(conversation_url(answered.token)).status_code == 404


def test_reading_the_conversation_costs_a_fixed_number_of_queries(answered, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert as_user().get(conversation_url(answered.token)).status_code == 200


# The counsellors' queue


QUEUE_CALLS = [
    ("get", QUEUE),
    ("get", "detail"),
    ("post", "claim"),
    ("post", "release"),
    ("post", "answer"),
]


def _call(client, method, target, question):
    url = QUEUE if target == QUEUE else (queue_url(question) if target == "detail" else queue_url(question, target))
    data = {"body": "Et svar."} if target == "answer" else {}
    return getattr(client, method)(url, data, format="json")


def test_anonymous_visitors_cannot_use_the_queue(question):
    for method, target in QUEUE_CALLS:
        assert _call(as_user(), method, target, question).status_code in (401, 403), target
    assert AccessLog.objects.count() == 0


@pytest.mark.parametrize("who", ["plain_user", "school_counsellor", "centre_admin", "guidance_lead"])
def test_people_without_the_e_guidance_role_are_refused(request, question, who):
    client = as_user(request.getfixturevalue(who))
    for method, target in QUEUE_CALLS:
        response = _call(client, method, target, question)
        assert response.status_code == 403, target
    assert response.json()["detail"] == "Only e-guidance counsellors see the questions."
    question.refresh_from_db()
    assert question.status == QuestionStatus.OPEN and AccessLog.objects.count() == 0


def test_the_queue_lists_waiting_questions_by_due_time_without_their_text(e_counsellor, second_counsellor, answered):
    late = ask(topic=Topic.OTHER, county_number="03", now=answered.created_at.replace(year=2020))
    mine = ask(county_number="46")
    services.question_claim(question=mine, counsellor=e_counsellor)
    theirs = ask(county_number="46", topic=Topic.FOREIGN_EDUCATION)
    services.question_claim(question=theirs, counsellor=second_counsellor)

    response = as_user(e_counsellor).get(QUEUE)

    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [late.pk, mine.pk, theirs.pk]  # the answered one is not waiting
    assert rows[0]["is_overdue"] is True and rows[1]["is_overdue"] is False
    assert (rows[1]["claimed_by_me"], rows[2]["claimed_by_me"]) == (True, False)
    assert rows[2]["claimed_by"] == second_counsellor.get_full_name()
    assert rows[0]["county"] == {"number": "03", "name": "Oslo"}
    assert rows[1]["url"] == f"http://testserver/e-veiledning/{mine.pk}/"
    assert all(QUESTION_TEXT not in str(row) for row in rows) and "messages" not in rows[0]

    by_topic = as_user(e_counsellor).get(QUEUE, {"topic": Topic.FOREIGN_EDUCATION}).json()["results"]
    assert [row["id"] for row in by_topic] == [theirs.pk]
    by_county = as_user(e_counsellor).get(QUEUE, {"county": "03"}).json()["results"]
    assert [row["id"] for row in by_county] == [late.pk]
    assert as_user(e_counsellor).get(QUEUE, {"county": "99"}).status_code == 400
    assert AccessLog.objects.count() == 0


def test_opening_a_question_shows_the_conversation_and_notes_and_logs_who_opened_it(
    answered, e_counsellor, national_admin, other_centre
):
    services.note_add(question=answered, author=e_counsellor, body="Spør om fagbrev neste gang.")

    response = as_user(national_admin).get(queue_url(answered))

    assert response.status_code == 200
    body = response.json()
    assert [message["kind"] for message in body["messages"]] == ["question", "answer"]
    assert body["messages"][0]["body"] == QUESTION_TEXT
    assert body["messages"][1]["author"] == e_counsellor.get_full_name()
    assert [note["body"] for note in body["notes"]] == ["Spør om fagbrev neste gang."]
    assert body["can_answer"] is False and "email" not in body
    assert [centre["name"] for centre in body["referral_centres"]] == [other_centre.name]
    log = AccessLog.objects.get()
    assert (log.user, log.question_number, log.question) == (national_admin, answered.pk, answered)
    assert as_user(national_admin).get(queue_url(answered.pk + 1000)).status_code == 404


def test_of_two_counsellors_claiming_the_second_gets_a_conflict(question, e_counsellor, second_counsellor):
    first = as_user(e_counsellor).post(queue_url(question, "claim"))
    assert first.status_code == 200 and first.json()["claimed_by_me"] is True

    second = as_user(second_counsellor).post(queue_url(question, "claim"))

    assert second.status_code == 409
    assert second.json() == {"detail": "Another counsellor claimed this question first."}
    question.refresh_from_db()
    assert (question.status, question.claimed_by) == (QuestionStatus.CLAIMED, e_counsellor)


def test_only_the_counsellor_who_claimed_releases_or_answers(claimed, e_counsellor, second_counsellor):
    other = as_user(second_counsellor)
    assert other.post(queue_url(claimed, "release")).status_code == 403
    refused = other.post(queue_url(claimed, "answer"), {"body": "Jeg svarer i stedet."}, format="json")
    assert refused.status_code == 403
    assert refused.json()["detail"] == "Only the counsellor who claimed the question may answer it."
    assert Message.objects.filter(question=claimed).count() == 1

    released = as_user(e_counsellor).post(queue_url(claimed, "release"))

    assert released.status_code == 200 and released.json()["status"] == "open"
    assert released.json()["claimed_by"] is None


def test_the_counsellor_answers_with_a_referral_and_the_asker_gets_the_link_only(
    claimed, e_counsellor, other_centre, django_capture_on_commit_callbacks
):
    client = as_user(e_counsellor)
    oslo = CentreFactory(name="Karriere Oslo sentrum", county=county("03"))
    assert client.post(queue_url(claimed, "answer"), {"body": "  "}, format="json").status_code == 400
    elsewhere = client.post(queue_url(claimed, "answer"), {"body": "Svar.", "refer_to": oslo.pk}, format="json")
    assert elsewhere.status_code == 400 and "refer_to" in elsewhere.json()
    assert Message.objects.filter(question=claimed).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            queue_url(claimed, "answer"),
            {"body": "Se på **helsefagarbeider**.", "refer_to": other_centre.pk},
            format="json",
        )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "answered"
    claimed.refresh_from_db()
    assert (claimed.status, claimed.referred_to) == (QuestionStatus.ANSWERED, other_centre)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["asker@example.org"]
    assert claimed.token in mail.outbox[0].body and "helsefagarbeider" not in mail.outbox[0].body
    assert client.post(queue_url(claimed, "answer"), {"body": "Enda et svar."}, format="json").status_code == 400
    conversation = as_user().get(conversation_url(claimed.token)).json()
    assert conversation["referred_to"]["name"] == "Karriere Vestland"


def test_the_queue_costs_the_same_for_5_and_500_waiting_questions(
    e_counsellor, second_counsellor, django_assert_max_num_queries
):
    client = token_client(e_counsellor)
    topics = [value for value, _label in Topic.choices]
    numbers = ["03", "11", "46", "50", None]

    def add(count, start):
        for n in range(start, start + count):
            question = ask(topic=topics[n % len(topics)], county_number=numbers[n % len(numbers)])
            if n % 3 == 0:
                services.question_claim(question=question, counsellor=(e_counsellor, second_counsellor)[n % 2])

    def budget(url):
        with django_assert_max_num_queries(8) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add(5, 0)
    few = budget(QUEUE)
    add(495, 5)
    many = [budget(f"{QUEUE}?page={page}") for page in (1, 5, 10)]
    assert many == [few] * 3
    assert budget(f"{QUEUE}?topic=other&county=46") == few + 1  # looking the county up by its number
    assert client.get(QUEUE).json()["count"] == 500


def test_a_journey_through_the_api_alone(e_counsellor, django_capture_on_commit_callbacks):
    """Ask, get claimed and answered, read the answer, follow up, rate, and delete."""
    asker = as_user()
    token = asker.post(ASK, valid_question(), format="json").json()["token"]
    counsellor = as_user(e_counsellor)
    [row] = counsellor.get(QUEUE).json()["results"]
    assert counsellor.post(queue_url(row["id"], "claim")).status_code == 200
    assert counsellor.get(queue_url(row["id"])).json()["messages"][0]["body"] == QUESTION_TEXT
    with django_capture_on_commit_callbacks(execute=True):
        answer = counsellor.post(queue_url(row["id"], "answer"), {"body": "Helsefagarbeider passer."}, format="json")
    assert answer.status_code == 200
    assert counsellor.get(QUEUE).json()["count"] == 0

    assert asker.get(conversation_url(token)).json()["messages"][1]["html"] == "<p>Helsefagarbeider passer.</p>\n"
    assert asker.post(conversation_url(token, "follow-up"), {"text": "Hvor lenge varer den?" * 2}).status_code == 200
    assert counsellor.get(QUEUE).json()["results"][0]["has_follow_up"] is True
    assert asker.post(conversation_url(token, "rate"), {"helpful": True}).status_code == 200
    assert asker.delete(conversation_url(token)).status_code == 204
    assert stored() == (0, 1, 0) and QuestionRecord.objects.get().helpful is True


# The schema


def test_the_schema_documents_every_guidance_endpoint(client):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    paths = {
        path: {method for method in ops if method in ("get", "post", "put", "patch", "delete")}
        for path, ops in schema["paths"].items()
        if path.startswith(BASE)
    }
    assert paths == {
        "/api/v1/guidance/questions/": {"post"},
        "/api/v1/guidance/questions/by-token/{token}/": {"get", "delete"},
        "/api/v1/guidance/questions/by-token/{token}/follow-up/": {"post"},
        "/api/v1/guidance/questions/by-token/{token}/rate/": {"post"},
        "/api/v1/guidance/queue/": {"get"},
        "/api/v1/guidance/queue/{id}/": {"get"},
        "/api/v1/guidance/queue/{id}/claim/": {"post"},
        "/api/v1/guidance/queue/{id}/release/": {"post"},
        "/api/v1/guidance/queue/{id}/answer/": {"post"},
    }
    operations = [schema["paths"][path][method] for path, methods in paths.items() for method in methods]
    assert all(operation["tags"] == ["guidance"] for operation in operations)
    assert "429" in schema["paths"][ASK]["post"]["responses"]
    assert "409" in schema["paths"]["/api/v1/guidance/queue/{id}/claim/"]["post"]["responses"]
    filters = {parameter["name"] for parameter in schema["paths"][QUEUE]["get"]["parameters"]}
    assert {"topic", "county", "page"} <= filters
    components = schema["components"]["schemas"]
    assert components["GuidanceQuestionStatusEnum"]["enum"] == ["open", "claimed", "answered"]
    assert {"text", "topic", "county", "age_group", "email", "consent", "website"} <= set(
        components["GuidanceAsk"]["properties"]
    )
