"""No orphan files: after every deletion path, the files in storage match the database.

Each test runs in its own temporary storage (tests/storage.py::isolated_storage) and
scans it against CV.file, DataExport.file and Company.logo.
"""

import datetime
import io

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import transaction
from django.utils import timezone

from applications.models import Application
from companies.models import Company
from talent.models import CV, DataExport
from talent.services import privacy
from tests import factories
from tests.storage import (  # noqa: F401 - the isolated_storage fixture
    assert_no_orphans,
    database_files,
    isolated_storage_fixture,
    stored_files,
)

pytestmark = pytest.mark.django_db

# A one-pixel PNG, so the logo passes ImageField validation.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def world(isolated_storage, committed):
    """Two candidates with CVs and applications, a company with a logo, a ready export."""
    company = factories.VerifiedCompanyFactory()
    company.logo.save("logo.png", ContentFile(PNG))
    candidates = []
    for _ in range(2):
        cv = factories.CVFactory()
        factories.CVFactory(owner=cv.owner, is_default=False)
        factories.RejectedApplicationFactory(candidate=cv.owner, cv=cv, job__company=company)
        candidates.append(cv.owner)
    with committed():
        privacy.data_export_request(user=candidates[0])
    assert DataExport.objects.get().status == DataExport.Status.READY
    assert_no_orphans(isolated_storage)
    return candidates


def test_the_fixture_really_isolates_storage(isolated_storage, tmp_path):
    cv = factories.CVFactory()
    assert cv.file.path.startswith(str(tmp_path / "private"))
    assert storages["private"] is isolated_storage
    assert default_storage.location == str(tmp_path / "media")
    assert stored_files(isolated_storage) == {f"private:{cv.file.name}"}
    assert database_files() == {f"private:{cv.file.name}"}


def test_the_scan_sees_files_without_rows_and_rows_without_files(isolated_storage):
    cv = factories.CVFactory()
    isolated_storage.save("cvs/stray", io.BytesIO(b"%PDF-"))
    with pytest.raises(AssertionError, match="files without a row"):
        assert_no_orphans(isolated_storage)
    isolated_storage.delete("cvs/stray")
    isolated_storage.delete(cv.file.name)
    with pytest.raises(AssertionError, match="rows without a file"):
        assert_no_orphans(isolated_storage)


def test_after_a_cv_is_deleted(world, isolated_storage, committed):
    # The CV service belongs to the profiles work; the same clean-up rule applies.
    cv = CV.objects.filter(owner=world[1], is_default=False).get()
    with committed(), transaction.atomic():
        privacy.private_files_delete_on_commit([cv.file.name])
        cv.delete()
    assert_no_orphans(isolated_storage)


def test_after_account_deletion(world, isolated_storage, committed):
    with committed():
        privacy.account_delete(user=world[0])
    assert not DataExport.objects.exists()
    assert Application.objects.filter(anonymised_at__isnull=False).count() == 1
    assert_no_orphans(isolated_storage)


def test_after_an_export_expires(world, isolated_storage, committed):
    DataExport.objects.update(ready_at=timezone.now() - datetime.timedelta(days=8))
    with committed():
        assert privacy.data_exports_expire() == 1
    assert_no_orphans(isolated_storage)


def test_after_a_failed_export(world, isolated_storage, committed, monkeypatch):
    real_save = DataExport.save

    def fail_when_ready(self, *args, **kwargs):
        if self.status == DataExport.Status.READY:
            raise OSError("disk full")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(DataExport, "save", fail_when_ready)
    export = DataExport.objects.create(user=world[1])
    with committed():
        privacy.data_export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == DataExport.Status.FAILED
    assert_no_orphans(isolated_storage)


def test_after_retention(world, isolated_storage):
    Application.objects.update(stage_changed_at=timezone.now() - datetime.timedelta(days=800))
    assert privacy.applications_retention_apply() == 2
    # The CVs stay with their owners, detached from the applications.
    assert CV.objects.count() == 4
    assert_no_orphans(isolated_storage)


def test_after_a_company_logo_is_replaced(world, isolated_storage):
    company = Company.objects.get()
    old = company.logo.name
    company.logo.save("new.png", ContentFile(PNG))
    default_storage.delete(old)
    assert_no_orphans(isolated_storage)


def test_private_files_never_land_under_media_root(world, isolated_storage):
    assert not any(name.startswith("media:cvs") for name in stored_files(isolated_storage))
    assert str(settings.MEDIA_ROOT) not in isolated_storage.location
