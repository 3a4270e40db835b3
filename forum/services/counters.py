"""The numbers lists show: counted from what readers see, not from every row.

A thread's visible posts, last post and its author leave out deleted and hidden posts; a category's
threads, posts and last thread leave out hidden threads and their posts. A new post adds to them as it
is written (``posts._add_post``); deleting, hiding, showing and moving recount them here from the rows,
in the same transaction. ``Thread.post_count`` is not among them: it numbers the posts, hidden or not.
"""

from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from forum.models import Category, Post, Thread


def recount_threads(threads: QuerySet[Thread]) -> int:
    visible = Post.objects.filter(thread=OuterRef("pk"), is_hidden=False, is_deleted=False)
    latest = visible.order_by("-number")
    return threads.update(
        visible_post_count=Coalesce(Subquery(visible.values("thread").annotate(n=Count("pk")).values("n")), 0),
        last_post_at=Coalesce(Subquery(latest.values("created_at")[:1]), F("created_at")),
        last_post_author=Subquery(latest.values("author")[:1]),
    )


def recount_categories(categories: QuerySet[Category]) -> int:
    threads = Thread.objects.filter(category=OuterRef("pk"), is_hidden=False)
    latest = threads.order_by(F("last_post_at").desc(nulls_last=True), "-pk")
    return categories.update(
        thread_count=Coalesce(Subquery(threads.values("category").annotate(n=Count("pk")).values("n")), 0),
        post_count=Coalesce(Subquery(threads.values("category").annotate(n=Sum("visible_post_count")).values("n")), 0),
        last_post_at=Subquery(latest.values("last_post_at")[:1]),
        last_thread=Subquery(latest.values("pk")[:1]),
    )


def recount(thread: Thread, *category_ids: int) -> None:
    """After a post or thread is deleted, hidden, shown or moved: its thread and categories.

    The rows are locked first. A new thread or post adds to them under the same lock, and an UPDATE that had to
    wait for it would count from the snapshot it started with, leaving out what the other transaction added:
    a category one thread short, whose page then ends before its oldest thread. Once the lock is held, the
    counting statements start after the other has committed.
    """
    categories = Category.objects.filter(pk__in={thread.category_id, *category_ids})
    list(Thread.objects.select_for_update().filter(pk=thread.pk).values_list("pk"))
    list(categories.select_for_update().order_by("pk").values_list("pk"))
    recount_threads(Thread.objects.filter(pk=thread.pk))
    recount_categories(categories)
