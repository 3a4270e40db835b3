"""Centre staff pages: verification, the centre network, home centre requests."""

from django.http import Http404


def py(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def credit_evidence(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def cpd_evidence(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def verification_queue(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def verification_detail(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def centre_network(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def home_centre_decision(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def network_counsellor(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def network_affiliation_end(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue

