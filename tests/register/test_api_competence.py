"""The competence register API (/api/v1/): the same rules as the pages, from both sides."""

import datetime
from decimal import Decimal

import pytest
import yaml
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from register import services
from register.api import statements as statements_api
from register.models import (
    AuditEntry,
    CompetenceStatement,
    CounsellorProfile,
    CPDActivity,
    CreditEntry,
    CreditStatus,
    RequirementSet,
    Role,
    StatementLookup,
    WorkplaceType,
)
from tests import personas
from tests.factories import PDF_BYTES, pdf_upload

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LAST_MONTH = TODAY - datetime.timedelta(days=30)
HTML_BYTES = b"<!doctype html><html><script>alert(1)</script></html>"

ME = "/api/v1/me/"
AREAS = "/api/v1/competence-areas/"
REQUIREMENTS = "/api/v1/requirements/"
CREDITS = "/api/v1/credits/"
CPD = "/api/v1/cpd/"
STATUS = "/api/v1/status/"
COUNSELLORS = "/api/v1/counsellors/"
STATEMENTS = "/api/v1/statements/"
VERIFY = "/api/v1/verify/"


def credit_url(entry, suffix=""):
    return f"{CREDITS}{entry.pk}/{suffix}"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def api():
    return APIClient()


def as_user(user):
    client = APIClient()
    client.force_login(user)
    # Messages are asserted in English (the source language); Bokmål is the site default.
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


@pytest.fixture
def other_counsellor(centre):
    return personas.counsellor(home_centre=centre, email="annen@example.org")


@pytest.fixture
def other_verifier(other_centre):
    return personas.centre_staff(other_centre, Role.VERIFIER, email="godkjenner.vest@example.org")


def log_credit(owner, areas, credits="10", title="Karriereveiledning 1"):
    return services.credit_create(
        owner=owner,
        title=title,
        institution="Høgskulen på Vestlandet",
        credits=credits,
        completed_on=LAST_MONTH,
        areas=areas,
        evidence=pdf_upload(),
    )


def credit_payload(all_areas, **overrides):
    payload = {
        "title": "Karriereveiledning i skolen",
        "institution": "Høgskolen i Innlandet",
        "course_code": "KAR101",
        "credits": "15",
        "completed_on": LAST_MONTH.isoformat(),
        "areas": [all_areas[0].pk, all_areas[1].pk],
        "evidence": pdf_upload(),
    }
    payload.update(overrides)
    return payload


def stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def credit_state():
    return list(CreditEntry.objects.order_by("pk").values())


# anonymous and public

PRIVATE = [
    ("get", ME),
    ("patch", ME),
    ("get", CREDITS),
    ("post", CREDITS),
    ("get", CPD),
    ("post", CPD),
    ("get", STATUS),
    ("get", COUNSELLORS),
    ("get", STATEMENTS),
    ("post", STATEMENTS),
]


@pytest.mark.parametrize(("method", "url"), PRIVATE)
def test_anonymous_visitors_are_refused_on_private_endpoints(api, method, url):
    response = getattr(api, method)(url, {}, format="json")
    assert response.status_code in (401, 403)
    assert CreditEntry.objects.count() == CPDActivity.objects.count() == CompetenceStatement.objects.count() == 0


def test_anonymous_visitors_cannot_touch_an_entry_by_id(api, school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    before = credit_state()
    for response in (
        api.get(credit_url(entry)),
        api.patch(credit_url(entry), {"title": "Endret"}, format="json"),
        api.delete(credit_url(entry)),
        api.post(credit_url(entry, "verify/"), {}, format="json"),
        api.post(credit_url(entry, "reject/"), {"reason": "Nei"}, format="json"),
    ):
        assert response.status_code in (401, 403)
    assert credit_state() == before


def test_anyone_reads_the_competence_areas_in_order(api, areas):
    response = api.get(AREAS)
    assert response.status_code == 200
    assert [a["number"] for a in response.json()] == list(range(1, 8))
    assert response.json()[0]["name_nb"] == "Veiledningsprosesser og relasjoner"


def test_anyone_reads_the_requirement_sets_in_force_today_with_their_areas(api, requirements, areas):
    future = RequirementSet.objects.create(
        workplace_type=WorkplaceType.NAV,
        name="Framtidig krav",
        effective_from=TODAY + datetime.timedelta(days=100),
        min_credits=30,
    )

    response = api.get(REQUIREMENTS)

    assert response.status_code == 200
    body = response.json()
    assert len(body) == len(WorkplaceType.values)
    assert future.pk not in {s["id"] for s in body}
    nav = next(s for s in body if s["workplace_type"] == WorkplaceType.NAV)
    assert nav["min_credits"] == "60.0"
    assert [a["number"] for a in nav["required_areas"]] == [1]


# me


def test_me_shows_my_account_profile_and_roles(school_counsellor, centre):
    response = as_user(school_counsellor).get(ME)

    assert response.status_code == 200
    body = response.json()
    assert body["email"] == "skole@example.org"
    assert body["counsellor_profile"]["home_centre"] == centre.slug
    assert body["counsellor_profile"]["county"] == "03"
    assert body["memberships"] == []


def test_me_for_a_verifier_lists_their_role(verifier, centre):
    body = as_user(verifier).get(ME).json()
    assert body["counsellor_profile"] is None
    assert body["memberships"] == [{"centre": centre.slug, "role": "verifier"}]


def test_patch_me_changes_my_profile_but_not_my_home_centre(school_counsellor, centre, other_centre):
    response = as_user(school_counsellor).patch(
        ME, {"workplace_name": "Bergen katedralskole", "county": "46", "home_centre": other_centre.slug}, format="json"
    )

    assert response.status_code == 200
    profile = CounsellorProfile.objects.get(user=school_counsellor)
    assert profile.workplace_name == "Bergen katedralskole"
    assert profile.county.number == "46"
    assert profile.home_centre == centre
    assert response.json()["counsellor_profile"]["county"] == "46"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"position_percentage": 0}, "position_percentage"),
        ({"position_percentage": 101}, "position_percentage"),
        ({"county": "99"}, "county"),
        ({"workplace_type": "circus"}, "workplace_type"),
        ({"workplace_name": ""}, "workplace_name"),
    ],
)
def test_patch_me_with_bad_input_is_a_400_at_the_field_and_changes_nothing(school_counsellor, payload, field):
    before = CounsellorProfile.objects.filter(user=school_counsellor).values().get()

    response = as_user(school_counsellor).patch(ME, payload, format="json")

    assert response.status_code == 400
    assert response.json()[field][0]
    assert CounsellorProfile.objects.filter(user=school_counsellor).values().get() == before


def test_patch_me_creates_a_profile_through_the_service(plain_user):
    client = as_user(plain_user)

    incomplete = client.patch(ME, {"workplace_name": "NAV Grünerløkka"}, format="json")
    assert incomplete.status_code == 400
    assert "county" in incomplete.json()
    assert not CounsellorProfile.objects.filter(user=plain_user).exists()

    response = client.patch(
        ME, {"workplace_type": "nav", "workplace_name": "NAV Grünerløkka", "county": "03"}, format="json"
    )
    assert response.status_code == 200
    assert CounsellorProfile.objects.get(user=plain_user).workplace_type == "nav"


# credits: own entries


def test_a_counsellor_logs_a_credit_with_a_pdf_through_multipart(school_counsellor, areas, _private_media):
    response = as_user(school_counsellor).post(CREDITS, credit_payload(areas), format="multipart")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "pending"
    assert body["credits"] == "15.0"
    assert body["areas"] == [areas[0].pk, areas[1].pk]
    assert body["evidence_type"] == "application/pdf"
    assert "evidence" not in body  # never a URL to the private file
    entry = CreditEntry.objects.get(pk=body["id"])
    assert entry.owner == school_counsellor
    assert len(stored_files(_private_media)) == 1
    assert AuditEntry.objects.filter(action="credit.created", object_id=str(entry.pk)).exists()


def test_the_credit_list_shows_my_entries_only(school_counsellor, other_counsellor, areas):
    mine = log_credit(school_counsellor, [areas[0]])
    log_credit(other_counsellor, [areas[0]], title="Annens kurs")

    response = as_user(school_counsellor).get(CREDITS)

    assert response.status_code == 200
    assert [e["id"] for e in response.json()["results"]] == [mine.pk]


def test_another_counsellors_entry_is_a_404_for_read_change_and_delete(school_counsellor, other_counsellor, areas):
    theirs = log_credit(other_counsellor, [areas[0]])
    before = credit_state()
    client = as_user(school_counsellor)

    assert client.get(credit_url(theirs)).status_code == 404
    assert client.patch(credit_url(theirs), {"title": "Kapret"}, format="json").status_code == 404
    assert client.delete(credit_url(theirs)).status_code == 404
    assert credit_state() == before


@pytest.mark.parametrize("credits", ["0", "-1", "61", "abc", "7.55"])
def test_invalid_studiepoeng_are_refused_at_the_field_and_nothing_is_stored(
    school_counsellor, areas, credits, _private_media
):
    response = as_user(school_counsellor).post(CREDITS, credit_payload(areas, credits=credits), format="multipart")

    assert response.status_code == 400
    assert set(response.json()) == {"credits"}
    assert response.json()["credits"][0]
    assert CreditEntry.objects.count() == 0
    assert stored_files(_private_media) == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"completed_on": (TODAY + datetime.timedelta(days=1)).isoformat()}, "completed_on"),
        ({"areas": [99999]}, "areas"),
        ({"areas": []}, "areas"),
        ({"evidence": pdf_upload("kursbevis.pdf", HTML_BYTES)}, "evidence"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_credit_input_is_a_400_at_the_field_and_nothing_is_stored(
    school_counsellor, areas, overrides, field, _private_media
):
    response = as_user(school_counsellor).post(CREDITS, credit_payload(areas, **overrides), format="multipart")

    assert response.status_code == 400
    assert response.json()[field][0]
    assert CreditEntry.objects.count() == 0
    assert stored_files(_private_media) == []


def test_an_html_file_named_pdf_is_refused_with_a_clear_message(school_counsellor, areas):
    payload = credit_payload(areas, evidence=pdf_upload("kursbevis.pdf", HTML_BYTES))

    response = as_user(school_counsellor).post(CREDITS, payload, format="multipart")

    assert "Only PDF, PNG and JPEG" in response.json()["evidence"][0]


def test_a_credit_without_evidence_is_refused(school_counsellor, areas):
    payload = credit_payload(areas)
    del payload["evidence"]

    response = as_user(school_counsellor).post(CREDITS, payload, format="multipart")

    assert response.status_code == 400
    assert response.json()["evidence"][0]


def test_the_owner_changes_a_pending_entry_and_may_replace_the_evidence(
    school_counsellor, areas, _private_media, django_capture_on_commit_callbacks
):
    entry = log_credit(school_counsellor, [areas[0]])
    old_file = entry.evidence.name
    client = as_user(school_counsellor)

    response = client.patch(credit_url(entry), {"credits": "7.5", "areas": [areas[2].pk]}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["credits"] == "7.5"
    assert response.json()["areas"] == [areas[2].pk]

    new_evidence = pdf_upload("nytt-bevis.pdf", PDF_BYTES + b"% ny\n")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.patch(credit_url(entry), {"evidence": new_evidence}, format="multipart")
    assert response.status_code == 200, response.json()
    entry.refresh_from_db()
    assert entry.evidence_name == "nytt-bevis.pdf"
    assert entry.evidence.name != old_file
    assert [p.name for p in stored_files(_private_media)] == [entry.evidence.name.rsplit("/", 1)[-1]]


def test_patch_with_bad_input_changes_nothing(school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    before = credit_state()

    response = as_user(school_counsellor).patch(credit_url(entry), {"credits": "61", "title": "Ny"}, format="json")

    assert response.status_code == 400
    assert response.json()["credits"][0]
    assert credit_state() == before


def test_a_verified_entry_can_no_longer_be_changed_or_deleted(school_counsellor, verifier, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    services.credit_verify(credit=entry, verifier=verifier)
    before = credit_state()
    client = as_user(school_counsellor)

    patched = client.patch(credit_url(entry), {"credits": "60"}, format="json")
    deleted = client.delete(credit_url(entry))

    assert patched.status_code == 400
    assert "Only pending entries can be changed." in str(patched.json())
    assert deleted.status_code == 400
    assert "Only pending entries can be deleted." in str(deleted.json())
    assert credit_state() == before


def test_the_owner_deletes_a_pending_entry_and_its_file(
    school_counsellor, areas, _private_media, django_capture_on_commit_callbacks
):
    entry = log_credit(school_counsellor, [areas[0]])
    assert len(stored_files(_private_media)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(school_counsellor).delete(credit_url(entry))

    assert response.status_code == 204
    assert not CreditEntry.objects.filter(pk=entry.pk).exists()
    assert stored_files(_private_media) == []


def test_put_is_not_offered(school_counsellor, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    response = as_user(school_counsellor).put(credit_url(entry), {"title": "Ny"}, format="json")
    assert response.status_code == 405


# credits: verification


def test_a_verifier_at_the_home_centre_verifies_an_entry(school_counsellor, verifier, areas):
    entry = log_credit(school_counsellor, [areas[0]])

    response = as_user(verifier).post(credit_url(entry, "verify/"), {"note": "Ser bra ut"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "verified"
    entry.refresh_from_db()
    assert (entry.status, entry.decided_by, entry.decision_reason) == (CreditStatus.VERIFIED, verifier, "Ser bra ut")
    assert AuditEntry.objects.filter(action="credit.verified", actor=verifier).exists()


def test_a_verifier_rejects_only_with_a_reason(school_counsellor, verifier, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    client = as_user(verifier)

    missing = client.post(credit_url(entry, "reject/"), {}, format="json")
    assert missing.status_code == 400
    assert missing.json()["reason"][0]
    entry.refresh_from_db()
    assert entry.status == CreditStatus.PENDING

    response = client.post(credit_url(entry, "reject/"), {"reason": "Feil dokument"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["decision_reason"] == "Feil dokument"


def test_an_entry_cannot_be_decided_twice(school_counsellor, verifier, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    services.credit_verify(credit=entry, verifier=verifier)
    before = credit_state()

    response = as_user(verifier).post(credit_url(entry, "reject/"), {"reason": "Likevel ikke"}, format="json")

    assert response.status_code == 400
    assert "already been decided" in str(response.json())
    assert credit_state() == before


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("other_verifier", 404),  # a verifier at another centre: the id reveals nothing
        ("other_counsellor", 403),  # no verifier role at all
        ("hr_officer", 403),
        ("centre_admin", 403),
    ],
)
def test_others_cannot_verify_or_reject_and_nothing_changes(request, school_counsellor, areas, persona, expected):
    entry = log_credit(school_counsellor, [areas[0]])
    before = credit_state()
    client = as_user(request.getfixturevalue(persona))

    assert client.post(credit_url(entry, "verify/"), {}, format="json").status_code == expected
    assert client.post(credit_url(entry, "reject/"), {"reason": "Nei"}, format="json").status_code == expected
    assert credit_state() == before


def test_a_verifier_cannot_verify_their_own_entry(centre, areas):
    verifying_counsellor = personas.counsellor(home_centre=centre, email="begge@example.org")
    services.membership_grant(user=verifying_counsellor, centre=centre, role=Role.VERIFIER, actor=None)
    entry = log_credit(verifying_counsellor, [areas[0]])

    response = as_user(verifying_counsellor).post(credit_url(entry, "verify/"), {}, format="json")

    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.status == CreditStatus.PENDING


def test_a_verifier_cannot_read_or_change_an_entry_through_the_owner_endpoints(school_counsellor, verifier, areas):
    entry = log_credit(school_counsellor, [areas[0]])
    before = credit_state()
    client = as_user(verifier)

    assert client.get(credit_url(entry)).status_code == 404
    assert client.patch(credit_url(entry), {"title": "Endret"}, format="json").status_code == 404
    assert client.delete(credit_url(entry)).status_code == 404
    assert client.get(CREDITS).json()["results"] == []
    assert credit_state() == before


# CPD


def test_a_counsellor_logs_cpd_hours_and_sees_only_their_own(school_counsellor, other_counsellor, areas):
    services.cpd_create(owner=other_counsellor, title="Annens fagdag", date=LAST_MONTH, hours="5", kind="course")
    client = as_user(school_counsellor)

    created = client.post(
        CPD,
        {"title": "Nettverksmøte", "date": LAST_MONTH.isoformat(), "hours": "3.5", "kind": "network_meeting"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["source"] == "manual"

    listed = client.get(CPD).json()["results"]
    assert [a["title"] for a in listed] == ["Nettverksmøte"]
    assert listed[0]["hours"] == "3.5"


def test_cpd_with_evidence_goes_through_multipart(school_counsellor, areas, _private_media):
    response = as_user(school_counsellor).post(
        CPD,
        {
            "title": "Konferanse",
            "date": LAST_MONTH.isoformat(),
            "hours": "6",
            "kind": "conference",
            "areas": [areas[0].pk],
            "evidence": pdf_upload(),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["areas"] == [areas[0].pk]
    assert len(stored_files(_private_media)) == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"hours": "0"}, "hours"),
        ({"hours": "101"}, "hours"),
        ({"hours": "abc"}, "hours"),
        ({"date": (TODAY + datetime.timedelta(days=3)).isoformat()}, "date"),
        ({"kind": "party"}, "kind"),
        ({"areas": [99999]}, "areas"),
    ],
)
def test_bad_cpd_input_is_a_400_at_the_field(school_counsellor, areas, overrides, field):
    payload = {"title": "Fagdag", "date": LAST_MONTH.isoformat(), "hours": "3", "kind": "course", **overrides}

    response = as_user(school_counsellor).post(CPD, payload, format="json")

    assert response.status_code == 400
    assert response.json()[field][0]
    assert CPDActivity.objects.count() == 0


# status


def test_status_is_my_own_against_the_set_in_force(school_counsellor, other_counsellor, verifier, requirements, areas):
    services.credit_verify(credit=log_credit(other_counsellor, [areas[0]], credits="60"), verifier=verifier)
    log_credit(school_counsellor, [areas[0]], credits="20")

    body = as_user(school_counsellor).get(STATUS).json()

    assert body["requirement_set"]["id"] == requirements[WorkplaceType.UPPER_SECONDARY].pk
    assert body["verified_credits"] == "0.0"
    assert body["pending_credits"] == "20.0"
    assert body["missing_credits"] == "60.0"
    assert body["meets"] is False


def test_status_without_a_profile_says_no_requirement_applies(plain_user, requirements):
    body = as_user(plain_user).get(STATUS).json()
    assert body["requirement_set"] is None
    assert body["meets"] is False


# counsellors (a centre's network)


@pytest.fixture
def network(centre, other_centre, school_counsellor, other_counsellor, verifier, hr_officer, requirements, areas):
    """Two counsellors at ``centre`` (one meeting the requirement), one at the other centre, one staff member."""
    for credits, area in (("30", areas[0]), ("30", areas[1])):
        services.credit_verify(credit=log_credit(other_counsellor, [area], credits=credits), verifier=verifier)
    services.cpd_create(owner=other_counsellor, title="Fagdager", date=LAST_MONTH, hours="25", kind="course")
    log_credit(school_counsellor, [areas[0]], credits="10")
    elsewhere = personas.counsellor(
        home_centre=other_centre, email="vest@example.org", workplace_type=WorkplaceType.NAV, county_number="46"
    )
    staff_counsellor = personas.counsellor(
        home_centre=None, email="ansatt@example.org", workplace_type=WorkplaceType.CAREER_CENTRE
    )
    services.membership_grant(user=staff_counsellor, centre=centre, role=Role.ORGANISER, actor=None)
    return {"meets": other_counsellor, "pending": school_counsellor, "elsewhere": elsewhere, "staff": staff_counsellor}


def emails(response):
    return {row["email"] for row in response.json()["results"]}


@pytest.mark.parametrize("persona", ["verifier", "hr_officer", "centre_admin"])
def test_centre_staff_see_their_affiliated_counsellors_and_staff_only(request, network, persona):
    response = as_user(request.getfixturevalue(persona)).get(COUNSELLORS)

    assert response.status_code == 200
    assert emails(response) == {"skole@example.org", "annen@example.org", "ansatt@example.org"}
    rows = {row["email"]: row for row in response.json()["results"]}
    assert rows["annen@example.org"]["meets_requirement"] is True
    assert rows["annen@example.org"]["verified_credits"] == "60.0"
    assert rows["skole@example.org"]["has_pending"] is True
    assert rows["skole@example.org"]["pending_credits"] == "10.0"
    assert rows["ansatt@example.org"]["staff_roles"] == [{"centre": "karriere-oslo-test", "role": "organiser"}]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"meets_requirement": "true"}, {"annen@example.org"}),
        ({"meets_requirement": "false"}, {"skole@example.org", "ansatt@example.org"}),
        ({"has_pending": "true"}, {"skole@example.org"}),
        ({"has_pending": "false"}, {"annen@example.org", "ansatt@example.org"}),
        ({"workplace_type": "career_centre"}, {"ansatt@example.org"}),
        ({"county": "03"}, {"skole@example.org", "annen@example.org", "ansatt@example.org"}),
        ({"county": "46"}, set()),
    ],
)
def test_the_counsellor_list_filters(verifier, network, query, expected):
    response = as_user(verifier).get(COUNSELLORS, query)
    assert response.status_code == 200
    assert emails(response) == expected


def test_the_other_centres_verifier_sees_only_their_own_network(other_verifier, network):
    response = as_user(other_verifier).get(COUNSELLORS)
    assert emails(response) == {"vest@example.org"}


def test_an_unknown_county_filter_is_a_400(verifier, network):
    response = as_user(verifier).get(COUNSELLORS, {"county": "99"})
    assert response.status_code == 400
    assert response.json()["county"][0]


@pytest.mark.parametrize("persona", ["school_counsellor", "organiser", "plain_user", "national_admin"])
def test_people_without_a_network_role_get_403(request, network, persona):
    response = as_user(request.getfixturevalue(persona)).get(COUNSELLORS)
    assert response.status_code == 403


# statements and the public check


def test_a_counsellor_issues_lists_and_revokes_their_statements(school_counsellor, requirements):
    client = as_user(school_counsellor)

    issued = client.post(STATEMENTS, {"valid_days": 30}, format="json")
    assert issued.status_code == 201, issued.json()
    body = issued.json()
    assert body["state"] == "valid"
    assert body["lookup_count"] == 0
    assert body["expires_on"] == (TODAY + datetime.timedelta(days=30)).isoformat()
    statement = CompetenceStatement.objects.get(pk=body["id"])
    assert body["code"].replace("-", "") == statement.code
    assert len(body["code"]) == 19  # four groups of four

    revoked = client.post(f"{STATEMENTS}{statement.pk}/revoke/")
    assert revoked.status_code == 200
    assert revoked.json()["state"] == "revoked"
    assert [s["id"] for s in client.get(STATEMENTS).json()["results"]] == [statement.pk]


@pytest.mark.parametrize("valid_days", [0, 366, "abc"])
def test_a_statement_with_a_bad_validity_is_refused(school_counsellor, requirements, valid_days):
    response = as_user(school_counsellor).post(STATEMENTS, {"valid_days": valid_days}, format="json")
    assert response.status_code == 400
    assert response.json()["valid_days"][0]
    assert CompetenceStatement.objects.count() == 0


def test_another_persons_statement_is_neither_listed_nor_revocable(school_counsellor, other_counsellor, requirements):
    theirs = services.statement_issue(owner=other_counsellor)
    client = as_user(school_counsellor)

    assert client.get(STATEMENTS).json()["results"] == []
    assert client.post(f"{STATEMENTS}{theirs.pk}/revoke/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_anonymous_cannot_revoke(api, school_counsellor, requirements):
    statement = services.statement_issue(owner=school_counsellor)
    assert api.post(f"{STATEMENTS}{statement.pk}/revoke/").status_code in (401, 403)
    statement.refresh_from_db()
    assert statement.revoked_at is None


def test_anyone_checks_a_valid_code_and_the_check_is_logged(api, school_counsellor, verifier, requirements, areas):
    services.credit_verify(credit=log_credit(school_counsellor, [areas[0]], credits="40"), verifier=verifier)
    statement = services.statement_issue(owner=school_counsellor)
    services.credit_verify(credit=log_credit(school_counsellor, [areas[1]], credits="20"), verifier=verifier)

    response = api.get(f"{VERIFY}{statement.code.lower()}/")

    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "valid"
    assert body["holder_name"] == school_counsellor.full_name
    assert [e["credits"] for e in body["entries"]] == ["40.0"]
    assert body["status_at_issue"]["verified_credits"] == "40.0"
    assert body["status_today"]["verified_credits"] == "60.0"
    assert body["expires_on"] == statement.expires_on.isoformat()
    assert StatementLookup.objects.get().outcome == "valid"


def test_an_expired_or_revoked_code_says_so_without_the_holders_data(api, school_counsellor, requirements):
    expired = services.statement_issue(owner=school_counsellor)
    CompetenceStatement.objects.filter(pk=expired.pk).update(expires_on=TODAY - datetime.timedelta(days=1))
    revoked = services.statement_revoke(
        statement=services.statement_issue(owner=school_counsellor), actor=school_counsellor
    )

    for statement, outcome in ((expired, "expired"), (revoked, "revoked")):
        response = api.get(f"{VERIFY}{statement.code}/")
        assert response.status_code == 200
        body = response.json()
        assert body["outcome"] == outcome
        assert body["detail"]
        assert "holder_name" not in body
        assert "entries" not in body
    assert response.json()["revoked_at"]


def test_an_unknown_code_is_a_404_that_says_unknown(api, db):
    response = api.get(f"{VERIFY}AAAA-BBBB-CCCC-DDDD/")

    assert response.status_code == 404
    assert response.json()["outcome"] == "unknown"
    assert response.json()["detail"]
    assert StatementLookup.objects.get().outcome == "unknown"


def test_code_checks_are_rate_limited_per_ip(api, monkeypatch, school_counsellor, requirements):
    monkeypatch.setattr(statements_api, "VERIFY_LIMIT", 3)
    statement = services.statement_issue(owner=school_counsellor)
    url = f"{VERIFY}{statement.code}/"

    api.credentials(HTTP_ACCEPT_LANGUAGE="en")
    assert [api.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = api.get(url)

    assert refused.status_code == 429
    assert "wait an hour" in refused.json()["detail"]
    assert refused["Retry-After"] == "3600"
    assert StatementLookup.objects.count() == 3  # the refused check looked nothing up
    other_ip = api.get(url, REMOTE_ADDR="10.0.0.9")
    assert other_ip.status_code == 200


# query budgets


def token_client(user):
    """Token authentication: the budget is the endpoint's own, without the session bookkeeping
    (session row, allauth's user-session row) that every page request pays the same for."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def _queries(client, url, budget, django_assert_max_num_queries):
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
        assert response.status_code == 200
    return len(captured)


def test_credit_and_cpd_lists_keep_a_fixed_query_budget(school_counsellor, areas, django_assert_max_num_queries):
    client = token_client(school_counsellor)

    def add(n):
        for i in range(n):
            log_credit(school_counsellor, areas[:2], title=f"Kurs {i}")
            services.cpd_create(
                owner=school_counsellor, title=f"Fagdag {i}", date=LAST_MONTH, hours="2", kind="course", areas=areas[:2]
            )

    add(2)
    few = [_queries(client, url, 4, django_assert_max_num_queries) for url in (CREDITS, CPD)]
    add(20)
    many = [_queries(client, url, 4, django_assert_max_num_queries) for url in (CREDITS, CPD)]
    assert many == few


def test_the_statement_list_keeps_a_fixed_query_budget(
    api, school_counsellor, requirements, django_assert_max_num_queries
):
    client = token_client(school_counsellor)
    statement = services.statement_issue(owner=school_counsellor)
    few = _queries(client, STATEMENTS, 3, django_assert_max_num_queries)
    for _ in range(15):
        services.statement_lookup(code=services.statement_issue(owner=school_counsellor).code)
    services.statement_lookup(code=statement.code)
    many = _queries(client, STATEMENTS, 3, django_assert_max_num_queries)
    assert many == few


def test_the_counsellor_list_keeps_a_fixed_query_budget_from_10_to_60(
    centre, verifier, requirements, areas, django_assert_max_num_queries
):
    client = token_client(verifier)

    def add(n, start):
        for i in range(start, start + n):
            person = personas.counsellor(home_centre=centre, email=f"veileder{i}@example.org")
            entry = log_credit(person, areas[:2], credits="30")
            if i % 2:
                services.credit_verify(credit=entry, verifier=verifier)
            if i % 3 == 0:
                services.membership_grant(user=person, centre=centre, role=Role.ORGANISER, actor=None)

    add(10, 0)
    few = _queries(client, COUNSELLORS, 8, django_assert_max_num_queries)
    add(50, 10)
    many = _queries(
        client, f"{COUNSELLORS}?has_pending=true&meets_requirement=false", 10, django_assert_max_num_queries
    )
    assert client.get(COUNSELLORS).json()["count"] == 60
    assert many == few


# the whole journey through the API alone


def test_the_whole_journey_through_the_api(api, school_counsellor, verifier, requirements, areas):
    counsellor = as_user(school_counsellor)
    checker = as_user(verifier)

    # Enough CPD hours and 45 verified studiepoeng already; the new course decides it.
    for credits, area in (("30", areas[1]), ("15", areas[2])):
        services.credit_verify(credit=log_credit(school_counsellor, [area], credits=credits), verifier=verifier)
    counsellor.post(
        CPD, {"title": "Fagdager", "date": LAST_MONTH.isoformat(), "hours": "25", "kind": "course"}, format="json"
    )
    assert counsellor.get(STATUS).json()["meets"] is False

    created = counsellor.post(CREDITS, credit_payload(areas, areas=[areas[0].pk]), format="multipart")
    assert created.status_code == 201
    entry_id = created.json()["id"]
    assert counsellor.get(STATUS).json()["would_meet_when_verified"] is True

    verified = checker.post(f"{CREDITS}{entry_id}/verify/", {}, format="json")
    assert verified.status_code == 200

    status = counsellor.get(STATUS).json()
    assert status["meets"] is True
    assert Decimal(status["verified_credits"]) == Decimal("60.0")

    issued = counsellor.post(STATEMENTS, {}, format="json")
    assert issued.status_code == 201
    code = issued.json()["code"]

    checked = api.get(f"{VERIFY}{code}/")
    assert checked.status_code == 200
    assert checked.json()["outcome"] == "valid"
    assert checked.json()["status_at_issue"]["meets"] is True

    statements = counsellor.get(STATEMENTS).json()["results"]
    assert len(statements) == 1
    assert statements[0]["lookup_count"] == 1
    assert statements[0]["last_lookup_at"]


# schema


def test_the_schema_documents_the_competence_endpoints(client):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    paths = schema["paths"]
    for path in (
        ME,
        AREAS,
        REQUIREMENTS,
        CREDITS,
        "/api/v1/credits/{id}/",
        "/api/v1/credits/{id}/verify/",
        "/api/v1/credits/{id}/reject/",
        CPD,
        STATUS,
        COUNSELLORS,
        STATEMENTS,
        "/api/v1/statements/{id}/revoke/",
        "/api/v1/verify/{code}/",
    ):
        assert path in paths, path
    assert "multipart/form-data" in paths[CREDITS]["post"]["requestBody"]["content"]
    params = {p["name"] for p in paths[COUNSELLORS]["get"]["parameters"]}
    assert {"workplace_type", "county", "meets_requirement", "has_pending"} <= params
