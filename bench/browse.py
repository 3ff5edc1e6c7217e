"""Browsing benchmark (issue 14): the events month view and the related items of a person's page.

Builds a fresh database (SQLite, and PostgreSQL with --postgres) with 5,000 published events over a year (a
busy month holds about 420, a third of them running several days) and 20,000 people in 25 crafts and 20
regions, then measures through the whole Django stack:

- the month view of the busiest month (`/en/events/?view=month&month=…`): target ≤ 100 ms median;
- the related people of a person's page (three groups and their names, `public.related.related_to_person`):
  target ≤ 20 ms median.

    .venv/bin/python -m bench.browse [--quick]
    scripts/with-postgres .venv/bin/python -m bench.browse --postgres
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
from collections import Counter

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
    n_events, n_people, runs = (500, 2000, 20) if quick else (5000, 20000, 60)
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="craftcity.settings.dev")
    subprocess.run([*craftcity_command(), "migrate", "-v0"], check=True, env=env, cwd=ROOT)
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE=env["DJANGO_SETTINGS_MODULE"])
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone, translation

    from craftcity.events.models import Event
    from craftcity.geo.models import Country, Region
    from craftcity.people.models import Person, PersonName
    from craftcity.people.selectors import person_page
    from craftcity.public.related import related_to_person
    from craftcity.search.pause import indexing_paused
    from craftcity.taxonomy.models import CreativeField, Discipline

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False
    rng = random.Random(14)
    now = timezone.now()
    with indexing_paused():
        events = []
        for i in range(n_events):
            starts = now + dt.timedelta(hours=rng.randrange(1, 24 * 365))
            days = rng.choice([0, 0, 1, 2, 6]) if i % 3 == 0 else 0
            ends = starts + dt.timedelta(days=days, hours=3)
            events.append(Event(slug=f"event-{i}", kind=rng.choice(Event.Kind.values), starts_at=starts, ends_at=ends,
                                name={"en": f"Event {i}", "ru": f"Событие {i}"}))  # fmt: skip
        Event.objects.bulk_create(events, batch_size=2000)
        field = CreativeField.objects.create(slug="crafts", name={"en": "Crafts"})
        crafts = [
            Discipline.objects.create(slug=f"craft-{i}", field=field, name={"en": f"Craft {i}"}) for i in range(25)
        ]
        country = Country.objects.create(iso_code="KZ", name={"en": "Kazakhstan"})
        regions = [Region.objects.create(country=country, iso_code=f"KZ-{i}", name={"en": f"R{i}"}) for i in range(20)]
        people = Person.objects.bulk_create(
            (Person(is_demo=True, region=rng.choice(regions)) for _ in range(n_people)), batch_size=2000
        )
        Person.disciplines.through.objects.bulk_create(
            (Person.disciplines.through(person_id=p.pk, discipline_id=rng.choice(crafts).pk) for p in people),
            batch_size=5000,
        )
        PersonName.objects.bulk_create(
            (PersonName(person=p, full_name=f"Person {p.pk}", language=code, form=form, is_primary=True)
             for p in people for code, form in (("kk", "kk_cyrl"), ("ru", "ru_cyrl"), ("en", "press"))),
            batch_size=5000,
        )  # fmt: skip
    busiest = Counter(timezone.localtime(e.starts_at).strftime("%Y-%m") for e in events).most_common(1)[0][0]

    client = Client()
    for _ in range(3):
        client.get("/en/events/", {"view": "month", "month": busiest})
    pages, lists = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get("/en/events/", {"view": "month", "month": busiest})
        pages.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
        t0 = time.perf_counter()
        client.get("/en/events/")  # the list view in the same moment: a yardstick on a shared machine
        lists.append((time.perf_counter() - t0) * 1000)
    with CaptureQueriesContext(connection) as month_queries:
        client.get("/en/events/", {"view": "month", "month": busiest})
    shown = response.content.decode().count('class="day-events"')

    related, queries = [], 0
    with translation.override("en"):
        for person in rng.sample(people, runs):
            page = person_page(pk=person.pk)
            t0 = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                groups = related_to_person(page.person, disciplines=page.disciplines, dynasties=page.dynasties)
            related.append((time.perf_counter() - t0) * 1000)
            queries = max(queries, len(captured.captured_queries))
            assert groups
    in_month = Event.objects.filter(starts_at__month=int(busiest[5:]), starts_at__year=int(busiest[:4])).count()
    return {
        "events": n_events, "people": n_people, "month": busiest, "month_events": in_month, "days_shown": shown,
        "month50": statistics.median(pages), "month95": sorted(pages)[int(len(pages) * 0.95) - 1],
        "month_queries": len(month_queries.captured_queries), "requests": len(pages),
        "list50": statistics.median(lists),
        "related50": statistics.median(related), "related_max": max(related), "related_queries": queries,
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
    db = OUT / "browse.sqlite3"
    db.unlink(missing_ok=True)
    targets = {"SQLite": f"sqlite:///{db}"}
    if server:
        targets["PostgreSQL"] = postgres_database(server, "bench_browse")
    runs = {label: measure_apart("bench.browse", label, url, str(int(args.quick))) for label, url in targets.items()}
    first = next(iter(runs.values()))
    rows = side_by_side(runs, [
        (f"month view of the busiest month, median of {first['requests']} requests",
             lambda r: f"**{r['month50']:.1f} ms** ({r['month_events']} events starting, {r['days_shown']} days "
                       f"with events, {r['month_queries']} queries)", "≤ 100 ms"),
        ("month view p95", lambda r: f"{r['month95']:.1f} ms", ""),
        ("yardstick: the list view (first 50 events), median, measured alternately",
             lambda r: f"{r['list50']:.1f} ms", ""),
        ("related people of a person's page (dynasty, craft, region, names), median",
             lambda r: f"**{r['related50']:.1f} ms** (max {r['related_max']:.1f} ms, {r['related_queries']} queries)",
             "≤ 20 ms"),
    ])  # fmt: skip
    ok = all(r["month50"] <= 100 and r["related50"] <= 20 for r in runs.values())
    write_section(
        "browse",
        f"""
## Browsing: the events month view and related items{" (quick)" if args.quick else ""}

`python -m bench.browse` (and `scripts/with-postgres … -m bench.browse --postgres` for both databases).
{first["events"]:,} published events over a year (a third of them several days long) and {first["people"]:,}
people in 25 crafts and 20 regions. `craftcity.settings.dev` with DEBUG off. Load average when written:
{os.getloadavg()[0]:.1f} on this machine's cores (other work shares it; the list view, timed alternately with the
month view, is the yardstick: the month view costs what a list page of its events does, about 1.5 times it).

{rows}
""",
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
