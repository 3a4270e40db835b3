"""A conversation quiet for longer than the retention time is gone for the asker through the API too,
with the same 404 as a wrong token, even before the nightly purge deletes it."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.test import APIClient

from guidance import services
from guidance.models import Question
from tests.guidance.conftest import QUESTION_TEXT, ask

pytestmark = pytest.mark.django_db


def conversation_url(token, action=""):
    return f"/api/v1/guidance/questions/by-token/{token}/{action + '/' if action else ''}"


def wrong(token):
    return token[:-1] + ("A" if token[-1] != "A" else "B")


@pytest.fixture
def client():
    client = APIClient()
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


@pytest.fixture
def expired(e_counsellor):
    """Asked, claimed and answered, then quiet for the retention time and a minute more."""
    asked = timezone.now() - timedelta(days=settings.GUIDANCE_RETENTION_DAYS, hours=3)
    question = ask(now=asked)
    services.question_claim(question=question, counsellor=e_counsellor, now=asked + timedelta(hours=1))
    services.question_answer(
        question=question, counsellor=e_counsellor, body="Les om yrket.", now=asked + timedelta(hours=2, minutes=59)
    )
    return question


def test_a_conversation_quiet_for_more_than_90_days_is_a_404_like_a_wrong_token(client, expired):
    assert settings.GUIDANCE_RETENTION_DAYS == 90
    not_found = client.get(conversation_url(wrong(expired.token)))

    response = client.get(conversation_url(expired.token))

    assert response.status_code == not_found.status_code == 404
    assert response.json() == not_found.json()
    assert response["Cache-Control"] == not_found["Cache-Control"]


def test_the_asker_can_neither_follow_up_rate_nor_delete_an_expired_conversation(client, expired):
    not_found = client.get(conversation_url(wrong(expired.token))).json()

    follow_up = client.post(conversation_url(expired.token, "follow-up"), {"text": QUESTION_TEXT}, format="json")
    rate = client.post(conversation_url(expired.token, "rate"), {"helpful": True}, format="json")
    delete = client.delete(conversation_url(expired.token))

    assert (follow_up.status_code, rate.status_code, delete.status_code) == (404, 404, 404)
    assert follow_up.json() == rate.json() == delete.json() == not_found
    # Refused, not deleted: the nightly purge removes it, and nothing of it changed meanwhile.
    question = Question.objects.get(pk=expired.pk)
    assert question.messages.count() == 2 and question.record.helpful is None


def test_a_conversation_quiet_for_just_under_90_days_is_still_there(client, e_counsellor):
    question = ask(now=timezone.now() - timedelta(days=settings.GUIDANCE_RETENTION_DAYS) + timedelta(minutes=5))

    response = client.get(conversation_url(question.token))

    assert response.status_code == 200
    assert [message["kind"] for message in response.json()["messages"]] == ["question"]
