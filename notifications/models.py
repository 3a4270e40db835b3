from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.phrases import Phrase
from notifications.kinds import Delivery


class NoticeQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notice(models.Model):
    """Something the platform tells one person: shown in-app, and e-mailed per their choice.

    Its words are kept as phrases (``core.phrases``): ``title`` and ``body`` are written in the language
    of whoever reads them, the recipient's page or their e-mail, not of the request that caused them.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=50)
    # {"title": <phrase>, "body": <phrase>}, each as ``Phrase.as_json`` gives it.
    message = models.JSONField(_("message"), default=dict)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    delivery = models.CharField(_("e-mail delivery"), max_length=20, choices=Delivery.choices)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    # What the notice is about ("forum.thread:12"), when more of the same should join it while it is unread:
    # "3 new posts in ..." is one notice, not three (``notice_send_grouped``).
    group = models.CharField(_("group"), max_length=100, blank=True)
    count = models.PositiveIntegerField(_("number of times"), default=1)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["delivery", "emailed_at"]),
            models.Index(
                fields=["recipient", "group"], condition=models.Q(read_at__isnull=True), name="notice_unread_group"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return str(Phrase.from_json(self.message.get("title", {})))

    @property
    def body(self) -> str:
        return str(Phrase.from_json(self.message.get("body", {})))


class NotificationPreference(models.Model):
    """One person's e-mail choice for one kind of notice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=50)
    delivery = models.CharField(_("e-mail delivery"), max_length=20, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notifications_preference_unique")]

    def __str__(self):
        return f"{self.user}: {self.kind} → {self.delivery}"
