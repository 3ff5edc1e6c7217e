"""Public pages of the catalogue: works with facets, a work, collections, exhibitions, open data."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from craftcity.people.models import Person
from craftcity.taxonomy.models import Discipline, Material
from craftcity.works import selectors
from craftcity.works.models import Collection, Exhibition, Work, WorkMaker

from . import jsonld, related
from .views import _page, _sorts, _toggle

# (query parameter, model, lookup from a work, key in the URL)
WORK_FACETS = [
    ("discipline", Discipline, "discipline", "slug"),
    ("material", Material, "materials", "slug"),
    ("collection", Collection, "collection", "slug"),
]


def _maker(request) -> tuple[str, Person | None]:
    """The `maker` filter (a person's id, as their page links to it) and that person, if the viewer may see them."""
    value = request.GET.get("maker", "")
    if not (value.isascii() and value.isdigit() and len(value) <= 12):
        return value, None
    return value, Person.objects.visible_to(request.user).prefetch_related("names").filter(pk=int(value)).first()


def works(request):
    selected = {param: request.GET.get(param, "") for param, *_rest in WORK_FACETS}
    filters = {f"{lookup}__{key}": selected[param] for param, _m, lookup, key in WORK_FACETS if selected[param]}
    maker_value, maker = _maker(request)
    if maker_value:
        filters["work_makers__person_id"] = maker.pk if maker else 0  # no one's works for a person not public
    sort, sorts = _sorts(request, [("", _("First added")), ("title", _("Title")), ("newest", _("Newest"))])
    queryset = selectors.work_sorted(selectors.work_list(**filters).distinct(), sort)
    page = _page(request, queryset)
    facets = []
    if maker is not None:
        facets.append(
            {
                "param": "maker",
                "label": WorkMaker._meta.verbose_name,
                "values": [
                    {
                        "label": maker.display_name,
                        "hits": page.paginator.count,
                        "selected": True,
                        "href": _toggle(request, "maker", ""),
                    }
                ],
            }
        )
    base = Work.objects.public().filter(**filters)
    for param, model, _lookup, key in WORK_FACETS:
        counts = (
            model.objects.filter(works__in=base).annotate(hits=Count("works", distinct=True)).order_by("-hits")[:12]
        )
        values = [
            {
                "label": str(obj),
                "hits": obj.hits,
                "selected": getattr(obj, key) == selected[param],
                "href": _toggle(request, param, "" if getattr(obj, key) == selected[param] else getattr(obj, key)),
            }
            for obj in counts
        ]
        if values:
            facets.append({"param": param, "label": model._meta.verbose_name, "values": values})
    return render(request, "public/works.html", {"page": page, "facets": facets, "selected": selected, "sorts": sorts})


def work(request, pk: int):
    subject = selectors.work_detail(pk)
    if subject is None:
        raise Http404(_("No such work."))
    url = request.build_absolute_uri(request.path)
    base = request.build_absolute_uri("/").rstrip("/")
    return render(
        request,
        "public/work.html",
        {
            "work": subject,
            "jsonld": jsonld.script_tag(jsonld.work_jsonld(subject, url, base)),
            "manifest_url": f"{base}/iiif/works/{subject.pk}/manifest.json",
            "related": related.related_to_work(subject, makers=subject.work_makers.all()),
        },
    )


def collections(request):
    items = Collection.objects.public().annotate(hits=Count("works", filter=Q(works__status=Work.Status.PUBLISHED)))
    return render(request, "public/collections.html", {"collections": items})


def collection(request, slug: str):
    subject = Collection.objects.public().filter(slug=slug).select_related("owner").first()
    if subject is None:
        raise Http404(_("No such collection."))
    page = _page(request, selectors.work_list(collection=subject))
    base = request.build_absolute_uri("/").rstrip("/")
    works = list(Work.objects.public().filter(collection=subject).order_by("pk").values_list("pk", "title"))
    markup = jsonld.collection_jsonld(subject, request.build_absolute_uri(request.path), base, works)
    return render(
        request, "public/collection.html", {"collection": subject, "page": page, "jsonld": jsonld.script_tag(markup)}
    )


def exhibitions(request):
    items = Exhibition.objects.public().select_related("venue")
    return render(request, "public/exhibitions.html", {"exhibitions": items})


def exhibition(request, slug: str):
    subject = selectors.exhibition_detail(slug)
    if subject is None:
        raise Http404(_("No such exhibition."))
    base = request.build_absolute_uri("/").rstrip("/")
    markup = jsonld.exhibition_jsonld(subject, request.build_absolute_uri(request.path), base)
    return render(request, "public/exhibition.html", {"exhibition": subject, "jsonld": jsonld.script_tag(markup)})


def open_data(request):
    from craftcity.works.opendata import DUMP_FILES, dump_dir

    folder = dump_dir()
    files = [(name, (folder / name).stat().st_size) for name in DUMP_FILES if (folder / name).exists()]
    return render(
        request, "public/open_data.html", {"files": files, "license_url": settings.CRAFTCITY_DATA_LICENSE_URL}
    )


def open_data_file(request, name: str):
    from craftcity.works.opendata import DUMP_FILES, dump_dir

    path = dump_dir() / name
    if name not in DUMP_FILES or not path.exists():
        raise Http404(_("No such file."))
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)
