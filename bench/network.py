"""Network benchmark (issue 17): a hub harvesting a partner craft city over HTTP on loopback.

Two installations, two SQLite databases, two processes: the partner (a `craftcity runserver` presenting itself as
the demo city Sheberkent) holds N people and M published works with their history (bulk-written "+" rows, as a
large import leaves them), and publishes them through its change streams; the hub (`craftcity network_add`,
`craftcity network_harvest`, run as the commands a registrar runs) harvests it from empty, then again after
1,000 changes on the partner (900 edits, 100 unpublished). Then the network search: records of three partner
cities on the hub (the harvested one and two copies of it under other cities, written by SQL), Latin queries
for the partner's Cyrillic names, timed in process.

Floors: full harvest ≤ 600 s, incremental ≤ 10 s, network search p95 ≤ 50 ms.

    python -m bench.network [--people 100000] [--works 200000] [--queries 300] [--reuse]
    CRAFTCITY_PG_PORT=… scripts/with-postgres .venv/bin/python -m bench.network --postgres   (two databases on one
    PostgreSQL server instead of two SQLite files)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.registry import (
    ROOT,
    add_postgres_argument,
    craftcity_command,
    database_url,
    open_django,
    postgres_database,
    postgres_url,
)

WORK = ROOT / "var" / "bench-network"
CITY_FILE = ROOT / "craftcity" / "demo" / "partner_city.json"


def env_for(db: Path | str, name: str, *, partner: bool = False) -> dict:
    env = dict(
        os.environ,
        DATABASE_URL=database_url(db),
        DJANGO_SETTINGS_MODULE="craftcity.settings.dev",
        CRAFTCITY_CACHE_DIR=str(WORK / f"cache-{name}"),
        CRAFTCITY_TILE_URL="",
        CRAFTCITY_NETWORK_TIMEOUT="60",
    )
    env.pop("CRAFTCITY_CITY_FILE", None)
    if partner:
        env["CRAFTCITY_CITY_FILE"] = str(CITY_FILE)
    return env


def craftcity(env: dict, *args: str) -> str:
    done = subprocess.run([*craftcity_command(), *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"`craftcity {' '.join(args)}` failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout.strip()


def step(*args: str) -> None:
    """Run one of this module's steps in a fresh process (each opens Django on its own database)."""
    subprocess.run([sys.executable, "-m", "bench.network", *args], check=True, cwd=ROOT)


# --- steps run in their own process -------------------------------------------------------------------


def build_partner(db: Path | str, people: int, works: int) -> None:
    open_django(db)
    from django.core.management import call_command
    from django.utils import timezone

    from craftcity.people.models import Person
    from craftcity.search.pause import indexing_paused
    from craftcity.taxonomy.models import Discipline
    from craftcity.works.models import Work, WorkMaker

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    call_command("generate_people", "--count", str(people), "--seed", "7", verbosity=0)
    rng = random.Random(5)
    disciplines = list(Discipline.objects.values_list("pk", flat=True))
    person_ids = list(Person.objects.values_list("pk", flat=True))
    now = timezone.now()
    with indexing_paused():
        for start in range(0, works, 5000):
            created = Work.objects.bulk_create(
                [
                    Work(
                        title={"ru": f"Работа мастера {n}", "en": f"Work {n}"},
                        year_from=rng.randint(1850, 2025),
                        discipline_id=rng.choice(disciplines),
                        status=Work.Status.PUBLISHED,
                        published_at=now,
                        is_demo=True,
                    )
                    for n in range(start, min(works, start + 5000))
                ]
            )
            WorkMaker.objects.bulk_create([WorkMaker(work_id=w.pk, person_id=rng.choice(person_ids)) for w in created])
    # generate_people and bulk_create skip history on purpose; the change streams are read from it, so the
    # benchmark writes the "+" rows a history-keeping import would have written.
    for model in (Person, Work):
        pks = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), 5000):
            objects = list(model.objects.filter(pk__in=pks[start : start + 5000]))
            model.history.bulk_history_create(objects, batch_size=1000, default_date=now)
        print(f"  partner: {len(pks)} {model.__name__} with history", file=sys.stderr, flush=True)


def changes(db: Path | str, count: int) -> None:
    open_django(db)
    from craftcity.people.models import Person
    from craftcity.people.services import person_update

    rng = random.Random(11)
    people = list(Person.objects.published().order_by("pk").values_list("pk", flat=True))
    chosen = rng.sample(people, count)
    for n, pk in enumerate(chosen):
        person = Person.objects.get(pk=pk)
        if n % 10 == 0:
            person_update(person=person, status="draft")
        else:
            person_update(person=person, biography={"en": f"Edited for the network benchmark ({n})."})


def search(db: Path | str, queries: int, out: Path) -> None:
    open_django(db)
    from django.db import connection, transaction
    from django.utils import translation

    import namekit
    from craftcity.network.models import NetworkKey, NetworkRecord, PartnerCity
    from craftcity.network.selectors import network_search

    source = PartnerCity.objects.get(slug="sheberkent-demo")
    with transaction.atomic():
        for number in (2, 3):
            copy, created = PartnerCity.objects.get_or_create(
                slug=f"bench-copy-{number}",
                defaults={
                    "name": {"en": f"Bench copy {number}"},
                    "description_url": f"http://127.0.0.{number}/.well-known/craftcity",
                    "site_url": f"http://127.0.0.{number}/",
                },
            )
            if not created:
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO network_networkrecord (city_id, uri, kind, name, url, crafts, image_url, starts_at, "
                    "ends_at, location, keys, changed_at, harvested_at) SELECT %s, uri || '#' || %s, kind, name, url, "
                    "crafts, image_url, starts_at, ends_at, location, keys, changed_at, harvested_at "
                    "FROM network_networkrecord WHERE city_id = %s",
                    [copy.pk, number, source.pk],
                )
                cursor.execute(
                    "INSERT INTO network_networkkey (record_id, key) SELECT c.id, k.key FROM network_networkkey k "
                    "JOIN network_networkrecord r ON r.id = k.record_id "
                    "JOIN network_networkrecord c ON c.city_id = %s AND c.uri = r.uri || '#' || %s "
                    "WHERE r.city_id = %s",
                    [copy.pk, number, source.pk],
                )
        connection.cursor().execute("ANALYZE")
    names = list(
        NetworkRecord.objects.filter(city=source, kind="person").order_by("?").values_list("name", flat=True)[:queries]
    )
    rng = random.Random(3)
    texts = []
    for name in names:
        written = name.get("ru") or name.get("kk") or name.get("en") or ""
        latin = namekit.to_press(written) if namekit.detect_script(written) == "cyrillic" else written
        words = latin.split()
        texts.append(" ".join(words[:2]) if rng.random() < 0.7 else words[-1] if words else latin)
    timings = []
    translation.activate("en")
    network_search(texts[0])  # the local search's vocabulary loads once per process
    for text in texts:
        started = time.perf_counter()
        network_search(text)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    out.write_text(
        json.dumps(
            {
                "queries": len(timings),
                "records": NetworkRecord.objects.count(),
                "keys": NetworkKey.objects.count(),
                "median_ms": statistics.median(timings),
                "p95_ms": timings[int(len(timings) * 0.95) - 1],
                "examples": texts[:5],
            }
        )
    )


# --- the run ------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(env: dict, port: int) -> subprocess.Popen:
    log = (WORK / "partner.log").open("w")
    server = subprocess.Popen(
        [*craftcity_command(), "runserver", f"127.0.0.1:{port}", "--noreload"], env=env, cwd=ROOT,
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _attempt in range(240):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.5)
    raise SystemExit("the partner server did not start")


def report_line(output: str) -> dict:
    line = next(line for line in output.splitlines() if line.startswith("sheberkent-demo:"))
    numbers = [int(word) for word in line.replace(",", " ").replace("(", " ").split() if word.isdigit()]
    return {"line": line, "created": numbers[0], "updated": numbers[1], "deleted": numbers[2], "pages": numbers[5]}


def _postgres_databases(base: str, people: int, works: int, reuse: bool) -> tuple[str, str]:
    """The partner (a copy of a pristine database built once, kept for --reuse) and an empty hub, on the
    PostgreSQL server of `base`: two databases, as two installations would have."""
    import psycopg

    pristine = f"bench_network_partner_{people}_{works}"
    with psycopg.connect(base, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [pristine]).fetchone()
    if not (reuse and exists):
        print(f"building the partner: {people} people, {works} works…", file=sys.stderr, flush=True)
        step("_build_partner", postgres_database(base, pristine), str(people), str(works))
    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS bench_network_partner")
        connection.execute(f"CREATE DATABASE bench_network_partner TEMPLATE {pristine}")
    return base.rsplit("/", 1)[0] + "/bench_network_partner", postgres_database(base, "bench_network_hub")


def run(people: int, works: int, queries: int, reuse: bool, postgres: str = "") -> dict:
    WORK.mkdir(parents=True, exist_ok=True)
    for path in WORK.glob("cache-*"):
        shutil.rmtree(path, ignore_errors=True)
    if postgres:
        partner_db, hub_db = _postgres_databases(postgres, people, works, reuse)
    else:
        partner_db, hub_db = WORK / "partner.sqlite3", WORK / "hub.sqlite3"
        pristine = WORK / f"partner-{people}-{works}.sqlite3"
        if not (reuse and pristine.exists()):
            print(f"building the partner: {people} people, {works} works…", file=sys.stderr, flush=True)
            pristine.unlink(missing_ok=True)
            step("_build_partner", str(pristine), str(people), str(works))
        shutil.copyfile(pristine, partner_db)
        hub_db.unlink(missing_ok=True)
    # A partner built before the last migration (the stream key's index) is brought up to date, as a deploy would.
    craftcity(env_for(partner_db, "partner", partner=True), "migrate", "-v0")
    partner_env, hub_env = env_for(partner_db, "partner", partner=True), env_for(hub_db, "hub")
    craftcity(hub_env, "migrate", "-v0")
    port = free_port()
    server = serve(partner_env, port)
    try:
        craftcity(hub_env, "network_add", f"http://127.0.0.1:{port}/")
        started = time.perf_counter()
        full = report_line(craftcity(hub_env, "network_harvest"))
        full_seconds = time.perf_counter() - started
        print(f"full harvest: {full['line']} in {full_seconds:.1f} s", file=sys.stderr, flush=True)
        step("_changes", str(partner_db), "1000")
        started = time.perf_counter()
        incremental = report_line(craftcity(hub_env, "network_harvest"))
        incremental_seconds = time.perf_counter() - started
        print(f"incremental: {incremental['line']} in {incremental_seconds:.1f} s", file=sys.stderr, flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    out = WORK / "search.json"
    step("_search", str(hub_db), str(queries), str(out))
    found = json.loads(out.read_text())
    return {
        "people": people,
        "works": works,
        "database": "PostgreSQL" if postgres else "SQLite",
        "full_seconds": full_seconds,
        "full": full,
        "records_per_second": (full["created"]) / full_seconds,
        "incremental_seconds": incremental_seconds,
        "incremental": incremental,
        "search": found,
    }


def markdown(result: dict) -> str:
    full, inc, found = result["full"], result["incremental"], result["search"]
    ok = {
        "full": result["full_seconds"] <= 600,
        "inc": result["incremental_seconds"] <= 10,
        "search": found["p95_ms"] <= 50,
    }
    mark = {True: "✅", False: "❌"}
    rows = [
        (
            f"full harvest from empty: {full['created']:,} records",
            f"{result['full_seconds']:.0f} s ({result['records_per_second']:,.0f} records/s)",
            "≤ 600 s",
            mark[ok["full"]],
        ),
        (
            f"incremental harvest after 1,000 changes (900 edits, 100 unpublished): {inc['updated']} updated, "
            f"{inc['deleted']} deleted, {inc['pages']} pages",
            f"{result['incremental_seconds']:.1f} s",
            "≤ 10 s",
            mark[ok["inc"]],
        ),
        (
            f"network search, 3 partners ({found['records']:,} harvested records, {found['keys']:,} name keys), "
            f"{found['queries']} Latin queries for Cyrillic names: median",
            f"{found['median_ms']:.1f} ms",
            "",
            "",
        ),
        ("network search p95", f"{found['p95_ms']:.1f} ms", "≤ 50 ms", mark[ok["search"]]),
    ]
    table = "\n".join(f"| {' | '.join(row)} |" for row in rows)
    page = os.environ.get("CRAFTCITY_CHANGES_PAGE_SIZE", "100")  # the setting's default
    return f"""## Network of craft cities: a hub harvesting a partner (issue 17)

Two installations on loopback, each with its own {result["database"]} database: the partner (`craftcity
runserver`, the demo city Sheberkent) with {result["people"]:,} people and {result["works"]:,} published works
and their history; the hub runs `craftcity network_add` and `craftcity network_harvest` as a registrar would
(times include the command's start). Streams of {full["pages"]} pages ({page} activities a page).

| measure | result | floor | |
|---|---|---|---|
{table}

The second and third partners are copies of the harvested records under other cities, written by SQL (harvesting
three servers of this size would only repeat the first measure three times). The search runs the local search
too (an empty local registry here) and ranks both together.
"""


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        name, *args = sys.argv[1:]
        db = args[0] if "://" in args[0] else Path(args[0])  # a PostgreSQL URL or a SQLite file
        if name == "_build_partner":
            build_partner(db, int(args[1]), int(args[2]))
        elif name == "_changes":
            changes(db, int(args[1]))
        elif name == "_search":
            search(db, int(args[1]), Path(args[2]))
        return 0
    parser = argparse.ArgumentParser(description="Network harvest benchmark")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--works", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--reuse", action="store_true", help="reuse the partner database built by an earlier run")
    parser.add_argument("--no-write", action="store_true", help="print, do not write docs/benchmarks.md")
    add_postgres_argument(parser)
    args = parser.parse_args()
    result = run(args.people, args.works, args.queries, args.reuse, postgres_url(args))
    text = markdown(result)
    print(text)
    if not args.no_write:
        from bench.report import write_section

        write_section("network", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
