"""The search across the network of craft cities: local and partner records ranked together, each with its city."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from craftcity.network.selectors import network_search

RESULT_FIELDS = {
    "type": serializers.CharField(help_text="person, organization, work, event, place (and local kinds)."),
    "title": serializers.CharField(),
    "subtitle": serializers.CharField(),
    "url": serializers.URLField(help_text="The record's page on its own city's site."),
    "city": serializers.CharField(help_text="The city the record comes from, in the request's language."),
    "city_slug": serializers.CharField(),
    "is_local": serializers.BooleanField(help_text="True for this installation's own records."),
    "score": serializers.FloatField(help_text="How well the name matches, 0–1; results are ranked by it."),
}


class NetworkSearchView(APIView):
    """Find artisans, organizations, works, events and places across this city and its partner cities, in any
    script; one ranking for all, each result naming its city and linking to that city's page."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="What to look for, in any script."),
            OpenApiParameter("limit", int, required=False, description="At most this many results (1–100)."),
        ],
        responses={
            200: inline_serializer(
                "NetworkSearch",
                {
                    "query": serializers.CharField(),
                    "count": serializers.IntegerField(),
                    "results": inline_serializer("NetworkSearchResult", RESULT_FIELDS, many=True),
                },
            )
        },
    )
    def get(self, request):
        query = request.query_params.get("q", "").strip()
        if not query:
            raise ValidationError({"q": [_("Say what to look for.")]})
        try:
            limit = max(1, min(int(request.query_params.get("limit", 20)), 100))
        except ValueError:
            raise ValidationError({"limit": [_("A whole number is expected.")]}) from None
        hits = network_search(query, limit=limit, build_url=request.build_absolute_uri)
        results = [hit.as_dict() for hit in hits]
        return Response({"query": query, "count": len(results), "results": results})
