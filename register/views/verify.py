"""The public /verify/ page for competence statement codes (and later, certificates)."""

from django.http import Http404


def py(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def verify(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue

