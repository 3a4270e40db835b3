import pytest

from core.phrases import verbatim
from forum import services
from forum.models import Audience, Category, CategoryKind
from notifications.services import notice_send
from register import services as register_services
from register.models import NationalRoleKind, Role
from tests import personas
from tests.factories import UserFactory, county


def make_category(kind, slug, **kwargs):
    audiences = {
        CategoryKind.NATIONAL: (Audience.PROFESSIONALS,) * 3,
        CategoryKind.COUNTY: (Audience.PROFESSIONALS, Audience.MEMBERS, Audience.MEMBERS),
        CategoryKind.CENTRE: (Audience.MEMBERS,) * 3,
        CategoryKind.GROUP: (Audience.MEMBERS,) * 3,
    }[kind]
    read, start, reply = audiences
    defaults = {"read_audience": read, "start_audience": start, "reply_audience": reply}
    defaults.update(kwargs)
    return Category.objects.create(kind=kind, slug=slug, name=slug.replace("-", " ").title(), **defaults)


@pytest.fixture
def national(db):
    return make_category(CategoryKind.NATIONAL, "praksis")


@pytest.fixture
def announcements(db):
    return make_category(
        CategoryKind.NATIONAL,
        "kunngjoringer",
        start_audience=Audience.MODERATORS,
        reply_audience=Audience.MODERATORS,
    )


@pytest.fixture
def network(centre):
    return make_category(CategoryKind.CENTRE, "oslo-nettverk", centre=centre)


@pytest.fixture
def county_category(db):
    return make_category(CategoryKind.COUNTY, "oslo-fylke", county=county("03"))


@pytest.fixture
def group(db):
    return make_category(CategoryKind.GROUP, "veiledning-av-innvandrere")


@pytest.fixture
def centre_moderator(centre):
    return personas.centre_staff(centre, Role.MODERATOR, email="moderator@example.org")


@pytest.fixture
def outsider(other_centre):
    """A NAV counsellor in Vestland, not in the Oslo network."""
    return personas.counsellor(home_centre=other_centre, county_number="46", email="nav@example.org")


@pytest.fixture
def colleague(centre):
    return personas.counsellor(home_centre=centre, email="senter@example.org")


@pytest.fixture
def national_moderator(db):
    user = UserFactory(email="nasjonal.moderator@example.org")
    register_services.national_role_grant(user=user, role=NationalRoleKind.MODERATOR, actor=None)
    return user


@pytest.fixture
def other_moderator(other_centre):
    """The Vestland centre's moderator: moderates Vestland, not Oslo."""
    return personas.centre_staff(other_centre, Role.MODERATOR, email="moderator.vestland@example.org")


@pytest.fixture
def other_network(other_centre):
    return make_category("centre", "vestland-nettverk", centre=other_centre)


@pytest.fixture
def national_thread(national, school_counsellor):
    return services.thread_create(category=national, author=school_counsellor, title="Karriereverktøy", body="Tips?")


@pytest.fixture
def notice(school_counsellor):
    return notice_send(recipient=school_counsellor, kind="register.decision", title=verbatim("Kurset ditt er godkjent"))
