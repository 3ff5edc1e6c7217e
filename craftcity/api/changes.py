"""Change streams: IIIF Change Discovery 1.0, level 2, one per public entity kind, read from the change history.

Every historical row of a record (django-simple-history, `audit`) is a moment in its life; what the public sees
at that moment is decided by the kind's public rule applied to the row (`PUBLIC`, the same rule as
`Model.objects.public()`). Comparing each row with the record's previous row gives the activity, if any:

    not public → public     Create        (again after a Delete: republished, or a merge undone)
    public → public         Update
    public → not public     Delete        (unpublished, withdrawn by the person, merged, deleted)
    not public → not public nothing       (drafts never show, not even as a Delete)

so each record's activities read Create (Update)* Delete Create … and a Delete is only ever sent for something
the stream has announced. A person merged into another is deleted with `"target"` naming the record that
absorbed it (ActivityStreams' `target`, "the indirect object of the activity").

The stream is ordered by (history date, history id), oldest first. Pages hold the same number of activities each
except the last (`CRAFTCITY_CHANGES_PAGE_SIZE`); where each page starts is kept in the cache (`_Index`) and
extended as history grows, so a page is read by one range query however deep it is. Page n always covers the
same stretch of history: a page's activities never move to another page (a transaction that commits long after
its rows were dated adds its activities to the page of their date, which is why a page's ETag, not its number,
says whether it changed)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Q
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleGreaterThanOrEqual, TupleLessThan
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from . import records as record_builders
from .errors import only_get
from .records import KINDS

DISCOVERY_CONTEXT = "http://iiif.io/api/discovery/1/context.json"
CONTENT_TYPE = f'application/ld+json;profile="{DISCOVERY_CONTEXT}"'


def page_size() -> int:
    return settings.CRAFTCITY_CHANGES_PAGE_SIZE


_INDEX_VERSION = 1


def _models():
    from craftcity.events.models import Event
    from craftcity.organizations.models import Organization
    from craftcity.people.models import Person
    from craftcity.places.models import Place
    from craftcity.works.models import Work

    return {"people": Person, "organizations": Organization, "works": Work, "events": Event, "places": Place}


# What a historical row must hold to be public: the kind's `public()` queryset said over the row's own values.
PUBLIC = {
    "people": lambda row: row["status"] == "published" and row["merged_into_id"] is None,
    "organizations": lambda row: row["status"] == "published",
    "works": lambda row: row["status"] == "published",
    "events": lambda row: row["status"] == "published",
    "places": lambda row: row["status"] == "published",
}
_FIELDS = {"people": ("merged_into_id",)}


@functools.cache
def _history(kind: str):
    return _models()[kind].history.model  # simple-history builds a manager class on every access: once is enough


def _columns(kind: str) -> tuple[str, ...]:
    return ("history_id", "history_date", "history_type", "id", "status", *_FIELDS.get(kind, ()))


def _is_public(kind: str, row: dict) -> bool:
    return row["history_type"] != "-" and PUBLIC[kind](row)


@dataclass
class _Index:
    """Where each page starts (history date and id of its first activity), how many activities the last page
    holds, and the last historical row looked at."""

    starts: list[tuple[dt.datetime, int]] = field(default_factory=list)
    last_count: int = 0
    seen: tuple[dt.datetime, int] | None = None
    version: int = _INDEX_VERSION
    size: int = field(default_factory=page_size)

    @property
    def total(self) -> int:
        return max(len(self.starts) - 1, 0) * self.size + self.last_count


# The stream's key is the pair (history date, history id), compared as a row value: `(date, id) >= (d, i)` is one
# range on the history tables' index of that pair (migration audit 0002), on PostgreSQL and SQLite alike. Spelled
# out as `date > d OR (date = d AND id >= i)`, the second half scans every row of date d, and a bulk import dates
# all its rows alike (bench/network.py's partner: 300,000 rows of one date, each page a scan of them all).
def _after(key: tuple[dt.datetime, int] | None) -> Q:
    if key is None:
        return Q()
    return Q(TupleGreaterThan(Tuple(F("history_date"), F("history_id")), tuple(key)))


def _from(key: tuple[dt.datetime, int]) -> Q:
    return Q(TupleGreaterThanOrEqual(Tuple(F("history_date"), F("history_id")), tuple(key)))


def _before(key: tuple[dt.datetime, int]) -> Q:
    return Q(TupleLessThan(Tuple(F("history_date"), F("history_id")), tuple(key)))


def _previous_states(kind: str, ids, before: tuple[dt.datetime, int] | None) -> dict[int, bool]:
    """Whether each record was public just before `before` (records with no earlier row: not public).

    All the rows of the page's records are read by their id and the last one before `before` is picked here: a
    condition on the key beside `id IN (…)` lets PostgreSQL walk the key's index over all the history before
    the page (the deeper the page, the longer), and a record has only a few rows."""
    if before is None or not ids:
        return {}
    history = _history(kind)
    ids = list(ids)
    latest: dict[int, tuple] = {}
    for chunk in range(0, len(ids), 500):
        for row in history.objects.filter(id__in=ids[chunk : chunk + 500]).values(*_columns(kind)):
            key = (row["history_date"], row["history_id"])
            if key < before and (row["id"] not in latest or key > latest[row["id"]][0]):
                latest[row["id"]] = (key, row)
    return {pk: _is_public(kind, row) for pk, (_key, row) in latest.items()}


def _activities(kind: str, rows: list[dict], before: tuple[dt.datetime, int] | None) -> list[tuple[str, dict]]:
    """(activity type, row) for the rows that change what the public sees, in order."""
    states = _previous_states(kind, {row["id"] for row in rows}, before)
    found = []
    for row in rows:
        was, now = states.get(row["id"], False), _is_public(kind, row)
        states[row["id"]] = now
        if now:
            found.append(("Update" if was else "Create", row))
        elif was:
            found.append(("Delete", row))
    return found


def _index(kind: str) -> _Index:
    """The page index, brought up to the newest history (reads only what is new since it was last kept)."""
    key = f"craftcity:changes:{kind}"
    index = cache.get(key)
    history = _history(kind)
    newest = history.objects.order_by("-history_date", "-history_id").values_list("history_date", "history_id")[:1]
    newest = tuple(newest[0]) if newest else None
    if not isinstance(index, _Index) or (index.version, index.size) != (_INDEX_VERSION, page_size()):
        index = _Index()
    elif index.seen is not None and (newest is None or newest < index.seen):
        index = _Index()  # history was cut short (a restore, demo data removed): count again
    if newest is None or (index.seen is not None and newest <= index.seen):
        return index
    chunk = 20_000
    while True:
        rows = list(
            history.objects.filter(_after(index.seen))
            .order_by("history_date", "history_id")
            .values(*_columns(kind))[:chunk]
        )
        if not rows:
            break
        for _type, row in _activities(kind, rows, index.seen):
            if not index.starts or index.last_count == index.size:
                index.starts.append((row["history_date"], row["history_id"]))
                index.last_count = 0
            index.last_count += 1
        index.seen = (rows[-1]["history_date"], rows[-1]["history_id"])
        if len(rows) < chunk:
            break
    cache.set(key, index, None)
    return index


def _base(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _context(base: str) -> list:
    # Extension contexts come before the Discovery context (Change Discovery 1.0, §4.1).
    return [
        {"record": {"@id": f"{base}/.well-known/craftcity#record", "@context": record_builders.SCHEMA}},
        DISCOVERY_CONTEXT,
    ]


def collection_url(base: str, kind: str) -> str:
    return f"{base}{reverse('api:changes', args=[kind])}"


def page_url(base: str, kind: str, number: int) -> str:
    return f"{base}{reverse('api:changes-page', args=[kind, number])}"


def _json(data: dict, *, cacheable: bool, last_modified: dt.datetime | None, request) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    etag = quote_etag(hashlib.blake2b(body, digest_size=16).hexdigest())
    stamp = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=stamp)
    if response is None:
        response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["ETag"] = etag
    if stamp is not None:
        response["Last-Modified"] = http_date(stamp)
    # A page before the last changes only when a record on it does; the last one grows with every change.
    response["Cache-Control"] = "public, max-age=60" if cacheable else "no-cache"
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return response


def _kind_or_404(kind: str) -> str:
    if kind not in KINDS:
        raise Http404(kind)
    return kind


@only_get
def collection(request, kind: str):
    """The OrderedCollection: how many activities, and the first and last pages."""
    kind = _kind_or_404(kind)
    base = _base(request)
    index = _index(kind)
    pages = max(len(index.starts), 1)
    data = {
        "@context": _context(base),
        "id": collection_url(base, kind),
        "type": "OrderedCollection",
        "totalItems": index.total,
        "first": {"id": page_url(base, kind, 1), "type": "OrderedCollectionPage"},
        "last": {"id": page_url(base, kind, pages), "type": "OrderedCollectionPage"},
        "rights": settings.CRAFTCITY_DATA_LICENSE_URL,
    }
    return _json(data, cacheable=False, last_modified=index.seen[0] if index.seen else None, request=request)


def _object(base: str, kind: str, row: dict, record: dict | None) -> dict:
    spec = KINDS[kind]
    document = record_builders.record_url(base, spec, row["id"])
    data = {
        "id": record_builders.stable_uri(base, spec, row["id"]),
        "type": spec.schema_type,
        "seeAlso": [
            {"id": document, "type": "Dataset", "format": "application/ld+json", "profile": record_builders.SCHEMA}
        ],
    }
    if kind == "works":
        data["seeAlso"].append(
            {
                "id": record_builders.manifest_url(base, row["id"]),
                "type": "Manifest",
                "format": "application/ld+json",
                "profile": "http://iiif.io/api/presentation/3/context.json",
            }
        )
    if record is not None:
        data["record"] = record
    return data


def page_data(base: str, kind: str, number: int) -> tuple[dict, dt.datetime | None, bool]:
    """The page's JSON, when it last changed, and whether it is the last page."""
    index = _index(kind)
    pages = max(len(index.starts), 1)
    if number < 1 or number > pages:
        raise Http404(number)
    history = _history(kind)
    rows: list[dict] = []
    start = None
    if index.starts:
        start = index.starts[number - 1]
        queryset = history.objects.filter(_from(start))
        if number < len(index.starts):
            queryset = queryset.filter(_before(index.starts[number]))
        rows = list(queryset.order_by("history_date", "history_id").values(*_columns(kind)))
    found = _activities(kind, rows, start) if start else []
    current = record_builders.records(base, kind, {row["id"] for kind_, row in found if kind_ != "Delete"})
    items = []
    changed = found[-1][1]["history_date"] if found else None
    for activity, row in found:
        item = {
            "type": activity,
            "object": _object(base, kind, row, current.get(row["id"]) if activity != "Delete" else None),
        }
        if activity == "Delete" and row.get("merged_into_id"):
            item["target"] = {
                "id": record_builders.stable_uri(base, KINDS[kind], row["merged_into_id"]),
                "type": KINDS[kind].schema_type,
            }
        item["endTime"] = _time(row["history_date"])
        items.append(item)
    for record in current.values():
        modified = dt.datetime.fromisoformat(record["dateModified"]) if "dateModified" in record else None
        if modified and (changed is None or modified > changed):
            changed = modified
    data = {
        "@context": _context(base),
        "id": page_url(base, kind, number),
        "type": "OrderedCollectionPage",
        "partOf": {"id": collection_url(base, kind), "type": "OrderedCollection"},
        "startIndex": (number - 1) * index.size,
    }
    if number > 1:
        data["prev"] = {"id": page_url(base, kind, number - 1), "type": "OrderedCollectionPage"}
    if number < pages:
        data["next"] = {"id": page_url(base, kind, number + 1), "type": "OrderedCollectionPage"}
    data["orderedItems"] = items
    return data, changed, number == pages


@only_get
def page(request, kind: str, number: int):
    kind = _kind_or_404(kind)
    data, changed, is_last = page_data(_base(request), kind, number)
    return _json(data, cacheable=not is_last, last_modified=changed, request=request)
