"""Page weight of a person page with a photo: bytes over the wire on a first visit and on a repeat view.

The production server (gunicorn, production settings, static files collected and served by WhiteNoise) runs on a
database of its own: SQLite by default, PostgreSQL under scripts/with-postgres. One published person with a
consented photo (a generated picture with a photograph's grain, so it compresses like one; nobody's portrait) is
opened in Debian's Chromium, on a phone (390 px wide at 3 device pixels per CSS pixel) and on a desktop (1280 px,
1 dppx). Chromium's DevTools protocol counts every response's encoded bytes (headers included; 0 for what came
from its cache); the repeat view opens the same page again in the same browser. Targets: ≤ 300 kB first, ≤ 50 kB
repeat.

.venv/bin/python -m bench.pageweight [--quick]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .load import Server, run
from .report import write_section

FIRST_LIMIT, REPEAT_LIMIT = 300_000, 50_000

PERSON_SCRIPT = r"""
import io, random
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFilter
from craftcity.people.models import PersonName
from craftcity.people.services import person_create, person_photo_set
from craftcity.taxonomy.models import Discipline

rng = random.Random(7)
image = Image.effect_noise((1600, 1600), 60).convert("RGB")
tint = Image.new("RGB", (1600, 1600), (150, 110, 80))
image = Image.blend(image, tint, 0.55).filter(ImageFilter.GaussianBlur(1.2))
buffer = io.BytesIO()
image.save(buffer, "JPEG", quality=92)
person = person_create(
    names=[{"full_name": "Сурет Сынақұлы", "language": "kk", "form": PersonName.Form.KAZAKH_CYRILLIC,
            "is_primary": True}],
    status="published", biography={"en": "A benchmark's artisan. " * 40, "kk": "Өлшеуге арналған шебер. " * 40},
    is_demo=True,
)
person.disciplines.set(Discipline.objects.all()[:2])
person_photo_set(actor=None, person=person, upload=SimpleUploadedFile("p.jpg", buffer.getvalue()),
                 alt={"en": "A benchmark picture"}, is_public=True)
print(person.pk)
"""


def measure(base_url: str, path: str, *, width: int, scale: float) -> dict:
    """Bytes received on a first and a repeat view of `path`, by kind of resource."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CRAFTCITY_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        context = browser.new_context(
            base_url=base_url, viewport={"width": width, "height": 844 if width < 800 else 900},
            device_scale_factor=scale, is_mobile=width < 800, has_touch=width < 800,
        )  # fmt: skip
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        types: dict[str, str] = {}
        received: list[tuple[str, int]] = []
        cdp.on("Network.responseReceived", lambda e: types.__setitem__(e["requestId"], e["type"]))

        def finished(event):
            received.append((types.get(event["requestId"], "Other"), int(event["encodedDataLength"])))

        cdp.on("Network.loadingFinished", finished)
        views = {}
        for view in ("first", "repeat"):
            received.clear()
            page.goto(path, wait_until="networkidle")
            page.mouse.wheel(0, 4000)  # bring lazy pictures into view, as a reader scrolling down would
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            by_type: dict[str, int] = {}
            for kind, size in received:
                by_type[kind] = by_type.get(kind, 0) + size
            views[view] = {"total": sum(by_type.values()), "requests": len(received), "by_type": by_type}
        browser.close()
    return views


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the same measurement (it is small already)")
    parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="craftcity-pageweight-"))
    base = os.environ.get("DATABASE_URL", "")
    if base.startswith("postgres"):
        from .registry import postgres_database

        database, engine = postgres_database(base, "craftcity_pageweight"), "PostgreSQL"
    else:
        database, engine = f"sqlite:///{work / 'db.sqlite3'}", "SQLite"
    env = dict(
        os.environ,
        DATABASE_URL=database,
        DJANGO_SETTINGS_MODULE="craftcity.settings.prod",
        CRAFTCITY_SECRET_KEY="pageweight-benchmark-" + "x" * 40,
        CRAFTCITY_ALLOWED_HOSTS="127.0.0.1,localhost",
        CRAFTCITY_SSL_REDIRECT="0",
        CRAFTCITY_HSTS_SECONDS="0",
        CRAFTCITY_MEDIA_ROOT=str(work / "media"),
        CRAFTCITY_PRIVATE_MEDIA_ROOT=str(work / "private"),
        CRAFTCITY_STATIC_ROOT=str(work / "static"),
    )
    try:
        run(env, "migrate", "--no-input", "-v0")
        run(env, "createcachetable")
        run(env, "collectstatic", "--no-input", "-v0")
        pk = run(env, "shell", "-v0", "-c", PERSON_SCRIPT, capture=True).strip().splitlines()[-1]
        server = Server(env, 2, work)
        try:
            rows, failed = [], False
            for label, width, scale in (("phone, 390 px, 3 dppx", 390, 3.0), ("desktop, 1280 px, 1 dppx", 1280, 1.0)):
                for language in ("kk", "en"):
                    views = measure(server.url, f"/{language}/people/{pk}/", width=width, scale=scale)
                    first, repeat = views["first"], views["repeat"]
                    failed |= first["total"] > FIRST_LIMIT or repeat["total"] > REPEAT_LIMIT
                    kinds = ", ".join(f"{k.lower()} {v / 1000:.1f}" for k, v in sorted(first["by_type"].items()))
                    rows.append(
                        f"| {label} | {language} | {first['total'] / 1000:.1f} ({first['requests']} requests) | "
                        f"{kinds} | {repeat['total'] / 1000:.1f} ({repeat['requests']} requests) |"
                    )
                    print(rows[-1], flush=True)
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    markdown = "\n".join(
        [
            "## Page weight of a person page with a photo (`bench/pageweight.py`)",
            "",
            f"Production settings under gunicorn on {engine}, static files collected and served by WhiteNoise, "
            "no proxy (so HTML is not compressed, as nginx would). One published person with a consented photo "
            "(1,600 px generated picture with a photograph's grain). Bytes are what Chromium received, headers "
            "included, after scrolling to the bottom; the repeat view opens the page again in the same browser. "
            f"Targets: first view ≤ {FIRST_LIMIT // 1000} kB, repeat ≤ {REPEAT_LIMIT // 1000} kB. Taken on a "
            "machine shared with other sessions (load does not change bytes).",
            "",
            "| screen | language | first view, kB | of which, by type (kB) | repeat view, kB |",
            "|---|---|---|---|---|",
            *rows,
        ]
    )
    print(write_section("pageweight", markdown))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
