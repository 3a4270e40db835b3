"""The e-guidance demo: something in every state for eveileder@ and the leads, and a month of statistics.

The demo is seeded once for the module; each test's changes roll back to it.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from guidance.clock import calendar
from guidance.models import FaqEntry, Question, QuestionRecord, QuestionStatus
from register.demo import DEMO_DOMAIN
from tests.snapshots import shared_seeding

# One worker runs the whole module, so the demo is seeded once (see tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_files_of_the_module")]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, module_private_media):
    """What seed_demo printed; it runs once for the module."""
    with shared_seeding(django_db_blocker, module_private_media, seed) as out:
        yield out


def seed(command="seed_demo"):
    out = StringIO()
    args = ("--counsellors", "0") if command == "seed_demo" else ()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_the_demo_has_waiting_claimed_overdue_and_answered_questions(seeded):
    out = seeded

    now, clock = timezone.now(), calendar()
    waiting = Question.objects.filter(status__in=[QuestionStatus.OPEN, QuestionStatus.CLAIMED])
    assert waiting.filter(due_at__lt=now).count() == 1  # one overdue
    # Due soon in the service's opening hours (3 of them), on whatever day and hour the demo is seeded.
    assert waiting.filter(due_at__gt=now, due_at__lt=clock.after(now, timezone.timedelta(hours=4))).exists()
    assert waiting.filter(due_at__gt=now + timezone.timedelta(days=1)).exists()
    # The promise clock set every due time: in opening hours on a day the service is open, never on a Saturday;
    # and every question was asked, claimed and last touched before now.
    for question in Question.objects.all():
        due = timezone.localtime(question.due_at)
        assert clock.is_open_day(due.date()) and clock.opens < due.time() <= clock.closes, due
        assert question.created_at <= question.last_activity_at <= now
        assert question.claimed_at is None or question.created_at <= question.claimed_at <= now
    claimed = Question.objects.get(status=QuestionStatus.CLAIMED)
    assert claimed.claimed_by.email == f"eveileder@{DEMO_DOMAIN}"
    answered = Question.objects.filter(status=QuestionStatus.ANSWERED)
    assert answered.count() == 2
    assert answered.filter(referred_to__isnull=False, record__followed_up=True, record__helpful=True).exists()
    assert FaqEntry.objects.count() == 3
    assert "E-guidance: 7 demo questions, 3 FAQ entries" in out


def test_a_month_of_anonymous_statistics_is_there(seeded):
    anonymous = QuestionRecord.objects.filter(question__isnull=True)
    assert anonymous.count() >= 60
    oldest = anonymous.order_by("asked_at").first().asked_at
    assert (timezone.now() - oldest).days >= 29
    assert anonymous.filter(answered_in_time=False).exists() and anonymous.filter(answered_in_time=True).exists()
