"""Import speed: a 100,000-row regional list (XLSX) through `craftcity import_people` into a fresh SQLite DB.

    .venv/bin/python -m bench.imports [--rows 100000] [--keep]

Writes the section "imports" of docs/benchmarks.md with the wall time, rows/s and two baselines measured in
the same run: reading the same file with openpyxl in read-only mode and nothing else, and a raw
`bulk_create` of the same number of Person rows (no names, no history, no checks).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
CRAFTCITY = [sys.executable, "-m", "craftcity.cli"]
LIMIT_SECONDS = 90

REGIONS = [
    "Түркістан облысы", "Туркестанская область", "Turkistan Region", "г. Алматы", "Алматы облысы", "Жамбыл облысы",
    "Шымкент", "Астана", "Карагандинская область", "Маңғыстау облысы", "East Kazakhstan Region", "Павлодар облысы",
]  # fmt: skip
CRAFTS = ["Зергерлік өнер", "ювелирное дело", "felt", "Киіз басу", "керамика", "Ағаш ою", "leather", "кілем тоқу"]
ORGANIZATIONS = [f"Қолөнершілер бірлестігі №{n}" for n in range(1, 41)]


def generate(path: Path, rows: int, seed: int = 20251005) -> Path:
    """A deterministic list as a regional office sends it: a title row, kk headers, names in three scripts."""
    from namekit import (
        KAZAKH_GIVEN_NAMES_FEMALE,
        KAZAKH_GIVEN_NAMES_MALE,
        KAZAKH_SURNAME_STEMS,
        make_surname,
        name_forms,
    )

    rng = random.Random(seed)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Тізім")
    sheet.append(["Түркістан облысы қолөнершілерінің тізімі (бенчмарк)"])
    sheet.append(
        ["№", "Аты-жөні", "Туған жылы", "Жынысы", "Телефон", "Электрондық пошта", "Облыс", "Қолөнер түрі", "Ұйым"]
    )
    for number in range(1, rows + 1):
        gender = rng.choice(("male", "female"))
        given = rng.choice(KAZAKH_GIVEN_NAMES_FEMALE if gender == "female" else KAZAKH_GIVEN_NAMES_MALE)
        family = make_surname(rng.choice(KAZAKH_SURNAME_STEMS), gender)
        full_name = f"{family} {given}"
        script = rng.random()
        if script < 0.25:
            full_name = name_forms(full_name)["ru_cyrl"]
        elif script < 0.35:
            full_name = name_forms(full_name)["passport"]
        phone = f"8 (7{rng.randint(0, 99):02d}) {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}"
        sheet.append([
            number, full_name, rng.randint(1940, 2005), "әйел" if gender == "female" else "ер",
            phone if rng.random() < 0.8 else None, f"user{number}@example.kz" if rng.random() < 0.4 else None,
            rng.choice(REGIONS), rng.choice(CRAFTS), rng.choice(ORGANIZATIONS) if rng.random() < 0.6 else None,
        ])  # fmt: skip
    workbook.save(path)
    return path


def _env(database: Path) -> dict:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "craftcity.settings.dev"}


def _fresh_database(folder: Path, name: str) -> tuple[Path, dict]:
    database = folder / name
    env = _env(database)
    subprocess.run([*CRAFTCITY, "migrate", "-v0"], check=True, env=env, cwd=ROOT)
    subprocess.run([*CRAFTCITY, "load_reference"], check=True, env=env, cwd=ROOT, capture_output=True)
    return database, env


def _openpyxl_baseline(path: Path) -> float:
    started = time.perf_counter()
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for _row in workbook.worksheets[0].iter_rows(values_only=True):
        pass
    workbook.close()
    return time.perf_counter() - started


_BULK_SCRIPT = """
import time, django
django.setup()
from craftcity.people.models import Person
people = [Person(birth_year=1940 + n % 60, phone="+7701%07d" % n) for n in range({rows})]
started = time.perf_counter()
Person.objects.bulk_create(people, batch_size=2000)
print(time.perf_counter() - started)
"""


def _bulk_create_baseline(folder: Path, rows: int) -> float:
    _database, env = _fresh_database(folder, "bulk.sqlite3")
    out = subprocess.run(
        [sys.executable, "-c", _BULK_SCRIPT.format(rows=rows)], check=True, env=env, cwd=ROOT, capture_output=True
    )
    return float(out.stdout.decode().strip().splitlines()[-1])


def _count(env: dict, model: str) -> int:
    script = (
        f"import django; django.setup(); from django.apps import apps; print(apps.get_model('{model}').objects.count())"
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, env=env, cwd=ROOT, capture_output=True)
    return int(out.stdout.decode().strip().splitlines()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the generated file and databases")
    parser.add_argument("--no-write", action="store_true", help="print the section, leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="craftcity-bench-imports-"))
    started = time.perf_counter()
    xlsx = generate(folder / f"people-{args.rows}.xlsx", args.rows)
    generate_seconds = time.perf_counter() - started
    size_mb = xlsx.stat().st_size / 1024 / 1024
    print(f"generated {xlsx} ({size_mb:.1f} MB) in {generate_seconds:.1f} s", file=sys.stderr)

    read_seconds = _openpyxl_baseline(xlsx)
    print(f"openpyxl read-only pass: {read_seconds:.1f} s", file=sys.stderr)

    _database, env = _fresh_database(folder, "import.sqlite3")
    started = time.perf_counter()
    result = subprocess.run(
        [*CRAFTCITY, "import_people", str(xlsx), "--source", "Benchmark regional office"],
        env=env,
        cwd=ROOT,
        capture_output=True,
    )
    import_seconds = time.perf_counter() - started
    summary = result.stdout.decode().strip()
    print(summary, file=sys.stderr)
    if result.returncode not in (0, 2):
        print(result.stderr.decode()[-3000:], file=sys.stderr)
        return 1
    people, names = _count(env, "people.Person"), _count(env, "people.PersonName")
    history = _count(env, "people.HistoricalPersonName") + _count(env, "people.HistoricalPerson")

    bulk_seconds = _bulk_create_baseline(folder, args.rows)
    print(f"raw bulk_create of {args.rows} people: {bulk_seconds:.1f} s", file=sys.stderr)

    verdict = "within" if import_seconds <= LIMIT_SECONDS else "OVER"
    markdown = f"""
## Imports

`python -m bench.imports --rows {args.rows}`: a deterministic {args.rows:,}-row XLSX ({size_mb:.1f} MB; title row,
Kazakh headers; names in Kazakh Cyrillic 65 %, Russian spelling 25 %, passport Latin 10 %; regions and crafts
written in kk/ru/en; 40 organizations) imported with `craftcity import_people` into a fresh SQLite database
holding the reference data. The time is the whole command, process start to exit: read, validate, normalize,
find likely duplicates, write people, name forms, memberships, disciplines, sources and history, and index
the new people for search at commit.

| measure | value |
|---|---|
| import wall time | **{import_seconds:.1f} s** ({verdict} the {LIMIT_SECONDS} s floor) |
| rows/s | {args.rows / import_seconds:,.0f} |
| people / name forms written | {people:,} / {names:,} |
| history rows written | {history:,} (people and names) |
| baseline: openpyxl read-only pass over the file | {read_seconds:.1f} s |
| baseline: raw `bulk_create` of {args.rows:,} Person rows | {bulk_seconds:.1f} s |

Command summary: `{summary}`
"""
    if args.no_write:
        print(markdown)
    else:
        sys.path.insert(0, str(ROOT))
        from bench.report import write_section

        print(f"wrote {write_section('imports', markdown)}", file=sys.stderr)
    if not args.keep:
        for item in sorted(folder.iterdir(), reverse=True):
            item.unlink()
        folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
