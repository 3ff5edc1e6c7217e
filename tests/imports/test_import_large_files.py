"""Long lists: read as a stream (never the whole file in memory), checked a chunk at a time, with the report still
naming every problem's row; a row broken in the middle stops the file with its row number."""

import tracemalloc

import pytest
from django.utils import timezone, translation
from import_samples import HEADER_RU, long_list, write_csv

from craftcity.audit.models import ChangeBatch
from craftcity.imports import services
from craftcity.imports.issues import ImportFileError, render_issue
from craftcity.imports.models import ImportBatch
from craftcity.imports.reading import cell_text, open_table
from craftcity.imports.services import import_people

ROWS = 20_000
MAX_BYTES = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def long_rows():
    rows = long_list(ROWS)
    rows[7000][2] = "19x5"  # spreadsheet row 7002: a birth year no one can read
    rows[12000] = [str(12001), *rows[11000][1:]]  # row 12002 repeats row 11002
    return rows


def _dry_run(path) -> ImportBatch:
    return import_people(path=path, mode=ImportBatch.Mode.DRY_RUN).batch


def _read_all(path, expected_rows) -> tuple[int, int]:
    """(rows read, peak bytes held) for reading every row of the file, each compared with the expected one."""
    tracemalloc.start()
    table = open_table(path, max_bytes=MAX_BYTES)
    read = 0
    for (number, cells), expected in zip(table.rows, expected_rows, strict=True):
        assert cells == [cell_text(c) for c in expected], number
        read += 1
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert (table.encoding, table.delimiter) == ("cp1251", ";")
    return read, peak


def test_a_long_windows_1251_list_is_read_as_a_stream_and_planned_as_its_utf8_twin(reference, tmp_path, long_rows):
    cp1251 = write_csv(tmp_path / "region.csv", [HEADER_RU, *long_rows], encoding="cp1251", delimiter=";")
    assert cp1251.stat().st_size > 2 * 1024 * 1024
    twice = [*long_rows, *([str(ROWS + int(row[0])), *row[1:]] for row in long_rows)]
    longer = write_csv(tmp_path / "region-2.csv", [HEADER_RU, *twice], encoding="cp1251", delimiter=";")

    # Every row as reading the whole file at once would give it, in memory that does not grow with the file
    # (the decoded text of the longer file alone would take 9 MB more).
    read, peak = _read_all(cp1251, long_rows)
    read_longer, peak_longer = _read_all(longer, twice)
    assert (read, read_longer) == (ROWS, 2 * ROWS)
    assert peak_longer < peak + 1024 * 1024, f"{peak / 1e6:.1f} MB, then {peak_longer / 1e6:.1f} MB"

    streamed = _dry_run(cp1251)
    twin = _dry_run(write_csv(tmp_path / "region-utf8.csv", [HEADER_RU, *long_rows], delimiter=";"))
    assert streamed.encoding == "cp1251" and twin.encoding == "utf-8"
    assert streamed.rows_total == ROWS and streamed.rows_rejected == 1 and streamed.rows_unchanged == 1
    assert streamed.rows_created + streamed.rows_enriched == ROWS - 2
    assert streamed.candidates, "namesakes with the same year and place look like one person"
    for name in ("rows_created", "rows_enriched", "rows_drafted", "organizations_created", "issues", "candidates",
                 "unknown_values"):  # fmt: skip
        assert getattr(streamed, name) == getattr(twin, name), name
    with translation.override("en"):
        problems = {(issue["row"], issue["column"], render_issue(issue)) for issue in streamed.issues}
    this_year = timezone.localdate().year
    assert problems == {
        (7002, "Год рождения", f"“19x5” is not a birth year (expected a year between 1850 and {this_year})."),
        (12002, "", "The same row as row 11002 of this file."),
    }


def test_problems_beyond_those_listed_are_counted(reference, tmp_path, monkeypatch):
    monkeypatch.setattr(services, "ISSUES_KEPT", 5)
    rows = long_list(30)
    for row in rows[10:18]:
        row[4] = "123"  # eight phones no one can call
    path = write_csv(tmp_path / "l.csv", [HEADER_RU, *rows], delimiter=";")

    batch = import_people(path=path).batch

    assert batch.status == ImportBatch.Status.REJECTED and batch.rows_rejected == 8
    assert [issue["row"] for issue in batch.issues[:5]] == [12, 13, 14, 15, 16]
    with translation.override("en"):
        assert render_issue(batch.issues[5]).startswith("3 more problems in later rows are not listed here")
    assert len(batch.issues) == 6


def _refused(path, snapshot) -> ImportFileError:
    before, batches = snapshot(), ChangeBatch.objects.count()
    with translation.override("en"), pytest.raises(ImportFileError) as caught:
        import_people(path=path)
    assert snapshot() == before and ChangeBatch.objects.count() == batches
    assert not ImportBatch.objects.exists()
    return caught.value


@pytest.mark.parametrize("rows_after", [40, 3000])  # caught by the lines it swallows, or by the csv field limit
def test_a_quote_never_closed_in_the_middle_stops_the_file_at_its_row(reference, tmp_path, snapshot, rows_after):
    rows = long_list(500 + rows_after)
    rows[500][8] = '"Союз ремесленников'  # spreadsheet row 502: the cell opens a quote and never closes it
    text = "\r\n".join(";".join(row) for row in [HEADER_RU, *rows])
    path = tmp_path / "broken.csv"
    path.write_bytes(text.encode("utf-8"))

    error = _refused(path, snapshot)

    assert error.code == "broken_row" and error.params == {"row": 502}
    with translation.override("en"):
        assert error.message.startswith('Row 502 cannot be read: a quotation mark (") opens a cell there')
