"""The shipped catalogs: every string translated, and the compiled .mo matching its .po."""

import gettext
import os
import shutil
import subprocess
import sys
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


def test_no_marked_string_is_missing_from_the_catalogues(tmp_path):
    """`makemessages` run on a copy of the tracked files finds no msgid the shipped
    catalogues lack: a string marked in code or a template but never translated fails
    here, before anyone sees it in English on a Chinese page."""
    if not shutil.which("xgettext"):
        pytest.fail("xgettext is missing: `make test` installs Debian's gettext package.")
    base = Path(settings.BASE_DIR)
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=base, capture_output=True, check=True
    ).stdout.split(b"\0")
    copy = tmp_path / "portal"
    for name in filter(None, tracked):
        source = base / name.decode()
        if source.suffix in {".py", ".html", ".txt", ".po"} and source.is_file():
            target = copy / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--ignore=tests/*",
         *(f"--locale={lang}" for lang in LOCALES)],
        cwd=copy, check=True, capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "hkstp_portal.settings.test"},
    )  # fmt: skip
    for lang in LOCALES:
        po = polib.pofile(str(copy / "locale" / lang / "LC_MESSAGES" / "django.po"))
        missing = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
        assert missing == [], f"{lang}: run makemessages and translate these"
