"""Partnership agreements between career centres and NAV, schools, municipalities, unions and employers.

An ``Agreement`` belongs to one centre, or to a county when it binds all the county's centres (``centre`` empty).
It names one or more partner organisations (``Party``), what each side commits to (``Obligation``), the contact
people on both sides (``Contact``), the national guideline clauses it meets (``ClauseFulfilment``), its yearly
reviews (``Review``) and every change made to it (``AgreementChange``). The signed document is a private file
with the same rules as evidence (``register.evidence``).
"""

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.validation import validate_organisation_number
from register.evidence import EXTENSIONS, get_private_storage
from register.models import Centre, County


class PartnerType(models.TextChoices):
    NAV_OFFICE = "nav_office", _("NAV office")
    NAV_COUNTY = "nav_county", _("NAV county")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
    MUNICIPALITY = "municipality", _("Municipality")
    ADULT_EDUCATION = "adult_education", _("Adult education")
    HIGHER_EDUCATION = "higher_education", _("Higher education")
    TRADE_UNION = "trade_union", _("Trade union")
    EMPLOYER_ORGANISATION = "employer_organisation", _("Employer organisation")
    HEALTH_SERVICE = "health_service", _("Health service")
    OTHER = "other", _("Other")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    EXPIRING = "expiring", _("Expiring")
    EXPIRED = "expired", _("Expired")
    ENDED = "ended", _("Ended")


# Agreements in force: they bind both sides, count in the overview's coverage and are shown to counsellors.
IN_FORCE = (AgreementStatus.ACTIVE, AgreementStatus.EXPIRING)


class Renewal(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatic, one year at a time")
    BY_DECISION = "by_decision", _("By decision")


class Side(models.TextChoices):
    CENTRE = "centre", _("The career centre")
    PARTNER = "partner", _("The partner")


class Unit(models.TextChoices):
    NONE = "", _("No amount")
    NOK = "nok", _("NOK per year")
    HOURS = "hours", _("Staff hours per year")


class Frequency(models.TextChoices):
    ONCE = "once", _("Once")
    MONTHLY = "monthly", _("Every month")
    QUARTERLY = "quarterly", _("Every quarter")
    YEARLY = "yearly", _("Every year")


# How many months a recurring obligation's next due date moves on when it is met.
FREQUENCY_MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}


class GuidelineClause(models.Model):
    """A clause of the national guidelines that agreements should contain; required for some partner types."""

    title = models.CharField(_("title"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    # The partner types (``PartnerType`` values) whose agreements must meet this clause.
    required_for = models.JSONField(_("required for"), default=list, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("guideline clause")
        verbose_name_plural = _("guideline clauses")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def required_for_labels(self) -> list[str]:
        labels = dict(PartnerType.choices)
        return [str(labels[value]) for value in self.required_for if value in labels]


def document_upload_to(instance, filename):
    """Signed documents are stored under a random name ending in the extension of the type found in them."""
    return f"agreements/{uuid.uuid4().hex}{EXTENSIONS.get(instance.document_type, '')}"


class AgreementQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status__in=IN_FORCE)


class Agreement(models.Model):
    title = models.CharField(_("title"), max_length=200)
    centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("centre"),
        help_text=_("Leave empty for an agreement that binds all the county's centres."),
    )
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("county"))
    purpose = models.TextField(_("purpose"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Empty: until it is terminated."))
    notice_months = models.PositiveSmallIntegerField(
        _("notice period in months"), default=3, validators=[MinValueValidator(0)]
    )
    renewal = models.CharField(_("renewal"), max_length=20, choices=Renewal.choices, default=Renewal.BY_DECISION)
    status = models.CharField(
        _("status"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT, db_index=True
    )
    document = models.FileField(
        _("signed document"),
        upload_to=document_upload_to,
        storage=get_private_storage,
        blank=True,
        max_length=300,
    )
    document_name = models.CharField(_("document file name"), max_length=255, blank=True)
    document_type = models.CharField(_("document type"), max_length=50, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="partnerships_agreement_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:detail", kwargs={"pk": self.pk})

    @property
    def owner_name(self) -> str:
        return self.centre.name if self.centre_id else str(_("All centres in %(county)s") % {"county": self.county})

    @property
    def notice_deadline(self) -> datetime.date | None:
        """The last day notice can be given for the agreement to end at its end date."""
        if self.end_date is None:
            return None
        return add_months(self.end_date, -self.notice_months)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved ``months`` calendar months on (or back), kept inside the target month (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    next_month = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


class Party(models.Model):
    """A partner organisation bound by an agreement."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(_("organisation name"), max_length=200)
    partner_type = models.CharField(_("partner type"), max_length=30, choices=PartnerType.choices)
    organisation_number = models.CharField(
        _("organisation number"),
        max_length=9,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("Nine digits, from the Brønnøysund Register Centre."),
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation_number="") | Q(organisation_number__regex=r"^[0-9]{9}$"),
                name="partnerships_party_orgnr_9_digits",
            )
        ]

    def __str__(self):
        return self.name


class Obligation(models.Model):
    """What one side commits to: a description, an amount per year where there is one, and when it is due."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="obligations")
    side = models.CharField(_("who commits"), max_length=10, choices=Side.choices)
    description = models.CharField(_("obligation"), max_length=300)
    unit = models.CharField(_("amount in"), max_length=10, choices=Unit.choices, blank=True, default=Unit.NONE)
    amount = models.DecimalField(
        _("amount per year"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices, default=Frequency.YEARLY)
    due_date = models.DateField(_("next due"), null=True, blank=True)
    # The last time the obligation was met; a one-off obligation met is done and never due again.
    met_on = models.DateField(_("last met"), null=True, blank=True)
    # The due date the "obligation due" notice was last sent for, so the daily task tells once.
    notified_for = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["side", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="partnerships_amount_gte_0"
            ),
            models.CheckConstraint(
                condition=(Q(unit="") & Q(amount__isnull=True)) | (~Q(unit="") & Q(amount__isnull=False)),
                name="partnerships_amount_has_unit",
            ),
        ]

    def __str__(self):
        return self.description

    @property
    def is_done(self) -> bool:
        return self.frequency == Frequency.ONCE and self.met_on is not None

    def is_overdue(self, today: datetime.date) -> bool:
        return not self.is_done and self.due_date is not None and self.due_date < today


class Contact(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="contacts")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["side", "pk"]

    def __str__(self):
        return self.name


class ClauseFulfilment(models.Model):
    """The centre's statement that an agreement meets a guideline clause, and where."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="fulfilments")
    clause = models.ForeignKey(GuidelineClause, on_delete=models.CASCADE, related_name="fulfilments")
    note = models.CharField(
        _("where the agreement meets it"), max_length=300, blank=True, help_text=_("For example: section 4.")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "clause"], name="partnerships_one_fulfilment_per_clause")
        ]

    def __str__(self):
        return f"{self.agreement_id}: {self.clause_id}"


class Review(models.Model):
    """A yearly review meeting: who took part, what was delivered against each obligation, what changes."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField(_("date of the meeting"))
    participants = models.TextField(_("participants"))
    changes = models.TextField(_("what changes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"{self.agreement_id}: {self.held_on}"


class DeliveryStatus(models.TextChoices):
    MET = "met", _("Delivered")
    PARTLY = "partly", _("Partly delivered")
    NOT_MET = "not_met", _("Not delivered")


class ReviewItem(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="items")
    obligation = models.ForeignKey(Obligation, on_delete=models.SET_NULL, null=True, related_name="review_items")
    # The obligation's words at the time, so the review still reads right after the obligation changes.
    obligation_text = models.CharField(_("obligation"), max_length=300)
    delivery = models.CharField(_("delivered"), max_length=10, choices=DeliveryStatus.choices)
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.obligation_text


class DeliveredActivity(models.Model):
    """Something the centre ran under an agreement, such as an event, reported by the app that holds it."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="activities")
    # Which app and which of its rows: ("events", "42"). The app keeps it up to date through our service.
    source = models.CharField(max_length=30)
    reference = models.CharField(max_length=50)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    url = models.CharField(max_length=300, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)

    class Meta:
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "reference"], name="partnerships_activity_under_one_agreement")
        ]

    def __str__(self):
        return self.title


class AgreementChange(models.Model):
    """One change to an agreement: who, when, and which fields went from what to what."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=40)
    # [{"field": "end_date", "old": "2027-06-30", "new": "2028-06-30"}, ...] or {"text": "..."} entries.
    details = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.agreement_id}: {self.action}"


class Reminder(models.Model):
    """A deadline notice already sent, so the daily task sends each one once."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20)  # "end" or "notice"
    deadline = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind", "deadline", "days_before"], name="partnerships_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.agreement_id}: {self.kind} {self.deadline}"
