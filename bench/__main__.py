"""Run every benchmark, one after the other, each in its own process; figures go to docs/benchmarks.md.

.venv/bin/python -m bench            # all, at the sizes the issues name
.venv/bin/python -m bench --quick    # small sizes, to check that they run

Under scripts/with-postgres (as `make bench` runs it) the benchmarks that can also measure on PostgreSQL do, side
by side with SQLite, and the festival-day load (PostgreSQL only) runs too.
"""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

BENCHMARKS = {
    "linkage": (["-m", "bench.linkage"], ["-m", "bench.linkage", "--quick"]),
    "imports": (
        ["-m", "bench.imports", "--rows", "100000"],
        ["-m", "bench.imports", "--rows", "2000", "--csv-mb", "1"],
    ),
    "undo": (["-m", "bench.undo"], ["-m", "bench.undo", "--rows", "1000"]),
    "dossier": (
        ["-m", "bench.dossier", "--people", "100000"],
        ["-m", "bench.dossier", "--people", "3000"],
    ),
    "search": (
        ["-m", "bench.search", "--people", "100000"],
        ["-m", "bench.search", "--people", "3000", "--queries", "50"],
    ),
    "tours": (["-m", "bench.tours"], ["-m", "bench.tours", "--quick"]),
    "works": (["-m", "bench.works", "--works", "200000"], ["-m", "bench.works", "--works", "3000", "--requests", "30"]),
    "events": (["-m", "bench.events"], ["-m", "bench.events", "--quick"]),
    "backup": (["-m", "bench.backup", "--people", "100000"], ["-m", "bench.backup", "--people", "2000"]),
    "load": (["-m", "bench.load"], ["-m", "bench.load", "--quick"]),
    "pageweight": (["-m", "bench.pageweight"], ["-m", "bench.pageweight", "--quick"]),
    "pages": (["-m", "bench.pages"], ["-m", "bench.pages", "--no-lighthouse"]),
    "browse": (["-m", "bench.browse"], ["-m", "bench.browse", "--quick"]),
    "repertoire": (["-m", "bench.repertoire"], ["-m", "bench.repertoire", "--people", "3000", "--works", "500"]),
    "music": (["-m", "bench.music"], ["-m", "bench.music", "--people", "3000"]),
    "changes": (["-m", "bench.changes"], ["-m", "bench.changes", "--people", "3000", "--batches", "5"]),
    "network": (
        ["-m", "bench.network"],
        ["-m", "bench.network", "--people", "1000", "--works", "2000", "--queries", "30"],
    ),
}
POSTGRES_ONLY = {"load"}


def _measures_postgres(module: str) -> bool:
    """Whether the benchmark module takes --postgres (bench.registry.add_postgres_argument)."""
    spec = importlib.util.find_spec(module)
    return "add_postgres_argument" in Path(spec.origin).read_text(encoding="utf-8")


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    failed = []
    for name, (full, small) in BENCHMARKS.items():
        arguments = list(small if quick else full)
        if name in POSTGRES_ONLY and not postgres:
            print(f"== {name}: skipped (PostgreSQL only; run under scripts/with-postgres)", flush=True)
            continue
        if postgres and name not in POSTGRES_ONLY and _measures_postgres(arguments[1]):
            arguments.append("--postgres")
        print(f"== {name}", flush=True)
        if subprocess.run([sys.executable, *arguments]).returncode != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
