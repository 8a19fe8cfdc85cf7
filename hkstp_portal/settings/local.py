"""Development: `make run`. Emails are printed by the Celery worker in that terminal."""

from hkstp_portal import embedded

# Only local and test settings know the embedded servers: production never imports them.
embedded.environ_setdefault()

from .base import *  # noqa: E402, F403
from .base import env  # noqa: E402

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str(
    "DJANGO_SECRET_KEY", default="local-development-only-5b1e0c9a7d2f4e8b9c3a6f1d0e2b4c8a"
)
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)

# Static files straight from static/ and the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise warns when it is missing
