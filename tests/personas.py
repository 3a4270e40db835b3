"""Named people the tests talk about, each built through the register's services."""

from register import services
from register.models import NationalRoleKind, Role, WorkplaceType
from tests.factories import CentreFactory, UserFactory, county


def centre_staff(centre, role, **kwargs):
    user = UserFactory(**kwargs)
    services.membership_grant(user=user, centre=centre, role=role, actor=None)
    return user


def national_admin(**kwargs):
    user = UserFactory(**kwargs)
    services.national_role_grant(user=user, role=NationalRoleKind.ADMIN, actor=None)
    return user


def counsellor(*, home_centre=None, workplace_type=WorkplaceType.UPPER_SECONDARY, county_number="03", **kwargs):
    user = UserFactory(**kwargs)
    services.counsellor_profile_save(
        user=user,
        workplace_type=workplace_type,
        workplace_name="Testby videregående skole",
        county=county(county_number),
        job_title="Rådgiver",
        position_percentage=40,
        home_centre=home_centre,
    )
    return user


__all__ = ["CentreFactory", "Role", "centre_staff", "counsellor", "national_admin"]
