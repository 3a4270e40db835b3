"""Serializers for the forum API: they shape data; ``forum.services`` keeps the rules.

Input serializers check the form of a value and resolve ids only among what the user may read,
so an id of something hidden and an id of nothing give the same answer. Empty, over-long and
rate-limited posts are refused by the services, so the API and the pages give the same messages.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core import markdown
from forum.models import Category, FlagReason, Post, PostRevision, Thread, WatchLevel
from forum.permissions import can_start_thread, categories_visible_to, threads_visible_to
from forum.selectors import mentions_not_told


def readable_category(user, value):
    """The category with this slug or id among those ``user`` may read; otherwise a field error."""
    readable = categories_visible_to(user)
    value = (value or "").strip()
    category = readable.filter(slug=value).first()
    if category is None and value.isdigit():
        category = readable.filter(pk=int(value)).first()
    if category is None:
        raise serializers.ValidationError(_("Choose a category you can read."))
    return category


class AuthorSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="get_full_name", read_only=True)
    handle = serializers.CharField(read_only=True, help_text=_("Mention them in a post as @ and this."))


class ThreadBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Thread
        fields = ["id", "title"]


class CategoryBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "slug", "name"]


class CategorySerializer(serializers.ModelSerializer):
    county = serializers.SlugRelatedField(
        slug_field="number", read_only=True, allow_null=True, help_text=_("County number; null outside a county forum.")
    )
    centre = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=True, help_text=_("Centre slug; null outside a centre forum.")
    )
    last_thread = serializers.SerializerMethodField()
    is_announcement = serializers.BooleanField(read_only=True)
    can_start_thread = serializers.SerializerMethodField()

    class Meta:
        model = Category
        fields = [
            "id",
            "slug",
            "name",
            "description",
            "kind",
            "county",
            "centre",
            "read_audience",
            "start_audience",
            "reply_audience",
            "is_announcement",
            "thread_count",
            "post_count",
            "last_post_at",
            "last_thread",
            "can_start_thread",
        ]

    @extend_schema_field(ThreadBriefSerializer(allow_null=True))
    def get_last_thread(self, category):
        # The latest thread readers see (forum.services.counters): never a hidden one.
        thread = category.last_thread
        return None if thread is None else ThreadBriefSerializer(thread).data

    def get_can_start_thread(self, category) -> bool:
        return can_start_thread(self.context["request"].user, category)


class ThreadSerializer(serializers.ModelSerializer):
    category = CategoryBriefSerializer(read_only=True)
    author = AuthorSerializer(read_only=True, allow_null=True)
    last_post_author = AuthorSerializer(read_only=True, allow_null=True)
    accepted_post = serializers.IntegerField(source="accepted_post_id", read_only=True, allow_null=True)
    reply_count = serializers.IntegerField(read_only=True)
    is_solved = serializers.BooleanField(read_only=True)
    has_unread = serializers.BooleanField(read_only=True, help_text=_("Posts since I last read the thread."))
    last_read_number = serializers.IntegerField(
        read_only=True, help_text=_("The highest post number I have read; 0 if none.")
    )

    class Meta:
        model = Thread
        fields = [
            "id",
            "category",
            "title",
            "author",
            "created_at",
            "is_question",
            "is_solved",
            "accepted_post",
            "is_locked",
            "is_pinned",
            "is_hidden",
            "post_count",
            "reply_count",
            "last_post_at",
            "last_post_author",
            "has_unread",
            "last_read_number",
        ]


class ThreadCreateSerializer(serializers.Serializer):
    category = serializers.CharField(help_text=_("The category's slug or id."))
    title = serializers.CharField(allow_blank=True, max_length=None)
    body = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text=_("Markdown, at most 20,000."))
    is_question = serializers.BooleanField(default=False)

    def validate_category(self, value):
        return readable_category(self.context["request"].user, value)


class PostSerializer(serializers.ModelSerializer):
    """Hidden and deleted posts keep their place; their text is only for the category's moderators.

    Context: ``request``, ``thread`` and ``moderator`` (whether the user moderates its category).
    """

    author = AuthorSerializer(read_only=True, allow_null=True)
    body = serializers.CharField(
        read_only=True, allow_null=True, help_text=_("Markdown; null for a hidden or deleted post.")
    )
    body_html = serializers.CharField(
        read_only=True, allow_null=True, help_text=_("Sanitised HTML; null for a hidden or deleted post.")
    )
    is_accepted = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField()
    awaiting_moderator = serializers.SerializerMethodField(
        help_text=_("Hidden after flags from several readers until a moderator has looked at it.")
    )

    class Meta:
        model = Post
        fields = [
            "id",
            "thread",
            "number",
            "author",
            "created_at",
            "edited_at",
            "is_deleted",
            "is_hidden",
            "awaiting_moderator",
            "is_accepted",
            "body",
            "body_html",
            "can_edit",
        ]
        read_only_fields = fields

    def to_representation(self, post):
        data = super().to_representation(post)
        if (post.is_deleted or post.is_hidden) and not self.context["moderator"]:
            data["body"] = data["body_html"] = None
        return data

    def get_awaiting_moderator(self, post) -> bool:
        return post.is_hidden and post.flag_count > 0

    def get_is_accepted(self, post) -> bool:
        return self.context["thread"].accepted_post_id == post.pk

    def get_can_edit(self, post) -> bool:
        user = self.context["request"].user
        thread = self.context["thread"]
        return post.author_id == user.pk and not post.is_deleted and (not thread.is_locked or self.context["moderator"])


class PostCreateSerializer(serializers.Serializer):
    """Context: ``thread``, so a quote can only be of a visible post in the same thread."""

    body = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text=_("Markdown, at most 20,000."))
    quote_of = serializers.PrimaryKeyRelatedField(
        queryset=Post.objects.none(),
        required=False,
        allow_null=True,
        help_text=_("Id of the post replied to, in this thread; its author is told as a reply to them."),
        error_messages={"does_not_exist": _("Quote a post in this thread."), "incorrect_type": _("Give a post id.")},
    )

    def get_fields(self):
        fields = super().get_fields()
        thread = self.context.get("thread")
        if thread is not None:
            fields["quote_of"].queryset = Post.objects.filter(
                thread=thread, is_deleted=False, is_hidden=False
            ).select_related("author")
        return fields


class PostEditSerializer(serializers.Serializer):
    # The edit replaces the text, so a PATCH must send it (core.api.AutoSchema documents it required).
    whole_on_patch = True

    body = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text=_("Markdown, at most 20,000."))


class PostRevisionSerializer(serializers.ModelSerializer):
    """An earlier text of a post. A redacted one keeps its place with ``body`` and ``body_html`` null."""

    edited_by = AuthorSerializer(read_only=True, allow_null=True)
    body_html = serializers.SerializerMethodField()
    redacted = serializers.SerializerMethodField()

    class Meta:
        model = PostRevision
        fields = ["id", "created_at", "edited_by", "body", "body_html", "redacted", "redacted_at"]
        read_only_fields = fields
        extra_kwargs = {"body": {"allow_null": True}}

    def to_representation(self, revision):
        data = super().to_representation(revision)
        if revision.redacted_at is not None:
            data["body"] = None
        return data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_body_html(self, revision):
        return None if revision.redacted_at is not None else markdown.render(revision.body)

    def get_redacted(self, revision) -> bool:
        return revision.redacted_at is not None


class RedactSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000, help_text=_("Why the text is removed; kept in the moderation log."))


class FlagSerializer(serializers.Serializer):
    """Context: ``posts``, the posts the user may read (another id is 'no such post')."""

    post = serializers.PrimaryKeyRelatedField(
        queryset=Post.objects.none(),
        error_messages={"does_not_exist": _("No such post."), "incorrect_type": _("Give a post id.")},
    )
    reason = serializers.ChoiceField(
        choices=FlagReason.choices, error_messages={"invalid_choice": _("Choose a reason from the list.")}
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=1000, default="")

    def get_fields(self):
        fields = super().get_fields()
        if "posts" in self.context:
            fields["post"].queryset = self.context["posts"]
        return fields


class WatchSerializer(serializers.Serializer):
    """Exactly one of ``thread`` or ``category``. Context: ``request``."""

    thread = serializers.PrimaryKeyRelatedField(
        queryset=Thread.objects.none(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("No such thread."), "incorrect_type": _("Give a thread id.")},
    )
    category = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, help_text=_("The category's slug or id.")
    )
    level = serializers.ChoiceField(
        choices=WatchLevel.choices, error_messages={"invalid_choice": _("Choose a watching level from the list.")}
    )

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["thread"].queryset = threads_visible_to(request.user)
        return fields

    def validate_category(self, value):
        return readable_category(self.context["request"].user, value) if value else None

    def validate(self, attrs):
        if bool(attrs.get("thread")) == bool(attrs.get("category")):
            raise serializers.ValidationError(
                {"thread": [_("Choose either a thread or a category.")]}, code="one_target"
            )
        return attrs

    def to_representation(self, instance):
        return {
            "thread": instance["thread"].pk if instance.get("thread") else None,
            "category": instance["category"].slug if instance.get("category") else None,
            "level": instance["level"],
        }


class MentionsNotToldSerializer(serializers.Serializer):
    unknown = serializers.ListField(
        child=serializers.CharField(), help_text=_("Handles in the text that no one in the forum has.")
    )
    cannot_read = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("Handles of people mentioned who cannot read the thread, and so were not told."),
    )


class PostWrittenSerializer(PostSerializer):
    """The post just written, with what its @mentions did not reach, for the writer to put right."""

    mentions_not_told = serializers.SerializerMethodField()

    class Meta(PostSerializer.Meta):
        fields = [*PostSerializer.Meta.fields, "mentions_not_told"]
        read_only_fields = fields

    @extend_schema_field(MentionsNotToldSerializer)
    def get_mentions_not_told(self, post) -> dict:
        missed = mentions_not_told(post)
        return {"unknown": missed.unknown, "cannot_read": [person.handle for person in missed.cannot_read]}
