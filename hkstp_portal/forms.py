"""Form pieces shared by the apps."""

from django.utils.translation import gettext_lazy as _

from hkstp_portal.i18n import SUFFIXES

# (lang attribute, what the writer reads, field suffix) for each Chinese version of a text.
CHINESE_VERSIONS = [
    ("zh-Hant", _("Traditional Chinese"), SUFFIXES["zh-hant"]),
    ("zh-Hans", _("Simplified Chinese"), SUFFIXES["zh-hans"]),
]


def chinese_fields_mark(form) -> None:
    """Give each Chinese version's input its `lang`, so browsers pick the right font and
    input method and screen readers the right voice."""
    for lang, _label, suffix in CHINESE_VERSIONS:
        for name, field in form.fields.items():
            if name.endswith(suffix) and not (suffix == "_zh" and name.endswith("_zh_hans")):
                field.widget.attrs["lang"] = lang


def chinese_versions(form, fields: list[str]) -> list[dict]:
    """The Chinese versions of `fields`, one group per script, for
    templates/includes/chinese_versions.html. A group starts open when it holds text or
    an error, so nothing written is hidden."""
    groups = []
    for lang, label, suffix in CHINESE_VERSIONS:
        bound = [form[name + suffix] for name in fields if name + suffix in form.fields]
        if bound:
            is_open = any(field.value() or field.errors for field in bound)
            groups.append({"lang": lang, "label": label, "fields": bound, "open": is_open})
    return groups
