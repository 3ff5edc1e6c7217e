"""craftcity import_people: exit codes scripts can trust, a progress bar, and a report file."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from import_samples import HEADER_RU, ROWS, write_csv

from craftcity.imports.models import ImportSource
from craftcity.people.models import Person

BAD = ["9", "Сапарова Дина", "1991", "ж", "123", "", "", "", ""]


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_people", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue() + str(error)
    return 0, out.getvalue(), err.getvalue()


def test_all_rows_fine_exits_0(reference, tmp_path):
    path = write_csv(tmp_path / "l.csv", [HEADER_RU, *ROWS])
    code, out, err = _run(path, "--source", "Turkistan regional association")
    assert code == 0
    assert "3 created" in out
    assert "check" in err  # the progress bar
    assert Person.objects.count() == 3
    assert ImportSource.objects.get().column_mapping["ФИО"] == "full_name"


def test_rejected_rows_exit_2_and_write_nothing(reference, tmp_path):
    path = write_csv(tmp_path / "l.csv", [HEADER_RU, *ROWS, BAD])
    report = tmp_path / "report.xlsx"
    code, _out, err = _run(path, "--report", report)
    assert code == 2
    assert "l.csv:5 [Телефон]" in err
    assert not Person.objects.exists()
    rows = list(openpyxl.load_workbook(report).worksheets[0].iter_rows(values_only=True))
    assert rows[1][:4] == ("l.csv", 5, "Телефон", "123")


def test_valid_rows_only_writes_the_good_ones_and_still_exits_2(reference, tmp_path):
    path = write_csv(tmp_path / "l.csv", [HEADER_RU, *ROWS, BAD])
    code, _out, _err = _run(path, "--valid-rows-only")
    assert code == 2
    assert Person.objects.count() == 3


def test_dry_run_writes_nothing(reference, tmp_path):
    path = write_csv(tmp_path / "l.csv", [HEADER_RU, *ROWS])
    code, out, _err = _run(path, "--dry-run")
    assert code == 0 and "3 would be created" in out
    assert not Person.objects.exists()


@pytest.mark.parametrize("content", [b"", b"%PDF-1.4 not a list"])
def test_file_errors_exit_1(db, tmp_path, content):
    path = tmp_path / "l.csv"
    path.write_bytes(content)
    code, _out, err = _run(path)
    assert code == 1
    assert "l.csv:" in err


def test_missing_file_exits_1(db, tmp_path):
    code, _out, err = _run(tmp_path / "nope.csv")
    assert code == 1 and "No such file" in err


def test_column_mapping_on_the_command_line(reference, tmp_path):
    path = write_csv(tmp_path / "l.csv", [["Шебер", "Жылы"], ["Беккулова Айжан", "1975"]])
    code, _out, _err = _run(path, "--map", "Шебер=full_name", "--map", "Жылы=birth_year")
    assert code == 0
    assert Person.objects.get().birth_year == 1975
