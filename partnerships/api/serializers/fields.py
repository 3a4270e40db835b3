"""The enum fields, names and checks the partnership serializers share."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import EnumField
from partnerships.models import AgreementStatus, DeliveryStatus, Frequency, PartnerType, Renewal, Side, Unit


def partner_type_field(**kwargs):
    return EnumField(PartnerType, component="PartnershipPartnerTypeEnum", **kwargs)


def side_field(**kwargs):
    return EnumField(Side, component="PartnershipSideEnum", **kwargs)


def status_field(**kwargs):
    return EnumField(AgreementStatus, component="AgreementStatusEnum", **kwargs)


def renewal_field(**kwargs):
    return EnumField(Renewal, component="AgreementRenewalEnum", **kwargs)


def unit_field(**kwargs):
    return EnumField(Unit, component="ObligationUnitEnum", allow_blank=True, **kwargs)


def frequency_field(**kwargs):
    return EnumField(Frequency, component="ObligationFrequencyEnum", **kwargs)


def delivery_field(**kwargs):
    return EnumField(DeliveryStatus, component="ReviewDeliveryEnum", **kwargs)


def person_name(user) -> str | None:
    return user.get_full_name() if user is not None else None


@extend_schema_field({"type": "string", "pattern": r"^([0-9]{9})?$"})
class OrganisationNumberField(serializers.CharField):
    """Nine digits with a valid mod-11 check digit, or blank; the service says so when it is not."""


def once_each(rows, key, message):
    """Refuse a row that repeats the ``key`` of a row before it, with the message on that row's ``key``."""
    seen, repeated = set(), {}
    for index, row in enumerate(rows):
        if key not in row:
            continue
        if row[key] in seen:
            repeated[index] = {key: [message]}
        seen.add(row[key])
    if repeated:
        raise serializers.ValidationError(repeated)
    return rows
