"""The events API: ``/api/v1/events/`` and the signed-in user's ``/api/v1/my-registrations/``."""

from django.urls import path
from rest_framework.routers import SimpleRouter
from rest_framework.urlpatterns import format_suffix_patterns

from events.api.views import EventViewSet, MyRegistrationViewSet

router = SimpleRouter()
router.register("events", EventViewSet, basename="event")

urlpatterns = [
    path("my-registrations/", MyRegistrationViewSet.as_view({"get": "list"}), name="my-registrations"),
    # As under DRF's DefaultRouter before: /api/v1/counties.json and the like keep working.
    *format_suffix_patterns(router.urls),
]
