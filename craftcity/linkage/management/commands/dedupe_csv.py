"""`craftcity dedupe_csv INPUT.csv --out CLUSTERS.csv`: cluster a standalone file, no database.

Thin by design: reading, matching and writing live in the pure ``recordlink`` package. The command
never opens a database connection, so it runs on a machine with no registry at all (the benchmark
contract of issue 3).
"""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from recordlink import DEFAULT_THRESHOLD, dedupe
from recordlink.csvio import InputError, iter_records, write_clusters


class Command(BaseCommand):
    help = (
        "Find duplicate people in a CSV file (columns id, full_name and optionally birth_year, region, "
        "craft, phone, email, organization) and write id,cluster_id. Does not touch the database."
    )
    requires_system_checks: list = []  # checks may query the database; this command must not
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("input", help="CSV file, UTF-8 (with or without BOM), header row required")
        parser.add_argument("--out", required=True, help="where to write id,cluster_id")
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help=f"match probability needed to link two records (default {DEFAULT_THRESHOLD})",
        )

    def handle(self, *args, **options):
        started = time.perf_counter()
        verbosity = options.get("verbosity", 1)

        def progress(msg: str) -> None:
            if verbosity >= 1:
                print(msg, file=sys.stderr, flush=True)

        if not 0 < options["threshold"] < 1:
            raise CommandError("--threshold must be between 0 and 1 (exclusive)")
        ids: list[str] = []

        def rows():
            for row in iter_records(options["input"]):
                ids.append(row["id"])
                yield row

        try:
            result = dedupe(rows(), threshold=options["threshold"], progress=progress)
        except InputError as exc:
            raise CommandError(str(exc)) from exc
        try:
            write_clusters(options["out"], ids, result.labels)
        except OSError as exc:
            raise CommandError(f"{options['out']}: cannot write ({exc.strerror})") from exc
        clusters = len(set(result.labels))
        progress(
            f"wrote {len(ids)} rows, {clusters} clusters to {options['out']} in {time.perf_counter() - started:.1f}s"
        )
