"""The events API (``/api/v1/events/``, ``/api/v1/my-registrations/``): serializers and viewsets."""

from events.api.views import EventViewSet, MyRegistrationViewSet

__all__ = ["EventViewSet", "MyRegistrationViewSet"]
