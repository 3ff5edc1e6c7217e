"""Search and page benchmark (issues: public site and search; 15: every benchmark on PostgreSQL too).

Builds a fresh registry of N people (`generate_people`) and 2×N published works with their makers (bulk, as a
catalogue import would), rebuilds the whole search index (timed), then measures in one run per database
(SQLite FTS5; PostgreSQL pg_trgm + full text with --postgres):

- our search (candidates from the database's index + ranking in Python) on queries made from real registry
  names in five styles — exact, cross-script (Latin for a Cyrillic record, Russian Cyrillic surname first),
  a typo, a prefix — with p50/p95/p99 latency, against a raw query of the database's own index on the same
  table (the baseline): FTS5 MATCH of the typed words on SQLite; on PostgreSQL one statement with pg_trgm
  (`<%`, ordered by word_similarity) on the name keys OR `to_tsvector @@ to_tsquery` on the text;
- recall: how often the intended person (or a namesake) is among the first results;
- suggestions while typing (`/en/search/suggest/`, whole Django stack), against a bare Django view;
- a person page's server time through the whole Django stack, against a bare Django view: rendered (the
  first view since the page changed) and stored (later views), and how many stored pages one edit spares.

    .venv/bin/python -m bench.search [--people 100000] [--queries 300] [--reuse]
    scripts/with-postgres .venv/bin/python -m bench.search --postgres      # SQLite and PostgreSQL
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

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

WORKS_PER_PERSON = 2  # the 200,000 works at 100,000 people
STYLES = {
    "exact": "exact: Kazakh Cyrillic as registered",
    "latin": "cross-script: Latin (passport) for a Cyrillic record",
    "russian": "cross-script: Russian Cyrillic, surname first",
    "typo": "typo: press Latin, one in the surname",
    "prefix": "prefix: given name + surname's first 4 letters",
}


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def add_works(count: int) -> None:
    """`count` published works with trilingual titles, each by one or two random people of the registry (bulk,
    indexing paused: the index is rebuilt once afterwards)."""
    from django.utils import timezone

    from craftcity.people.models import Person
    from craftcity.search.pause import indexing_paused
    from craftcity.taxonomy.models import Discipline
    from craftcity.works.models import Work, WorkMaker

    rng = random.Random(5)
    objects = [
        ("Сақина", "Кольцо", "Ring"), ("Кесе", "Пиала", "Bowl"), ("Кілем", "Ковёр", "Carpet"),
        ("Домбыра", "Домбра", "Dombra"), ("Қобыз", "Кобыз", "Kobyz"), ("Ер-тұрман", "Седло", "Saddle"),
        ("Сандық", "Сундук", "Chest"), ("Текемет", "Текемет", "Tekemet"), ("Алқа", "Ожерелье", "Necklace"),
    ]  # fmt: skip
    materials = [
        ("күміс", "серебро", "silver"), ("жүн", "шерсть", "wool"), ("жаңғақ", "орех", "walnut"),
        ("саз", "глина", "clay"), ("былғары", "кожа", "leather"),
    ]  # fmt: skip
    disciplines = list(Discipline.objects.values_list("pk", flat=True))
    people = list(Person.objects.public().values_list("pk", flat=True))
    now = timezone.now()
    with indexing_paused():
        for start in range(0, count, 5000):
            batch = []
            for n in range(start, min(count, start + 5000)):
                thing, material = rng.choice(objects), rng.choice(materials)
                batch.append(Work(
                    title={code: f"{thing[i]}, {material[i]} ({n})" for i, code in enumerate(["kk", "ru", "en"])},
                    year_from=rng.randint(1850, 2025), discipline_id=rng.choice(disciplines),
                    accession_number=f"S-{n:07d}", status=Work.Status.PUBLISHED, published_at=now, is_demo=True,
                ))  # fmt: skip
            created = Work.objects.bulk_create(batch)
            if created and created[0].pk is None:  # backends that return no ids
                created = list(Work.objects.filter(accession_number__startswith="S-").order_by("-pk")[: len(batch)])
            makers = []
            for work in created:
                for person in rng.sample(people, 2 if rng.random() < 0.2 else 1):
                    makers.append(WorkMaker(work_id=work.pk, person_id=person))
            WorkMaker.objects.bulk_create(makers)


def make_queries(count: int, rng: random.Random) -> list[tuple[str, str, int]]:
    """(style, text, intended person) from real registry names, written the way visitors write them."""
    import namekit
    from craftcity.people.models import Person

    ids = list(Person.objects.public().values_list("pk", flat=True))
    sample = Person.objects.filter(pk__in=rng.sample(ids, count)).prefetch_related("names")
    queries = []
    styles = list(STYLES)
    for person in sample:
        names = {n.form: n.full_name for n in person.names.all()}
        kk = names.get("kk_cyrl") or next(iter(names.values()))
        *given, family = kk.split() if len(kk.split()) > 1 else ["", kk]
        style = styles[len(queries) % len(styles)]
        if style == "exact":
            text = kk
        elif style == "latin":
            text = names.get("passport") or namekit.to_passport(kk)
        elif style == "russian":
            ru = names.get("ru_cyrl") or namekit.to_russian(kk)
            text = " ".join(reversed(ru.split()))
        elif style == "typo":
            latin = (names.get("press") or namekit.to_passport(kk)).split()
            text = " ".join([*latin[:-1], typo(latin[-1], rng)])
        else:
            text = " ".join([*given, family[:4]])
        queries.append((style, text.strip(), person.pk))
    return queries


def raw_baselines(connection, queries) -> dict[str, list[float]]:
    """The database's own indexes asked once per query, with no correction or ranking of ours: the floors.

    "fulltext": the typed words as full-text terms, best ranked first (FTS5 `MATCH … ORDER BY rank`; on
    PostgreSQL `to_tsvector('simple', text) @@ to_tsquery(…) ORDER BY ts_rank`). "trigram" (PostgreSQL only):
    pg_trgm word similarity of the typed words' name keys OR the full-text match, ordered by similarity."""
    import namekit

    times: dict[str, list[float]] = {"fulltext": [], "trigram": []}
    with connection.cursor() as cursor:

        def timed(kind, sql, params):
            t0 = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            times[kind].append((time.perf_counter() - t0) * 1000)

        for _style, text, _pk in queries:
            words = [w for w in text.replace('"', "").split() if w]
            if connection.vendor == "postgresql":
                tsquery = " & ".join("".join(c for c in w if c.isalnum()) for w in words)
                timed(
                    "fulltext",
                    "SELECT id, title FROM search_searchentry "
                    "WHERE to_tsvector('simple', text) @@ to_tsquery('simple', %s) "
                    "ORDER BY ts_rank(to_tsvector('simple', text), to_tsquery('simple', %s)) DESC LIMIT 10",
                    [tsquery, tsquery],
                )
                key = namekit.skeleton(text)  # the typed words in the keys' own spelling, outside the timing
                timed(
                    "trigram",
                    "SELECT id, title FROM search_searchentry WHERE %s <%% keys "
                    "OR to_tsvector('simple', text) @@ to_tsquery('simple', %s) "
                    "ORDER BY word_similarity(%s, keys) DESC LIMIT 10",
                    [key, tsquery, key],
                )
            else:
                timed(
                    "fulltext",
                    "SELECT e.id, e.title FROM search_fts f JOIN search_searchentry e ON e.id = f.rowid "
                    "WHERE search_fts MATCH %s ORDER BY f.rank LIMIT 10",
                    [" AND ".join(f'"{w}"' for w in words)],
                )
    return times


def measure(url: str, build_seconds: float, fresh: bool, people: int, n_queries: int) -> dict:
    """Everything measured on one database, in this process (Django is set up once per process)."""
    open_django(url)
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.http import HttpResponse
    from django.test import Client
    from django.urls import path

    import craftcity.urls as project_urls
    from craftcity.people.models import Person
    from craftcity.people.services import person_name_add
    from craftcity.search.models import SearchEntry
    from craftcity.search.services import index_rebuild, search
    from craftcity.search.vocabulary import vocabulary
    from craftcity.works.models import Work

    settings.ALLOWED_HOSTS = ["testserver"]
    load_before = os.getloadavg()[0]
    works_seconds = 0.0
    if fresh:
        t0 = time.perf_counter()
        add_works(WORKS_PER_PERSON * people)
        works_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    index_rebuild()
    index_seconds = time.perf_counter() - t0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")  # as autovacuum would soon after a rebuild
    by_kind: dict[str, int] = {}
    for kind in SearchEntry.objects.values_list("kind", flat=True).iterator(chunk_size=20000):
        by_kind[kind] = by_kind.get(kind, 0) + 1
    t0 = time.perf_counter()
    vocabulary()
    vocabulary_seconds = time.perf_counter() - t0

    rng = random.Random(3)
    queries = make_queries(n_queries, rng)
    for _style, text, _pk in queries[:20]:  # warm caches
        search(text, limit=10)
    latency: dict[str, list[float]] = {style: [] for style in STYLES}
    found: dict[str, int] = {style: 0 for style in STYLES}
    for style, text, pk in queries:
        t0 = time.perf_counter()
        result = search(text, limit=10)
        latency[style].append((time.perf_counter() - t0) * 1000)
        top = result[:10] if style == "prefix" else result[:3]
        ok = any(h.kind == "person" and h.object_id == pk for h in top)
        # Namesakes are common: a person found among same-named people counts as found.
        if not ok:
            wanted = {n.full_name for n in Person.objects.get(pk=pk).names.all()}
            ok = bool(wanted & {h.title for h in top})
        found[style] += ok
    ours = [ms for values in latency.values() for ms in values]
    raw = raw_baselines(connection, queries)

    def bare(request):
        return HttpResponse("ok")

    project_urls.urlpatterns.append(path("bare/", bare))
    cache.clear()  # first views must really be first: no pages stored by an earlier run
    client = Client()
    ids = [pk for _style, _text, pk in queries]

    def get(url_path, **params):
        t0 = time.perf_counter()
        response = client.get(url_path, params)
        took = (time.perf_counter() - t0) * 1000
        assert response.status_code == 200, (url_path, response.status_code)
        return took, response

    # Suggestions while typing: each sampled name as typed after 3 letters, the given name and a space, and the
    # surname's first two letters.
    for _ in range(5):
        get("/en/search/suggest/", q="Айж")
        get("/bare/")
    suggest_times, bares = [], []
    for _style, text, _pk in queries:
        words = text.split()
        typed = [text[:3]]
        if len(words) > 1:
            typed += [words[0] + " ", f"{words[0]} {words[1][:2]}"]
        for prefix in typed:
            took, response = get("/en/search/suggest/", q=prefix)
            assert "results" in response.json()
            suggest_times.append(took)
            bares.append(get("/bare/")[0])

    # Person pages through the whole stack, against a bare view.
    get(f"/en/people/{ids[0]}/")  # warm-up, not one of the measured pages
    page_ids = rng.sample(ids[1:], min(200, len(ids) - 1))
    pages, warm = [], []
    for pk in page_ids:
        took, response = get(f"/en/people/{pk}/")
        assert response["X-Cache"] == "miss"
        pages.append(took)
        took, response = get(f"/en/people/{pk}/")
        assert response["X-Cache"] == "hit"
        warm.append(took)
        bares.append(get("/bare/")[0])

    # An edit to one person (a new spelling of their name) leaves the other stored pages stored.
    edited = Person.objects.get(pk=page_ids[0])
    person_name_add(person=edited, full_name=f"{edited.display_name} ({time.time_ns()})", language="en", form="other")
    still_stored = sum(get(f"/en/people/{pk}/")[1]["X-Cache"] == "hit" for pk in page_ids)

    def spread(values):
        return {"p50": percentile(values, 50), "p95": percentile(values, 95), "p99": percentile(values, 99)}

    return {
        "vendor": connection.vendor,
        "load": [load_before, os.getloadavg()[0]],
        "people": Person.objects.count(),
        "works": Work.objects.count(),
        "entries": sum(by_kind.values()),
        "by_kind": by_kind,
        "build_seconds": build_seconds,
        "works_seconds": works_seconds,
        "index_seconds": index_seconds,
        "vocabulary_seconds": vocabulary_seconds,
        "vocabulary": len(vocabulary()),
        "fresh": fresh,
        "queries": len(queries),
        "search": spread(ours),
        "by_style": {style: spread(values) for style, values in latency.items()},
        "found": found,
        "asked": {style: len(values) for style, values in latency.items()},
        "raw": spread(raw["fulltext"]),
        "raw_trigram": spread(raw["trigram"]) if raw["trigram"] else None,
        "suggest": spread(suggest_times),
        "suggestions": len(suggest_times),
        "bare": spread(bares),
        "page": spread(pages),
        "stored": spread(warm),
        "pages": len(page_ids),
        "still_stored": still_stored,
    }


def run_on(label: str, db, people: int, queries: int, reuse: bool) -> dict:
    """Build the registry on `db` unless reused, then measure it in a process of its own."""
    started = time.perf_counter()
    fresh = not (reuse and isinstance(db, Path) and db.exists())
    if fresh:
        build_registry(db, people)
    build_seconds = time.perf_counter() - started
    return measure_apart(
        "bench.search", label, database_url(db), str(build_seconds), str(int(fresh)), str(people), str(queries)
    )


def ms(value: float) -> str:
    return f"{value:.1f} ms" if value >= 1 else f"{value:.2f} ms"


def spread_cell(key: str, *, bold: str = ""):
    def cell(r):
        s = r[key]
        text = f"{ms(s['p50'])} / {ms(s['p95'])} / {ms(s['p99'])}"
        return f"**{text}**" if bold else text

    return cell


def report(runs: dict[str, dict]) -> str:
    first = next(iter(runs.values()))
    fulltext = {"sqlite": "FTS5 `MATCH`", "postgresql": "`@@ to_tsquery`, `ts_rank`"}
    rows = [
        ("registry build (migrate + `generate_people`, index included)",
             lambda r: f"{r['build_seconds']:.0f} s" + ("" if r["fresh"] else " (reused)"), "—"),
        (f"{first['works']:,} works bulk-inserted with makers",
             lambda r: f"{r['works_seconds']:.0f} s" if r["fresh"] else "(reused)", "—"),
        (f"**index build**: `index_rebuild()`, {first['entries']:,} entries",
             lambda r: f"**{r['index_seconds']:.0f} s**", "—"),
        ("name vocabulary loaded (once per process and index change)",
             lambda r: f"{r['vocabulary_seconds'] * 1000:.0f} ms ({r['vocabulary']:,} keys)", "—"),
        (f"search p50 / p95 / p99, all {first['queries']} queries", spread_cell("search", bold="yes"),
             "p95 ≤ 50 ms"),
        *[
            (f"— {label}", lambda r, s=style: " / ".join(ms(r["by_style"][s][p]) for p in ("p50", "p95", "p99")), "")
            for style, label in STYLES.items()
        ],
        ("baseline: the typed words asked of the full-text index raw, p50 / p95 / p99",
             lambda r: f"{spread_cell('raw')(r)} ({fulltext[r['vendor']]})", "—"),
        ("search p95 ÷ that baseline's p95", lambda r: f"{r['search']['p95'] / max(r['raw']['p95'], 1e-6):.1f}×", "—"),
        ("baseline: pg_trgm `<%` on the keys OR `@@` on the text, by word similarity, p50 / p95 / p99",
             lambda r: spread_cell("raw_trigram")(r) if r.get("raw_trigram") else "—", "—"),
        (f"suggestions while typing (`/en/search/suggest/`), {first['suggestions']} requests, p50 / p95 / p99",
             spread_cell("suggest", bold="yes"), "p95 ≤ 50 ms"),
        (f"person page, rendered (first view after a change), {first['pages']} pages, p50 / p95 / p99",
             spread_cell("page", bold="yes"), "p50 ≤ 15 ms"),
        ("person page, stored (later views), p50 / p95 / p99", spread_cell("stored", bold="yes"), "p50 ≤ 3× bare"),
        ("baseline: bare Django view, p50 / p95 / p99", spread_cell("bare"), "—"),
        ("stored person page ÷ bare view (p50)", lambda r: f"{r['stored']['p50'] / r['bare']['p50']:.1f}×", "≤ 3×"),
        ("stored pages still stored after one person's name changed",
             lambda r: f"{r['still_stored']} of {r['pages']}", "—"),
        *[
            (f"found in top {10 if style == 'prefix' else 3}: {label}",
             lambda r, s=style: f"{r['found'][s]}/{r['asked'][s]}", "")
            for style, label in STYLES.items()
        ],
    ]  # fmt: skip
    cores = len(os.sched_getaffinity(0))
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in sorted(first["by_kind"].items(), key=lambda kv: -kv[1]))
    return f"""
### Search and person pages

`python -m bench.search --people N` (and `scripts/with-postgres … -m bench.search --postgres` for both
databases). Registry: **{first["people"]:,} people** (`generate_people --seed 7`) and **{first["works"]:,}
works** with their makers; the search index holds {first["entries"]:,} entries ({kinds}): SQLite FTS5 and, on
PostgreSQL, full-text GIN indexes on the name keys and the text and pg_trgm on the keys (for typos).
`craftcity.settings.dev` with debug off. {first["queries"]} queries made from real registry names,
{len(STYLES)} styles in turn; search times are of `search.services.search` (candidates from the index,
ranking in Python), pages and suggestions of Django's test Client (whole middleware stack).

{side_by_side(runs, rows)}

The raw baselines ask the database's own index once, with no spelling correction or ranking of ours: the
typed words as full-text terms find the intended person only when typed as registered (not across scripts
or with a typo); the pg_trgm statement is what asking PostgreSQL by trigram similarity alone costs (how its
backend searched before: every trigram of a name is shared by tens of thousands of entries). On PostgreSQL,
ours asks the keys' full-text index first, corrected against the index's vocabulary, as FTS5 is asked on
SQLite, and ranks at most 2,000 matches. A stored page stays stored until a record it shows changes: after a
new spelling of one sampled person's name, the others were served stored (the edited person's page and those
of people linked to them as master or apprentice were rendered again). The machine is shared: 1-minute load
average {" / ".join(f"{label} {r['load'][0]:.1f} → {r['load'][1]:.1f}" for label, r in runs.items())} (start →
end of each database's measurements) on {cores} cores; PostgreSQL pays a client/server round trip per query
(the person page asks 12), which contention lengthens most.
"""


def main() -> None:
    if sys.argv[1:2] == ["--measure"]:
        url, build_seconds, fresh, people, queries = sys.argv[2:7]
        print(json.dumps(measure(url, float(build_seconds), fresh == "1", int(people), int(queries))))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--reuse", action="store_true", help="Reuse bench/out/search.sqlite3 if it exists.")
    add_postgres_argument(parser)
    args = parser.parse_args()
    server = postgres_url(args)
    OUT.mkdir(parents=True, exist_ok=True)
    runs = {"SQLite": run_on("SQLite", OUT / "search.sqlite3", args.people, args.queries, args.reuse)}
    if server:
        db = postgres_database(server, "bench_search")
        runs["PostgreSQL"] = run_on("PostgreSQL", db, args.people, args.queries, False)
    markdown = report(runs)
    from bench.report import write_section

    print(markdown)
    print(write_section("search", markdown))


if __name__ == "__main__":
    main()
