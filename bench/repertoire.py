"""Music benchmark (issue 18): the three music indicators of the dossier (repertoire documented, recordings
published, musicians by genre) as of a past date and as of today, over a registry of N people with W musical works
and as many recordings, bulk-loaded (no history rows: the dossier counts them from their `created_at`, spread over
the past five years).

    .venv/bin/python -m bench.repertoire [--people 100000] [--works 20000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from bench.registry import OUT, build_registry, open_django

SPREAD_DAYS = 5 * 365
LIMIT_SECONDS = 5.0  # the bound for the music indicators at 100,000 people


def add_music(works: int) -> None:
    from django.db import connection

    from craftcity.music.models import MusicalWork, Recording
    from craftcity.people.models import Person

    kinds = [kind for kind, _label in MusicalWork.Kind.choices]
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True)[:works])
    MusicalWork.objects.bulk_create(
        [
            MusicalWork(kind=kinds[n % len(kinds)], title={"en": f"Bench work {n}"}, status="published",
                        published_at=dt.datetime.now(dt.UTC))
            for n in range(works)
        ],
        batch_size=2000,
    )  # fmt: skip
    work_ids = list(MusicalWork.objects.order_by("pk").values_list("pk", flat=True))
    MusicalWork.people.through.objects.bulk_create(
        [
            MusicalWork.people.through(work_id=work, person_id=people[n % len(people)], role="composer")
            for n, work in enumerate(work_ids)
        ],
        batch_size=2000,
    )
    Recording.objects.bulk_create(
        [
            Recording(work_id=work, external_url=f"https://video.example.org/{n}", duration=180.0, status="published",
                      media="video" if n % 4 == 0 else "audio", published_at=dt.datetime.now(dt.UTC))
            for n, work in enumerate(work_ids)
        ],
        batch_size=2000,
    )  # fmt: skip
    moment = (
        f"now() - mod(id * 7919, {SPREAD_DAYS}) * interval '1 day'"
        if connection.vendor == "postgresql"
        else f"datetime('now', '-' || (id * 7919 % {SPREAD_DAYS}) || ' days')"
    )
    with connection.cursor() as cursor:
        for table in ["people_person", "music_musicalwork", "music_recording"]:
            cursor.execute(f"UPDATE {table} SET created_at = {moment}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--works", type=int, default=20_000)
    parser.add_argument("--reuse", action="store_true", help="measure the database of the last run again")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"repertoire-bench-{args.people}.sqlite3"
    t0 = time.perf_counter()
    if not args.reuse:
        build_registry(db, args.people)
    open_django(db)
    if not args.reuse:
        add_music(args.works)
    build = time.perf_counter() - t0

    from django.utils import timezone

    from craftcity.dossier.asof import Snapshot
    from craftcity.dossier.indicators import REGISTRY, compute

    rows = []
    for label, day in (("two years ago", timezone.localdate() - dt.timedelta(days=730)),
                       ("today", timezone.localdate())):  # fmt: skip
        snapshot = Snapshot(day)
        started = time.perf_counter()
        totals = {code: compute(REGISTRY[code], snapshot).total
                  for code in ("music_repertoire", "music_recordings", "musicians_by_genre")}  # fmt: skip
        seconds = time.perf_counter() - started
        rows.append((label, seconds, totals))
    lines = [
        f"Registry of {args.people:,} generated people, {args.works:,} musical works and as many recordings "
        f"(bulk-loaded, created over five years), SQLite; built in {build:.0f} s. "
        "Taken on a shared machine under load.",
        "",
        "| as of | three music indicators | repertoire | recordings | musicians | within 5 s |",
        "|---|---|---|---|---|---|",
    ]
    for label, seconds, totals in rows:
        lines.append(
            f"| {label} | {seconds:.2f} s | {totals['music_repertoire']:,} | {totals['music_recordings']:,} | "
            f"{totals['musicians_by_genre']:,} | {'yes' if seconds <= LIMIT_SECONDS else 'NO'} |"
        )
    markdown = "\n".join(lines) + "\n"
    print(markdown)
    from bench.report import write_section

    print(write_section("repertoire", markdown))


if __name__ == "__main__":
    main()
