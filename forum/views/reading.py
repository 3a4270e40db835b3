"""Forum pages."""

from django.http import Http404


def index(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def search(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def category(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def thread_create(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def category_watch(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def thread(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def reply(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def thread_watch(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def accept(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def post_edit(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def post_history(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue


def post_delete(request, **kwargs):
    raise Http404  # placeholder: replaced in this issue
