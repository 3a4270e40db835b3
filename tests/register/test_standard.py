"""The national standard managed in the app: national admins edit competence areas and their level descriptions,
and publish requirement sets for a date; a set in force is never rewritten or deleted; nobody else gets in."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from register.models import AuditEntry, CompetenceArea, RequirementSet, WorkplaceType

pytestmark = pytest.mark.django_db

HOME = "/staff/standard/"


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"


def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def area_data(area, **changes):
    data = {
        "number": area.number,
        "name_nb": area.name_nb,
        "name_en": area.name_en,
        "description_nb": area.description_nb,
        "description_en": area.description_en,
        "competent_nb": "",
        "competent_en": "",
        "specialised_nb": "",
        "specialised_en": "",
    }
    return data | changes


def set_data(areas, **changes):
    data = {
        "workplace_type": WorkplaceType.NAV,
        "name": "Minstekrav NAV 2027",
        "effective_from": tomorrow().isoformat(),
        "min_credits": "30",
        "min_core_credits": "10",
        "required_areas": [areas[0].pk],
        "cpd_hours": "20",
        "cpd_min_evidenced_hours": "5",
        "cpd_cycle": "rolling",
        "cpd_cycle_months": "12",
        "notes": "",
    }
    return data | changes


def test_a_level_description_written_by_the_national_admin_shows_on_the_self_assessment(
    client, national_admin, school_counsellor, areas
):
    client.force_login(national_admin)
    response = client.post(
        f"/staff/standard/omrader/{areas[0].pk}/",
        area_data(
            areas[0], competent_en="Leads a guidance conversation on their own.", competent_nb="Leder samtalen selv."
        ),
    )
    assert response.status_code == 302
    assert AuditEntry.objects.get(action="competence_area.changed").details["changed"] == [
        "competent_nb",
        "competent_en",
    ]

    client.force_login(school_counsellor)
    body = client.get("/kompetanse/egenvurdering/").content.decode()
    assert "Leads a guidance conversation on their own." in body


def test_a_new_requirement_set_is_published_for_a_date_and_the_one_in_force_stays(
    client, national_admin, requirements, areas
):
    in_force = requirements[WorkplaceType.NAV]
    client.force_login(national_admin)
    response = client.post("/staff/standard/krav/ny/", set_data(areas))
    assert response.status_code == 302
    new = RequirementSet.objects.get(name="Minstekrav NAV 2027")
    assert (new.effective_from, new.min_credits, list(new.required_areas.all())) == (tomorrow(), 30, [areas[0]])
    in_force.refresh_from_db()
    assert in_force.min_credits == 60
    entry = AuditEntry.objects.get(action="requirement_set.created")
    assert entry.actor == national_admin and entry.details["values"]["required_areas"] == [1]
    body = client.get(HOME).content.decode()
    assert "Takes effect later" in body and "In force" in body


def test_a_set_in_force_is_shown_but_not_changed_or_deleted(client, national_admin, requirements, areas):
    in_force = requirements[WorkplaceType.NAV]
    client.force_login(national_admin)
    body = client.get(f"/staff/standard/krav/{in_force.pk}/").content.decode()
    assert "is kept as it is" in body and 'name="min_credits"' not in body
    assert client.post(f"/staff/standard/krav/{in_force.pk}/", set_data(areas)).status_code == 403
    assert client.post(f"/staff/standard/krav/{in_force.pk}/slett/").status_code == 403
    in_force.refresh_from_db()
    assert in_force.min_credits == 60 and not AuditEntry.objects.filter(action__startswith="requirement_set.").exists()


def test_a_set_not_yet_in_force_can_be_changed_and_deleted(client, national_admin, areas):
    client.force_login(national_admin)
    client.post("/staff/standard/krav/ny/", set_data(areas))
    future = RequirementSet.objects.get()
    client.post(f"/staff/standard/krav/{future.pk}/", set_data(areas, min_credits="45"))
    future.refresh_from_db()
    assert future.min_credits == 45
    assert client.post(f"/staff/standard/krav/{future.pk}/slett/").status_code == 302
    assert not RequirementSet.objects.exists()
    assert [e.action for e in AuditEntry.objects.filter(action__startswith="requirement_set.").order_by("pk")] == [
        "requirement_set.created",
        "requirement_set.changed",
        "requirement_set.deleted",
    ]


def test_a_new_set_can_start_from_an_existing_one(client, national_admin, requirements):
    client.force_login(national_admin)
    source = requirements[WorkplaceType.NAV]
    body = client.get("/staff/standard/krav/ny/", {"fra": source.pk}).content.decode()
    assert f'value="{source.name}"' in body and 'name="effective_from" value=""' not in body.replace("  ", " ")


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"effective_from": "2020-01-01"}, "A requirement set can only take effect today or later."),
        ({"cpd_min_evidenced_hours": "25"}, "they cannot be more"),
        ({"min_credits": "mange"}, "Enter a number."),
        ({"cpd_cycle_months": "0"}, "Enter a cycle of 1 to 120 months."),
        ({"cpd_cycle_months": "121"}, "Enter a cycle of 1 to 120 months."),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(client, national_admin, areas, changes, message):
    client.force_login(national_admin)
    response = client.post("/staff/standard/krav/ny/", set_data(areas, **changes))
    assert response.status_code == 200 and message in response.content.decode()
    assert not RequirementSet.objects.exists()


def test_an_area_needs_a_unique_order_and_a_name(client, national_admin, areas):
    client.force_login(national_admin)
    response = client.post("/staff/standard/omrader/ny/", area_data(areas[0], name_nb=""))
    body = response.content.decode()
    assert response.status_code == 200 and "already exists" in body and "This field is required." in body
    assert CompetenceArea.objects.count() == len(areas)


@pytest.mark.parametrize("who", ["centre_admin", "verifier", "school_counsellor"])
def test_only_national_admins_manage_the_standard(client, request, who, requirements, areas):
    client.force_login(request.getfixturevalue(who))
    for url in (
        HOME,
        "/staff/standard/krav/ny/",
        f"/staff/standard/omrader/{areas[0].pk}/",
        "/staff/standard/omrader/ny/",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post("/staff/standard/krav/ny/", set_data(areas)).status_code == 403
    assert (
        client.post(f"/staff/standard/omrader/{areas[0].pk}/", area_data(areas[0], name_nb="Hacket")).status_code == 403
    )
    assert RequirementSet.objects.count() == len(requirements)
    assert not CompetenceArea.objects.filter(name_nb="Hacket").exists()
