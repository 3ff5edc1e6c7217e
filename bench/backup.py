"""Backup and restore of a 100,000-people registry (issue 15), on SQLite and PostgreSQL.

Builds the registry with `generate_people` (or reuses the SQLite file of an earlier run with --reuse), then
times `craftcity backup` and `craftcity restore --force` of it in processes of their own, and checks that every
table holds the same number of rows afterwards. Baseline in the same run: copying the database alone (SQLite:
a plain file copy; PostgreSQL: `pg_dump` to /dev/null), the least any backup must cost.

    .venv/bin/python -m bench.backup [--people 100000] [--reuse]
    scripts/with-postgres .venv/bin/python -m bench.backup --postgres
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.registry import (
    OUT,
    ROOT,
    add_postgres_argument,
    build_registry,
    craftcity_command,
    database_url,
    postgres_database,
    postgres_url,
)

_COUNTS = """
import json, django
django.setup()
from craftcity.backup.archive import table_counts
print(json.dumps(table_counts()))
"""


def _env(url: str, folder: Path) -> dict[str, str]:
    trees = {"CRAFTCITY_MEDIA_ROOT": str(folder / "media"), "CRAFTCITY_PRIVATE_MEDIA_ROOT": str(folder / "private")}
    return dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="craftcity.settings.dev", **trees)


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)}: {done.stderr[-2000:]}")
    return time.perf_counter() - started


def _counts(env: dict[str, str]) -> dict[str, int]:
    out = subprocess.run([sys.executable, "-c", _COUNTS], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(label: str, db, people: int, reuse: bool) -> dict:
    fresh = not (reuse and isinstance(db, Path) and db.exists())
    if fresh:
        build_registry(db, people)
    url = database_url(db)
    with tempfile.TemporaryDirectory(prefix="craftcity-bench-backup-") as folder:
        folder = Path(folder)
        env = _env(url, folder)
        before = _counts(env)
        if isinstance(db, Path):
            started = time.perf_counter()
            shutil.copyfile(db, folder / "copy.sqlite3")
            baseline = time.perf_counter() - started
        else:
            from craftcity.backup.archive import _pg_command

            baseline = _timed([_pg_command("pg_dump"), "--format=custom", "--no-sync", "--file", "/dev/null", url], env)
        archive = folder / "backup.tar"
        backup_seconds = _timed([*craftcity_command(), "backup", str(archive)], env)
        restore_seconds = _timed([*craftcity_command(), "restore", "--force", str(archive)], env)
        after = _counts(env)
        figures = {
            "people": before.get("people_person", 0),
            "rows": sum(before.values()),
            "tables": len(before),
            "identical": before == after,
            "baseline": baseline,
            "backup": backup_seconds,
            "restore": restore_seconds,
            "size_mb": archive.stat().st_size / 1e6,
        }
    print(f"{label}: {figures}", file=sys.stderr)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="Reuse bench/out/backup.sqlite3 if it exists.")
    add_postgres_argument(parser)
    args = parser.parse_args()
    server = postgres_url(args)
    OUT.mkdir(parents=True, exist_ok=True)
    sqlite = OUT / "backup.sqlite3"
    runs = {"SQLite": measure("SQLite", sqlite, args.people, args.reuse)}
    if server:
        runs["PostgreSQL"] = measure("PostgreSQL", postgres_database(server, "bench_backup"), args.people, False)
    rows = "\n".join(
        f"| {label} | {r['people']:,} | {r['rows']:,} in {r['tables']} tables | {r['baseline']:.1f} s | "
        f"**{r['backup']:.1f} s** | **{r['restore']:.1f} s** | {r['size_mb']:.0f} MB | "
        f"{'yes' if r['identical'] else 'NO'} |"
        for label, r in runs.items()
    )
    markdown = f"""
## Backup and restore

`python -m bench.backup` (and `scripts/with-postgres … -m bench.backup --postgres`): `craftcity backup` of a
registry from `generate_people --seed 7` (people, names, organizations, memberships, relations, dynasties,
places, the search index), then `craftcity restore --force` of the archive over it, each in its own process.
Baseline in the same run: copying the database alone (SQLite: the file; PostgreSQL: `pg_dump` to /dev/null).
"Identical" compares the row count of every table before and after (the test suite compares every row).

| database | people | rows | baseline | backup | restore | archive | identical |
|---|---:|---:|---:|---:|---:|---:|---|
{rows}
"""
    from bench.report import write_section

    print(markdown)
    print(write_section("backup", markdown))


if __name__ == "__main__":
    main()
