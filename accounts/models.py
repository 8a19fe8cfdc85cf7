from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(DjangoUserManager):
    """Email is the login; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True, kind=User.Kind.STAFF)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in: a candidate, a park company member, or HKSTP staff."""

    class Kind(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        EMPLOYER = "employer", _("Park company member")
        STAFF = "staff", _("HKSTP staff")

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    # One field: Cantonese, Putonghua and English names do not split into first/last.
    name = models.CharField(_("full name"), max_length=150)
    kind = models.CharField(_("account type"), max_length=16, choices=Kind, default=Kind.CANDIDATE)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Emails are written in this language."),
    )
    privacy_accepted_at = models.DateTimeField(_("privacy notice accepted"), null=True, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # Staff accounts are made by HKSTP, never by sign-up, and are nothing else.
            models.CheckConstraint(
                condition=models.Q(kind="staff", is_staff=True)
                | (~models.Q(kind="staff") & models.Q(is_staff=False)),
                name="user_staff_kind_matches_is_staff",
                violation_error_message=_("Staff accounts, and only they, have the staff flag."),
            ),
        ]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        # "Chan Tai Man" puts the family name first; no split of a name is safe.
        return self.name or self.email

    @property
    def is_candidate(self):
        return self.kind == self.Kind.CANDIDATE

    @property
    def is_employer(self):
        return self.kind == self.Kind.EMPLOYER
