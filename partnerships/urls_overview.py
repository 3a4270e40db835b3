"""The partnership overview's pages, included by ``partnerships.urls`` (namespace ``partnerships``)."""

from django.urls import path

from partnerships.views import overview

urlpatterns = [
    path("oversikt/", overview.national, name="overview_national"),
    path("oversikt/liste/", overview.agreement_list, name="overview_list"),
    path("oversikt/<slug:slug>/", overview.county, name="overview_county"),
]
