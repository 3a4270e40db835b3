"""The counsellor's own competence pages."""

from django.http import Http404


def py(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def competence(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def credit_create(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def credit_detail(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def credit_edit(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def credit_delete(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def cpd_create(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def cpd_delete(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def self_assessment(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def statement_list(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def statement_detail(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def statement_revoke(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def home_centre(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def my_data(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def account_delete(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue

