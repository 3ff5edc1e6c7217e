"""Catalogue benchmark (issues 5 and 15): OAI-PMH, IIIF manifests and the open-data dump with 200,000 works, on
SQLite and on PostgreSQL.

Builds a fresh database per run (migrate, a registry of makers from `generate_people`, then N published works
bulk-inserted with their makers, as a large catalogue import would), then measures through Django's test
Client, against baselines in the same process:

- an OAI-PMH ListRecords page (100 records, oai_dc): first page, pages deep in the list (resumption tokens), one
  set; baselines: a bare Django view on the same stack, and the raw SQL read of one page of 101 rows;
- a IIIF Presentation 3 manifest of a random work; baseline: the raw SQL read of that work's row;
- a full open-data dump (CSV + JSON-LD of works, people, organizations); baseline: one raw SQL read of every
  harvestable work's row.

Targets: ListRecords page and manifest ≤ 50 ms median; dump ≤ 60 s.

    python -m bench.works [--works 200000] [--people 5000] [--requests 200] [--reuse]
    scripts/with-postgres .venv/bin/python -m bench.works --postgres      # SQLite and PostgreSQL
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.registry import (
    OUT,
    add_postgres_argument,
    database_url,
    measure_apart,
    open_django,
    postgres_database,
    postgres_url,
    side_by_side,
)

PAGE_SQL = (
    "SELECT w.id, w.status, w.updated_at, w.title, w.description, w.year_from, w.year_to, w.dimensions, "
    "w.rights_statement, w.license, w.accession_number, c.slug, c.status, c.name, d.slug, d.name "
    "FROM works_work w LEFT JOIN works_collection c ON c.id = w.collection_id "
    "LEFT JOIN taxonomy_discipline d ON d.id = w.discipline_id "
    "WHERE w.published_at IS NOT NULL AND w.status <> 'draft' AND w.id > %s ORDER BY w.id LIMIT 101"
)
ROW_SQL = "SELECT * FROM works_work WHERE id = %s"
ALL_SQL = "SELECT * FROM works_work WHERE published_at IS NOT NULL AND status <> 'draft' ORDER BY id"


def build(works: int, people: int) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from craftcity.people.models import Person
    from craftcity.search.pause import indexing_paused
    from craftcity.taxonomy.models import Discipline
    from craftcity.works.models import Collection, Work, WorkMaker

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    call_command("generate_people", "--count", str(people), "--seed", "7", verbosity=0)
    rng = random.Random(5)
    disciplines = list(Discipline.objects.values_list("pk", flat=True))
    person_ids = list(Person.objects.values_list("pk", flat=True))
    collections = [
        Collection.objects.create(slug=f"bench-{i}", name={"en": f"Bench collection {i}"}, is_demo=True)
        for i in range(5)
    ]
    now = timezone.now()
    with indexing_paused():
        for start in range(0, works, 5000):
            batch = [
                Work(
                    title={"kk": f"Туынды {n}", "ru": f"Работа {n}", "en": f"Work {n}"},
                    description={"en": "A catalogued object of the benchmark collection."},
                    year_from=rng.randint(1850, 2025),
                    discipline_id=rng.choice(disciplines),
                    collection=collections[n % 5],
                    accession_number=f"B-{n:07d}",
                    dimensions="12 × 8 cm",
                    license=Work.License.CC_BY,
                    status=Work.Status.PUBLISHED if n % 50 else Work.Status.WITHDRAWN,
                    published_at=now,
                    is_demo=True,
                )
                for n in range(start, min(works, start + 5000))
            ]
            created = Work.objects.bulk_create(batch)
            WorkMaker.objects.bulk_create([WorkMaker(work_id=w.pk, person_id=rng.choice(person_ids)) for w in created])
            print(f"  works {start + len(batch)}/{works}", file=sys.stderr, flush=True)


def timed(fn, n: int) -> dict:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"p50": statistics.median(times), "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]}


def measure(url: str, fresh: bool, works: int, people: int, requests: int) -> dict:
    """Everything measured on one database, in this process (Django is set up once per process)."""
    os.environ.setdefault("CRAFTCITY_MEDIA_ROOT", str(OUT / "media"))
    open_django(url)
    from django.conf import settings
    from django.db import connection
    from django.http import HttpResponse
    from django.test import Client
    from django.urls import path

    import craftcity.urls as project_urls
    from craftcity.works import oai
    from craftcity.works.models import Work
    from craftcity.works.opendata import dump_open_data

    started = time.perf_counter()
    if fresh:
        build(works, people)
    build_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would soon after a bulk load
    settings.ALLOWED_HOSTS = ["*"]
    load_before = os.getloadavg()[0]

    def bare(request):
        return HttpResponse("ok")

    project_urls.urlpatterns.append(path("bare/", bare))
    client = Client(HTTP_HOST="localhost")
    rng = random.Random(11)
    ids = list(Work.objects.published().values_list("pk", flat=True))
    for _ in range(5):  # warm caches and connections
        client.get("/bare/")
        client.get("/oai/?verb=ListRecords&metadataPrefix=oai_dc")
        client.get(f"/iiif/works/{ids[0]}/manifest.json")

    bare = timed(lambda: client.get("/bare/"), requests)
    first = timed(lambda: client.get("/oai/?verb=ListRecords&metadataPrefix=oai_dc"), requests)

    def deep():
        token = oai._encode({"metadataPrefix": "oai_dc", "after": rng.choice(ids)})
        response = client.get(f"/oai/?verb=ListRecords&resumptionToken={token}")
        assert b"<record>" in response.content

    deep_page = timed(deep, requests)
    one_set = timed(lambda: client.get("/oai/?verb=ListRecords&metadataPrefix=oai_dc&set=collection:bench-3"), requests)

    def manifest():
        response = client.get(f"/iiif/works/{rng.choice(ids)}/manifest.json")
        assert response.status_code == 200

    manifests = timed(manifest, requests)

    with connection.cursor() as cursor:

        def read(sql, params):
            cursor.execute(sql, params)
            return cursor.fetchall()

        raw_page = timed(lambda: read(PAGE_SQL, [rng.choice(ids)]), requests)
        raw_row = timed(lambda: read(ROW_SQL, [rng.choice(ids)]), requests)
        t0 = time.perf_counter()
        cursor.execute(ALL_SQL)
        raw_rows = sum(len(chunk) for chunk in iter(lambda: cursor.fetchmany(5000), []))
        raw_all = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as folder:
        t0 = time.perf_counter()
        counts = dump_open_data(out=Path(folder), base="https://example.org")
        dump_seconds = time.perf_counter() - t0
        megabytes = sum(p.stat().st_size for p in Path(folder).iterdir()) / 1_048_576

    return {
        "works": Work.objects.count(), "people": people, "requests": requests, "fresh": fresh,
        "build_seconds": build_seconds, "bare": bare, "first": first, "deep": deep_page, "set": one_set,
        "manifest": manifests, "raw_page": raw_page, "raw_row": raw_row, "raw_all": raw_all, "raw_rows": raw_rows,
        "dump_seconds": dump_seconds, "counts": counts, "megabytes": megabytes,
        "load": [load_before, os.getloadavg()[0]],
    }  # fmt: skip


def ms(value: float) -> str:
    return f"{value:.1f} ms" if value >= 1 else f"{value:.2f} ms"


def cell(key: str, *, target: float = 0):
    def show(r):
        text = f"{ms(r[key]['p50'])} / {ms(r[key]['p95'])}"
        return f"**{text}** {'✔' if r[key]['p50'] <= target else '✘'}" if target else text

    return show


def report(runs: dict[str, dict]) -> tuple[str, bool]:
    first = next(iter(runs.values()))
    rows = [
        ("OAI-PMH ListRecords, first page (100 records, oai_dc)", cell("first", target=50), "≤ 50 ms"),
        ("OAI-PMH ListRecords, random deep page (resumption token)", cell("deep", target=50), "≤ 50 ms"),
        ("OAI-PMH ListRecords, one set (collection)", cell("set"), ""),
        ("baseline: raw SQL read of one page (101 rows after a random id)", cell("raw_page"), "—"),
        ("IIIF Presentation 3 manifest, random work", cell("manifest", target=50), "≤ 50 ms"),
        ("baseline: raw SQL read of one work's row", cell("raw_row"), "—"),
        ("baseline: bare Django view", cell("bare"), "—"),
        ("full open-data dump (works, people, organizations: CSV + JSON-LD)",
             lambda r: f"**{r['dump_seconds']:.1f} s** {'✔' if r['dump_seconds'] <= 60 else '✘'} "
                       f"({r['counts']['works']:,} works, {r['counts']['people']:,} people, "
                       f"{r['counts']['organizations']:,} organizations; {r['megabytes']:.0f} MB)", "≤ 60 s"),
        ("baseline: raw SQL read of every harvestable work's row",
             lambda r: f"{r['raw_all']:.1f} s ({r['raw_rows']:,} rows)", "—"),
        ("build (migrate, makers' registry, works)",
             lambda r: f"{r['build_seconds']:.0f} s" if r["fresh"] else "reused (--reuse)", "—"),
    ]  # fmt: skip
    ok = all(
        max(r["first"]["p50"], r["deep"]["p50"], r["manifest"]["p50"]) <= 50 and r["dump_seconds"] <= 60
        for r in runs.values()
    )
    return (
        f"""
## Catalogue: OAI-PMH, IIIF, open data (issue 5)

`python -m bench.works --works N` (and `scripts/with-postgres … -m bench.works --postgres` for both
databases). **{first["works"]:,} works** (a {first["people"]:,}-person makers' registry), Django test Client
(whole middleware stack), `craftcity.settings.dev` with debug off; {first["requests"]} requests per line,
median / p95.

{side_by_side(runs, rows)}

{"All targets met." if ok else "**A target was missed.**"} The machine is shared: 1-minute load average
{" / ".join(f"{label} {r['load'][0]:.1f} → {r['load'][1]:.1f}" for label, r in runs.items())} (start → end of each
database's measurements) on {len(os.sched_getaffinity(0))} cores; PostgreSQL pays a client/server round trip per
query, which contention lengthens most.
""",
        ok,
    )


def main() -> int:
    if sys.argv[1:2] == ["--measure"]:
        url, fresh, works, people, requests = sys.argv[2:7]
        print(json.dumps(measure(url, fresh == "1", int(works), int(people), int(requests))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--works", type=int, default=200_000)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="Reuse bench/out/works.sqlite3 if it exists.")
    add_postgres_argument(parser)
    args = parser.parse_args()
    server = postgres_url(args)
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "works.sqlite3"
    fresh = not (args.reuse and db.exists())
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    sizes = [str(args.works), str(args.people), str(args.requests)]
    runs = {"SQLite": measure_apart("bench.works", "SQLite", database_url(db), str(int(fresh)), *sizes)}
    if server:
        runs["PostgreSQL"] = measure_apart("bench.works", "PostgreSQL", postgres_database(server, "bench_works"), "1",
                                           *sizes)  # fmt: skip
    markdown, ok = report(runs)
    print(markdown)
    from bench.report import write_section

    write_section("works", markdown)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
