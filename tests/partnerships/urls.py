"""The site's addresses plus the name of an agreement's page, which notices link to (``Agreement.get_absolute_url``).

The agreement pages are built alongside this branch (#18); until they are merged, the notice tests resolve the
name here. Drop this module, and the ``urls`` marks that name it, once ``partnerships.urls`` is in the site.
"""

from django.http import HttpResponse
from django.urls import include, path

from config.urls import handler404, handler500
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def agreement_page(request, pk):
    return HttpResponse(f"Agreement {pk}")


agreement_pages = ([path("<int:pk>/", agreement_page, name="detail")], "partnerships")

urlpatterns = [path("avtaler/", include(agreement_pages)), *site_urlpatterns]
