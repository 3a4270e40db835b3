"""Serializers for the events API: they shape data; ``events.services`` keeps the rules.

Context: ``request``, and for events ``registrations`` (the asking user's registrations by event
id, fetched once per page), so neither ``my_registration`` nor ``online_url`` costs a query per row.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api import EnumField
from events.models import Audience, Event, EventKind, EventStatus, Registration, RegistrationStatus
from events.permissions import can_see_online_link
from register.models import Centre, County


def registration_status_field(**kwargs):
    return EnumField(RegistrationStatus, component="RegistrationStatusEnum", **kwargs)


def page_url(request, event):
    return request.build_absolute_uri(event.get_absolute_url())


class EventCentreSerializer(serializers.ModelSerializer):
    class Meta:
        model = Centre
        fields = ["id", "name", "slug"]


class EventCountySerializer(serializers.ModelSerializer):
    class Meta:
        model = County
        fields = ["number", "name"]


class EventSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("The event's page."))
    kind = EnumField(EventKind, component="EventKindEnum", read_only=True)
    audience = EnumField(Audience, component="EventAudienceEnum", read_only=True)
    status = EnumField(EventStatus, component="EventStatusEnum", read_only=True)
    centre = EventCentreSerializer(read_only=True, help_text=_("The career centre that organises the event."))
    county = EventCountySerializer(read_only=True)
    description = serializers.CharField(read_only=True, help_text=_("Markdown."))
    is_online = serializers.BooleanField(read_only=True, help_text=_("Online only: a link and no address."))
    areas = serializers.SerializerMethodField(help_text=_("Numbers of the competence areas the event covers."))
    confirmed_count = serializers.IntegerField(read_only=True)
    waiting_count = serializers.IntegerField(read_only=True)
    free_places = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Null when the number of places is unlimited.")
    )
    registration_open = serializers.SerializerMethodField()
    online_url = serializers.SerializerMethodField(
        help_text=_("Only for the confirmed participants and the organisers; null for everyone else.")
    )
    my_registration = serializers.SerializerMethodField(
        help_text=_("My registration's status; null when signed out or not registered.")
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "url",
            "kind",
            "audience",
            "status",
            "centre",
            "county",
            "description",
            "who_should_come",
            "place",
            "address",
            "is_online",
            "online_url",
            "starts_at",
            "ends_at",
            "registration_opens_at",
            "registration_closes_at",
            "registration_open",
            "capacity",
            "confirmed_count",
            "waiting_count",
            "free_places",
            "cpd_hours",
            "areas",
            "published_at",
            "cancelled_at",
            "cancel_reason",
            "my_registration",
        ]
        read_only_fields = fields

    def _registration(self, event):
        return self.context.get("registrations", {}).get(event.pk)

    def get_url(self, event) -> str:
        return page_url(self.context["request"], event)

    def get_areas(self, event) -> list[int]:
        # ``areas`` is prefetched by the view.
        return [area.number for area in event.areas.all()]

    def get_registration_open(self, event) -> bool:
        return event.registration_is_open()

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_online_url(self, event):
        user = self.context["request"].user
        if not event.online_url or not user.is_authenticated:
            return None
        return event.online_url if can_see_online_link(user, event, self._registration(event)) else None

    @extend_schema_field(registration_status_field(allow_null=True))
    def get_my_registration(self, event):
        registration = self._registration(event)
        return None if registration is None else registration.status


class EventBriefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("The event's page."))
    status = EnumField(EventStatus, component="EventStatusEnum", read_only=True)
    centre = EventCentreSerializer(read_only=True)
    is_online = serializers.BooleanField(read_only=True)

    class Meta:
        model = Event
        fields = ["id", "title", "url", "status", "centre", "place", "address", "is_online", "starts_at", "ends_at"]
        read_only_fields = fields

    def get_url(self, event) -> str:
        return page_url(self.context["request"], event)


class MyRegistrationSerializer(serializers.ModelSerializer):
    """Expects ``waiting_position`` annotated on the registration."""

    event = EventBriefSerializer(read_only=True)
    status = registration_status_field(read_only=True)
    waiting_position = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("1 for the first on the waiting list; null when not waiting.")
    )

    class Meta:
        model = Registration
        fields = ["id", "event", "status", "waiting_position", "registered_at", "confirmed_at", "attended"]
        read_only_fields = fields


class ParticipantSerializer(serializers.ModelSerializer):
    """Expects ``waiting_position`` annotated and the user's profile joined (``selectors.participants``)."""

    name = serializers.CharField(source="user.get_full_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    home_centre = serializers.SerializerMethodField(help_text=_("The person's home career centre, if any."))
    status = registration_status_field(read_only=True)
    waiting_position = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("1 for the first on the waiting list; null when not waiting.")
    )

    class Meta:
        model = Registration
        fields = [
            "id",
            "name",
            "email",
            "home_centre",
            "status",
            "waiting_position",
            "registered_at",
            "confirmed_at",
            "cancelled_at",
            "attended",
            "attendance_marked_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_home_centre(self, registration):
        profile = getattr(registration.user, "counsellor_profile", None)
        centre = profile.home_centre if profile else None
        return centre.name if centre else None


class AttendanceSerializer(serializers.Serializer):
    attended = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        allow_empty=True,
        help_text=_(
            "Ids of the confirmed registrations that attended: the whole list, "
            "so a registration left out is marked as not attended."
        ),
    )


class AttendanceResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField(read_only=True, help_text=_("Newly marked as attended."))
    unmarked = serializers.IntegerField(read_only=True, help_text=_("No longer marked as attended."))
    attended = serializers.IntegerField(read_only=True, help_text=_("How many attended now."))
