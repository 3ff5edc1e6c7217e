"""Run every benchmark, one after the other, each in its own process; figures go to docs/benchmarks.md.

.venv/bin/python -m bench            # all, at the sizes the issues name
.venv/bin/python -m bench --quick    # small sizes, to check that they run
"""

import subprocess
import sys

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
}


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    failed = []
    for name, (full, small) in BENCHMARKS.items():
        print(f"== {name}", flush=True)
        if subprocess.run([sys.executable, *(small if quick else full)]).returncode != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
