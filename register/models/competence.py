from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from register.evidence import evidence_upload_to, get_private_storage
from register.models.organisation import WorkplaceType


class CompetenceArea(models.Model):
    """One of the seven areas of the national competence standard (administrator-edited)."""

    number = models.PositiveSmallIntegerField(_("order"), unique=True)
    name_nb = models.CharField(_("name (bokmål)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_nb = models.TextField(_("description (bokmål)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    competent_nb = models.TextField(
        _("level competent (bokmål)"),
        blank=True,
        help_text=_("What a counsellor at the level kompetent knows and does."),
    )
    competent_en = models.TextField(_("level competent (English)"), blank=True)
    specialised_nb = models.TextField(
        _("level specialised (bokmål)"),
        blank=True,
        help_text=_("What a counsellor at the level spesialisert knows and does."),
    )
    specialised_en = models.TextField(_("level specialised (English)"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Untick once the official name is in."))

    class Meta:
        verbose_name = _("competence area")
        verbose_name_plural = _("competence areas")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def name(self):
        return self.name_en if translation.get_language() == "en" else self.name_nb

    @property
    def description(self):
        return self.description_en if translation.get_language() == "en" else self.description_nb

    @property
    def competent(self):
        english = translation.get_language() == "en"
        return (self.competent_en or self.competent_nb) if english else self.competent_nb

    @property
    def specialised(self):
        english = translation.get_language() == "en"
        return (self.specialised_en or self.specialised_nb) if english else self.specialised_nb


class Level(models.TextChoices):
    NOT_YET = "not_yet", _("Not yet")
    COMPETENT = "kompetent", _("Competent (kompetent)")
    SPECIALISED = "spesialisert", _("Specialised (spesialisert)")


class CPDCycle(models.TextChoices):
    ROLLING = "rolling", _("Rolling window (the last months up to today)")
    PERIOD = "period", _("Fixed periods (for example 30 hours per 3 years)")


class RequirementSetQuerySet(models.QuerySet):
    def in_force(self, on=None):
        """The set in force per workplace type on a date: the latest ``effective_from`` not after it."""
        on = on or timezone.localdate()
        latest = (
            self.model.objects.filter(workplace_type=models.OuterRef("workplace_type"), effective_from__lte=on)
            .order_by("-effective_from")
            .values("pk")[:1]
        )
        return self.filter(effective_from__lte=on, pk=models.Subquery(latest))


class RequirementSet(models.Model):
    """The minimum requirement for one workplace type from a date. Never edited once in force."""

    workplace_type = models.CharField(_("workplace type"), max_length=30, choices=WorkplaceType.choices)
    name = models.CharField(_("name"), max_length=200)
    effective_from = models.DateField(_("in force from"))
    min_credits = models.DecimalField(
        _("minimum verified studiepoeng"), max_digits=5, decimal_places=1, default=Decimal("60.0")
    )
    min_core_credits = models.DecimalField(
        _("of which in core areas"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("0.0"),
        help_text=_("Verified studiepoeng from entries that cover at least one required area."),
    )
    required_areas = models.ManyToManyField(
        CompetenceArea, blank=True, related_name="requirement_sets", verbose_name=_("areas that must be covered")
    )
    cpd_hours = models.DecimalField(
        _("professional development hours per cycle"), max_digits=5, decimal_places=1, default=Decimal("25.0")
    )
    cpd_min_evidenced_hours = models.DecimalField(
        _("of which evidenced or attended"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("0.0"),
        help_text=_("Hours that must have evidence verified by a centre, or come from an attended event."),
    )
    cpd_cycle = models.CharField(_("CPD cycle"), max_length=10, choices=CPDCycle.choices, default=CPDCycle.ROLLING)
    cpd_cycle_months = models.PositiveSmallIntegerField(
        _("cycle length in months"),
        default=12,
        help_text=_("Rolling: the window up to today. Fixed periods: periods from 1 January of the year in force."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RequirementSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("requirement set")
        verbose_name_plural = _("requirement sets")
        ordering = ["workplace_type", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["workplace_type", "effective_from"], name="register_reqset_unique_date"),
            models.CheckConstraint(condition=Q(min_credits__gte=0), name="register_reqset_credits_nonneg"),
            models.CheckConstraint(
                condition=Q(min_core_credits__lte=models.F("min_credits")), name="register_reqset_core_le_total"
            ),
            models.CheckConstraint(condition=Q(cpd_hours__gte=0), name="register_reqset_cpd_nonneg"),
            models.CheckConstraint(
                condition=Q(cpd_min_evidenced_hours__gte=0, cpd_min_evidenced_hours__lte=models.F("cpd_hours")),
                name="register_reqset_evidenced_le_cpd",
            ),
            models.CheckConstraint(
                condition=Q(cpd_cycle_months__gte=1, cpd_cycle_months__lte=120), name="register_reqset_cycle_months"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_workplace_type_display()}, {self.effective_from:%d.%m.%Y})"

    @property
    def is_in_force_or_past(self):
        return self.effective_from <= timezone.localdate()


class CreditStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")
    NEEDS_INFO = "needs_info", _("Needs more information")


class CreditEntry(models.Model):
    """A course in career guidance with studiepoeng, verified by a centre against evidence."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credit_entries", verbose_name=_("owner")
    )
    title = models.CharField(_("course title"), max_length=300)
    institution = models.CharField(_("institution"), max_length=300)
    course_code = models.CharField(_("course code"), max_length=50, blank=True)
    credits = models.DecimalField(_("studiepoeng"), max_digits=3, decimal_places=1)
    completed_on = models.DateField(_("completed"))
    areas = models.ManyToManyField(CompetenceArea, related_name="credit_entries", verbose_name=_("competence areas"))
    evidence = models.FileField(
        _("evidence"), upload_to=evidence_upload_to, storage=get_private_storage, max_length=300
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255)
    evidence_type = models.CharField(_("evidence type"), max_length=50)
    status = models.CharField(_("status"), max_length=20, choices=CreditStatus.choices, default=CreditStatus.PENDING)
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("credit entry")
        verbose_name_plural = _("credit entries")
        ordering = ["-completed_on", "-id"]
        indexes = [models.Index(fields=["status", "created_at"]), models.Index(fields=["owner", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(credits__gt=0, credits__lte=60), name="register_credit_between_0_and_60"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.credits} sp)"

    @property
    def is_pending(self):
        return self.status == CreditStatus.PENDING


class ActivityKind(models.TextChoices):
    COURSE = "course", _("Course")
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    CONFERENCE = "conference", _("Conference")
    SUPERVISION = "supervision", _("Supervision")
    SELF_STUDY = "self_study", _("Self-study")
    OTHER = "other", _("Other")


class ActivitySource(models.TextChoices):
    MANUAL = "manual", _("Logged by the counsellor")
    EVENT = "event", _("Attended event")


class EvidenceLevel(models.TextChoices):
    """How far a CPD activity is backed: the status and the statement count hours per level."""

    SELF_DECLARED = "self_declared", _("Self-declared")
    EVIDENCED = "evidenced", _("Evidenced")
    ATTENDED = "attended", _("Attended")


class EvidenceReview(models.TextChoices):
    """The centre's look at the file behind a self-declared activity (blank: no file sent)."""

    NONE = "", _("No evidence sent")
    PENDING = "pending", _("Evidence waits for the centre")
    VERIFIED = "verified", _("Evidence verified")
    DECLINED = "declined", _("Evidence not accepted")


class CPDActivity(models.Model):
    """Professional development hours (CPD), logged by hand or created by an attended event.

    A hand-logged activity is *self-declared* until a verifier at the home centre accepts its
    evidence file (*evidenced*); hours from an event the organiser marked as attended are *attended*.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cpd_activities", verbose_name=_("owner")
    )
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1)
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    areas = models.ManyToManyField(
        CompetenceArea, blank=True, related_name="cpd_activities", verbose_name=_("competence areas")
    )
    reflection = models.TextField(_("reflection"), max_length=2000, blank=True)
    evidence = models.FileField(
        _("evidence"), upload_to=evidence_upload_to, storage=get_private_storage, blank=True, max_length=300
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_type = models.CharField(_("evidence type"), max_length=50, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=ActivitySource.choices, default=ActivitySource.MANUAL)
    evidence_level = models.CharField(
        _("evidence level"), max_length=20, choices=EvidenceLevel.choices, default=EvidenceLevel.SELF_DECLARED
    )
    review = models.CharField(
        _("evidence review"), max_length=10, choices=EvidenceReview.choices, default=EvidenceReview.NONE, blank=True
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_note = models.TextField(_("note from the centre"), blank=True)
    source_ref = models.CharField(
        _("source reference"), max_length=100, blank=True, help_text=_("For example the event the hours came from.")
    )
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)

    class Meta:
        verbose_name = _("professional development activity")
        verbose_name_plural = _("professional development activities")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["owner", "date"]), models.Index(fields=["review", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=100), name="register_cpd_hours_between_0_and_100"
            ),
            models.UniqueConstraint(
                fields=["owner", "source", "source_ref"],
                condition=~Q(source_ref=""),
                name="register_cpd_one_per_source",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.hours} h)"

    @property
    def is_audited(self):
        """Drawn for an evidence audit (one query unless ``audit`` was selected with the activity)."""
        return hasattr(self, "audit")

    @property
    def is_editable(self):
        """The owner may change a hand-logged activity until the centre has verified or audited it."""
        return (
            self.source == ActivitySource.MANUAL
            and self.evidence_level == EvidenceLevel.SELF_DECLARED
            and not self.is_audited
        )


class SelfAssessment(models.Model):
    """How a counsellor rates their own competence in one area."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessments", verbose_name=_("user")
    )
    area = models.ForeignKey(CompetenceArea, on_delete=models.CASCADE, related_name="+", verbose_name=_("area"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.NOT_YET)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [models.UniqueConstraint(fields=["user", "area"], name="register_selfassessment_unique")]

    def __str__(self):
        return f"{self.user}: {self.area} = {self.level}"


class LapseWarning(models.Model):
    """A counsellor was told that they stop meeting the requirement on ``lapses_on`` (once per warning)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lapse_warnings", verbose_name=_("user")
    )
    lapses_on = models.DateField(_("lapses on"))
    days_before = models.PositiveSmallIntegerField(_("days before"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("lapse warning")
        verbose_name_plural = _("lapse warnings")
        constraints = [
            models.UniqueConstraint(fields=["user", "lapses_on", "days_before"], name="register_lapse_warning_once")
        ]

    def __str__(self):
        return f"{self.user}: {self.lapses_on} ({self.days_before})"
