"""The site's URLs and its 500 handler, plus one page that fails: for the error-reporting tests."""

from django.db import IntegrityError, OperationalError
from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def fails(request, token):
    raise RuntimeError(f"No mail could be sent to {request.GET['e-post']}")


def database_gone(request):
    raise OperationalError("server closed the connection unexpectedly")


def duplicate(request):
    raise IntegrityError("duplicate key value violates unique constraint")


urlpatterns = [
    path("feiler/<str:token>/", fails),
    path("databasen-svarer-ikke/", database_gone),
    path("api/v1/databasen-svarer-ikke/", database_gone),
    path("dobbel/", duplicate),
    *site_urlpatterns,
]
