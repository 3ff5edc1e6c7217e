"""The registrar's import screens: upload with dry run, result with report, list with undo; registrars only."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from import_samples import HEADER_RU, ROWS, write_csv

from craftcity.imports.models import ImportBatch, ImportUpload
from craftcity.people.models import Person


def url(name, *args, language="en"):
    with translation.override(language):
        return reverse(name, args=args)


BAD = ["4", "Сапарова Дина", "1991", "ж", "123", "", "", "", ""]


@pytest.fixture
def registrar_client(client, registrar):
    client.force_login(registrar)
    return client


def _upload(client, tmp_path, rows, mode, **extra):
    path = write_csv(tmp_path / "turkistan.csv", rows, delimiter=";")
    data = {"file": SimpleUploadedFile("turkistan.csv", path.read_bytes()), "mode": mode, **extra}
    return client.post(url("admin:imports_importbatch_upload"), data)


def test_dry_run_then_import_then_undo(reference, registrar_client, tmp_path, snapshot):
    before = snapshot()
    upload_page = registrar_client.get(url("admin:imports_importbatch_upload"))
    assert upload_page.status_code == 200 and b'name="mode"' in upload_page.content

    response = _upload(registrar_client, tmp_path, [HEADER_RU, *ROWS], "dry_run", new_source="Turkistan association")
    batch = ImportBatch.objects.get()
    assert response.url == url("admin:imports_importbatch_result", batch.pk)
    page = registrar_client.get(response.url).content.decode()
    assert "People that would be created" in page and "Undo this import" not in page
    assert snapshot() == before

    batch.delete()  # a fresh upload of the same file, now for real
    response = _upload(registrar_client, tmp_path, [HEADER_RU, *ROWS], "all_or_nothing")
    batch = ImportBatch.objects.get(status="imported")
    assert Person.objects.count() == 3
    page = registrar_client.get(response.url).content.decode()
    assert "Undo this import" in page

    listing = registrar_client.get(url("admin:imports_importbatch_changelist")).content.decode()
    assert "turkistan.csv" in listing and "Import a file" in listing

    registrar_client.post(url("admin:imports_importbatch_undo", batch.pk))
    assert snapshot() == before
    batch.refresh_from_db()
    assert batch.is_undone


def test_rejected_rows_are_listed_and_the_report_downloads(reference, registrar_client, tmp_path):
    response = _upload(registrar_client, tmp_path, [HEADER_RU, *ROWS, BAD], "all_or_nothing")
    batch = ImportBatch.objects.get()
    assert batch.status == "rejected" and not Person.objects.exists()

    page = registrar_client.get(response.url).content.decode()
    assert "nothing was written" in page
    assert "“123” is not a phone number we can read" in page
    russian = registrar_client.get(url("admin:imports_importbatch_result", batch.pk, language="ru")).content.decode()
    assert "«123» — не распознан как номер телефона" in russian

    report = registrar_client.get(url("admin:imports_importbatch_report", batch.pk))
    assert report["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(openpyxl.load_workbook(io.BytesIO(report.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[1][:4] == ("turkistan.csv", 5, "Телефон", "123")


def test_undo_action_in_the_list(reference, registrar_client, tmp_path):
    _upload(registrar_client, tmp_path, [HEADER_RU, *ROWS], "all_or_nothing")
    batch = ImportBatch.objects.get()

    registrar_client.post(
        url("admin:imports_importbatch_changelist"),
        {"action": "undo_imports", "_selected_action": [batch.pk]},
    )

    assert not Person.objects.exists()


def test_a_file_error_is_shown_on_the_form(reference, registrar_client):
    data = {"file": SimpleUploadedFile("photo.csv", b"%PDF-1.7 ..."), "mode": "all_or_nothing"}
    response = registrar_client.post(url("admin:imports_importbatch_upload"), data)
    assert response.status_code == 200
    assert "This is not a spreadsheet" in response.content.decode()
    assert not ImportBatch.objects.exists()


@override_settings(CRAFTCITY_IMPORT_MAX_BYTES=1000)
@pytest.mark.parametrize("copies", [10, 1000])  # a little or far over the import limit, under the upload ceiling
def test_an_oversized_upload_is_refused(reference, registrar_client, tmp_path, copies):
    response = _upload(registrar_client, tmp_path, [HEADER_RU, *ROWS * copies], "all_or_nothing")
    assert response.status_code == 200
    page = response.content.decode()
    assert "“turkistan.csv” is " in page and "files over 1000 bytes are not accepted" in page
    assert not Person.objects.exists() and not ImportBatch.objects.exists() and not ImportUpload.objects.exists()


@pytest.mark.parametrize("role", ["artisan", "analyst"])
def test_only_registrars_may_import(reference, client, make_user, tmp_path, role):
    client.force_login(make_user(role=role))
    assert client.get(url("admin:imports_importbatch_upload")).status_code == 403
    response = _upload(client, tmp_path, [HEADER_RU, *ROWS], "all_or_nothing")
    assert response.status_code == 403
    assert not Person.objects.exists()
    assert client.get(url("admin:imports_importbatch_changelist")).status_code == 403


def test_the_mapping_table_is_decided_on_the_result_page_and_the_kept_file_runs_again(
    reference, registrar_client, tmp_path
):
    rows = [HEADER_RU, *ROWS, ["4", "Сапарова Дина", "1991", "ж", "", "", "Туркестанская обл.", "керамика", ""],
            ["5", "Омарова Гүл", "1985", "ж", "", "", "Нарния", "войлок", ""]]  # fmt: skip
    response = _upload(registrar_client, tmp_path, rows, "dry_run", new_source="Turkistan association")
    batch = ImportBatch.objects.get()
    page = registrar_client.get(response.url).content.decode()
    assert "Values the registry does not know" in page and "Нарния" in page
    index = next(i for i, u in enumerate(batch.unknown_values) if u["value"] == "Нарния")

    response = registrar_client.post(
        url("admin:imports_importbatch_mapping", batch.pk), {f"decision-{index}": "blank", "then": "all_or_nothing"}
    )

    # The kept file ran again (inline in tests) with the decision: every row in, Нарния left blank.
    imported = ImportBatch.objects.get(status="imported")
    assert response.url == url("admin:imports_importbatch_result", imported.pk)
    assert (imported.rows_created, imported.rows_rejected) == (5, 0)
    assert Person.objects.get(names__full_name="Омарова Гүл").region is None
    page = registrar_client.get(response.url).content.decode()
    assert "is left blank, as decided" in page
    from craftcity.imports.models import ImportUpload

    assert not ImportUpload.objects.exclude(file="").exists()  # imported in full: the list is not kept
