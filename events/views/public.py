"""Placeholder until the views are written."""

from django.http import Http404


def event_list(request, *args, **kwargs):
    raise Http404


def my_events(request, *args, **kwargs):
    raise Http404


def event_detail(request, *args, **kwargs):
    raise Http404


def register(request, *args, **kwargs):
    raise Http404


def cancel_registration(request, *args, **kwargs):
    raise Http404


def certificate(request, *args, **kwargs):
    raise Http404
