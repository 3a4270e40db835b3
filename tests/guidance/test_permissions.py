"""The e-guidance predicates, from both sides: who may, and who may not.

Anonymous visitors, people without a role, a counsellor in the register, a centre admin without e-guidance,
the admin leading a centre's e-guidance, e-guidance counsellors (the one holding the question and another)
and national administrators.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from guidance import services
from guidance.models import QuestionStatus
from guidance.permissions import (
    access_question,
    can_answer,
    can_follow_up,
    can_rate,
    can_see_queue,
    has_claimed,
    is_guidance_counsellor,
    is_guidance_lead,
    lead_centre_ids,
)
from guidance.selectors import question_detail
from register import services as register_services
from register.models import Membership, Role
from register.permissions import forget_roles

pytestmark = pytest.mark.django_db

FOLLOW_UP = "Takk! Hvor lang tid tar utdanningen hvis jeg jobber deltid?"


@pytest.fixture
def outsiders(plain_user, school_counsellor, centre_admin, verifier):
    """Signed in, but without the e-guidance role: nobody here sees the questions."""
    return [AnonymousUser(), plain_user, school_counsellor, centre_admin, verifier]


def test_the_queue_is_for_e_guidance_counsellors_and_national_administrators(
    e_counsellor, second_counsellor, national_admin, guidance_lead, outsiders
):
    for allowed in (e_counsellor, second_counsellor, national_admin):
        assert can_see_queue(allowed), allowed
    for refused in (*outsiders, guidance_lead):
        assert not can_see_queue(refused), refused


def test_only_holders_of_the_role_are_e_guidance_counsellors(e_counsellor, national_admin, guidance_lead, outsiders):
    assert is_guidance_counsellor(e_counsellor)
    for refused in (national_admin, guidance_lead, *outsiders):
        assert not is_guidance_counsellor(refused), refused


def test_the_leads_are_national_administrators_and_admins_of_centres_with_e_guidance(
    guidance_lead, national_admin, other_centre, e_counsellor, outsiders
):
    assert is_guidance_lead(guidance_lead) and lead_centre_ids(guidance_lead) == {other_centre.pk}
    assert is_guidance_lead(national_admin)
    # The admin of a centre without e-guidance counsellors leads nothing; answering does not make a lead.
    for refused in (e_counsellor, *outsiders):
        assert not is_guidance_lead(refused), refused
        assert lead_centre_ids(refused) == set(), refused


def test_only_the_counsellor_who_claimed_a_question_may_answer_it(
    claimed, e_counsellor, second_counsellor, national_admin, guidance_lead, outsiders
):
    assert has_claimed(e_counsellor, claimed) and can_answer(e_counsellor, claimed)
    for refused in (second_counsellor, national_admin, guidance_lead, *outsiders):
        assert not has_claimed(refused, claimed), refused
        assert not can_answer(refused, claimed), refused


def test_nobody_may_answer_an_open_question(question, e_counsellor, national_admin):
    assert question.status == QuestionStatus.OPEN
    for user in (e_counsellor, national_admin, AnonymousUser()):
        assert not has_claimed(user, question) and not can_answer(user, question)


def test_once_answered_the_counsellor_still_holds_it_but_may_not_answer_again(answered, e_counsellor):
    assert has_claimed(e_counsellor, answered)
    assert not can_answer(e_counsellor, answered)


def test_a_counsellor_who_lost_the_role_may_not_answer_what_they_claimed(claimed, e_counsellor, other_centre):
    membership = Membership.objects.get(user=e_counsellor, centre=other_centre, role=Role.E_GUIDANCE)
    register_services.membership_revoke(membership=membership, actor=None)
    forget_roles(e_counsellor)

    assert not can_answer(e_counsellor, claimed)


def test_the_asker_may_follow_up_once_and_only_after_the_answer(question, claimed, answered):
    assert not can_follow_up(question)  # open
    assert not can_follow_up(claimed)
    assert can_follow_up(answered)

    followed = services.question_follow_up(question=answered, text=FOLLOW_UP)
    followed.record.refresh_from_db()
    assert followed.record.followed_up is True
    assert not can_follow_up(followed)


def test_the_asker_may_not_rate_before_the_answer(claimed):
    assert not can_rate(claimed)


def test_the_asker_may_rate_once_there_is_an_answer(answered):
    assert can_rate(answered)


def test_after_the_second_answer_there_is_no_second_follow_up(answered, e_counsellor):
    followed = services.question_follow_up(question=answered, text=FOLLOW_UP)
    again = services.question_answer(question=followed, counsellor=e_counsellor, body="Omtrent to år.")
    again.record.refresh_from_db()

    assert again.status == QuestionStatus.ANSWERED
    assert not can_follow_up(again)


def test_the_people_of_the_queue_get_the_question_with_the_joins_asked_for(question, e_counsellor, national_admin):
    for allowed in (e_counsellor, national_admin):
        assert access_question(allowed, question.pk) == question
        assert access_question(allowed, str(question.pk), question_detail()) == question


def test_everyone_else_is_refused_before_the_lookup(question, guidance_lead, outsiders):
    for refused in (*outsiders, guidance_lead):
        with pytest.raises(PermissionDenied):
            access_question(refused, question.pk)
        # A number that leads nowhere is refused the same way: the 403 tells nothing about which exist.
        with pytest.raises(PermissionDenied):
            access_question(refused, question.pk + 1000)


def test_a_question_that_does_not_exist_is_a_404_for_the_queue(question, e_counsellor):
    with pytest.raises(Http404):
        access_question(e_counsellor, question.pk + 1000)
    number = question.pk
    services.question_delete(question=question)
    with pytest.raises(Http404):
        access_question(e_counsellor, number)
