"""The shipped catalogs: every string translated, and the compiled .mo matching its .po."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALES = ["zh_Hant", "zh_Hans"]


def catalog(lang):
    return Path(settings.BASE_DIR) / "locale" / lang / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("lang", LOCALES)
def test_every_marked_string_has_a_translation(lang):
    po = polib.pofile(str(catalog(lang)))
    untranslated = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
    assert untranslated == []


@pytest.mark.parametrize("lang", LOCALES)
def test_the_compiled_catalog_is_up_to_date(lang):
    po = polib.pofile(str(catalog(lang)))
    with catalog(lang).with_suffix(".mo").open("rb") as mo_file:
        mo = gettext.GNUTranslations(mo_file)
    for entry in po.translated_entries():
        if entry.msgid_plural:
            assert mo.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
        elif entry.msgctxt:
            assert mo.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, entry.msgid
        else:
            assert mo.gettext(entry.msgid) == entry.msgstr, entry.msgid


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "text"), [("/zh-hant", "搜尋職位"), ("/zh-hans", "搜索职位")])
def test_pages_switch_language(client, prefix, text):
    content = client.get(f"{prefix}/").content.decode()
    assert text in content
    assert "Search jobs" not in content


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "25 Nov 2026, 14:30"),
        ("zh-hant", "2026年11月25日 14:30"),
        ("zh-hans", "2026年11月25日 14:30"),
    ],
)
def test_dates_read_as_people_write_them_in_each_language(language, expected):
    import datetime

    from django.template import Context, Template
    from django.utils import translation

    moment = datetime.datetime(2026, 11, 25, 14, 30)  # noqa: DTZ001 - a plain date to format
    with translation.override(language):
        rendered = Template('{{ moment|date:"DATETIME_FORMAT" }}').render(
            Context({"moment": moment})
        )
    assert rendered == expected
