"""Backups that restore exactly: the database and every uploaded file in one archive with a manifest.

An archive is a tar file holding `manifest.json`, the database (`database.pgdump` from `pg_dump --format=custom`
on PostgreSQL, `database.sqlite3` from SQLite's online backup API) and the files under `media/` (public
derivatives) and `private/` (originals with their metadata, import lists, reports). The manifest names the
database vendor, the row count of every table and the SHA-256 of every file, so a restore first proves the
archive whole and refuses a damaged one before changing anything.

A restore replaces the database and both file trees. It refuses a database that already holds people,
organizations, works or accounts unless told `force`, and a dump of another database vendor.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils.translation import gettext as _

from craftcity.core.storage import has_path, media_storage, private_storage, walk

FORMAT = 1
# The two file trees and their storages: local folders, or prefixes of an S3-compatible bucket (core.storage).
TREES = {"media": media_storage, "private": private_storage}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, and nothing was changed."""


@dataclass
class Summary:
    path: Path
    tables: int
    rows: int
    files: int
    bytes: int


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return _sha256_of(handle)


def _sha256_of(handle) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _tables(cursor) -> list[str]:
    """The tables whose rows a backup keeps exactly: all but the cache tables (stored pages are thrown away on
    restore, as they show the data replaced)."""
    caches = {conf["LOCATION"] for conf in settings.CACHES.values() if conf["BACKEND"].endswith("db.DatabaseCache")}
    return sorted(t for t in connection.introspection.table_names(cursor) if t not in caches)


def table_counts() -> dict[str, int]:
    """Rows of every table of the database, by name."""
    counts = {}
    with connection.cursor() as cursor:
        for table in _tables(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def table_fingerprints() -> dict[str, str]:
    """A digest of every table's rows (order-independent): two databases with equal fingerprints hold the same
    data. For checks and tests; it reads every row."""
    result = {}
    with connection.cursor() as cursor:
        for table in _tables(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            result[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return result


def _pg_command(name: str) -> str:
    folder = os.environ.get("PGBIN")
    found = str(Path(folder) / name) if folder else shutil.which(name)
    if not found:
        for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
            return str(candidate)
        raise BackupError(_("%(command)s was not found: install PostgreSQL's client tools.") % {"command": name})
    return found


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for pg_dump/pg_restore, from Django's own settings (so a test
    database is the one dumped), the password in the environment rather than on the command line."""
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name}: {done.stderr.strip()[-1500:]}")


def _dump_database(target_dir: Path) -> str:
    if connection.vendor == "postgresql":
        args, env = _pg_environment()
        name = "database.pgdump"
        _run([_pg_command("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
              "--file", str(target_dir / name), *args], env)  # fmt: skip
        return name
    if connection.vendor == "sqlite":
        name = "database.sqlite3"
        connection.ensure_connection()
        destination = sqlite3.connect(target_dir / name)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        return name
    raise BackupError(_("Backups support PostgreSQL and SQLite, not %(vendor)s.") % {"vendor": connection.vendor})


def backup(out: Path) -> Summary:
    """Write the archive to `out` (replaced only once complete)."""
    out = Path(out)
    with tempfile.TemporaryDirectory(prefix="craftcity-backup-") as folder:
        stage = Path(folder)
        database_file = _dump_database(stage)
        files = {database_file: _sha256(stage / database_file)}
        # Files are copied into the stage as they are checksummed: an object store is read once, and the
        # archive holds exactly the bytes its manifest vouches for.
        for tree, storage_of in TREES.items():
            storage = storage_of()
            for name in walk(storage):
                copy = stage / tree / name
                copy.parent.mkdir(parents=True, exist_ok=True)
                with storage.open(name, "rb") as source, copy.open("wb") as target:
                    shutil.copyfileobj(source, target, 1 << 20)
                files[f"{tree}/{name}"] = _sha256(copy)
        counts = table_counts()
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": {"vendor": connection.vendor, "file": database_file, "tables": counts},
            "files": files,
        }
        (stage / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
        partial = out.with_name(out.name + ".partial")
        size = 0
        with tarfile.open(partial, "w") as archive:
            archive.add(stage / "manifest.json", arcname="manifest.json")
            archive.add(stage / database_file, arcname=database_file)
            for name in (n for n in files if n != database_file):
                archive.add(stage / name, arcname=name)
                size += (stage / name).stat().st_size
        partial.replace(out)
    return Summary(out, len(counts), sum(counts.values()), len(files) - 1, size)


def _holds_data() -> bool:
    from django.contrib.auth import get_user_model

    from craftcity.organizations.models import Organization
    from craftcity.people.models import Person
    from craftcity.works.models import Work

    return any(model.objects.exists() for model in (Person, Organization, Work, get_user_model()))


def _read(archive_path: Path, stage: Path) -> dict:
    """Unpack and prove the archive whole: every file present with its checksum, nothing else."""
    try:
        with tarfile.open(archive_path) as archive:
            archive.extractall(stage, filter="data")
    except (tarfile.TarError, OSError) as error:
        message = _("%(file)s is not a craftcity backup: %(error)s") % {"file": archive_path, "error": error}
        raise BackupError(message) from error
    try:
        manifest = json.loads((stage / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        message = _("%(file)s has no readable manifest: %(error)s") % {"file": archive_path, "error": error}
        raise BackupError(message) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(_("%(file)s was written in another backup format.") % {"file": archive_path})
    for name, digest in manifest["files"].items():
        path = stage / name
        if not path.is_file():
            raise BackupError(_("%(name)s is missing from the backup.") % {"name": name})
        if _sha256(path) != digest:
            raise BackupError(_("%(name)s is damaged in the backup (its checksum differs).") % {"name": name})
    return manifest


def _restore_database(stage: Path, manifest: dict) -> None:
    source = stage / manifest["database"]["file"]
    if connection.vendor == "postgresql":
        args, env = _pg_environment()
        connection.close()
        _run([_pg_command("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", *args, str(source)], env)  # fmt: skip
        return
    connection.ensure_connection()
    dump = sqlite3.connect(source)
    try:
        dump.backup(connection.connection)
    finally:
        dump.close()


def _restore_files(stage: Path) -> None:
    for tree, storage_of in TREES.items():
        storage = storage_of()
        if has_path(storage):
            _swap_folder(Path(storage.location), stage / tree)
        else:
            _replace_objects(storage, stage / tree)


def _replace_objects(storage, incoming: Path) -> None:
    """An object store's tree becomes the archive's: each file written under its own name, then the files
    the archive does not hold removed (a failure half-way leaves every archived file present)."""
    wanted = {p.relative_to(incoming).as_posix(): p for p in incoming.rglob("*") if p.is_file()}
    for name, path in sorted(wanted.items()):
        if storage.exists(name):
            storage.delete(name)
        with path.open("rb") as source:
            saved = storage.save(name, source)
        if saved != name:
            raise BackupError(_("%(name)s could not be restored under its own name.") % {"name": name})
    for name in list(walk(storage)):
        if name not in wanted:
            storage.delete(name)


def _swap_folder(target: Path, incoming: Path) -> None:
    """Swap a folder for the archive's: the old one is kept aside until the new one is in place."""
    aside = target.with_name(target.name + ".before-restore")
    if aside.exists():
        shutil.rmtree(aside)
    if target.exists():
        target.rename(aside)
    try:
        if incoming.exists():
            shutil.copytree(incoming, target)
        else:
            target.mkdir(parents=True)
    except OSError:
        if aside.exists():
            shutil.rmtree(target, ignore_errors=True)
            aside.rename(target)
        raise
    if aside.exists():
        shutil.rmtree(aside)


def restore(archive_path: Path, *, force: bool = False) -> Summary:
    """Restore the archive at `archive_path` over this installation's database and files."""
    archive_path = Path(archive_path)
    with tempfile.TemporaryDirectory(prefix="craftcity-restore-") as folder:
        stage = Path(folder)
        manifest = _read(archive_path, stage)
        vendor = manifest["database"]["vendor"]
        if vendor != connection.vendor:
            raise BackupError(
                _("This backup holds a %(theirs)s database; this installation runs on %(ours)s.")
                % {"theirs": vendor, "ours": connection.vendor}
            )
        if not force and _holds_data():
            raise BackupError(_("This database already holds data: restoring would replace it. Use --force to do so."))
        _restore_database(stage, manifest)
        _restore_files(stage)
    cache.clear()  # stored pages of the replaced data
    counts = table_counts()
    expected = manifest["database"]["tables"]
    differing = sorted(t for t in expected if counts.get(t) != expected[t])
    if differing:
        raise BackupError(_("Restored, but these tables differ from the backup: %(tables)s") % {
            "tables": ", ".join(differing[:10])})  # fmt: skip
    return Summary(archive_path, len(counts), sum(counts.values()), len(manifest["files"]) - 1, 0)
