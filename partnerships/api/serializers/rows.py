"""An agreement's rows, read and written: its partners, obligations and contacts, and what it delivered."""

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from partnerships.api.serializers.fields import (
    OrganisationNumberField,
    frequency_field,
    partner_type_field,
    side_field,
    unit_field,
)
from partnerships.models import Contact, DeliveredActivity, Obligation, Party


class PartySerializer(serializers.ModelSerializer):
    partner_type = partner_type_field(read_only=True)

    class Meta:
        model = Party
        fields = ["id", "name", "partner_type", "organisation_number"]
        read_only_fields = fields


class ObligationSerializer(serializers.ModelSerializer):
    side = side_field(read_only=True)
    unit = unit_field(read_only=True)
    frequency = frequency_field(read_only=True)
    met_on = serializers.DateField(
        read_only=True, allow_null=True, help_text=gettext_lazy("The last time it was met (set by a review).")
    )

    class Meta:
        model = Obligation
        fields = ["id", "side", "description", "unit", "amount", "frequency", "due_date", "met_on"]
        read_only_fields = fields


class ContactSerializer(serializers.ModelSerializer):
    side = side_field(read_only=True)

    class Meta:
        model = Contact
        fields = ["id", "side", "name", "role", "email", "phone"]
        read_only_fields = fields


class DeliveredActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = DeliveredActivity
        fields = ["title", "date", "hours", "participants"]
        read_only_fields = fields


ROW_ID_HELP = gettext_lazy("An existing row's id: that row is kept and changed. Leave it out for a new row.")


class RowSerializer(serializers.Serializer):
    """A row of one of an agreement's lists. A row with an ``id`` changes only the fields it gives."""

    id = serializers.IntegerField(required=False, help_text=ROW_ID_HELP)


class PartyWriteSerializer(RowSerializer):
    name = serializers.CharField(allow_blank=True, required=False, help_text=gettext_lazy("Required for a new row."))
    partner_type = partner_type_field(required=False, help_text=gettext_lazy("Required for a new row."))
    organisation_number = OrganisationNumberField(
        allow_blank=True, required=False, help_text=gettext_lazy("Nine digits, from the Brønnøysund Register Centre.")
    )


class ObligationWriteSerializer(RowSerializer):
    side = side_field(required=False, help_text=gettext_lazy("Who commits; required for a new row."))
    description = serializers.CharField(
        allow_blank=True, required=False, help_text=gettext_lazy("Required for a new row.")
    )
    unit = unit_field(required=False, help_text=gettext_lazy("Blank (no amount), NOK or staff hours per year."))
    amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        help_text=gettext_lazy("Per year, at least 0, in ``unit``; null with a blank unit."),
    )
    frequency = frequency_field(required=False)
    due_date = serializers.DateField(required=False, allow_null=True, help_text=gettext_lazy("Next due."))


class ContactWriteSerializer(RowSerializer):
    side = side_field(required=False, help_text=gettext_lazy("Required for a new row."))
    name = serializers.CharField(allow_blank=True, required=False, help_text=gettext_lazy("Required for a new row."))
    role = serializers.CharField(allow_blank=True, required=False)
    email = serializers.CharField(allow_blank=True, required=False)
    phone = serializers.CharField(allow_blank=True, required=False)
