"""Demo data for the forum: categories, lively named discussions and, on request, national scale.

Run by ``manage.py seed_forum_demo`` (and by ``seed_demo``, which calls that command by name so
the register app never imports the forum). It needs the register's demo users and centres.
Every step checks what exists first, so a second run creates nothing.
"""

from dataclasses import dataclass

from django.db import transaction

from forum.demo.bulk import NATIONAL_POSTS_PER_THREAD, NATIONAL_THREADS, seed_bulk
from forum.demo.categories import seed_categories, seed_groups
from forum.demo.discussions import seed_discussions

__all__ = ["NATIONAL_POSTS_PER_THREAD", "NATIONAL_THREADS", "ForumDemoResult", "seed_forum_demo"]


@dataclass
class ForumDemoResult:
    categories_created: int
    threads_created: int  # named demo discussions started by this run
    bulk_threads_created: int
    bulk_posts_created: int


@transaction.atomic
def seed_forum_demo(*, bulk_threads=0, posts_per_thread=NATIONAL_POSTS_PER_THREAD, progress=print):
    """Categories, groups and the named discussions; ``bulk_threads`` more threads in bulk if asked, with
    ``progress(line)`` told after each batch."""
    categories, created = seed_categories()
    seed_groups(categories)
    threads_created = seed_discussions(categories)
    bulk = seed_bulk(categories, threads=bulk_threads, posts_per_thread=posts_per_thread, progress=progress)
    return ForumDemoResult(
        categories_created=created,
        threads_created=threads_created,
        bulk_threads_created=bulk[0],
        bulk_posts_created=bulk[1],
    )
