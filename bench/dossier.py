"""Dossier benchmark (issue 7): indicators as of a past date and the full dossier over a large registry.

Builds a fresh SQLite registry of N people (`generate_people`), then spreads the records' creation over
the past five years (bulk-loaded records have no history rows; the dossier counts them from their
`created_at`, so this is what gives a past date something to count), and measures in one run:

- all registered indicators as of a past date, against a baseline: one raw SQL COUNT … GROUP BY region
  over the same people table (the least any "practitioners by region" figure could cost);
- the full dossier: PDF with year-over-year charts (five moments) and the XLSX annexes;
- the process's peak memory (ru_maxrss).

The generated registry has no works or events, so the indicators those apps register count none here;
the works and events benchmarks measure those apps at their own sizes.

    .venv/bin/python -m bench.dossier [--people 100000] [--reuse]
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import time

from bench.registry import OUT, build_registry, open_django

SPREAD_DAYS = 5 * 365


def spread_creation(connection) -> None:
    """Deterministic creation dates over the past five years, by id, for the bulk-loaded records."""
    with connection.cursor() as cursor:
        for table in ["people_person", "organizations_organization", "places_place", "lineage_dynasty"]:
            cursor.execute(
                f"UPDATE {table} SET created_at = datetime('now', '-' || (id * 7919 % {SPREAD_DAYS}) || ' days')"
            )


GRANTS = 5000


def add_grants(count: int) -> None:
    """A scholarship programme and `count` grants to practitioners, decided over the past five years (bulk:
    no history rows, counted from created_at like the people)."""
    from decimal import Decimal

    from django.utils import timezone

    from craftcity.people.models import Person
    from craftcity.support.models import Grant, Programme

    programme = Programme.objects.create(slug="bench-scholarship", kind="scholarship", name={"en": "Bench"})
    ids = list(Person.objects.practitioners().order_by("pk").values_list("pk", flat=True)[: count * 2 : 2])
    today = timezone.localdate()
    grants = []
    for i, pk in enumerate(ids):
        decided = today - dt.timedelta(days=(i * 7919) % SPREAD_DAYS)
        grants.append(Grant(programme=programme, person_id=pk, amount=Decimal(500000 + i % 7 * 100000),
                            decided_on=decided))  # fmt: skip
    Grant.objects.bulk_create(grants, batch_size=2000)
    created = {g.pk: g.decided_on for g in Grant.objects.all()}
    for pk, day in created.items():
        Grant.objects.filter(pk=pk).update(created_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12))))


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="Reuse bench/out/dossier.sqlite3 if it exists.")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "dossier.sqlite3"
    started = time.perf_counter()
    fresh = not (args.reuse and db.exists())
    if fresh:
        build_registry(db, args.people)
    build_seconds = time.perf_counter() - started

    open_django(db)
    from django.db import connection
    from django.utils import timezone

    from craftcity.dossier.asof import end_of_day
    from craftcity.dossier.indicators import REGISTRY
    from craftcity.dossier.selectors import indicators_as_of
    from craftcity.dossier.services import dossier_build
    from craftcity.people.models import Person

    if fresh:
        spread_creation(connection)
        add_grants(GRANTS)
    people = Person.objects.count()
    past = timezone.localdate() - dt.timedelta(days=2 * 365)

    # Baseline: one GROUP BY over the same table, the floor for any figure "by region".
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT region_id, COUNT(*) FROM people_person WHERE status = 'published' AND merged_into_id IS NULL "
            "AND created_at <= %s GROUP BY region_id",
            [end_of_day(past)],
        )
        baseline_rows = cursor.fetchall()
    baseline = time.perf_counter() - t0

    t0 = time.perf_counter()
    results = indicators_as_of(past)
    indicators_seconds = time.perf_counter() - t0
    indicators_peak = peak_mib()
    counted = results["practitioners"].total

    t0 = time.perf_counter()
    pdf, xlsx = dossier_build(as_of=past, template="wcc", language="kk", out=OUT / "dossier-bench.pdf")
    dossier_seconds = time.perf_counter() - t0
    peak = peak_mib()
    from pypdf import PdfReader

    pages = len(PdfReader(pdf).pages)

    from craftcity.lineage.models import Relation
    from craftcity.lineage.pedigree import pedigree_pdf

    master = (
        Relation.objects.filter(kind="apprenticeship", senior__status="published", senior__merged_into__isnull=True)
        .values_list("senior_id", flat=True)
        .first()
    )
    t0 = time.perf_counter()
    pedigree_pdf(pk=master, language="kk", base_url="http://bench/")
    pedigree_seconds = time.perf_counter() - t0
    funding = results["funding"].total

    def verdict(ok: bool) -> str:
        return "✔" if ok else "✘"

    reused = "" if fresh else ", reused"
    rows = [
        (f"all {len(REGISTRY)} indicators as of {past:%Y-%m-%d}",
         f"**{indicators_seconds:.2f} s** {verdict(indicators_seconds <= 10)}", "≤ 10 s"),
        ("baseline: one SQL `COUNT … GROUP BY region` on the same table",
         f"{baseline * 1000:.0f} ms ({len(baseline_rows)} groups)", "—"),
        (f"full dossier: PDF ({pages} pages, charts over 5 moments) + XLSX annexes",
         f"**{dossier_seconds:.1f} s** {verdict(dossier_seconds <= 60)}", "≤ 60 s"),
        ("peak memory (whole process)",
         f"**{peak:.0f} MiB** {verdict(peak <= 1024)} (after the indicators: {indicators_peak:.0f} MiB)", "≤ 1 GiB"),
        ("a master's pedigree PDF (lineage, titles, works, events), kk",
         f"**{pedigree_seconds:.2f} s** {verdict(pedigree_seconds <= 2)}", "≤ 2 s"),
        ("file sizes", f"XLSX {xlsx.stat().st_size / 1e6:.1f} MB, PDF {pdf.stat().st_size / 1e3:.0f} kB", "—"),
    ]  # fmt: skip
    table = "\n".join(f"| {a} | {b} | {c} |" for a, b, c in rows)
    markdown = f"""
Registry: **{people:,} people** from `generate_people --seed 7` (build {build_seconds:.0f} s{reused}),
creation dates spread over five years, with {GRANTS:,} scholarship grants to practitioners; as-of date
**{past:%Y-%m-%d}**: {counted:,} practitioners and {funding:,} funded recipients counted.
These records were bulk-loaded without history rows, so they are counted from `created_at`; records written
through the services are read from their historical rows (same queries, one more table).

| measure | result | target |
|---|---|---|
{table}

The indicators cost about {indicators_seconds / max(baseline, 1e-6):.0f}× the single GROUP BY: they read every
person's state at the date once (history rows or, for bulk data, today's row) and derive {len(REGISTRY)}
indicators with their breakdowns in Python. The generated registry has no works or events (the issue's
200,000 and 5,000), so the indicators those apps register count none here; the works and events
benchmarks measure those apps at their own sizes.
"""
    from bench.report import write_section

    print(markdown)
    print(write_section("dossier", markdown))


if __name__ == "__main__":
    main()
