import uuid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS

from accounts.handles import MAX_LENGTH, base_for, unique_handles, validate_handle


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def give_handles(self, users):
        """Give each unsaved user without a handle a free one made from their name, for inserts in bulk."""
        users = [user for user in users if not user.handle]
        if not users:
            return
        bases = [base_for(user.full_name) for user in users]
        # One person: only the handles that could clash ("kari-nordmann", "kari-nordmann2"); a batch: all.
        taken = self.filter(handle__startswith=bases[0][: MAX_LENGTH - 4]) if len(bases) == 1 else self
        for user, handle in zip(users, unique_handles(bases, set(taken.values_list("handle", flat=True))), strict=True):
            user.handle = handle


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_staff = models.BooleanField(
        _("staff status"), default=False, help_text=_("May sign in to the Django admin site.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # The language notices and e-mails reach them in: the page's at sign-up, then the last they switched to.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    handle = models.CharField(
        _("handle"),
        max_length=MAX_LENGTH,
        unique=True,
        validators=[validate_handle],
        help_text=_("Others mention you in the forum with @ and this, such as @kari-nordmann."),
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()
        self.handle = self.handle.lower()

    def save(self, *args, **kwargs):
        if self.handle:
            return super().save(*args, **kwargs)
        # A new person without a chosen handle gets one from their name; if someone took it meanwhile, the next.
        for _attempt in range(3):
            self.__class__.objects.give_handles([self])
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if not self.__class__.objects.filter(handle=self.handle).exists():
                    raise
                self.handle = ""
        raise IntegrityError("No free handle found.")

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class FailedEmail(DBTaskResult):
    """An e-mail given up on: a result of ``accounts.tasks.send_email`` that FAILED (``accounts.admin``)."""

    class Meta:
        proxy = True
        verbose_name = _("failed e-mail")
        verbose_name_plural = _("failed e-mails")


class ApiToken(AbstractAuthToken):
    """One named API token of one person (django-rest-knox's token model, swapped in by ``KNOX_TOKEN_MODEL``).

    Only knox's SHA-512 hash of the key is stored (``digest``), with the key's first characters (``token_key``)
    to find the row: the key itself is shown once, when it is made, and is never stored. Neither the digest
    nor ``token_key`` is shown anywhere; pages and URLs name a token by its ``id``.
    """

    # A random id names the token in URLs and the admin; knox's digest (its primary key there) stays unique but
    # is shown nowhere.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    # knox's own fields, again with names people read in the admin; knox looks tokens up through
    # ``auth_token_set``, so the related name stays.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="auth_token_set", verbose_name=_("owner")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    # Every token expires: no null (knox's "never expires").
    expiry = models.DateTimeField(_("expires"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self):
        # knox's own __str__ shows the digest; the name and owner are enough to tell tokens apart.
        return f"{self.name or _('Unnamed token')} ({self.user_id})"

    @property
    def is_expired(self):
        return self.expiry <= timezone.now()
