"""The dedupe_csv command: contract output, no database, clear error for a missing column."""

import csv

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

HEADER = ["id", "full_name", "birth_year", "region", "craft", "phone", "email", "organization", "notes"]
ROWS = [
    ["1", "Жұмабаева Әсел", "1984", "Абай облысы", "зергерлік", "8(701)5550101", "", "", "x"],
    ["2", "Assel Zhumabayeva", "1984", "Abai Region", "jewellery", "+7 701 555 01 01", "", "", ""],
    ["3", "Тоқтаров Серік", "1952", "Түркістан облысы", "ағаш ою", "", "", "", ""],
    ["4", "Toktarov Erlan", "1979", "Turkistan Region", "wood carving", "", "", "", ""],
    ["5", "Omarova Gulnar", "", "", "", "", "", "", ""],
]


class _NoDatabase:
    """Fails the test on any attempt to run SQL, on every configured database."""

    def __call__(self, execute, sql, params, many, context):
        raise AssertionError(f"dedupe_csv touched the database: {sql}")


def test_dedupe_csv_writes_one_cluster_row_per_id_without_touching_the_database(tmp_path):
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8-sig") as f:  # with BOM, as Excel saves it
        csv.writer(f).writerows([HEADER, *ROWS])
    out = tmp_path / "clusters.csv"
    guard = _NoDatabase()
    wrappers = [conn.execute_wrapper(guard) for conn in connections.all()]
    for w in wrappers:
        w.__enter__()
    try:
        call_command("dedupe_csv", str(src), "--out", str(out), verbosity=0)
    finally:
        for w in wrappers:
            w.__exit__(None, None, None)
    with out.open(encoding="utf-8") as f:
        result = list(csv.DictReader(f))
    assert [r["id"] for r in result] == ["1", "2", "3", "4", "5"]
    clusters = {r["id"]: r["cluster_id"] for r in result}
    assert clusters["1"] == clusters["2"]  # one person, Cyrillic and passport Latin
    assert clusters["3"] != clusters["4"]  # father and son
    assert all(c for c in clusters.values())


def test_missing_full_name_column_is_a_clear_error_naming_column_and_file(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text("id,name\n1,Асель\n", encoding="utf-8")
    with pytest.raises(CommandError) as err:
        call_command("dedupe_csv", str(src), "--out", str(tmp_path / "out.csv"), verbosity=0)
    assert "full_name" in str(err.value)
    assert "bad.csv" in str(err.value)
    assert not (tmp_path / "out.csv").exists()


def test_missing_column_exits_non_zero_from_the_command_line(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    src = tmp_path / "bad.csv"
    src.write_text("full_name\nАсель\n", encoding="utf-8")
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    proc = subprocess.run(
        [sys.executable, str(manage), "dedupe_csv", str(src), "--out", str(tmp_path / "o.csv")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0
    assert "id" in proc.stderr and "bad.csv" in proc.stderr
