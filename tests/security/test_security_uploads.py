"""Zip-bomb workbooks: a few megabytes that unpack to gigabytes of shared strings or millions of rows are refused
from the zip's directory, in the user's language, before any XML is parsed; a sheet whose header lies about its
size is cut off at the row limit while it is read."""

import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation

from craftcity.imports.issues import ImportFileError
from craftcity.imports.reading import open_table

CHUNK = 8 * 1024 * 1024


def _workbook(rows=(("Аты-жөні", "Туған жылы"), ("Беккулова Айжан", 1975))) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bomb(path, part: str, head: bytes, filler: bytes, unpacked: int, tail: bytes):
    """A real workbook whose `part` is replaced by head + filler… + tail, streamed into the zip (never in memory)."""
    with zipfile.ZipFile(io.BytesIO(_workbook())) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            if item.filename != part:
                out.writestr(item, source.read(item.filename))
        info = zipfile.ZipInfo(part)
        info.compress_type = zipfile.ZIP_DEFLATED
        with out.open(info, "w", force_zip64=True) as target:
            target.write(head)
            block = filler * (CHUNK // len(filler))
            for _ in range(unpacked // len(block)):
                target.write(block)
            target.write(tail)
    return path


def _refused(path):
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ImportFileError) as refused:
        open_table(path, max_bytes=50 * 1024 * 1024)
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024, f"{peak / 1e6:.0f} MB taken before refusing"
    assert seconds < 2
    return refused.value


def test_a_shared_strings_bomb_is_refused_before_parsing(tmp_path):
    strings = b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    path = _bomb(
        tmp_path / "bomb.xlsx",
        "xl/sharedStrings.xml",
        strings,
        b"<si><t>AAAAAAAA</t></si>",
        400 * 1024 * 1024,
        b"</sst>",
    )
    assert path.stat().st_size < 3 * 1024 * 1024
    error = _refused(path)
    assert error.code in {"xlsx_bomb", "xlsx_unpacked"}
    with translation.override("ru"):
        assert "распаковывается" in error.message
    with translation.override("kk"):
        assert "ашылғанда" in error.message


def test_a_workbook_of_millions_of_empty_rows_is_refused_before_parsing(tmp_path):
    sheet = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    path = _bomb(
        tmp_path / "rows.xlsx",
        "xl/worksheets/sheet1.xml",
        sheet,
        b"<row/>",
        300 * 1024 * 1024,
        b"</sheetData></worksheet>",
    )
    error = _refused(path)
    assert error.code in {"xlsx_bomb", "xlsx_unpacked"}
    assert "300" in error.message or "times" in error.message


def test_a_sheet_that_hides_its_size_is_cut_off_at_the_row_limit(tmp_path, settings):
    settings.CRAFTCITY_IMPORT_MAX_ROWS = 50
    rows = [("Аты-жөні", "Туған жылы")] + [(f"Беккулова Айжан {n}", 1975) for n in range(200)]
    honest = tmp_path / "long.xlsx"
    honest.write_bytes(_workbook(rows))
    with pytest.raises(ImportFileError) as refused:
        open_table(honest, max_bytes=50 * 1024 * 1024)  # its dimension says 201 rows: refused at once
    assert refused.value.code == "too_many_rows" and "201" in refused.value.message

    silent = tmp_path / "silent.xlsx"  # the same sheet without a dimension: nothing says how long it is
    with zipfile.ZipFile(honest) as source, zipfile.ZipFile(silent, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:B201"/>', b"")
            out.writestr(item.filename, data)
    table = open_table(silent, max_bytes=50 * 1024 * 1024)
    with pytest.raises(ImportFileError) as refused:
        list(table.rows)
    assert refused.value.code == "too_many_rows" and "50" in refused.value.message


def test_an_ordinary_workbook_still_opens(tmp_path):
    path = tmp_path / "list.xlsx"
    path.write_bytes(_workbook())
    table = open_table(path, max_bytes=50 * 1024 * 1024)
    assert [cells[:2] for _n, cells in table.rows] == [["Беккулова Айжан", "1975"]]


# --- uploads are imported by the worker, outside the web request ---------------------------------------------


@pytest.fixture
def registrar_client(client, make_user):
    client.force_login(make_user(role="registrar", is_staff=True))
    return client


def _post_upload(client, tmp_path, rows=(("Аты-жөні", "Туған жылы"), ("Беккулова Айжан", 1975))):
    path = tmp_path / "list.xlsx"
    path.write_bytes(_workbook(rows))
    with path.open("rb") as handle:
        return client.post("/en/admin/imports/importbatch/upload/", {"file": handle, "mode": "valid_rows"})


@pytest.mark.django_db(transaction=True)  # the worker closes its connection when it is done
def test_an_upload_waits_for_the_worker_and_the_page_follows_it(registrar_client, tmp_path, settings):
    from django.core.management import call_command

    from craftcity.imports.models import ImportUpload
    from craftcity.people.models import Person
    from craftcity.search.models import SearchEntry

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = _post_upload(registrar_client, tmp_path)
    upload = ImportUpload.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/uploads/{upload.pk}/")
    assert upload.status == "queued" and not Person.objects.exists()  # the request imported nothing
    stored = upload.file.path
    page = registrar_client.get(response.url)
    assert '<meta http-equiv="refresh" content="2">' in page.content.decode()
    assert "Waiting for the import worker" in page.content.decode()
    russian = registrar_client.get(response.url.replace("/en/", "/ru/")).content.decode()
    assert "Ожидает обработчика импорта" in russian

    call_command("db_worker", batch=True, verbosity=0)

    upload.refresh_from_db()
    assert upload.status == "done" and upload.batch is not None
    assert Person.objects.count() == 1 and SearchEntry.objects.filter(kind="person").count() == 1
    assert not Path(stored).exists(), "the list, with its phones and addresses, is not kept once read"
    finished = registrar_client.get(response.url)
    assert finished.status_code == 302 and finished.url.endswith(f"/{upload.batch_id}/result/")


@pytest.mark.django_db(transaction=True)  # the worker closes its connection when it is done
def test_a_bad_file_fails_in_the_worker_and_the_page_says_why(registrar_client, tmp_path, settings):
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = _post_upload(registrar_client, tmp_path, rows=(("Тауар", "Баға"), ("Кілем", 100)))
    call_command("db_worker", batch=True, verbosity=0)
    page = registrar_client.get(response.url).content.decode()
    assert "The file could not be imported" in page and "No column with people" in page
    assert 'http-equiv="refresh"' not in page


def test_another_registrar_cannot_follow_someone_elses_upload(registrar_client, tmp_path, settings, make_user):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = _post_upload(registrar_client, tmp_path)
    registrar_client.force_login(make_user(role="registrar", is_staff=True))
    assert registrar_client.get(response.url).status_code == 404


def test_people_and_their_search_entries_commit_together(registrar_client, tmp_path, monkeypatch):
    """A crash while indexing takes the import with it: there is no moment when people exist unsearchable."""
    from craftcity.imports import services
    from craftcity.people.models import Person

    def crash(pairs):
        raise RuntimeError("killed while indexing")

    monkeypatch.setattr(services, "index_objects", crash)
    page = _post_upload(registrar_client, tmp_path)
    assert not Person.objects.exists()
    assert "The import stopped with an error and nothing was written: RuntimeError" in page.content.decode()
