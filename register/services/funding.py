from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from register.funding import Weights, allocate, county_inputs, incentive_measure, inputs_to_json
from register.models import FundingScenario


@transaction.atomic
def funding_scenario_save(
    *, actor: User | None, name: str, weights: Weights, incentive_measure_key: str = "", note: str = ""
) -> FundingScenario:
    """Compute the scenario from today's figures and save it with them; every problem at its field, nothing saved."""
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Give the scenario a name.")
    if weights.incentive and incentive_measure(incentive_measure_key) is None:
        errors["incentive_measure"] = _("Choose what the incentive share goes by.")
    if errors:
        raise ValidationError(errors)
    inputs, meta = county_inputs(incentive_measure_key if weights.incentive else "", timezone.localdate())
    allocation = allocate(weights, inputs)
    return FundingScenario.objects.create(
        name=name,
        total=weights.total,
        base_per_county=weights.base,
        population_weight=weights.population,
        shortfall_weight=weights.shortfall,
        incentive_weight=weights.incentive,
        incentive_measure=incentive_measure_key if weights.incentive else "",
        floor=weights.floor,
        cap=weights.cap,
        note=note.strip(),
        inputs=inputs_to_json(inputs, meta),
        amounts={share.county.number: share.amount for share in allocation.shares},
        created_by=actor,
    )
