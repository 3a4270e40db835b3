"""The register's writes: each one validates, writes, leaves an audit entry and tells the person."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from notifications.kinds import Delivery
from notifications.models import Notice
from notifications.services import preference_set
from register import services
from register.models import AuditEntry, Centre, CounsellorProfile, Membership, NationalRole, NationalRoleKind, Role
from register.permissions import is_centre_staff, is_national_admin
from tests.factories import CentreFactory, UserFactory, county

pytestmark = pytest.mark.django_db


# membership_grant


def test_granting_a_role_creates_the_membership(plain_user, centre, centre_admin):
    membership = services.membership_grant(user=plain_user, centre=centre, role=Role.VERIFIER, actor=centre_admin)

    assert Membership.objects.filter(pk=membership.pk, user=plain_user, centre=centre, role=Role.VERIFIER).exists()
    assert is_centre_staff(plain_user, centre, Role.VERIFIER)


def test_granting_a_role_is_audited_with_actor_person_and_centre(plain_user, centre, centre_admin):
    membership = services.membership_grant(user=plain_user, centre=centre, role=Role.VERIFIER, actor=centre_admin)

    entry = AuditEntry.objects.get(action="membership.granted", subject_user=plain_user)
    assert entry.actor == centre_admin
    assert entry.centre == centre
    assert entry.object_type == "register.membership"
    assert entry.object_id == str(membership.pk)
    assert entry.details["role"] == Role.VERIFIER


def test_granting_a_role_tells_the_person_in_app_and_by_e_mail(
    plain_user, centre, centre_admin, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_grant(user=plain_user, centre=centre, role=Role.VERIFIER, actor=centre_admin)

    notice = Notice.objects.get(recipient=plain_user, kind="register.membership")
    assert centre.name in notice.title
    assert notice.link == "/staff/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [plain_user.email]
    assert centre.name in mail.outbox[0].subject


def test_a_person_who_chose_no_e_mail_is_told_in_app_only(
    plain_user, centre, centre_admin, django_capture_on_commit_callbacks
):
    preference_set(user=plain_user, kind="register.membership", delivery=Delivery.OFF)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_grant(user=plain_user, centre=centre, role=Role.HR, actor=centre_admin)

    assert Notice.objects.filter(recipient=plain_user).count() == 1
    assert mail.outbox == []


def test_granting_the_same_role_twice_is_refused_and_leaves_one_membership(plain_user, centre, centre_admin):
    services.membership_grant(user=plain_user, centre=centre, role=Role.VERIFIER, actor=centre_admin)
    audits_before = AuditEntry.objects.count()
    notices_before = Notice.objects.count()

    with pytest.raises(ValidationError) as excinfo:
        services.membership_grant(user=plain_user, centre=centre, role=Role.VERIFIER, actor=centre_admin)

    assert excinfo.value.messages  # a message the view can show
    assert Membership.objects.filter(user=plain_user, centre=centre, role=Role.VERIFIER).count() == 1
    assert AuditEntry.objects.count() == audits_before
    assert Notice.objects.count() == notices_before


def test_the_same_person_may_hold_two_roles_at_one_centre(plain_user, centre):
    services.membership_grant(user=plain_user, centre=centre, role=Role.VERIFIER, actor=None)
    services.membership_grant(user=plain_user, centre=centre, role=Role.HR, actor=None)
    assert set(Membership.objects.filter(user=plain_user).values_list("role", flat=True)) == {Role.VERIFIER, Role.HR}


# membership_revoke


def test_revoking_a_role_deletes_it_audits_it_and_tells_the_person(
    verifier, centre, centre_admin, django_capture_on_commit_callbacks
):
    membership = Membership.objects.get(user=verifier, centre=centre, role=Role.VERIFIER)
    assert is_centre_staff(verifier, centre)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.membership_revoke(membership=membership, actor=centre_admin)

    assert not Membership.objects.filter(user=verifier, centre=centre).exists()
    assert not is_centre_staff(type(verifier).objects.get(pk=verifier.pk), centre)
    entry = AuditEntry.objects.get(action="membership.revoked", subject_user=verifier)
    assert (entry.actor, entry.centre, entry.details["role"]) == (centre_admin, centre, Role.VERIFIER)
    notice = Notice.objects.filter(recipient=verifier).order_by("-id").first()
    assert centre.name in notice.title
    assert notice.title != Notice.objects.filter(recipient=verifier).order_by("id").first().title
    assert [m.to for m in mail.outbox] == [[verifier.email]]


# national roles


def test_a_national_admin_role_makes_the_person_staff_and_superuser(plain_user, national_admin):
    services.national_role_grant(user=plain_user, role=NationalRoleKind.ADMIN, actor=national_admin)

    plain_user.refresh_from_db()
    assert plain_user.is_staff
    assert plain_user.is_superuser
    assert is_national_admin(plain_user)
    entry = AuditEntry.objects.get(action="national_role.granted", subject_user=plain_user)
    assert entry.actor == national_admin


def test_granting_a_national_role_twice_keeps_one_role_and_one_audit_entry(plain_user, national_admin):
    services.national_role_grant(user=plain_user, role=NationalRoleKind.ADMIN, actor=national_admin)
    services.national_role_grant(user=plain_user, role=NationalRoleKind.ADMIN, actor=national_admin)

    assert NationalRole.objects.filter(user=plain_user).count() == 1
    assert AuditEntry.objects.filter(action="national_role.granted", subject_user=plain_user).count() == 1


def test_a_national_moderator_gets_no_admin_rights(plain_user):
    services.national_role_grant(user=plain_user, role=NationalRoleKind.MODERATOR, actor=None)

    plain_user.refresh_from_db()
    assert not plain_user.is_staff
    assert not plain_user.is_superuser


def test_revoking_the_national_admin_role_takes_the_admin_rights_away(plain_user, national_admin):
    role = services.national_role_grant(user=plain_user, role=NationalRoleKind.ADMIN, actor=national_admin)

    services.national_role_revoke(national_role=role, actor=national_admin)

    plain_user.refresh_from_db()
    assert not plain_user.is_staff
    assert not plain_user.is_superuser
    assert not is_national_admin(plain_user)
    assert not NationalRole.objects.filter(user=plain_user).exists()
    entry = AuditEntry.objects.get(action="national_role.revoked", subject_user=plain_user)
    assert entry.actor == national_admin


# counsellor_profile_save


def _profile_fields(**overrides):
    fields = {
        "workplace_type": "upper_secondary",
        "workplace_name": "Testby videregående skole",
        "county": county("03"),
        "job_title": "Rådgiver",
        "position_percentage": 50,
        "home_centre": None,
    }
    fields.update(overrides)
    return fields


def test_saving_a_profile_creates_it_then_updates_the_same_row(plain_user):
    created = services.counsellor_profile_save(user=plain_user, **_profile_fields())
    updated = services.counsellor_profile_save(user=plain_user, **_profile_fields(job_title="Karriereveileder"))

    assert created.pk == updated.pk
    assert CounsellorProfile.objects.filter(user=plain_user).count() == 1
    assert CounsellorProfile.objects.get(user=plain_user).job_title == "Karriereveileder"


@pytest.mark.parametrize("percentage", [0, 101])
def test_a_new_profile_with_a_position_outside_1_to_100_is_refused_and_not_saved(plain_user, percentage):
    with pytest.raises(ValidationError) as excinfo:
        services.counsellor_profile_save(user=plain_user, **_profile_fields(position_percentage=percentage))

    assert excinfo.value.messages
    assert not CounsellorProfile.objects.filter(user=plain_user).exists()


@pytest.mark.parametrize("percentage", [0, 101])
def test_an_edit_with_a_position_outside_1_to_100_is_refused_and_changes_nothing(
    school_counsellor, other_centre, percentage
):
    audits_before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        services.counsellor_profile_save(
            user=school_counsellor,
            **_profile_fields(position_percentage=percentage, job_title="Endret", home_centre=other_centre),
        )

    profile = CounsellorProfile.objects.get(user=school_counsellor)
    assert profile.position_percentage == 40
    assert profile.job_title == "Rådgiver"
    assert profile.home_centre.name == "Karriere Oslo"
    assert AuditEntry.objects.count() == audits_before


def test_choosing_a_home_centre_is_audited(plain_user, centre):
    services.counsellor_profile_save(user=plain_user, **_profile_fields(home_centre=centre))

    entry = AuditEntry.objects.get(action="profile.home_centre_changed", subject_user=plain_user)
    assert entry.actor == plain_user
    assert entry.centre == centre
    assert entry.details == {"from": None, "to": centre.name}


def test_a_profile_edit_that_keeps_the_home_centre_is_not_audited(plain_user, centre):
    services.counsellor_profile_save(user=plain_user, **_profile_fields(home_centre=centre))
    services.counsellor_profile_save(user=plain_user, **_profile_fields(home_centre=centre, job_title="Ny tittel"))

    assert AuditEntry.objects.filter(action="profile.home_centre_changed", subject_user=plain_user).count() == 1


def test_a_profile_without_a_home_centre_is_not_audited(plain_user):
    services.counsellor_profile_save(user=plain_user, **_profile_fields())
    assert not AuditEntry.objects.filter(subject_user=plain_user).exists()


def test_moving_to_another_home_centre_is_audited_with_from_and_to(school_counsellor, centre, other_centre):
    services.counsellor_profile_save(user=school_counsellor, **_profile_fields(home_centre=other_centre))

    entry = AuditEntry.objects.filter(action="profile.home_centre_changed", subject_user=school_counsellor).first()
    assert entry.details == {"from": centre.name, "to": other_centre.name}
    assert entry.centre == other_centre
    assert AuditEntry.objects.filter(action="profile.home_centre_changed", subject_user=school_counsellor).count() == 2


def test_saving_an_unknown_profile_field_is_a_programming_error(plain_user):
    with pytest.raises(TypeError):
        services.counsellor_profile_save(user=plain_user, **_profile_fields(favourite_colour="blue"))
    assert not CounsellorProfile.objects.filter(user=plain_user).exists()


# database constraints


def test_the_database_refuses_a_duplicate_membership(verifier, centre):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=verifier, centre=centre, role=Role.VERIFIER)
    assert Membership.objects.filter(user=verifier, centre=centre, role=Role.VERIFIER).count() == 1


@pytest.mark.parametrize("postcode", ["123", "12a4", "abcd"])
def test_the_database_refuses_a_centre_postcode_that_is_not_four_digits(db, postcode):
    with pytest.raises(IntegrityError), transaction.atomic():
        Centre.objects.create(name="Feil", slug="feil", county=county("03"), postcode=postcode)
    assert not Centre.objects.filter(slug="feil").exists()


@pytest.mark.parametrize("postcode", ["0155", ""])
def test_a_four_digit_or_empty_postcode_is_accepted(db, postcode):
    CentreFactory(slug="riktig", postcode=postcode)
    assert Centre.objects.get(slug="riktig").postcode == postcode


def test_the_database_refuses_a_position_percentage_outside_1_to_100(db):
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CounsellorProfile.objects.create(user=user, **_profile_fields(position_percentage=101))
