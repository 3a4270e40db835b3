"""Serializers for the competence register API: they shape data; the services keep the rules.

Input serializers only check the form of a value (a number, a date, a file); ranges, dates in
the future, unknown areas and file contents are refused by the services, so the API and the
pages give the same messages.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from register.cpd import Standing
from register.models import (
    ActivityKind,
    AuditItem,
    AuditOutcome,
    AuditRound,
    Centre,
    CompetenceArea,
    CompetenceStatement,
    CounsellorProfile,
    County,
    CPDActivity,
    CPDCycle,
    CreditEntry,
    Membership,
    RequirementSet,
    WorkplaceType,
)
from register.services.statements import format_code

# Areas travel as ids, in and out; ``GET /competence-areas/`` says what each id is.
AREA_IDS_HELP = "Ids of competence areas, as listed by /competence-areas/."


@extend_schema_field(OpenApiTypes.BINARY)
class UploadField(serializers.FileField):
    """An uploaded file (multipart/form-data). Its content is checked by the service."""


# The ranges the services check, written into the schema, so a client (or a fuzzer) knows what is taken.
# One decimal place, as the register stores them.
CREDITS_PATTERN = r"^(0\.[1-9]|([1-9]|[1-5][0-9])(\.[0-9])?|60(\.0)?)$"
HOURS_PATTERN = r"^(0\.[1-9]|([1-9]|[1-9][0-9])(\.[0-9])?|100(\.0)?)$"
COUNTY_NUMBER_PATTERN = r"^[0-9]{2}$"


@extend_schema_field({"type": "string", "format": "decimal", "pattern": CREDITS_PATTERN})
class CreditsField(serializers.DecimalField):
    """Studiepoeng, > 0 and <= 60, one decimal place; the service says so when they are not."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=None, decimal_places=None, **kwargs)


@extend_schema_field({"type": "string", "format": "decimal", "pattern": HOURS_PATTERN})
class HoursField(serializers.DecimalField):
    """Hours, > 0 and <= 100, one decimal place; the service says so when they are not."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=None, decimal_places=None, **kwargs)


@extend_schema_field({"type": "array", "items": {"type": "integer"}, "minItems": 1})
class AreaIdsField(serializers.ListField):
    """At least one competence area id; the service says so when there is none."""


@extend_schema_field({"type": "string", "pattern": COUNTY_NUMBER_PATTERN})
class CountyNumberField(serializers.SlugRelatedField):
    """A county by its two-digit number."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="number", queryset=County.objects.all(), **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 365})
class ValidDaysField(serializers.IntegerField):
    """How long a competence statement is valid, 1 to 365 days; the service says so when it is not."""


def _area_ids(obj):
    # ``areas`` is prefetched by the selectors; ids from the cache cost no query.
    return [area.pk for area in obj.areas.all()]


# reference data


class CompetenceAreaSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="In the language of the request.")
    description = serializers.CharField(read_only=True, help_text="In the language of the request.")

    class Meta:
        model = CompetenceArea
        fields = ["id", "number", "name", "description", "name_nb", "name_en", "description_nb", "description_en"]


class AreaBriefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = CompetenceArea
        fields = ["id", "number", "name"]


class RequirementSetSerializer(serializers.ModelSerializer):
    required_areas = AreaBriefSerializer(many=True, read_only=True)

    class Meta:
        model = RequirementSet
        fields = [
            "id",
            "name",
            "workplace_type",
            "effective_from",
            "min_credits",
            "min_core_credits",
            "required_areas",
            "cpd_hours",
            "notes",
        ]


# me


class ProfileSerializer(serializers.ModelSerializer):
    county = serializers.SlugRelatedField(slug_field="number", read_only=True)
    home_centre = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = CounsellorProfile
        fields = ["workplace_type", "workplace_name", "county", "job_title", "position_percentage", "home_centre"]


class MembershipSerializer(serializers.ModelSerializer):
    centre = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Membership
        fields = ["centre", "role"]


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    email = serializers.EmailField(read_only=True)
    full_name = serializers.CharField(read_only=True)
    counsellor_profile = ProfileSerializer(read_only=True, allow_null=True)
    memberships = MembershipSerializer(many=True, read_only=True)


class ProfileWriteSerializer(serializers.Serializer):
    """The profile fields a counsellor changes themselves.

    The home centre is not among them: it changes through a request the centre's admin approves.
    """

    workplace_type = serializers.ChoiceField(choices=WorkplaceType.choices, required=False)
    workplace_name = serializers.CharField(max_length=200, required=False)
    county = CountyNumberField(required=False, help_text="County number, e.g. 46.")
    job_title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    # The database constraint would answer with its own name; say it at the field instead.
    position_percentage = serializers.IntegerField(min_value=1, max_value=100, required=False, allow_null=True)


# credits


class OwnerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="__str__")


class CreditSerializer(serializers.ModelSerializer):
    areas = serializers.SerializerMethodField(help_text=AREA_IDS_HELP)
    owner = OwnerSerializer(read_only=True, help_text="Whose entry it is: you, or for a verifier a counsellor.")

    class Meta:
        model = CreditEntry
        fields = [
            "id",
            "owner",
            "title",
            "institution",
            "course_code",
            "credits",
            "completed_on",
            "areas",
            "status",
            "evidence_name",
            "evidence_type",
            "created_at",
            "decided_at",
            "decision_reason",
        ]
        read_only_fields = fields

    def get_areas(self, obj) -> list[int]:
        return _area_ids(obj)


class CreditWriteSerializer(serializers.Serializer):
    title = serializers.CharField()
    institution = serializers.CharField()
    course_code = serializers.CharField(required=False, allow_blank=True)
    # No bounds here: the service says "more than 0 and at most 60" the same way the pages do.
    credits = CreditsField(help_text="Studiepoeng, > 0 and <= 60.")
    completed_on = serializers.DateField(help_text="Not in the future.")
    areas = AreaIdsField(child=serializers.IntegerField(), help_text=AREA_IDS_HELP)
    evidence = UploadField(help_text="PDF, PNG or JPEG, at most 10 MB; the type is read from the content.")


class CreditResubmitSerializer(CreditWriteSerializer):
    """A rejected entry corrected, or a question answered: any field of the entry, and a message."""

    message = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="To the verifier. Required when the verifier asked for more information.",
    )


INFO_REQUIRED = _("Write what the counsellor must add or explain.")
REVERSAL_REQUIRED = _("Say why the decision is reversed.")


class InformationRequestSerializer(serializers.Serializer):
    message = serializers.CharField(
        help_text="What the counsellor must add or explain.",
        error_messages={"required": INFO_REQUIRED, "blank": INFO_REQUIRED, "null": INFO_REQUIRED},
    )


class ReversalSerializer(serializers.Serializer):
    reason = serializers.CharField(
        help_text="Why your decision is reversed.",
        error_messages={"required": REVERSAL_REQUIRED, "blank": REVERSAL_REQUIRED, "null": REVERSAL_REQUIRED},
    )


class DecisionNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


# The service's message, so the parser and the service refuse a missing reason in the same words.
REASON_REQUIRED = _("Say why the entry is rejected, so the counsellor can put it right.")


class RejectionSerializer(serializers.Serializer):
    # Required here too, so that the schema says so (a fuzzer sending none was refused by the service).
    reason = serializers.CharField(
        help_text="Why the entry is rejected.",
        error_messages={"required": REASON_REQUIRED, "blank": REASON_REQUIRED, "null": REASON_REQUIRED},
    )


# CPD


class CPDSerializer(serializers.ModelSerializer):
    areas = serializers.SerializerMethodField(help_text=AREA_IDS_HELP)
    owner = OwnerSerializer(read_only=True, help_text="Whose activity it is (a verifier sees others').")

    class Meta:
        model = CPDActivity
        fields = [
            "id",
            "owner",
            "title",
            "date",
            "hours",
            "kind",
            "areas",
            "reflection",
            "evidence_name",
            "evidence_type",
            "source",
            "evidence_level",
            "review",
            "review_note",
            "reviewed_at",
            "created_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "evidence_level": {"help_text": "self_declared, evidenced (file verified by the centre) or attended."},
            "review": {"help_text": "The centre's look at the evidence: '' (none sent), pending, verified, declined."},
        }

    def get_areas(self, obj) -> list[int]:
        return _area_ids(obj)


class CPDWriteSerializer(serializers.Serializer):
    title = serializers.CharField()
    date = serializers.DateField(help_text="Not in the future.")
    hours = HoursField(help_text="Hours, > 0 and <= 100.")
    kind = serializers.ChoiceField(choices=ActivityKind.choices)
    areas = serializers.ListField(child=serializers.IntegerField(), required=False, help_text=AREA_IDS_HELP)
    reflection = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    evidence = UploadField(required=False, help_text="Optional. PDF, PNG or JPEG, at most 10 MB.")


# status (the shape of Status.as_dict(); documentation for a dict built by register.status)


class StatusRequirementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    workplace_type = serializers.ChoiceField(choices=WorkplaceType.choices)
    effective_from = serializers.DateField()
    min_credits = serializers.DecimalField(max_digits=5, decimal_places=1)
    min_core_credits = serializers.DecimalField(max_digits=5, decimal_places=1)
    cpd_hours = serializers.DecimalField(max_digits=5, decimal_places=1, help_text="Hours per cycle.")
    cpd_min_evidenced_hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, help_text="Of which evidenced or attended."
    )
    cpd_cycle = serializers.ChoiceField(choices=CPDCycle.choices)
    cpd_cycle_months = serializers.IntegerField()


class MissingAreaSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()


class StatusSerializer(serializers.Serializer):
    measured_on = serializers.DateField()
    requirement_set = StatusRequirementSerializer(allow_null=True, help_text="The set the status is measured against.")
    verified_credits = serializers.DecimalField(max_digits=7, decimal_places=1)
    pending_credits = serializers.DecimalField(max_digits=7, decimal_places=1)
    missing_credits = serializers.DecimalField(max_digits=7, decimal_places=1)
    core_credits = serializers.DecimalField(max_digits=7, decimal_places=1)
    missing_core_credits = serializers.DecimalField(max_digits=7, decimal_places=1)
    missing_areas = MissingAreaSerializer(many=True)
    cpd_counted_from = serializers.DateField(help_text="The first day whose hours count (window or period start).")
    cpd_hours_in_cycle = serializers.DecimalField(max_digits=7, decimal_places=1)
    cpd_hours_by_level = serializers.DictField(
        child=serializers.DecimalField(max_digits=7, decimal_places=1),
        help_text="Hours in the cycle per evidence level: self_declared, evidenced, attended.",
    )
    cpd_hours_required = serializers.DecimalField(max_digits=7, decimal_places=1)
    cpd_backed_hours = serializers.DecimalField(max_digits=7, decimal_places=1, help_text="Evidenced or attended.")
    cpd_backed_hours_required = serializers.DecimalField(max_digits=7, decimal_places=1)
    meets = serializers.BooleanField()
    standing = serializers.ChoiceField(choices=Standing.choices, allow_null=True)
    standing_date = serializers.DateField(
        allow_null=True, help_text="The day a meets_until standing lapses, or a lapsed one lapsed."
    )
    would_meet_when_verified = serializers.BooleanField()


# counsellors (a centre's network)


class NetworkRoleSerializer(serializers.Serializer):
    centre = serializers.CharField(source="centre.slug", help_text="Centre slug.")
    role = serializers.CharField()


class CounsellorSerializer(serializers.ModelSerializer):
    """A counsellor profile annotated by ``register.status.annotate_status``."""

    user_id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="user.full_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    county = serializers.SlugRelatedField(slug_field="number", read_only=True)
    home_centre = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    staff_roles = NetworkRoleSerializer(
        source="user.network_memberships", many=True, read_only=True, help_text="Roles held at your centres."
    )
    verified_credits = serializers.DecimalField(max_digits=7, decimal_places=1, read_only=True)
    pending_credits = serializers.DecimalField(max_digits=7, decimal_places=1, read_only=True)
    core_credits = serializers.DecimalField(max_digits=7, decimal_places=1, read_only=True)
    cpd_hours = serializers.DecimalField(
        max_digits=7, decimal_places=1, read_only=True, help_text="In the cycle of the requirement set."
    )
    cpd_backed_hours = serializers.DecimalField(
        max_digits=7, decimal_places=1, read_only=True, help_text="Of those, evidenced or attended."
    )
    covered_required_areas = serializers.IntegerField(read_only=True)
    required_area_count = serializers.IntegerField(read_only=True)
    min_credits = serializers.DecimalField(max_digits=7, decimal_places=1, read_only=True, allow_null=True)
    cpd_required = serializers.DecimalField(max_digits=7, decimal_places=1, read_only=True, allow_null=True)
    meets_requirement = serializers.BooleanField(read_only=True)
    standing = serializers.ChoiceField(choices=Standing.choices, read_only=True, allow_null=True)
    has_pending = serializers.SerializerMethodField()

    class Meta:
        model = CounsellorProfile
        fields = [
            "user_id",
            "name",
            "email",
            "workplace_type",
            "workplace_name",
            "county",
            "home_centre",
            "staff_roles",
            "verified_credits",
            "pending_credits",
            "core_credits",
            "cpd_hours",
            "cpd_backed_hours",
            "covered_required_areas",
            "required_area_count",
            "min_credits",
            "cpd_required",
            "meets_requirement",
            "standing",
            "has_pending",
        ]
        read_only_fields = fields

    def get_has_pending(self, obj) -> bool:
        return obj.pending_credits > 0


# statements


class StatementSerializer(serializers.ModelSerializer):
    code = serializers.SerializerMethodField(help_text="Grouped in fours, as the holder hands it on.")
    state = serializers.SerializerMethodField()
    lookup_count = serializers.IntegerField(read_only=True, help_text="How many times the code was checked.")
    last_lookup_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = CompetenceStatement
        fields = [
            "id",
            "code",
            "state",
            "holder_name",
            "created_at",
            "expires_on",
            "revoked_at",
            "lookup_count",
            "last_lookup_at",
        ]
        read_only_fields = fields

    def get_code(self, obj) -> str:
        return format_code(obj.code)

    def get_state(self, obj) -> str:
        if obj.is_revoked:
            return "revoked"
        return "expired" if obj.is_expired else "valid"


class StatementIssueSerializer(serializers.Serializer):
    valid_days = ValidDaysField(required=False, help_text="1 to 365; 90 when left out.")


class SnapshotEntrySerializer(serializers.Serializer):
    title = serializers.CharField()
    institution = serializers.CharField()
    course_code = serializers.CharField()
    credits = serializers.DecimalField(max_digits=3, decimal_places=1)
    completed_on = serializers.DateField()
    areas = serializers.ListField(child=serializers.IntegerField(), help_text="Competence area numbers.")
    verified_at = serializers.DateTimeField(allow_null=True)


class VerifyResultSerializer(serializers.Serializer):
    """Documentation of the /verify/{code}/ answer (built as a dict)."""

    outcome = serializers.ChoiceField(choices=["valid", "expired", "revoked", "unknown"])
    detail = serializers.CharField()
    issued_at = serializers.DateTimeField(required=False)
    expires_on = serializers.DateField(required=False)
    revoked_at = serializers.DateTimeField(required=False, allow_null=True)
    holder_name = serializers.CharField(required=False, help_text="Only while the statement is valid.")
    entries = SnapshotEntrySerializer(many=True, required=False, help_text="Only while the statement is valid.")
    status_at_issue = StatusSerializer(required=False, help_text="Only while the statement is valid.")
    status_today = StatusSerializer(required=False, help_text="Only while the statement is valid.")


# evidence audits


class AuditRoundSerializer(serializers.ModelSerializer):
    centre = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    drawn_count = serializers.SerializerMethodField()
    population_count = serializers.SerializerMethodField()

    class Meta:
        model = AuditRound
        fields = [
            "id",
            "centre",
            "kind",
            "label",
            "drawn_at",
            "share",
            "seed",
            "population",
            "drawn",
            "deadline",
            "drawn_count",
            "population_count",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "population": {"help_text": "Every key that could be drawn, in order: credit:<id> or cpd:<id>."},
            "drawn": {"help_text": "random.Random(seed).sample(population, drawn_count) gives this list."},
        }

    def get_drawn_count(self, obj) -> int:
        return len(obj.drawn)

    def get_population_count(self, obj) -> int:
        return len(obj.population)


class AuditDrawSerializer(serializers.Serializer):
    centre = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Centre.objects.all(),
        help_text="Centre slug. Only its admins (and national admins) may draw.",
    )
    share = serializers.DecimalField(
        max_digits=4,
        decimal_places=3,
        min_value=Decimal("0.01"),
        max_value=Decimal("1"),
        required=False,
        help_text="The share to draw, 0.01 to 1 (default 0.10). At least one entry is drawn.",
    )


class AuditItemSerializer(serializers.ModelSerializer):
    round = serializers.PrimaryKeyRelatedField(read_only=True)
    owner = OwnerSerializer(read_only=True)
    deadline = serializers.DateField(source="round.deadline", read_only=True)
    unanswered = serializers.BooleanField(read_only=True, help_text="No evidence by the deadline: it stops counting.")

    class Meta:
        model = AuditItem
        fields = [
            "id",
            "round",
            "owner",
            "credit",
            "activity",
            "outcome",
            "unanswered",
            "deadline",
            "evidence_name",
            "evidence_type",
            "message",
            "submitted_at",
            "decided_at",
            "reason",
        ]
        read_only_fields = fields


class AuditEvidenceSerializer(serializers.Serializer):
    evidence = UploadField(help_text="PDF, PNG or JPEG, at most 10 MB; the type is read from the content.")
    message = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")


class AuditDecisionSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[AuditOutcome.CONFIRMED, AuditOutcome.NOT_CONFIRMED])
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Required when not confirmed."
    )
