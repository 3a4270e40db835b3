from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class County(models.Model):
    """One of Norway's 15 counties (fylker) from 1 January 2024, with its official number."""

    number = models.CharField(_("county number"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    population_is_demo = models.BooleanField(
        _("population is demo data"), default=False, help_text=_("Tick while the figure is not from Statistics Norway.")
    )
    adult_population = models.PositiveIntegerField(
        _("adults (19 and over)"), null=True, blank=True, help_text=_("Residents aged 19 and over: the centres' users.")
    )
    population_source = models.CharField(_("population source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["number"]

    def __str__(self):
        return self.name


class CentreQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_listing(self):
        return self.select_related("county")


class Centre(models.Model):
    """A county career centre (karrieresenter)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="centres", verbose_name=_("county"))
    address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    services = models.TextField(_("services"), blank=True)
    is_resource_centre = models.BooleanField(
        _("resource centre"), default=False, help_text=_("Trains school and NAV counsellors in its region.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    objects = CentreQuerySet.as_manager()

    class Meta:
        verbose_name = _("career centre")
        verbose_name_plural = _("career centres")
        ordering = ["county__number", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(postcode="") | Q(postcode__regex=r"^[0-9]{4}$"), name="register_centre_postcode_4_digits"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("centre_detail", kwargs={"slug": self.slug})


class WorkplaceType(models.TextChoices):
    CAREER_CENTRE = "career_centre", _("Career centre")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary school")
    NAV = "nav", _("NAV")
    HIGHER_EDUCATION = "higher_education", _("Higher education")
    OTHER = "other", _("Other")


class CounsellorProfile(models.Model):
    """The working life of a user who does guidance work."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="counsellor_profile", verbose_name=_("user")
    )
    workplace_type = models.CharField(_("workplace type"), max_length=30, choices=WorkplaceType.choices)
    workplace_name = models.CharField(_("workplace name"), max_length=200)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="counsellors", verbose_name=_("county"))
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    position_percentage = models.PositiveSmallIntegerField(
        _("position percentage"), null=True, blank=True, help_text=_("Share of a full-time position, 1 to 100.")
    )
    home_centre = models.ForeignKey(
        Centre,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="affiliated_counsellors",
        verbose_name=_("home centre"),
        help_text=_("The career centre that is your professional community."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("counsellor profile")
        verbose_name_plural = _("counsellor profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(position_percentage__isnull=True)
                | Q(position_percentage__gte=1, position_percentage__lte=100),
                name="register_profile_position_1_100",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.get_workplace_type_display()})"


class Role(models.TextChoices):
    ADMIN = "admin", _("Centre admin")
    VERIFIER = "verifier", _("Verifier")
    ORGANISER = "organiser", _("Organiser")
    MODERATOR = "moderator", _("Moderator")
    HR = "hr", _("HR")
    E_GUIDANCE = "e_guidance", _("E-guidance counsellor")


class Membership(models.Model):
    """A staff role a user holds at one centre."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("centre"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["centre__name", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "centre", "role"], name="register_membership_unique")]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.centre}"


class NationalRoleKind(models.TextChoices):
    ADMIN = "admin", _("National administrator")
    MODERATOR = "moderator", _("National moderator")


class NationalRole(models.Model):
    """A role over the whole country: national administrator or national moderator."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="national_roles", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=NationalRoleKind.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("national role")
        verbose_name_plural = _("national roles")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="register_nationalrole_unique")]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()}"


AUDIT_ACTION_LABELS = {
    "membership.granted": _("Role given"),
    "membership.revoked": _("Role removed"),
    "national_role.granted": _("National role given"),
    "national_role.revoked": _("National role removed"),
    "profile.home_centre_changed": _("Home centre changed"),
    "credit.created": _("Logged"),
    "credit.edited": _("Changed by the owner"),
    "credit.verified": _("Verified"),
    "credit.rejected": _("Rejected"),
    "credit.needs_info": _("More information asked for"),
    "credit.resubmitted": _("Corrected and sent again"),
    "credit.reversed": _("Decision reversed"),
    "credit.deleted": _("Deleted"),
    "cpd.evidence_verified": _("Evidence of professional development verified"),
    "cpd.evidence_declined": _("Evidence of professional development not accepted"),
    "audit.drawn": _("Evidence audit drawn"),
    "audit.confirmed": _("Confirmed in an evidence audit"),
    "audit.not_confirmed": _("Not confirmed in an evidence audit"),
    "statement.issued": _("Competence statement issued"),
    "statement.revoked": _("Competence statement revoked"),
    "requirement_set.created": _("Requirement set added"),
    "requirement_set.deleted": _("Requirement set deleted"),
    "requirement_set.changed": _("Requirement set changed"),
    "population.imported": _("County populations updated from Statistics Norway"),
    "competence_area.created": _("Competence area added"),
    "competence_area.changed": _("Competence area changed"),
}


class AuditEntry(models.Model):
    """Who changed what, when: kept for memberships, roles and (later) verification and requirements."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=40)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("person concerned"),
    )
    centre = models.ForeignKey(
        Centre, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("centre")
    )
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"

    @property
    def action_label(self):
        return AUDIT_ACTION_LABELS.get(self.action, self.action)


class AffiliationStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Ended")


class HomeCentreRequest(models.Model):
    """A counsellor's request to have a centre as their home centre, decided by the centre's admin."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="home_centre_requests", verbose_name=_("user")
    )
    centre = models.ForeignKey(
        Centre, on_delete=models.CASCADE, related_name="home_centre_requests", verbose_name=_("centre")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AffiliationStatus.choices, default=AffiliationStatus.REQUESTED
    )
    message = models.TextField(_("message"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("home centre request")
        verbose_name_plural = _("home centre requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="requested"), name="register_one_open_home_request"
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.centre} ({self.status})"
