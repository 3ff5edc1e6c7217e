"""Events benchmark (issue 6): jury results and the public calendar.

Builds a fresh SQLite database with 5,000 published events and a competition of 1,000 entries scored by
12 jurors on a 4-criterion rubric (48,000 scores), then measures in one run:

- normalized results (read every score, weighted totals, z-scores, tie-break): target ≤ 1 s;
- the public calendar page (all 5,000 events, paginated by 50) through the whole Django stack, against a
  bare Django view in the same process: target ≤ 100 ms median.

    .venv/bin/python -m bench.events [--quick]
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .report import write_section

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    n_events, n_entries, n_jurors, runs = (500, 200, 12, 5) if quick else (5000, 1000, 12, 7)
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "events.sqlite3"
    db.unlink(missing_ok=True)
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", DJANGO_SETTINGS_MODULE="craftcity.settings.dev")
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], check=True, env=env, cwd=ROOT)
    os.environ.update(DATABASE_URL=env["DATABASE_URL"], DJANGO_SETTINGS_MODULE=env["DJANGO_SETTINGS_MODULE"])
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
    results_median, results_max = statistics.median(timings), max(timings)

    def bare(request):
        return HttpResponse("ok")

    project_urls.urlpatterns.append(path("bare/", bare))
    client = Client()
    for _ in range(5):
        client.get("/en/events/")
        client.get("/bare/")
    pages, bares = [], []
    for i in range(30 if quick else 100):
        t0 = time.perf_counter()
        response = client.get("/en/events/", {"page": 1 + i % 20})
        pages.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
        t0 = time.perf_counter()
        client.get("/bare/")
        bares.append((time.perf_counter() - t0) * 1000)
    page50, bare50 = statistics.median(pages), statistics.median(bares)
    ok = results_max <= 1.0 and page50 <= 100
    results_cell = f"{results_median * 1000:.0f} ms (max {results_max * 1000:.0f} ms)"
    write_section(
        "events",
        f"""
## Events: jury results and the public calendar{" (quick)" if quick else ""}

{n_entries:,} entries × {n_jurors} jurors × {len(criteria)} criteria ({n_entries * n_jurors * len(criteria):,} scores);
a calendar of {n_events:,} published events, 50 per page. SQLite, `craftcity.settings.dev`.

| measure | result | baseline | target |
|---|---|---|---|
| normalized results (read scores, z-scores, tie-break), median of {runs} | {results_cell} | | ≤ 1 s |
| calendar page median, {len(pages)} requests | {page50:.1f} ms | bare view {bare50:.2f} ms | ≤ 100 ms |
| calendar page p95 | {sorted(pages)[int(len(pages) * 0.95) - 1]:.1f} ms | | |

{"All targets met." if ok else "**A target was missed.**"}
""",
    )
    print(f"results {results_median:.3f}s (max {results_max:.3f}s); calendar {page50:.1f} ms vs bare {bare50:.2f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
