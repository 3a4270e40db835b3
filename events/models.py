"""Courses, network meetings and other events that the centres run, and who takes part."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from register.models import ActivityKind, Centre, CompetenceArea, County


class EventKind(models.TextChoices):
    COURSE = "course", _("Course")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    WEBINAR = "webinar", _("Webinar")
    CONFERENCE = "conference", _("Conference")
    PROFESSIONAL_DAY = "professional_day", _("Professional day")


# The register's kind of CPD activity that attending each kind of event counts as.
ACTIVITY_KIND = {
    EventKind.COURSE: ActivityKind.COURSE,
    EventKind.NETWORK_MEETING: ActivityKind.NETWORK_MEETING,
    EventKind.WEBINAR: ActivityKind.COURSE,
    EventKind.CONFERENCE: ActivityKind.CONFERENCE,
    EventKind.PROFESSIONAL_DAY: ActivityKind.CONFERENCE,
}


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    SCHOOL = "school", _("School counsellors")
    NAV = "nav", _("NAV counsellors")
    CENTRE_STAFF = "centre_staff", _("Career centre staff")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class EventQuerySet(models.QuerySet):
    def public(self):
        """Events anyone may see: published or cancelled (a cancelled event stays findable)."""
        return self.exclude(status=EventStatus.DRAFT)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def with_counts(self):
        """Annotate ``confirmed_count``, ``waiting_count`` and ``free_places`` (None when unlimited).

        One counting subquery per event row (on the event-and-status index), not a join grouped over
        every event: a page of 20 counts the registrations of its 20 events only.
        """
        return self.annotate(
            confirmed_count=_registrations_with("confirmed"),
            waiting_count=_registrations_with("waiting"),
        ).annotate(free_places=F("capacity") - F("confirmed_count"))


def _registrations_with(status):
    counted = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)


class Event(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="events", verbose_name=_("organiser"))
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="events", verbose_name=_("county"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"), max_length=20000, help_text=_("Markdown: **bold**, *italic*, lists and links.")
    )
    who_should_come = models.TextField(_("who should come"), max_length=2000, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.COURSE)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    place = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(
        _("online link"), max_length=500, blank=True, help_text=_("Shown only to confirmed participants.")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True, help_text=_("Leave empty for no limit."))
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Leave empty to open it when published.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Leave empty to close it when the event starts.")
    )
    cpd_hours = models.DecimalField(_("CPD hours"), max_digits=4, decimal_places=1)
    areas = models.ManyToManyField(
        CompetenceArea, blank=True, related_name="events", verbose_name=_("competence areas")
    )
    status = models.CharField(_("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    sequence = models.PositiveIntegerField(
        _("revision"), default=0, help_text=_("Raised on every change calendar programs must pick up.")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["county", "starts_at"]),
            models.Index(fields=["centre", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="events_event_ends_after_start"),
            models.CheckConstraint(condition=Q(cpd_hours__gt=0, cpd_hours__lte=100), name="events_event_cpd_hours"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="events_event_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(registration_closes_at__isnull=True) | Q(registration_closes_at__lte=F("starts_at")),
                name="events_event_registration_closes_before_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self):
        return self.status == EventStatus.DRAFT

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def is_online(self):
        return bool(self.online_url) and not self.address

    def registration_closes(self):
        return self.registration_closes_at or self.starts_at

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        if self.status != EventStatus.PUBLISHED:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return now < self.registration_closes()

    def has_ended(self, now=None):
        return self.ends_at <= (now or timezone.now())

    def has_started(self, now=None):
        return self.starts_at <= (now or timezone.now())

    @property
    def cpd_source_ref(self):
        """How the register knows this event: the CPD activity's and certificate's source reference."""
        return f"event:{self.pk}"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("a registration the person gave up", "Cancelled")


class Registration(models.Model):
    """One person's place at one event. Re-registering after cancelling reuses the row."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations", verbose_name=_("person")
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    registered_at = models.DateTimeField(
        _("registered"), default=timezone.now, help_text=_("The waiting list is in this order.")
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    attendance_marked_at = models.DateTimeField(_("attendance marked"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["registered_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="events_one_registration_per_person")]
        indexes = [
            models.Index(fields=["event", "status", "registered_at"]),
            models.Index(fields=["user", "status"]),
        ]

    def __str__(self):
        return f"{self.user} @ {self.event}"


class CalendarFeed(models.Model):
    """The secret address of one person's "my events" calendar feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feed", verbose_name=_("person")
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)

    @staticmethod
    def new_token():
        return secrets.token_urlsafe(32)


class EventMessage(models.Model):
    """A message an organiser sent to the confirmed participants, kept for the record."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages", verbose_name=_("event"))
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("sender")
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=5000)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")
        ordering = ["-sent_at"]

    def __str__(self):
        return self.subject
