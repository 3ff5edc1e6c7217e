"""Backups restore exactly: every table's rows and every file, on SQLite and PostgreSQL (the suite runs on both).
A damaged archive or a database that already holds data is refused before anything changes."""

import hashlib
import io
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from craftcity.backup.archive import BackupError, backup, restore, table_fingerprints
from craftcity.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True)  # pg_restore and SQLite's backup need no open transaction


@pytest.fixture
def trees(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CRAFTCITY_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    (tmp_path / "media" / "works" / "1").mkdir(parents=True)
    (tmp_path / "media" / "works" / "1" / "w800.jpg").write_bytes(b"\xff\xd8 derivative \xff\xd9")
    (tmp_path / "private" / "originals").mkdir(parents=True)
    (tmp_path / "private" / "originals" / "Қазақ атауы.tif").write_bytes(bytes(range(256)) * 40)
    return tmp_path


def _files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file()}  # fmt: skip


def test_a_round_trip_gives_back_every_row_and_every_file(trees, make_person, tmp_path):
    kept = make_person("Айжан Беккулова", occupation="artisan", phone="+7 701 000 11 22")
    before = table_fingerprints()
    files = {tree: _files(trees / tree) for tree in ("media", "private")}
    archive = tmp_path / "backup.tar"
    summary = backup(archive)
    assert archive.exists() and summary.files == 2 and summary.rows > 0

    # The installation changes after the backup: a person goes, another comes, files change.
    Person.objects.filter(pk=kept.pk).delete()
    make_person("Бауыржан Сәрсенов")
    (trees / "media" / "works" / "1" / "w800.jpg").unlink()
    (trees / "private" / "stray.txt").write_text("written after the backup")

    restore(archive, force=True)

    assert table_fingerprints() == before
    assert {tree: _files(trees / tree) for tree in ("media", "private")} == files
    assert Person.objects.get(pk=kept.pk).phone == "+7 701 000 11 22"


def test_a_database_holding_data_is_not_replaced_unless_forced(trees, make_person, tmp_path):
    make_person("Айжан Беккулова")
    archive = tmp_path / "backup.tar"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "2 files" in out.getvalue()
    make_person("Бауыржан Сәрсенов")
    with pytest.raises(CommandError, match=r"already holds data.*--force"):
        call_command("restore", str(archive))
    assert Person.objects.count() == 2  # nothing changed


def test_a_damaged_archive_is_refused_before_anything_changes(trees, make_person, tmp_path):
    make_person("Айжан Беккулова")
    archive = tmp_path / "backup.tar"
    backup(archive)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name.startswith("private/"):
                data = b"X" + data[1:]
            target.addfile(member, fileobj=io.BytesIO(data) if data is not None else None)
    make_person("Бауыржан Сәрсенов")
    state = table_fingerprints()
    with pytest.raises(BackupError, match=r"private/originals/Қазақ атауы\.tif is damaged"):
        restore(damaged, force=True)
    assert table_fingerprints() == state
    with pytest.raises(BackupError, match="is not a craftcity backup"):
        restore(trees / "media" / "works" / "1" / "w800.jpg", force=True)
