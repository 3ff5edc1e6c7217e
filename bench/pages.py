"""The public pages as a phone sees them: Lighthouse scores, axe-core violations and page weight, on the production
server (gunicorn, production settings, PostgreSQL, static files collected and served by WhiteNoise).

Run under scripts/with-postgres (it makes its own database on that server):

    scripts/with-postgres .venv/bin/python -m bench.pages            # the demo city; Lighthouse, axe, weight
    scripts/with-postgres .venv/bin/python -m bench.pages --no-lighthouse   # axe and weight only (fast)

Lighthouse (npm `lighthouse`, pinned in package.json) runs Debian's Chromium with its default mobile profile
(a mid-range phone, throttled 4G) on the home, people list, person, work, events and tour pages in Kazakh and
English. axe-core (npm) runs in the same Chromium on every kind of public page in kk, ru and en and counts
serious and critical violations. Page weight is the bytes a person page costs on a first visit and on a repeat
visit in the same browser (static files cached by their headers). Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.load import Server, run
from bench.registry import ROOT, postgres_database
from bench.report import write_section

CHROMIUM = os.environ.get("CRAFTCITY_CHROMIUM", "/usr/bin/chromium")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 95

PATHS_SCRIPT = r"""
import json
from craftcity.events.models import Event
from craftcity.lineage.models import Dynasty
from craftcity.organizations.models import Organization
from craftcity.people.models import Person
from craftcity.places.models import Place
from craftcity.tours.models import Tour
from craftcity.works.models import Work
people = Person.objects.public().order_by("pk")
person = people.exclude(photo="").first() or people.first()
work = Work.objects.public().order_by("pk").first()
event = Event.objects.published().order_by("pk").first()
from craftcity.tours.selectors import tour_list
tour = tour_list().first()
dynasty = Dynasty.objects.public().order_by("-generation_count", "slug").first()
organization = Organization.objects.public().order_by("slug").first()
place = Place.objects.public().order_by("slug").first()
print(json.dumps({
    "home": "/", "people": "/people/", "person": f"/people/{person.pk}/", "works": "/works/",
    "work": f"/works/{work.pk}/", "organizations": "/organizations/",
    "organization": f"/organizations/{organization.slug}/",
    "events": "/events/", "events-month": "/events/?view=month", "event": f"/events/{event.slug}/",
    "tours": "/tours/", "tour": f"/tours/{tour.slug}/",
    "map": "/map/", "search": "/search/?q=Rafikov", "dynasties": "/dynasties/",
    "dynasty": f"/dynasties/{dynasty.slug}/", "places": "/places/", "place": f"/places/{place.slug}/",
    "login": "/accounts/login/", "missing": "/no-such-page/",
}))
"""
LIGHTHOUSE_PAGES = ("home", "people", "person", "work", "events", "tour")


def lighthouse(url: str, out: Path, attempts: int = 3) -> dict[str, int]:
    """Lighthouse's four scores (0–100) for one URL, mobile profile. A run whose trace Chromium failed to record
    (Lighthouse's NO_NAVSTART, seen now and then on a busy machine) is run again."""
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    for _attempt in range(attempts):
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
             f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            env=env, check=False, cwd=ROOT, timeout=300,
        )  # fmt: skip
        report = json.loads(out.read_text())
        if not report.get("runtimeError") and all(report["categories"][c]["score"] is not None for c in CATEGORIES):
            break
    scores = {name: round((report["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}
    scores["failed"] = [
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") == "binary"
    ]
    return scores


def axe_and_weight(base: str, paths: dict[str, str]) -> tuple[dict, dict]:
    """axe-core's serious and critical violations on every page in each language, and a person page's weight."""
    from playwright.sync_api import sync_playwright

    violations: dict[str, list[str]] = {}
    weight: dict[str, int] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        context = browser.new_context(base_url=base, viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.route("**/__axe-core.js", lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
        for language in ("kk", "ru", "en"):
            for name, path in paths.items():
                page.goto(f"/{language}{path}")
                page.add_script_tag(url="/__axe-core.js")
                result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
                found = [
                    f"{v['id']} ({len(v['nodes'])})"
                    for v in result["violations"]
                    if v["impact"] in ("serious", "critical")
                ]
                if found:
                    violations[f"{language} {name}"] = found
        context.close()

        # Weight: bytes over the wire (compressed), first visit with an empty cache, then the same page again.
        context = browser.new_context(base_url=base, viewport={"width": 390, "height": 844})
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        received: list[int] = []
        session.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
        for visit in ("first", "repeat"):
            received.clear()
            page.goto(f"/en{paths['person']}", wait_until="networkidle")
            weight[visit] = sum(received)
            weight[f"{visit}_requests"] = sum(1 for size in received if size)  # not answered from the cache
        context.close()
        browser.close()
    return violations, weight


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-lighthouse", action="store_true", help="axe-core and page weight only")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        raise SystemExit("run under scripts/with-postgres: pages are measured on PostgreSQL")
    work = Path(tempfile.mkdtemp(prefix="craftcity-pages-"))
    env = dict(
        os.environ,
        DATABASE_URL=postgres_database(base, "craftcity_pages"),
        DJANGO_SETTINGS_MODULE="craftcity.settings.prod",
        CRAFTCITY_SECRET_KEY="pages-benchmark-" + "x" * 40,
        CRAFTCITY_ALLOWED_HOSTS="127.0.0.1,localhost",
        CRAFTCITY_SSL_REDIRECT="0",
        CRAFTCITY_HSTS_SECONDS="0",
        CRAFTCITY_MEDIA_ROOT=str(work / "media"),
        CRAFTCITY_PRIVATE_MEDIA_ROOT=str(work / "private"),
        CRAFTCITY_STATIC_ROOT=str(work / "static"),
        # Tiles would come from the internet: the page must work (and say so) without them.
        CRAFTCITY_TILE_URL="",
    )
    figures: dict = {"lighthouse": {}, "axe": {}, "weight": {}}
    try:
        run(env, "migrate", "--no-input", "-v0")
        run(env, "createcachetable")
        run(env, "collectstatic", "--no-input", "-v0")
        run(env, "load_demo", "-v0")
        paths = json.loads(run(env, "shell", "-v0", "-c", PATHS_SCRIPT, capture=True).strip().splitlines()[-1])
        server = Server(env, args.workers, work)
        try:
            started = time.monotonic()
            figures["axe"], figures["weight"] = axe_and_weight(server.url, paths)
            figures["axe_pages"] = len(paths) * 3
            if not args.no_lighthouse:
                for language in ("kk", "en"):
                    for name in LIGHTHOUSE_PAGES:
                        url = f"{server.url}/{language}{paths[name]}"
                        figures["lighthouse"][f"{language} {name}"] = lighthouse(url, work / "lh.json")
            figures["seconds"] = round(time.monotonic() - started)
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (ROOT / "bench" / "out").mkdir(exist_ok=True)
    (ROOT / "bench" / "out" / "pages.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False))
    write_section("pages", report(figures))
    print(report(figures))
    return 0


def report(figures: dict) -> str:
    lines = [
        "## Public pages on a phone: Lighthouse, axe-core, page weight (`bench/pages.py`)",
        "",
        "gunicorn with production settings on PostgreSQL, the demo city, static files collected (hashed names, "
        "served by WhiteNoise); map tiles off. Lighthouse's performance figures (simulated throttling) move by a few "
        "points with whatever else the machine runs.",
        "",
    ]
    if figures["lighthouse"]:
        lines += [
            f"Lighthouse 12.2.3, mobile profile, Debian Chromium (target: each ≥ {TARGET}):",
            "",
            "| page | performance | accessibility | best practices | SEO | audits failed |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for name, scores in figures["lighthouse"].items():
            failed = ", ".join(scores["failed"]) or "—"
            cells = " | ".join(str(scores[c]) for c in CATEGORIES)
            lines.append(f"| {name} | {cells} | {failed} |")
        lines.append("")
    serious = figures["axe"]
    lines.append(
        f"axe-core 4.11 at 390 px on {figures['axe_pages']} pages (every kind of public page, login and the 404, "
        f"in kk, ru and en): {sum(len(v) for v in serious.values())} serious or critical violations"
        + (": " + "; ".join(f"{page}: {', '.join(found)}" for page, found in serious.items()) if serious else ".")
    )
    weight = figures["weight"]
    lines += [
        "",
        f"Person page, English, over the wire (compressed): first visit {weight['first'] / 1024:.0f} kB in "
        f"{weight['first_requests']} requests; repeat visit {weight['repeat'] / 1024:.0f} kB in "
        f"{weight['repeat_requests']} requests over the network (static files cached for a year under hashed "
        "names; targets ≤ 300 kB and ≤ 50 kB).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
