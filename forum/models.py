from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from register.models import Centre, County


class CategoryKind(models.TextChoices):
    NATIONAL = "national", _("National")
    COUNTY = "county", _("County")
    CENTRE = "centre", _("Centre network")
    GROUP = "group", _("Private group")


class Audience(models.TextChoices):
    """Who a right is given to. Everyone in the forum is a signed-in professional."""

    PROFESSIONALS = "professionals", _("All professionals")
    MEMBERS = "members", _("Members of the network or group")
    MODERATORS = "moderators", _("Moderators only")


class JoinPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone may join")
    REQUEST = "request", _("On request: moderators approve")
    CLOSED = "closed", _("Closed: moderators add members")


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CategoryKind.choices)
    county = models.ForeignKey(
        County, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("county")
    )
    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("centre")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    read_audience = models.CharField(_("who may read"), max_length=20, choices=Audience.choices)
    start_audience = models.CharField(_("who may start threads"), max_length=20, choices=Audience.choices)
    reply_audience = models.CharField(_("who may reply"), max_length=20, choices=Audience.choices)
    join_policy = models.CharField(
        _("joining"), max_length=20, choices=JoinPolicy.choices, default=JoinPolicy.CLOSED, blank=True
    )
    thread_count = models.PositiveIntegerField(_("threads"), default=0)
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    last_post_at = models.DateTimeField(_("last post"), null=True, blank=True)
    last_thread = models.ForeignKey(
        "Thread", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("last thread")
    )

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="county") | Q(county__isnull=False), name="forum_county_category_has_county"
            ),
            models.CheckConstraint(
                condition=~Q(kind="centre") | Q(centre__isnull=False), name="forum_centre_category_has_centre"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:category", kwargs={"slug": self.slug})

    @property
    def is_announcement(self):
        return self.start_audience == Audience.MODERATORS and self.reply_audience == Audience.MODERATORS


class GroupRole(models.TextChoices):
    MEMBER = "member", _("Member")
    MODERATOR = "moderator", _("Moderator")


class GroupMembership(models.Model):
    """Membership of a private group; ``is_approved`` is False while a join request waits."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="group_memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_groups")
    role = models.CharField(_("role"), max_length=20, choices=GroupRole.choices, default=GroupRole.MEMBER)
    is_approved = models.BooleanField(_("approved"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [models.UniqueConstraint(fields=["category", "user"], name="forum_group_membership_unique")]

    def __str__(self):
        return f"{self.user} in {self.category}"


class Thread(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    # The title for PostgreSQL's full-text search, kept by the database as Post.search_vector is.
    search_vector = SearchVectorField(null=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="forum_threads"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    is_question = models.BooleanField(_("this is a question"), default=False)
    accepted_post = models.ForeignKey(
        "Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("accepted answer")
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    # Numbers the posts: every post ever written in the thread, hidden and deleted ones too.
    post_count = models.PositiveIntegerField(_("posts"), default=0)
    # What readers see counted: the posts neither deleted nor hidden (forum.services.counters).
    visible_post_count = models.PositiveIntegerField(_("visible posts"), default=0)
    last_post_at = models.DateTimeField(_("last post"), null=True, blank=True)
    last_post_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            # thread_list's order, to the tie-breaking id: a category page reads its 20 entries and stops.
            models.Index(fields=["category", "-is_pinned", "-last_post_at", "-id"], name="forum_thread_listing"),
            # The same order over every category a reader may read (the API's thread list): 20 entries
            # of this index, not a sort of 20,000 threads (20 ms against 0.6 on the national seed).
            models.Index(fields=["-is_pinned", "-last_post_at", "-id"], name="forum_thread_latest"),
            models.Index(fields=["category", "is_question", "accepted_post"], name="forum_thread_unsolved"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forum:thread", kwargs={"pk": self.pk})

    @property
    def reply_count(self):
        return max(self.visible_post_count - 1, 0)

    @property
    def is_solved(self):
        return self.accepted_post_id is not None


class Post(models.Model):
    # No index of its own: the (thread, number) unique constraint's index starts with it.
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts", db_index=False)
    number = models.PositiveIntegerField(_("number in thread"))
    # No index of its own: forum_post_author_time starts with it.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", db_index=False
    )
    body = models.TextField(_("text"), max_length=20000)
    body_html = models.TextField(_("rendered text"))
    # The text as PostgreSQL's norwegian full-text search reads it, kept by the database (a trigger, migration
    # 0004) and GIN-indexed, so a search never recomputes it; empty elsewhere, where search matches plain text.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    is_deleted = models.BooleanField(_("deleted"), default=False)
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)
    flag_count = models.PositiveIntegerField(_("flags"), default=0)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["thread", "number"]
        constraints = [models.UniqueConstraint(fields=["thread", "number"], name="forum_post_number_unique")]
        indexes = [models.Index(fields=["author", "created_at"], name="forum_post_author_time")]

    def __str__(self):
        return f"{self.thread} #{self.number}"

    def get_absolute_url(self):
        """The thread at this post: the thread page turns ``?post=`` into the page the post is on."""
        return f"{self.thread.get_absolute_url()}?post={self.number}#post-{self.number}"


class PostRevision(models.Model):
    """The text of a post before an edit: the edit history.

    A moderator can redact a revision (``forum.services.revision_redact``): its text is emptied for good,
    so personal data edited out of a post is gone from the history too; the reason is in the moderation log.
    """

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    redacted_at = models.DateTimeField(null=True, blank=True)
    redacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Revision of {self.post}"


class ReadState(models.Model):
    """The highest post number a user has seen in a thread."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    last_read_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="forum_readstate_unique")]

    def __str__(self):
        return f"{self.user} read {self.thread} to #{self.last_read_number}"


class WatchLevel(models.TextChoices):
    WATCHING = "watching", _("Watching: every new post")
    TRACKING = "tracking", _("Tracking: replies to me and mentions")
    MUTED = "muted", _("Muted")


class Watch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_watches")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="watches")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, null=True, blank=True, related_name="watches")
    level = models.CharField(_("level"), max_length=20, choices=WatchLevel.choices)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False, category__isnull=True)
                | Q(thread__isnull=True, category__isnull=False),
                name="forum_watch_one_target",
            ),
            models.UniqueConstraint(fields=["user", "thread"], name="forum_watch_thread_unique"),
            models.UniqueConstraint(fields=["user", "category"], name="forum_watch_category_unique"),
        ]

    def __str__(self):
        return f"{self.user} {self.level} {self.thread or self.category}"


class FlagReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    OFF_TOPIC = "off_topic", _("Off topic")
    INAPPROPRIATE = "inappropriate", _("Inappropriate")
    PERSONAL_DATA = "personal_data", _("Personal data about a guidance seeker")
    OTHER = "other", _("Other")


class Flag(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="forum_flag_once_per_user")]
        indexes = [models.Index(fields=["resolved_at", "created_at"], name="forum_flag_open")]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.post}"


class ModerationAction(models.Model):
    """Every moderator action, with who, when and why."""

    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(_("action"), max_length=30)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="moderation_actions")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.action} {self.thread}"
