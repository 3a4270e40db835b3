"""E-guidance: questions from the public, the counsellors' answers, and what is kept after deletion.

A ``Question`` and everything said in it (``Message``, ``InternalNote``) is personal data and is
deleted 90 days after the last activity, or at once by the asker. ``QuestionRecord`` is the
anonymous trace that stays for statistics: topic, county, times and whether the answer helped.
"""

import datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from register.models import Centre, County


class Topic(models.TextChoices):
    CHOOSING_EDUCATION = "choosing_education", _("Choosing an education")
    CHANGING_JOBS = "changing_jobs", _("Changing jobs or career")
    FOREIGN_EDUCATION = "foreign_education", _("Recognition of education from abroad")
    APPLYING_FOR_JOBS = "applying_for_jobs", _("Applying for jobs")
    ADULT_EDUCATION = "adult_education", _("Adult education and funding")
    OTHER = "other", _("Something else")


class AgeGroup(models.TextChoices):
    UNDER_19 = "under_19", _("Under 19")
    FROM_19 = "19_29", _("19–29")
    FROM_30 = "30_44", _("30–44")
    FROM_45 = "45_59", _("45–59")
    FROM_60 = "60_plus", _("60 or older")


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a counsellor")
    CLAIMED = "claimed", _("Being answered")
    ANSWERED = "answered", _("Answered")


# Questions that still wait for an answer: in the queue, on the promise clock.
WAITING = (QuestionStatus.OPEN, QuestionStatus.CLAIMED)


class QuestionRecord(models.Model):
    """The anonymous statistics of one question; kept when the question itself is deleted."""

    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices)
    county = models.ForeignKey(
        County, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("county")
    )
    asked_at = models.DateTimeField(_("asked"), db_index=True)
    due_at = models.DateTimeField(_("answer due"))
    first_answered_at = models.DateTimeField(_("first answered"), null=True, blank=True)
    # Seconds from asking to the first answer, stored so medians and percentiles are plain ordered queries.
    answer_seconds = models.PositiveIntegerField(_("seconds to first answer"), null=True, blank=True)
    answered_in_time = models.BooleanField(_("answered within the promise"), null=True, blank=True)
    followed_up = models.BooleanField(_("followed up"), default=False)
    helpful = models.BooleanField(_("helpful"), null=True, blank=True)
    # The centre whose e-guidance counsellor gave the first answer: the centres' contribution, never the person.
    answered_by_centre = models.ForeignKey(
        Centre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by centre"),
    )

    class Meta:
        verbose_name = _("question record")
        verbose_name_plural = _("question records")
        indexes = [models.Index(fields=["answer_seconds"])]

    def __str__(self):
        return f"{self.get_topic_display()} {self.asked_at:%Y-%m-%d}"


class Question(models.Model):
    # The private link's token: ``token_key`` (its first characters) finds the row, the whole token is then
    # compared in constant time. The token is kept so the "your answer is ready" e-mail can carry the link.
    token_key = models.CharField(max_length=12, unique=True)
    token = models.CharField(max_length=64)
    record = models.OneToOneField(QuestionRecord, on_delete=models.PROTECT, related_name="question")
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices)
    county = models.ForeignKey(
        County,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guidance_questions",
        verbose_name=_("county"),
    )
    age_group = models.CharField(_("age group"), max_length=16, choices=AgeGroup.choices, blank=True)
    email = models.EmailField(_("e-mail for a notice"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=QuestionStatus.choices, default=QuestionStatus.OPEN)
    created_at = models.DateTimeField(_("asked"))
    due_at = models.DateTimeField(_("answer due"), db_index=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="claimed_guidance_questions",
        verbose_name=_("claimed by"),
    )
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    referred_to = models.ForeignKey(
        Centre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred to centre"),
    )
    last_activity_at = models.DateTimeField(_("last activity"), db_index=True)
    # The due time the leads were last warned about: one warning per question and promise.
    leads_warned_for = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            # The queue's order over the waiting questions alone: the queue reads its first 50, not the
            # tens of thousands answered before them (9.8 ms against 0.4 with 30,000 questions).
            models.Index(fields=["due_at", "id"], condition=models.Q(status__in=WAITING), name="guidance_waiting_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="claimed") | models.Q(claimed_by__isnull=False),
                name="guidance_claimed_has_counsellor",
            )
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_topic_display()}"

    @property
    def is_waiting(self):
        return self.status in WAITING

    @property
    def has_follow_up(self):
        return self.record.followed_up


class MessageKind(models.TextChoices):
    QUESTION = "question", _("Question")
    ANSWER = "answer", _("Answer")
    FOLLOW_UP = "follow_up", _("Follow-up question")


class Message(models.Model):
    """One turn of the conversation: the question, an answer (Markdown), the follow-up."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=16, choices=MessageKind.choices)
    body = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("written"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.question_id})"


class InternalNote(models.Model):
    """A counsellors' note on a question; never shown to the asker."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return f"Note on {self.question_id}"


class ClaimChange(models.Model):
    """A lead moved a claimed question to another counsellor, or back to the queue, and said why.

    Part of the question: deleted with it.
    """

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="claim_changes")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("lead")
    )
    from_counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("from")
    )
    # Empty when the question went back to the queue.
    to_counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to"),
    )
    reason = models.TextField(_("reason"))
    changed_at = models.DateTimeField(_("changed"))

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("claim change")
        verbose_name_plural = _("claim changes")

    def __str__(self):
        return f"#{self.question_id} {self.from_counsellor_id} -> {self.to_counsellor_id} at {self.changed_at:%Y-%m-%d}"


class AccessLog(models.Model):
    """Who opened which question when. Kept (without the question) after the question is deleted."""

    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, related_name="access_log")
    question_number = models.PositiveIntegerField(_("question number"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    opened_at = models.DateTimeField(_("opened"), db_index=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self):
        return f"{self.user_id} opened {self.question_number} at {self.opened_at:%Y-%m-%d %H:%M}"


class FaqEntry(models.Model):
    """A public, anonymised question and answer, written from an answered question but not linked to it."""

    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), help_text=_("Markdown."))
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    published_at = models.DateTimeField(_("published"), db_index=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")

    def __str__(self):
        return self.title


class Service(models.TextChoices):
    """A service that keeps a promise in working time (``guidance.clock``)."""

    GUIDANCE = "guidance", _("E-guidance")


# The weekday fields of ``ServiceHours``, Monday first (``date.weekday()`` is the index).
WEEKDAY_FIELDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class ServiceHours(models.Model):
    """When a service is open: its promise clock runs only in these hours, on these days.

    Without a row the defaults apply (weekdays 08:00-16:00), so a service is never without hours.
    """

    service = models.CharField(_("service"), max_length=32, choices=Service.choices, unique=True)
    opens = models.TimeField(_("opens"), default=datetime.time(8, 0))
    closes = models.TimeField(_("closes"), default=datetime.time(16, 0))
    monday = models.BooleanField(_("open on Mondays"), default=True)
    tuesday = models.BooleanField(_("open on Tuesdays"), default=True)
    wednesday = models.BooleanField(_("open on Wednesdays"), default=True)
    thursday = models.BooleanField(_("open on Thursdays"), default=True)
    friday = models.BooleanField(_("open on Fridays"), default=True)
    saturday = models.BooleanField(_("open on Saturdays"), default=False)
    sunday = models.BooleanField(_("open on Sundays"), default=False)

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{self.get_service_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    @property
    def open_weekdays(self) -> frozenset[int]:
        return frozenset(day for day, field in enumerate(WEEKDAY_FIELDS) if getattr(self, field))

    def clean(self):
        errors = {}
        if self.opens is not None and self.closes is not None and self.opens >= self.closes:
            errors["closes"] = _("The service must close after it opens, on the same day.")
        if not self.open_weekdays:
            errors[NON_FIELD_ERRORS] = _("Choose at least one day the service is open.")
        if errors:
            raise ValidationError(errors)


# A closure longer than this is a mistake in the dates (fellesferie is three weeks).
CLOSURE_MAX_DAYS = 42


class ClosurePeriod(models.Model):
    """Days every service is closed although they are working days: julaften, nyttårsaften, fellesferie."""

    name = models.CharField(_("name"), max_length=100, help_text=_("For example “Julaften” or “Fellesferie”."))
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"), help_text=_("The same as the first day for a single day."))

    class Meta:
        ordering = ["first_day", "pk"]
        verbose_name = _("closure period")
        verbose_name_plural = _("closure periods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")), name="guidance_closure_in_order"
            )
        ]

    def __str__(self):
        return f"{self.name} {self.first_day:%Y-%m-%d}-{self.last_day:%Y-%m-%d}"

    def clean(self):
        if self.first_day is None or self.last_day is None:
            return
        if self.last_day < self.first_day:
            raise ValidationError({"last_day": _("The last day cannot be before the first day.")})
        if (self.last_day - self.first_day).days + 1 > CLOSURE_MAX_DAYS:
            raise ValidationError(
                {"last_day": _("A closure can be at most %(days)d days long.") % {"days": CLOSURE_MAX_DAYS}}
            )

    def days(self):
        day = self.first_day
        while day <= self.last_day:
            yield day
            day += datetime.timedelta(days=1)
