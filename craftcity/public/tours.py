"""Public pages for curated tours and the tour planner. The planner is a plain GET form: it works without
JavaScript, and its result links to GPX and GeoJSON downloads of the same plan."""

from __future__ import annotations

import datetime as dt
import json

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from craftcity.people.models import Person
from craftcity.places.models import Place
from craftcity.taxonomy.models import Discipline
from craftcity.tours import selectors
from craftcity.tours.exports import feature_collection, gpx_document, pdf_from_html
from craftcity.tours.models import Tour
from craftcity.tours.planner import tour_plan

from . import jsonld


def _map_settings() -> dict:
    return {"tile_url": settings.CRAFTCITY_TILE_URL, "tile_attribution": settings.CRAFTCITY_TILE_ATTRIBUTION}


def _route_points(route) -> list[dict]:
    return [
        {
            "number": item.number, "name": str(item.stop.place.name), "url": item.stop.place.get_absolute_url(),
            "latitude": item.point[0], "longitude": item.point[1], "exact": item.point[2], "address": item.address,
        }
        for item in route.stops
        if item.point
    ]  # fmt: skip


def tours(request):
    items = [(tour, selectors.tour_route(tour, request.user)) for tour in selectors.tour_list()]
    return render(request, "public/tours.html", {"items": items})


def _tour(request, slug):
    try:
        tour = selectors.tour_detail(slug=slug)
    except Tour.DoesNotExist:
        raise Http404(_("No such tour.")) from None
    return tour, selectors.tour_route(tour, request.user)


def tour(request, slug: str):
    subject, route = _tour(request, slug)
    base = request.build_absolute_uri("/").rstrip("/")
    markup = jsonld.tour_jsonld(subject, request.build_absolute_uri(request.path), base, route)
    context = {
        "tour": subject,
        "route": route,
        "geojson": feature_collection(_route_points(route)),
        "jsonld": jsonld.script_tag(markup),
        **_map_settings(),
    }
    return render(request, "public/tour.html", context)


def tour_print(request, slug: str):
    subject, route = _tour(request, slug)
    return render(request, "public/tour_print.html", {"tour": subject, "route": route})


def tour_pdf(request, slug: str):
    subject, route = _tour(request, slug)
    html = render_to_string("public/tour_print.html", {"tour": subject, "route": route}, request=request)
    response = HttpResponse(pdf_from_html(html, request.build_absolute_uri("/")), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{subject.slug}.pdf"'
    return response


def tour_gpx(request, slug: str):
    subject, route = _tour(request, slug)
    return _gpx_response(subject.slug, str(subject.title), str(subject.summary), _route_points(route))


def tour_geojson(request, slug: str):
    subject, route = _tour(request, slug)
    body = feature_collection(_route_points(route), properties={"title": str(subject.title)})
    return _geojson_response(subject.slug, body)


def _gpx_response(name: str, title: str, description: str, points: list[dict]) -> HttpResponse:
    response = HttpResponse(gpx_document(title, description, points), content_type="application/gpx+xml")
    response["Content-Disposition"] = f'attachment; filename="{name}.gpx"'
    return response


def _geojson_response(name: str, body: dict) -> HttpResponse:
    response = JsonResponse(body, content_type="application/geo+json", json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{name}.geojson"'
    return response


class PlannerForm(forms.Form):
    disciplines = forms.MultipleChoiceField(label=gettext_lazy("Crafts"), required=False)
    people = forms.MultipleChoiceField(label=gettext_lazy("Artisans"), required=False)
    start_place = forms.ChoiceField(label=gettext_lazy("Start at a place"), required=False)
    latitude = forms.FloatField(label=gettext_lazy("or at latitude"), required=False)
    longitude = forms.FloatField(label=gettext_lazy("longitude"), required=False)
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=gettext_lazy("Start time"), widget=forms.TimeInput(attrs={"type": "time"}))
    hours = forms.DecimalField(
        label=gettext_lazy("Time you have (hours)"),
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        crafts = Discipline.objects.filter(people__places__status="published").distinct().order_by("position", "slug")
        self.fields["disciplines"].choices = [(d.slug, str(d.name)) for d in crafts]
        makers = (
            Person.objects.public().filter(places__status="published", places__latitude__isnull=False)
            .prefetch_related("names").distinct().order_by("pk")
        )  # fmt: skip
        self.fields["people"].choices = [(str(p.pk), p.display_name) for p in makers]
        starts = Place.objects.public().filter(latitude__isnull=False).exclude(kind="workshop").order_by("slug")
        self.fields["start_place"].choices = [("", "—")] + [(p.slug, str(p.name)) for p in starts]

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours <= 0:
            raise ValidationError(_("The time budget must be more than zero minutes."))
        if hours > 24:
            raise ValidationError(_("A walking day has at most 24 hours."))
        return hours

    def clean(self):
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        if lat is not None and not -90 <= lat <= 90:
            self.add_error("latitude", _("Latitude must be between -90 and 90."))
        if lon is not None and not -180 <= lon <= 180:
            self.add_error("longitude", _("Longitude must be between -180 and 180."))
        if not data.get("start_place") and (lat is None or lon is None) and not self.errors:
            raise ValidationError(_("Give a start point: a place, or a latitude and longitude."))
        return data


def planner(request):
    today = timezone.localdate()
    initial = {
        "date": today,
        "start_time": dt.time(10, 0),
        "hours": 4,
        "start_place": "abai-square-palace-of-the-republic",
    }
    submitted = "date" in request.GET
    form = PlannerForm(request.GET if submitted else None, initial=initial)
    result = None
    if submitted and form.is_valid():
        data = form.cleaned_data
        start_place = Place.objects.public().filter(slug=data["start_place"]).first() if data["start_place"] else None
        try:
            result = tour_plan(
                date=data["date"], start_time=data["start_time"], budget_minutes=int(data["hours"] * 60),
                latitude=data.get("latitude"), longitude=data.get("longitude"), start_place=start_place,
                disciplines=data["disciplines"], people=[int(p) for p in data["people"]], viewer=request.user,
            )  # fmt: skip
        except ValidationError as error:
            for messages in error.message_dict.values():
                for message in messages:
                    form.add_error(None, message)
    if result is not None:
        wanted = request.GET.get("download")
        name = f"craftcity-plan-{result.date.isoformat()}"
        if wanted == "gpx":
            title = _("Walking plan for %(date)s") % {"date": formats.date_format(result.date)}
            return _gpx_response(name, title, "", result.points())
        if wanted == "geojson":
            return _geojson_response(name, feature_collection(result.points()))
    query = request.GET.copy()
    query.pop("download", None)
    skipped_by_reason: dict[str, list] = {}
    if result is not None:
        for place, _code, message in result.skipped:
            skipped_by_reason.setdefault(message, []).append(place)
    context = {
        "form": form,
        "result": result,
        "skipped": sorted(skipped_by_reason.items(), key=lambda item: -len(item[1])),
        "query": query.urlencode(),
        "geojson": feature_collection(result.points()) if result else None,
        "start": json.dumps(result.start) if result else "",
        **_map_settings(),
    }
    return render(request, "public/planner.html", context)
