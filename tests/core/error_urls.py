"""The site's URLs and its 500 handler, plus one page that fails: for the error-reporting tests."""

from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def fails(request, token):
    raise RuntimeError(f"No mail could be sent to {request.GET['e-post']}")


urlpatterns = [path("feiler/<str:token>/", fails), *site_urlpatterns]
