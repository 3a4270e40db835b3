"""CPD cycles: meets / meets until / lapsed since / not yet, for one person and in SQL for a list."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import translation

from notifications.models import Notice
from register.cpd import Cycle, Hours, Standing, add_months, standing
from register.models import CounsellorProfile, CPDActivity, CPDCycle, EvidenceLevel, WorkplaceType
from register.services.lapse import lapse_warnings_send
from register.status import annotate_status, status_for
from tests import personas
from tests.factories import requirement_set
from tests.register.centre_support import csv_body

D = datetime.date
SELF, EVIDENCED, ATTENDED = EvidenceLevel.SELF_DECLARED, EvidenceLevel.EVIDENCED, EvidenceLevel.ATTENDED


def rolling(hours=25, backed=0):
    return Cycle(CPDCycle.ROLLING, 12, D(2024, 1, 1), Decimal(hours), Decimal(backed))


def periods(hours=30, months=36, backed=0):
    return Cycle(CPDCycle.PERIOD, months, D(2025, 1, 1), Decimal(hours), Decimal(backed))


def rows(*items):
    return [Hours(day, Decimal(hours), level) for day, hours, level in items]


# The rules, without a database


def test_rolling_hours_far_from_lapsing_meet_and_say_when_they_would_lapse():
    result = standing(rolling(), rows((D(2026, 10, 1), 25, SELF)), D(2026, 12, 6))
    assert (result.standing, result.on) == (Standing.MEETS, D(2027, 10, 1))


def test_rolling_hours_that_leave_the_window_within_60_days_meet_until_that_day():
    result = standing(rolling(), rows((D(2026, 1, 10), 20, SELF), (D(2026, 6, 1), 5, SELF)), D(2026, 12, 6))
    assert (result.standing, result.on) == (Standing.MEETS_UNTIL, D(2027, 1, 10))


def test_rolling_hours_that_left_the_window_have_lapsed_since_the_day_they_left():
    activities = rows((D(2025, 3, 1), 25, SELF), (D(2026, 6, 1), 10, SELF))
    result = standing(rolling(), activities, D(2026, 12, 6))
    assert (result.standing, result.on) == (Standing.LAPSED, D(2026, 3, 1))


def test_hours_never_enough_are_not_yet_met_and_hours_logged_later_do_not_count_yet():
    activities = rows((D(2026, 11, 1), 20, SELF), (D(2026, 12, 20), 10, SELF))
    assert standing(rolling(), activities, D(2026, 12, 6)).standing == Standing.NOT_YET


def test_a_demand_for_backed_hours_is_not_met_by_self_declared_hours_alone():
    cycle = rolling(hours=25, backed=10)
    self_declared = rows((D(2026, 10, 1), 30, SELF))
    backed = rows((D(2026, 10, 1), 20, SELF), (D(2026, 11, 1), 6, EVIDENCED), (D(2026, 11, 2), 4, ATTENDED))
    assert standing(cycle, self_declared, D(2026, 12, 6)).standing == Standing.NOT_YET
    assert standing(cycle, backed, D(2026, 12, 6)).standing == Standing.MEETS


def test_a_met_period_carries_the_counsellor_through_the_next_and_lapses_when_that_ends():
    cycle = periods()  # 2025–2027, 2028–2030, ...
    activities = rows((D(2026, 5, 1), 30, SELF))
    assert standing(cycle, activities, D(2027, 6, 1)).on == D(2031, 1, 1)
    assert standing(cycle, activities, D(2030, 6, 1)).standing == Standing.MEETS
    near_end = standing(cycle, activities, D(2030, 12, 1))
    assert (near_end.standing, near_end.on) == (Standing.MEETS_UNTIL, D(2031, 1, 1))
    after = standing(cycle, activities, D(2031, 2, 1))
    assert (after.standing, after.on) == (Standing.LAPSED, D(2031, 1, 1))


def test_a_period_only_counts_its_own_hours():
    cycle = periods()
    activities = rows((D(2027, 12, 1), 15, SELF), (D(2028, 1, 10), 15, SELF))
    assert standing(cycle, activities, D(2028, 6, 1)).standing == Standing.NOT_YET


def test_months_are_added_to_the_end_of_shorter_months():
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert add_months(D(2024, 12, 15), -12) == D(2023, 12, 15)


# One person and a list agree


pytestmark = pytest.mark.django_db(databases=["default"])


def log(owner, day, hours, level=SELF):
    return CPDActivity.objects.create(
        owner=owner, title="Fagdag", date=day, hours=hours, kind="course", evidence_level=level
    )


@pytest.fixture
def cycles(areas):
    """CPD only (no studiepoeng demanded): rolling 12 months with 10 backed hours; 30 hours per 3 years from 2024."""
    return {
        WorkplaceType.UPPER_SECONDARY: requirement_set(
            WorkplaceType.UPPER_SECONDARY, areas=[], min_credits=0, cpd_hours=25, cpd_min_evidenced_hours=10
        ),
        WorkplaceType.NAV: requirement_set(
            WorkplaceType.NAV, areas=[], min_credits=0, cpd_hours=30, cpd_cycle=CPDCycle.PERIOD, cpd_cycle_months=36
        ),
    }


def people(centre):
    """Counsellors at every standing, under both cycles, measured on 6 December 2026."""
    made = {}
    for wtype in (WorkplaceType.UPPER_SECONDARY, WorkplaceType.NAV):
        for name in ("meets", "meets_until", "lapsed", "not_yet", "none"):
            made[(wtype, name)] = personas.counsellor(
                home_centre=centre, workplace_type=wtype, email=f"{name}.{wtype}@example.org"
            )
    school, nav = WorkplaceType.UPPER_SECONDARY, WorkplaceType.NAV
    log(made[(school, "meets")], D(2026, 9, 1), 15)
    log(made[(school, "meets")], D(2026, 10, 1), 10, ATTENDED)
    log(made[(school, "meets_until")], D(2026, 1, 20), 25, EVIDENCED)
    log(made[(school, "lapsed")], D(2025, 2, 1), 25, EVIDENCED)
    log(made[(school, "lapsed")], D(2026, 11, 1), 30)
    log(made[(school, "not_yet")], D(2026, 11, 1), 30)
    log(made[(nav, "meets")], D(2025, 6, 1), 30)  # 2024–2026 met
    log(made[(nav, "meets_until")], D(2022, 6, 1), 30)  # 2021–2023 met: carries through 2024–2026
    log(made[(nav, "lapsed")], D(2020, 6, 1), 30)  # 2018–2020 met; 2021–2023 not: lapsed 1 January 2024
    log(made[(nav, "not_yet")], D(2026, 6, 1), 29)
    return made


@pytest.mark.parametrize("on", [D(2026, 12, 6), D(2027, 11, 15), D(2027, 3, 1)])
def test_the_network_list_and_the_persons_own_status_give_the_same_standing(centre, cycles, on):
    made = people(centre)
    listed = {p.user_id: p for p in annotate_status(CounsellorProfile.objects.all(), on=on)}
    for user in made.values():
        mine = status_for(user, on=on)
        row = listed[user.pk]
        assert (row.standing, row.cpd_hours, row.cpd_backed_hours, row.meets_requirement) == (
            mine.standing,
            mine.cpd_hours,
            mine.cpd_backed_hours,
            mine.meets,
        ), user.email


def test_each_standing_is_found_on_the_day_it_applies(centre, cycles):
    made = people(centre)
    on = D(2026, 12, 6)
    listed = {p.user_id: p.standing for p in annotate_status(CounsellorProfile.objects.all(), on=on)}
    for (wtype, name), user in made.items():
        expected = Standing.NOT_YET if name == "none" else name
        assert listed[user.pk] == expected, (wtype, name)
    nav_until = status_for(made[(WorkplaceType.NAV, "meets_until")], on=on)
    assert nav_until.standing_date == D(2027, 1, 1)
    assert status_for(made[(WorkplaceType.NAV, "lapsed")], on=on).standing_date == D(2024, 1, 1)


def test_the_status_says_lapsed_since_the_day_and_what_to_log(centre, cycles):
    user = people(centre)[(WorkplaceType.UPPER_SECONDARY, "lapsed")]
    with translation.override("en"):
        status = status_for(user, on=D(2026, 12, 6))
        assert status.standing_label == "Lapsed since 1 February 2026"
        assert status.cpd_by_level == {SELF: Decimal("30"), EVIDENCED: Decimal("0"), ATTENDED: Decimal("0")}
        assert "10 more of your hours must be evidenced or attended" in status.next_step
    with translation.override("nb"):
        assert status.standing_label == "Bortfalt siden 1. februar 2026"


def test_hours_per_level_go_into_the_snapshot_a_statement_freezes(centre, cycles):
    user = people(centre)[(WorkplaceType.UPPER_SECONDARY, "meets")]
    snapshot = status_for(user, on=D(2026, 12, 6)).as_dict()
    assert snapshot["cpd_hours_by_level"] == {"self_declared": "15.0", "evidenced": "0.0", "attended": "10.0"}
    assert (snapshot["standing"], snapshot["cpd_backed_hours"]) == ("meets", "10.0")


# Warnings before a lapse


def test_a_counsellor_is_warned_60_and_14_days_before_a_lapse_once_each(centre, cycles):
    user = personas.counsellor(home_centre=centre, email="snart@example.org")
    log(user, D(2026, 1, 20), 25, EVIDENCED)  # leaves the window on 20 January 2027
    on_time = personas.counsellor(home_centre=centre, email="trygg@example.org")
    log(on_time, D(2026, 11, 1), 25, EVIDENCED)

    assert lapse_warnings_send(on=D(2026, 11, 20)) == 0  # 61 days before
    with translation.override("en"):
        assert lapse_warnings_send(on=D(2026, 11, 21)) == 1
    assert lapse_warnings_send(on=D(2026, 11, 22)) == 0  # already told
    assert lapse_warnings_send(on=D(2027, 1, 8)) == 1  # 12 days before: the 14-day warning, a day late
    assert lapse_warnings_send(on=D(2027, 1, 9)) == 0
    notices = Notice.objects.filter(recipient=user, kind="register.lapse")
    assert notices.count() == 2
    with translation.override("en"):
        assert "You stop meeting the requirement on 20 January 2027" in [notice.title for notice in notices]
    with translation.override("nb"):
        assert "Du slutter å oppfylle kravet 20. januar 2027" in [notice.title for notice in notices]
    assert not Notice.objects.filter(recipient=on_time).exists()


def test_logging_hours_before_the_lapse_stops_the_warnings(centre, cycles):
    user = personas.counsellor(home_centre=centre, email="snart@example.org")
    log(user, D(2026, 1, 20), 25, EVIDENCED)
    log(user, D(2026, 11, 1), 25, EVIDENCED)
    assert lapse_warnings_send(on=D(2026, 11, 21)) == 0


def test_the_centre_network_filters_by_standing_and_says_since_when(client, centre, cycles, verifier):
    made = people(centre)
    url = reverse("centre_network", kwargs={"slug": centre.slug})
    client.force_login(verifier)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    with time_machine.travel(datetime.datetime(2026, 12, 6, 12, tzinfo=datetime.UTC), tick=False):
        response = client.get(url, {"standing": "lapsed"})
        csv = csv_body(client.get(url, {"standing": "meets_until", "format": "csv"}))

    lapsed = {made[(wtype, "lapsed")].pk for wtype in (WorkplaceType.UPPER_SECONDARY, WorkplaceType.NAV)}
    assert {row.user_id for row in response.context["page_obj"]} == lapsed
    page = response.content.decode()
    assert "Lapsed since 1 February 2026" in page
    assert "Lapsed since 1 January 2024" in page
    assert "Meets the requirement until 20 January 2027" in csv
    assert "Meets the requirement until 1 January 2027" in csv
    assert "meets.upper_secondary@example.org" not in csv
