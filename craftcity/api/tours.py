"""API for places as GeoJSON, curated tours, and the tour planner (POST /api/v1/tours/plan/)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import renderers, serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from craftcity.places.models import Place
from craftcity.tours import selectors
from craftcity.tours.exports import feature_collection
from craftcity.tours.hours import opening_status
from craftcity.tours.models import Tour
from craftcity.tours.planner import tour_plan

from . import serializers as registry
from .fields import TranslatedJSONField
from .views import PlaceViewSet


class GeoJSONRenderer(renderers.JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class PlaceSerializer(registry.PlaceSerializer):
    offers = TranslatedJSONField(read_only=True)
    accessibility = TranslatedJSONField(read_only=True)
    languages = serializers.SerializerMethodField()
    open_now = serializers.SerializerMethodField()

    class Meta(registry.PlaceSerializer.Meta):
        fields = [*registry.PlaceSerializer.Meta.fields, "visit_mode", "visit_minutes", "offers", "accessibility",
                  "languages", "open_now"]  # fmt: skip

    def get_languages(self, place) -> list[str]:
        from craftcity.places.models import split_codes

        return split_codes(place.languages)

    def get_open_now(self, place) -> str:
        return opening_status(place)["state"]


def place_feature(place: Place, viewer) -> dict | None:
    point = place.public_coordinates(viewer)
    if point is None:
        return None
    return {
        "latitude": point[0], "longitude": point[1], "exact": point[2], "slug": place.slug, "name": str(place.name),
        "kind": place.kind, "address": place.public_address(viewer), "opening_hours": place.opening_hours,
    }  # fmt: skip


class PlaceGeoViewSet(PlaceViewSet):
    """Places; `?format=geojson` or `places.geojson` gives every place with a location as a FeatureCollection
    (home workshops at their district's rounded point unless the artisan consented)."""

    serializer_class = PlaceSerializer
    renderer_classes = [*PlaceViewSet.renderer_classes, GeoJSONRenderer]

    def get_renderers(self):
        # Only the list is a FeatureCollection; a single place (or its 404) is plain JSON, as documented.
        renderers_ = super().get_renderers()
        if getattr(self, "action", None) == "list":
            return renderers_
        return [r for r in renderers_ if not isinstance(r, GeoJSONRenderer)]

    def list(self, request, *args, **kwargs):
        if getattr(request.accepted_renderer, "format", "") == "geojson":
            queryset = self.filter_queryset(self.get_queryset())
            points = [f for f in (place_feature(p, request.user) for p in queryset) if f]
            return Response(feature_collection(points, line=False))
        return super().list(request, *args, **kwargs)


class TourStopSerializer(serializers.Serializer):
    position = serializers.IntegerField(source="stop.position")
    place = serializers.CharField(source="stop.place.slug")
    name = serializers.CharField(source="stop.place.name")
    text = TranslatedJSONField(source="stop.text")
    visit_minutes = serializers.IntegerField(source="stop.visit_minutes")
    latitude = serializers.SerializerMethodField()
    longitude = serializers.SerializerMethodField()
    is_location_exact = serializers.SerializerMethodField()
    address = serializers.CharField()
    walk_minutes = serializers.FloatField()
    walk_metres = serializers.FloatField()

    def get_latitude(self, item) -> float | None:
        return item.point[0] if item.point else None

    def get_longitude(self, item) -> float | None:
        return item.point[1] if item.point else None

    def get_is_location_exact(self, item) -> bool:
        return bool(item.point and item.point[2])


class TourSerializer(serializers.ModelSerializer):
    title = TranslatedJSONField(read_only=True)
    summary = TranslatedJSONField(read_only=True)
    duration_minutes = serializers.SerializerMethodField()
    distance_metres = serializers.SerializerMethodField()
    stops = serializers.SerializerMethodField()

    class Meta:
        model = Tour
        fields = ["slug", "title", "summary", "duration_minutes", "distance_metres", "stops"]

    def _route(self, tour):
        cache = self.context.setdefault("routes", {})
        if tour.pk not in cache:
            cache[tour.pk] = selectors.tour_route(tour, getattr(self.context.get("request"), "user", None))
        return cache[tour.pk]

    def get_duration_minutes(self, tour) -> int:
        return round(self._route(tour).duration_minutes)

    def get_distance_metres(self, tour) -> int:
        return round(self._route(tour).walk_metres)

    def get_stops(self, tour) -> list[dict]:
        return TourStopSerializer(self._route(tour).stops, many=True).data


class TourViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TourSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.tour_list()


class PlanRequestSerializer(serializers.Serializer):
    date = serializers.DateField()
    start_time = serializers.TimeField(default=datetime.time(10, 0))
    budget_minutes = serializers.IntegerField(min_value=1, max_value=24 * 60)
    latitude = serializers.FloatField(required=False, min_value=-90, max_value=90)
    longitude = serializers.FloatField(required=False, min_value=-180, max_value=180)
    start_place = serializers.SlugRelatedField(
        slug_field="slug", queryset=Place.objects.public(), required=False, allow_null=True
    )
    disciplines = serializers.ListField(child=serializers.SlugField(), required=False, default=list)
    # Bounded to the database's integer range: no larger id exists, and unbounded it crashed the query.
    people = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False, default=list
    )
    places = serializers.ListField(child=serializers.SlugField(), required=False, default=list)
    max_stops = serializers.IntegerField(required=False, min_value=1, max_value=50, allow_null=True)
    solver = serializers.ChoiceField(choices=["auto", "heuristic", "ortools"], default="auto")

    def validate(self, data):
        if data.get("start_place") is None and (data.get("latitude") is None or data.get("longitude") is None):
            raise serializers.ValidationError(
                {"start": [_("Give a start point: a place, or a latitude and longitude.")]}
            )
        if data["solver"] == "ortools":
            from tourkit.ortools_solver import available

            if not available():
                raise serializers.ValidationError({"solver": [_("OR-Tools is not installed here.")]})
        return data


class TourPlanView(APIView):
    """Plan a walking day: which of the wanted places to visit, in what order, at what times, and why the
    others were left out. Input errors come back in the house error shape."""

    permission_classes = [AllowAny]

    @extend_schema(request=PlanRequestSerializer, responses={200: {"type": "object"}})
    def post(self, request):
        data = PlanRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = tour_plan(viewer=request.user, **data.validated_data)
        return Response(plan_as_dict(result))


def plan_as_dict(result) -> dict:
    return {
        "date": result.date.isoformat(),
        "start": {"latitude": result.start[0], "longitude": result.start[1]},
        "start_time": result.start_time.strftime("%H:%M"),
        "budget_minutes": result.budget_minutes,
        "is_public_holiday": result.is_holiday,
        "solver": result.solver,
        "walk_minutes": result.walk_minutes,
        "walk_metres": result.walk_metres,
        "notice": result.notice,
        "stops": result.points(),
        "skipped": [
            {"slug": place.slug, "name": str(place.name), "reason": code, "message": message}
            for place, code, message in result.skipped
        ],
        "geojson": feature_collection(result.points()),
    }
