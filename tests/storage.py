"""Per-test file storage, and a scan of it against the database (no orphan files).

Django builds a FileField's storage once, when the model class is defined (a callable
`storage=` is called then), so overriding STORAGES alone does not move CV or export
files: the fixture also points those two fields at the per-test storage.

Use: `from tests.storage import isolated_storage_fixture  # noqa: F401`, then ask for
`isolated_storage` (the private storage of this test).
"""

import os
from pathlib import Path

import pytest
from django.core.files.storage import default_storage, storages

from companies.models import Company
from talent.models import CV, DataExport

PRIVATE_FILE_FIELDS = [(CV, "file"), (DataExport, "file")]


@pytest.fixture(name="isolated_storage")
def isolated_storage_fixture(settings, tmp_path, monkeypatch):
    """Private storage and MEDIA_ROOT in this test's own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "hkstp_portal.storage.PrivateFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    # The setting_changed signal emptied Django's storages cache: this is a new instance.
    private = storages["private"]
    for model, field_name in PRIVATE_FILE_FIELDS:
        monkeypatch.setattr(model._meta.get_field(field_name), "storage", private)
    return private


def _files_under(root) -> set[str]:
    root = Path(root)
    if not root.exists():
        return set()
    return {
        Path(folder, name).relative_to(root).as_posix()
        for folder, _, names in os.walk(root)
        for name in names
    }


def stored_files(private) -> set[str]:
    """Every file in the private storage, and every company logo under MEDIA_ROOT."""
    logos = {name for name in _files_under(default_storage.location) if name.startswith("logos/")}
    return {f"private:{name}" for name in _files_under(private.location)} | {
        f"media:{name}" for name in logos
    }


def database_files() -> set[str]:
    """Every file the database names: CVs, data exports, company logos."""
    names = {f"private:{name}" for name in CV.objects.values_list("file", flat=True)}
    names |= {
        f"private:{name}"
        for name in DataExport.objects.exclude(file="").values_list("file", flat=True)
    }
    names |= {
        f"media:{name}" for name in Company.objects.exclude(logo="").values_list("logo", flat=True)
    }
    return names


def assert_no_orphans(private) -> None:
    on_disk, in_db = stored_files(private), database_files()
    assert on_disk - in_db == set(), "files without a row"
    assert in_db - on_disk == set(), "rows without a file"
