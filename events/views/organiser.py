"""Placeholder until the views are written."""

from django.http import Http404


def manage_list(request, *args, **kwargs):
    raise Http404


def event_create(request, *args, **kwargs):
    raise Http404


def manage_detail(request, *args, **kwargs):
    raise Http404


def event_edit(request, *args, **kwargs):
    raise Http404


def event_publish(request, *args, **kwargs):
    raise Http404


def event_cancel(request, *args, **kwargs):
    raise Http404


def event_duplicate(request, *args, **kwargs):
    raise Http404


def participants_csv(request, *args, **kwargs):
    raise Http404


def attendance(request, *args, **kwargs):
    raise Http404


def message(request, *args, **kwargs):
    raise Http404


def promote(request, *args, **kwargs):
    raise Http404
