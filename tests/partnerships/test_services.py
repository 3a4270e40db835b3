"""Recording and changing agreements through the services: rules, history and what nothing saves."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partnerships import services
from partnerships.models import Agreement, AgreementStatus
from partnerships.selectors import clause_check
from tests.partnerships.conftest import make_agreement, nav_rows

pytestmark = pytest.mark.django_db


def test_an_admin_records_an_agreement_with_its_partner_obligations_and_contacts(agreement):
    assert agreement.status == AgreementStatus.ACTIVE
    assert [party.name for party in agreement.parties.all()] == ["NAV Grünerløkka"]
    assert agreement.obligations.count() == 2
    assert agreement.contacts.count() == 2
    assert list(agreement.changes.values_list("action", flat=True)) == ["created"]


def test_an_agreement_ending_within_90_days_is_expiring_from_the_start(centre, centre_admin):
    assert make_agreement(centre_admin, centre, days_left=40).status == AgreementStatus.EXPIRING


def test_bad_input_is_refused_field_by_field_and_nothing_is_saved(centre, centre_admin):
    today = timezone.localdate()
    rows = nav_rows()
    rows["parties"][0]["organisation_number"] = "889640783"
    rows["obligations"][0]["amount"] = Decimal("-5")
    with pytest.raises(ValidationError) as caught:
        services.agreement_create(
            actor=centre_admin,
            centre=centre,
            data={"title": "X", "purpose": "Y", "start_date": today, "end_date": today - datetime.timedelta(days=1)},
            **rows,
        )
    errors = caught.value.message_dict
    assert "end_date" in errors
    assert "parties-0-organisation_number" in errors
    assert "obligations-0-amount" in errors
    assert not Agreement.objects.exists()


def test_another_centres_admin_cannot_record_or_change_this_centres_agreements(agreement, centre, other_admin):
    with pytest.raises(ValidationError):
        make_agreement(other_admin, centre)
    with pytest.raises(ValidationError):
        services.agreement_update(agreement=agreement, actor=other_admin, data={"title": "Mine"}, **nav_rows())


def test_every_change_is_kept_in_the_history(agreement, centre_admin):
    rows = nav_rows()
    current = list(agreement.obligations.all())
    rows["obligations"] = [
        {**rows["obligations"][0], "id": current[0].pk, "amount": Decimal("250")},
    ]
    rows["parties"][0]["id"] = agreement.parties.get().pk
    services.agreement_update(agreement=agreement, actor=centre_admin, data={"title": "Ny tittel"}, **rows)
    actions = list(agreement.changes.order_by("pk").values_list("action", flat=True))
    assert actions[0] == "created"
    assert "changed" in actions and "obligation.changed" in actions and "obligation.removed" in actions
    change = agreement.changes.get(action="changed")
    assert change.details == [{"field": "title", "old": "Samarbeidsavtale med NAV Grünerløkka", "new": "Ny tittel"}]
    assert change.actor == centre_admin


def test_a_required_clause_not_met_is_flagged_until_the_centre_says_where_it_is_met(agreement, clauses, centre_admin):
    agreement = Agreement.objects.get(pk=agreement.pk)
    check = clause_check(agreement, clauses.values())
    assert {c.title for c in check.missing_required} == {clauses["resources"].title, clauses["contacts"].title}
    assert not check.meets_guidelines
    services.clause_fulfil(agreement=agreement, clause=clauses["resources"], actor=centre_admin, note="§ 4")
    services.clause_fulfil(agreement=agreement, clause=clauses["contacts"], actor=centre_admin)
    check = clause_check(Agreement.objects.get(pk=agreement.pk), clauses.values())
    assert check.meets_guidelines
    assert (clauses["resources"], "§ 4") in check.met


def test_an_automatic_agreement_recorded_after_its_first_end_is_renewed_not_expired(centre, centre_admin):
    today = timezone.localdate()
    agreement = make_agreement(
        centre_admin,
        centre,
        data={
            "start_date": today - datetime.timedelta(days=800),
            "end_date": today - datetime.timedelta(days=400),
            "renewal": "automatic",
        },
    )
    assert agreement.status in (AgreementStatus.ACTIVE, AgreementStatus.EXPIRING)
    assert agreement.end_date >= today
    assert agreement.changes.filter(action="renewed").exists()


def test_marking_an_obligation_met_twice_or_from_an_old_review_moves_its_due_date_once(agreement, centre_admin):
    yearly = agreement.obligations.get(frequency="yearly")
    due = yearly.due_date
    services.obligation_mark_met(obligation=yearly, actor=centre_admin)
    services.obligation_mark_met(obligation=yearly, actor=centre_admin)
    yearly.refresh_from_db()
    assert yearly.due_date == due.replace(year=due.year + 1)
    today = timezone.localdate()
    services.review_record(
        agreement=agreement,
        actor=centre_admin,
        held_on=today - datetime.timedelta(days=200),
        participants="Lise, Nils",
        deliveries={o.pk: ("met", "") for o in agreement.obligations.all()},
    )
    yearly.refresh_from_db()
    assert yearly.due_date == due.replace(year=due.year + 1)
    assert yearly.met_on == today


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"end_date": datetime.date(9999, 12, 31)}, "end_date"),
        ({"start_date": datetime.date(1, 1, 1)}, "start_date"),
        ({"notice_months": 500}, "notice_months"),
    ],
)
def test_dates_out_of_range_and_endless_notice_periods_are_refused_on_their_field(centre, centre_admin, data, field):
    with pytest.raises(ValidationError) as caught:
        make_agreement(centre_admin, centre, data=data)
    assert field in caught.value.message_dict
    assert not Agreement.objects.exists()
