"""The ceiling on uploads: a file over it is dropped as it streams in (never more of it on disk than the ceiling,
and that deleted), the request refused with 413 and a page naming the file and the limit; nothing is saved."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.urls import reverse
from django.utils import translation

from craftcity.imports.models import ImportBatch, ImportUpload

CEILING = 200_000  # 195.3 KB


@pytest.fixture
def ceiling(settings):
    settings.CRAFTCITY_UPLOAD_MAX_BYTES = CEILING
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10_000  # to disk as it arrives, as a list of megabytes would be
    return CEILING


@pytest.fixture
def written(monkeypatch):
    """What Django's temporary-file handler wrote, and its files."""
    seen = {"bytes": 0, "paths": []}
    receive, new_file = TemporaryFileUploadHandler.receive_data_chunk, TemporaryFileUploadHandler.new_file

    def counting_new_file(self, *args, **kwargs):
        new_file(self, *args, **kwargs)
        seen["paths"].append(Path(self.file.temporary_file_path()))

    def counting_receive(self, raw_data, start):
        seen["bytes"] += len(raw_data)
        return receive(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", counting_new_file)
    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", counting_receive)
    return seen


def _list(size: int) -> bytes:
    row = "Беккулова Айжан Серікқызы;1975;ж;8 (701) 123-45-67\r\n".encode()
    return "ФИО;Год рождения;Пол;Телефон\r\n".encode() + row * (size // len(row) + 1)


def test_an_import_list_over_the_ceiling_is_refused_as_it_arrives(
    client, make_user, ceiling, written, monkeypatch, settings
):
    client.force_login(make_user(role="registrar"))
    monkeypatch.setattr("craftcity.imports.reading.open_table", lambda *a, **k: pytest.fail("the list was read"))
    upload = SimpleUploadedFile("turkistan.csv", _list(3 * ceiling))
    kept = settings.CRAFTCITY_PRIVATE_MEDIA_ROOT / "imports"
    files_before = set(kept.rglob("*"))

    with translation.override("en"):
        url = reverse("admin:imports_importbatch_upload")
    response = client.post(url, {"file": upload, "mode": "dry_run"})

    assert response.status_code == 413
    page = response.content.decode()
    assert "“turkistan.csv” is larger than 195.3 KB, the largest file accepted; nothing was saved." in page
    assert not ImportUpload.objects.exists() and not ImportBatch.objects.exists()
    assert set(kept.rglob("*")) == files_before
    # Django's temporary file got no more than the ceiling, and is gone.
    assert 0 < written["bytes"] <= ceiling
    assert written["paths"] and not any(path.exists() for path in written["paths"])


def test_a_list_under_the_ceiling_still_reaches_the_import(client, make_user, ceiling):
    client.force_login(make_user(role="registrar"))
    with translation.override("en"):
        url = reverse("admin:imports_importbatch_upload")
    upload = SimpleUploadedFile("turkistan.csv", _list(ceiling // 2))

    response = client.post(url, {"file": upload, "mode": "dry_run"})

    assert response.status_code == 302
    assert ImportUpload.objects.get().file_name == "turkistan.csv"


def test_the_api_answers_413_in_json_naming_the_file(client, ceiling):
    upload = SimpleUploadedFile("kilim.jpg", b"\xff\xd8\xff" + b"0" * (2 * ceiling), content_type="image/jpeg")

    response = client.post("/api/v1/works/1/images/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 413
    error = json.loads(response.content)["error"]
    assert error["code"] == "too_large"
    assert error["fields"]["file"][0].startswith("“kilim.jpg” is larger than 195.3 KB, the largest file accepted")


def test_nginx_sends_a_request_over_its_own_limit_to_a_page_in_the_readers_language(client):
    response = client.get("/upload-too-large", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 413
    assert "The file is larger than 50.0 MB, the largest file accepted; nothing was saved." in response.content.decode()
