"""What the forum demo tests share: the demo people, running the commands, the counters."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count, Max, Sum

from forum.models import (
    Category,
    Flag,
    GroupMembership,
    Post,
    ReadState,
    Thread,
    Watch,
)
from notifications.models import Notice

OSLO_NETWORK = "nettverket-karriere-oslo"


def demo_user(local):
    return get_user_model().objects.get(email=f"{local}@karrierenorge.example")


def seed(*args, command="seed_demo"):
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def forum_snapshot():
    return {
        "categories": list(Category.objects.order_by("pk").values()),
        "memberships": GroupMembership.objects.count(),
        "threads": list(Thread.objects.order_by("pk").values()),
        "posts": Post.objects.count(),
        "flags": Flag.objects.count(),
        "watches": Watch.objects.count(),
        "read_states": list(ReadState.objects.order_by("pk").values()),
        "notices": Notice.objects.count(),
    }


def assert_counters_match_the_rows():
    """Every thread's and category's counters equal what counting the rows gives."""
    threads = Thread.objects.annotate(n=Count("posts"), latest=Max("posts__created_at"))
    for thread in threads:
        last = thread.posts.order_by("-number").first()
        assert (thread.post_count, thread.last_post_at, thread.last_post_author_id) == (
            thread.n,
            thread.latest,
            last.author_id,
        ), thread
    categories = Category.objects.annotate(
        n=Count("threads"), posts=Sum("threads__post_count"), latest=Max("threads__last_post_at")
    )
    for category in categories:
        assert (category.thread_count, category.post_count, category.last_post_at) == (
            category.n,
            category.posts or 0,
            category.latest,
        ), category
        if category.n:
            assert category.last_thread.last_post_at == category.latest
