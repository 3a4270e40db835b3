"""Serializers for the partnership agreements API: they shape data; ``partnerships.services`` keeps the rules.

Input serializers check only the form of a value (a date, a number, a choice); blank names, an organisation
number's check digit, a negative amount, an end before the start are refused by the services, so the API and
the pages give the same messages (``views.service_errors`` puts a row's messages under its list and position).

Context: ``request`` for the links, and ``clauses`` (the active guideline clauses, read once per request) for
``meets_guidelines``.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import EnumField
from partnerships.models import (
    Agreement,
    AgreementChange,
    AgreementStatus,
    Contact,
    DeliveredActivity,
    DeliveryStatus,
    Frequency,
    GuidelineClause,
    Obligation,
    PartnerType,
    Party,
    Renewal,
    Review,
    ReviewItem,
    Side,
    Unit,
)
from partnerships.selectors import clause_check
from register.api.serializers import CountyNumberField, UploadField
from register.models import Centre, County

TAGS = ["partnerships"]


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


# Reading


class AgreementCentreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Centre
        fields = ["id", "slug", "name"]
        read_only_fields = fields


class AgreementCountySerializer(serializers.ModelSerializer):
    class Meta:
        model = County
        fields = ["number", "name"]
        read_only_fields = fields


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


class AgreementDocumentSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    content_type = serializers.CharField(read_only=True, help_text=gettext_lazy("PDF, PNG or JPEG."))
    url = serializers.URLField(
        read_only=True, help_text=gettext_lazy("Download it here, with the same credentials (never a public link).")
    )


class AgreementSummarySerializer(serializers.ModelSerializer):
    """An agreement in a list. Expects ``centre``, ``county``, ``parties`` and ``fulfilments`` loaded
    (``selectors.agreements_with_clauses``)."""

    url = serializers.SerializerMethodField(help_text=gettext_lazy("The agreement in this API."))
    centre = AgreementCentreSerializer(
        read_only=True, allow_null=True, help_text=gettext_lazy("Null for an agreement binding the whole county.")
    )
    county = AgreementCountySerializer(read_only=True)
    status = status_field(read_only=True)
    renewal = renewal_field(read_only=True)
    notice_deadline = serializers.DateField(
        read_only=True, allow_null=True, help_text=gettext_lazy("The last day notice can be given.")
    )
    parties = PartySerializer(many=True, read_only=True)
    meets_guidelines = serializers.SerializerMethodField(
        help_text=gettext_lazy("Meets every guideline clause required for its partners' types.")
    )

    class Meta:
        model = Agreement
        fields = [
            "id",
            "url",
            "title",
            "centre",
            "county",
            "status",
            "start_date",
            "end_date",
            "notice_months",
            "notice_deadline",
            "renewal",
            "parties",
            "meets_guidelines",
        ]
        read_only_fields = fields

    def get_url(self, agreement) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("partnership-agreement-detail", kwargs={"pk": agreement.pk})
        )

    def get_meets_guidelines(self, agreement) -> bool:
        return clause_check(agreement, self.context["clauses"]).meets_guidelines


class AgreementSerializer(AgreementSummarySerializer):
    """Every term of one agreement, for those who may manage it. Expects ``selectors.agreement_for_page``."""

    obligations = ObligationSerializer(many=True, read_only=True)
    contacts = ContactSerializer(many=True, read_only=True)
    activities = DeliveredActivitySerializer(
        many=True, read_only=True, help_text=gettext_lazy("Events and more delivered under the agreement.")
    )
    document = serializers.SerializerMethodField(help_text=gettext_lazy("The signed document; null until uploaded."))
    created_by = serializers.SerializerMethodField()

    class Meta(AgreementSummarySerializer.Meta):
        fields = [
            *AgreementSummarySerializer.Meta.fields,
            "purpose",
            "obligations",
            "contacts",
            "activities",
            "document",
            "created_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(AgreementDocumentSerializer(allow_null=True))
    def get_document(self, agreement):
        if not agreement.document:
            return None
        url = reverse("partnership-agreement-document", kwargs={"pk": agreement.pk})
        return {
            "name": agreement.document_name,
            "content_type": agreement.document_type,
            "url": self.context["request"].build_absolute_uri(url),
        }

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_created_by(self, agreement):
        return person_name(agreement.created_by)


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


# Writing


ROW_ID_HELP = gettext_lazy("An existing row's id: that row is kept and changed. Leave it out for a new row.")


@extend_schema_field({"type": "string", "pattern": r"^([0-9]{9})?$"})
class OrganisationNumberField(serializers.CharField):
    """Nine digits with a valid mod-11 check digit, or blank; the service says so when it is not."""


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


class AgreementWriteSerializer(serializers.Serializer):
    """An agreement's terms and its three lists. A list left out stays as it is; a list given is the whole list:
    rows with an ``id`` are kept and changed, rows without one are added, rows left out are removed."""

    title = serializers.CharField(allow_blank=True)
    purpose = serializers.CharField(allow_blank=True)
    start_date = serializers.DateField()
    end_date = serializers.DateField(
        required=False, allow_null=True, help_text=gettext_lazy("Null: until it is terminated.")
    )
    notice_months = serializers.IntegerField(
        required=False, help_text=gettext_lazy("Notice period in months; none (0) if left out of a new agreement.")
    )
    renewal = renewal_field(required=False)
    status = status_field(
        required=False,
        help_text=gettext_lazy(
            "draft, active or ended; an agreement in force is expiring or expired as its dates say. Sending its "
            "current status back changes nothing."
        ),
    )
    parties = PartyWriteSerializer(many=True, help_text=gettext_lazy("At least one partner."))
    obligations = ObligationWriteSerializer(many=True, required=False)
    contacts = ContactWriteSerializer(many=True, required=False)

    def validate_parties(self, rows):
        return once_each(rows, "id", _("This row is given twice: each id may come once."))

    def validate_obligations(self, rows):
        return once_each(rows, "id", _("This row is given twice: each id may come once."))

    def validate_contacts(self, rows):
        return once_each(rows, "id", _("This row is given twice: each id may come once."))


class AgreementCreateSerializer(AgreementWriteSerializer):
    centre = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Centre.objects.all(),
        required=False,
        allow_null=True,
        help_text=gettext_lazy("The centre's slug; leave out for a county-wide agreement."),
    )
    county = CountyNumberField(
        required=False,
        allow_null=True,
        help_text=gettext_lazy("For a county-wide agreement: the county's number, for example 03 for Oslo."),
    )

    def validate(self, attrs):
        centre, county = attrs.get("centre"), attrs.get("county")
        if centre is None and county is None:
            raise serializers.ValidationError(
                {"centre": [_("Give the centre, or the county for an agreement binding all its centres.")]}
            )
        if centre is not None and county is not None and centre.county_id != county.pk:
            raise serializers.ValidationError({"county": [_("The centre is in another county.")]})
        return attrs


class DocumentUploadSerializer(serializers.Serializer):
    document = UploadField(
        help_text=gettext_lazy(
            "The signed agreement: PDF, PNG or JPEG, at most 10 MB; the type is read from the content. Replaces "
            "the one before."
        )
    )


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
