"""A lead moves a claimed question to another counsellor or back to the queue, with a reason: logged, both
counsellors told. Only the lead of the counsellor's centre (or a national administrator) may; a question nobody
holds has nothing to move."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from guidance import services
from guidance.models import ClaimChange, Question, QuestionStatus
from guidance.selectors import personal_data
from notifications.models import Notice
from register.models import Role
from tests import personas
from tests.guidance.conftest import ask
from tests.guidance.counsellor_support import as_user, page_text, url

pytestmark = pytest.mark.django_db

REASON = "Kari er syk resten av uka."


@pytest.fixture(autouse=True)
def _english_pages(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def oslo_counsellor(centre):
    return personas.centre_staff(centre, Role.E_GUIDANCE, email="eveileder-oslo@example.org")


@pytest.fixture
def oslo_lead(centre, oslo_counsellor):
    return personas.centre_staff(centre, Role.ADMIN, email="leder-oslo@example.org")


def state(question):
    question.refresh_from_db()
    return question.status, question.claimed_by


def notices(user):
    return list(Notice.objects.filter(recipient=user, kind="guidance.claim").values_list("message", flat=True))


def test_the_lead_gives_a_claimed_question_to_another_counsellor_and_both_are_told(
    client, claimed, guidance_lead, e_counsellor, second_counsellor
):
    as_user(client, guidance_lead)

    response = client.post(url("reassign", claimed), {"to": second_counsellor.pk, "reason": REASON}, follow=True)

    assert response.redirect_chain[-1][0] == "/e-veiledning/frister/"  # the lead answers no questions
    assert f"The question is now {second_counsellor}'s. {e_counsellor} is told why." in page_text(response)
    assert state(claimed) == (QuestionStatus.CLAIMED, second_counsellor)
    change = ClaimChange.objects.get()
    assert (change.lead, change.from_counsellor, change.to_counsellor, change.reason) == (
        guidance_lead,
        e_counsellor,
        second_counsellor,
        REASON,
    )
    [told_before] = notices(e_counsellor)
    [told_after] = notices(second_counsellor)
    assert REASON in str(told_before) and REASON in str(told_after)


def test_the_lead_puts_a_question_back_in_the_queue(client, claimed, guidance_lead, e_counsellor):
    as_user(client, guidance_lead)

    response = client.post(url("reassign", claimed), {"to": "", "reason": REASON}, follow=True)

    assert f"The question is back in the queue. {e_counsellor} is told why." in page_text(response)
    assert state(claimed) == (QuestionStatus.OPEN, None)
    assert ClaimChange.objects.get().to_counsellor is None
    assert len(notices(e_counsellor)) == 1


def test_the_page_shows_who_holds_it_and_the_earlier_moves_but_not_the_question(
    client, claimed, guidance_lead, e_counsellor, second_counsellor, other_centre, django_assert_max_num_queries
):
    services.question_reassign(question=claimed, lead=guidance_lead, to=second_counsellor, reason=REASON)
    as_user(client, guidance_lead)
    with django_assert_max_num_queries(14) as one_move:
        client.get(url("reassign", claimed))
    for _ in range(5):  # back and forth: ten more moves, and more counsellors to choose from
        services.question_reassign(question=claimed, lead=guidance_lead, to=e_counsellor, reason=REASON)
        services.question_reassign(question=claimed, lead=guidance_lead, to=second_counsellor, reason=REASON)
    personas.centre_staff(other_centre, Role.E_GUIDANCE, email="eveileder3@example.org")

    with django_assert_max_num_queries(len(one_move)):
        response = client.get(url("reassign", claimed))

    text = page_text(response)
    assert response.status_code == 200
    assert f"Claimed by {second_counsellor}" in text
    assert f"{guidance_lead} gave it from {e_counsellor} to {second_counsellor} – {REASON}" in text
    assert claimed.messages.get().body not in text  # a centre's lead may not read the question
    # The centre's counsellors are offered, except the one who holds it now.
    offered = {person.email for person in response.context["form"].fields["to"].queryset}
    assert offered == {e_counsellor.email, "eveileder3@example.org"}


@pytest.mark.parametrize("who", ["oslo_lead", "second_counsellor"])
def test_only_a_lead_of_the_counsellors_centre_may_move_it(client, claimed, e_counsellor, who, request):
    person = request.getfixturevalue(who)
    as_user(client, person)

    page = client.get(url("reassign", claimed))
    posted = client.post(url("reassign", claimed), {"to": "", "reason": REASON})

    assert (page.status_code, posted.status_code) == (403, 403)
    assert state(claimed) == (QuestionStatus.CLAIMED, e_counsellor)
    assert not ClaimChange.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, claimed):
    response = client.get(url("reassign", claimed))

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_counsellor_at_another_centre_cannot_be_chosen(client, claimed, guidance_lead, e_counsellor, oslo_counsellor):
    as_user(client, guidance_lead)

    response = client.post(url("reassign", claimed), {"to": oslo_counsellor.pk, "reason": REASON})

    assert response.status_code == 200
    assert "Choose an e-guidance counsellor at your centre." in page_text(response)
    assert state(claimed) == (QuestionStatus.CLAIMED, e_counsellor)
    assert not ClaimChange.objects.exists() and not notices(e_counsellor)


def test_a_reason_is_required(client, claimed, guidance_lead, e_counsellor, second_counsellor):
    as_user(client, guidance_lead)

    response = client.post(url("reassign", claimed), {"to": second_counsellor.pk, "reason": "   "})

    assert "Say why the question is moved." in page_text(response)
    assert state(claimed) == (QuestionStatus.CLAIMED, e_counsellor)
    assert not ClaimChange.objects.exists()


def test_another_centres_lead_learns_nothing_about_a_question_nobody_holds(
    client, claimed, guidance_lead, oslo_lead, national_admin
):
    services.question_reassign(question=claimed, lead=guidance_lead, to=None, reason=REASON)

    theirs = page_text(as_user(client, oslo_lead).get(url("reassign", claimed)))
    national = page_text(as_user(client, national_admin).get(url("reassign", claimed)))

    assert "Nobody holds this question now, so there is nothing to move." in theirs
    assert REASON not in theirs and str(guidance_lead) not in theirs and "Vestland" not in theirs
    assert REASON in national and "Vestland" in national


def test_nothing_moves_when_someone_else_took_the_question_in_the_meantime(
    client, claimed, guidance_lead, e_counsellor, second_counsellor
):
    as_user(client, guidance_lead)
    page = client.get(url("reassign", claimed))
    holder = page.context["form"]["holder"].value()
    services.question_release(question=claimed, counsellor=e_counsellor)
    services.question_claim(question=claimed, counsellor=second_counsellor)

    response = client.post(url("reassign", claimed), {"holder": holder, "to": "", "reason": REASON}, follow=True)

    assert "Another counsellor holds this question now. Look again before you move it." in page_text(response)
    assert state(claimed) == (QuestionStatus.CLAIMED, second_counsellor)
    assert not ClaimChange.objects.exists()


def test_a_deactivated_counsellors_question_can_still_be_moved(client, claimed, guidance_lead, e_counsellor):
    e_counsellor.is_active = False
    e_counsellor.save(update_fields=["is_active"])
    as_user(client, guidance_lead)

    client.post(url("reassign", claimed), {"to": "", "reason": REASON})

    assert state(claimed) == (QuestionStatus.OPEN, None)


def test_a_question_nobody_holds_has_nothing_to_move(client, question, guidance_lead, second_counsellor):
    as_user(client, guidance_lead)

    page = client.get(url("reassign", question))
    posted = client.post(url("reassign", question), {"to": second_counsellor.pk, "reason": REASON})

    assert "Nobody holds this question now, so there is nothing to move." in page_text(page)
    assert posted.status_code == 200 and page_text(posted) == page_text(page)
    assert state(question) == (QuestionStatus.OPEN, None)
    with pytest.raises(ValidationError) as refused:
        services.question_reassign(question=question, lead=guidance_lead, to=second_counsellor, reason=REASON)
    assert refused.value.messages == ["Nobody holds this question now, so there is nothing to move."]


def test_a_national_administrator_moves_any_question_from_the_question_page(
    client, claimed, national_admin, oslo_counsellor
):
    as_user(client, national_admin)

    question_page = client.get(url("question", claimed))
    response = client.post(url("reassign", claimed), {"to": oslo_counsellor.pk, "reason": REASON})

    assert "Move the question to another counsellor or back to the queue" in page_text(question_page)
    assert response["Location"] == url("question", claimed)
    assert state(claimed) == (QuestionStatus.CLAIMED, oslo_counsellor)


def test_the_deadline_list_offers_to_move_only_what_the_lead_may(
    client, guidance_lead, e_counsellor, oslo_counsellor, settings
):
    settings.GUIDANCE_LEAD_WARNING_HOURS = 24 * 30  # every waiting question is on the list
    ours = services.question_claim(question=ask(), counsellor=e_counsellor)
    theirs = services.question_claim(question=ask(), counsellor=oslo_counsellor)
    unclaimed = ask()
    as_user(client, guidance_lead)

    rows = {row["question"].pk: row["can_move"] for row in client.get("/e-veiledning/frister/").context["rows"]}

    assert rows == {ours.pk: True, theirs.pk: False, unclaimed.pk: False}
    assert Question.objects.count() == 3


def test_a_move_is_in_the_data_download_of_the_lead_and_both_counsellors(
    claimed, guidance_lead, e_counsellor, second_counsellor, oslo_counsellor
):
    services.question_reassign(question=claimed, lead=guidance_lead, to=second_counsellor, reason=REASON)

    def moved(user):
        return [
            (m["question"], m["as_lead"], m["from_you"], m["to_you"], m["reason"])
            for m in personal_data(user)["questions_moved"]
        ]

    assert moved(guidance_lead) == [(claimed.pk, True, False, False, REASON)]
    assert moved(e_counsellor) == [(claimed.pk, False, True, False, REASON)]
    assert moved(second_counsellor) == [(claimed.pk, False, False, True, REASON)]
    assert moved(oslo_counsellor) == []
