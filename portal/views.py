"""The portal's pages outside the Wagtail tree: search and robots.txt."""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from portal import selectors
from portal.links import with_urls

RESULTS_PER_PAGE = 10

# Paths a search engine has no business in: staff and admin screens, accounts, the API, people's own
# pages, the professional forum, private calendar feeds and search result pages.
ROBOTS_DISALLOW = [
    "/staff/",
    "/cms/",
    "/admin/",
    "/accounts/",
    "/api/",
    "/min-side/",
    "/profil/",
    "/kompetanse/",
    "/hjemmesenter/",
    "/dokumentasjon/",
    "/notifications/",
    "/forum/",
    "/arrangementer/staff/",
    "/arrangementer/mine/",
    "/arrangementer/kalender/min/",
    "/sok/",
    "/_util/",
]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search KarriereNorge"), required=False, max_length=200)


@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    page_obj = None
    if query:
        page_obj = Paginator(selectors.search_pages(query), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        page_obj.object_list = with_urls(page_obj.object_list, request)
    context = {"form": form, "q": query, "page_obj": page_obj, "query": urlencode({"q": query}) if query else ""}
    return render(request, "portal/search.html", context)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        *(f"Disallow: {path}" for path in ROBOTS_DISALLOW),
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
