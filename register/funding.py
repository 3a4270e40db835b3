"""The funding key: a total grant shared between the counties, every krone accounted for.

A scenario gives each county a fixed base; what is left is split in three pools by percentage weights
(adding up to 100): by adult population (19+), by coverage shortfall (centres missing against the
recommended standard) and by an incentive measure (an app registers measures, e.g. the share of
counsellors meeting the requirement). A pool whose measure is zero everywhere goes by population. A
floor and a cap per county are then applied, the rest shared again in proportion, until every county is
within them. Amounts are exact fractions until the end, then whole kroner by largest remainder (ties by
county number), so they add up to the total exactly.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

# Incentive measures: key -> (label, provider giving {county id: value} on a day)


@dataclass(frozen=True)
class IncentiveMeasure:
    key: str
    label: str
    unit: str
    values: Callable[[date], dict[int, float]]


_measures: dict[str, IncentiveMeasure] = {}


def register_incentive_measure(measure: IncentiveMeasure) -> None:
    _measures[measure.key] = measure


def incentive_measures() -> list[IncentiveMeasure]:
    return list(_measures.values())


def incentive_measure(key: str) -> IncentiveMeasure | None:
    return _measures.get(key)


@dataclass(frozen=True)
class Weights:
    total: int
    base: int = 0
    population: int = 0
    shortfall: int = 0
    incentive: int = 0
    floor: int | None = None
    cap: int | None = None


@dataclass(frozen=True)
class CountyInput:
    number: str
    name: str
    adults: int
    centres: int
    needed: int
    incentive: float = 0.0

    @property
    def shortfall(self) -> int:
        return max(0, self.needed - self.centres)


@dataclass
class Share:
    county: CountyInput
    base: Fraction
    population: Fraction
    shortfall: Fraction
    incentive: Fraction
    adjusted: Fraction = Fraction(0)
    limited: str = ""  # "floor" or "cap" when that decided the amount
    amount: int = 0

    @property
    def raw(self) -> Fraction:
        return self.base + self.population + self.shortfall + self.incentive


@dataclass
class Allocation:
    weights: Weights
    shares: list[Share]
    pools: dict[str, Fraction] = field(default_factory=dict)
    sums: dict[str, Fraction] = field(default_factory=dict)
    by_population: set[str] = field(default_factory=set)  # pools that fell back to population


def validate(weights: Weights, counties: int) -> None:
    """Every problem at its field, in the user's language; nothing is computed until all are fixed."""
    errors: dict[str, str] = {}
    if weights.total <= 0:
        errors["total"] = _("Enter the total grant in whole kroner, more than 0.")
    if weights.population + weights.shortfall + weights.incentive != 100:
        errors["population_weight"] = _("The three shares must add up to 100 %%; now they add up to %(sum)s %%.") % {
            "sum": weights.population + weights.shortfall + weights.incentive
        }
    if weights.base * counties > weights.total:
        errors["base_per_county"] = _("%(count)s counties times the base is more than the total.") % {"count": counties}
    if weights.floor is not None and weights.floor * counties > weights.total:
        errors["floor"] = _("%(count)s counties times the floor is more than the total.") % {"count": counties}
    if weights.cap is not None and weights.cap * counties < weights.total:
        errors["cap"] = _("%(count)s counties times the cap is less than the total, so the grant cannot be shared.") % {
            "count": counties
        }
    if weights.floor is not None and weights.cap is not None and weights.floor > weights.cap:
        errors["floor"] = _("The floor is higher than the cap.")
    if errors:
        raise ValidationError(errors)


def largest_remainder(exact: Sequence[Fraction], total: int) -> list[int]:
    """Whole numbers adding up to ``total``: each exact amount rounded down, then one more to the largest
    remainders (the earlier one first on a tie). ``exact`` must add up to ``total``."""
    floors = [int(value) for value in exact]  # values are never negative: int() rounds down
    missing = total - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += 1
    return floors


def _proportional(pool: Fraction, values: list[Fraction]) -> list[Fraction]:
    whole = sum(values)
    return [pool * value / whole for value in values] if whole else [Fraction(0)] * len(values)


def allocate(weights: Weights, counties: Sequence[CountyInput]) -> Allocation:
    """The scenario's amount for each county (``counties`` in county-number order)."""
    validate(weights, len(counties))
    rest = Fraction(weights.total - weights.base * len(counties))
    pools = {
        "population": rest * weights.population / 100,
        "shortfall": rest * weights.shortfall / 100,
        "incentive": rest * weights.incentive / 100,
    }
    measures = {
        "population": [Fraction(c.adults) for c in counties],
        "shortfall": [Fraction(c.shortfall) for c in counties],
        "incentive": [Fraction(Decimal(str(c.incentive))) for c in counties],
    }
    allocation = Allocation(weights=weights, shares=[], pools=pools)
    if not sum(measures["population"]) and any(pools.values()):
        raise ValidationError({"population_weight": _("No county has an adult population yet: upload it first.")})
    parts: dict[str, list[Fraction]] = {}
    for name, pool in pools.items():
        values = measures[name]
        if not sum(values):
            values = measures["population"]
            if pool:
                allocation.by_population.add(name)
        allocation.sums[name] = sum(values)
        parts[name] = _proportional(pool, values)
    allocation.shares = [
        Share(
            county=county,
            base=Fraction(weights.base),
            population=parts["population"][i],
            shortfall=parts["shortfall"][i],
            incentive=parts["incentive"][i],
        )
        for i, county in enumerate(counties)
    ]
    _apply_limits(allocation.shares, weights)
    for share, amount in zip(
        allocation.shares, largest_remainder([s.adjusted for s in allocation.shares], weights.total), strict=True
    ):
        share.amount = amount
    return allocation


def _clamp(value: Fraction, weights: Weights) -> Fraction:
    if weights.floor is not None and value < weights.floor:
        return Fraction(weights.floor)
    if weights.cap is not None and value > weights.cap:
        return Fraction(weights.cap)
    return value


def _apply_limits(shares: list[Share], weights: Weights) -> None:
    """Scale every county's amount by one rate, each kept between the floor and the cap, so they add up to the total.

    The sum of the clamped amounts only grows with the rate, in straight pieces between the rates where a county
    meets the floor or the cap; the rate is found exactly on the piece where the sum reaches the total. A county
    is marked as held at the floor or cap when that, not its share, decided its amount.
    """
    total = Fraction(weights.total)
    raws = [share.raw for share in shares]
    if weights.floor is None and weights.cap is None:
        rate = total / sum(raws) if sum(raws) else Fraction(0)
    else:
        breaks = sorted(
            {
                Fraction(limit) / raw
                for raw in raws
                if raw
                for limit in (weights.floor, weights.cap)
                if limit is not None
            }
        )

        def amount_at(rate: Fraction) -> Fraction:
            return sum((_clamp(rate * raw, weights) for raw in raws), Fraction(0))

        low = Fraction(0)
        rate = None
        for high in [*breaks, None]:
            if high is None:
                # Past the last break every amount is fixed or grows linearly with the rate.
                growing = sum(
                    (raw for raw in raws if raw and _clamp(low * raw + raw, weights) == low * raw + raw), Fraction(0)
                )
                if growing:
                    rate = low + (total - amount_at(low)) / growing
                break
            if amount_at(high) >= total:
                below, above = amount_at(low), amount_at(high)
                rate = low + (high - low) * (total - below) / (above - below) if above != below else high
                break
            low = high
        if rate is None or amount_at(rate) != total:
            raise ValidationError({"floor": _("The floor and the cap leave no county to share the rest.")})
    for share in shares:
        scaled = rate * share.raw
        share.adjusted = _clamp(scaled, weights)
        if share.adjusted == scaled:
            share.limited = ""
        else:
            share.limited = "floor" if share.adjusted > scaled else "cap"


# Writing it out


def kroner(value: Fraction | int) -> str:
    return number_format(round(value), force_grouping=True)


def formula_text(allocation: Allocation, share: Share) -> str:
    """The county's amount written out in words and numbers, so the county can check its own figure."""
    w = allocation.weights
    county = share.county
    parts = [_("Base %(base)s kr") % {"base": kroner(share.base)}]
    for name, weight, value, unit in (
        ("population", w.population, county.adults, _("adults")),
        ("shortfall", w.shortfall, county.shortfall, _("centres short")),
        ("incentive", w.incentive, county.incentive, ""),
    ):
        if not weight:
            continue
        if name in allocation.by_population:
            value, unit = county.adults, _("adults")
        pool, whole = allocation.pools[name], allocation.sums[name]
        parts.append(
            _("%(label)s: %(pool)s kr × %(value)s / %(whole)s %(unit)s = %(amount)s kr")
            % {
                "label": POOL_LABELS()[name],
                "pool": kroner(pool),
                "value": _plain(value),
                "whole": _plain(whole),
                "unit": unit,
                "amount": kroner(getattr(share, name)),
            }
        )
    sentences = [" + ".join(parts) + " = " + _("%(amount)s kr") % {"amount": kroner(share.raw)} + "."]
    if share.limited == "floor":
        sentences.append(_("Raised to the floor: %(amount)s kr.") % {"amount": kroner(share.adjusted)})
    elif share.limited == "cap":
        sentences.append(_("Lowered to the cap: %(amount)s kr.") % {"amount": kroner(share.adjusted)})
    elif share.adjusted != share.raw:
        sentences.append(
            _("After the floor and cap of other counties: %(amount)s kr.") % {"amount": kroner(share.adjusted)}
        )
    sentences.append(_("Rounded: %(amount)s kr.") % {"amount": number_format(share.amount, force_grouping=True)})
    return " ".join(sentences)


def POOL_LABELS() -> dict[str, str]:  # noqa: N802 - a table of labels, translated when read
    return {
        "population": _("population share"),
        "shortfall": _("shortfall share"),
        "incentive": _("incentive share"),
    }


def _plain(value: Any) -> str:
    if isinstance(value, Fraction):
        value = float(value)
    if isinstance(value, float) and not value.is_integer():
        return number_format(round(value, 3), decimal_pos=3, force_grouping=True)
    return number_format(int(value), force_grouping=True)


# The figures a scenario is computed from


def county_inputs(measure_key: str, on: date) -> tuple[list[CountyInput], dict[str, Any]]:
    """Each county's adults, centres, centres needed by the standard and incentive value today, and what they
    came from (population year and source, the standard, the measure), to be stored with the scenario."""
    from register.overview.figures import counties_with_standard, standard_text

    counties, standard = counties_with_standard()
    measure = incentive_measure(measure_key)
    values = measure.values(on) if measure is not None else {}
    inputs = []
    for county in counties:
        needed = standard.centres_needed(county.adult_population) if standard is not None else 0
        inputs.append(
            CountyInput(
                number=county.number,
                name=county.name,
                adults=county.adult_population or 0,
                centres=county.centre_count,
                needed=needed,
                incentive=float(values.get(county.pk, 0)),
            )
        )
    years = sorted({c.population_year for c in counties if c.population_year})
    sources = sorted(
        {("demo" if c.population_is_demo else c.population_source or "SSB") for c in counties if c.adult_population}
    )
    meta = {
        "on": on.isoformat(),
        "population_years": years,
        "population_sources": sources,
        "standard": standard_text(standard) if standard is not None else "",
        "measure": measure_key,
        "measure_label": str(measure.label) if measure is not None else "",
    }
    return inputs, meta


def inputs_to_json(inputs: list[CountyInput], meta: dict[str, Any]) -> dict[str, Any]:
    return {**meta, "counties": [c.__dict__ for c in inputs]}


def inputs_from_json(data: dict[str, Any]) -> list[CountyInput]:
    return [CountyInput(**row) for row in data.get("counties", [])]
