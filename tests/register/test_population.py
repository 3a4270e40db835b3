"""County populations from Statistics Norway's CSV file: adults are those aged 19 and over, the latest year in
the file counts, and a file with anything wrong changes nothing and says which line."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from register.models import AuditEntry, County
from register.services.population import parse_population_csv, population_import

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


LONG = """\
"07459: Befolkning, etter region, alder, statistikkvariabel og år"

"region";"alder";"statistikkvariabel";"år";"07459: Befolkning, etter region, alder, statistikkvariabel og år"
"03 Oslo";"017 17 år";"Personer";"2025";7000
"03 Oslo";"018 18 år";"Personer";"2025";7100
"03 Oslo";"019 19 år";"Personer";"2025";7200
"03 Oslo";"105 105 år eller eldre";"Personer";"2025";3
"46 Vestland";"000 0 år";"Personer";"2025";5000
"46 Vestland";"045 45 år";"Personer";"2025";6000
"03 Oslo";"019 19 år";"Personer";"2024";1
"""

WIDE = """\
"Befolkning";;;
"region";"alder";"Personer 2024";"Personer 2025"
"K-56 Finnmark";"0-18 år";"15000";"14900"
"K-56 Finnmark";"19-66 år";"44000";"44100"
"K-56 Finnmark";"67 år eller eldre";"13000";"13200"
"""


def counties_of(parsed):
    return {row.county.number: (row.population, row.adults) for row in parsed.counties}


def test_a_long_file_counts_adults_from_19_in_the_latest_year():
    parsed = parse_population_csv(LONG.encode())
    assert parsed.year == 2025
    assert counties_of(parsed) == {"03": (21303, 7203), "46": (11000, 6000)}


def test_a_wide_file_with_age_groups_and_a_column_per_year():
    parsed = parse_population_csv(WIDE.encode("cp1252"))
    assert parsed.year == 2025
    assert counties_of(parsed) == {"56": (72200, 57300)}


def test_importing_stores_population_adults_year_and_source_and_is_audited(national_admin):
    Oslo = County.objects.get(number="03")
    Oslo.population_is_demo = True
    Oslo.save()
    population_import(content=LONG.encode(), actor=national_admin)

    oslo = County.objects.get(number="03")
    assert (oslo.population, oslo.adult_population, oslo.population_year) == (21303, 7203, 2025)
    assert (oslo.population_source, oslo.population_is_demo) == ("SSB", False)
    assert County.objects.get(number="11").adult_population is None  # not in the file: unchanged
    entry = AuditEntry.objects.get(action="population.imported")
    assert entry.actor == national_admin and entry.details["counties"]["46"] == [11000, 6000]


@pytest.mark.parametrize(
    "content, message",
    [
        (LONG.replace('"46 Vestland";"000', '"99 Atlantis";"000'), "Line 8: 99 is not the number of one of the 15"),
        (LONG.replace(";6000", ";6 tusen"), "Line 9: 6 tusen is not a whole number of people."),
        (LONG.replace(";6000", ";.."), "Line 9: .. is not a whole number of people."),
        (WIDE.replace('"19-66 år"', '"16-66 år"'), "Line 4: the age group 16-66 år spans 19 years"),
        (LONG.replace('"region";"alder"', '"fylke";"kjønn"'), "no header row with a region column"),
        (LONG.replace('"03 Oslo";"019', '"Oslo";"019'), "Line 6: the region Oslo does not start with a county"),
        (LONG.replace('"019 19 år"', '"nitten år"'), "Line 6: the age nitten år is not a number of years."),
        ('"region";"alder";"år";"x"\n', "The file has no rows of figures."),
        ("\x00\x01\x02PK", "not a text file"),
    ],
)
def test_a_bad_file_says_what_is_wrong_and_changes_nothing(national_admin, content, message):
    with pytest.raises(ValidationError) as raised:
        population_import(content=content.encode(), actor=national_admin)
    assert message in " ".join(raised.value.messages)
    assert not County.objects.filter(adult_population__isnull=False).exists()
    assert not AuditEntry.objects.filter(action="population.imported").exists()


def test_the_message_is_in_the_users_language(national_admin):
    with translation.override("nb"), pytest.raises(ValidationError) as raised:
        parse_population_csv(LONG.replace(";6000", ";mange").encode())
    assert raised.value.messages == ["Linje 9: mange er ikke et helt antall personer."]


# The upload page


def upload(client, content, name="07459.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        "/staff/oversikt/folketall/",
        {"file": SimpleUploadedFile(name, content, "text/csv")},
        headers={"accept-language": "en"},
    )


def test_the_national_admin_uploads_the_file_and_sees_the_figures(client, national_admin):
    client.force_login(national_admin)
    response = upload(client, LONG.encode())
    assert response.status_code == 302
    body = client.get("/staff/oversikt/folketall/", headers={"accept-language": "en"}).content.decode()
    assert "Population figures for 2025 are saved for 2 counties." in body
    assert "7203" in body and "SSB" in body


def test_a_bad_upload_shows_the_message_at_the_field_and_saves_nothing(client, national_admin):
    client.force_login(national_admin)
    response = upload(client, LONG.replace(";6000", ";mange").encode())
    assert response.status_code == 200
    assert "Line 9: mange is not a whole number of people." in response.content.decode()
    assert not County.objects.filter(adult_population__isnull=False).exists()


@pytest.mark.parametrize("who", ["centre_admin", "verifier", "school_counsellor"])
def test_only_national_admins_upload_populations(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/staff/oversikt/folketall/").status_code == 403
    assert upload(client, LONG.encode()).status_code == 403
    assert not County.objects.filter(adult_population__isnull=False).exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (
            LONG + '"03 Oslo";"' + "x" * 140_000,
            "cannot be read as semicolon-separated",
        ),
        (LONG.replace(";6000", ";²"), "Line 9: ² is not a whole number of people."),
        ('"region";"alder";"år";"x"\n"03 Oslo";"Alder i alt";"2025";"700000"\n', "Oslo has only a total for 2025"),
    ],
)
def test_files_excel_and_ssb_can_produce_get_a_message_not_an_error_page(national_admin, content, message):
    with pytest.raises(ValidationError) as raised:
        population_import(content=content.encode(), actor=national_admin)
    assert message in " ".join(raised.value.messages)


def test_a_file_saved_with_old_mac_line_endings_is_read():
    assert counties_of(parse_population_csv(LONG.replace("\n", "\r").encode()))["03"] == (21303, 7203)


def test_total_rows_per_sex_add_up():
    content = (
        '"region";"kjønn";"alder";"år";"x"\n'
        '"03 Oslo";"Menn";"Alder i alt";"2025";"300"\n"03 Oslo";"Kvinner";"Alder i alt";"2025";"310"\n'
        '"03 Oslo";"Menn";"019 19 år";"2025";"100"\n"03 Oslo";"Kvinner";"019 19 år";"2025";"110"\n'
    )
    assert counties_of(parse_population_csv(content.encode())) == {"03": (610, 210)}
