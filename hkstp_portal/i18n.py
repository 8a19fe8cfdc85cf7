"""Small helpers for text in someone's language: content written in up to three
languages, and work done on someone's behalf in their own language."""

from collections.abc import Mapping

from django.utils import translation

# Where each UI language keeps a text: `<field>` is English (always written), `<field>_zh`
# Traditional Chinese, `<field>_zh_hans` Simplified Chinese.
SUFFIXES = {"zh-hant": "_zh", "zh-hans": "_zh_hans"}
# A Chinese reader with no text in their script reads the other script before English.
_ORDER = {"zh-hant": ("_zh", "_zh_hans"), "zh-hans": ("_zh_hans", "_zh")}


def _get(obj, name: str) -> str:
    if isinstance(obj, Mapping):
        return obj.get(name) or ""
    return getattr(obj, name, "") or ""


def localised(obj, field: str, language: str | None = None) -> str:
    """`obj.<field>` in `language` (the active one by default), falling back to English.

    Traditional Chinese readers who find no Traditional text get the Simplified text
    before English, and the other way round. `obj` may be a model or a mapping (a
    notification's stored context); a missing variant counts as not written.
    """
    language = (language or translation.get_language() or "en").lower()
    for suffix in _ORDER.get(language, ()):
        value = _get(obj, f"{field}{suffix}")
        if value:
            return value
    return _get(obj, field)


def content_language(obj, field: str, language: str | None = None) -> str:
    """The language code (BCP 47) of the text `localised` returns, for a `lang` attribute."""
    language = (language or translation.get_language() or "en").lower()
    for suffix in _ORDER.get(language, ()):
        if _get(obj, f"{field}{suffix}"):
            return "zh-Hant" if suffix == "_zh" else "zh-Hans"
    return "en"


def alternative(obj, field: str, language: str | None = None) -> dict[str, str] | None:
    """The same text in another language, to show beside the reader's: English for a
    Chinese reader (the name colleagues and CVs use), Chinese for an English reader.
    None when there is no other version, or it reads the same."""
    shown = localised(obj, field, language)
    if content_language(obj, field, language) != "en":
        text, lang = _get(obj, field), "en"
    else:
        text = _get(obj, f"{field}_zh") or _get(obj, f"{field}_zh_hans")
        lang = "zh-Hant" if _get(obj, f"{field}_zh") else "zh-Hans"
    if not text or text == shown:
        return None
    return {"text": text, "lang": lang}


def localised_versions(obj, field: str, key: str | None = None) -> dict[str, str]:
    """Every written version of `obj.<field>` under `key`, `key_zh`, `key_zh_hans`: for a
    stored context that is rendered later in a language not known yet (see `localised`)."""
    key = key or field
    versions = {key: _get(obj, field)}
    for suffix in SUFFIXES.values():
        if value := _get(obj, f"{field}{suffix}"):
            versions[f"{key}{suffix}"] = value
    return versions


def localised_context(context: Mapping) -> dict:
    """A stored context with each `key` that has Chinese versions replaced by its text in
    the active language (see `localised_versions`)."""
    result = dict(context)
    for key in list(result):
        if not key.endswith(tuple(SUFFIXES.values())) and any(
            f"{key}{suffix}" in result for suffix in SUFFIXES.values()
        ):
            result[key] = localised(context, key)
    return result


def in_language(language: str, build, *args, **kwargs):
    """Call `build` with `language` active: e.g. a URL with the recipient's language prefix
    for a notification written by a task that runs in the default language."""
    with translation.override(language):
        return build(*args, **kwargs)
