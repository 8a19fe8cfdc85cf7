"""Small helpers for text in someone's language: content written in up to three
languages, and work done on someone's behalf in their own language."""

from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import translate_url
from django.utils import translation

# Where each UI language keeps a text: `<field>` is English (required for names and titles),
# `<field>_zh` Traditional Chinese, `<field>_zh_hans` Simplified Chinese.
SUFFIXES = {"zh-hant": "_zh", "zh-hans": "_zh_hans"}
# The versions each reader tries, in order. A Chinese reader with no text in their script
# reads the other script before English; an English reader of a text only written in
# Chinese (an optional field) sees the Chinese rather than nothing.
_ORDER = {
    "zh-hant": ("_zh", "_zh_hans", ""),
    "zh-hans": ("_zh_hans", "_zh", ""),
    "en": ("", "_zh", "_zh_hans"),
}
_LANG = {"": "en", "_zh": "zh-Hant", "_zh_hans": "zh-Hans"}


def _get(obj, name: str) -> str:
    if isinstance(obj, Mapping):
        return obj.get(name) or ""
    return getattr(obj, name, "") or ""


def _pick(obj, field: str, language: str | None) -> tuple[str, str]:
    language = (language or translation.get_language() or "en").lower()
    for suffix in _ORDER.get(language, _ORDER["en"]):
        if value := _get(obj, f"{field}{suffix}"):
            return value, suffix
    return "", ""


def localised(obj, field: str, language: str | None = None) -> str:
    """`obj.<field>` in `language` (the active one by default), falling back to English.

    Traditional Chinese readers who find no Traditional text get the Simplified text
    before English, and the other way round. `obj` may be a model or a mapping (a
    notification's stored context); a missing variant counts as not written.
    """
    return _pick(obj, field, language)[0]


def content_language(obj, field: str, language: str | None = None) -> str:
    """The language code (BCP 47) of the text `localised` returns, for a `lang` attribute."""
    return _LANG[_pick(obj, field, language)[1]]


def alternative(obj, field: str, language: str | None = None) -> dict[str, str] | None:
    """The same text in another language, to show beside the reader's: English for a
    Chinese reader (the name colleagues and CVs use), Chinese for an English reader.
    None when there is no other version, or it reads the same."""
    shown, suffix = _pick(obj, field, language)
    if suffix:  # the reader sees a Chinese version: the other is the English
        text, lang = _get(obj, field), "en"
    else:  # the Chinese, Traditional first (the English again when there is none)
        text, other = _pick(obj, field, "zh-hant")
        lang = _LANG[other]
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


def url_in_language(url: str, language: str) -> str:
    """`url`, a page of the portal (a path or an absolute URL, with its query), as the same
    page in `language`: `/zh-hant/jobs/?q=ai` is `/jobs/?q=ai` in English.

    Django's translate_url resolves the path in the active language; the language switcher
    runs outside i18n_patterns, in English, where no page lives under /zh-hant/, so a
    Chinese page stayed Chinese. Here the path is resolved in the language of its own
    prefix. A path no URL pattern matches (a page not found) swaps only its prefix.
    """
    parts = urlsplit(url)
    current = translation.get_language_from_path(parts.path) or settings.LANGUAGE_CODE
    if current == language:
        return url
    with translation.override(current):
        translated = translate_url(url, language)
    if translated != url:
        return translated
    path = parts.path
    if translation.get_language_from_path(path):
        path = "/" + path.lstrip("/").partition("/")[2]
    if language != settings.LANGUAGE_CODE:
        path = f"/{language}{path}"
    return urlunsplit(parts._replace(path=path))
