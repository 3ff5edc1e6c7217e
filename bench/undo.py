"""Undo speed: a regional list imported through the real import service, then undone as one batch.

    .venv/bin/python -m bench.undo [--rows 1000 10000 34000]            # SQLite, fresh database per size
    scripts/with-postgres .venv/bin/python -m bench.undo --postgres     # the same on PostgreSQL as well

Writes the section "undo" of docs/benchmarks.md. The baseline, measured in the same run on the same database,
is the import of the same file: undoing a batch should cost about what writing it did (issue "Close the
holes": 34,000 rows undone in at most 60 s).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.imports import generate
from bench.registry import add_postgres_argument, postgres_database, postgres_url

ROOT = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 60

_RUN = """
import time, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("load_reference", verbosity=0)
from django.contrib.auth import get_user_model
from craftcity.accounts.services import roles_sync, user_grant_role
from craftcity.imports.models import ImportBatch
from craftcity.imports.services import import_batch_undo, import_people
from craftcity.people.models import Person
roles_sync()
user = get_user_model().objects.create_user("bench-registrar")
user_grant_role(user=user, role="registrar")
user = get_user_model().objects.get(pk=user.pk)
started = time.perf_counter()
batch = import_people(path={path!r}, actor=user, mode=ImportBatch.Mode.VALID_ROWS).batch
imported = time.perf_counter() - started
people = Person.objects.count()
started = time.perf_counter()
import_batch_undo(actor=user, batch=batch)
undone = time.perf_counter() - started
print(people, imported, undone, Person.objects.count())
"""


def _measure(path: Path, database_url: str) -> tuple[int, float, float, int]:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "craftcity.settings.dev"}
    out = subprocess.run(
        [sys.executable, "-c", _RUN.format(path=str(path))], env=env, cwd=ROOT, capture_output=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr.decode()[-3000:])
    people, imported, undone, left = out.stdout.decode().split()[-4:]
    return int(people), float(imported), float(undone), int(left)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 10_000, 34_000])
    add_postgres_argument(parser)
    parser.add_argument("--no-write", action="store_true", help="print the section, leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)
    server = postgres_url(args)

    rows_out = []
    with tempfile.TemporaryDirectory(prefix="craftcity-bench-undo-") as folder:
        for rows in args.rows:
            xlsx = generate(Path(folder) / f"people-{rows}.xlsx", rows)
            targets = [("SQLite", f"sqlite:///{folder}/undo-{rows}.sqlite3")]
            if server:
                targets.append(("PostgreSQL", postgres_database(server, f"bench_undo_{rows}")))
            for label, url in targets:
                people, imported, undone, left = _measure(xlsx, url)
                verdict = "within" if undone <= LIMIT_SECONDS else "OVER"
                print(f"{label} {rows}: {people} people imported in {imported:.1f} s, undone in {undone:.1f} s "
                      f"({left} left)", file=sys.stderr)  # fmt: skip
                rows_out.append(
                    f"| {label} | {rows:,} | {people:,} | {imported:.1f} s | **{undone:.1f} s** | "
                    f"{undone / imported:.1f}× | {left} | {verdict} |"
                )
    table = "\n".join(rows_out)
    markdown = f"""
## Undo of an import

`python -m bench.undo` (and `scripts/with-postgres … -m bench.undo --postgres`): the benchmark list of
`bench.imports` imported with `import_people` into a fresh database holding the reference data, then
`import_batch_undo` of the whole batch (conflict checks, deletion of people, name forms, memberships and
sources, a "-" history row for each, the search index and stored pages). Baseline: the import of the same
file in the same run. Floor: {LIMIT_SECONDS} s for 34,000 rows.

| database | rows | people | import | undo | undo ÷ import | people left | floor |
|---|---:|---:|---:|---:|---:|---:|---|
{table}

Before this change (per-object conflict checks, one collector and one history INSERT per deleted row, every
stored page bumped in the file cache one by one) 1,000 rows took 111 s and 2,000 rows 265 s to undo, and
34,000 rows did not finish in 500 s.
"""
    if args.no_write:
        print(markdown)
    else:
        from bench.report import write_section

        print(f"wrote {write_section('undo', markdown)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
