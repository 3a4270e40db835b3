"""What partnerships adds to the register's pages (registered in ``PartnershipsConfig.ready``): the agreements
with a counsellor's workplace on their home-centre page."""

from django.utils import timezone

from accounts.models import User
from partnerships import selectors
from register.home_centre_sections import HomeCentreSection
from register.models import CounsellorProfile


def home_centre_section(user: User, profile: CounsellorProfile | None) -> HomeCentreSection | None:
    """The agreements in force with the counsellor's workplace: purpose, partners and contacts, nothing more."""
    agreements = selectors.agreements_for_workplace(profile, today=timezone.localdate())
    if not agreements:
        return None
    return HomeCentreSection("partnerships", "partnerships/home_centre_agreements.html", {"agreements": agreements})
