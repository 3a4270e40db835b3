"""Demo centres in every county and one demo user per role."""

import functools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from register import services
from register.models import (
    Centre,
    CounsellorProfile,
    County,
    Membership,
    NationalRoleKind,
    Role,
    WorkplaceType,
)

DEMO_PASSWORD = "karriere-demo"  # noqa: S105 - the documented demo password
DEMO_DOMAIN = "karrierenorge.example"

# county number: (main centre place, street, postcode, rounded demo population), (second place, street, postcode)
CENTRES = {
    "03": (("Oslo", "Storgata 10", "0155", 720000), ("Furuset", "Trygve Lies plass 1", "1053")),
    "11": (("Stavanger", "Klubbgata 5", "4006", 500000), ("Haugesund", "Smedasundet 40", "5528")),
    "15": (("Ålesund", "Keiser Wilhelms gate 22", "6003", 270000), ("Molde", "Storgata 31", "6413")),
    "18": (("Bodø", "Storgata 8", "8006", 243000), ("Mo i Rana", "Jernbanegata 15", "8622")),
    "31": (("Fredrikstad", "Nygaardsgata 16", "1607", 310000), ("Moss", "Dronningens gate 3", "1530")),
    "32": (("Lillestrøm", "Storgata 4", "2000", 720000), ("Asker", "Knud Askers vei 22", "1384")),
    "33": (("Drammen", "Bragernes torg 2", "3017", 270000), ("Hønefoss", "Kong Rings gate 1", "3510")),
    "34": (("Hamar", "Torggata 1", "2317", 375000), ("Gjøvik", "Kauffeldts plass 1", "2815")),
    "39": (("Tønsberg", "Storgaten 20", "3126", 255000), ("Larvik", "Prinsegata 7", "3256")),
    "40": (("Skien", "Torggata 18", "3724", 175000), ("Notodden", "Storgata 51", "3674")),
    "42": (("Kristiansand", "Markens gate 10", "4611", 320000), ("Arendal", "Friholmsgata 1", "4836")),
    "46": (("Bergen", "Kaigaten 9", "5015", 650000), ("Førde", "Hafstadvegen 19", "6800")),
    "50": (("Trondheim", "Olav Tryggvasons gate 12", "7011", 480000), ("Steinkjer", "Kongens gate 40", "7713")),
    "55": (("Tromsø", "Storgata 55", "9008", 170000), ("Harstad", "Rikard Kaarbøs gate 5", "9405")),
    "56": (("Alta", "Markveien 30", "9510", 75000), ("Kirkenes", "Dr. Wessels gate 10", "9900")),
}

# seed_demo --scale national: a third centre in each county, 45 in all (county number: place, street, postcode).
NATIONAL_CENTRES = {
    "03": ("Majorstuen", "Kirkeveien 64", "0364"),
    "11": ("Egersund", "Storgata 2", "4370"),
    "15": ("Kristiansund", "Kaibakken 1", "6509"),
    "18": ("Narvik", "Kongens gate 43", "8514"),
    "31": ("Sarpsborg", "Glengsgata 2", "1706"),
    "32": ("Ski", "Idrettsveien 8", "1400"),
    "33": ("Kongsberg", "Kirkegata 1", "3616"),
    "34": ("Lillehammer", "Storgata 51", "2609"),
    "39": ("Sandefjord", "Torget 5", "3210"),
    "40": ("Porsgrunn", "Storgata 153", "3915"),
    "42": ("Mandal", "Store Elvegate 47", "4514"),
    "46": ("Stord", "Borggata 20", "5411"),
    "50": ("Namsos", "Havnegata 9", "7800"),
    "55": ("Finnsnes", "Storgata 8", "9300"),
    "56": ("Hammerfest", "Strandgata 18", "9600"),
}

OPENING_HOURS = "Mandag–fredag 08.00–15.30\nKveldsåpent torsdag til 18.00"
SERVICES = (
    "Gratis karriereveiledning for alle over 19 år: samtaler, kurs i jobbsøking og veiledning om utdanning.\n"
    "Ressurssenter for rådgivere i skolen og veiledere i NAV."
)

# email local part, full name, national role, (centre main place, role), counsellor profile
USERS = [
    ("nasjonal", "Nora Nasjonal", NationalRoleKind.ADMIN, None, None),
    ("leder", "Lars Leder", None, ("03", Role.ADMIN), None),
    ("godkjenner", "Gunn Godkjenner", None, ("03", Role.VERIFIER), None),
    ("kurs", "Kari Kurs", None, ("03", Role.ORGANISER), None),
    ("moderator", "Mona Moderator", None, ("03", Role.MODERATOR), None),
    ("hr", "Henrik HR", None, ("03", Role.HR), None),
    ("eveileder", "Eva E-veileder", None, ("46", Role.E_GUIDANCE), None),
    (
        "senter",
        "Siri Senter",
        None,
        None,
        ("03", WorkplaceType.CAREER_CENTRE, "Karriere Oslo", "Karriereveileder", 100, "03"),
    ),
    (
        "skole",
        "Sander Skole",
        None,
        None,
        ("03", WorkplaceType.UPPER_SECONDARY, "Demo videregående skole", "Rådgiver", 40, "03"),
    ),
    ("nav", "Nina NAV", None, None, ("46", WorkplaceType.NAV, "NAV Bergenhus (demo)", "Veileder", 100, "46")),
]


@functools.cache
def demo_password_hash():
    """One hash for every demo account: hashing the published demo password hundreds of times
    would take minutes, and a second run that creates nobody does not hash at all."""
    return make_password(DEMO_PASSWORD)


def slug_for(text):
    return slugify(
        text.replace("ø", "o")
        .replace("æ", "ae")
        .replace("å", "a")
        .replace("Ø", "O")
        .replace("Æ", "Ae")
        .replace("Å", "A")
    )


def main_centre_name(county):
    return "Karrieresenteret Vestfold" if county.number == "39" else f"Karriere {county.name}"


def _centre(county, name, place, street, postcode, *, main):
    slug = slug_for(name)
    domain = slug_for(main_centre_name(county))
    centre, _ = Centre.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "county": county,
            "address": street,
            "postcode": postcode,
            "place": place,
            "phone": f"+47 {county.number}0 00 {postcode[:2]} {postcode[2:]}",
            "email": f"post@{domain}.example" if main else f"{slug_for(place)}@{domain}.example",
            "website": f"https://{domain}.example/",
            "opening_hours": OPENING_HOURS,
            "services": SERVICES,
            "is_resource_centre": main,
            "is_active": True,
            "is_demo": True,
        },
    )
    return centre


def seed_centres(*, national=False):
    """The main and a second centre in every county (and a third with ``national``); returns the main ones by
    county number."""
    main_centres = {}
    for county in County.objects.all():
        (place, street, postcode, population), (place2, street2, postcode2) = CENTRES[county.number]
        if county.population is None:
            county.population = population
            county.population_year = 2025
            county.population_is_demo = True
            county.save(update_fields=["population", "population_year", "population_is_demo"])
        if county.adult_population is None and county.population_is_demo:
            # About 77 % of Norway's residents are 19 or older.
            county.adult_population = round(county.population * 0.77, -3)
            county.population_source = "Demo"
            county.save(update_fields=["adult_population", "population_source"])
        name = main_centre_name(county)
        main_centres[county.number] = _centre(county, name, place, street, postcode, main=True)
        _centre(county, f"{name} {place2}", place2, street2, postcode2, main=False)
        if national:
            place3, street3, postcode3 = NATIONAL_CENTRES[county.number]
            _centre(county, f"{name} {place3}", place3, street3, postcode3, main=False)
    return main_centres


def seed_users(main_centres):
    User = get_user_model()
    counties = {c.number: c for c in County.objects.all()}
    created_logins = []
    for local, full_name, national_role, membership, profile in USERS:
        email = f"{local}@{DEMO_DOMAIN}"
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
        if created:
            user.password = demo_password_hash()
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        if national_role:
            services.national_role_grant(user=user, role=national_role, actor=None)
        if membership:
            centre = main_centres[membership[0]]
            if not Membership.objects.filter(user=user, centre=centre, role=membership[1]).exists():
                services.membership_grant(user=user, centre=centre, role=membership[1], actor=None)
        if profile and not CounsellorProfile.objects.filter(user=user).exists():
            county, workplace_type, workplace, title, percentage, home = profile
            services.counsellor_profile_save(
                user=user,
                workplace_type=workplace_type,
                workplace_name=workplace,
                county=counties[county],
                job_title=title,
                position_percentage=percentage,
                home_centre=main_centres[home],
            )
        created_logins.append((email, full_name, created))
    return created_logins
