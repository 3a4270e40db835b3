"""Retention: a conversation is deleted 90 days after its last activity, and nothing of it stays.

What stays is the anonymous record (the statistics still count it) and the access log's question number.
The clock is moved by the services' ``now`` and, for the command and the task, by patching
``django.utils.timezone.now``.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models

from guidance import selectors, services
from guidance.models import AccessLog, InternalNote, Message, Question, QuestionRecord
from guidance.statistics import statistics
from guidance.tasks import purge_guidance_questions
from tests.guidance.conftest import at

pytestmark = pytest.mark.django_db

ASKED = at("2027-03-01 09:00")
QUESTION = "Jeg vurderer ZEBRAQUESTION som yrke etter mange år i butikk. Hva trenger jeg?"
ANSWER = "Les om ZEBRAANSWER hos utdanning.no, og ring karrieresenteret."
FOLLOW_UP = "Takk! Gjelder ZEBRAFOLLOWUP også om jeg jobber deltid?"
NOTE = "Spurte før om ZEBRANOTE."
EMAIL = "zebra-asker@example.org"
TRACES = ["ZEBRAQUESTION", "ZEBRAANSWER", "ZEBRAFOLLOWUP", "ZEBRANOTE", "zebra-asker"]


@pytest.fixture
def conversation(e_counsellor):
    """Asked, opened, noted, answered at +2 h and rated at +3 h: the last activity is the rating."""
    question = services.question_ask(text=QUESTION, topic="changing_jobs", email=EMAIL, now=ASKED)
    services.question_open(question=question, user=e_counsellor, now=ASKED + timedelta(hours=1))
    services.question_claim(question=question, counsellor=e_counsellor, now=ASKED + timedelta(hours=1))
    services.note_add(question=question, author=e_counsellor, body=NOTE, now=ASKED + timedelta(hours=1))
    services.question_answer(question=question, counsellor=e_counsellor, body=ANSWER, now=ASKED + timedelta(hours=2))
    services.question_rate(question=question, helpful=True, now=ASKED + timedelta(hours=3))
    return question


LAST_ACTIVITY = ASKED + timedelta(hours=3)


def traces_in_database(words):
    """Every (table, column, word) where a text column of any model holds one of ``words``."""
    found = []
    for model in apps.get_models():
        text_fields = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        for field in text_fields:
            for word in words:
                lookup = {f"{field.attname}__icontains": word}
                if model._base_manager.filter(**lookup).exists():
                    found.append((model._meta.db_table, field.column, word))
    return found


def test_the_fixture_leaves_traces_that_the_search_finds(conversation):
    """The search below is only worth something if it finds the words while the conversation exists."""
    found = {word for _table, _column, word in traces_in_database(TRACES)}
    assert found == {"ZEBRAQUESTION", "ZEBRAANSWER", "ZEBRANOTE", "zebra-asker"}


def test_91_days_after_the_last_activity_nothing_of_the_conversation_is_left(conversation, e_counsellor):
    deleted = services.questions_purge(now=LAST_ACTIVITY + timedelta(days=91))

    assert deleted == 1
    assert (Question.objects.count(), Message.objects.count(), InternalNote.objects.count()) == (0, 0, 0)
    assert traces_in_database(TRACES) == []
    assert selectors.question_for_token(conversation.token) is None


def test_the_anonymous_record_still_counts_after_the_purge(conversation):
    services.questions_purge(now=LAST_ACTIVITY + timedelta(days=91))

    record = QuestionRecord.objects.get()
    assert (record.topic, record.answer_seconds, record.answered_in_time, record.helpful) == (
        "changing_jobs",
        2 * 3600,
        True,
        True,
    )
    total = statistics(now=LAST_ACTIVITY + timedelta(days=91)).total
    assert (total.asked, total.answered, total.in_time, total.helpful) == (1, 1, 1, 1)


def test_the_statistics_page_still_shows_the_purged_question(client, conversation, guidance_lead):
    services.questions_purge(now=LAST_ACTIVITY + timedelta(days=91))
    client.force_login(guidance_lead)

    response = client.get(
        "/e-veiledning/statistikk/",
        {"date_from": "2027-03-01", "date_to": "2027-03-07"},
        headers={"accept-language": "en"},
    )

    assert response.status_code == 200
    assert response.context["stats"].total.asked == 1
    assert response.context["total"]["median"] == "2 hours"


def test_the_access_log_keeps_the_question_number_but_loses_the_link(conversation, e_counsellor):
    number = conversation.pk

    services.questions_purge(now=LAST_ACTIVITY + timedelta(days=91))

    log = AccessLog.objects.get()
    assert (log.question, log.question_number, log.user) == (None, number, e_counsellor)


def test_89_days_after_the_last_activity_the_conversation_is_kept(conversation):
    assert services.questions_purge(now=LAST_ACTIVITY + timedelta(days=89)) == 0

    assert Question.objects.get() == conversation
    assert Message.objects.count() == 2 and InternalNote.objects.count() == 1


def test_the_rating_counts_as_activity(conversation):
    """Answered at +2 h, rated at +3 h: 90 days and 2 hours after the answer it is still there."""
    assert services.questions_purge(now=ASKED + timedelta(days=90, hours=2, minutes=30)) == 0
    assert services.questions_purge(now=ASKED + timedelta(days=90, hours=3, minutes=1)) == 1


def test_a_follow_up_resets_the_clock(conversation):
    follow_up_at = LAST_ACTIVITY + timedelta(days=60)
    services.question_follow_up(question=conversation, text=FOLLOW_UP, now=follow_up_at)

    assert services.questions_purge(now=LAST_ACTIVITY + timedelta(days=91)) == 0
    assert Message.objects.filter(question=conversation).count() == 3
    assert services.questions_purge(now=follow_up_at + timedelta(days=89)) == 0

    assert services.questions_purge(now=follow_up_at + timedelta(days=91)) == 1
    assert traces_in_database(TRACES) == []
    assert QuestionRecord.objects.get().followed_up is True


def test_only_the_old_conversations_go(conversation):
    recent = services.question_ask(
        text="Et nytt spørsmål om utdanning i voksen alder.", topic="adult_education", now=ASKED + timedelta(days=60)
    )

    assert services.questions_purge(now=LAST_ACTIVITY + timedelta(days=91)) == 1
    assert list(Question.objects.all()) == [recent]
    assert QuestionRecord.objects.count() == 2


# The command and the task


def at_time(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_the_command_deletes_old_conversations_and_says_how_many(conversation, capsys):
    with at_time(LAST_ACTIVITY + timedelta(days=89)):
        call_command("purge_guidance")
    assert capsys.readouterr().out.strip() == "Deleted 0 e-guidance conversations."
    assert Question.objects.count() == 1

    with at_time(LAST_ACTIVITY + timedelta(days=91)):
        call_command("purge_guidance")

    assert capsys.readouterr().out.strip() == "Deleted 1 e-guidance conversation."
    assert Question.objects.count() == 0 and QuestionRecord.objects.count() == 1
    assert traces_in_database(TRACES) == []


def test_the_command_takes_another_number_of_days(conversation, capsys):
    with at_time(LAST_ACTIVITY + timedelta(days=31)):
        call_command("purge_guidance", "--days", "32")
        assert Question.objects.count() == 1
        call_command("purge_guidance", "--days", "30")

    assert capsys.readouterr().out.splitlines() == [
        "Deleted 0 e-guidance conversations.",
        "Deleted 1 e-guidance conversation.",
    ]
    assert Question.objects.count() == 0


def test_the_command_refuses_a_retention_of_zero_days(conversation):
    with pytest.raises(CommandError):
        call_command("purge_guidance", "--days", "0")
    assert Question.objects.count() == 1


def test_the_daily_task_purges_too(conversation):
    with at_time(LAST_ACTIVITY + timedelta(days=89)):
        assert purge_guidance_questions.call() == 0
    with at_time(LAST_ACTIVITY + timedelta(days=91)):
        result = purge_guidance_questions.enqueue()

    assert result.return_value == 1
    assert Question.objects.count() == 0 and QuestionRecord.objects.count() == 1
