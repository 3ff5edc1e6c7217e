"""Reading the network for pages and the API: member cities, the search across the network, partner events."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import timezone, translation
from rapidfuzz import fuzz

import namekit
from craftcity.core.translation import as_translated, fallback_order
from craftcity.search.services import search as local_search

from .models import NetworkKey, NetworkRecord, PartnerCity, RecordKind

# The same bar as the local search: a result must match the typed name this well (0–1).
THRESHOLD = 0.6
CANDIDATES = 200
PER_KEY = 5000
LOCAL_KINDS = {"person": "person", "organization": "organization", "work": "work", "event": "event", "place": "place"}


def local_city() -> dict:
    """This installation's own identity (CRAFTCITY_CITY), as its network description gives it."""
    city = getattr(settings, "CRAFTCITY_CITY", None) or {}
    name = city.get("name") or {"kk": "Алматы", "ru": "Алматы", "en": "Almaty"}
    return {"slug": city.get("slug", "almaty"), "name": as_translated(name)}


def member_cities():
    return PartnerCity.objects.active().order_by("slug")


@dataclass
class NetworkHit:
    kind: str
    title: str
    url: str
    score: float
    city_slug: str
    city: str
    is_local: bool
    subtitle: str = ""

    def as_dict(self) -> dict:
        return {
            "type": self.kind,
            "title": self.title,
            "subtitle": self.subtitle,
            "url": self.url,
            "city": self.city,
            "city_slug": self.city_slug,
            "is_local": self.is_local,
            "score": round(self.score, 3),
        }


def _token_score(query_key: str, entry_keys: list[str]) -> float:
    """As local search scores a typed token: a prefix counts fully, otherwise edit similarity."""
    best = 0.0
    for key in entry_keys:
        if key.startswith(query_key):
            return 1.0
        best = max(best, fuzz.ratio(query_key, key) / 100)
    return best


def _text(value, languages) -> str:
    value = as_translated(value)
    return next((value[code] for code in languages if value.get(code)), "")


def partner_search(text: str, *, limit: int = 20, kinds=None) -> list[NetworkHit]:
    """Harvested records whose names match what was typed, in any script: each typed token's namekit key is
    looked up by equality and as a prefix on the key index, and the candidates are scored like local search."""
    keys = [key[:64] for key in (namekit.skeleton((text or "").strip()[:200]) or "").split() if key]
    if not keys:
        return []
    hits = _candidates(keys, prefix=False)
    if not any(count == len(set(keys)) for count in hits.values()):
        # No record carries every typed key whole: take the keys as beginnings too (a name still being typed, a
        # shortened one), as local search widens only when its precise step finds nothing.
        hits = _candidates(keys, prefix=True)
    if not hits:
        return []
    return _scored(hits, keys, limit=limit, kinds=kinds)


def _candidates(keys: list[str], *, prefix: bool) -> Counter:
    """The CANDIDATES records that carry the most typed keys (each key's first PER_KEY records), counted in the
    database: a common first name is held by thousands of people in each partner city, and moving every one of
    their ids into Python to count them cost more than the rest of the search."""
    table = connection.ops.quote_name(NetworkKey._meta.db_table)
    parts, params = [], []
    for n, key in enumerate(dict.fromkeys(keys)):
        # A range, not LIKE: it uses the B-tree on both engines (SQLite's LIKE is case-insensitive and would not).
        # The bound is the key with its last letter stepped up, which sorts after every longer key starting
        # with it under any collation (namekit's keys are lower-case Latin letters and digits).
        where = "key >= %s AND key < %s" if prefix else "key = %s"
        parts.append(f"SELECT record_id FROM (SELECT DISTINCT record_id FROM {table} WHERE {where} LIMIT %s) k{n}")
        params += [key, key[:-1] + chr(ord(key[-1]) + 1), PER_KEY] if prefix else [key, PER_KEY]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT record_id, COUNT(*) AS n FROM ({' UNION ALL '.join(parts)}) found "
            "GROUP BY record_id ORDER BY n DESC, record_id LIMIT %s",
            [*params, CANDIDATES],
        )
        return Counter(dict(cursor.fetchall()))


def _scored(hits: Counter, keys: list[str], *, limit: int, kinds) -> list[NetworkHit]:
    best = [record_id for record_id, _count in hits.most_common(CANDIDATES)]
    records = NetworkRecord.objects.public().filter(pk__in=best).select_related("city")
    if kinds:
        records = records.filter(kind__in=kinds)
    languages = fallback_order(translation.get_language())
    results = []
    for record in records.only("kind", "name", "url", "crafts", "keys", "city__slug", "city__name", "city__is_active"):
        entry_keys = record.keys.split()
        score = sum(_token_score(key, entry_keys) for key in keys) / len(keys)
        if score < THRESHOLD:
            continue
        results.append(
            NetworkHit(
                kind=record.kind,
                title=_text(record.name, languages),
                url=_text(record.url, languages),
                score=score,
                city_slug=record.city.slug,
                city=_text(record.city.name, languages),
                is_local=False,
                subtitle=_text(record.crafts, languages),
            )
        )
    results.sort(key=lambda hit: (-hit.score, hit.city_slug, hit.title))
    return results[:limit]


def network_search(text: str, *, limit: int = 20, build_url=None) -> list[NetworkHit]:
    """Local and partner records ranked together by how well they match; on a tie the local record first.
    `build_url` makes a local page's address absolute (the API's answers)."""
    here = local_city()
    name = here["name"].text()
    local = [
        NetworkHit(
            kind=hit.kind,
            title=hit.title,
            url=build_url(hit.url) if build_url else hit.url,
            score=hit.score,
            city_slug=here["slug"],
            city=name,
            is_local=True,
            subtitle=hit.subtitle,
        )
        for hit in local_search(text, limit=limit)
        if hit.url
    ]
    merged = local + partner_search(text, limit=limit)
    merged.sort(key=lambda hit: (-hit.score, not hit.is_local))
    return merged[:limit]


def partner_events(*, days_back: int = 1, limit: int = 500):
    """Partner events still on or to come, soonest first."""
    since = timezone.now() - dt.timedelta(days=days_back)
    return (
        NetworkRecord.objects.public()
        .filter(kind=RecordKind.EVENT, starts_at__isnull=False)
        .filter(Q(ends_at__gte=since) | Q(ends_at__isnull=True, starts_at__gte=since))
        .select_related("city")
        .order_by("starts_at", "pk")[:limit]
    )


def network_figures() -> dict[str, int]:
    """What the partner cities publish, summed from their descriptions (never from the local registry)."""
    total: Counter = Counter()
    for figures in member_cities().values_list("figures", flat=True):
        for key, value in (figures or {}).items():
            if isinstance(value, int):
                total[key] += value
    return dict(total)
