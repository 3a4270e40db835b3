"""``/api/v1/``: each app owns its API routes; this only mounts them and lists them at the root."""

from django.urls import include, path
from rest_framework.routers import APIRootView

# The browsable root lists the collections at the top of /api/v1/, as DRF's DefaultRouter would.
ROOT_LISTS = {
    "counties": "county-list",
    "centres": "centre-list",
    "competence-areas": "competence-area-list",
    "requirements": "requirement-list",
    "credits": "credit-list",
    "cpd": "cpd-list",
    "counsellors": "counsellor-list",
    "statements": "statement-list",
    "events": "event-list",
    "notifications": "notification-list",
}

urlpatterns = [
    path("", APIRootView.as_view(api_root_dict=ROOT_LISTS), name="api-root"),
    path("", include("register.api.urls")),
    path("", include("events.api.urls")),
    path("", include("notifications.api.urls")),
    path("forum/", include("forum.api.urls")),
    path("guidance/", include("guidance.api.urls")),
    path("partnerships/", include("partnerships.api.urls")),
]
