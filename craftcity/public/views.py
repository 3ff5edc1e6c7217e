"""Public pages: the community, open to everyone, readable without JavaScript."""

from __future__ import annotations

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from craftcity.awards.models import Award, AwardProgramme
from craftcity.core.cache import SUMMARY, stored_keep, stored_lookup
from craftcity.core.throttling import rate_refusal
from craftcity.events.models import Event
from craftcity.events.selectors import still_on_until
from craftcity.geo.models import Country, Region
from craftcity.lineage.models import Dynasty
from craftcity.lineage.selectors import dynasty_detail, dynasty_tree
from craftcity.organizations.models import Membership, Organization
from craftcity.organizations.selectors import organization_list
from craftcity.people.models import Person, public_person
from craftcity.people.selectors import person_list, person_page
from craftcity.places.models import Place
from craftcity.support.selectors import person_public_grants
from craftcity.taxonomy.models import Discipline, Material, Technique
from craftcity.works.models import Work

from . import jsonld, related

PAGE_SIZE = 24
WORKS_SHOWN = 12  # on a person's page; the rest are one link away, in the catalogue filtered by maker
EVENTS_SHOWN = 12


def _page(request, queryset, size: int | None = None):
    paginator = Paginator(queryset, size or PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def home(request):
    """The home page, with the registry's figures: stored for visitors until the registry changes (at 100,000
    people its counts cost more than the rest of a festival day's requests put together)."""
    return _stored(request, "home", SUMMARY, lambda: _home(request), keep_for=STORED_FOR)


def _home(request):
    titles = (
        Award.objects.filter(programme__kind=AwardProgramme.Kind.CITY_TITLE, locality__isnull=False)
        .select_related("programme__awarding_body", "locality")
        .order_by("-year")
    )
    # The same rules as the dossier's indicators (dossier.indicators), so the two never disagree: a dynasty
    # whose founder was merged into another record is the survivor's line, not one more; a region counts
    # when someone visitors can see lives there.
    counts = {
        "practitioners": Person.objects.practitioners().count(),
        "people": Person.objects.public().count(),
        "dynasties": Dynasty.objects.public().filter(founder__merged_into__isnull=True).count(),
        "organizations": Organization.objects.public().count(),
        "regions": Region.objects.filter(public_person("people__")).distinct().count(),
    }
    dynasties = Dynasty.objects.public().select_related("discipline").order_by("-generation_count", "slug")[:6]
    return render(request, "public/home.html", {"titles": titles, "counts": counts, "dynasties": dynasties})


# (query parameter, facet model, path from the facet model back to people, key in the URL)
FACETS = [
    ("discipline", Discipline, "people", "slug"),
    ("technique", Technique, "people", "slug"),
    ("material", Material, "people", "slug"),
    ("region", Region, "people", "iso_code"),
    ("country", Country, "people", "iso_code"),
    ("organization", Organization, "memberships__person", "slug"),
]


def _facet_labels():
    return {
        "discipline": _("Discipline"),
        "technique": _("Technique"),
        "material": _("Material"),
        "region": _("Region"),
        "country": _("Country"),
        "organization": _("Organization"),
    }


def _facets(request, people):
    """For each facet, its most frequent values with the number of matching people: one query per facet."""
    labels = _facet_labels()
    ids = people.values("pk")
    facets = []
    for param, model, path, key in FACETS:
        values = list(
            model.objects.filter(**{f"{path}__in": ids})
            .annotate(hits=Count(path, distinct=True))
            .order_by("-hits", key)[:12]
        )
        selected = request.GET.get(param, "")
        if values:
            facets.append(
                {
                    "label": labels[param],
                    "values": [
                        {
                            "label": str(v),
                            "hits": v.hits,
                            "selected": getattr(v, key) == selected,
                            "href": _toggle(request, param, "" if getattr(v, key) == selected else getattr(v, key)),
                        }
                        for v in values
                    ],
                }
            )
    return facets


def _toggle(request, param, value) -> str:
    """This page's URL with one filter set (or removed when value is empty), back on page one."""
    query = request.GET.copy()
    query.pop("page", None)
    if value:
        query[param] = value
    else:
        query.pop(param, None)
    return f"?{query.urlencode()}" if query else request.path


def _sorts(request, choices: list[tuple[str, str]]) -> tuple[str, list[dict]]:
    """The order asked for in `?sort=` (the first choice, the default, when none or an unknown one is asked) and
    a link to each order, the current one marked; changing the order goes back to page one."""
    asked = request.GET.get("sort", "")
    current = asked if asked in {value for value, _label in choices[1:]} else ""
    links = [
        {"label": label, "href": _toggle(request, "sort", value), "selected": value == current}
        for value, label in choices
    ]
    return current, links


def people(request):
    filters = {param: request.GET.get(param) or None for param, *_spec in FACETS}
    sort, sorts = _sorts(
        request,
        [("", _("First added")), ("name", _("Name")), ("newest", _("Newest")), ("works", _("Most works"))],
    )
    queryset = person_list(user=request.user, **filters)
    page = _page(request, person_list(user=request.user, sort=sort, **filters) if sort else queryset)
    return render(
        request,
        "public/people.html",
        {
            "page": page,
            "facets": _facets(request, queryset),
            "total": page.paginator.count,
            "filters": filters,
            "active_filters": sum(1 for value in filters.values() if value),
            "sorts": sorts,
        },
    )


# A stored page is kept this long at most: its events move from "upcoming" to "past" with time alone.
STORED_FOR = 24 * 3600


def person(request, pk: int):
    """A person's page. For visitors who see no personal data the whole page is stored until a record it
    shows changes (it carries no per-visitor token); signed-in viewers, who may see more, get a fresh render."""
    page = None

    def render_page():
        nonlocal page
        page = _person_page(request, pk)
        return render(request, "public/person.html", {"page": page})

    return _stored(request, f"person:{pk}", ("person", pk), render_page, keep_for=lambda: page["keep_for"])


def _stored(request, name: str, scope: tuple, render_page, *, keep_for, also=()) -> HttpResponse:
    """Serve a visitor's page from the store when it is current for `scope` (a page kind and subject, see
    `core.cache`; `also`: more versions the page is made of), else render it (and store it for visitors).
    Signed-in viewers and addresses with a query string always get a fresh render, and so does a visitor with
    a message waiting (a stored page must neither carry one visitor's message to others nor swallow it).
    `X-Cache` tells operators which it was; `keep_for` is seconds, or a function asked after rendering."""
    cacheable = not request.user.is_authenticated and not request.GET and not len(get_messages(request))
    if not cacheable:
        return render_page()
    key = f"page:{name}:{translation.get_language()}:{request.get_host()}"
    version, html = stored_lookup(key, *scope, *also)
    if html is not None:
        response = HttpResponse(html)
        response["X-Cache"] = "hit"
        return response
    response = render_page()
    if response.status_code == 200:
        stored_keep(key, version, response.content.decode(), timeout=keep_for() if callable(keep_for) else keep_for)
        response["X-Cache"] = "miss"
    return response


def person_pedigree(request, pk: int):
    """The person's pedigree as a PDF in the page's language: lineage, titles, works, events (public data)."""
    from craftcity.lineage.pedigree import pedigree_pdf

    try:
        pdf = pedigree_pdf(pk=pk, language=translation.get_language(), base_url=request.build_absolute_uri("/"))
    except Person.DoesNotExist:
        raise Http404(_("No such person in the registry.")) from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="pedigree-{pk}-{translation.get_language()}.pdf"'
    return response


def _credits(rows) -> list[dict]:
    """One entry per work or event (in the rows' order) with every role the person had in it."""
    grouped: dict[int, dict] = {}
    for row in rows:
        grouped.setdefault(row.pk, {"item": row, "roles": []})["roles"].append(row.role)
    return list(grouped.values())


def _person_page(request, pk: int) -> dict:
    try:
        # One more of each than is shown tells whether there are more.
        data = person_page(pk=pk, user=request.user, works=WORKS_SHOWN + 1, events=EVENTS_SHOWN + 1)
    except Person.DoesNotExist:
        raise Http404(_("No such person in the registry.")) from None
    subject = data.person
    works = _credits(data.works)
    events = _credits(data.events)[:EVENTS_SHOWN]
    personal = {field: subject.personal_value(field, request.user) for field in Person.PERSONAL_FIELDS}
    context = {
        "person": subject,
        "page": data,
        "personal": {k: v for k, v in personal.items() if v},
        "works": works[:WORKS_SHOWN],
        "more_works": len(works) > WORKS_SHOWN,
        "events_coming": [e for e in events if not e["item"].is_past],
        "events_past": [e for e in events if e["item"].is_past],
        "grants": person_public_grants(subject),
        "related": related.related_to_person(
            subject,
            disciplines=data.disciplines,
            dynasties=data.dynasties,
            shown=[link.pk for link in [*data.masters, *data.apprentices]],
        ),
    }
    name = data.name
    facts = [str(d.name) for d in data.disciplines] + ([str(subject.region)] if subject.region else [])
    event_url = request.build_absolute_uri(reverse("public:event", args=["slug-placeholder"]))
    # The markup of each event needs its venue, status and attendance: one query for the events listed.
    full = Event.objects.select_related("place__locality").in_bulk([e["item"].pk for e in events])
    taken_part = [
        (full[e["item"].pk], event_url.replace("slug-placeholder", e["item"].slug))
        for e in events
        if e["item"].pk in full
    ]
    now = timezone.now()
    changes_at = [still_on_until(e["item"]) for e in events if not e["item"].is_past]
    return {
        "keep_for": max(1, min([STORED_FOR, *((at - now).total_seconds() for at in changes_at)])),
        "person": subject,  # for the share tags (its photo only with consent)
        "title": name,
        "description": ", ".join([name, *facts]),
        "body": mark_safe(render_to_string("public/_person_body.html", context, request=request)),
        "jsonld": jsonld.script_tag(
            jsonld.person_jsonld(data, request.build_absolute_uri(request.path), events=taken_part)
        ),
    }


def dynasties(request):
    queryset = Dynasty.objects.public().select_related("discipline", "founder").prefetch_related("founder__names")
    discipline = request.GET.get("discipline")
    if discipline:
        queryset = queryset.filter(discipline__slug=discipline)
    page = _page(request, queryset.order_by("-generation_count", "slug"))
    return render(request, "public/dynasties.html", {"page": page})


def dynasty(request, slug: str):
    try:
        subject = dynasty_detail(slug=slug)
    except Dynasty.DoesNotExist:
        raise Http404(_("No such dynasty.")) from None
    markup = jsonld.dynasty_jsonld(
        subject, request.build_absolute_uri(request.path), request.build_absolute_uri("/").rstrip("/")
    )
    return render(
        request,
        "public/dynasty.html",
        {
            "dynasty": subject,
            "tree": dynasty_tree(subject),
            "jsonld": jsonld.script_tag(markup),
            "related": related.related_to_dynasty(subject),
        },
    )


def organizations(request):
    kind = request.GET.get("kind")
    sort, sorts = _sorts(
        request,
        [("", _("Name")), ("newest", _("Newest")), ("members", _("Most members"))],
    )
    page = _page(request, organization_list(kind=kind, sort=sort))
    return render(
        request,
        "public/organizations.html",
        {"page": page, "kinds": Organization.Kind.choices, "kind": kind, "sorts": sorts},
    )


def organization(request, slug: str):
    members = Membership.objects.filter(public_person("person__"))
    members = members.select_related("person").prefetch_related("person__names").order_by("role", "person_id")
    try:
        subject = (
            Organization.objects.public()
            .select_related("parent", "country", "locality", "region")
            .prefetch_related(Prefetch("memberships", queryset=members), "children", "disciplines", "places")
            .get(slug=slug)
        )
    except Organization.DoesNotExist:
        raise Http404(_("No such organization.")) from None
    url = request.build_absolute_uri(request.path)
    return render(
        request,
        "public/organization.html",
        {
            "organization": subject,
            "jsonld": jsonld.script_tag(jsonld.organization_jsonld(subject, url)),
            "related": related.related_to_organization(subject),
        },
    )


def discipline(request, slug: str):
    try:
        subject = Discipline.objects.select_related("field").prefetch_related("techniques").get(slug=slug)
    except Discipline.DoesNotExist:
        raise Http404(_("No such discipline.")) from None
    masters = person_list(user=request.user, discipline=slug)
    by_region = (
        Region.objects.filter(people__in=masters.values("pk"))
        .annotate(hits=Count("people", distinct=True))
        .order_by("-hits")
    )
    lines = Dynasty.objects.public().filter(discipline=subject).order_by("-generation_count")
    works = Work.objects.public().filter(discipline=subject)
    context = {
        "discipline": subject,
        "page": _page(request, masters),
        "by_region": by_region,
        "dynasties": lines,
        # The latest works; the catalogue filtered by this craft holds them all.
        "works": works.order_by(F("year_from").desc(nulls_last=True), "-pk")[:WORKS_SHOWN],
        "work_count": works.count(),
        "jsonld": jsonld.script_tag(jsonld.discipline_jsonld(subject, request.build_absolute_uri(request.path))),
        "related": related.related_to_discipline(subject),
    }
    return render(request, "public/discipline.html", context)


def region(request, code: str):
    try:
        subject = Region.objects.select_related("country").get(iso_code=code)
    except Region.DoesNotExist:
        raise Http404(_("No such region.")) from None
    masters = person_list(user=request.user, region=code)
    crafts = (
        Discipline.objects.filter(people__in=masters.values("pk"))
        .annotate(hits=Count("people", distinct=True))
        .order_by("-hits")
    )
    context = {
        "region": subject,
        "page": _page(request, masters),
        "crafts": crafts,
        "jsonld": jsonld.script_tag(jsonld.region_jsonld(subject, request.build_absolute_uri(request.path))),
    }
    return render(request, "public/region.html", context)


def places(request):
    queryset = Place.objects.public().select_related("locality")
    kind = request.GET.get("kind")
    if kind:
        queryset = queryset.filter(kind=kind)
    page = _page(request, queryset.order_by("slug"))
    return render(request, "public/places.html", {"page": page, "kinds": Place.Kind.choices, "kind": kind})


def place(request, slug: str):
    try:
        subject = Place.objects.public().select_related("locality", "organization", "person").get(slug=slug)
    except Place.DoesNotExist:
        raise Http404(_("No such place.")) from None
    address = subject.public_address(request.user)
    point = subject.public_coordinates(request.user)
    url = request.build_absolute_uri(request.path)
    return render(
        request,
        "public/place.html",
        {
            "place": subject,
            "address": address,
            "jsonld": jsonld.script_tag(jsonld.place_jsonld(subject, url, address, point)),
            "related": related.related_to_place(subject),
        },
    )


MAP_FILTERS = ("discipline", "region", "kind")


def _map_places(request):
    """The places the map shows, with the lists' filters: craft (of the place's artisan or organization), region,
    kind. One query; the filters' choices are the values the published places have."""
    from django.db.models import Q

    places = Place.objects.public().select_related("locality")
    chosen = {name: request.GET.get(name, "") for name in MAP_FILTERS}
    if chosen["discipline"]:
        craft = chosen["discipline"]
        places = places.filter(Q(person__disciplines__slug=craft) | Q(organization__disciplines__slug=craft))
    if chosen["region"]:
        places = places.filter(locality__region__iso_code=chosen["region"])
    if chosen["kind"]:
        places = places.filter(kind=chosen["kind"])
    public = Place.objects.public()
    choices = {
        "discipline": Discipline.objects.filter(
            Q(people__places__in=public) | Q(organizations__places__in=public)
        ).distinct(),
        "region": Region.objects.filter(localities__places__in=public).distinct().order_by("iso_code"),
        "kind": Place.Kind.choices,
    }
    return places.distinct().order_by("slug"), chosen, choices


def map_view(request):
    """Workshops and venues on a map; home workshops only near their district unless their owner consented."""
    features = []
    places, chosen, choices = _map_places(request)
    for item in places:
        point = item.public_coordinates(request.user)
        if point is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [point[1], point[0]]},
                "properties": {
                    "name": str(item.name),
                    "kind": item.get_kind_display(),
                    "url": item.get_absolute_url(),
                    "exact": point[2],
                },
            }
        )
    return render(
        request,
        "public/map.html",
        {
            "geojson": {"type": "FeatureCollection", "features": features},
            "tile_url": settings.CRAFTCITY_MAP_TILES,
            "tile_attribution": settings.CRAFTCITY_MAP_TILES_ATTRIBUTION,
            "chosen": chosen,
            "choices": choices,
        },
    )


SEARCH_FACETS = [("discipline", Discipline, "slug"), ("region", Region, "iso_code")]


def search(request):
    from craftcity.search.models import SearchEntry
    from craftcity.search.services import search_grouped

    query = request.GET.get("q", "").strip()
    kind = request.GET.get("type") or None
    kinds = [kind] if kind in SearchEntry.Kind.values else None
    selected = {param: request.GET.get(param, "") for param, _model, _key in SEARCH_FACETS}
    narrow = kinds or any(selected.values())
    groups = search_grouped(query, kinds=kinds, per_kind=50 if narrow else 8) if query else {}
    facets = _search_facets(request, groups.get(SearchEntry.Kind.PERSON, []), selected)
    if any(selected.values()) and SearchEntry.Kind.PERSON in groups:
        groups[SearchEntry.Kind.PERSON] = [
            hit for hit in groups[SearchEntry.Kind.PERSON] if _hit_matches(hit, selected)
        ]
        if not groups[SearchEntry.Kind.PERSON]:
            del groups[SearchEntry.Kind.PERSON]
    labels = {
        SearchEntry.Kind.PERSON: _("People"),
        SearchEntry.Kind.ORGANIZATION: _("Organizations"),
        SearchEntry.Kind.DYNASTY: _("Dynasties"),
        SearchEntry.Kind.DISCIPLINE: _("Crafts and arts"),
        SearchEntry.Kind.PLACE: _("Places"),
        SearchEntry.Kind.WORK: _("Works"),
        SearchEntry.Kind.EVENT: _("Events"),
        SearchEntry.Kind.MUSICAL_WORK: _("Repertoire"),
        SearchEntry.Kind.RECORDING: _("Recordings"),
    }
    ordered = [(k, labels[k], groups[k]) for k in SearchEntry.Kind.values if k in groups]
    type_links = [(k, labels[k], len(groups[k])) for k in SearchEntry.Kind.values if k in groups or k == kind]
    return render(
        request,
        "public/search.html",
        {
            "query": query,
            "groups": ordered,
            "kind": kind,
            "type_links": type_links,
            "facets": facets,
            "total": sum(len(g) for g in groups.values()),
        },
    )


def _hit_matches(hit, selected: dict) -> bool:
    for param, value in selected.items():
        if not value:
            continue
        found = hit.facets.get(param)
        if value not in (found if isinstance(found, list) else [found]):
            return False
    return True


def _search_facets(request, hits, selected: dict) -> list[dict]:
    """Facets over the people found: crafts and regions, with counts, each a link that narrows the results."""
    labels = _facet_labels()
    facets = []
    for param, model, key in SEARCH_FACETS:
        counts: dict[str, int] = {}
        others = {p: v for p, v in selected.items() if p != param}
        for hit in hits:
            if not _hit_matches(hit, others):
                continue
            values = hit.facets.get(param) or []
            for value in values if isinstance(values, list) else [values]:
                if value:
                    counts[value] = counts.get(value, 0) + 1
        if not counts:
            continue
        names = {getattr(obj, key): str(obj) for obj in model.objects.filter(**{f"{key}__in": list(counts)})}
        values = sorted(counts.items(), key=lambda item: (-item[1], names.get(item[0], item[0])))[:10]
        facets.append(
            {
                "label": labels[param],
                "values": [
                    {
                        "label": names.get(value, value),
                        "hits": hits_count,
                        "selected": value == selected[param],
                        "href": _toggle(request, param, "" if value == selected[param] else value),
                    }
                    for value, hits_count in values
                ],
            }
        )
    return facets


def suggest(request):
    """Suggestions as the visitor types. A crowd types the same first letters, and the answer is the same for
    everyone (public records only): it is stored until any record changes, keyed by language and text. The
    rate limit guards the search index, so only a question the index must answer counts against it."""
    import hashlib

    from django.http import JsonResponse

    from craftcity.search.services import search

    text = " ".join(request.GET.get("q", "").split())[:200]
    digest = hashlib.sha256(text.casefold().encode()).hexdigest()[:32]
    key = f"suggest:{translation.get_language()}:{digest}"
    version, results = stored_lookup(key, *SUMMARY)
    if results is None:
        if refused := rate_refusal(request, scope="suggest", setting="CRAFTCITY_SUGGEST_RATE"):
            return refused
        results = [hit.as_dict() for hit in search(text, limit=8, threshold=0.7, typing=True)]
        stored_keep(key, version, results, timeout=SUGGESTIONS_STORED_FOR)
    return JsonResponse({"results": results})


SUGGESTIONS_STORED_FOR = 600


def robots_txt(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = [
        "User-agent: *",
        "Disallow: /kk/admin/",
        "Disallow: /ru/admin/",
        "Disallow: /en/admin/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
