"""The e-guidance demo run again on a fresh database: it creates nothing the second time."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from guidance.clock import due_at
from guidance.demo import COUNSELLOR, QUESTIONS, demo_token
from guidance.models import FaqEntry, MessageKind, Question, QuestionRecord, QuestionStatus
from register.models import Role
from tests import personas

pytestmark = pytest.mark.django_db


def seed(command="seed_demo"):
    out = StringIO()
    args = ("--counsellors", "0") if command == "seed_demo" else ()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_running_it_again_creates_nothing():
    seed()
    counts = (Question.objects.count(), FaqEntry.objects.count(), QuestionRecord.objects.count())

    out = seed("seed_guidance_demo")

    assert (Question.objects.count(), FaqEntry.objects.count(), QuestionRecord.objects.count()) == counts
    assert "0 demo questions, 0 FAQ entries and 0 anonymous records" in out


def test_the_national_scale_adds_90_days_of_questions_once(monkeypatch, other_centre):
    """Scaled down: the questions of the last two days wait, the older ones are answered, each with its record."""
    personas.centre_staff(other_centre, Role.E_GUIDANCE, email=COUNSELLOR)
    before = len(QUESTIONS)
    monkeypatch.setattr("guidance.demo_national.NATIONAL_QUESTIONS", before + 300)
    monkeypatch.setattr("guidance.demo_national.QUESTIONS_PER_BATCH", 120)

    out = StringIO()
    call_command("seed_guidance_demo", "--scale", "national", stdout=out)

    assert Question.objects.count() == before + 300
    assert "E-guidance: 300 questions bulk-inserted." in out.getvalue()
    now = timezone.now()
    added = Question.objects.exclude(token_key__in=[demo_token(spec.key)[:12] for spec in QUESTIONS])
    assert added.filter(created_at__lt=now - timedelta(days=91)).count() == 0
    for question in added.select_related("record"):
        assert question.record.asked_at == question.created_at
        assert question.due_at == due_at(question.created_at)
        kinds = list(question.messages.order_by("created_at").values_list("kind", flat=True))
        if question.status == QuestionStatus.ANSWERED:
            assert kinds == [MessageKind.QUESTION, MessageKind.ANSWER]
            assert question.record.answered_in_time == (question.record.first_answered_at <= question.due_at)
        else:
            assert kinds == [MessageKind.QUESTION]
            assert question.record.first_answered_at is None
    assert added.filter(status=QuestionStatus.ANSWERED, created_at__gt=now - timedelta(days=2)).count() == 0

    call_command("seed_guidance_demo", "--scale", "national", stdout=StringIO())

    assert Question.objects.count() == before + 300
