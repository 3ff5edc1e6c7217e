"""Catalogue benchmark (issue 5): OAI-PMH, IIIF manifests and the open-data dump with 200,000 works.

Builds a fresh SQLite database (migrate, a registry of makers from `generate_people`, then N published works
bulk-inserted with their makers, as a large catalogue import would), then measures through Django's test
Client, against a bare Django view on the same stack:

- an OAI-PMH ListRecords page (100 records, oai_dc), first page and pages deep in the list (resumption tokens);
- a IIIF Presentation 3 manifest of a random work;
- a full open-data dump (CSV + JSON-LD of works, people, organizations).

Targets: ListRecords page and manifest ≤ 50 ms median; dump ≤ 60 s.

    python -m bench.works [--works 200000] [--people 5000] [--requests 200] [--reuse]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


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
            print(f"  works {start + len(batch)}/{works}", flush=True)


def median_ms(fn, n: int) -> tuple[float, float]:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--works", type=int, default=200_000)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="Reuse bench/out/works.sqlite3 if it exists.")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "works.sqlite3"
    fresh = not (args.reuse and db.exists())
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "craftcity.settings.dev"
    os.environ.setdefault("CRAFTCITY_MEDIA_ROOT", str(OUT / "media"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.http import HttpResponse
    from django.test import Client
    from django.urls import path

    import craftcity.urls as project_urls
    from craftcity.works import oai
    from craftcity.works.models import Work
    from craftcity.works.opendata import dump_open_data

    started = time.perf_counter()
    if fresh:
        build(args.works, args.people)
    build_seconds = time.perf_counter() - started
    total = Work.objects.count()

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG = False

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

    bare50, _bare95 = median_ms(lambda: client.get("/bare/"), args.requests)
    first50, first95 = median_ms(lambda: client.get("/oai/?verb=ListRecords&metadataPrefix=oai_dc"), args.requests)

    def deep():
        token = oai._encode({"metadataPrefix": "oai_dc", "after": rng.choice(ids)})
        response = client.get(f"/oai/?verb=ListRecords&resumptionToken={token}")
        assert b"<record>" in response.content

    deep50, deep95 = median_ms(deep, args.requests)
    set50, set95 = median_ms(
        lambda: client.get("/oai/?verb=ListRecords&metadataPrefix=oai_dc&set=collection:bench-3"), args.requests
    )

    def manifest():
        response = client.get(f"/iiif/works/{rng.choice(ids)}/manifest.json")
        assert response.status_code == 200

    man50, man95 = median_ms(manifest, args.requests)

    with tempfile.TemporaryDirectory() as folder:
        t0 = time.perf_counter()
        counts = dump_open_data(out=Path(folder), base="https://example.org")
        dump_seconds = time.perf_counter() - t0
        sizes = sum(p.stat().st_size for p in Path(folder).iterdir()) / 1_048_576

    ok = max(first50, deep50, man50) <= 50 and dump_seconds <= 60
    table = f"""
{total:,} works ({args.people:,} makers' registry), SQLite, Django test Client (whole middleware stack), {args.requests}
requests per line; {f"build {build_seconds:.0f} s" if fresh else "database reused (--reuse)"}.

| measure | median | p95 | bare view median | target |
|---|---|---|---|---|
| OAI-PMH ListRecords, first page (100 records, oai_dc) | {first50:.1f} ms | {first95:.1f} ms | {bare50:.2f} ms | ≤ 50 ms |
| OAI-PMH ListRecords, random deep page (resumption token) | {deep50:.1f} ms | {deep95:.1f} ms | {bare50:.2f} ms | ≤ 50 ms |
| OAI-PMH ListRecords, one set (collection) | {set50:.1f} ms | {set95:.1f} ms | {bare50:.2f} ms | |
| IIIF Presentation 3 manifest, random work | {man50:.1f} ms | {man95:.1f} ms | {bare50:.2f} ms | ≤ 50 ms |
| full open-data dump (works {counts["works"]:,}, people {counts["people"]:,}, organizations {counts["organizations"]:,}; {sizes:.0f} MB) | {dump_seconds:.1f} s | | | ≤ 60 s |

{"All targets met." if ok else "**A target was missed.**"}
"""  # noqa: E501
    print(table)
    from .report import write_section

    write_section("works", "## Catalogue: OAI-PMH, IIIF, open data (issue 5)\n" + table)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
