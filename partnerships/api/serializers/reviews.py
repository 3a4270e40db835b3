"""An agreement's yearly reviews, read and recorded, and its history."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerships.api.serializers.fields import delivery_field, once_each, person_name
from partnerships.models import AgreementChange, Review, ReviewItem


class ReviewItemSerializer(serializers.ModelSerializer):
    obligation = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text=gettext_lazy("Null once the obligation has been removed.")
    )
    obligation_text = serializers.CharField(
        read_only=True, help_text=gettext_lazy("The obligation's words at the time of the review.")
    )
    delivery = delivery_field(read_only=True)

    class Meta:
        model = ReviewItem
        fields = ["obligation", "obligation_text", "delivery", "comment"]
        read_only_fields = fields


class ReviewSerializer(serializers.ModelSerializer):
    """Expects ``recorded_by`` and ``items`` loaded."""

    items = ReviewItemSerializer(many=True, read_only=True)
    recorded_by = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = ["id", "held_on", "participants", "changes", "items", "recorded_by", "recorded_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_recorded_by(self, review):
        return person_name(review.recorded_by)


@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "object", "additionalProperties": {"type": "string"}},
        "description": "What changed: ``{field, old, new}`` for a changed value, ``{item}`` naming the row or "
        "clause concerned.",
    }
)
class ChangeDetailsField(serializers.JSONField):
    pass


class AgreementChangeSerializer(serializers.ModelSerializer):
    """Expects ``actor`` loaded."""

    actor = serializers.SerializerMethodField(help_text=gettext_lazy("Null for the platform's own daily task."))
    action = serializers.CharField(
        read_only=True,
        help_text=gettext_lazy(
            "created, changed, renewed, status.dates, document.added, party|obligation|contact.added|changed|"
            "removed, obligation.met, clause.met|changed|unmet, review.recorded, activity.added|removed."
        ),
    )
    details = ChangeDetailsField(read_only=True)

    class Meta:
        model = AgreementChange
        fields = ["at", "actor", "action", "details"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, change):
        return person_name(change.actor)


class DeliveryWriteSerializer(serializers.Serializer):
    obligation = serializers.IntegerField(help_text=gettext_lazy("The id of one of the agreement's obligations."))
    delivery = delivery_field()
    comment = serializers.CharField(allow_blank=True, required=False, default="")


class ReviewWriteSerializer(serializers.Serializer):
    held_on = serializers.DateField(help_text=gettext_lazy("The date of the meeting: not in the future."))
    participants = serializers.CharField(allow_blank=True, help_text=gettext_lazy("Who took part."))
    changes = serializers.CharField(allow_blank=True, required=False, default="")
    deliveries = DeliveryWriteSerializer(
        many=True,
        required=False,
        default=list,
        help_text=gettext_lazy(
            "What was delivered against each obligation. Delivered obligations count as met on the meeting's date."
        ),
    )

    def validate_deliveries(self, rows):
        return once_each(rows, "obligation", _("This obligation is given twice: each may come once."))
