"""What a partner city asks of this one (issue 17): change-stream pages and reconciliation batches at 100,000 people.

Builds a registry of N generated people (`generate_people`, indexed for search). Generated people skip the
change history on purpose, and the change streams are read from it, so the benchmark gives every person the
"+" row an import writes (`people_bulk_create` does) dated at their creation: N activities in the people stream.
Then, in one process per database, through the whole Django stack (test client):

- the people stream's collection and pages (CRAFTCITY_CHANGES_PAGE_SIZE activities each, with every record
  embedded), random pages and the last one, after the page index is built once (timed separately: the first
  request after a restart, or after the cache is cleared, pays it);
- reconciliation batches of 10 queries written as registrars' lists are (the five styles of bench.search: Kazakh
  Cyrillic, passport Latin, Russian surname first, a typo, a prefix), POSTed as OpenRefine does;
- a bare Django view in the same run, the floor.

    .venv/bin/python -m bench.changes [--people 100000] [--reuse]
    CRAFTCITY_PG_PORT=… scripts/with-postgres .venv/bin/python -m bench.changes --postgres
    (--postgres-only measures PostgreSQL alone and reports it beside the SQLite figures of the last run)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

from bench.registry import (
    OUT,
    add_postgres_argument,
    build_registry,
    database_url,
    measure_apart,
    open_django,
    postgres_database,
    postgres_url,
    side_by_side,
)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def spread(values) -> dict:
    return {"p50": percentile(values, 50), "p95": percentile(values, 95), "max": max(values)}


def record_history() -> int:
    """Give every person without history the "+" row an import writes, dated at their creation (set-wise SQL)."""
    from django.db import connection, transaction

    from craftcity.people.models import Person

    historical = Person.history.model
    own = {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id", "batch_id"}
    columns = [f.column for f in historical._meta.concrete_fields if f.column not in own]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    person_columns = ", ".join(f"p.{connection.ops.quote_name(c)}" for c in columns)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {historical._meta.db_table} ({quoted}, history_date, history_type) "
            f"SELECT {person_columns}, p.created_at, '+' FROM {Person._meta.db_table} p "
            f"WHERE NOT EXISTS (SELECT 1 FROM {historical._meta.db_table} h WHERE h.id = p.id)"
        )
        return cursor.rowcount


def measure(url: str, build_seconds: float, fresh: bool, people: int, batches: int) -> dict:
    open_django(url)
    load_before = os.getloadavg()[0]
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.http import HttpResponse
    from django.test import Client
    from django.urls import path

    from bench.search import make_queries
    from craftcity import urls as project_urls
    from craftcity.api import changes
    from craftcity.people.models import Person

    started = time.perf_counter()
    written = record_history()
    history_seconds = time.perf_counter() - started

    def bare(request):
        return HttpResponse("ok")

    project_urls.urlpatterns.append(path("bare/", bare))
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()

    def get(url_path, **headers):
        t0 = time.perf_counter()
        response = client.get(url_path, **headers)
        took = (time.perf_counter() - t0) * 1000
        assert response.status_code in (200, 304), (url_path, response.status_code, response.content[:300])
        return took, response

    cache.clear()
    index_ms, response = get("/api/v1/changes/people/")
    collection = json.loads(response.content)
    total, last = collection["totalItems"], int(collection["last"]["id"].rstrip("/").rsplit("/", 1)[1])
    rng = random.Random(11)
    for _ in range(3):
        get("/api/v1/changes/people/page/1/")
        get("/bare/")
    pages, collections, bares, not_modified = [], [], [], []
    numbers = [rng.randint(1, last) for _ in range(40)] + [last] * 10
    for number in numbers:
        took, response = get(f"/api/v1/changes/people/page/{number}/")
        pages.append(took)
        items = json.loads(response.content)["orderedItems"]
        assert items and all("record" in item["object"] for item in items)
        if number != last:
            took, again = get(f"/api/v1/changes/people/page/{number}/", HTTP_IF_NONE_MATCH=response["ETag"])
            assert again.status_code == 304
            not_modified.append(took)
        collections.append(get("/api/v1/changes/people/")[0])
        bares.append(get("/bare/")[0])

    queries = make_queries(batches * 10, rng)
    reconcile = []
    for start in range(0, len(queries), 10):
        batch = {
            f"q{i}": {"query": text, "type": "person"} for i, (_s, text, _pk) in enumerate(queries[start : start + 10])
        }
        t0 = time.perf_counter()
        response = client.post("/api/v1/reconcile", {"queries": json.dumps(batch)})
        reconcile.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
        bares.append(get("/bare/")[0])
    found = 0
    for start in range(0, len(queries), 10):
        chunk = queries[start : start + 10]
        batch = {f"q{i}": {"query": text, "type": "person"} for i, (_s, text, _pk) in enumerate(chunk)}
        results = json.loads(client.post("/api/v1/reconcile", {"queries": json.dumps(batch)}).content)
        for i, (_s, _text, pk) in enumerate(chunk):
            found += any(c["id"] == f"person/{pk}" for c in results[f"q{i}"]["result"][:3])
    return {
        "vendor": connection.vendor,
        "load": [load_before, os.getloadavg()[0]],
        "people": Person.objects.count(),
        "build_seconds": build_seconds,
        "fresh": fresh,
        "history_rows": written,
        "history_seconds": history_seconds,
        "page_size": changes.page_size(),
        "activities": total,
        "pages": last,
        "index_ms": index_ms,
        "page": spread(pages),
        "not_modified": spread(not_modified),
        "collection": spread(collections),
        "reconcile": spread(reconcile),
        "batches": len(reconcile),
        "found": found,
        "asked": len(queries),
        "bare": spread(bares),
    }


def run_on(label: str, db, people: int, batches: int, reuse: bool) -> dict:
    started = time.perf_counter()
    fresh = not (reuse and isinstance(db, Path) and db.exists())
    if fresh:
        build_registry(db, people)
    build_seconds = time.perf_counter() - started
    return measure_apart(
        "bench.changes", label, database_url(db), str(build_seconds), str(int(fresh)), str(people), str(batches)
    )


def ms(value: float) -> str:
    return f"{value:.1f} ms" if value >= 1 else f"{value:.2f} ms"


def cell(key: str):
    return lambda r: f"{ms(r[key]['p50'])} / {ms(r[key]['p95'])} / {ms(r[key]['max'])}"


def report(runs: dict[str, dict]) -> str:
    any_run = next(iter(runs.values()))
    rows = [
        ("people (all with a history row)", lambda r: f"{r['people']:,}", "100,000"),
        ("activities in the people stream / pages", lambda r: f"{r['activities']:,} / {r['pages']:,}", "—"),
        ("page index built on the first request (cold cache)", lambda r: ms(r["index_ms"]), "—"),
        (
            f"stream page ({any_run['page_size']} activities, records embedded), p50 / p95 / max",
            cell("page"),
            "≤ 50 ms",
        ),
        ("same page, conditional request (304), p50 / p95 / max", cell("not_modified"), "—"),
        ("stream collection, p50 / p95 / max", cell("collection"), "—"),
        ("reconciliation batch of 10 queries, p50 / p95 / max", cell("reconcile"), "≤ 200 ms"),
        ("intended person among the first 3 candidates", lambda r: f"{r['found']}/{r['asked']}", "—"),
        ("baseline: bare Django view, p50 / p95 / max", cell("bare"), "—"),
        ("load average before → after", lambda r: f"{r['load'][0]:.1f} → {r['load'][1]:.1f}", "—"),
    ]
    table = side_by_side(runs, rows)
    return f"""## Network: change streams and reconciliation (`bench/changes.py`)

{table}

`python -m bench.changes --people N` (and `scripts/with-postgres … -m bench.changes --postgres` for both
databases). Every figure is a request through the whole Django stack (test client, no network), measured in one
process per database on the same registry of generated people; each was given the "+" history row an import
writes, so the people stream holds one Create per person. Pages are read at random plus the last page (what
harvesters read first); each carries the schema.org record of every person on it. The reconciliation batches are
ten names each in the five styles of the search benchmark (Kazakh Cyrillic, passport Latin, Russian surname first,
a typo, a prefix), POSTed as OpenRefine does. The load average in the table tells whether anything else ran. A
304 costs as much as a full page: the ETag is a hash of the body, so the page is built before it is compared.
"""


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--measure":
        url, build_seconds, fresh, people, batches = sys.argv[2:7]
        print(json.dumps(measure(url, float(build_seconds), fresh == "1", int(people), int(batches))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--batches", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="keep the SQLite registry of an earlier run")
    parser.add_argument("--no-write", action="store_true", help="print, do not update docs/benchmarks.md")
    parser.add_argument(
        "--postgres-only",
        action="store_true",
        help="measure PostgreSQL only (reported beside the SQLite figures of an earlier run)",
    )
    add_postgres_argument(parser)
    args = parser.parse_args()
    args.postgres = args.postgres or args.postgres_only
    OUT.mkdir(parents=True, exist_ok=True)
    saved = OUT / f"network-{args.people}-figures.json"
    # Figures are kept per database, so SQLite and PostgreSQL can be measured in separate runs and reported together.
    runs = json.loads(saved.read_text()) if saved.exists() else {}
    if not args.postgres_only:
        db = OUT / f"network-{args.people}.sqlite3"
        runs["SQLite"] = run_on("sqlite", db, args.people, args.batches, args.reuse)
    base = postgres_url(args)
    if base:
        runs["PostgreSQL"] = run_on(
            "postgresql", postgres_database(base, "bench_changes"), args.people, args.batches, False
        )
    saved.write_text(json.dumps(runs))
    runs = {label: runs[label] for label in ("SQLite", "PostgreSQL") if label in runs}
    markdown = report(runs)
    print(markdown)
    if not args.no_write:
        from bench.report import write_section

        print(write_section("changes", markdown))


if __name__ == "__main__":
    main()
