"""Forum pages."""

from django.http import Http404


def flag(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def post_moderate(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def thread_moderate(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def queue(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def log(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def groups(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def group_members(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue
