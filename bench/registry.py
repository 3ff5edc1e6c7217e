"""What the registry benchmarks share: a fresh SQLite registry of generated people, and Django set up on it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def craftcity_command() -> list[str]:
    installed = ROOT / ".venv" / "bin" / "craftcity"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "craftcity.cli"]


def database_url(db: Path | str) -> str:
    """A benchmark database named by a SQLite file or by a URL (PostgreSQL)."""
    return db if isinstance(db, str) else f"sqlite:///{db}"


def postgres_database(base_url: str, name: str) -> str:
    """A new, empty database `name` on the PostgreSQL server of `base_url` (dropped first if it exists)."""
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")
    return base_url.rsplit("/", 1)[0] + "/" + name


def build_registry(db: Path | str, people: int, *, seed: int = 7) -> None:
    """A new database at `db` (a SQLite file, or the URL of an empty database): migrated, with `people`
    generated people (indexed for search)."""
    env = dict(os.environ, DATABASE_URL=database_url(db), DJANGO_SETTINGS_MODULE="craftcity.settings.dev")
    if isinstance(db, Path):
        db.unlink(missing_ok=True)
    command = craftcity_command()
    subprocess.run([*command, "migrate", "-v0"], check=True, env=env, cwd=ROOT)
    subprocess.run(
        [*command, "generate_people", "--count", str(people), "--seed", str(seed)], check=True, env=env, cwd=ROOT
    )


def open_django(db: Path | str) -> None:
    """Set Django up in this process on the benchmark database, with production's code paths: debug off (no
    query log, no template debug), static files not looked up on every request."""
    os.environ["DATABASE_URL"] = database_url(db)
    os.environ["DJANGO_SETTINGS_MODULE"] = "craftcity.settings.dev"
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False
    settings.WHITENOISE_AUTOREFRESH = False


def add_postgres_argument(parser) -> None:
    """`--postgres`: measure on the PostgreSQL of DATABASE_URL too (run under scripts/with-postgres)."""
    parser.add_argument("--postgres", action="store_true", help="also on the PostgreSQL of DATABASE_URL")


def postgres_url(args) -> str:
    """The PostgreSQL server to measure on, or "" without --postgres."""
    if not args.postgres:
        return ""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("--postgres needs DATABASE_URL pointing at PostgreSQL (use scripts/with-postgres)")
    return url


def measure_apart(module: str, label: str, *args: str) -> dict:
    """Run `python -m MODULE --measure ARGS…` in a process of its own (Django is set up once per process, on one
    database) and return the figures it prints as JSON on its last line."""
    out = subprocess.run([sys.executable, "-m", module, "--measure", *args], cwd=ROOT, capture_output=True,
                         text=True, check=False)  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(f"{label}: {out.stderr[-3000:]}")
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"{label}: {figures}", file=sys.stderr)
    return figures


def side_by_side(runs: dict[str, dict], rows: list[tuple]) -> str:
    """A Markdown table with one column per database: `rows` are (measure, cell(figures) -> str, target)."""
    labels = list(runs)
    lines = ["| measure | " + " | ".join(labels) + " | target |", "|---|" + "---|" * len(labels) + "---|"]
    lines += [f"| {name} | " + " | ".join(cell(runs[label]) for label in labels) + f" | {target} |"
              for name, cell, target in rows]  # fmt: skip
    return "\n".join(lines)
