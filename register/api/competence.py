"""The counsellor's own competence through the API: profile, credits, CPD hours and status.

Same rules as the pages: querysets are scoped to the person asking (another person's id is a
404), permission classes ask the predicates in ``register.permissions``, and every write goes
through ``register.services``; their ``ValidationError`` becomes a 400 keyed by field
(``core.api.exception_handler``).
"""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from register import services
from register.api.permissions import CanVerifyCPD, CanVerifyCredit, IsOwner, OwnerOrCPDVerifier, OwnerOrVerifier
from register.api.serializers import (
    CompetenceAreaSerializer,
    CPDSerializer,
    CPDWriteSerializer,
    CreditResubmitSerializer,
    CreditSerializer,
    CreditWriteSerializer,
    DecisionNoteSerializer,
    InformationRequestSerializer,
    MeSerializer,
    ProfileWriteSerializer,
    RejectionSerializer,
    RequirementSetSerializer,
    ReversalSerializer,
    StatusSerializer,
)
from register.models import CounsellorProfile, CPDActivity, CreditEntry, CreditStatus, EvidenceLevel, EvidenceReview
from register.permissions import cpd_decidable_by
from register.selectors.api import (
    cpd_of,
    cpd_visible_to,
    credits_of,
    credits_to_decide,
    credits_visible_to,
    requirement_sets_today,
)
from register.selectors.organisation import memberships_of
from register.status import competence_areas, status_for

TAGS = ["competence"]
UPLOAD_PARSERS = [MultiPartParser, FormParser, JSONParser]


def _multipart_or_json(serializer):
    return {"multipart/form-data": serializer, "application/json": serializer}


class MeViewSet(viewsets.GenericViewSet):
    """The signed-in user and their counsellor profile."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = MeSerializer

    def _me(self, user):
        user = (
            get_user_model()
            .objects.select_related("counsellor_profile__county", "counsellor_profile__home_centre")
            .get(pk=user.pk)
        )
        return {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "counsellor_profile": getattr(user, "counsellor_profile", None),
            "memberships": memberships_of(user=user),
        }

    @extend_schema(summary="Who am I: account, counsellor profile and centre roles", tags=TAGS)
    def retrieve(self, request):
        return Response(MeSerializer(self._me(request.user)).data)

    @extend_schema(
        summary="Change my counsellor profile",
        description="Creates the profile if there is none (then workplace type, workplace name and county are "
        "required). The home centre changes through a home centre request, not here.",
        tags=TAGS,
        request=ProfileWriteSerializer,
        responses=MeSerializer,
    )
    def partial_update(self, request):
        incoming = ProfileWriteSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        has_profile = CounsellorProfile.objects.filter(user=request.user).exists()
        if incoming.validated_data or not has_profile:
            services.counsellor_profile_save(user=request.user, **incoming.validated_data)
        return Response(MeSerializer(self._me(request.user)).data)


@extend_schema_view(list=extend_schema(summary="The competence areas of the national standard", tags=TAGS))
class CompetenceAreaViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.AllowAny]
    serializer_class = CompetenceAreaSerializer
    pagination_class = None

    def get_queryset(self):
        return competence_areas()


@extend_schema_view(
    list=extend_schema(summary="The requirement sets in force today, one per workplace type", tags=TAGS)
)
class RequirementSetViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.AllowAny]
    serializer_class = RequirementSetSerializer
    pagination_class = None

    def get_queryset(self):
        return requirement_sets_today()


# Actions on other people's entries, by the verifiers of their home centre.
VERIFIER_ACTIONS = ("verify", "reject", "request_information", "reverse")
# Reading: one's own entries and those one may decide.
READ_ACTIONS = ("list", "retrieve")
CPD_VERIFIER_ACTIONS = ("verify_evidence", "decline_evidence")


class CreditFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CreditStatus.choices)
    to_decide = django_filters.BooleanFilter(
        label=_("Entries to decide"),
        method="filter_to_decide",
        help_text=_("true: only others' entries you may decide as a verifier; false: only your own."),
    )

    class Meta:
        model = CreditEntry
        fields = ["status", "to_decide"]

    def filter_to_decide(self, queryset, name, value):
        mine = Q(owner=self.request.user)
        return queryset.exclude(mine) if value else queryset.filter(mine)


@extend_schema_view(
    list=extend_schema(
        summary="My credit entries, and for verifiers the entries they may decide",
        description="A verifier's queue is `?status=pending&to_decide=true`, the entries the verification page "
        "lists. `owner` says whose entry it is.",
        tags=TAGS,
    ),
    retrieve=extend_schema(summary="One of my credit entries, or one I may decide as a verifier", tags=TAGS),
    create=extend_schema(
        summary="Log a course with its evidence (multipart)",
        tags=TAGS,
        request={"multipart/form-data": CreditWriteSerializer},
        responses={201: CreditSerializer},
    ),
    partial_update=extend_schema(
        summary="Change a pending entry",
        description="Only while the entry is pending; a new evidence file replaces the old one.",
        tags=TAGS,
        request=_multipart_or_json(CreditWriteSerializer),
        responses=CreditSerializer,
    ),
    destroy=extend_schema(summary="Delete a pending entry", tags=TAGS),
    verify=extend_schema(
        summary="Verify an entry (verifiers at the owner's home centre)",
        tags=TAGS,
        request=DecisionNoteSerializer,
        responses=CreditSerializer,
    ),
    reject=extend_schema(
        summary="Reject an entry with a reason (verifiers at the owner's home centre)",
        tags=TAGS,
        request=RejectionSerializer,
        responses=CreditSerializer,
    ),
    request_information=extend_schema(
        summary="Send a pending entry back to its owner with a question (verifiers at the owner's home centre)",
        tags=TAGS,
        request=InformationRequestSerializer,
        responses=CreditSerializer,
    ),
    reverse=extend_schema(
        summary="Reverse your own decision within 14 days, with a reason; the entry is pending again",
        tags=TAGS,
        request=ReversalSerializer,
        responses=CreditSerializer,
    ),
    resubmit=extend_schema(
        summary="Correct a rejected entry, or answer the verifier's question, and send it again",
        description="Any field of the entry may change (a new evidence file replaces the old one); `message` is "
        "required when the verifier asked for more information. The entry is pending again.",
        tags=TAGS,
        request=_multipart_or_json(CreditResubmitSerializer),
        responses=CreditSerializer,
    ),
)
class CreditViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Own entries only; verifiers reach others' entries through ``verify`` and ``reject`` alone."""

    # Only for the schema (its model and id type); requests use get_queryset().
    queryset = CreditEntry.objects.none()
    serializer_class = CreditSerializer
    parser_classes = UPLOAD_PARSERS
    filterset_class = CreditFilter

    def get_queryset(self):
        if self.action in VERIFIER_ACTIONS:
            return credits_to_decide(self.request.user)
        if self.action in READ_ACTIONS:
            return credits_visible_to(self.request.user)
        return credits_of(self.request.user)

    def get_permissions(self):
        if self.action in VERIFIER_ACTIONS:
            return [CanVerifyCredit()]
        if self.action in READ_ACTIONS:
            return [OwnerOrVerifier()]
        return [IsOwner()]

    def create(self, request):
        incoming = CreditWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        entry = services.credit_create(owner=request.user, **incoming.validated_data)
        return Response(CreditSerializer(credits_of(request.user).get(pk=entry.pk)).data, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        entry = self.get_object()
        incoming = CreditWriteSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        services.credit_update(credit=entry, actor=request.user, **incoming.validated_data)
        return Response(CreditSerializer(credits_of(request.user).get(pk=entry.pk)).data)

    def perform_destroy(self, instance):
        services.credit_delete(credit=instance, actor=self.request.user)

    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        entry = self.get_object()
        incoming = DecisionNoteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.credit_verify(credit=entry, verifier=request.user, note=incoming.validated_data["note"])
        return Response(CreditSerializer(self.get_queryset().get(pk=entry.pk)).data)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        entry = self.get_object()
        incoming = RejectionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.credit_reject(credit=entry, verifier=request.user, reason=incoming.validated_data["reason"])
        return Response(CreditSerializer(self.get_queryset().get(pk=entry.pk)).data)

    @action(detail=True, methods=["post"], url_path="request-information")
    def request_information(self, request, pk=None):
        entry = self.get_object()
        incoming = InformationRequestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.credit_request_information(
            credit=entry, verifier=request.user, message=incoming.validated_data["message"]
        )
        return Response(CreditSerializer(self.get_queryset().get(pk=entry.pk)).data)

    @action(detail=True, methods=["post"])
    def reverse(self, request, pk=None):
        entry = self.get_object()
        incoming = ReversalSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.credit_reverse(credit=entry, verifier=request.user, reason=incoming.validated_data["reason"])
        return Response(CreditSerializer(self.get_queryset().get(pk=entry.pk)).data)

    @action(detail=True, methods=["post"])
    def resubmit(self, request, pk=None):
        entry = self.get_object()
        incoming = CreditResubmitSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        services.credit_resubmit(credit=entry, actor=request.user, **incoming.validated_data)
        return Response(CreditSerializer(credits_of(request.user).get(pk=entry.pk)).data)


class CPDFilter(django_filters.FilterSet):
    review = django_filters.ChoiceFilter(
        choices=EvidenceReview.choices,
        help_text="The centre's look at the evidence. For a verifier, review=pending is their evidence queue.",
    )
    evidence_level = django_filters.ChoiceFilter(choices=EvidenceLevel.choices)

    class Meta:
        model = CPDActivity
        fields = ["review", "evidence_level"]


@extend_schema_view(
    list=extend_schema(
        summary="My professional development (CPD) activities, and those whose evidence I may verify",
        tags=TAGS,
    ),
    retrieve=extend_schema(summary="One CPD activity: mine, or one whose evidence I may verify", tags=TAGS),
    create=extend_schema(
        summary="Log professional development hours",
        description="With an evidence file the activity goes to the home centre's verifiers; verified, its hours "
        "count as evidenced. Without, they count as self-declared.",
        tags=TAGS,
        request=_multipart_or_json(CPDWriteSerializer),
        responses={201: CPDSerializer},
    ),
    partial_update=extend_schema(
        summary="Change a self-declared activity (until the centre has verified it)",
        description="A new evidence file goes to the centre for a look (again).",
        tags=TAGS,
        request=_multipart_or_json(CPDWriteSerializer),
        responses=CPDSerializer,
    ),
    destroy=extend_schema(summary="Delete a self-declared activity", tags=TAGS),
    verify_evidence=extend_schema(
        summary="Verify the evidence: the hours count as evidenced (verifiers at the owner's home centre)",
        tags=TAGS,
        request=DecisionNoteSerializer,
        responses=CPDSerializer,
    ),
    decline_evidence=extend_schema(
        summary="Do not accept the evidence, with a reason; the hours stay self-declared",
        tags=TAGS,
        request=RejectionSerializer,
        responses=CPDSerializer,
    ),
)
class CPDViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    queryset = CPDActivity.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = CPDSerializer
    parser_classes = UPLOAD_PARSERS
    filterset_class = CPDFilter

    def get_queryset(self):
        if self.action in CPD_VERIFIER_ACTIONS:
            return cpd_decidable_by(self.request.user).prefetch_related("areas")
        if self.action in READ_ACTIONS:
            return cpd_visible_to(self.request.user)
        return cpd_of(self.request.user)

    def get_permissions(self):
        if self.action in CPD_VERIFIER_ACTIONS:
            return [CanVerifyCPD()]
        if self.action in READ_ACTIONS:
            return [OwnerOrCPDVerifier()]
        return [IsOwner()]

    def create(self, request):
        incoming = CPDWriteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        activity = services.cpd_create(owner=request.user, **incoming.validated_data)
        return Response(CPDSerializer(cpd_of(request.user).get(pk=activity.pk)).data, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        activity = self.get_object()
        incoming = CPDWriteSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        fields = {
            "title": activity.title,
            "date": activity.date,
            "hours": activity.hours,
            "kind": activity.kind,
            "areas": list(activity.areas.all()),
            "reflection": activity.reflection,
            **incoming.validated_data,
        }
        services.cpd_update(activity=activity, actor=request.user, **fields)
        return Response(CPDSerializer(cpd_of(request.user).get(pk=activity.pk)).data)

    def perform_destroy(self, instance):
        services.cpd_delete(activity=instance, actor=self.request.user)

    @action(detail=True, methods=["post"], url_path="verify-evidence")
    def verify_evidence(self, request, pk=None):
        activity = self.get_object()
        incoming = DecisionNoteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.cpd_verify_evidence(activity=activity, verifier=request.user, note=incoming.validated_data["note"])
        return Response(CPDSerializer(self.get_queryset().get(pk=activity.pk)).data)

    @action(detail=True, methods=["post"], url_path="decline-evidence")
    def decline_evidence(self, request, pk=None):
        activity = self.get_object()
        incoming = RejectionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.cpd_decline_evidence(
            activity=activity, verifier=request.user, reason=incoming.validated_data["reason"]
        )
        return Response(CPDSerializer(self.get_queryset().get(pk=activity.pk)).data)


class StatusViewSet(viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = StatusSerializer

    @extend_schema(
        summary="My status against the requirement set in force today",
        description="Always says which requirement set it was measured against (null when none applies).",
        tags=TAGS,
    )
    def retrieve(self, request):
        # Through the serializer, so every number has its one decimal place whatever the database returns.
        return Response(StatusSerializer(status_for(request.user).as_dict()).data)
