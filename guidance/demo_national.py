"""E-guidance at national scale (``seed_demo --scale national``): questions over the retention period
(``GUIDANCE_RETENTION_DAYS``, 90 days).

Those of the last two days wait for an answer (a fifth claimed by ``eveileder@``), the rest are answered,
each with its anonymous statistics record. Bulk-inserted: the rows are those the services would write,
without notices and access logs.
"""

import random
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.bulk import analyze, insert_all
from guidance.clock import calendar
from guidance.models import AgeGroup, Message, MessageKind, Question, QuestionRecord, QuestionStatus, Topic
from register.models import County

NATIONAL_QUESTIONS = 30_000
QUESTIONS_PER_BATCH = 10_000
SEED = 20251203

QUESTION_TEXTS = [
    "Jeg vurderer å bytte jobb etter mange år i butikk. Hvordan finner jeg ut hvilke utdanninger som passer for meg?",
    "Kan jeg ta studiekompetanse som voksen, og hva koster det?",
    "Jeg har en bachelor fra utlandet. Hvordan får jeg den godkjent i Norge?",
    "Hvordan skriver jeg en god søknad når jeg ikke har relevant erfaring?",
    "Jeg er 17 og vet ikke om jeg skal velge studiespesialisering eller yrkesfag. Hva bør jeg tenke på?",
    "Jeg har fått tilbud om omskolering fra arbeidsgiveren. Hvordan vet jeg om det er lurt?",
]
ANSWER_TEXT = (
    "Takk for spørsmålet! Det første steget er å se på hva du allerede kan. **Realkompetansevurdering** "
    "kan gi deg uttelling for erfaringen din, og karrieresenteret i fylket ditt kan hjelpe deg gratis."
)


@transaction.atomic
def seed_national_questions(counsellor_email, target=None, progress=print):
    """Top the questions up to ``target`` (``NATIONAL_QUESTIONS``); return how many were added."""
    target = NATIONAL_QUESTIONS if target is None else target
    have = Question.objects.count()
    counsellor = get_user_model().objects.filter(email=counsellor_email).first()
    if have >= target or counsellor is None:
        return 0
    rng = random.Random(SEED + have)  # noqa: S311 - repeatable demo data, not security
    now = timezone.now()
    counties = list(County.objects.order_by("number"))
    topics = [choice for choice, _label in Topic.choices]
    ages = [choice for choice, _label in AgeGroup.choices]
    clock = calendar()
    added = 0
    while added < target - have:
        records, questions, messages = [], [], []
        for _ in range(min(QUESTIONS_PER_BATCH, target - have - added)):
            asked = now - timedelta(seconds=rng.uniform(600, settings.GUIDANCE_RETENTION_DAYS * 86400))
            due = clock.due_at(asked)
            county = rng.choice(counties) if rng.random() < 0.85 else None
            waiting = asked > now - timedelta(days=2) or (due < now and rng.random() < 0.002)
            answered_at = None
            if not waiting:
                answered_at = asked + timedelta(seconds=int(rng.triangular(2 * 3600, 80 * 3600, 18 * 3600)))
                answered_at = min(answered_at, now - timedelta(seconds=60))
            claimed = answered_at is not None or rng.random() < 0.2
            topic = rng.choice(topics)
            record = QuestionRecord(
                topic=topic,
                county=county,
                asked_at=asked,
                due_at=due,
                first_answered_at=answered_at,
                answer_seconds=int((answered_at - asked).total_seconds()) if answered_at else None,
                answered_in_time=(answered_at <= due) if answered_at else None,
                helpful=rng.choice([True, True, False, None]) if answered_at else None,
            )
            token = secrets.token_urlsafe(32)
            question = Question(
                token_key=token[:12],
                token=token,
                record=record,
                topic=topic,
                county=county,
                age_group=rng.choice(ages),
                status=QuestionStatus.ANSWERED
                if answered_at
                else (QuestionStatus.CLAIMED if claimed else QuestionStatus.OPEN),
                created_at=asked,
                due_at=due,
                claimed_by=counsellor if claimed else None,
                claimed_at=asked + timedelta(minutes=30) if claimed else None,
                last_activity_at=answered_at or asked,
            )
            records.append(record)
            questions.append(question)
            messages.append(
                Message(question=question, kind=MessageKind.QUESTION, body=rng.choice(QUESTION_TEXTS), created_at=asked)
            )
            if answered_at:
                messages.append(
                    Message(
                        question=question,
                        kind=MessageKind.ANSWER,
                        body=ANSWER_TEXT,
                        author=counsellor,
                        created_at=answered_at,
                    )
                )
        insert_all(records)
        for question in questions:
            question.record_id = question.record.pk
        insert_all(questions)
        for message in messages:
            message.question_id = message.question.pk
        insert_all(messages)
        added += len(questions)
        progress(f"E-guidance: {have + added:,} of {target:,} questions ...")
    analyze(Question, QuestionRecord, Message)
    return added
