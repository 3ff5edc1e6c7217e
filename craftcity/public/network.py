"""The network of craft cities on the public site: member cities on a map, a search across the network, and the
calendar of partner events (with its iCalendar feed). Harvested records link to the partner's own pages."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from craftcity.network.calendar import network_calendar
from craftcity.network.models import RecordKind
from craftcity.network.selectors import local_city, member_cities, network_figures, network_search, partner_events
from craftcity.search.models import SearchEntry


def _features(cities) -> dict:
    features = []
    for city in cities:
        if city.latitude is None or city.longitude is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [city.longitude, city.latitude]},
                "properties": {"name": str(city.name), "kind": city.country, "url": city.site_url, "exact": True},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def network(request):
    """The member cities with their titles and figures, on a map, and the search across them."""
    cities = list(member_cities())
    return render(
        request,
        "public/network.html",
        {
            "cities": cities,
            "here": local_city(),
            "figures": network_figures(),
            "geojson": _features(cities),
            "tile_url": settings.CRAFTCITY_TILE_URL,
            "tile_attribution": settings.CRAFTCITY_TILE_ATTRIBUTION,
        },
    )


def network_search_page(request):
    """One list for the local registry and every partner, best match first, each saying its city."""
    query = request.GET.get("q", "").strip()[:200]
    hits = network_search(query, limit=50) if query else []
    labels = {**dict(SearchEntry.Kind.choices), **dict(RecordKind.choices)}
    for hit in hits:
        hit.label = labels.get(hit.kind, hit.kind)
    return render(request, "public/network_search.html", {"query": query, "hits": hits})


def network_events(request):
    page = Paginator(list(partner_events()), 50).get_page(request.GET.get("page"))
    return render(request, "public/network_events.html", {"page": page})


def network_events_ics(request):
    body = network_calendar(
        partner_events(), name=_("Events of the craft cities network"), language=translation.get_language()
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
