"""The demo forum's categories: national, one per county, one per centre network, two private groups."""

from django.contrib.auth import get_user_model

from forum.models import Audience, Category, CategoryKind, GroupMembership, GroupRole, JoinPolicy
from register.demo.organisation import DEMO_DOMAIN, slug_for
from register.models import Centre, County

P, M, MOD = Audience.PROFESSIONALS, Audience.MEMBERS, Audience.MODERATORS
# read, start, reply per kind; announcements are read-only except for moderators.
AUDIENCES = {
    CategoryKind.NATIONAL: (P, P, P),
    CategoryKind.COUNTY: (P, M, M),
    CategoryKind.CENTRE: (M, M, M),
    CategoryKind.GROUP: (M, M, M),
}

# slug, name, description, announcements
NATIONAL = [
    (
        "praksis-og-metode",
        "Praksis og metode",
        "Samtalemetodikk, karrierelæring og erfaringer fra hverdagen som veileder.",
        False,
    ),
    (
        "etikk-i-veiledningen",
        "Etikk i veiledningen",
        "Taushetsplikt, personvern og vanskelige valg. Skriv aldri noe som kan identifisere en veisøker.",
        False,
    ),
    ("kunngjoringer", "Kunngjøringer", "Nytt fra de nasjonale moderatorene. Bare moderatorer skriver her.", True),
    (
        "verktoy-og-ressurser",
        "Verktøy og ressurser",
        "Digitale verktøy, maler, kartleggingsverktøy og fagstoff som andre kan ha nytte av.",
        False,
    ),
]

# slug, name, description, join policy
GROUPS = [
    (
        "veiledning-av-voksne-innvandrere",
        "Veiledning av voksne innvandrere",
        "Åpen gruppe for veiledere som jobber med voksne innvandrere: godkjenning, språk og arbeidsliv.",
        JoinPolicy.OPEN,
    ),
    (
        "ledere-av-karrieresentre",
        "Ledere av karrieresentre",
        "For ledere av karrieresentrene. Be om å bli med; moderatorene godkjenner.",
        JoinPolicy.REQUEST,
    ),
]

# group slug: [(e-mail local part, role, approved)]
GROUP_MEMBERS = {
    "veiledning-av-voksne-innvandrere": [
        ("moderator", GroupRole.MODERATOR, True),
        ("senter", GroupRole.MEMBER, True),
        ("nav", GroupRole.MEMBER, True),
        ("skole", GroupRole.MEMBER, True),
        ("eveileder", GroupRole.MEMBER, True),
    ],
    "ledere-av-karrieresentre": [
        ("moderator", GroupRole.MODERATOR, True),
        ("leder", GroupRole.MEMBER, True),
        ("nasjonal", GroupRole.MEMBER, True),
        ("senter", GroupRole.MEMBER, False),  # a join request waiting for moderator@
    ],
}


def county_slug(county):
    return f"veiledere-i-{slug_for(county.name)}"


def centre_slug(centre):
    return f"nettverket-{centre.slug}"


def _planned():
    """Every demo category as unsaved objects, in display order."""
    planned = []
    position = 0
    for slug, name, description, announcements in NATIONAL:
        read, start, reply = AUDIENCES[CategoryKind.NATIONAL]
        if announcements:
            start = reply = MOD
        planned.append(
            Category(
                kind=CategoryKind.NATIONAL,
                slug=slug,
                name=name,
                description=description,
                position=position,
                read_audience=read,
                start_audience=start,
                reply_audience=reply,
            )
        )
        position += 1
    read, start, reply = AUDIENCES[CategoryKind.COUNTY]
    for county in County.objects.order_by("number"):
        planned.append(
            Category(
                kind=CategoryKind.COUNTY,
                county=county,
                slug=county_slug(county),
                name=f"Veiledere i {county.name}",
                description=f"For rådgivere og veiledere i {county.name}: samarbeid, nettverk og lokale saker.",
                position=position,
                read_audience=read,
                start_audience=start,
                reply_audience=reply,
            )
        )
        position += 1
    read, start, reply = AUDIENCES[CategoryKind.CENTRE]
    main_centres = Centre.objects.filter(is_active=True, is_resource_centre=True).order_by("county__number", "name")
    for centre in main_centres:
        planned.append(
            Category(
                kind=CategoryKind.CENTRE,
                centre=centre,
                slug=centre_slug(centre),
                name=f"Nettverket {centre.name}",
                description=f"Ansatte ved {centre.name} og veiledere som hører til senterets nettverk.",
                position=position,
                read_audience=read,
                start_audience=start,
                reply_audience=reply,
            )
        )
        position += 1
    read, start, reply = AUDIENCES[CategoryKind.GROUP]
    for slug, name, description, policy in GROUPS:
        planned.append(
            Category(
                kind=CategoryKind.GROUP,
                slug=slug,
                name=name,
                description=description,
                position=position,
                read_audience=read,
                start_audience=start,
                reply_audience=reply,
                join_policy=policy,
            )
        )
        position += 1
    return planned


def seed_categories():
    """Create the demo categories that do not exist yet (by slug); return them by slug and how many were new.

    An existing category is left as it is, so an administrator's changes survive the next run.
    """
    planned = _planned()
    existing = {c.slug: c for c in Category.objects.filter(slug__in=[c.slug for c in planned])}
    missing = [c for c in planned if c.slug not in existing]
    if missing:
        Category.objects.bulk_create(missing)
        existing.update({c.slug: c for c in Category.objects.filter(slug__in=[c.slug for c in missing])})
    return existing, len(missing)


def seed_groups(categories):
    """The groups' demo members and moderators, for groups that have no members yet.

    A group with members is left alone, so a moderator's later changes are not undone.
    """
    User = get_user_model()
    locals_ = {local for members in GROUP_MEMBERS.values() for local, _role, _approved in members}
    users = {u.email.split("@")[0]: u for u in User.objects.filter(email__in=[f"{x}@{DEMO_DOMAIN}" for x in locals_])}
    groups = [categories[slug] for slug in GROUP_MEMBERS]
    populated = set(GroupMembership.objects.filter(category__in=groups).values_list("category_id", flat=True))
    missing = [
        GroupMembership(category=categories[slug], user=users[local], role=role, is_approved=approved)
        for slug, members in GROUP_MEMBERS.items()
        for local, role, approved in members
        if local in users and categories[slug].pk not in populated
    ]
    GroupMembership.objects.bulk_create(missing)
    return len(missing)
