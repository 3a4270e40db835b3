"""The e-guidance rules in the services: asking, claiming, answering, following up, rating, deleting, warning."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from guidance import selectors, services
from guidance.models import AccessLog, Message, MessageKind, Question, QuestionRecord, QuestionStatus
from notifications.models import Notice
from tests.factories import CentreFactory, county
from tests.guidance.conftest import QUESTION_TEXT, ask, at

pytestmark = pytest.mark.django_db


def test_asking_stores_the_question_its_record_and_a_due_time_two_working_days_ahead():
    question = ask(county_number="46", now=at("2027-03-04 09:00"))  # a Thursday

    assert question.status == QuestionStatus.OPEN
    assert timezone.localtime(question.due_at).strftime("%Y-%m-%d %H:%M") == "2027-03-08 09:00"
    assert question.messages.get().body == QUESTION_TEXT
    assert (question.record.topic, question.record.county, question.record.due_at) == (
        question.topic,
        county("46"),
        question.due_at,
    )
    assert len(question.token) >= 40 and question.token_key == question.token[:12]


@pytest.mark.parametrize("text", ["For kort spørsmål", "x" * 5001, " " * 30])
def test_too_short_or_too_long_questions_store_nothing(text):
    with pytest.raises(ValidationError):
        ask(text)

    assert not Question.objects.exists() and not QuestionRecord.objects.exists()


def test_the_token_finds_its_question_and_nothing_else(question):
    assert selectors.question_for_token(question.token) == question
    assert selectors.question_for_token(question.token[:-1] + ("A" if question.token[-1] != "A" else "B")) is None
    assert selectors.question_for_token(question.token[:12]) is None
    assert selectors.question_for_token("") is None
    question_token = question.token
    services.question_delete(question=question)
    assert selectors.question_for_token(question_token) is None


def test_two_askers_get_different_tokens():
    assert ask().token != ask().token


def test_a_counsellor_claims_and_another_is_told_it_is_taken(question, e_counsellor, second_counsellor):
    services.question_claim(question=question, counsellor=e_counsellor)

    with pytest.raises(services.ClaimConflict, match="Another counsellor claimed this question first"):
        services.question_claim(question=question, counsellor=second_counsellor)
    question.refresh_from_db()
    assert (question.status, question.claimed_by) == (QuestionStatus.CLAIMED, e_counsellor)


def test_claiming_again_is_harmless_for_the_same_counsellor(claimed, e_counsellor):
    services.question_claim(question=claimed, counsellor=e_counsellor)

    claimed.refresh_from_db()
    assert claimed.claimed_by == e_counsellor


@pytest.mark.parametrize("persona", ["plain_user", "centre_admin", "school_counsellor"])
def test_only_e_guidance_counsellors_claim(request, question, persona):
    with pytest.raises(PermissionDenied):
        services.question_claim(question=question, counsellor=request.getfixturevalue(persona))
    question.refresh_from_db()
    assert question.status == QuestionStatus.OPEN


def test_a_national_admin_may_claim(question, national_admin):
    assert services.question_claim(question=question, counsellor=national_admin).claimed_by == national_admin


def test_releasing_puts_the_question_back_and_only_the_claimer_may(claimed, e_counsellor, second_counsellor):
    with pytest.raises(PermissionDenied):
        services.question_release(question=claimed, counsellor=second_counsellor)

    released = services.question_release(question=claimed, counsellor=e_counsellor)

    assert (released.status, released.claimed_by) == (QuestionStatus.OPEN, None)
    assert services.question_claim(question=released, counsellor=second_counsellor).claimed_by == second_counsellor


def test_answering_records_the_time_to_answer_and_mails_only_the_link(
    claimed, e_counsellor, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://karrierenorge.example"
    asked = claimed.record.asked_at

    with django_capture_on_commit_callbacks(execute=True):
        answered = services.question_answer(
            question=claimed,
            counsellor=e_counsellor,
            body="Les om **helsefagarbeider**.",
            now=asked + timedelta(hours=5),
        )

    assert answered.status == QuestionStatus.ANSWERED
    record = QuestionRecord.objects.get(pk=answered.record_id)
    assert (record.answer_seconds, record.answered_in_time) == (5 * 3600, True)
    [email] = mail.outbox
    assert email.to == ["asker@example.org"]
    assert f"https://karrierenorge.example/sporsmal/{answered.token}/" in email.body
    assert "helsefagarbeider" not in email.body and "butikk" not in email.body
    assert "helsefagarbeider" not in email.subject


def test_a_late_answer_is_counted_as_late(claimed, e_counsellor):
    services.question_answer(
        question=claimed, counsellor=e_counsellor, body="Svar.", now=claimed.due_at + timedelta(minutes=1)
    )

    assert QuestionRecord.objects.get(pk=claimed.record_id).answered_in_time is False


def test_without_an_e_mail_address_no_mail_is_sent(e_counsellor, django_capture_on_commit_callbacks):
    question = services.question_claim(question=ask(), counsellor=e_counsellor)

    with django_capture_on_commit_callbacks(execute=True):
        services.question_answer(question=question, counsellor=e_counsellor, body="Svar.")

    assert mail.outbox == []


def test_nobody_answers_a_question_claimed_by_someone_else(claimed, second_counsellor, question):
    with pytest.raises(PermissionDenied):
        services.question_answer(question=claimed, counsellor=second_counsellor, body="Mitt svar.")

    assert not Message.objects.filter(kind=MessageKind.ANSWER).exists()


def test_an_unclaimed_question_cannot_be_answered(question, e_counsellor):
    with pytest.raises(PermissionDenied):
        services.question_answer(question=question, counsellor=e_counsellor, body="Svar.")


def test_an_empty_answer_is_refused(claimed, e_counsellor):
    with pytest.raises(ValidationError):
        services.question_answer(question=claimed, counsellor=e_counsellor, body="   ")

    assert Question.objects.get(pk=claimed.pk).status == QuestionStatus.CLAIMED


def test_a_referral_keeps_the_centre_and_a_closed_centre_is_refused(claimed, e_counsellor, other_centre):
    closed = CentreFactory(name="Nedlagt", slug="nedlagt", county=county("46"), is_active=False)
    with pytest.raises(ValidationError):
        services.question_answer(question=claimed, counsellor=e_counsellor, body="Svar.", refer_to=closed)

    answered = services.question_answer(question=claimed, counsellor=e_counsellor, body="Svar.", refer_to=other_centre)

    assert answered.referred_to == other_centre
    assert list(selectors.referral_centres(answered)) == [other_centre]


def test_one_follow_up_after_the_answer_goes_back_to_the_counsellor_with_a_new_promise(answered, e_counsellor):
    later = answered.created_at + timedelta(days=3)

    followed = services.question_follow_up(question=answered, text="Takk! Hva med fagskole i stedet for?", now=later)

    assert (followed.status, followed.claimed_by) == (QuestionStatus.CLAIMED, e_counsellor)
    assert followed.due_at > later and followed.last_activity_at == later
    assert QuestionRecord.objects.get(pk=followed.record_id).followed_up
    services.question_answer(question=followed, counsellor=e_counsellor, body="Fagskole er også et godt valg.")
    with pytest.raises(ValidationError, match="one follow-up"):
        services.question_follow_up(question=followed, text="Og enda et spørsmål om noe annet her?")
    assert Message.objects.filter(question=answered, kind=MessageKind.FOLLOW_UP).count() == 1


def test_no_follow_up_before_the_answer(question):
    with pytest.raises(ValidationError):
        services.question_follow_up(question=question, text="Har dere sett på spørsmålet mitt ennå?")


def test_a_follow_up_goes_back_to_the_queue_when_the_counsellor_has_left(answered, e_counsellor, other_centre):
    from register import services as register_services
    from register.models import Role

    register_services.membership_revoke(
        membership=e_counsellor.memberships.get(centre=other_centre, role=Role.E_GUIDANCE), actor=None
    )
    e_counsellor.__dict__.pop("_register_roles", None)
    question = Question.objects.get(pk=answered.pk)

    followed = services.question_follow_up(question=question, text="Takk! Hva med fagskole i stedet for?")

    assert (followed.status, followed.claimed_by) == (QuestionStatus.OPEN, None)


def test_the_asker_rates_the_answer_and_may_change_their_mind(answered, question):
    with pytest.raises(ValidationError):
        services.question_rate(question=ask(), helpful=True)

    services.question_rate(question=answered, helpful=True)
    assert QuestionRecord.objects.get(pk=answered.record_id).helpful is True
    services.question_rate(question=answered, helpful=False)
    assert QuestionRecord.objects.get(pk=answered.record_id).helpful is False


def test_deleting_removes_the_conversation_and_keeps_the_anonymous_record(answered, e_counsellor):
    services.note_add(question=answered, author=e_counsellor, body="Intern merknad.")
    services.question_open(question=answered, user=e_counsellor)
    record_id = answered.record_id

    services.question_delete(question=answered)

    assert not Question.objects.exists() and not Message.objects.exists()
    assert QuestionRecord.objects.filter(pk=record_id, answer_seconds__isnull=False).exists()
    log = AccessLog.objects.get()
    assert (log.question, log.question_number, log.user) == (None, answered.pk, e_counsellor)


def test_opening_a_question_is_logged_and_only_counsellors_open(question, e_counsellor, plain_user):
    services.question_open(question=question, user=e_counsellor)
    services.question_open(question=question, user=e_counsellor)

    assert AccessLog.objects.filter(question=question, user=e_counsellor).count() == 2
    with pytest.raises(PermissionDenied):
        services.question_open(question=question, user=plain_user)


def test_notes_are_for_counsellors(question, e_counsellor, plain_user):
    assert services.note_add(question=question, author=e_counsellor, body="Ring NAV.").body == "Ring NAV."
    with pytest.raises(PermissionDenied):
        services.note_add(question=question, author=plain_user, body="Hei.")


def test_leads_are_warned_once_per_question_about_to_break_the_promise(
    question, guidance_lead, national_admin, e_counsellor, centre_admin
):
    now = question.due_at - timedelta(hours=3)
    later_question = ask(now=question.created_at + timedelta(days=2))  # due days later: not yet

    assert services.leads_warn(now=now) == 1
    assert services.leads_warn(now=now + timedelta(hours=1)) == 0  # once per question

    notices = Notice.objects.filter(kind="guidance.deadline")
    warned = set(notices.values_list("recipient__email", flat=True))
    assert warned == {guidance_lead.email, national_admin.email}  # not the counsellor, not another centre's admin
    assert {notice.link for notice in notices} == {"/e-veiledning/frister/"}
    assert all(f"#{question.pk}" in notice.title for notice in notices)
    assert not any(f"#{later_question.pk} " in n.title for n in notices)


def test_a_new_promise_after_a_follow_up_is_warned_about_again(answered, guidance_lead):
    services.leads_warn(now=answered.due_at)  # answered: nothing waiting
    assert not Notice.objects.filter(kind="guidance.deadline").exists()
    followed = services.question_follow_up(question=answered, text="Takk! Hva med fagskole i stedet for?")

    assert services.leads_warn(now=followed.due_at - timedelta(hours=1)) == 1
    assert services.leads_warn(now=followed.due_at + timedelta(hours=1)) == 0


def test_the_purge_deletes_what_has_been_quiet_for_90_days(answered):
    quiet_since = answered.last_activity_at

    assert services.questions_purge(now=quiet_since + timedelta(days=89)) == 0
    assert services.questions_purge(now=quiet_since + timedelta(days=91)) == 1
    assert not Question.objects.exists() and QuestionRecord.objects.count() == 1


def test_faq_entries_are_written_by_counsellors(e_counsellor, plain_user):
    entry = services.faq_publish(
        author=e_counsellor,
        title="Kan jeg få godkjent utdanning fra utlandet?",
        question="Jeg har en bachelorgrad fra Polen. Hvordan får jeg den godkjent?",
        answer="Søk hos **HK-dir**.",
        topic="foreign_education",
    )
    assert entry.published_at is not None
    with pytest.raises(PermissionDenied):
        services.faq_publish(author=plain_user, title="T", question="Q" * 30, answer="A", topic="other")


def test_an_answered_question_cannot_be_released_back_into_the_queue(answered, e_counsellor):
    """The asker's conversation stays answered: no follow-up lost, no false overdue warning to the leads."""
    with pytest.raises(ValidationError, match="already been answered"):
        services.question_release(question=answered, counsellor=e_counsellor)

    answered.refresh_from_db()
    assert answered.status == QuestionStatus.ANSWERED
    assert answered.claimed_by == e_counsellor
