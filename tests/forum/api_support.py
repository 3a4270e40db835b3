"""What the forum API tests share: the addresses, signed-in and token clients, reading ids and state."""

from rest_framework.test import APIClient

from forum.models import Category, Flag, Post, PostRevision, Thread, Watch
from notifications.models import Notice

BASE = "/api/v1/forum/"
CATEGORIES = f"{BASE}categories/"
THREADS = f"{BASE}threads/"
FLAGS = f"{BASE}flags/"
NOTIFICATIONS = f"{BASE}notifications/"
READ_ALL = f"{NOTIFICATIONS}read-all/"
WATCHING = f"{BASE}watching/"


def posts_url(thread):
    return f"{THREADS}{thread.pk}/posts/"


def read_url(notice):
    return f"{NOTIFICATIONS}{notice.pk}/read/"


def as_user(user):
    client = APIClient()
    client.force_login(user)
    # Messages are asserted in English (the source language); Bokmål is the site default.
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def ids(response):
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    return {row["id"] for row in rows}


def forum_state():
    """Everything a forum write could change."""
    return (
        list(Thread.objects.order_by("pk").values()),
        list(Post.objects.order_by("pk").values()),
        list(Category.objects.order_by("pk").values()),
        list(Flag.objects.order_by("pk").values()),
        list(Watch.objects.order_by("pk").values()),
        list(PostRevision.objects.order_by("pk").values()),
        Notice.objects.count(),
    )
