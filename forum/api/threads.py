"""The forum through the API: categories, threads, posts, flags and watching.

Same rules as the pages: every queryset is scoped by ``forum.permissions`` (a thread or post
the user may not read is a 404, and never in a list), permission classes ask its predicates,
and every write goes through ``forum.services``; their ``ValidationError`` becomes a 400 keyed
by field and their ``PermissionDenied`` a 403 with the reason (``core.api.exception_handler``).
"""

from functools import cached_property

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from forum import services
from forum.api.filters import ThreadFilter
from forum.api.permissions import IsPostAuthor, IsProfessional
from forum.api.serializers import (
    CategorySerializer,
    FlagSerializer,
    PostCreateSerializer,
    PostEditSerializer,
    PostRevisionSerializer,
    PostSerializer,
    PostWrittenSerializer,
    RedactSerializer,
    ThreadCreateSerializer,
    ThreadSerializer,
    WatchSerializer,
)
from forum.models import Category, Post, PostRevision, Thread
from forum.permissions import access_thread, can_moderate, can_read_post_history, threads_visible_to
from forum.selectors import POSTS_PER_PAGE, category_list, thread_list, thread_posts

TAGS = ["forum"]
ID = r"[0-9]+"
THREAD_ID = OpenApiParameter("thread_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="The thread's id.")
POST_ID = OpenApiParameter("post_pk", OpenApiTypes.INT, OpenApiParameter.PATH, description="The post's id.")


def posts_visible_to(user):
    """Posts in threads ``user`` may read (hidden and deleted ones included: they keep their place)."""
    return Post.objects.filter(thread__in=threads_visible_to(user))


class PostPagination(PageNumberPagination):
    page_size = POSTS_PER_PAGE


@extend_schema_view(
    list=extend_schema(
        summary="Forum categories I may read, with their counters",
        description="National, county, centre network and private group categories visible to me. "
        "Counters and ``last_thread`` count what readers see: no deleted or hidden posts, no hidden threads.",
        tags=TAGS,
    )
)
class CategoryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = Category.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = CategorySerializer
    permission_classes = [IsProfessional]
    pagination_class = None

    def get_queryset(self):
        return category_list(self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="Threads I may read, pinned first, then by latest post",
        description="``has_unread`` says whether there are posts since I last read the thread.",
        tags=TAGS,
    ),
    retrieve=extend_schema(summary="One thread", tags=TAGS),
    create=extend_schema(
        summary="Start a thread",
        description="The first post is ``body``. @mentions notify people who can read the category; "
        "I watch the thread from now on. At most 10 posts a minute.",
        tags=TAGS,
        request=ThreadCreateSerializer,
        responses={201: ThreadSerializer},
    ),
)
class ThreadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Thread.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = ThreadSerializer
    permission_classes = [IsProfessional]
    filterset_class = ThreadFilter
    lookup_value_regex = ID

    def get_queryset(self):
        return thread_list(self.request.user)

    def create(self, request):
        incoming = ThreadCreateSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        thread = services.thread_create(author=request.user, **incoming.validated_data)
        return Response(ThreadSerializer(self.get_queryset().get(pk=thread.pk)).data, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(
        summary="The posts of a thread, 20 a page",
        description="Reading a page marks its posts read for me. Hidden and deleted posts keep their place "
        "without their text, unless I moderate the category.",
        tags=TAGS,
        parameters=[THREAD_ID],
    ),
    create=extend_schema(
        summary="Reply to a thread",
        description="Refused with the reason (403) in a locked or hidden thread and where only moderators "
        "may post. At most 10 posts a minute. ``mentions_not_told`` lists the @handles that reached no one.",
        tags=TAGS,
        parameters=[THREAD_ID],
        request=PostCreateSerializer,
        responses={201: PostWrittenSerializer},
    ),
)
class ThreadPostViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = Post.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = PostSerializer
    permission_classes = [IsProfessional]
    pagination_class = PostPagination
    filter_backends = []

    @cached_property
    def thread(self):
        return access_thread(self.request.user, self.kwargs["thread_pk"])

    def get_queryset(self):
        return thread_posts(self.thread)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        return {**context, "thread": self.thread, "moderator": can_moderate(self.request.user, self.thread.category)}

    def list(self, request, thread_pk=None):
        page = self.paginate_queryset(self.get_queryset())
        if page:
            services.read_state_mark(user=request.user, thread=self.thread, number=page[-1].number)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request, thread_pk=None):
        incoming = PostCreateSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        post = services.post_create(thread=self.thread, author=request.user, **incoming.validated_data)
        return Response(
            PostWrittenSerializer(post, context=self.get_serializer_context()).data, status.HTTP_201_CREATED
        )


@extend_schema_view(
    partial_update=extend_schema(
        summary="Edit my own post",
        description="The old text is kept in the edit history. Refused (403) for others' posts, deleted posts "
        "and in a locked thread.",
        tags=TAGS,
        request=PostEditSerializer,
        responses=PostWrittenSerializer,
    )
)
class PostViewSet(mixins.UpdateModelMixin, viewsets.GenericViewSet):
    queryset = Post.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = PostSerializer
    permission_classes = [IsPostAuthor]
    filter_backends = []
    lookup_value_regex = ID
    http_method_names = ["patch", "options"]

    def get_queryset(self):
        return posts_visible_to(self.request.user).select_related("thread__category", "author")

    def partial_update(self, request, pk=None):
        post = self.get_object()
        incoming = PostEditSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        post = services.post_edit(post=post, editor=request.user, body=incoming.validated_data["body"])
        thread = post.thread
        context = {
            **self.get_serializer_context(),
            "thread": thread,
            "moderator": can_moderate(request.user, thread.category),
        }
        return Response(PostWrittenSerializer(post, context=context).data)


@extend_schema_view(
    list=extend_schema(
        summary="The edit history of a post: its earlier texts, newest first",
        description="Open to those who may read the thread; a deleted or hidden post's history only to the "
        "category's moderators. A text a moderator removed keeps its place with ``redacted`` true and no text.",
        tags=TAGS,
        parameters=[POST_ID],
    ),
    redact=extend_schema(
        summary="Remove an earlier text of a post for good (moderators)",
        description="For personal data or other content an author edited out: the text is deleted from the "
        "history and the reason is kept in the moderation log. Only the category's moderators (403 for others); "
        "a text already removed is a 400.",
        tags=TAGS,
        parameters=[POST_ID],
        request=RedactSerializer,
        responses=PostRevisionSerializer,
    ),
)
class PostRevisionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = PostRevision.objects.none()  # the schema's model; requests use get_queryset()
    serializer_class = PostRevisionSerializer
    permission_classes = [IsProfessional]
    pagination_class = PostPagination
    filter_backends = []
    lookup_value_regex = ID

    @cached_property
    def edited_post(self):
        """The post, if its thread is readable; a deleted or hidden post's history is for moderators only."""
        post = (
            posts_visible_to(self.request.user)
            .select_related("thread__category")
            .filter(pk=self.kwargs["post_pk"])
            .first()
        )
        if post is None or not can_read_post_history(self.request.user, post):
            raise Http404
        return post

    def get_queryset(self):
        return self.edited_post.revisions.select_related("edited_by").order_by("-created_at", "-id")

    @action(detail=True, methods=["post"])
    def redact(self, request, post_pk=None, pk=None):
        revision = self.get_object()
        incoming = RedactSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        revision = services.revision_redact(
            revision=revision, moderator=request.user, reason=incoming.validated_data["reason"]
        )
        return Response(self.get_serializer(revision).data)


@extend_schema_view(
    create=extend_schema(
        summary="Flag a post for the category's moderators",
        description="Once per post and person; a post flagged by 3 people is hidden until a moderator decides.",
        tags=TAGS,
        responses={201: FlagSerializer},
    )
)
class FlagViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = FlagSerializer
    permission_classes = [IsProfessional]

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if getattr(self, "swagger_fake_view", False):
            return context
        return {**context, "posts": posts_visible_to(self.request.user)}

    def perform_create(self, serializer):
        services.flag_create(user=self.request.user, **serializer.validated_data)


class WatchingViewSet(viewsets.GenericViewSet):
    serializer_class = WatchSerializer
    permission_classes = [IsProfessional]

    @extend_schema(
        summary="Set how closely I follow a thread or a category",
        description="watching: every new post; tracking: replies to me and mentions; muted: nothing. "
        "A thread's own level wins over its category's.",
        tags=TAGS,
    )
    def update(self, request):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.watch_set(user=request.user, **incoming.validated_data)
        return Response(incoming.data)
