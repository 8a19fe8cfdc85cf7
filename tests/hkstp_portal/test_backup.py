"""A backup restored into a fresh database and fresh folders holds the same rows and files."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from psycopg import sql

from hkstp_portal import backup as backup_module
from hkstp_portal.backup import (
    DUMP,
    MANIFEST,
    MEDIA,
    PRIVATE,
    BackupError,
    Target,
    backup_create,
    backup_restore,
    configured_target,
    connect_kwargs,
    pg_bin_dir,
    server_major,
)
from hkstp_portal.pagecache import home_jobs_changed, home_version
from jobs import search_index
from jobs.models import Job
from jobs.search_index import search_index_rebuild
from tests import factories

# pg_dump reads from another connection: the rows must be committed.
pytestmark = pytest.mark.django_db(transaction=True)

LOGO = (  # a one-pixel PNG
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def fresh_database():
    """An empty database beside the test database, dropped afterwards."""
    database = dict(settings.DATABASES["default"])
    database["NAME"] = f"{database['NAME']}_restore"
    name = sql.Identifier(database["NAME"])
    with psycopg.connect(**connect_kwargs(database, "postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
    yield database
    with psycopg.connect(**connect_kwargs(database, "postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


@pytest.fixture
def portal_data():
    """A company with a logo, two published jobs and a candidate with a CV; files removed after."""
    company = factories.VerifiedCompanyFactory(name="Pak Shek Kok Photonics Limited")
    company.logo.save("logo.png", ContentFile(LOGO))
    jobs = [
        factories.PublishedJobFactory(company=company, title="Photonics Engineer"),
        factories.PublishedJobFactory(company=company, title="研究科學家"),
    ]
    cv = factories.CVFactory(owner=factories.CandidateProfileFactory().user)
    factories.ApplicationFactory(job=jobs[0], candidate=cv.owner, cv=cv)
    yield {"company": company, "jobs": jobs, "cv": cv}
    company.logo.delete(save=False)
    cv.file.delete(save=False)


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def _rows(database: dict) -> dict:
    with psycopg.connect(**connect_kwargs(database)) as conn:

        def one(query, *params):
            return conn.execute(query, params).fetchone()

        return {
            "counts": one(
                "SELECT (SELECT count(*) FROM accounts_user), (SELECT count(*) FROM"
                " companies_company), (SELECT count(*) FROM jobs_job), (SELECT count(*) FROM"
                " talent_cv), (SELECT count(*) FROM applications_application),"
                " (SELECT count(*) FROM skills_skill)"
            ),
            "company": one("SELECT name, logo, status FROM companies_company ORDER BY id LIMIT 1"),
            "jobs": conn.execute(
                "SELECT id, title, status, company_id FROM jobs_job ORDER BY id"
            ).fetchall(),
            "cv": one("SELECT owner_id, file, size, is_default FROM talent_cv ORDER BY id LIMIT 1"),
            # The stored search vectors came along: the restored portal can search.
            "searchable": one(
                "SELECT count(*) FROM jobs_job WHERE search_vector @@ plainto_tsquery('photonics')"
            ),
        }


def test_a_backup_restores_into_a_fresh_database_with_the_same_rows_and_files(
    portal_data, fresh_database, tmp_path
):
    source = configured_target()
    backup = backup_create(source, tmp_path / "backups")

    assert backup.name.startswith("backup-")
    assert {path.name for path in backup.iterdir()} == {
        "database.dump",
        "media.tar.gz",
        "private.tar.gz",
        MANIFEST,
    }
    assert backup.stat().st_mode & 0o077 == 0  # it holds CVs: owner only

    target = Target(
        database=fresh_database,
        media_root=tmp_path / "restored" / "media",
        private_root=tmp_path / "restored" / "private",
    )
    manifest = backup_restore(backup, target)

    assert manifest["server_major"] == server_major(fresh_database)
    before, after = _rows(source.database), _rows(fresh_database)
    assert after == before
    assert after["counts"][1:5] == (1, 2, 1, 1)
    assert after["company"][0] == "Pak Shek Kok Photonics Limited"
    assert [row[1] for row in after["jobs"]] == ["Photonics Engineer", "研究科學家"]
    assert after["searchable"] == (2,)  # both: the company's name is in their vectors
    # The same files, byte for byte, where the rows say they are.
    cv, company = portal_data["cv"], portal_data["company"]
    cv.file.open("rb")
    with cv.file:
        cv_bytes = cv.file.read()
    assert (target.private_root / after["cv"][1]).read_bytes() == cv_bytes
    assert (target.media_root / after["company"][1]).read_bytes() == LOGO == company.logo.read()
    company.logo.close()
    assert _files(target.private_root) == _files(source.private_root)
    assert _files(target.media_root) == _files(source.media_root)


def test_restore_refuses_a_database_with_tables_unless_forced(
    portal_data, fresh_database, tmp_path
):
    backup = backup_create(configured_target(), tmp_path / "backups")
    target = Target(
        database=fresh_database,
        media_root=tmp_path / "media",
        private_root=tmp_path / "private",
    )
    backup_restore(backup, target)
    with psycopg.connect(**connect_kwargs(fresh_database)) as conn:
        conn.execute("UPDATE jobs_job SET title = 'Changed after the backup'")

    with pytest.raises(BackupError, match=r"Refusing to overwrite.*FORCE=1"):
        backup_restore(backup, target)

    backup_restore(backup, target, force=True)
    assert [row[1] for row in _rows(fresh_database)["jobs"]] == ["Photonics Engineer", "研究科學家"]


def test_restore_refuses_a_damaged_backup(portal_data, fresh_database, tmp_path):
    backup = backup_create(configured_target(), tmp_path / "backups")
    with (backup / "private.tar.gz").open("ab") as archive:
        archive.write(b"x")
    target = Target(fresh_database, tmp_path / "media", tmp_path / "private")

    with pytest.raises(BackupError, match="damaged"):
        backup_restore(backup, target)
    assert not (tmp_path / "private").exists()


def test_the_commands_write_a_backup_and_refuse_to_restore_over_the_portal(
    portal_data, tmp_path, monkeypatch
):
    monkeypatch.setenv("BACKUP_DIR", str(tmp_path / "backups"))
    call_command("backup")
    (backup,) = (tmp_path / "backups").iterdir()

    with pytest.raises(CommandError, match="Refusing to overwrite"):
        call_command("restore", str(backup))
    assert Job.objects.count() == 2


@pytest.fixture
def restored(portal_data, fresh_database, tmp_path):
    """A backup, and a target (the fresh database and folders) it was restored into."""
    backup = backup_create(configured_target(), tmp_path / "backups")
    target = Target(fresh_database, tmp_path / "media", tmp_path / "private")
    backup_restore(backup, target)
    return backup, target


def _state(target: Target) -> tuple:
    """The target's rows and files, to show that a refused restore left them alone."""
    return _rows(target.database), _files(target.media_root), _files(target.private_root)


def _edit_manifest(backup: Path, edit) -> None:
    manifest = json.loads((backup / MANIFEST).read_text())
    edit(manifest)
    (backup / MANIFEST).write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    "edit",
    [
        lambda manifest: manifest.pop("files"),
        lambda manifest: manifest.pop("server_major"),
        lambda manifest: manifest["files"][DUMP].pop("sha256"),
        lambda manifest: manifest["files"].pop(DUMP),
        lambda manifest: manifest.update(files={}),
        lambda manifest: manifest["files"].update({"../elsewhere": {"sha256": "0" * 64}}),
    ],
    ids=["no files", "no server", "no checksum", "no dump", "files empty", "extra file"],
)
def test_restore_refuses_an_incomplete_manifest_before_touching_anything(restored, edit):
    backup, target = restored
    before = _state(target)
    _edit_manifest(backup, edit)

    with pytest.raises(BackupError, match="incomplete"):
        backup_restore(backup, target, force=True)
    assert _state(target) == before


def _add_to_archive(backup: Path, name: str, member: tarfile.TarInfo, data: bytes = b"") -> None:
    """Rewrite an archive of the backup with one more member, and its checksum to match."""
    archive = backup / name
    with tarfile.open(archive, "r:gz") as tar:
        members = [(info, tar.extractfile(info).read()) for info in tar]
    with tarfile.open(archive, "w:gz") as tar:
        for info, content in [*members, (member, data)]:
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    _edit_manifest(backup, lambda manifest: manifest["files"][name].update(sha256=digest))


def _symlink(name: str, to: str) -> tarfile.TarInfo:
    member = tarfile.TarInfo(name)
    member.type, member.linkname = tarfile.SYMTYPE, to
    return member


@pytest.mark.parametrize(
    ("archive", "member"),
    [
        (PRIVATE, tarfile.TarInfo("../escaped.txt")),
        (MEDIA, _symlink("logo-link", "/etc/passwd")),
        (MEDIA, _symlink("logo-link", "../../escaped.txt")),
    ],
    ids=["dot-dot", "absolute link", "link out"],
)
def test_restore_refuses_an_archive_member_outside_its_folder_before_touching_anything(
    restored, archive, member
):
    backup, target = restored
    before = _state(target)
    _add_to_archive(backup, archive, member, b"" if member.issym() else b"escaped")

    with pytest.raises(BackupError, match="cannot be restored"):
        backup_restore(backup, target, force=True)
    assert _state(target) == before
    assert not (target.private_root.parent / "escaped.txt").exists()


def test_the_restore_command_refuses_an_archive_member_outside_its_folder(portal_data, tmp_path):
    backup = backup_create(configured_target(), tmp_path / "backups")
    Job.objects.update(title="Changed after the backup")
    media = _files(Path(settings.MEDIA_ROOT))
    _add_to_archive(backup, MEDIA, tarfile.TarInfo("../escaped.txt"), b"escaped")

    with pytest.raises(CommandError, match=r"media\.tar\.gz cannot be restored"):
        call_command("restore", str(backup), force=True)
    assert set(Job.objects.values_list("title", flat=True)) == {"Changed after the backup"}
    assert _files(Path(settings.MEDIA_ROOT)) == media
    assert not (Path(settings.MEDIA_ROOT).parent / "escaped.txt").exists()


@pytest.mark.parametrize(
    "make", [lambda folder: None, lambda folder: folder.mkdir()], ids=["missing", "empty"]
)
def test_the_restore_command_refuses_a_folder_that_is_not_a_backup(tmp_path, make):
    folder = tmp_path / "backup-20261125-120000"
    make(folder)  # missing, or empty

    with pytest.raises(CommandError, match="is not a backup"):
        call_command("restore", str(folder), force=True)


@pytest.mark.parametrize(
    "manifest", [{"format": 2, "files": {}}, {"files": {}}, []], ids=["newer", "none", "a list"]
)
def test_restore_refuses_an_unknown_backup_format(tmp_path, manifest):
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))

    with pytest.raises(BackupError, match="unknown backup format"):
        backup_restore(tmp_path, configured_target(), force=True)


def test_a_second_backup_in_the_same_second_is_refused_and_leaves_no_partial_folder(tmp_path):
    now = timezone.now()
    first = backup_create(configured_target(), tmp_path, now=now)

    with pytest.raises(BackupError, match="already exists"):
        backup_create(configured_target(), tmp_path, now=now)
    assert list(tmp_path.iterdir()) == [first]


def test_no_postgresql_programs_found_says_to_set_pg_bin_dir(monkeypatch):
    monkeypatch.setattr(backup_module, "_candidate_dirs", list)

    with pytest.raises(BackupError, match=r"PostgreSQL 17 \(found: none\).*PG_BIN_DIR"):
        pg_bin_dir(17)


def test_the_restore_command_replaces_the_portal_and_forgets_its_cached_search_and_home(
    portal_data, tmp_path
):
    target = configured_target()
    backup = backup_create(target, tmp_path / "backups")
    files = len(_files(target.media_root)), len(_files(target.private_root))
    Job.objects.update(title="Changed after the backup")
    search_index_rebuild()
    home_jobs_changed()
    home_before = home_version()
    assert cache.get(search_index._key("index")) is not None

    out = io.StringIO()
    call_command("restore", str(backup), force=True, stdout=out)

    assert f"{files[0]} public and {files[1]} private files" in out.getvalue()
    assert sorted(Job.objects.values_list("title", flat=True)) == [
        "Photonics Engineer",
        "研究科學家",
    ]
    # The search's index and the home page's jobs described the replaced rows.
    assert cache.get(search_index._key("index")) is None
    assert cache.get(search_index._key("seq")) is None
    assert home_version() != home_before
