"""Events benchmark (issue 6): jury results and the public calendar.

Builds a fresh database (SQLite, and PostgreSQL with --postgres) with 5,000 published events and a
competition of 1,000 entries scored by 12 jurors on a 4-criterion rubric (48,000 scores), then measures on each:

- normalized results (read every score, weighted totals, z-scores, tie-break): target ≤ 1 s;
- the public calendar page (all 5,000 events, paginated by 50) and its iCalendar feed through the whole Django
  stack, against a bare Django view in the same process: target ≤ 100 ms median for the page.

    .venv/bin/python -m bench.events [--quick]
    scripts/with-postgres .venv/bin/python -m bench.events --postgres
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time

from .registry import (
    OUT,
    ROOT,
    add_postgres_argument,
    craftcity_command,
    measure_apart,
    postgres_database,
    postgres_url,
    side_by_side,
)
from .report import write_section


def measure(url: str, quick: bool) -> dict:
    """Everything measured on one database, in this process (Django is set up once per process)."""
    n_events, n_entries, n_jurors, runs = (500, 200, 12, 5) if quick else (5000, 1000, 12, 7)
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="craftcity.settings.dev")
    subprocess.run([*craftcity_command(), "migrate", "-v0"], check=True, env=env, cwd=ROOT)
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE=env["DJANGO_SETTINGS_MODULE"])
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.http import HttpResponse
    from django.test import Client
    from django.urls import path
    from django.utils import timezone

    import craftcity.urls as project_urls
    from craftcity.events.models import Application, Call, Competition, Criterion, Event, Juror, Score
    from craftcity.events.selectors import competition_results
    from craftcity.people.models import Person
    from craftcity.search.pause import indexing_paused

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False
    rng = random.Random(6)
    now = timezone.now()
    kinds = Event.Kind.values
    with indexing_paused():
        Event.objects.bulk_create(
            Event(slug=f"event-{i}", kind=rng.choice(kinds), name={"en": f"Event {i}", "ru": f"Событие {i}"},
                  starts_at=now + dt.timedelta(hours=rng.randrange(1, 24 * 365)))
            for i in range(n_events)
        )  # fmt: skip
        people = Person.objects.bulk_create(Person(is_demo=True) for _ in range(n_entries + n_jurors))
        host = Event.objects.create(slug="bench-competition", kind="competition", name={"en": "Bench"}, starts_at=now)
        call = Call.objects.create(
            event=host, opens_at=now - dt.timedelta(days=9), closes_at=now - dt.timedelta(days=1)
        )
        competition = Competition.objects.create(event=host)
        criteria = [
            Criterion.objects.create(competition=competition, name={"en": f"c{i}"}, weight=w, max_score=10, position=i)
            for i, w in enumerate([3, 2, 2, 1])
        ]
        jurors = [Juror.objects.create(competition=competition, person=p) for p in people[:n_jurors]]
        entries = Application.objects.bulk_create(
            Application(call=call, person=p, status="confirmed") for p in people[n_jurors:]
        )
        Score.objects.bulk_create(
            (Score(juror=j, application=e, criterion=c, value=rng.randint(0, 10))
             for j in jurors for e in entries for c in criteria),
            batch_size=5000,
        )  # fmt: skip

    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        ranked = competition_results(competition)
        timings.append(time.perf_counter() - started)
    assert len(ranked) == n_entries

    def bare(request):
        return HttpResponse("ok")

    project_urls.urlpatterns.append(path("bare/", bare))
    client = Client()
    for _ in range(5):
        client.get("/en/events/")
        client.get("/bare/")
    pages, bares, feeds = [], [], []
    for i in range(30 if quick else 100):
        t0 = time.perf_counter()
        response = client.get("/en/events/", {"page": 1 + i % 20})
        pages.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
        t0 = time.perf_counter()
        client.get("/bare/")
        bares.append((time.perf_counter() - t0) * 1000)
    from django.core.cache import cache

    rendered = []
    for _ in range(3 if quick else 5):
        cache.clear()  # the feed written from the database, as after a change
        t0 = time.perf_counter()
        feed = client.get("/en/events/calendar.ics")
        rendered.append((time.perf_counter() - t0) * 1000)
        assert feed.status_code == 200 and feed["X-Cache"] == "miss"
    for _ in range(10 if quick else 50):
        t0 = time.perf_counter()
        stored = client.get("/en/events/calendar.ics")
        feeds.append((time.perf_counter() - t0) * 1000)
        assert stored["X-Cache"] == "hit"
    feed_events = b"".join(feed.streaming_content if feed.streaming else [feed.content]).count(b"BEGIN:VEVENT")
    return {
        "events": n_events, "entries": n_entries, "jurors": n_jurors, "criteria": len(criteria), "runs": runs,
        "results_median": statistics.median(timings), "results_max": max(timings),
        "page50": statistics.median(pages), "page95": sorted(pages)[int(len(pages) * 0.95) - 1],
        "bare50": statistics.median(bares), "requests": len(pages),
        "feed50": statistics.median(feeds), "feed_rendered": statistics.median(rendered), "feed_events": feed_events,
    }  # fmt: skip


def main() -> int:
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(sys.argv[2], sys.argv[3] == "1")))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    add_postgres_argument(parser)
    args = parser.parse_args()
    server = postgres_url(args)
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "events.sqlite3"
    db.unlink(missing_ok=True)
    targets = {"SQLite": f"sqlite:///{db}"}
    if server:
        targets["PostgreSQL"] = postgres_database(server, "bench_events")
    runs = {label: measure_apart("bench.events", label, url, str(int(args.quick))) for label, url in targets.items()}
    first = next(iter(runs.values()))
    rows = side_by_side(runs, [
        (f"normalized results (read scores, z-scores, tie-break), median of {first['runs']}",
             lambda r: f"**{r['results_median'] * 1000:.0f} ms** (max {r['results_max'] * 1000:.0f} ms)", "≤ 1 s"),
        (f"calendar page median, {first['requests']} requests",
             lambda r: f"**{r['page50']:.1f} ms**", "≤ 100 ms"),
        ("calendar page p95", lambda r: f"{r['page95']:.1f} ms", ""),
        ("baseline: bare Django view, median", lambda r: f"{r['bare50']:.2f} ms", ""),
        ("iCalendar feed (`/en/events/calendar.ics`), written after a change, median",
             lambda r: f"{r['feed_rendered']:.0f} ms ({r['feed_events']:,} events)", ""),
        ("iCalendar feed, stored (later polls until an event changes), median",
             lambda r: f"{r['feed50']:.1f} ms", ""),
    ])  # fmt: skip
    ok = all(r["results_max"] <= 1.0 and r["page50"] <= 100 for r in runs.values())
    write_section(
        "events",
        f"""
## Events: jury results and the public calendar{" (quick)" if args.quick else ""}

`python -m bench.events` (and `scripts/with-postgres … -m bench.events --postgres` for both databases).
{first["entries"]:,} entries × {first["jurors"]} jurors × {first["criteria"]} criteria
({first["entries"] * first["jurors"] * first["criteria"]:,} scores); a calendar of {first["events"]:,} published
events, 50 per page. `craftcity.settings.dev` with DEBUG off.

{rows}

{"All targets met." if ok else "**A target was missed.**"}
""",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
