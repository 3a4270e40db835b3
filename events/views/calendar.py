"""Placeholder until the views are written."""

from django.http import Http404


def event_ics(request, *args, **kwargs):
    raise Http404


def county_feed(request, *args, **kwargs):
    raise Http404


def centre_feed(request, *args, **kwargs):
    raise Http404


def personal_feed(request, *args, **kwargs):
    raise Http404


def feeds(request, *args, **kwargs):
    raise Http404


def feed_regenerate(request, *args, **kwargs):
    raise Http404
