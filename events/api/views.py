"""Events through the API (``/api/v1/events/``, ``/api/v1/my-registrations/``): the pages' rules.

Every event is fetched through ``events.permissions`` (an event the user may not see is a 404,
and never in a list; the participants are for the centre's organisers, others get a 403) and
every write goes through ``events.services``; their ``ValidationError`` becomes a 400 with the
message and their ``PermissionDenied`` a 403 (``core.api.exception_handler``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from events import selectors, services
from events.api.serializers import (
    AttendanceResultSerializer,
    AttendanceSerializer,
    EventSerializer,
    MyRegistrationSerializer,
    ParticipantSerializer,
)
from events.filters import EventFilter
from events.models import Event, Registration
from events.permissions import access_event, access_event_for_management

TAGS = ["events"]
ID = r"[0-9]+"


def _registration_data(request, registration):
    registration = selectors.with_waiting_position(
        Registration.objects.filter(pk=registration.pk).select_related("event__centre")
    ).get()
    return MyRegistrationSerializer(registration, context={"request": request}).data


EVENT_LIST_DESCRIPTION = (
    "Events I may see, soonest first: published and cancelled events, and drafts of the centres where I "
    "have a role. Only events that have not ended, unless ``date_from`` is given: then every event still "
    "going on that day or later, past ones included. ``online_url`` is given to confirmed participants "
    "and organisers only; ``my_registration`` is my own registration's status."
)


@extend_schema_view(
    list=extend_schema(
        summary="Events: courses, network meetings and more", description=EVENT_LIST_DESCRIPTION, tags=TAGS
    ),
    retrieve=extend_schema(
        summary="One event", description="A draft is a 404 unless I have a role at its centre.", tags=TAGS
    ),
    register=extend_schema(
        summary="Register for the event",
        description="A confirmed place while places remain, else the end of the waiting list. Refused with the "
        "reason (400) when registration is closed, the event is cancelled or I am already registered.",
        tags=TAGS,
        request=None,
        responses={201: MyRegistrationSerializer},
    ),
    cancel_registration=extend_schema(
        summary="Cancel my registration",
        description="Gives up my place or leaves the waiting list; the first on the waiting list moves up. "
        "Refused (400) when I am not registered or the event has started.",
        tags=TAGS,
        request=None,
        responses=MyRegistrationSerializer,
    ),
    participants=extend_schema(
        summary="Everyone registered (organisers)",
        description="Confirmed first, then the waiting list in order, then those who cancelled. For the "
        "organisers and administrators of the event's centre and national administrators; 403 for others.",
        tags=TAGS,
        responses=ParticipantSerializer(many=True),
    ),
    attendance=extend_schema(
        summary="Mark who attended (organisers)",
        description="``attended`` is the whole list of confirmed registrations that attended: newly marked "
        "people get the event's CPD hours and a certificate in the register, people left out lose them. "
        "Once the event has started; refused (400) for registrations without a confirmed place.",
        tags=TAGS,
        request=AttendanceSerializer,
        responses=AttendanceResultSerializer,
    ),
)
class EventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Event.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = EventSerializer
    filterset_class = EventFilter
    lookup_value_regex = ID

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_queryset(self):
        # A start date opens the past; without one the list is what has not ended yet.
        upcoming = not self.request.query_params.get("date_from")
        return selectors.event_listing(user=self.request.user, upcoming=upcoming).prefetch_related("areas")

    def _events_data(self, events):
        user = self.request.user
        mine = {}
        if user.is_authenticated:
            mine = {r.event_id: r for r in Registration.objects.filter(user=user, event_id__in=[e.pk for e in events])}
        context = {**self.get_serializer_context(), "registrations": mine}
        return EventSerializer(events, many=True, context=context).data

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self._events_data(page))

    def retrieve(self, request, pk=None):
        event = access_event(request.user, pk, selectors.event_detail(user=request.user, pk=pk))
        return Response(self._events_data([event])[0])

    @action(detail=True, methods=["post"], filter_backends=[])
    def register(self, request, pk=None):
        event = access_event(request.user, pk)
        registration = services.registration_register(event=event, user=request.user)
        return Response(_registration_data(request, registration), status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], url_path="cancel-registration", filter_backends=[])
    def cancel_registration(self, request, pk=None):
        event = access_event(request.user, pk)
        registration = Registration.objects.filter(event=event, user=request.user).first()
        if registration is None:
            raise ValidationError(_("You are not registered for this event."))
        registration = services.registration_cancel(registration=registration, actor=request.user)
        return Response(_registration_data(request, registration))

    def _managed_event(self, pk):
        try:
            return access_event_for_management(self.request.user, pk)
        except PermissionDenied:
            raise PermissionDenied(_("Only the centre's organisers and administrators see its participants.")) from None

    @action(detail=True, methods=["get"], filter_backends=[])
    def participants(self, request, pk=None):
        event = self._managed_event(pk)
        page = self.paginate_queryset(selectors.with_waiting_position(selectors.participants(event=event)))
        return self.get_paginated_response(ParticipantSerializer(page, many=True).data)

    @action(detail=True, methods=["post"], filter_backends=[])
    def attendance(self, request, pk=None):
        event = self._managed_event(pk)
        incoming = AttendanceSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        marked, unmarked = services.attendance_set(
            event=event, actor=request.user, attended_ids=incoming.validated_data["attended"]
        )
        result = {"marked": marked, "unmarked": unmarked, "attended": event.registrations.filter(attended=True).count()}
        return Response(AttendanceResultSerializer(result).data)


@extend_schema_view(
    list=extend_schema(
        summary="My registrations",
        description="The events I have a place at or wait for, soonest first, past ones included; "
        "``attended`` once the organiser has marked it. Cancelled registrations are left out.",
        tags=TAGS,
    )
)
class MyRegistrationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = Registration.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = MyRegistrationSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = []

    def get_queryset(self):
        return selectors.my_registrations(user=self.request.user)
