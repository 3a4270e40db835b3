"""The e-guidance demo run again on a fresh database: it creates nothing the second time."""

from io import StringIO

import pytest
from django.core.management import call_command

from guidance.models import FaqEntry, Question, QuestionRecord

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
