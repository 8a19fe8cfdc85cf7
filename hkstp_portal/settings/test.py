"""pytest: the real PostgreSQL and Redis, tasks run eagerly unless a test starts a worker."""

from hkstp_portal import embedded

# Only local and test settings know the embedded servers: production never imports them.
embedded.environ_setdefault()

from .base import *  # noqa: E402, F403
from .base import env  # noqa: E402

DEBUG = False
SECRET_KEY = "test-only-8f3a1c5e7b9d2f4a6c8e0b1d3f5a7c9e"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES["default"]["KEY_PREFIX"] = "hkstp-test"  # noqa: F405
# Keep test tasks away from a development worker that shares the same Redis.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="hkstp-test")
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
MEDIA_ROOT = DATA_DIR / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = DATA_DIR / "test-private"  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Static files straight from static/ and the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - whitenoise warns when it is missing
# The email provider's webhooks are served (hkstp_portal/urls.py); tests post with it.
ANYMAIL = {**ANYMAIL, "WEBHOOK_SECRET": "webhook:test-secret"}  # noqa: F405
ANYMAIL_WEBHOOK_ESP = "postmark"  # the suite posts Postmark's own JSON (email stays locmem)
