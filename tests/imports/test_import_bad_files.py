"""Files that cannot be imported: a clear message, and nothing written."""

import zipfile

import pytest
from django.test import override_settings
from django.utils import translation
from import_samples import HEADER_RU, ROWS, write_csv

from craftcity.audit.models import ChangeBatch
from craftcity.imports.issues import ImportFileError
from craftcity.imports.models import ImportBatch
from craftcity.imports.services import import_people


def _refused(path, snapshot) -> ImportFileError:
    before, batches = snapshot(), ChangeBatch.objects.count()
    with translation.override("en"), pytest.raises(ImportFileError) as caught:
        import_people(path=path)
    assert snapshot() == before
    assert ChangeBatch.objects.count() == batches
    assert not ImportBatch.objects.exists()
    return caught.value


def test_a_picture_is_not_a_spreadsheet(db, tmp_path, snapshot):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    error = _refused(path, snapshot)
    assert error.code == "not_spreadsheet"
    with translation.override("en"):
        assert error.message == "This is not a spreadsheet: save it as CSV or XLSX and try again."


def test_binary_garbage_and_a_word_document_are_not_spreadsheets(db, tmp_path, snapshot):
    garbage = tmp_path / "list.csv"
    garbage.write_bytes(bytes(range(256)) * 40)
    assert _refused(garbage, snapshot).code == "not_spreadsheet"
    docx = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert _refused(docx, snapshot).code == "not_spreadsheet"


def test_old_excel_format_is_named(db, tmp_path, snapshot):
    path = tmp_path / "list.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert _refused(path, snapshot).code == "old_excel"


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b" \r\n\r\n"])
def test_empty_files(db, tmp_path, snapshot, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    assert _refused(path, snapshot).code == "empty"


def test_a_header_without_rows(reference, tmp_path, snapshot):
    path = write_csv(tmp_path / "header.csv", [HEADER_RU])
    assert _refused(path, snapshot).code == "no_rows"


def test_no_name_column_lists_the_columns_seen(db, tmp_path, snapshot):
    path = write_csv(tmp_path / "l.csv", [["Город", "Телефон"], ["Алматы", "87011234567"]])
    error = _refused(path, snapshot)
    assert error.code == "no_name_column"
    with translation.override("en"):
        assert "“Город”, “Телефон”" in error.message


def test_damaged_utf8_is_a_broken_encoding(reference, tmp_path, snapshot):
    text = "\r\n".join(",".join(r) for r in [HEADER_RU, *ROWS]).encode()
    cut = text.index("Иванов".encode()) + 1  # half of a two-byte letter
    path = tmp_path / "l.csv"
    path.write_bytes(text[:cut] + b"\xff" + text[cut + 1 :])
    error = _refused(path, snapshot)
    assert error.code == "broken_encoding"
    with translation.override("en"):
        assert "line 3" in error.message


def test_text_converted_twice_is_a_broken_encoding(reference, tmp_path, snapshot):
    mojibake = "\r\n".join(",".join(r) for r in [HEADER_RU, *ROWS]).encode().decode("cp1251", errors="replace")
    path = tmp_path / "l.csv"
    path.write_text(mojibake.replace("\ufffd", "?"), encoding="utf-8")
    assert _refused(path, snapshot).code == "broken_encoding"


@override_settings(CRAFTCITY_IMPORT_MAX_BYTES=50 * 1024 * 1024)
def test_a_200_mb_file_is_refused_before_it_is_read(db, tmp_path, snapshot, monkeypatch):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # sparse: takes no disk space
        handle.truncate(200 * 1024 * 1024)
    opened = []
    monkeypatch.setattr("pathlib.Path.read_bytes", lambda self: opened.append(self) or b"")
    error = _refused(path, snapshot)
    assert error.code == "too_large" and not opened
    with translation.override("en"):
        assert error.message.startswith("“huge.csv” is 200.0 MB; files over 50.0 MB are not accepted.")
