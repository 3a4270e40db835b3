"""The asker's pages: asking (and every way of being refused), the receipt, the private conversation, the
follow-up, the rating, deleting, the one "not found" page for every bad link, and the public FAQ.

Everything is driven through the pages as an anonymous visitor would; counsellor actions use the services.
"""

import html
import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guidance import services
from guidance.models import (
    ClosurePeriod,
    FaqEntry,
    Message,
    MessageKind,
    Question,
    QuestionRecord,
    QuestionStatus,
    Topic,
)
from tests.factories import CentreFactory, county
from tests.guidance.conftest import QUESTION_TEXT, ask, at

pytestmark = pytest.mark.django_db

ASK_URL = "/sporsmal/"
FAQ_URL = "/sporsmal/ofte-stilte/"


@pytest.fixture(autouse=True)
def _english_pages(client):
    """Read the pages in English (the site's default is Norwegian bokmål)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def english_client(**kwargs):
    other = Client(**kwargs)
    other.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return other


def form_data(**overrides):
    data = {
        "text": QUESTION_TEXT,
        "topic": Topic.CHANGING_JOBS,
        "county": "46",
        "age_group": "45_59",
        "email": "asker@example.org",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def page_text(response):
    """The visible words of a page, tags dropped and whitespace collapsed, for asserting sentences."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(body).split())


def field_error(response, name):
    """The error text shown right at the field (its validation message), or ""."""
    match = re.search(rf'id="id_{name}_error">(.*?)</div>', response.content.decode(), re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).strip() if match else ""


def conversation_url(question_or_token):
    token = getattr(question_or_token, "token", question_or_token)
    return reverse("guidance:conversation", kwargs={"token": token})


def url(name, question_or_token):
    token = getattr(question_or_token, "token", question_or_token)
    return reverse(f"guidance:{name}", kwargs={"token": token})


def wrong(token):
    """The same token with its last character changed: same lookup key, wrong secret."""
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def stored():
    return (Question.objects.count(), QuestionRecord.objects.count(), Message.objects.count())


# Asking


def test_the_ask_page_explains_the_limits_the_data_use_and_hides_the_honeypot(client):
    response = client.get(ASK_URL)

    assert response.status_code == 200
    text = page_text(response)
    assert "Between 20 and 5,000 characters." in text
    assert "deleted 90 days after the last activity" in text
    assert "at once when you delete the conversation from your private link" in text
    assert "We keep only anonymous statistics" in text
    assert "Every time a counsellor opens your question, it is logged" in text
    content = response.content.decode()
    # The consent box is described by the statement next to it.
    assert re.search(
        r'<input class="ds-input" type="checkbox" name="consent"[^>]*aria-describedby="guidance-privacy-statement"',
        content,
    )
    assert 'id="guidance-privacy-statement"' in content
    # The honeypot: visually hidden, out of the tab order, no autofill, and labelled for screen readers.
    honeypot = re.search(
        r'<div class="ds-sr-only">\s*<label for="id_website">([^<]*)</label>\s*<input([^>]*)>', content
    )
    assert honeypot and honeypot.group(1) == "Leave this field empty"
    assert 'tabindex="-1"' in honeypot.group(2) and 'autocomplete="off"' in honeypot.group(2)


@pytest.fixture
def christmas_2028():
    """The days a national administrator has closed the service at Christmas 2028."""
    ClosurePeriod.objects.create(name="Julaften", first_day="2028-12-24", last_day="2028-12-24")
    ClosurePeriod.objects.create(name="Romjul", first_day="2028-12-27", last_day="2028-12-29")
    ClosurePeriod.objects.create(name="Nyttårsaften", first_day="2028-12-31", last_day="2028-12-31")


@pytest.mark.parametrize(
    ("language", "due_in_words", "hours", "closed"),
    [
        (
            "en",
            "A career counsellor will answer by Wednesday 3 January 2029 at 15:00",
            "Working days are the service’s opening hours, weekdays 08:00–16:00, except public holidays.",
            "Also closed: Julaften (24 December), Romjul (27 December–29 December), Nyttårsaften (31 December).",
        ),
        (
            "nb",
            "En karriereveileder svarer innen onsdag 3. januar 2029 kl. 15:00",
            "Arbeidsdagene regnes i tjenestens åpningstid, hverdager 08:00–16:00, utenom helligdager.",
            "Også stengt: Julaften (24. desember), Romjul (27. desember–29. desember), Nyttårsaften (31. desember).",
        ),
    ],
)
def test_a_question_sent_before_christmas_is_due_after_the_closure_and_the_asker_reads_when(
    client, christmas_2028, language, due_in_words, hours, closed
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with time_machine.travel(at("2028-12-22 15:00"), tick=False):
        ask_page = page_text(client.get(ASK_URL))
        receipt = client.get(client.post(ASK_URL, form_data())["Location"])

    # Friday 15:00: one hour that day; Christmas Day, Boxing Day and the closed days do not count, nor does
    # 1 January; Tuesday 2 January has 8 hours and Wednesday the last 7, up to 15:00.
    assert hours in ask_page and closed in ask_page
    assert due_in_words in page_text(receipt)
    assert timezone.localtime(Question.objects.get().due_at) == at("2029-01-03 15:00")


def test_the_ask_page_names_only_the_closures_ahead(client, christmas_2028):
    with time_machine.travel(at("2028-12-28 10:00"), tick=False):
        text = page_text(client.get(ASK_URL))

    assert "Also closed: Romjul (27 December–29 December), Nyttårsaften (31 December)." in text
    with time_machine.travel(at("2028-09-01 10:00"), tick=False):
        assert "Also closed" not in page_text(client.get(ASK_URL))


def test_asking_stores_the_question_and_shows_the_receipt_with_the_private_link_and_due_time(client):
    response = client.post(ASK_URL, form_data())

    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("guidance:receipt", kwargs={"token": question.token})
    assert question.messages.get().body == QUESTION_TEXT
    assert (question.topic, question.county, question.age_group, question.email) == (
        Topic.CHANGING_JOBS,
        county("46"),
        "45_59",
        "asker@example.org",
    )
    assert QuestionRecord.objects.get() == question.record

    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    link = f"{settings.SITE_URL}/sporsmal/{question.token}/"
    assert re.search(
        rf'<input class="ds-input" type="text" id="private-link" value="{re.escape(link)}" readonly',
        receipt.content.decode(),
    )
    text = page_text(receipt)
    assert "Anyone who has the link can read the conversation" in text
    assert "Bookmark the link" in text
    due = timezone.localtime(question.due_at, timezone.get_default_timezone())
    assert f'<time datetime="{due.isoformat()}">' in receipt.content.decode()
    assert "We will send one e-mail to the address you gave when the answer is ready" in text
    # The address itself is not printed on a page anyone with the link can open.
    assert "asker@example.org" not in receipt.content.decode()


def test_without_an_e_mail_address_the_receipt_says_no_notice_will_come(client):
    response = client.post(ASK_URL, form_data(email="", county="", age_group=""), follow=True)

    assert "You gave no e-mail address, so we will not send a notice" in page_text(response)
    question = Question.objects.get()
    assert (question.email, question.county, question.age_group) == ("", None, "")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"text": "x" * 19}, "text", "Write at least 20 characters. You wrote 19 characters."),
        ({"text": "x" * 5001}, "text", "Write at most 5,000 characters. You wrote 5,001 characters."),
        ({"text": " " * 40}, "text", "Write your question."),
        ({"consent": None}, "consent", "Tick the box to agree, otherwise we cannot receive your question."),
        ({"topic": ""}, "topic", "Choose the topic that fits your question best."),
        ({"topic": "astrology"}, "topic", "Choose a topic from the list."),
        ({"county": "99"}, "county", "Choose a county from the list."),
        ({"email": "not-an-address"}, "email", "Write a whole e-mail address"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_stores_nothing(client, overrides, field, message):
    response = client.post(ASK_URL, form_data(**overrides))

    assert response.status_code == 200
    assert message in field_error(response, field)
    assert message in page_text(response)  # also in the error summary at the top
    assert stored() == (0, 0, 0)


def test_a_missing_consent_is_announced_with_the_statement_it_refers_to(client):
    response = client.post(ASK_URL, form_data(consent=None))

    checkbox = re.search(r'<input class="ds-input" type="checkbox" name="consent"[^>]*>', response.content.decode())
    assert 'aria-invalid="true"' in checkbox.group(0)
    assert 'aria-describedby="guidance-privacy-statement id_consent_error"' in checkbox.group(0)


def test_the_limits_are_inclusive(client):
    assert client.post(ASK_URL, form_data(text="x" * 20)).status_code == 302
    assert client.post(ASK_URL, form_data(text="y" * 5000)).status_code == 302

    assert sorted(len(body) for body in Message.objects.values_list("body", flat=True)) == [20, 5000]


def test_line_breaks_count_as_one_character_as_the_browser_counts_them(client):
    text = ("x" * 99 + "\r\n") * 50  # 5,000 characters as typed, 5,050 as sent

    response = client.post(ASK_URL, form_data(text=text))

    assert response.status_code == 302
    assert Message.objects.get().body == text.replace("\r\n", "\n").strip()


def test_a_filled_honeypot_stores_nothing_and_gets_a_neutral_error(client):
    response = client.post(ASK_URL, form_data(website="https://spam.example"))

    assert response.status_code == 200
    text = page_text(response)
    assert "Your question could not be sent. Please try again." in text
    assert "spam" not in text.lower() and "honeypot" not in response.content.decode().lower()
    assert stored() == (0, 0, 0)
    # The visitor's text is kept; the hidden field is never filled in again.
    assert html.escape(QUESTION_TEXT) in response.content.decode()
    assert re.search(r'name="website" id="id_website" value=""', response.content.decode())


def test_the_sixth_question_from_one_address_within_the_hour_is_refused(client):
    for number in range(settings.GUIDANCE_QUESTIONS_PER_HOUR):
        assert client.post(ASK_URL, form_data(text=f"Spørsmål nummer {number}: {QUESTION_TEXT}")).status_code == 302
    before = stored()

    response = client.post(ASK_URL, form_data())

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "We have received many questions from your internet connection in the last hour" in page_text(response)
    assert html.escape(QUESTION_TEXT) in response.content.decode()  # the text is not lost
    assert stored() == before == (5, 5, 5)
    # Someone on another connection is not affected.
    assert client.post(ASK_URL, form_data(), REMOTE_ADDR="10.1.2.3").status_code == 302


def test_refused_attempts_do_not_use_up_the_hourly_limit(client):
    for _ in range(settings.GUIDANCE_QUESTIONS_PER_HOUR + 2):
        client.post(ASK_URL, form_data(text="for kort"))
        client.post(ASK_URL, form_data(website="filled"))

    assert client.post(ASK_URL, form_data()).status_code == 302


def test_asking_needs_a_csrf_token():
    response = english_client(enforce_csrf_checks=True).post(ASK_URL, form_data())

    assert response.status_code == 403
    assert stored() == (0, 0, 0)


# The conversation


def test_the_conversation_shows_the_question_status_and_due_time_while_waiting(client, question):
    response = client.get(conversation_url(question))

    assert response.status_code == 200
    text = page_text(response)
    assert QUESTION_TEXT in text
    assert "Status: Waiting for a counsellor." in text
    due = timezone.localtime(question.due_at, timezone.get_default_timezone())
    assert f'We promise an answer by <time datetime="{due.isoformat()}">' in response.content.decode()
    # Nothing to rate or follow up yet; deleting is always possible.
    assert "Was this answer helpful?" not in text
    assert "Ask a follow-up question" not in text
    assert "Delete this conversation now" in text


def test_the_answer_is_shown_with_the_right_token_only(client, answered):
    other = ask("Et annet spørsmål om videregående skole og fagbrev for voksne.")

    right = client.get(conversation_url(answered))
    assert right.status_code == 200
    assert "Answer from a career counsellor" in page_text(right)
    assert "<strong>helsefagarbeider</strong>" in right.content.decode()
    assert "Status: Answered." in page_text(right)
    assert "We promise an answer by" not in page_text(right)

    for token in (wrong(answered.token), answered.token[:12], other.token):
        response = client.get(conversation_url(token))
        assert "helsefagarbeider" not in response.content.decode()
    assert client.get(conversation_url(wrong(answered.token))).status_code == 404
    assert "Et annet spørsmål" in page_text(client.get(conversation_url(other)))


def test_a_referral_shows_the_centres_contact_details(client, claimed, e_counsellor):
    centre = CentreFactory(
        name="Karriere Bergen",
        county=county("46"),
        address="Kaigaten 4",
        postcode="5016",
        place="Bergen",
        phone="55 23 90 00",
        email="bergen@karriere.example",
        opening_hours="Mandag–fredag 08–15",
    )
    services.question_answer(question=claimed, counsellor=e_counsellor, body="Snakk med oss.", refer_to=centre)

    response = client.get(conversation_url(claimed))

    text = page_text(response)
    assert "Contact Karriere Bergen" in text
    assert "Kaigaten 4, 5016 Bergen" in text
    assert 'href="tel:55239000"' in response.content.decode()
    assert 'href="mailto:bergen@karriere.example"' in response.content.decode()
    assert "Mandag–fredag 08–15" in text


def test_markdown_and_html_in_the_question_and_the_answer_are_inert(client, e_counsellor):
    question = ask("<script>alert('q')</script> **fet** <img src=x onerror=alert(1)> og litt mer tekst her.")
    services.question_claim(question=question, counsellor=e_counsellor)
    services.question_answer(
        question=question,
        counsellor=e_counsellor,
        body="<script>alert('a')</script>\n\n[klikk](javascript:alert(1)) <img src=x onerror=alert(2)> *ok*",
    )

    content = client.get(conversation_url(question)).content.decode()

    assert "<script>alert" not in content and "<img" not in content
    assert "&lt;script&gt;alert(&#x27;q&#x27;)&lt;/script&gt; **fet**" in content  # the asker's words, as typed
    assert "<strong>fet</strong>" not in content
    assert 'href="javascript:' not in content
    assert "<em>ok</em>" in content  # the counsellor's Markdown is rendered


def test_token_pages_are_not_cached_not_referred_and_not_indexed(client, question):
    for response in (
        client.get(conversation_url(question)),
        client.get(url("receipt", question)),
        client.get(conversation_url(wrong(question.token))),
        client.post(url("rate", question), {"helpful": "yes"}),
    ):
        assert "no-store" in response["Cache-Control"]
        assert response["Referrer-Policy"] == "same-origin"  # other sites never see the link
        assert "noindex" in response["X-Robots-Tag"]
        if response.status_code != 302:
            page = response.content.decode()
            assert '<meta name="robots" content="noindex, nofollow">' in page
            assert 'rel="canonical"' not in page and 'property="og:url"' not in page  # the link is private


def _normalised(response, token):
    content = response.content.decode().replace(token, "TOKEN")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken"', content)


def test_a_wrong_an_expired_and_a_deleted_link_get_the_same_not_found_page(client):
    deleted = ask()
    deleted_token = deleted.token
    services.question_delete(question=deleted)
    expired = ask(now=timezone.now() - timedelta(days=settings.GUIDANCE_RETENTION_DAYS, minutes=1))
    kept = ask()
    tokens = [wrong(kept.token), kept.token[:12], "ugyldig-lenke", deleted_token, expired.token]

    for name, method, data in (
        ("conversation", "get", {}),
        ("receipt", "get", {}),
        ("follow_up", "post", {"text": QUESTION_TEXT}),
        ("rate", "post", {"helpful": "yes"}),
        ("delete", "post", {"confirm": "on"}),
    ):
        responses = [(getattr(client, method)(url(name, token), data), token) for token in tokens]
        assert {response.status_code for response, _token in responses} == {404}
        bodies = {_normalised(response, token) for response, token in responses}
        assert len(bodies) == 1, name
    assert "We could not find a conversation for this link." in page_text(responses[0][0])
    assert Question.objects.filter(pk=expired.pk).exists()  # refused even before the nightly purge removes it


def test_post_only_addresses_refuse_get_the_same_way_for_good_and_bad_links(client, answered):
    for name in ("follow_up", "rate", "delete"):
        assert client.get(url(name, answered)).status_code == 405
        assert client.get(url(name, wrong(answered.token))).status_code == 405
    assert Question.objects.filter(pk=answered.pk).exists()


# Follow-up, rating, deleting


def test_one_follow_up_after_the_answer_and_no_second(client, answered):
    page = client.get(conversation_url(answered))
    assert "You can ask one follow-up question." in page_text(page)

    response = client.post(url("follow_up", answered), {"text": "Hvor lang tid tar utdanningen til helsefagarbeider?"})
    assert response.status_code == 302 and response["Location"] == conversation_url(answered)
    answered.refresh_from_db()
    assert answered.status == QuestionStatus.CLAIMED  # back with the counsellor who answered
    assert answered.record.followed_up is True
    after = client.get(conversation_url(answered))
    text = page_text(after)
    assert "Your follow-up question is sent." in text
    assert "Hvor lang tid tar utdanningen til helsefagarbeider?" in text
    assert "Ask a follow-up question" not in text
    assert "Status: Being answered. We promise an answer by" in text
    count = Message.objects.count()

    second = client.post(
        url("follow_up", answered), {"text": "Og en ting til som jeg glemte å spørre om."}, follow=True
    )

    assert "You can ask one follow-up question, after the answer." in page_text(second)
    assert Message.objects.count() == count
    assert Message.objects.filter(kind=MessageKind.FOLLOW_UP).count() == 1


def test_no_follow_up_before_the_answer(client, question):
    response = client.post(url("follow_up", question), {"text": QUESTION_TEXT}, follow=True)

    assert "You can ask one follow-up question, after the answer." in page_text(response)
    assert not Message.objects.filter(kind=MessageKind.FOLLOW_UP).exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [("x" * 19, "Write at least 20 characters."), ("x" * 5001, "Write at most 5,000 characters.")],
)
def test_a_follow_up_outside_the_limits_is_refused_at_the_field(client, answered, text, message):
    response = client.post(url("follow_up", answered), {"text": text})

    assert response.status_code == 200
    assert message in field_error(response, "text")
    assert not Message.objects.filter(kind=MessageKind.FOLLOW_UP).exists()
    answered.refresh_from_db()
    assert answered.status == QuestionStatus.ANSWERED and answered.record.followed_up is False


def test_the_asker_rates_the_answer_and_may_change_their_mind(client, answered):
    response = client.post(url("rate", answered), {"helpful": "yes"}, follow=True)

    assert QuestionRecord.objects.get().helpful is True
    text = page_text(response)
    assert "Thank you for telling us." in text
    assert "You said: yes, it was helpful." in text
    assert re.search(r'value="yes"[^>]*aria-pressed="true"', response.content.decode())

    response = client.post(url("rate", answered), {"helpful": "no"}, follow=True)

    assert QuestionRecord.objects.get().helpful is False
    assert "You said: no, it was not helpful." in page_text(response)


def test_rating_needs_an_answer_and_a_yes_or_no(client, question, answered):
    waiting = ask()
    response = client.post(url("rate", waiting), {"helpful": "yes"}, follow=True)
    assert "You can rate the answer once you have it." in page_text(response)
    assert QuestionRecord.objects.get(pk=waiting.record_id).helpful is None

    response = client.post(url("rate", answered), {"helpful": "maybe"}, follow=True)
    assert "Choose Yes or No." in page_text(response)
    assert QuestionRecord.objects.get(pk=answered.record_id).helpful is None


def test_deleting_needs_the_confirmation_box(client, answered):
    response = client.post(url("delete", answered), {})

    assert response.status_code == 200
    assert "Tick the box to confirm that the conversation should be deleted." in field_error(response, "confirm")
    assert Question.objects.filter(pk=answered.pk).exists()


def test_deleting_removes_the_conversation_but_keeps_the_anonymous_record(client, answered):
    record_pk = answered.record_id

    response = client.post(url("delete", answered), {"confirm": "on"}, follow=True)

    assert response.redirect_chain == [(ASK_URL, 302)]
    assert "Your conversation is deleted" in page_text(response)
    assert not Question.objects.exists() and not Message.objects.exists()
    record = QuestionRecord.objects.get(pk=record_pk)
    assert record.first_answered_at is not None and record.topic == Topic.CHANGING_JOBS
    assert client.get(conversation_url(answered)).status_code == 404


def test_deleting_needs_a_csrf_token(answered):
    response = english_client(enforce_csrf_checks=True).post(url("delete", answered), {"confirm": "on"})

    assert response.status_code == 403
    assert Question.objects.filter(pk=answered.pk).exists()


def test_the_conversation_costs_the_same_queries_short_or_long(
    client, answered, e_counsellor, django_assert_max_num_queries
):
    short = ask()
    with CaptureQueriesContext(connection) as few:
        assert client.get(conversation_url(short)).status_code == 200
    services.question_follow_up(question=answered, text="Hvor lang tid tar utdanningen til helsefagarbeider?")
    centre = CentreFactory(county=county("46"), phone="55 00 00 00")
    services.question_answer(question=answered, counsellor=e_counsellor, body="Omtrent to år.", refer_to=centre)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(conversation_url(answered))
    assert len(response.context["thread"]) == 4


# The FAQ


@pytest.fixture
def publish(e_counsellor):
    def publish(title, *, topic=Topic.CHOOSING_EDUCATION, question=None, answer="Et svar.", days_ago=1):
        return services.faq_publish(
            author=e_counsellor,
            title=title,
            question=question or f"Et spørsmål om {title.lower()} som er langt nok.",
            answer=answer,
            topic=topic,
            now=timezone.now() - timedelta(days=days_ago),
        )

    return publish


def test_the_faq_lists_published_entries_newest_first_with_rendered_answers(client, publish):
    publish("Eldre spørsmål", days_ago=10)
    publish("Nyere spørsmål", answer="Les om **fagbrev** <script>alert(1)</script>", days_ago=2)
    FaqEntry.objects.create(
        title="Ikke publisert ennå",
        question="Et spørsmål som kommer senere.",
        answer="Senere.",
        topic=Topic.OTHER,
        published_at=timezone.now() + timedelta(days=1),
    )

    response = client.get(FAQ_URL)

    text = page_text(response)
    assert text.index("Nyere spørsmål") < text.index("Eldre spørsmål")
    assert "Ikke publisert ennå" not in text
    content = response.content.decode()
    assert "<strong>fagbrev</strong>" in content and "<script>alert(1)" not in content
    assert re.search(r'role="status">2 questions found<', content)


def test_the_faq_is_searchable_in_title_question_and_answer(client, publish):
    publish("Fagbrev som voksen")
    publish("Studielån", question="Kan jeg få støtte fra Lånekassen når jeg er over 30 år?")
    publish("Realkompetanse", answer="Du kan få vurdert realkompetansen din i fylket.")
    publish("Noe helt annet")

    def found(words):
        response = client.get(FAQ_URL, {"q": words})
        return {item["entry"].title for item in response.context["entries"]}

    assert found("FAGBREV") == {"Fagbrev som voksen"}
    assert found("lånekassen") == {"Studielån"}
    assert found("vurdert") == {"Realkompetanse"}
    assert found("") == {"Fagbrev som voksen", "Studielån", "Realkompetanse", "Noe helt annet"}


def test_the_faq_filters_by_topic_and_says_when_nothing_matches(client, publish):
    publish("Om utdanning", topic=Topic.CHOOSING_EDUCATION)
    publish("Om jobbsøking", topic=Topic.APPLYING_FOR_JOBS)

    response = client.get(FAQ_URL, {"topic": Topic.APPLYING_FOR_JOBS})
    assert [item["entry"].title for item in response.context["entries"]] == ["Om jobbsøking"]
    assert "1 question found" in page_text(response)

    empty = client.get(FAQ_URL, {"topic": Topic.APPLYING_FOR_JOBS, "q": "utdanning"})
    assert "0 questions found" in page_text(empty)
    assert "No questions match your search." in page_text(empty)

    bad = client.get(FAQ_URL, {"topic": "astrology"})
    assert bad.status_code == 200
    assert "Choose a topic from the list." in page_text(bad)
    assert len(bad.context["entries"]) == 2  # the bad filter is left out


def test_the_faq_without_entries_shows_an_empty_state(client):
    response = client.get(FAQ_URL)

    assert response.status_code == 200
    assert "No questions have been published yet." in page_text(response)


def test_the_faq_pages_twenty_at_a_time_and_keeps_the_search(client, publish):
    for number in range(25):
        publish(f"Fagbrev {number:02d}", days_ago=number + 1)

    first = client.get(FAQ_URL, {"q": "fagbrev"})
    second = client.get(FAQ_URL, {"q": "fagbrev", "page": "2"})

    assert len(first.context["entries"]) == 20
    assert [item["entry"].title for item in second.context["entries"]] == [f"Fagbrev {n}" for n in range(20, 25)]
    assert "Page 1 of 2" in page_text(first)
    assert 'href="?q=fagbrev&amp;page=2"' in first.content.decode()
    assert "25 questions found" in page_text(second)


def test_the_faq_costs_the_same_queries_for_3_and_60_entries(client, publish, django_assert_max_num_queries):
    for number in range(3):
        publish(f"Spørsmål {number}", answer=f"Svar med **Markdown** {number}.")
    with CaptureQueriesContext(connection) as few:
        assert client.get(FAQ_URL, {"q": "spørsmål"}).status_code == 200
    for number in range(3, 60):
        publish(f"Spørsmål {number}", answer=f"Svar med **Markdown** {number}.", topic=Topic.OTHER)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(FAQ_URL, {"q": "spørsmål", "page": "2"})
    assert len(response.context["entries"]) == 20
