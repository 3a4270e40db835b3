"""E-guidance through the API (``/api/v1/guidance/``): asking, the asker's private conversation, the queue.

The asker is anonymous: asking is open to anyone (rate-limited per IP address like the page, in the same
budget), and the conversation is reached with the private token alone; a wrong or deleted token is a 404
with one and the same body, so the API tells nobody which tokens once existed.

The queue is for ``can_see_queue`` (e-guidance counsellors and national administrators; 403 for others).
The list shows no text: a question's text is read only through the detail endpoint, and every read there
is logged (``services.question_open``). Every write goes through ``guidance.services``; their
``ValidationError`` becomes a 400 and their ``PermissionDenied`` a 403 (``core.api.exception_handler``),
except a lost claim, which is a 409.
"""

import django_filters
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api import RateLimited
from guidance import selectors, services
from guidance.api.serializers import (
    PRIVATE,
    TAGS,
    GuidanceAnswerSerializer,
    GuidanceAskResultSerializer,
    GuidanceAskSerializer,
    GuidanceConversationSerializer,
    GuidanceErrorSerializer,
    GuidanceFollowUpSerializer,
    GuidanceQueueItemSerializer,
    GuidanceQueueQuestionSerializer,
    GuidanceRateSerializer,
    not_found_message,
)
from guidance.models import WAITING, Question, Topic
from guidance.permissions import access_question, can_see_queue, has_claimed
from register.models import County

# Filters and permissions


class QueueFilter(django_filters.FilterSet):
    topic = django_filters.ChoiceFilter(choices=Topic.choices)
    county = django_filters.ModelChoiceFilter(
        queryset=County.objects.all(), to_field_name="number", help_text=gettext_lazy("County number, e.g. 46.")
    )

    class Meta:
        model = Question
        fields = ["topic", "county"]


class CanSeeQueue(permissions.IsAuthenticated):
    """E-guidance counsellors and national administrators (``guidance.permissions.can_see_queue``)."""

    message = gettext_lazy("Only e-guidance counsellors see the questions.")

    def has_permission(self, request, view):
        return super().has_permission(request, view) and can_see_queue(request.user)


# The asker's side


@extend_schema_view(
    create=extend_schema(
        summary="Ask a question (anonymous)",
        description="Stores the question and starts the promise clock. Answers the private token and link: they "
        "are the only way back to the conversation. ``consent`` must be true and ``website`` empty. Refused with "
        "the reasons per field (400, nothing stored); more than "
        f"{settings.GUIDANCE_QUESTIONS_PER_HOUR} questions an hour from one address are refused (429), "
        "the question page's questions included.",
        tags=TAGS,
        request=GuidanceAskSerializer,
        responses={
            201: GuidanceAskResultSerializer,
            400: OpenApiResponse(description="The reasons, per field."),
            429: OpenApiResponse(GuidanceErrorSerializer, description="Too many questions from this address."),
        },
    )
)
class QuestionAskViewSet(viewsets.GenericViewSet):
    permission_classes = [permissions.AllowAny]
    serializer_class = GuidanceAskSerializer

    def create(self, request):
        incoming = GuidanceAskSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        # The question page's budget, far stricter than the general throttles and shared with the page. Counted
        # once the input is valid (so not a DRF throttle class, which runs before): a typo does not use up the
        # asker's budget, and nothing is stored beyond the limit.
        if not services.ask_rate_limit_hit(request):
            raise RateLimited(
                wait=services.ASK_RATE_PERIOD,
                detail=_(
                    "You have sent many questions in a short time. Wait an hour and try again, or call your "
                    "county's career centre."
                ),
            )
        data = incoming.validated_data
        question = services.question_ask(
            text=data["text"],
            topic=data["topic"],
            county=data["county"],
            age_group=data["age_group"],
            email=data["email"],
        )
        result = {
            "token": question.token,
            "url": request.build_absolute_uri(services.question_url(question)),
            "api_url": request.build_absolute_uri(
                reverse("guidance-conversation-detail", kwargs={"token": question.token})
            ),
            "status": question.status,
            "due_at": question.due_at,
        }
        return Response(GuidanceAskResultSerializer(result).data, status=status.HTTP_201_CREATED, headers=PRIVATE)


TOKEN_PARAMETER = OpenApiParameter(
    "token", OpenApiTypes.STR, OpenApiParameter.PATH, description="The private token from asking."
)
REFUSED = OpenApiResponse(description="The reason.")
NOT_FOUND = OpenApiResponse(GuidanceErrorSerializer, description="Wrong or deleted token (always the same body).")


@extend_schema_view(
    retrieve=extend_schema(
        summary="The conversation behind a private token",
        description="The question, the answer (Markdown and sanitised HTML), the follow-up, the status and the "
        "due time while waiting, and the contact details of a centre the counsellor referred to.",
        tags=TAGS,
        parameters=[TOKEN_PARAMETER],
        responses={200: GuidanceConversationSerializer, 404: NOT_FOUND},
    ),
    destroy=extend_schema(
        summary="Delete the conversation now",
        description="The question, the answers, the notes and the e-mail address are deleted at once; only the "
        "anonymous figures stay. The token stops working.",
        tags=TAGS,
        parameters=[TOKEN_PARAMETER],
        responses={204: None, 404: NOT_FOUND},
    ),
    follow_up=extend_schema(
        summary="Ask one follow-up question",
        description="Once, after the answer; it goes back to the counsellor who answered, with a new due time. "
        "Refused (400) before the answer or after a first follow-up.",
        tags=TAGS,
        parameters=[TOKEN_PARAMETER],
        request=GuidanceFollowUpSerializer,
        responses={
            200: GuidanceConversationSerializer,
            400: OpenApiResponse(description="The reason."),
            404: NOT_FOUND,
        },
    ),
    rate=extend_schema(
        summary="Say whether the answer helped",
        description="May be changed later. Refused (400) before there is an answer.",
        tags=TAGS,
        parameters=[TOKEN_PARAMETER],
        request=GuidanceRateSerializer,
        responses={
            200: GuidanceConversationSerializer,
            400: OpenApiResponse(description="The reason."),
            404: NOT_FOUND,
        },
    ),
)
class ConversationViewSet(viewsets.GenericViewSet):
    permission_classes = [permissions.AllowAny]
    serializer_class = GuidanceConversationSerializer
    queryset = Question.objects.none()  # the schema's model; requests use the token
    lookup_field = "token"
    lookup_value_regex = "[A-Za-z0-9_-]+"

    def _question(self, token):
        return selectors.question_for_token(token)

    def _not_found(self):
        return Response({"detail": not_found_message()}, status=status.HTTP_404_NOT_FOUND, headers=PRIVATE)

    def _conversation(self, question):
        # Read again after a write, with the conversation's messages in one query.
        fresh = Question.objects.select_related("record", "referred_to").prefetch_related("messages")
        return Response(GuidanceConversationSerializer(fresh.get(pk=question.pk)).data, headers=PRIVATE)

    def retrieve(self, request, token=None):
        question = self._question(token)
        return self._not_found() if question is None else self._conversation(question)

    def destroy(self, request, token=None):
        question = self._question(token)
        if question is None:
            return self._not_found()
        services.question_delete(question=question)
        return Response(status=status.HTTP_204_NO_CONTENT, headers=PRIVATE)

    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request, token=None):
        question = self._question(token)
        if question is None:
            return self._not_found()
        incoming = GuidanceFollowUpSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.question_follow_up(question=question, text=incoming.validated_data["text"])
        return self._conversation(question)

    @action(detail=True, methods=["post"])
    def rate(self, request, token=None):
        question = self._question(token)
        if question is None:
            return self._not_found()
        incoming = GuidanceRateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.question_rate(question=question, helpful=incoming.validated_data["helpful"])
        return self._conversation(question)


# The counsellors' side

QUEUE_ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)
CLAIM_CONFLICT = OpenApiResponse(GuidanceErrorSerializer, description="Another counsellor has it, or it is answered.")
NOT_MINE = OpenApiResponse(GuidanceErrorSerializer, description="Not claimed by me (or not a counsellor).")


@extend_schema_view(
    list=extend_schema(
        summary="The queue: questions waiting for an answer",
        description="Open and claimed questions, the earliest due first, without their text (read a question "
        "through its own endpoint, which logs the access). For e-guidance counsellors and national "
        "administrators; 403 for others.",
        tags=TAGS,
    ),
    retrieve=extend_schema(
        summary="One question with its conversation and notes",
        description="Any question, waiting or answered. Every read is logged with who and when.",
        tags=TAGS,
        parameters=[QUEUE_ID],
        responses=GuidanceQueueQuestionSerializer,
    ),
    claim=extend_schema(
        summary="Claim a question to answer it",
        description="Of two counsellors claiming at once, one wins; the other gets a 409 with the reason.",
        tags=TAGS,
        parameters=[QUEUE_ID],
        request=None,
        responses={200: GuidanceQueueItemSerializer, 409: CLAIM_CONFLICT},
    ),
    release=extend_schema(
        summary="Put a claimed question back in the queue",
        description="Only by the counsellor who claimed it (403 for others).",
        tags=TAGS,
        parameters=[QUEUE_ID],
        request=None,
        responses={200: GuidanceQueueItemSerializer, 403: NOT_MINE},
    ),
    answer=extend_schema(
        summary="Answer a question I have claimed",
        description="Markdown. With ``refer_to`` (a centre from ``referral_centres``) the asker sees that "
        "centre's contact details. The asker is e-mailed the private link only. 403 unless I have claimed it.",
        tags=TAGS,
        parameters=[QUEUE_ID],
        request=GuidanceAnswerSerializer,
        responses={200: GuidanceQueueItemSerializer, 400: OpenApiResponse(description="The reasons."), 403: NOT_MINE},
    ),
)
class QueueViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [CanSeeQueue]
    serializer_class = GuidanceQueueItemSerializer
    filterset_class = QueueFilter
    queryset = Question.objects.none()  # the schema's model; requests use get_queryset()
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        waiting = Question.objects.filter(status__in=WAITING)
        return waiting.select_related("county", "claimed_by", "record").order_by("due_at", "pk")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}

    def _question(self, pk):
        return access_question(self.request.user, pk, Question.objects.select_related("county", "claimed_by", "record"))

    def _item(self, question):
        return Response(
            GuidanceQueueItemSerializer(self._question(question.pk), context=self.get_serializer_context()).data
        )

    def retrieve(self, request, pk=None):
        question = access_question(
            request.user,
            pk,
            Question.objects.select_related("county", "claimed_by", "record", "referred_to").prefetch_related(
                "messages__author", "notes__author"
            ),
        )
        services.question_open(question=question, user=request.user)
        return Response(GuidanceQueueQuestionSerializer(question, context=self.get_serializer_context()).data)

    @action(detail=True, methods=["post"], filter_backends=[])
    def claim(self, request, pk=None):
        question = self._question(pk)
        try:
            services.question_claim(question=question, counsellor=request.user)
        except services.ClaimConflict as conflict:
            return Response({"detail": conflict.messages[0]}, status=status.HTTP_409_CONFLICT)
        return self._item(question)

    @action(detail=True, methods=["post"], filter_backends=[])
    def release(self, request, pk=None):
        question = self._question(pk)
        services.question_release(question=question, counsellor=request.user)
        return self._item(question)

    @action(detail=True, methods=["post"], filter_backends=[])
    def answer(self, request, pk=None):
        question = self._question(pk)
        # The claim is checked before the input, so nobody learns anything from a 400 on a question not theirs;
        # the service checks it again under the row lock (and says so if it is answered already).
        if not has_claimed(request.user, question):
            return Response(
                {"detail": _("Only the counsellor who claimed the question may answer it.")},
                status=status.HTTP_403_FORBIDDEN,
            )
        incoming = GuidanceAnswerSerializer(data=request.data, question=question)
        incoming.is_valid(raise_exception=True)
        services.question_answer(
            question=question,
            counsellor=request.user,
            body=incoming.validated_data["body"],
            refer_to=incoming.validated_data.get("refer_to"),
        )
        return self._item(question)
