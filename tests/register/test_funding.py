"""The funding key: every krone accounted for (largest remainder), the formula a county can check, floors and
caps, clear messages for impossible weights, and scenarios saved, compared and exported by national admins only."""

import csv
import io
from fractions import Fraction

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import load_workbook

from register.funding import CountyInput, Weights, allocate, formula_text, largest_remainder
from register.models import County, CoverageStandard, FundingScenario
from tests.factories import CentreFactory, county

pytestmark = pytest.mark.django_db

SCENARIOS = "/staff/oversikt/fordeling/"


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def three(a=100, b=200, c=300, centres=(1, 1, 1), needed=(1, 1, 1), incentive=(0, 0, 0)):
    return [
        CountyInput("03", "Oslo", a, centres[0], needed[0], incentive[0]),
        CountyInput("11", "Rogaland", b, centres[1], needed[1], incentive[1]),
        CountyInput("15", "Møre og Romsdal", c, centres[2], needed[2], incentive[2]),
    ]


# Rounding


def test_largest_remainder_adds_up_and_gives_the_extra_kroner_to_the_largest_remainders():
    exact = [Fraction(10, 3), Fraction(10, 3), Fraction(10, 3)]
    assert largest_remainder(exact, 10) == [4, 3, 3]  # a tie: the first county gets it
    assert largest_remainder([Fraction(27, 10), Fraction(33, 10), Fraction(4)], 10) == [3, 3, 4]


@pytest.mark.parametrize("total", [1, 7, 100, 999_999, 34_500_000, 34_500_001])
def test_amounts_are_whole_kroner_that_add_up_exactly_to_the_total(total):
    allocation = allocate(Weights(total=total, population=50, shortfall=25, incentive=25), three(7, 11, 13))
    amounts = [share.amount for share in allocation.shares]
    assert sum(amounts) == total and all(isinstance(a, int) for a in amounts)


# The parts


def test_base_then_population_shortfall_and_incentive_pools():
    counties = three(100, 200, 300, centres=(1, 1, 1), needed=(3, 1, 2), incentive=(0.5, 0.25, 0.25))
    allocation = allocate(Weights(total=1_300, base=100, population=50, shortfall=30, incentive=20), counties)
    oslo = allocation.shares[0]
    # 1 000 after the base: 500 by population, 300 by shortfall, 200 by incentive.
    assert (oslo.base, oslo.population, oslo.shortfall, oslo.incentive) == (100, Fraction(500, 6), 200, 100)
    assert [s.amount for s in allocation.shares] == [483, 317, 500]  # 483.33, 316.67, 500


def test_a_pool_with_nothing_to_measure_goes_by_population():
    allocation = allocate(Weights(total=600, population=50, shortfall=50), three(100, 200, 300))
    assert [s.amount for s in allocation.shares] == [100, 200, 300]
    assert allocation.by_population == {"shortfall"}


def test_the_floor_raises_small_counties_and_the_rest_share_what_is_left():
    allocation = allocate(Weights(total=1_000, population=100, floor=250), three(100, 300, 600))
    assert [(s.amount, s.limited) for s in allocation.shares] == [(250, "floor"), (250, ""), (500, "")]


def test_the_cap_lowers_large_counties():
    allocation = allocate(Weights(total=1_000, population=100, cap=400), three(100, 300, 600))
    # Møre og Romsdal's 600 is capped; shared again, Rogaland's 450 is too; Oslo gets the rest.
    assert [(s.amount, s.limited) for s in allocation.shares] == [(200, ""), (400, "cap"), (400, "cap")]


def test_the_formula_writes_out_the_county_s_own_figure():
    counties = three(100, 200, 300, needed=(3, 1, 1))
    allocation = allocate(Weights(total=1_600, base=100, population=50, shortfall=50), counties)
    text = formula_text(allocation, allocation.shares[0])
    assert text == (
        "Base 100 kr + population share: 650 kr × 100 / 600 adults = 108 kr + shortfall share: 650 kr × 2 / 2 "
        "centres short = 650 kr = 858 kr. Rounded: 858 kr."
    )


@pytest.mark.parametrize(
    "weights, field, message",
    [
        (
            Weights(total=100, population=50, shortfall=30),
            "population_weight",
            "add up to 100 %; now they add up to 80 %",
        ),
        (Weights(total=100, base=40, population=100), "base_per_county", "3 counties times the base is more"),
        (Weights(total=100, population=100, floor=40), "floor", "3 counties times the floor is more"),
        (Weights(total=100, population=100, cap=30), "cap", "3 counties times the cap is less than the total"),
        (Weights(total=0, population=100), "total", "more than 0"),
    ],
)
def test_impossible_weights_get_a_message_at_their_field(weights, field, message):
    with pytest.raises(ValidationError) as raised:
        allocate(weights, three())
    assert message in " ".join(raised.value.message_dict[field])


# The pages


@pytest.fixture
def figures(db):
    for number, adults in (("03", 550_000), ("11", 380_000)):
        County.objects.filter(number=number).update(adult_population=adults, population_year=2025)
    County.objects.exclude(number__in=["03", "11"]).update(adult_population=70_000, population_year=2025)
    CentreFactory(county=county("03"))
    CoverageStandard.objects.create(max_adults_per_centre=200_000, min_centres_per_county=1)


def scenario(client, name="Likedeling", **fields):
    data = {"name": name, "total": "34500000", "base_per_county": "500000", "population_weight": "60"}
    data |= {"shortfall_weight": "20", "incentive_weight": "20", "incentive_measure": "attainment"}
    return client.post(SCENARIOS, data | fields)


def test_the_national_admin_saves_a_scenario_that_adds_up(client, national_admin, figures):
    client.force_login(national_admin)
    response = scenario(client)
    saved = FundingScenario.objects.get()
    assert response["Location"] == saved.get_absolute_url()
    assert sum(saved.amounts.values()) == 34_500_000 and len(saved.amounts) == 15
    assert saved.inputs["population_years"] == [2025]
    oslo = next(c for c in saved.inputs["counties"] if c["number"] == "03")
    assert (oslo["adults"], oslo["centres"], oslo["needed"]) == (550_000, 1, 3)
    body = client.get(saved.get_absolute_url()).content.decode()
    assert "Base 500,000 kr + population share:" in body
    assert "No earlier scenario" in body


def test_a_second_scenario_shows_the_change_and_both_compare_side_by_side(client, national_admin, figures):
    client.force_login(national_admin)
    scenario(client, name="A")
    scenario(client, name="B", population_weight="80", shortfall_weight="20", incentive_weight="0")
    first, second = FundingScenario.objects.order_by("pk")
    body = client.get(second.get_absolute_url()).content.decode()
    assert f'href="{first.get_absolute_url()}">A</a>' in body
    change = second.amounts["03"] - first.amounts["03"]
    assert f"{'+' if change > 0 else ''}{change:,}" in body

    page = client.get(f"{SCENARIOS}sammenlign/", {"a": first.pk, "b": second.pk}).content.decode()
    assert f"{first.amounts['03']:,}" in page and f"{second.amounts['03']:,}" in page


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"population_weight": "70"}, "The three shares must add up to 100 %; now they add up to 110 %."),
        ({"total": "-5"}, "Ensure this value is greater than or equal to 0."),
        ({"total": "mange"}, "Enter a whole number."),
        ({"base_per_county": "5000000"}, "15 counties times the base is more than the total."),
        ({"incentive_measure": ""}, "Choose what the incentive share goes by."),
        ({"name": " "}, "This field is required."),
        ({"floor": "3000000", "cap": "2000000"}, "The floor is higher than the cap."),
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(client, national_admin, figures, fields, message):
    client.force_login(national_admin)
    response = scenario(client, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FundingScenario.objects.exists()


def test_exports_hold_every_county_and_the_total(client, national_admin, figures):
    client.force_login(national_admin)
    scenario(client)
    saved = FundingScenario.objects.get()
    rows = list(
        csv.reader(io.StringIO(client.get(f"{SCENARIOS}{saved.pk}/csv/").content.decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0][:3] == ["County number", "County", "Amount (NOK)"]
    assert len(rows) == 1 + 15 + 1 and rows[-1][2] == "34500000"
    response = client.get(f"{SCENARIOS}{saved.pk}/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["C2"].value == saved.amounts["03"]
    assert sum(sheet.cell(row=r, column=3).value for r in range(2, 17)) == 34_500_000


@pytest.mark.parametrize("who", ["centre_admin", "verifier", "school_counsellor"])
def test_only_national_admins_use_the_funding_key(client, request, who, national_admin, figures):
    client.force_login(national_admin)
    scenario(client)
    saved = FundingScenario.objects.get()
    client.force_login(request.getfixturevalue(who))
    for url in (
        SCENARIOS,
        f"{SCENARIOS}sammenlign/",
        saved.get_absolute_url(),
        f"{SCENARIOS}{saved.pk}/csv/",
        f"{SCENARIOS}{saved.pk}/xlsx/",
    ):
        assert client.get(url).status_code == 403, url
    assert scenario(client, name="Sneaky").status_code == 403
    assert FundingScenario.objects.count() == 1


def two(a, b):
    return [CountyInput("03", "Oslo", a, 1, 1), CountyInput("11", "Rogaland", b, 1, 1)]


def test_a_floor_and_a_cap_together_find_the_one_rate_that_fits():
    # Finnmark-like 1 adult against 99: the floor lifts the first, the cap holds the second, and 50/50 fits.
    allocation = allocate(Weights(total=100, population=100, floor=10, cap=50), two(1, 99))
    assert [(s.amount, s.limited) for s in allocation.shares] == [(50, ""), (50, "cap")]
    allocation = allocate(Weights(total=100, population=100, floor=20, cap=40), three(2, 8, 90))
    # One rate, 5 kr per adult: 10 is lifted to the floor, 40 is exactly the cap, 450 is held at it.
    assert [(s.amount, s.limited) for s in allocation.shares] == [(20, "floor"), (40, ""), (40, "cap")]


def test_every_county_not_held_by_the_floor_or_cap_gets_the_same_rate():
    import random

    rng = random.Random(15)
    for _ in range(300):
        adults = [rng.randint(1, 100) for _ in range(4)]
        counties = [CountyInput(f"0{i}", f"F{i}", a, 1, 1) for i, a in enumerate(adults)]
        floor, cap = rng.randint(0, 200), rng.randint(260, 600)
        allocation = allocate(Weights(total=1000, population=100, floor=floor, cap=cap), counties)
        shares = allocation.shares
        assert sum(s.amount for s in shares) == 1000
        assert all(floor <= s.adjusted <= cap for s in shares)
        free = [s for s in shares if not s.limited]
        assert len({s.adjusted / s.county.adults for s in free}) <= 1  # one rate for all of them
        rates = {s.adjusted / s.county.adults for s in free}
        for s in shares:  # a county at the floor would get less at that rate, one at the cap more
            if rates and s.limited == "floor":
                assert next(iter(rates)) * s.county.adults <= floor
            if rates and s.limited == "cap":
                assert next(iter(rates)) * s.county.adults >= cap
