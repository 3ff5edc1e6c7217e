"""Partner cities for the hub's tests: real HTTP servers on loopback (http.server in a thread) serving crafted
network descriptions and change streams, and able to misbehave on purpose."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

T0 = dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.UTC)
STREAMS = {
    "people": "Person",
    "organizations": "Organization",
    "works": "CreativeWork",
    "events": "Event",
    "places": "Place",
}


class FakePartner:
    """A partner city: `routes` maps a path to a JSON value, or to a callable (handler) -> (status, headers, body)
    that misbehaves. Every request is logged with its headers."""

    def __init__(self, slug: str = "samarkand-demo"):
        self.slug = slug
        self.routes: dict[str, object] = {}
        self.requests: list[tuple[str, dict]] = []
        self.etags: dict[str, str] = {}
        partner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                path = self.path.split("?")[0]
                partner.requests.append((path, dict(self.headers)))
                route = partner.routes.get(path)
                if route is None:
                    return self._send(404, {}, b'{"detail": "not found"}')
                if callable(route):
                    status, headers, body = route(self)
                    return self._send(status, headers, body)
                body = json.dumps(route).encode()
                etag = partner.etags.get(path)
                if etag and self.headers.get("If-None-Match") == etag:
                    return self._send(304, {"ETag": etag}, b"")
                return self._send(200, {"ETag": etag} if etag else {}, body)

            def _send(self, status, headers, body):
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    if body:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.describe()
        self.stream("people", [])
        self.stream("events", [])

    def url(self, path: str) -> str:
        return self.base + path

    def describe(self, **changes) -> dict:
        description = {
            "id": self.url("/"),
            "type": "CraftCity",
            "slug": self.slug,
            "name": {"kk": "Самарқанд (демо)", "ru": "Самарканд (демо)", "en": "Samarkand (demo)"},
            "country": "UZ",
            "languages": ["uz", "ru", "en"],
            "designations": [{"title": {"en": "World Craft City"}, "body": "World Crafts Council", "year": 2021}],
            "location": {"lat": 39.65, "lon": 66.96},
            "figures": {"people": 3, "organizations": 0, "works": 0, "events": 1},
            "streams": {key: self.url(f"/changes/{key}/") for key in ("people", "events")},
            "site": self.url("/"),
        }
        description.update(changes)
        self.routes["/.well-known/craftcity"] = description
        return description

    def stream(self, key: str, activities: list[dict], *, page_size: int = 2) -> None:
        """Publish `activities` (oldest first) as a collection of pages of `page_size`."""
        for path in [p for p in self.routes if p.startswith(f"/changes/{key}/")]:
            del self.routes[path]
        pages = [activities[i : i + page_size] for i in range(0, len(activities), page_size)] or [[]]
        base = f"/changes/{key}/"
        collection = {
            "@context": "http://iiif.io/api/discovery/1/context.json",
            "id": self.url(base),
            "type": "OrderedCollection",
            "totalItems": len(activities),
            "first": {"id": self.url(f"{base}page/1"), "type": "OrderedCollectionPage"},
            "last": {"id": self.url(f"{base}page/{len(pages)}"), "type": "OrderedCollectionPage"},
        }
        self.routes[base] = collection
        self.etags[base] = f'"{key}-{len(activities)}-{activities[-1]["endTime"] if activities else 0}"'
        for number, items in enumerate(pages, 1):
            page = {
                "id": self.url(f"{base}page/{number}"),
                "type": "OrderedCollectionPage",
                "partOf": {"id": self.url(base), "type": "OrderedCollection"},
                "orderedItems": items,
            }
            if number > 1:
                page["prev"] = {"id": self.url(f"{base}page/{number - 1}"), "type": "OrderedCollectionPage"}
            if number < len(pages):
                page["next"] = {"id": self.url(f"{base}page/{number + 1}"), "type": "OrderedCollectionPage"}
            self.routes[f"{base}page/{number}"] = page

    def requested(self, prefix: str) -> list[str]:
        return [path for path, _headers in self.requests if path.startswith(prefix)]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def person_record(partner: FakePartner, number: int, *, name: dict | None = None, **extra) -> dict:
    names = name or {"ru": "Гульнара Сейткали", "en": "Gulnara Seitkali"}
    return {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": partner.url(f"/id/person/{number}"),
        "name": [{"@value": text, "@language": language} for language, text in names.items()],
        "url": [
            {"@value": partner.url(f"/{language}/people/{number}/"), "@language": language} for language in ("ru", "en")
        ],
        "knowsAbout": [{"@value": "Вышивка", "@language": "ru"}, {"@value": "Embroidery", "@language": "en"}],
        **extra,
    }


def activity(
    partner: FakePartner, action: str, number: int, minutes: int, *, kind: str = "Person", record=None, **extra
):
    path = {"Person": "person", "Event": "event"}.get(kind, kind.lower())
    item = {
        "type": action,
        "endTime": (T0 + dt.timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z"),
        "object": {
            "id": partner.url(f"/id/{path}/{number}"),
            "type": kind,
            "seeAlso": [
                {"id": partner.url(f"/id/{path}/{number}.jsonld"), "type": "Dataset", "format": "application/ld+json"}
            ],
        },
    }
    if action != "Delete":
        item["record"] = record if record is not None else person_record(partner, number)
    item.update(extra)
    return item


def slow(seconds: float):
    def handler(request):
        time.sleep(seconds)
        return 200, {}, b"{}"

    return handler
