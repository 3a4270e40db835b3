"""The Django admin for the competence register: areas and requirement sets edited, the rest read-only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from register import services
from register.models import (
    AuditEntry,
    CompetenceArea,
    CompetenceStatement,
    CPDActivity,
    CreditEntry,
    HomeCentreRequest,
    RequirementSet,
    SelfAssessment,
    StatementLookup,
    WorkplaceType,
)
from tests.factories import pdf_upload, requirement_set

pytestmark = pytest.mark.django_db


REGISTER_MODELS = [
    CompetenceArea,
    RequirementSet,
    CreditEntry,
    CPDActivity,
    CompetenceStatement,
    StatementLookup,
    HomeCentreRequest,
    SelfAssessment,
]
READ_ONLY_MODELS = [CreditEntry, CPDActivity, CompetenceStatement, StatementLookup, HomeCentreRequest, SelfAssessment]


def admin_url(model, view, *args):
    return reverse(f"admin:register_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def admin_client(client, national_admin):
    client.force_login(national_admin)
    return client


@pytest.fixture
def filled(school_counsellor, verifier, other_centre, areas, requirements):
    """One row of every register model, made through the services."""
    today = timezone.localdate()
    entry = services.credit_create(
        owner=school_counsellor,
        title="Karriereveiledning 1",
        institution="OsloMet",
        credits="30",
        completed_on=today - datetime.timedelta(days=100),
        areas=[areas[0]],
        evidence=pdf_upload(),
    )
    services.credit_verify(credit=entry, verifier=verifier)
    services.cpd_create(owner=school_counsellor, title="Nettverksmøte", date=today, hours="3", kind="network_meeting")
    statement = services.statement_issue(owner=school_counsellor)
    services.statement_lookup(code=statement.code)
    services.self_assessment_set(user=school_counsellor, area=areas[0], level="kompetent")
    services.home_centre_request(user=school_counsellor, centre=other_centre, message="Jeg flytter til Bergen.")
    return {"entry": entry, "statement": statement}


def future_post_data(areas, **overrides):
    data = {
        "workplace_type": WorkplaceType.NAV,
        "name": "Minstekrav NAV 2030",
        "effective_from": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        "min_credits": "60.0",
        "min_core_credits": "0.0",
        "required_areas": [areas[0].pk, areas[1].pk],
        "cpd_hours": "30.0",
        "cpd_min_evidenced_hours": "10.0",
        "cpd_cycle": "period",
        "cpd_cycle_months": "36",
        "notes": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("model", REGISTER_MODELS, ids=lambda m: m.__name__)
def test_a_national_admin_can_open_each_changelist(admin_client, filled, model):
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", READ_ONLY_MODELS, ids=lambda m: m.__name__)
def test_records_made_by_counsellors_and_centres_are_read_only(admin_client, filled, model):
    obj = model.objects.first()
    assert obj is not None

    assert admin_client.get(admin_url(model, "change", obj.pk)).status_code == 200
    assert admin_client.get(admin_url(model, "add")).status_code == 403
    assert admin_client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_a_credit_entry_is_shown_without_a_link_to_its_evidence(admin_client, filled):
    response = admin_client.get(admin_url(CreditEntry, "change", filled["entry"].pk))

    page = response.content.decode()
    assert "kursbevis.pdf" in page
    assert filled["entry"].evidence.name not in page


def test_statement_codes_are_not_shown(admin_client, filled):
    code = filled["statement"].code
    assert code not in admin_client.get(admin_url(CompetenceStatement, "changelist")).content.decode()
    assert (
        code not in admin_client.get(admin_url(CompetenceStatement, "change", filled["statement"].pk)).content.decode()
    )


def test_the_credit_entry_list_filters_by_status(admin_client, filled):
    response = admin_client.get(admin_url(CreditEntry, "changelist"), {"status__exact": "pending"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0


def test_a_national_admin_can_add_a_future_requirement_set_and_it_is_audited(admin_client, areas, national_admin):
    response = admin_client.post(admin_url(RequirementSet, "add"), future_post_data(areas))

    assert response.status_code == 302, response.context["adminform"].form.errors
    requirement = RequirementSet.objects.get(name="Minstekrav NAV 2030")
    assert set(requirement.required_areas.all()) == {areas[0], areas[1]}
    audit = AuditEntry.objects.get(action="requirement_set.created", object_id=str(requirement.pk))
    assert audit.actor == national_admin
    assert audit.object_type == "register.requirementset"
    assert audit.details["values"]["required_areas"] == [1, 2]
    assert audit.details["values"]["cpd_hours"] == "30.0"


def test_a_requirement_set_can_be_added_for_today(admin_client, areas):
    data = future_post_data(areas, effective_from=timezone.localdate().isoformat())
    assert admin_client.post(admin_url(RequirementSet, "add"), data).status_code == 302


def test_a_requirement_set_dated_in_the_past_is_refused_with_a_message(admin_client, areas):
    data = future_post_data(areas, effective_from=(timezone.localdate() - datetime.timedelta(days=1)).isoformat())

    response = admin_client.post(admin_url(RequirementSet, "add"), data)

    assert response.status_code == 200
    assert "effective_from" in response.context["adminform"].form.errors
    assert not RequirementSet.objects.filter(name="Minstekrav NAV 2030").exists()
    assert not AuditEntry.objects.filter(action__startswith="requirement_set.").exists()


def test_a_future_set_can_be_changed_and_the_change_is_audited(admin_client, areas):
    future = requirement_set(
        WorkplaceType.NAV, areas=[areas[0]], effective_from=timezone.localdate() + datetime.timedelta(days=10)
    )
    data = future_post_data(
        areas, name=future.name, effective_from=future.effective_from.isoformat(), required_areas=[areas[0].pk]
    )
    data["cpd_hours"] = "40.0"

    response = admin_client.post(admin_url(RequirementSet, "change", future.pk), data)

    assert response.status_code == 302
    future.refresh_from_db()
    assert future.cpd_hours == 40
    audit = AuditEntry.objects.get(action="requirement_set.changed")
    assert "cpd_hours" in audit.details["changed"]


def test_a_future_set_can_be_deleted_and_the_deletion_is_audited(admin_client, areas):
    future = requirement_set(
        WorkplaceType.NAV, areas=[areas[0]], effective_from=timezone.localdate() + datetime.timedelta(days=10)
    )

    response = admin_client.post(admin_url(RequirementSet, "delete", future.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not RequirementSet.objects.filter(pk=future.pk).exists()
    assert AuditEntry.objects.filter(action="requirement_set.deleted", object_id=str(future.pk)).exists()


def test_a_set_in_force_is_shown_read_only_and_cannot_be_changed(admin_client, requirements):
    past = requirements[WorkplaceType.NAV]
    url = admin_url(RequirementSet, "change", past.pk)

    response = admin_client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="name"' not in page
    assert 'name="min_credits"' not in page
    assert 'name="_save"' not in page
    assert past.name in page
    assert admin_client.post(url, {"name": "Omskrevet", "min_credits": "10"}).status_code == 403
    past.refresh_from_db()
    assert past.name == "Minstekrav nav"
    assert not AuditEntry.objects.filter(action__startswith="requirement_set.").exists()


def test_a_set_in_force_cannot_be_deleted_singly_or_in_bulk(admin_client, requirements):
    past = requirements[WorkplaceType.NAV]

    assert admin_client.post(admin_url(RequirementSet, "delete", past.pk), {"post": "yes"}).status_code == 403
    admin_client.post(
        admin_url(RequirementSet, "changelist"),
        {"action": "delete_selected", "_selected_action": [past.pk], "post": "yes"},
    )

    assert RequirementSet.objects.filter(pk=past.pk).exists()


def test_competence_areas_are_listed_in_order_and_editable(admin_client, areas):
    response = admin_client.get(admin_url(CompetenceArea, "changelist"))
    numbers = [area.number for area in response.context["cl"].result_list]
    assert numbers == sorted(numbers) == list(range(1, 8))

    data = {"number": 2, "name_nb": "Karrierelæring", "name_en": "Career learning", "is_demo": ""}
    data.update(description_nb="", description_en="")
    assert admin_client.post(admin_url(CompetenceArea, "change", areas[1].pk), data).status_code == 302
    areas[1].refresh_from_db()
    assert (areas[1].name_nb, areas[1].is_demo) == ("Karrierelæring", False)


def test_a_competence_area_in_use_cannot_be_deleted(admin_client, requirements, areas):
    assert admin_client.post(admin_url(CompetenceArea, "delete", areas[0].pk), {"post": "yes"}).status_code == 403
    assert CompetenceArea.objects.filter(pk=areas[0].pk).exists()


@pytest.mark.parametrize("model", REGISTER_MODELS, ids=lambda m: m.__name__)
def test_a_non_staff_user_cannot_open_the_register_admin(client, plain_user, filled, model):
    client.force_login(plain_user)

    response = client.get(admin_url(model, "changelist"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("model", REGISTER_MODELS, ids=lambda m: m.__name__)
def test_centre_staff_without_admin_access_cannot_open_it_either(client, verifier, model):
    client.force_login(verifier)
    assert client.get(admin_url(model, "changelist")).status_code == 302


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(admin_url(RequirementSet, "changelist"))
    assert response.status_code == 302


def test_evidenced_hours_above_the_hours_per_cycle_are_refused_with_a_message(admin_client, areas):
    data = future_post_data(areas, cpd_hours="20.0", cpd_min_evidenced_hours="25.0")
    response = admin_client.post(admin_url(RequirementSet, "add"), data)
    assert response.status_code == 200
    assert not RequirementSet.objects.filter(name="Minstekrav NAV 2030").exists()
    assert "De dokumenterte eller deltatte timene er en del av timene per syklus" in response.content.decode()
