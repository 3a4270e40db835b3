"""Who may see and do what in e-guidance. Pages, the API and the services all ask these."""

from register.models import Membership, Role
from register.permissions import is_national_admin, roles_of


def is_guidance_counsellor(user):
    """Holds the e-guidance role at some centre: sees the queue, claims and answers."""
    return user.is_authenticated and bool(roles_of(user).centre_ids(Role.E_GUIDANCE))


def can_see_queue(user):
    """The queue and every waiting question: e-guidance counsellors and national administrators."""
    return is_guidance_counsellor(user) or is_national_admin(user)


def lead_centre_ids(user):
    """The centres whose e-guidance the user leads: the ones they administer that have e-guidance counsellors."""
    admin_of = roles_of(user).centre_ids(Role.ADMIN)
    if not admin_of:
        return set()
    with_counsellors = Membership.objects.filter(centre_id__in=admin_of, role=Role.E_GUIDANCE)
    return set(with_counsellors.values_list("centre_id", flat=True))


def is_guidance_lead(user):
    """Sees the questions about to break the promise and the statistics; is warned about them."""
    return user.is_authenticated and (is_national_admin(user) or bool(lead_centre_ids(user)))


def can_answer(user, question):
    """Write the answer, release the question or refer the asker: the counsellor who claimed it."""
    return can_see_queue(user) and question.claimed_by_id == user.pk
