"""Agreements, read (in a list and whole) and written (created, changed, the signed document uploaded)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from partnerships.api.serializers.fields import once_each, person_name, renewal_field, status_field
from partnerships.api.serializers.rows import (
    ContactSerializer,
    ContactWriteSerializer,
    DeliveredActivitySerializer,
    ObligationSerializer,
    ObligationWriteSerializer,
    PartySerializer,
    PartyWriteSerializer,
)
from partnerships.models import Agreement
from partnerships.selectors import clause_check
from register.api.serializers import CountyNumberField, UploadField
from register.models import Centre, County


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


class AgreementDocumentSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    content_type = serializers.CharField(read_only=True, help_text=gettext_lazy("PDF, PNG or JPEG."))
    url = serializers.URLField(
        read_only=True, help_text=gettext_lazy("Download it here, with the same credentials (never a public link).")
    )


class AgreementSummarySerializer(serializers.ModelSerializer):
    """An agreement in a list. Expects ``centre``, ``county``, ``parties`` and ``fulfilments`` loaded
    (``selectors.agreements_with_clauses``)."""

    url = serializers.SerializerMethodField(help_text=gettext_lazy("The agreement's page."))
    api_url = serializers.SerializerMethodField(help_text=gettext_lazy("The agreement in this API."))
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
            "api_url",
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
        return self.context["request"].build_absolute_uri(agreement.get_absolute_url())

    def get_api_url(self, agreement) -> str:
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
