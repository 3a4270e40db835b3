"""The set-based standing (``annotate_status``) against the person's own status (``status_for``).

Each workplace type gets a different rule here (studiepoeng, core studiepoeng, required areas, rolling
windows of different lengths, fixed periods, backed hours, nothing demanded, no set at all), and
seeded random counsellors land on every side of each rule, so a rule asked for one type but applied
to another, or a counsellor left out of a grouped query, shows up as a disagreement.
"""

import datetime
import random
from decimal import Decimal

import pytest

from register.models import CounsellorProfile, CPDActivity, CPDCycle, CreditEntry, CreditStatus, EvidenceLevel
from register.models import WorkplaceType as W
from register.overview.scope import Scope
from register.status import annotate_status, status_for
from tests import personas
from tests.factories import requirement_set

pytestmark = pytest.mark.django_db

D = datetime.date
DAYS = (D(2026, 12, 6), D(2027, 2, 20), D(2025, 6, 30))


@pytest.fixture
def mixed_rules(areas):
    one, two, three = areas[0], areas[1], areas[2]
    return {
        W.CAREER_CENTRE: requirement_set(
            W.CAREER_CENTRE, areas=[one, two], min_credits=60, min_core_credits=30, cpd_min_evidenced_hours=10
        ),
        W.NAV: requirement_set(
            W.NAV, areas=[three], min_credits=30, cpd_hours=20, cpd_cycle=CPDCycle.PERIOD, cpd_cycle_months=24
        ),
        W.UPPER_SECONDARY: requirement_set(
            W.UPPER_SECONDARY, areas=[one], min_credits=60, min_core_credits=30, cpd_hours=10, cpd_cycle_months=6
        ),
        W.LOWER_SECONDARY: requirement_set(W.LOWER_SECONDARY, areas=[], min_credits=0, cpd_hours=0),
        W.HIGHER_EDUCATION: requirement_set(W.HIGHER_EDUCATION, areas=[one], min_credits=60),
    }


def _random_people(centre, areas, seed):
    rng = random.Random(seed)
    types = [W.CAREER_CENTRE, W.NAV, W.UPPER_SECONDARY, W.LOWER_SECONDARY, W.HIGHER_EDUCATION, W.OTHER]
    people = []
    for index in range(30):
        person = personas.counsellor(
            home_centre=centre, workplace_type=types[index % len(types)], email=f"p{seed}.{index}@example.org"
        )
        for _entry in range(rng.randint(0, 5)):
            entry = CreditEntry.objects.create(
                owner=person,
                title="Emne",
                institution="UiB",
                credits=Decimal(rng.choice(["5", "10", "15", "30"])),
                completed_on=D(2025, 1, 1),
                evidence_name="bevis.pdf",
                evidence_type="application/pdf",
                status=rng.choice([CreditStatus.VERIFIED, CreditStatus.VERIFIED, CreditStatus.PENDING]),
            )
            entry.areas.set(rng.sample(areas[:4], rng.randint(1, 2)))
        for _activity in range(rng.randint(0, 4)):
            CPDActivity.objects.create(
                owner=person,
                title="Fagdag",
                date=D(2022, 1, 1) + datetime.timedelta(days=rng.randint(0, 5 * 365)),
                hours=Decimal(rng.choice(["3", "5", "8", "12"])),
                kind="course",
                evidence_level=rng.choice(list(EvidenceLevel)),
            )
        people.append(person)
    return people


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_list_and_the_person_agree_under_different_rules_per_workplace_type(centre, areas, mixed_rules, seed):
    people = _random_people(centre, areas, seed)
    seen = set()
    for on in DAYS:
        listed = {p.user_id: p for p in annotate_status(CounsellorProfile.objects.all(), on=on)}
        for person in people:
            mine = status_for(person, on=on)
            row = listed[person.pk]
            cpd_met = mine.has_requirement and mine.cpd.meets  # the list says no where no set applies
            assert (row.standing, row.meets_requirement, row.cpd_met) == (mine.standing, mine.meets, cpd_met), (
                person.email,
                on,
            )
            seen.add(mine.standing)
    assert {"meets", "not_yet", None} <= seen  # the data reaches more than one side of the rules


def test_a_narrower_list_asks_only_about_its_own_counsellors(centre, other_centre, areas, mixed_rules):
    mine = _random_people(centre, areas, 4)
    _random_people(other_centre, areas, 5)
    on = DAYS[0]
    narrow = annotate_status(Scope(centre=centre).profiles(), on=on)
    assert {p.user_id: p.standing for p in narrow} == {p.pk: status_for(p, on=on).standing for p in mine}
