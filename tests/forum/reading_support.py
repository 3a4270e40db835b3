"""What the forum reading and writing page tests share: reading pages, starting threads and replying."""

from core.markdown import render
from forum import services
from forum.models import Post, Thread


def html(response):
    return response.content.decode()


def start(category, author, title="Hvordan veileder dere voksne?", body="Hei alle sammen", **kwargs):
    return services.thread_create(category=category, author=author, title=title, body=body, **kwargs)


def reply(thread, author, body="Et svar"):
    return services.post_create(thread=thread, author=author, body=body)


def bulk_posts(thread, author, start, count):
    Post.objects.bulk_create(
        Post(thread=thread, number=n, author=author, body=f"Innlegg {n}", body_html=render(f"Innlegg **{n}**"))
        for n in range(start, start + count)
    )
    Thread.objects.filter(pk=thread.pk).update(post_count=start + count - 1)
