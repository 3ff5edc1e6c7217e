"""Festival-day visitors for locust (run by bench/load.py): home pages, stored person pages, search suggestions
as someone types, event pages and the calendar feed, in the proportions of a busy day. The URLs come from the
JSON file named by CRAFTCITY_LOAD_URLS; LOAD_MIX picks one kind of request alone ("person", "suggest", …)."""

import json
import os
import random

from locust import FastHttpUser, constant

URLS = json.loads(open(os.environ["CRAFTCITY_LOAD_URLS"], encoding="utf-8").read())  # noqa: SIM115
MIX = {"home": 5, "person": 60, "suggest": 25, "event": 7, "calendar": 3, "healthz": 0}  # per cent
ONLY = os.environ.get("LOAD_MIX", "")
# A person page must come from the store, except when measuring each process's own memory as the store
# (LOAD_REQUIRE_HIT=0): a process then renders each page once for itself.
REQUIRE_HIT = os.environ.get("LOAD_REQUIRE_HIT", "1") == "1"
# LOAD_PAGES=N: only the first N pages of each kind (the cache comparison stores fewer pages first).
if limit := int(os.environ.get("LOAD_PAGES", "0")):
    URLS = {kind: paths[:limit] for kind, paths in URLS.items()}
# A festival crowd comes from many addresses, as nginx reports them in X-Forwarded-For (the server trusts one
# proxy): rate limits count each visitor apart, as they do in production, not the whole crowd as one address.
CROWD = [f"10.{i // 250 % 250}.{i % 250}.{7 + i % 200}" for i in range(int(os.environ.get("LOAD_CROWD", "5000")))]


def weight(kind: str) -> int:
    if ONLY:
        return 1 if kind == ONLY else 0
    return MIX[kind]


def visit(kind: str):
    """A locust task asking one page of `kind`."""

    def task(user):
        user.get_page(kind)

    task.__name__ = kind
    return task


class Visitor(FastHttpUser):
    wait_time = constant(0)  # each simulated user sends its next request at once: the server is the limit
    # "healthz" (a bare Django view) is the baseline, asked only alone (LOAD_MIX=healthz).
    tasks = {visit(kind): weight(kind) for kind in MIX if weight(kind)}

    def get_page(self, kind: str) -> None:
        path = random.choice(URLS[kind])
        headers = {"X-Forwarded-For": random.choice(CROWD)}
        with self.client.get(path, name=kind, headers=headers, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif kind == "person" and REQUIRE_HIT and response.headers.get("X-Cache") != "hit":
                response.failure("person page not served from the store")
