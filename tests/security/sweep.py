"""Every address of the site with an object in it, read from Django's URL resolver (so a new page is swept without
being named here): which model each parameter names, and the address for a given record.

Back-office addresses know their model from the admin that serves them; the others are named below. An address
whose parameter is neither (a new page) makes `routes()` fail, so it is added here, with its model, on purpose."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

# Values that must never appear in a page, file or API answer read by anyone but registrars and the person.
SECRET_PHONE = "+7 701 555 01 99"
SECRET_EMAIL = "hidden.person@example.org"
SECRET_ADDRESS = "Secret street 7, flat 12"
SECRET_BIRTH_DATE = dt.date(1971, 3, 9)
SECRET_TEXTS = [SECRET_PHONE, SECRET_EMAIL, SECRET_ADDRESS, "1971-03-09", "09.03.1971"]


def _picture_token(person) -> str:
    from craftcity.core.pictures import token

    return token(person.photo.name or "none")


def _share_region(record) -> str:
    """The one region a record's share crop is served at (any other is a 404 for everyone, which proves nothing)."""
    from craftcity.core import pictures

    if record._meta.label == "works.WorkImage":
        picture = pictures.work_image_picture(record)
    else:
        picture = pictures.picture_of(record)
    return ",".join(map(str, picture.share_region())) if picture else "0,0,1,1"


# Non-admin addresses: name → (model, lookup) for the object parameter, and fixed values for the others.
NAMED = {
    "iiif:work-manifest": ("works.Work", "pk"),
    "iiif:work-record": ("works.Work", "pk"),
    "iiif:collection-manifest": ("works.Collection", "slug"),
    "iiif:image-info": ("works.WorkImage", "pk"),
    "iiif:image-file": ("works.WorkImage", "pk", {"size": "max"}),
    "me:work-edit": ("works.Work", "pk"),
    "me:work-submit": ("works.Work", "pk"),
    "me:application-file": ("events.Application", "pk"),
    "me:organization": ("organizations.Organization", "slug"),
    "me:member-add": ("organizations.Organization", "slug"),
    "me:member-end": ("organizations.Membership", "pk", {"slug": "organization.slug"}),
    "me:claim-withdraw": ("people.ProfileClaim", "pk"),
    "public:person": ("people.Person", "pk"),
    "public:person-pedigree": ("people.Person", "pk"),
    "public:dynasty": ("lineage.Dynasty", "slug"),
    "public:organization": ("organizations.Organization", "slug"),
    "public:discipline": ("taxonomy.Discipline", "slug"),
    "public:region": ("geo.Region", "iso_code"),
    "public:place": ("places.Place", "slug"),
    "public:tour": ("tours.Tour", "slug"),
    "public:tour-print": ("tours.Tour", "slug"),
    "public:tour-pdf": ("tours.Tour", "slug"),
    "public:tour-gpx": ("tours.Tour", "slug"),
    "public:tour-geojson": ("tours.Tour", "slug"),
    "public:work": ("works.Work", "pk"),
    "public:collection": ("works.Collection", "slug"),
    "public:exhibition": ("works.Exhibition", "slug"),
    "public:application-action": ("events.Application", "pk", {"action": "cancel"}),
    "public:event": ("events.Event", "slug"),
    "public:event-ics": ("events.Event", "slug"),
    "public:event-apply": ("events.Event", "slug"),
    "public:event-jury": ("events.Event", "slug"),
    "public:programme": ("support.Programme", "slug"),
    "iiif:image-file-format": ("works.WorkImage", "pk", {"size": "max", "fmt": "webp"}),
    # A picture's address carries a token of its stored file (core.pictures.token): the probe uses the real one.
    "iiif:picture-info": ("people.Person", "pk", {"kind": "person", "token": _picture_token}),
    "iiif:picture-file": (
        "people.Person",
        "pk",
        {"kind": "person", "token": _picture_token, "size": "max", "fmt": "jpg"},
    ),
    "iiif:image-share": ("works.WorkImage", "pk", {"region": _share_region, "fmt": "jpg"}),
    "iiif:picture-share": (
        "people.Person",
        "pk",
        {"kind": "person", "token": _picture_token, "region": _share_region, "fmt": "jpg"},
    ),
    "public:ensemble": ("organizations.Organization", "slug"),
    "public:event-aitys": ("events.Event", "slug"),
    "public:event-aitys-vote": ("events.Event", "slug"),
    "public:season": ("events.EventSeries", "slug"),
    "public:musical-work": ("music.MusicalWork", "pk"),
    "public:recording": ("music.Recording", "pk"),
    "iiif-recordings:manifest": ("music.Recording", "pk"),
    "iiif-recordings:media": ("music.Recording", "pk"),
    "iiif-recordings:captions": ("music.Recording", "pk", {"language": "en"}),
    "record-id": ("people.Person", "pk", {"kind": "person"}),
}
# The API's routes by their router basename (api:<basename>-<action>).
API_MODELS = {
    "person": ("people.Person", "pk"),
    "organization": ("organizations.Organization", "slug"),
    "discipline": ("taxonomy.Discipline", "slug"),
    "dynasty": ("lineage.Dynasty", "slug"),
    "place": ("places.Place", "slug"),
    "tour": ("tours.Tour", "slug"),
    "work": ("works.Work", "pk"),
    "collection": ("works.Collection", "slug"),
    "exhibition": ("works.Exhibition", "slug"),
    "event": ("events.Event", "slug"),
    "application": ("events.Application", "pk"),
    "record": ("people.Person", "pk", {"kind": "person"}),
    "reconcile": ("people.Person", "pk", {"type_id": "person"}),
    "ensemble": ("organizations.Organization", "slug"),
    "musical": ("music.MusicalWork", "pk"),
    "recording": ("music.Recording", "pk"),
}
# Parameters that are not records: secrets sent by e-mail, a page's section, the admin's own navigation.
NOT_OBJECTS = {
    "me:invitation",  # a one-time token, hashed in the database: guessing it is the attack, not an id
    "admin:view_on_site",  # a redirect to the public page, which is swept itself
    "admin:app_list",
    "admin:dossier_numbers",  # an indicator code of the dossier, the same for everyone who may see the dashboard
    "public:open-data-file",  # the public dump files, one name each
    "api:changes",  # a change stream per kind of record and its numbered pages: public records only, swept in
    "api:changes-page",  # tests/api/test_api_changes.py (drafts and withdrawn consent never appear)
    "django.contrib.sitemaps.views.sitemap",
}


@dataclass(frozen=True)
class Route:
    name: str
    params: tuple[str, ...]
    model: str | None = None  # app_label.Model of the object parameter
    lookup: str = "pk"
    fixed: tuple = ()  # (param, value or "attribute.path" of the object)
    methods: tuple[str, ...] = ("get",)  # an API route's own methods (a GET on a POST-only action is not asked)

    def url(self, obj, language="en") -> str:
        from operator import attrgetter

        kwargs = {}
        for param in self.params:
            fixed = dict(self.fixed).get(param)
            if callable(fixed):
                kwargs[param] = fixed(obj)
            elif fixed is not None:
                kwargs[param] = attrgetter(fixed)(obj) if "." in fixed else fixed
            elif param == "format":
                kwargs[param] = "json"
            else:
                kwargs[param] = attrgetter(self.lookup)(obj)
        with translation.override(language):
            return reverse(self.name, kwargs=kwargs)

    @property
    def is_admin(self) -> bool:
        return self.name.startswith("admin:")


def _walk(patterns, namespaces=()):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, namespaces + ((pattern.namespace,) if pattern.namespace else ()))
        elif isinstance(pattern, URLPattern):
            params = tuple(getattr(pattern.pattern, "converters", {}) or pattern.pattern.regex.groupindex)
            yield ":".join((*namespaces, pattern.name or "")), params, pattern


def _admin_models() -> dict[str, tuple[str, str]]:
    """Back-office address name → the model of the admin that serves it (its id parameter is that model's pk)."""
    from django.contrib import admin

    found = {}
    for model, model_admin in admin.site._registry.items():
        for name, _params, _pattern in _walk(model_admin.get_urls()):
            found[f"admin:{name}"] = (model._meta.label, "pk")
    return found


def routes() -> list[Route]:
    """Every named address with an object parameter; fails on one it cannot place (see the module's docstring)."""
    admin_models = _admin_models()
    found, unplaced = [], []
    for name, params, pattern in _walk(get_resolver().url_patterns):
        if (
            not params
            or "format" in params
            or name in NOT_OBJECTS
            or pattern.callback.__module__.startswith("allauth.")
        ):
            continue  # .json twins answer as their routes do; allauth's addresses carry e-mailed keys, not ids
        if name.startswith("api:"):
            basename = name.split(":")[1].split("-")[0]
            spec = API_MODELS.get(basename)
        else:
            spec = NAMED.get(name) or admin_models.get(name)
        if spec is None:
            unplaced.append(name)
            continue
        model, lookup, *rest = spec
        fixed = tuple((rest[0] if rest else {}).items())
        methods = tuple(getattr(pattern.callback, "actions", None) or {"get": None})
        found.append(Route(name, params, model, lookup, fixed, methods))
    assert not unplaced, f"addresses with an object parameter this sweep does not know: {sorted(set(unplaced))}"
    return found


def routes_for(model_label: str) -> list[Route]:
    return [route for route in routes() if route.model == model_label]
