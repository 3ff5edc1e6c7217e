"""City of Music benchmark (issue 18): an open-air season, a 64-akyn aitys bracket and the music indicators.

Builds a registry of N generated people (`bench.registry.build_registry`, 100,000 by default) and adds a
200-event open-air season with weather, cancellations and attendance, 2,000 grants (as bench.dossier) and an
aitys of 64 akyns judged by five jurors on a three-criterion rubric and played through all six rounds by the
services. Then measures, against a bare Django view in the same process:

- the bracket page (`/en/events/<slug>/aitys/`: 63 duels, names, winners, audience counts), median;
- the season page (200 events with status, weather and attendance), median;
- the results: judging a whole 32-duel round from its scores (`aitys.selectors.round_results`), median;
- the three music indicators (music events, international cooperation, grants to young musicians) as of today.

Targets: bracket page and results ≤ 100 ms median; the music indicators ≤ 5 s at 100,000 people.

    .venv/bin/python -m bench.music [--people 100000] [--quick]
    CRAFTCITY_PG_PORT=… scripts/with-postgres .venv/bin/python -m bench.music --postgres
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time

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

SEASON_EVENTS = 200
AKYNS = 64
JURORS = 5
GRANTS = 2000


def add_season(rng) -> str:
    """A 200-event open-air season this year, before today: most held with attendance, some cancelled."""
    from django.utils import timezone

    from craftcity.events.models import Event, EventSeries
    from craftcity.places.models import Place
    from craftcity.search.pause import indexing_paused

    today = timezone.localdate()
    series = EventSeries.objects.create(slug="bench-open-air", name={"en": "Bench open-air season"},
                                        is_open_air=True, year=today.year)  # fmt: skip
    stages = [Place.objects.create(slug=f"bench-stage-{n}", kind="venue", name={"en": f"Stage {n}"}, capacity=c)
              for n, c in enumerate((3000, 1200, 600))]  # fmt: skip
    first = timezone.make_aware(dt.datetime(today.year, 1, 1, 19))
    span = max(1, (timezone.now() - first).days - 1)
    with indexing_paused():
        events = []
        for i in range(SEASON_EVENTS):
            stage = stages[i % 3]
            cancelled = i % 9 == 4
            events.append(Event(
                slug=f"bench-open-air-{i}", kind=Event.Kind.CONCERT, name={"en": f"Open-air evening {i}"},
                starts_at=first + dt.timedelta(days=i * span / SEASON_EVENTS), place=stage, series=series,
                is_international=i % 10 == 0,
                schedule=Event.Schedule.CANCELLED if cancelled else Event.Schedule.HELD,
                weather=rng.choice(["storm", "rain"]) if cancelled else rng.choice(["clear", "cloudy", "heat"]),
                attendees=None if cancelled else int(stage.capacity * rng.uniform(0.3, 0.95)),
            ))  # fmt: skip
        Event.objects.bulk_create(events)
    # Bulk rows have no history: the dossier counts them from created_at, so they existed before they began.
    Event.objects.filter(series=series).update(created_at=first - dt.timedelta(days=30))
    return series.slug


def add_aitys(rng) -> str:
    """A 64-akyn aitys drawn, judged and closed round by round through the services."""
    from django.utils import timezone

    from craftcity.aitys import services
    from craftcity.aitys.models import Aitys, DuelScore, Round
    from craftcity.events.models import Application, Call, Competition, Criterion, Event, Juror
    from craftcity.people.models import Person

    now = timezone.now()
    event = Event.objects.create(slug="bench-aitys", kind="competition", name={"en": "Bench aitys"},
                                 starts_at=now - dt.timedelta(days=3))  # fmt: skip
    call = Call.objects.create(event=event, opens_at=now - dt.timedelta(days=40), closes_at=now - dt.timedelta(days=5))
    competition = Competition.objects.create(event=event)
    criteria = [Criterion.objects.create(competition=competition, name={"en": f"c{i}"}, weight=w, position=i)
                for i, w in enumerate((3, 2, 1))]  # fmt: skip
    people = list(Person.objects.public().order_by("pk")[: AKYNS + JURORS])
    jurors = [Juror.objects.create(competition=competition, person=p, is_chair=i == 0)
              for i, p in enumerate(people[:JURORS])]  # fmt: skip
    Application.objects.bulk_create(Application(call=call, person=p, status="confirmed") for p in people[JURORS:])
    aitys = services.aitys_create(user=None, competition=competition, has_audience_vote=True)
    services.aitys_draw(user=None, aitys=aitys)
    strength = {pk: rng.uniform(3, 9) for pk in Application.objects.filter(call=call).values_list("pk", flat=True)}
    while True:
        aitys.refresh_from_db()
        if aitys.status != Aitys.Status.RUNNING:
            break
        current = aitys.rounds.get(status=Round.Status.OPEN)
        # Scores go in bulk (a juror's form would call duel_scores_submit; its cost is not what is measured).
        DuelScore.objects.bulk_create(
            DuelScore(duel=duel, juror=juror, application_id=side, criterion=c,
                      value=max(0, min(10, round(strength[side] + rng.uniform(-2, 2)))))
            for duel in current.duels.all() for juror in jurors
            for side in (duel.first_id, duel.second_id) for c in criteria
        )  # fmt: skip
        services.round_close(user=None, aitys=aitys)
    return event.slug


def measure(url: str, fresh: bool, quick: bool) -> dict:
    open_django(url)
    from django.conf import settings
    from django.http import HttpResponse
    from django.test import Client
    from django.urls import path
    from django.utils import timezone

    import craftcity.urls as project_urls
    from bench.dossier import add_grants
    from craftcity.aitys.models import Round
    from craftcity.aitys.selectors import round_results
    from craftcity.dossier.asof import Snapshot
    from craftcity.dossier.indicators import REGISTRY, compute
    from craftcity.people.models import Person

    settings.ALLOWED_HOSTS = ["testserver"]
    rng = random.Random(18)
    if fresh:
        add_grants(GRANTS)
    season = add_season(rng)
    aitys_slug = add_aitys(rng)
    first_round = Round.objects.get(aitys__competition__event__slug=aitys_slug, number=1)

    def bare(request):
        return HttpResponse("ok")

    project_urls.urlpatterns.append(path("bare/", bare))
    client = Client()
    bracket_url, season_url = f"/en/events/{aitys_slug}/aitys/", f"/en/seasons/{season}/"
    for _ in range(5):
        assert client.get(bracket_url).status_code == 200
        assert client.get(season_url).status_code == 200
        client.get("/bare/")
    brackets, seasons, bares, results = [], [], [], []
    for _ in range(20 if quick else 60):
        t0 = time.perf_counter()
        page = client.get(bracket_url)
        brackets.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        client.get(season_url)
        seasons.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        client.get("/bare/")
        bares.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        judged = round_results(first_round)
        results.append((time.perf_counter() - t0) * 1000)
    assert page.content.count(b'class="duel"') == AKYNS - 1 and len(judged) == AKYNS // 2

    indicators = {}
    t0 = time.perf_counter()
    snapshot = Snapshot(timezone.localdate())
    for code in ("music_events", "music_international", "music_young_grants"):
        indicators[code] = compute(REGISTRY[code], snapshot).total
    indicator_seconds = time.perf_counter() - t0
    return {
        "people": Person.objects.count(), "duels": AKYNS - 1, "season_events": SEASON_EVENTS,
        "requests": len(brackets),
        "bracket50": statistics.median(brackets), "bracket95": sorted(brackets)[int(len(brackets) * 0.95) - 1],
        "season50": statistics.median(seasons), "bare50": statistics.median(bares),
        "results50": statistics.median(results), "indicators_seconds": indicator_seconds, **indicators,
    }  # fmt: skip


def run_on(label: str, db, people: int) -> dict:
    build_registry(db, people)
    return measure_apart("bench.music", label, database_url(db), "1", "0")


def main() -> int:
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(sys.argv[2], sys.argv[3] == "1", sys.argv[4] == "1")))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--skip-sqlite", action="store_true", help="measure PostgreSQL only (with --postgres)")
    parser.add_argument(
        "--report-only", action="store_true", help="write the report from the figures saved by earlier runs"
    )
    add_postgres_argument(parser)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    runs = {}
    # Each database's figures are kept, so runs on a busy machine can be taken one database at a time.
    for label, saved in (("SQLite", OUT / "music-sqlite.json"), ("PostgreSQL", OUT / "music-postgresql.json")):
        if args.report_only:
            if saved.exists():
                runs[label] = json.loads(saved.read_text())
            continue
        if label == "SQLite" and not args.skip_sqlite:
            runs[label] = run_on(label, OUT / "music.sqlite3", args.people)
        elif label == "PostgreSQL" and args.postgres:
            name = os.environ.get("CRAFTCITY_BENCH_MUSIC_DB", "bench_music")
            runs[label] = run_on(label, postgres_database(postgres_url(args), name), args.people)
        if label in runs:
            saved.write_text(json.dumps(runs[label]))
    first = next(iter(runs.values()))
    rows = side_by_side(runs, [
        ("people in the registry", lambda r: f"{r['people']:,}", "100,000"),
        (f"aitys bracket page ({first['duels']} duels), median of {first['requests']}",
             lambda r: f"**{r['bracket50']:.1f} ms** (p95 {r['bracket95']:.1f})", "≤ 100 ms"),
        ("aitys results: judging a 32-duel round from its scores, median",
             lambda r: f"**{r['results50']:.1f} ms**", "≤ 100 ms"),
        (f"season page ({first['season_events']} events), median", lambda r: f"{r['season50']:.1f} ms", ""),
        ("baseline: bare Django view, median", lambda r: f"{r['bare50']:.2f} ms", ""),
        ("the three music indicators as of today",
             lambda r: f"**{r['indicators_seconds']:.2f} s**", "≤ 5 s"),
        ("counted: music events that took place / international / young musicians funded",
             lambda r: f"{r['music_events']:,} / {r['music_international']:,} / {r['music_young_grants']:,}", "—"),
    ])  # fmt: skip
    ok = all(r["bracket50"] <= 100 and r["results50"] <= 100 and r["indicators_seconds"] <= 5 for r in runs.values())
    from bench.report import write_section

    markdown = f"""
## City of Music: aitys bracket, open-air season, music indicators

`python -m bench.music --people N` (and `scripts/with-postgres … -m bench.music --postgres` for both databases).
Registry of **{first["people"]:,} people** (`generate_people --seed 7`), {GRANTS:,} grants,
a {first["season_events"]}-event open-air season this year (one in nine cancelled, attendance on the rest)
and a {AKYNS}-akyn aitys judged by {JURORS} jurors on three criteria, played through six rounds by the services.
`craftcity.settings.dev`, DEBUG off; nothing else ran on the machine.

{rows}

{"All targets met." if ok else "**A target was missed.**"}

The bracket page and the round's results cost the same whatever the registry's size (63 duels, their akyns'
names and scores); the indicators read only what they count (the year's published events, filtered in the
database; the grant holders as they stood on the day; people who ever had a music discipline), not every person.
"""
    print(markdown)
    print(write_section("music", markdown))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
