"""Demo data for e-guidance, in Norwegian: the closure days (julaften, nyttårsaften, a fellesferie week),
waiting questions at different distances from their due time (one overdue), a question ``eveileder@`` has
claimed, answered conversations, FAQ entries and a month of anonymous statistics.

Run by ``manage.py seed_guidance_demo`` (and by ``seed_demo``). Idempotent: each demo question has a fixed
private token derived from SECRET_KEY, and only what is missing is created.
"""

import hashlib
import hmac
import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from guidance import services
from guidance.clock import calendar
from guidance.models import AgeGroup, ClosurePeriod, FaqEntry, Question, QuestionRecord, Topic
from register.demo import DEMO_DOMAIN
from register.models import Centre, County

COUNSELLOR = f"eveileder@{DEMO_DOMAIN}"
STATISTICS_DAYS = 30


@dataclass(frozen=True)
class DemoQuestion:
    key: str
    text: str
    topic: str
    county: str | None  # county number
    age_group: str
    # Hours of opening time from now until it is due (negative when overdue; for answered ones, when it was due),
    # at most the promise (16): the demo's questions sit at the same distances from their due time, and were all
    # asked before now, on whatever day it is seeded.
    due_in_hours: float
    claimed: bool = False
    answer: str = ""
    refer: bool = False
    follow_up: str = ""
    follow_up_answer: str = ""
    helpful: bool | None = None


QUESTIONS = [
    DemoQuestion(
        "overdue",
        "Jeg har jobbet i barnehage i tolv år uten fagbrev. Kan jeg ta fagbrev som barne- og ungdomsarbeider "
        "uten å gå på skole igjen, og hvordan begynner jeg?",
        Topic.ADULT_EDUCATION,
        "03",
        AgeGroup.FROM_30,
        due_in_hours=-5,
    ),
    DemoQuestion(
        "soon",
        "Jeg er utdannet sykepleier i Filippinene og har bodd i Norge i to år. Hva må jeg gjøre for å få "
        "autorisasjon her?",
        Topic.FOREIGN_EDUCATION,
        "46",
        AgeGroup.FROM_30,
        due_in_hours=3,
    ),
    DemoQuestion(
        "claimed",
        "Jeg har mistet jobben etter 25 år i samme bedrift og vet ikke hva jeg kan søke på. Hvordan finner jeg "
        "ut hva jeg er god til?",
        Topic.CHANGING_JOBS,
        "46",
        AgeGroup.FROM_45,
        due_in_hours=12,
        claimed=True,
    ),
    DemoQuestion(
        "tomorrow",
        "Jeg går siste året på videregående og kan ikke bestemme meg mellom sykepleie og ingeniørfag. Hvordan "
        "kan jeg finne ut hva som passer meg?",
        Topic.CHOOSING_EDUCATION,
        None,
        AgeGroup.UNDER_19,
        due_in_hours=10,
    ),
    DemoQuestion(
        "fresh",
        "Hvordan skriver jeg en søknad når jeg har et hull på tre år i CV-en fordi jeg var hjemme med barn?",
        Topic.APPLYING_FOR_JOBS,
        "50",
        AgeGroup.FROM_30,
        due_in_hours=15,
    ),
    DemoQuestion(
        "answered",
        "Kan jeg få lån i Lånekassen hvis jeg er over 45 år og vil ta en bachelorgrad på deltid?",
        Topic.ADULT_EDUCATION,
        "18",
        AgeGroup.FROM_45,
        due_in_hours=-72,
        answer="Ja. Lånekassen har ingen øvre aldersgrense for støtte, men det finnes noen regler du bør kjenne "
        "til:\n\n- Du kan få støtte til deltidsstudier hvis studiet utgjør minst **30 prosent** av fulltid.\n"
        "- Hvor mye du kan få, avhenger av inntekten og formuen din.\n\nSjekk lanekassen.no for de siste "
        "satsene. Du er også velkommen til en samtale med karrieresenteret i fylket ditt.",
        helpful=True,
    ),
    DemoQuestion(
        "referred",
        "Jeg vil gjerne snakke med noen om hva jeg skal gjøre etter at jeg ble uføretrygdet på deltid. Finnes "
        "det noen jeg kan møte?",
        Topic.CHANGING_JOBS,
        "46",
        AgeGroup.FROM_45,
        due_in_hours=-30,
        answer="Det høres ut som du vil ha nytte av en samtale der vi kan se på hele situasjonen din. Vi "
        "anbefaler at du tar kontakt med karrieresenteret i fylket ditt; kontaktinformasjonen står under.",
        refer=True,
        follow_up="Takk! Må jeg ha henvisning fra NAV for å få time hos karrieresenteret?",
        follow_up_answer="Nei, du trenger ingen henvisning. Karriereveiledning er gratis for alle over 19 år, "
        "og du kan ringe eller sende e-post direkte.",
        helpful=True,
    ),
]

FAQ = [
    (
        "Koster karriereveiledning noe?",
        "Må jeg betale for å snakke med en karriereveileder?",
        "Nei. Karriereveiledning ved de offentlige karrieresentrene er **gratis** for alle over 19 år.",
        Topic.OTHER,
    ),
    (
        "Hvordan får jeg godkjent utdanning fra utlandet?",
        "Jeg har en utdanning fra et annet land. Hvordan får jeg den godkjent i Norge?",
        "Det kommer an på utdanningen:\n\n- Yrker med autorisasjon (for eksempel helse) søker du om hos "
        "den aktuelle myndigheten.\n- Høyere utdanning kan godkjennes generelt hos HK-dir.\n\nEn "
        "karriereveileder kan hjelpe deg å finne ut hva som gjelder for deg.",
        Topic.FOREIGN_EDUCATION,
    ),
    (
        "Kan jeg ta fagbrev som voksen?",
        "Jeg har lang arbeidserfaring, men ikke fagbrev. Finnes det en vei for voksne?",
        "Ja. Med minst fem års allsidig erfaring i faget kan du gå opp til fagprøven som "
        "**praksiskandidat**. Fylkeskommunen kan også vurdere realkompetansen din.",
        Topic.ADULT_EDUCATION,
    ),
]


def demo_token(key):
    """A stable private token per demo question, not guessable without SECRET_KEY."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"guidance-demo:{key}".encode(), hashlib.sha256)
    return digest.hexdigest()[:43]


def _make_question(spec, counsellor, now, clock):
    token = demo_token(spec.key)
    if Question.objects.filter(token_key=token[:12]).exists():
        return False
    county = County.objects.filter(number=spec.county).first() if spec.county else None
    # Asked as long before now, in opening time, as the promise lasts less what is left of it: the service's own
    # clock then puts the due time ``due_in_hours`` of opening time from now, never on a closed day.
    promise = clock.day_length * settings.GUIDANCE_ANSWER_WORKING_DAYS
    asked = clock.before(now, promise - timedelta(hours=spec.due_in_hours))
    question = services.question_ask(
        text=spec.text, topic=spec.topic, county=county, age_group=spec.age_group, now=asked
    )
    Question.objects.filter(pk=question.pk).update(token=token, token_key=token[:12])
    question = Question.objects.get(pk=question.pk)
    if spec.claimed or spec.answer:
        question = services.question_claim(question=question, counsellor=counsellor, now=asked + timedelta(hours=1))
    if spec.answer:
        refer_to = Centre.objects.active().filter(county=county).order_by("name").first() if spec.refer else None
        answered_at = asked + timedelta(hours=20)
        question = services.question_answer(
            question=question, counsellor=counsellor, body=spec.answer, refer_to=refer_to, now=answered_at
        )
        if spec.follow_up:
            question = services.question_follow_up(
                question=question, text=spec.follow_up, now=answered_at + timedelta(hours=3)
            )
            question = services.question_answer(
                question=question,
                counsellor=counsellor,
                body=spec.follow_up_answer,
                now=answered_at + timedelta(hours=6),
            )
        if spec.helpful is not None:
            services.question_rate(question=question, helpful=spec.helpful, now=answered_at + timedelta(hours=8))
    return True


def _closures(now):
    """The days the services close this year and next, as a national administrator would enter them."""
    if ClosurePeriod.objects.exists():
        return
    periods = []
    for year in (now.year, now.year + 1):
        fellesferie = date.fromisocalendar(year, 29, 1)  # the middle week of the usual three
        periods += [
            ClosurePeriod(name="Fellesferie", first_day=fellesferie, last_day=fellesferie + timedelta(days=4)),
            ClosurePeriod(name="Julaften", first_day=date(year, 12, 24), last_day=date(year, 12, 24)),
            ClosurePeriod(name="Nyttårsaften", first_day=date(year, 12, 31), last_day=date(year, 12, 31)),
        ]
    ClosurePeriod.objects.bulk_create(periods)


def _statistics(now, clock):
    """A month of anonymous records of questions already deleted: the statistics page has something to show."""
    if QuestionRecord.objects.filter(question__isnull=True).exists():
        return 0
    rng = random.Random(7)  # noqa: S311 - repeatable demo data, not security
    counties = list(County.objects.order_by("number"))
    centres = list(Centre.objects.filter(is_resource_centre=True).order_by("pk"))
    topics = [choice for choice, _label in Topic.choices]
    records = []
    for day in range(STATISTICS_DAYS, 0, -1):
        for _n in range(rng.randint(2, 9)):
            asked = now - timedelta(days=day, hours=rng.randint(0, 12), minutes=rng.randint(0, 59))
            due = clock.due_at(asked)
            seconds = int(rng.triangular(2 * 3600, 80 * 3600, 18 * 3600))
            answered = asked + timedelta(seconds=seconds)
            records.append(
                QuestionRecord(
                    topic=rng.choice(topics),
                    county=rng.choice(counties) if rng.random() < 0.8 else None,
                    asked_at=asked,
                    due_at=due,
                    first_answered_at=answered,
                    answer_seconds=seconds,
                    answered_in_time=answered <= due,
                    followed_up=rng.random() < 0.2,
                    helpful=rng.choice([True, True, True, False, None]),
                    answered_by_centre=rng.choice(centres) if centres else None,
                )
            )
    QuestionRecord.objects.bulk_create(records)
    return len(records)


@transaction.atomic
def seed_guidance_demo(now=None):
    """Returns (questions created, FAQ entries created, anonymous records created)."""
    now = now or timezone.now()
    counsellor = get_user_model().objects.filter(email=COUNSELLOR).first()
    if counsellor is None:
        return 0, 0, 0
    _closures(now)
    clock = calendar()
    questions = sum(_make_question(spec, counsellor, now, clock) for spec in QUESTIONS)
    faq = 0
    for title, question, answer, topic in FAQ:
        if not FaqEntry.objects.filter(title=title).exists():
            services.faq_publish(author=counsellor, title=title, question=question, answer=answer, topic=topic, now=now)
            faq += 1
    return questions, faq, _statistics(now, clock)
