"""The national guideline clauses, and how an agreement stands against them."""

from django.utils.translation import gettext_lazy
from rest_framework import serializers

from partnerships.api.serializers.fields import partner_type_field
from partnerships.models import GuidelineClause


class GuidelineClauseSerializer(serializers.ModelSerializer):
    required_for = serializers.ListField(
        child=partner_type_field(),
        read_only=True,
        help_text=gettext_lazy("The partner types whose agreements must meet it."),
    )

    class Meta:
        model = GuidelineClause
        fields = ["id", "title", "description", "required_for"]
        read_only_fields = fields


class ClauseMetSerializer(serializers.Serializer):
    clause = GuidelineClauseSerializer(read_only=True)
    note = serializers.CharField(read_only=True, help_text=gettext_lazy("Where the agreement meets it."))


class ClauseCheckSerializer(serializers.Serializer):
    meets_guidelines = serializers.BooleanField(
        read_only=True, help_text=gettext_lazy("No required clause is missing.")
    )
    met = ClauseMetSerializer(many=True, read_only=True)
    missing_required = GuidelineClauseSerializer(
        many=True, read_only=True, help_text=gettext_lazy("Required for one of its partners' types, and not met.")
    )
    missing_optional = GuidelineClauseSerializer(many=True, read_only=True)


class ClauseFulfilSerializer(serializers.Serializer):
    note = serializers.CharField(
        allow_blank=True,
        required=False,
        default="",
        help_text=gettext_lazy("Where the agreement meets it, for example: section 4. At most 300 characters."),
    )
