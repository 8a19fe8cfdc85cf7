"""Django's own strings that its Simplified Chinese catalogue misses, marked here so that
`makemessages` puts them in the portal's catalogues (LOCALE_PATHS wins over Django's).

Django 5.2's zh_Hans catalogue translates the password-length error only under its old
msgid ("%(min_length)d"), so Simplified readers saw it in English at sign-up
(tests/test_languages.py).
"""

from django.utils.translation import ngettext_lazy

# django.contrib.auth.password_validation.MinimumLengthValidator.get_error_message
PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)
