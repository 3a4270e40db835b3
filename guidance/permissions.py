"""Who may see and do what in e-guidance. Pages, the API, the templates and the services all ask these."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.models import User
from guidance.models import MessageKind, Question, QuestionStatus
from register.models import Membership, Role
from register.permissions import is_national_admin, roles_of


def is_guidance_counsellor(user: User | AnonymousUser) -> bool:
    """Holds the e-guidance role at some centre: sees the queue, claims and answers."""
    return user.is_authenticated and bool(roles_of(user).centre_ids(Role.E_GUIDANCE))


def can_see_queue(user: User | AnonymousUser) -> bool:
    """The queue and every waiting question: e-guidance counsellors and national administrators."""
    return is_guidance_counsellor(user) or bool(is_national_admin(user))


def lead_centre_ids(user: User | AnonymousUser) -> set[int]:
    """The centres whose e-guidance the user leads: the ones they administer that have e-guidance counsellors."""
    admin_of = roles_of(user).centre_ids(Role.ADMIN)
    if not admin_of:
        return set()
    with_counsellors = Membership.objects.filter(centre_id__in=admin_of, role=Role.E_GUIDANCE)
    return set(with_counsellors.values_list("centre_id", flat=True))


def is_guidance_lead(user: User | AnonymousUser) -> bool:
    """Sees the questions about to break the promise and the statistics; is warned about them."""
    return user.is_authenticated and (bool(is_national_admin(user)) or bool(lead_centre_ids(user)))


def holders_led_by(user: User | AnonymousUser, holder_ids: set[int]) -> set[int]:
    """Of the counsellors ``holder_ids``, those whose questions ``user`` may move: all of them for a national
    administrator, the e-guidance counsellors of the centres a lead leads (still theirs if since deactivated)."""
    if not user.is_authenticated or not holder_ids:
        return set()
    if is_national_admin(user):
        return set(holder_ids)
    centres = lead_centre_ids(user)
    if not centres:
        return set()
    members = Membership.objects.filter(role=Role.E_GUIDANCE, centre_id__in=centres, user_id__in=holder_ids)
    return set(members.values_list("user_id", flat=True))


def can_reassign(user: User | AnonymousUser, question: Question) -> bool:
    """Move a claimed question to another counsellor or back to the queue: national administrators any, a centre's
    e-guidance lead those held by the centre's e-guidance counsellors."""
    holder = question.claimed_by_id
    return question.status == QuestionStatus.CLAIMED and holder is not None and holder in holders_led_by(user, {holder})


def reassign_candidates(user: User | AnonymousUser) -> QuerySet[User]:
    """The active counsellors a lead may give a question to: every e-guidance counsellor for a national
    administrator, the centre's own for a centre's lead."""
    memberships = Membership.objects.filter(role=Role.E_GUIDANCE)
    if not is_national_admin(user):
        memberships = memberships.filter(centre_id__in=lead_centre_ids(user))
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by("full_name", "email")


def has_claimed(user: User | AnonymousUser, question: Question) -> bool:
    """The counsellor who holds the question (claimed it, or answered it).

    A claim outlives the answer (the follow-up goes back to the same counsellor), so this alone lets
    nobody answer or release: that is ``can_answer``, and the services say why when it is not.
    """
    return can_see_queue(user) and question.claimed_by_id is not None and question.claimed_by_id == user.pk


def can_answer(user: User | AnonymousUser, question: Question) -> bool:
    """Write the answer (and refer the asker): the counsellor who claimed the question, while it is still claimed."""
    return has_claimed(user, question) and question.status == QuestionStatus.CLAIMED


def can_follow_up(question: Question) -> bool:
    """The asker (whoever holds the private link) may send one follow-up question, after the answer.

    Reads ``question.record``: join it (``selectors.question_for_token`` does).
    """
    return question.status == QuestionStatus.ANSWERED and not question.record.followed_up


def can_rate(question: Question) -> bool:
    """The asker may say whether the answer helped (and change their mind) once an answer is there.

    Reads ``question.messages``: prefetch them where many questions are asked.
    """
    return any(message.kind == MessageKind.ANSWER for message in question.messages.all())


def access_question(user: User | AnonymousUser, pk: int | str, queryset: QuerySet[Question] | None = None) -> Question:
    """The question ``pk`` for the people of the queue: 403 for anyone else (before the lookup, so a number
    reveals nothing), 404 when there is no such question. ``queryset`` brings the joins the caller needs."""
    if not can_see_queue(user):
        raise PermissionDenied(_("Only e-guidance counsellors see the questions."))
    return get_object_or_404(Question.objects.all() if queryset is None else queryset, pk=pk)
