"""Festival-day load: the production server (gunicorn, production settings, PostgreSQL) under a crowd of visitors.

Run under scripts/with-postgres (it makes its own database on that server):

    scripts/with-postgres .venv/bin/python -m bench.load                 # 100,000 people, 60 s of load
    scripts/with-postgres .venv/bin/python -m bench.load --quick         # 3,000 people, 15 s, to check it runs

A registry of generated people plus the demo city (events, works) is built once; gunicorn starts with
production settings on loopback; person, event and home pages are visited once so that they are stored (visitors
get stored event pages too: `public.event_scopes`); then locust (headless, bounded in time, `bench/locustfile.py`)
sends a festival-day mix — home pages, stored person pages, search suggestions as someone types, stored event
pages, the calendar feed — and each of person pages, suggestions and event pages alone. The baseline of the same
run is a bare Django view (`/healthz`) under the same load generator. The stored pages' cache is measured in
three places (the database's cache table, Redis if `redis-server` is installed, each process's own memory) to
show what the shared cache costs. Then 200 people apply at once for 50 seats over HTTP. The load generator
shares the machine's cores with the server; its own CPU time is written down.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.registry import ROOT, craftcity_command, postgres_database
from bench.report import write_section

BIN = Path(sys.executable).parent
COMPARED = 800  # person pages in the cache comparison: stored first in every store compared

URLS_SCRIPT = r"""
import json, random
from craftcity.events.models import Event
from craftcity.people.models import Person, PersonName
random.seed(11)
ids = list(Person.objects.public().values_list("pk", flat=True))
people = random.sample(ids, min(len(ids), {sample}))
names = list(PersonName.objects.filter(person_id__in=people[:400]).values_list("full_name", flat=True))
queries = sorted({{name[:length] for name in names for length in (3, 5, 8) if len(name) >= length}})
events = list(Event.objects.published().values_list("slug", flat=True)[:40])
languages = ("kk", "ru", "en")
print(json.dumps({{
    "home": [f"/{{lang}}/" for lang in languages],
    "person": [f"/{{languages[i % 3]}}/people/{{pk}}/" for i, pk in enumerate(people)],
    "suggest": [f"/{{languages[i % 3]}}/search/suggest/?q={{q}}" for i, q in enumerate(queries)],
    "event": [f"/{{languages[i % 3]}}/events/{{slug}}/" for i, slug in enumerate(events)],
    "calendar": [f"/{{lang}}/events/calendar.ics" for lang in languages],
    "healthz": ["/healthz"],
}}, ensure_ascii=False))
"""


def _database(base: str, *, reuse: bool) -> str:
    """The benchmark's database on the server of `base`: made anew, or the earlier run's with --reuse."""
    import psycopg

    name = "craftcity_load"
    if reuse:
        with psycopg.connect(base, autocommit=True) as connection:
            if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                return base.rsplit("/", 1)[0] + "/" + name
        raise SystemExit("--reuse: no earlier run's database on this server")
    return postgres_database(base, name)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(env: dict, *args: str, capture: bool = False) -> str:
    done = subprocess.run([*craftcity_command(), *args], env=env, cwd=ROOT, check=False, capture_output=True,
                          text=True)  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"craftcity {' '.join(args[:2])}: {done.stderr[-3000:]}")
    return done.stdout if capture else ""


class Server:
    """gunicorn with deploy/gunicorn.conf.py, as the craftcity-web unit starts it."""

    def __init__(self, env: dict, workers: int, work: Path, cache: str = "database"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(env, CRAFTCITY_BIND=f"127.0.0.1:{self.port}", CRAFTCITY_WORKERS=str(workers), CRAFTCITY_CACHE=cache)
        self.log = (work / f"gunicorn-{cache.split(':')[0]}.log").open("w")
        self.process = subprocess.Popen([str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "craftcity.wsgi"],
                                        env=env, cwd=ROOT, stdout=self.log, stderr=self.log)  # fmt: skip
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2):
                    return
            except OSError:
                time.sleep(0.5)
        raise SystemExit(f"gunicorn did not start: see {self.log.name}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        self.log.close()


def warm(server: Server, paths: list[str]) -> int:
    """Visit each page once so that it is stored; returns how many answered 200."""

    def one(path: str) -> int:
        with urllib.request.urlopen(server.url + path, timeout=60) as response:
            return response.status

    with ThreadPoolExecutor(max_workers=4) as pool:
        return sum(1 for status in pool.map(one, paths) if status == 200)


def locust(
    server: Server,
    urls: Path,
    work: Path,
    *,
    label: str,
    seconds: int,
    users: int,
    only: str = "",
    require_hit: bool = True,
    pages: int = 0,
) -> dict:
    """One headless locust run; returns per request kind: requests, failures, requests/s, p50/p95/p99 (ms)."""
    prefix = work / f"locust-{label}"
    env = dict(
        os.environ,
        CRAFTCITY_LOAD_URLS=str(urls),
        LOAD_MIX=only,
        LOAD_REQUIRE_HIT="1" if require_hit else "0",
        LOAD_PAGES=str(pages),
    )
    started = os.times()
    subprocess.run([str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "-u", str(users),
                    "-r", str(users), "-t", f"{seconds}s", "-H", server.url, "--csv", str(prefix), "--only-summary",
                    "--loglevel", "WARNING", "--stop-timeout", "5"],
                   env=env, cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    ended = os.times()
    rows = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        for row in csv.DictReader(stats):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                **{name: _ms(row[column]) for name, column in (("p50", "50%"), ("p95", "95%"), ("p99", "99%"))},
            }
    load_cpu = (ended.children_user + ended.children_system) - (started.children_user + started.children_system)
    rows["_load_generator_cpu_share"] = round(load_cpu / seconds / (os.cpu_count() or 1), 2)
    print(f"{label}: {json.dumps(rows)}", file=sys.stderr, flush=True)
    return rows


def _ms(text: str) -> float:
    return float(text) if text.replace(".", "", 1).isdigit() else 0.0


def seats(env: dict, server: Server, work: Path) -> tuple[str, str]:
    seat_env = dict(env, SMOKE_DIR=str(work))
    script = str(ROOT / "scripts" / "smoke_seats.py")

    def python(*args: str) -> str:
        done = subprocess.run([sys.executable, script, *args], env=seat_env, cwd=ROOT, capture_output=True, text=True,
                              check=True)  # fmt: skip
        return done.stdout.strip().splitlines()[-1]

    call = python("setup")
    return python("apply", server.url, call), python("count", call)


def redis_server(work: Path):
    """A throwaway Redis on loopback if redis-server is installed (Debian: redis-server), else None."""
    binary = shutil.which("redis-server")
    if not binary:
        return None, ""
    port = free_port()
    command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    command += ["--dir", str(work)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    return process, f"redis://127.0.0.1:{port}/0"


def fmt(figures: dict, kind: str) -> str:
    row = figures.get(kind)
    if not row:
        return "—"
    latency = f"p50 {row['p50']:.0f} · p95 {row['p95']:.0f} · p99 {row['p99']:.0f} ms"
    return f"{row['rps']:.0f} req/s · {latency} · {row['failures']} errors"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=60, help="length of the mixed run (each kind alone: half)")
    parser.add_argument("--users", type=int, default=24, help="simulated visitors sending requests back to back")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--sample", type=int, default=3000, help="person pages visited (and stored first)")
    parser.add_argument("--quick", action="store_true", help="3,000 people, 15 s: checks that it runs")
    parser.add_argument("--reuse", action="store_true", help="keep the registry of an earlier run on this server")
    parser.add_argument(
        "--build-only",
        action="store_true",
        help="build the registry and stop (measure later with --reuse, when the machine is quiet)",
    )
    args = parser.parse_args()
    if args.quick:
        args.people, args.seconds, args.sample = 3000, 15, 500
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit("run under scripts/with-postgres: the load is measured on PostgreSQL")

    work = Path(tempfile.mkdtemp(prefix="craftcity-load-"))
    env = dict(
        os.environ,
        DATABASE_URL=_database(base, reuse=args.reuse),
        DJANGO_SETTINGS_MODULE="craftcity.settings.prod",
        CRAFTCITY_SECRET_KEY="load-benchmark-" + "x" * 40,
        CRAFTCITY_ALLOWED_HOSTS="127.0.0.1,localhost",
        CRAFTCITY_SSL_REDIRECT="0",
        CRAFTCITY_MEDIA_ROOT=str(work / "media"),
        CRAFTCITY_PRIVATE_MEDIA_ROOT=str(work / "private"),
        CRAFTCITY_STATIC_ROOT=str(work / "static"),
        CRAFTCITY_REQUEST_LOG="1",
        # As behind nginx: the crowd's addresses come in X-Forwarded-For (bench/locustfile.py), and the rate
        # limits are production's own, counted per visitor.
        CRAFTCITY_TRUSTED_PROXIES="1",
        CRAFTCITY_API_WRITES="100000/min",
    )
    figures: dict = {}
    try:
        started = time.monotonic()
        run(env, "migrate", "--no-input", "-v0")
        run(env, "createcachetable")
        run(env, "collectstatic", "--no-input", "-v0")
        if not args.reuse:
            run(env, "generate_people", "--count", str(args.people), "--seed", "7")
            run(env, "load_demo", "-v0")
        figures["build_s"] = round(time.monotonic() - started, 1)
        if args.build_only:
            print(f"registry built in {figures['build_s']} s; measure with --reuse")
            return 0
        urls = json.loads(run(env, "shell", "-v0", "-c", URLS_SCRIPT.format(sample=args.sample), capture=True)
                          .strip().splitlines()[-1])  # fmt: skip
        urls_file = work / "urls.json"
        urls_file.write_text(json.dumps(urls, ensure_ascii=False), encoding="utf-8")
        figures["urls"] = {kind: len(paths) for kind, paths in urls.items()}

        half = max(args.seconds // 2, 10)
        server = Server(env, args.workers, work)
        try:
            started = time.monotonic()
            figures["warmed"] = warm(server, urls["person"] + urls["event"] + urls["home"])
            figures["warm_s"] = round(time.monotonic() - started, 1)
            figures["mix"] = locust(server, urls_file, work, label="mix", seconds=args.seconds, users=args.users)
            for kind in ("person", "suggest", "event", "healthz"):
                figures[f"only_{kind}"] = locust(server, urls_file, work, label=kind, seconds=half, users=args.users,
                                                 only=kind)  # fmt: skip
            try:
                figures["seats"] = seats(env, server, work)
            except subprocess.CalledProcessError:  # --reuse: the earlier run's applicants are already there
                figures["seats"] = ("not run (the registry of an earlier run holds its applicants)", "—")
        finally:
            server.stop()

        redis, redis_url = redis_server(work)
        try:
            for cache in ("database", "memory", redis_url):
                if not cache:
                    continue
                other = Server(env, args.workers, work, cache=cache)
                try:
                    # In its own memory each process stores the pages it renders itself: visited once per process.
                    warm(other, urls["person"][:COMPARED] * (args.workers if cache == "memory" else 1))
                    name = "redis" if cache.startswith("redis") else cache
                    figures[f"cache_{name}"] = locust(
                        other,
                        urls_file,
                        work,
                        label=f"cache-{name}",
                        seconds=half,
                        users=args.users,
                        only="person",
                        require_hit=cache != "memory",
                        pages=COMPARED,
                    )
                finally:
                    other.stop()
        finally:
            if redis is not None:
                redis.terminate()
                redis.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    (ROOT / "bench" / "out" / "load.json").write_text(json.dumps(figures, indent=1))
    write_section("load", report(args, figures))
    mix = figures["mix"]
    errors = sum(row["failures"] for key, row in mix.items() if not key.startswith("_"))
    print(json.dumps({"mix_person_rps": mix["person"]["rps"], "mix_suggest_rps": mix["suggest"]["rps"],
                      "mix_p99": mix["Aggregated"]["p99"], "errors": errors, "seats": figures["seats"]}))  # fmt: skip
    return 0


def report(args, figures: dict) -> str:
    mix, seats_answers = figures["mix"], figures["seats"]
    kinds = ("home", "person", "suggest", "event", "calendar")
    lines = [
        "## Festival-day load (`bench/load.py`, PostgreSQL 15, gunicorn)",
        "",
        f"Registry: {args.people:,} generated people plus the demo city; production settings, gunicorn with "
        f"{args.workers} sync workers on loopback, the database cache. Before the runs {figures['warmed']:,} pages "
        f"were visited once ({figures['warm_s']} s) so that person, event and home pages are served from the store "
        f"(as they are for visitors: signed-in people get a fresh render). Load: locust "
        f"headless, {args.users} simulated visitors sending requests back to back, {args.seconds} s for the mix "
        f"(person pages 60 %, suggestions 25 %, event pages 7 %, home 5 %, calendar 3 %; "
        f"{figures['urls']['person']:,} person pages, {figures['urls']['suggest']:,} typed prefixes) and "
        f"{max(args.seconds // 2, 10)} s for each kind alone. The load generator runs on the same cores: it "
        f"used {mix['_load_generator_cpu_share']:.0%} of the machine's CPU during the mix.",
        "",
        "| requests | in the mix | alone | floor |",
        "|---|---|---|---|",
    ]
    floors = {"person": "≥ 500 req/s, p99 ≤ 250 ms", "suggest": "≥ 150 req/s, p99 ≤ 250 ms"}
    for kind in kinds:
        alone = figures.get(f"only_{kind}", {})
        floor = floors.get(kind, "p99 ≤ 250 ms, no errors")
        lines.append(f"| {kind} | {fmt(mix, kind)} | {fmt(alone, kind)} | {floor} |")
    lines.append(f"| all | {fmt(mix, 'Aggregated')} | | zero errors |")
    lines.append(f"| baseline: bare Django view `/healthz` | | {fmt(figures['only_healthz'], 'healthz')} | |")
    lines += [
        "",
        f"Seats: 200 concurrent HTTP applications for 50 seats under this server: answers {seats_answers[0]}, "
        f"applications {seats_answers[1]}.",
        "",
        f"**Where the stored pages live** (the first {COMPARED} person pages alone, stored first, same load):",
        "",
        "| cache | person pages | shared by all processes and machines |",
        "|---|---|---|",
        f"| the database's cache table (default) | {fmt(figures['cache_database'], 'person')} | yes |",
    ]
    if "cache_redis" in figures:
        lines.append(f"| Redis 7 on loopback | {fmt(figures['cache_redis'], 'person')} | yes (one more service) |")
    else:
        lines.append("| Redis | not measured: `redis-server` is not installed here | yes |")
    lines.append(
        f"| each process's memory | {fmt(figures['cache_memory'], 'person')} | no: an edit is served stale by the "
        "others |"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
