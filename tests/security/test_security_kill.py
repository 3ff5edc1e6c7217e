"""A kill in the middle of every long job: the job runs in a real process (`craftcity db_worker`, or the command),
is sent SIGKILL once it shows it has started, and then nothing is half-written (no rows of a half-done import, no
file under its final name that is not whole) and running it again finishes the work.

The processes share the test's database: on PostgreSQL the test database itself (this test commits its rows), on
SQLite a copy of the in-memory test database written to a file (`VACUUM INTO`) before the process starts."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


class Outside:
    """The database and settings a child process uses, and a way to read that database from here."""

    def __init__(self, tmp_path: Path):
        self.tmp = tmp_path
        self.sqlite = connection.vendor == "sqlite"
        if self.sqlite:
            self.path = tmp_path / "outside.sqlite3"
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(self.path)])
            url = f"sqlite:///{self.path}"
        else:
            db = connection.settings_dict
            host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
            url = f"postgres://{db['USER']}:{db['PASSWORD']}@{host}/{db['NAME']}"
        self.configure()
        self.env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "outside_settings",
            "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
            "TMPDIR": str(self._folder("tmp")),
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def configure(self, extra: str = "") -> None:
        """The child's settings: the test settings, this test's files and database, the database job queue."""
        (self.tmp / "outside_settings.py").write_text(
            "from craftcity.settings.test import *  # noqa\n"
            "from pathlib import Path\n"
            f"MEDIA_ROOT = {str(settings.MEDIA_ROOT)!r}\n"
            f"CRAFTCITY_PRIVATE_MEDIA_ROOT = Path({str(settings.CRAFTCITY_PRIVATE_MEDIA_ROOT)!r})\n"
            "TASKS = {'default': {'BACKEND': 'django_tasks_db.DatabaseBackend'}}\n" + extra,
            encoding="utf-8",
        )

    def _folder(self, name) -> Path:
        path = self.tmp / name
        path.mkdir(exist_ok=True)
        return path

    def value(self, sql: str, params=()):
        if self.sqlite:
            with sqlite3.connect(self.path, timeout=20) as db:
                row = db.execute(sql.replace("%s", "?"), params).fetchone()
        else:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                row = cursor.fetchone()
        return row[0] if row else None

    def start(self, *args) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "craftcity.cli", *args], env=self.env, cwd=self.tmp,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip

    def run(self, *args, timeout=120) -> None:
        process = self.start(*args)
        _out, err = process.communicate(timeout=timeout)
        assert process.returncode == 0, err.decode()[-2000:]

    def python(self, code: str) -> None:
        setup = "import django; django.setup()\n"
        result = subprocess.run(
            [sys.executable, "-c", setup + code], env=self.env, cwd=self.tmp, capture_output=True, timeout=120
        )
        assert result.returncode == 0, result.stderr.decode()[-2000:]

    def kill_when(self, process: subprocess.Popen, started, timeout=60.0) -> float:
        """SIGKILL the process as soon as `started()` is true; returns the seconds it ran."""
        begin = time.monotonic()
        while not started():
            assert process.poll() is None, "the job ended before it could be killed: " + process.stderr.read().decode()
            assert time.monotonic() - begin < timeout, "the job never started"
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        assert process.returncode == -signal.SIGKILL
        return time.monotonic() - begin

    def rerun_stalled_job(self) -> None:
        """What a registrar does under Background jobs for a job whose worker died (after 30 minutes)."""
        self.python(
            "import datetime as dt\n"
            "from django.utils import timezone\n"
            "from django_tasks_db.models import DBTaskResult\n"
            "from craftcity.core.jobs import job_rerun\n"
            "stalled = DBTaskResult.objects.get(status='RUNNING')\n"
            "DBTaskResult.objects.filter(pk=stalled.pk).update(started_at=timezone.now() - dt.timedelta(hours=1))\n"
            "stalled.refresh_from_db()\n"
            "job_rerun(actor=None, result=stalled)\n"
        )


def test_an_import_killed_in_the_middle_leaves_no_person_and_runs_again(tmp_path, make_user, settings):
    from craftcity.imports.services import import_upload_create

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    rows = 3000
    listing = tmp_path / "big.csv"
    lines = ["ФИО;Год рождения"] + [f"Беккулова{n} Айжан{n};{1940 + n % 60}" for n in range(rows)]
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = import_upload_create(
        actor=make_user(role="registrar", is_staff=True),
        upload=SimpleUploadedFile("big.csv", listing.read_bytes(), "text/csv"),
        mode="all_or_nothing",
    )
    outside = Outside(tmp_path)
    people_before = outside.value("SELECT COUNT(*) FROM people_person")
    worker = outside.start("db_worker", "--batch", "-v0")
    status = "SELECT status FROM imports_importupload WHERE id = %s"
    outside.kill_when(worker, lambda: outside.value(status, [upload.pk]) == "running")
    assert outside.value("SELECT COUNT(*) FROM people_person") == people_before, "no row of a half-done import"
    assert outside.value("SELECT COUNT(*) FROM imports_importbatch") == 0
    assert Path(upload.file.path).is_file(), "the file is still there to be read again"

    outside.rerun_stalled_job()
    outside.run("db_worker", "--batch", "-v0")
    assert outside.value(status, [upload.pk]) == "done"
    assert outside.value("SELECT COUNT(*) FROM people_person") == people_before + rows
    assert not Path(upload.file.path).exists()


def test_a_dossier_build_killed_in_the_middle_stores_no_file_and_runs_again(tmp_path, make_user, settings, city):
    from craftcity.dossier.services import dossier_build_request

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    import datetime as dt

    build = dossier_build_request(actor=city.users["analyst"], as_of=dt.date.today(), template="wcc", language="en")
    outside = Outside(tmp_path)

    def stored():
        folders = [Path(root) / "dossiers" for root in (settings.MEDIA_ROOT, settings.CRAFTCITY_PRIVATE_MEDIA_ROOT)]
        return {path for folder in folders if folder.exists() for path in folder.iterdir()}

    before = stored()  # other tests of this process may have stored builds of their own
    worker = outside.start("db_worker", "--batch", "-v0")
    progress = "SELECT progress FROM dossier_dossierbuild WHERE id = %s"
    outside.kill_when(worker, lambda: (outside.value(progress, [build.pk]) or 0) > 0)
    assert outside.value("SELECT pdf FROM dossier_dossierbuild WHERE id = %s", [build.pk]) == ""
    assert stored() == before, "no dossier file is stored"

    outside.rerun_stalled_job()
    outside.run("db_worker", "--batch", "-v0", timeout=240)
    done = "SELECT status, pdf, annexes FROM dossier_dossierbuild WHERE id = %s"
    assert outside.value(done, [build.pk]) == "done"
    pdf = outside.value("SELECT pdf FROM dossier_dossierbuild WHERE id = %s", [build.pk])
    assert (Path(settings.CRAFTCITY_PRIVATE_MEDIA_ROOT) / pdf).read_bytes().startswith(b"%PDF")


def test_an_open_data_dump_killed_in_the_middle_keeps_the_last_whole_files(tmp_path, make_person):
    from craftcity.core.models import PublicationStatus
    from craftcity.people.models import Person, PersonName

    people = Person.objects.bulk_create(Person(status=PublicationStatus.PUBLISHED) for _ in range(12000))
    PersonName.objects.bulk_create(
        PersonName(person=p, full_name=f"Шебер {p.pk}", language="kk", is_primary=True) for p in people
    )
    outside = Outside(tmp_path)
    out = tmp_path / "open-data"
    outside.run("dump_open_data", "--out", str(out), "-v0")
    whole = {path.name: path.read_bytes() for path in out.iterdir()}
    assert whole["people.csv"].count(b"\n") > 12000

    dump = outside.start("dump_open_data", "--out", str(out), "-v0")
    outside.kill_when(dump, lambda: (out / ".works.csv.part").exists() or (out / ".people.csv.part").exists())
    assert {path.name: path.read_bytes() for path in out.iterdir() if not path.name.endswith(".part")} == whole
    outside.run("dump_open_data", "--out", str(out), "-v0")
    assert not [path.name for path in out.iterdir() if path.name.endswith(".part")]
    assert (out / "people.csv").read_bytes().count(b"\n") > 12000


def test_an_email_job_killed_while_the_mail_server_hangs_is_sent_when_run_again(tmp_path, settings):
    """The one job that is not long by itself, unless the mail server is slow: killed while it waits for the
    server, the message has not gone and the job waits as stalled; run again, it is sent once."""
    import socket

    from craftcity.core.tasks import send_mail_job

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send_mail_job.enqueue(subject="Your application", body="Accepted.", recipients=["a@example.org"])
    hanging = socket.socket()
    hanging.bind(("127.0.0.1", 0))
    hanging.listen(1)  # accepts the connection and never greets: the worker waits inside smtplib
    port = hanging.getsockname()[1]
    outside = Outside(tmp_path)
    outside.configure(
        "MAILERS = {'default': {'BACKEND': 'django.core.mail.backends.smtp.EmailBackend',"
        f" 'OPTIONS': {{'host': '127.0.0.1', 'port': {port}, 'timeout': 60}}}}}}\n"
    )
    status = "SELECT status FROM django_tasks_database_dbtaskresult ORDER BY enqueued_at DESC LIMIT 1"
    try:
        worker = outside.start("db_worker", "--batch", "-v0")
        outside.kill_when(worker, lambda: outside.value(status) == "RUNNING")
    finally:
        hanging.close()
    assert outside.value("SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = 'SUCCESSFUL'") == 0

    outside.configure("MAILERS = {'default': {'BACKEND': 'django.core.mail.backends.locmem.EmailBackend'}}\n")
    outside.rerun_stalled_job()
    outside.run("db_worker", "--batch", "-v0")
    assert outside.value(status) == "SUCCESSFUL"
    assert outside.value("SELECT return_value FROM django_tasks_database_dbtaskresult ORDER BY enqueued_at DESC") in (
        "1",
        1,
    ), "one message sent"


def test_a_backup_killed_in_the_middle_leaves_no_archive_and_the_next_one_is_whole(tmp_path):
    from craftcity.core.models import PublicationStatus
    from craftcity.people.models import Person, PersonName

    people = Person.objects.bulk_create(Person(status=PublicationStatus.PUBLISHED) for _ in range(20000))
    PersonName.objects.bulk_create(
        PersonName(person=p, full_name=f"Шебер {p.pk} " + "ою-өрнек " * 20, language="kk", is_primary=True)
        for p in people
    )
    outside = Outside(tmp_path)
    archive = tmp_path / "craftcity.tar"
    backup = outside.start("backup", str(archive))
    outside.kill_when(backup, lambda: archive.with_name(archive.name + ".partial").exists())
    assert not archive.exists(), "an archive under its final name is always whole"

    outside.run("backup", str(archive), timeout=240)
    import tarfile

    with tarfile.open(archive) as whole:
        assert "manifest.json" in whole.getnames()


def test_a_duplicate_search_killed_in_the_middle_queues_no_pair_and_runs_again(tmp_path, settings):
    from craftcity.core.models import PublicationStatus
    from craftcity.linkage.tasks import duplicates_find_job
    from craftcity.people.models import Person, PersonName

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    surnames = [
        "Беккулова",
        "Сарсенова",
        "Жумабаева",
        "Оспанова",
        "Нурланова",
        "Касымова",
        "Тулегенова",
        "Абенова",
        "Садыкова",
        "Ермекова",
    ]
    given = [
        "Айжан",
        "Гульмира",
        "Динара",
        "Жанар",
        "Мадина",
        "Алия",
        "Сауле",
        "Асель",
        "Назерке",
        "Камила",
        "Аружан",
        "Томирис",
        "Дана",
        "Ляззат",
    ]
    fathers = [
        "Ерлан",
        "Болат",
        "Серік",
        "Марат",
        "Нурлан",
        "Канат",
        "Асхат",
        "Бауыржан",
        "Даурен",
        "Ержан",
        "Талгат",
        "Жандос",
        "Руслан",
        "Самат",
    ]
    names = [f"{s} {g} {f}кызы" for s in surnames for g in given for f in fathers]  # 1,960 different names
    # Two people each with the same name and birth year: a likely duplicate pair per name.
    people = Person.objects.bulk_create(
        Person(status=PublicationStatus.PUBLISHED, birth_year=1930 + n // 2 % 60) for n in range(2 * len(names))
    )
    PersonName.objects.bulk_create(
        PersonName(person=p, full_name=names[n // 2], language="kk", is_primary=True) for n, p in enumerate(people)
    )
    duplicates_find_job.enqueue()
    outside = Outside(tmp_path)
    worker = outside.start("db_worker", "--batch", "-v0")
    running = "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
    outside.kill_when(worker, lambda: outside.value(running) == 1)
    assert outside.value("SELECT COUNT(*) FROM linkage_duplicatecandidate") == 0, "no half-queued review list"

    outside.rerun_stalled_job()
    outside.run("db_worker", "--batch", "-v0", timeout=300)
    assert outside.value("SELECT COUNT(*) FROM linkage_duplicatecandidate") >= len(names) * 0.9
